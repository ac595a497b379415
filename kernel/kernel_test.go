package kernel

import (
	"errors"
	"reflect"
	"testing"

	"gopar/kernel/eval"
	"gopar/kernel/wire"
)

func TestErrorFields(t *testing.T) {
	tests := []struct {
		err  error
		want errorContent
	}{
		{&eval.Error{Name: "panic", Value: "boom", Traceback: []string{"panic: boom", "", "goroutine of the cell:", "    In [3], line 2, in f"}},
			errorContent{EName: "panic", EValue: "boom", Traceback: []string{
				"\x1b[1;31mpanic: boom\x1b[0m", "", "goroutine of the cell:", "\x1b[32m    In [3], line 2, in f\x1b[0m"}}},
		{errors.New("plain"), errorContent{EName: "Error", EValue: "plain", Traceback: []string{"\x1b[1;31mplain\x1b[0m"}}},
		// A traceback is always a list, never null.
		{&eval.Error{Name: "CompileError", Value: "bad"}, errorContent{EName: "CompileError", EValue: "bad", Traceback: []string{"\x1b[1;31mCompileError: bad\x1b[0m"}}},
	}
	for _, tt := range tests {
		if got := errorFields(tt.err); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("errorFields(%v) = %+v, want %+v", tt.err, got, tt.want)
		}
	}
}

func TestKernelInfo(t *testing.T) {
	k := &Kernel{cfg: Config{Connection: wire.ConnectionInfo{KernelName: "go-dev"}}}
	info := k.kernelInfo()
	li := info.LanguageInfo
	if info.Implementation != "gopar" || info.ProtocolVersion != wire.ProtocolVersion || li.Name != "go" ||
		li.Mimetype != "text/x-go" || li.FileExtension != ".go" || li.PygmentsLexer != "go" || li.CodemirrorMode != "go" ||
		li.Version != eval.LanguageVersion || info.Banner == "" {
		t.Errorf("kernel_info = %+v", info)
	}
	if got := info.HelpLinks[len(info.HelpLinks)-1].URL; got != "/kernelspecs/go-dev/README.md" {
		t.Errorf("README link = %q, want the kernelspec's README", got)
	}
}

func TestStdinWithoutFrontEnd(t *testing.T) {
	s := newStdin(nil)
	defer func() {
		if r := recover(); r != ErrNoStdin {
			t.Fatalf("Read with no front end panicked with %v, want ErrNoStdin", r)
		}
	}()
	s.Read(make([]byte, 8))
}

func TestStdinBuffered(t *testing.T) {
	s := newStdin(nil)
	s.buf = []byte("ab\n")
	p := make([]byte, 2)
	for _, want := range []string{"ab", "\n"} {
		n, err := s.Read(p)
		if err != nil || string(p[:n]) != want {
			t.Fatalf("Read = %q, %v; want %q", p[:n], err, want)
		}
	}
}

func TestOrTrue(t *testing.T) {
	f, tr := false, true
	if !orTrue(nil) || orTrue(&f) || !orTrue(&tr) {
		t.Error("orTrue: an absent flag is true, a given one is itself")
	}
}

func TestHelpRequest(t *testing.T) {
	tests := []struct {
		code   string
		name   string
		detail int
		ok     bool
	}{
		{"fmt.Println?", "fmt.Println", 0, true},
		{"?fmt.Println", "fmt.Println", 0, true},
		{"fmt.Println??", "fmt.Println", 1, true},
		{"??x", "x", 1, true},
		{"  héllo?\n", "héllo", 0, true},
		{"x", "", 0, false},
		{"?x?", "", 0, false},
		{"x := a?", "", 0, false},
		{"f()?", "", 0, false},
		{"?", "", 0, false},
		{"a.?", "", 0, false},
	}
	for _, tt := range tests {
		name, detail, ok := helpRequest(tt.code)
		if name != tt.name || detail != tt.detail || ok != tt.ok {
			t.Errorf("helpRequest(%q) = %q, %d, %v; want %q, %d, %v", tt.code, name, detail, ok, tt.name, tt.detail, tt.ok)
		}
	}
}
