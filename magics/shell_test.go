package magics

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// needUnixShell skips a test that runs commands with /bin/sh or /bin/bash
// (shellPath, %%bash, %%sh), which Windows does not have; the interrupt
// tests also rely on POSIX process groups and signals (shell_unix.go).
func needUnixShell(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs /bin/sh and POSIX process groups (Unix)")
	}
}

// firstWriteWriter notes when its first write happens.
type firstWriteWriter struct {
	mu    sync.Mutex
	first chan string
	all   strings.Builder
}

func (w *firstWriteWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.all.Len() == 0 {
		w.first <- string(p)
	}
	w.all.Write(p)
	return len(p), nil
}

func TestShellStreamsLive(t *testing.T) {
	needUnixShell(t)
	w := &firstWriteWriter{first: make(chan string, 1)}
	env := newEverydayEnv()
	env.outShunt = w
	done := make(chan error, 1)
	go func() { done <- runShell(context.Background(), env, "echo first; sleep 0.5; echo second") }()
	select {
	case chunk := <-w.first:
		if chunk != "first\n" {
			t.Errorf("first chunk = %q, want %q", chunk, "first\n")
		}
		select {
		case <-done:
			t.Fatal("the first chunk arrived only when the command had ended")
		default:
		}
	case err := <-done:
		t.Fatalf("command ended (err %v) before any output was written", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no output")
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := w.all.String(); got != "first\nsecond\n" {
		t.Errorf("output = %q", got)
	}
}

func TestShellOutputs(t *testing.T) {
	needUnixShell(t)
	t.Setenv("GOPAR_SHELL_TEST", "from the kernel")
	tests := []struct {
		name, command, stdout, stderr string
	}{
		{"stdout", "echo hello", "hello\n", ""},
		{"stderr", "echo oops >&2", "", "oops\n"},
		{"non-zero exit", "echo partial; exit 2", "partial\n", "gopar: command exited with status 2\n"},
		{"not found", "exec 2>/dev/null; no-such-command-gopar", "", "gopar: command exited with status 127\n"},
		{"killed by a signal", "kill -9 $$", "", "gopar: command terminated (signal: killed)\n"},
		{"stdin is empty", "wc -c; cat; echo done", "0\ndone\n", ""},
		{"environment", `echo "$GOPAR_SHELL_TEST"`, "from the kernel\n", ""},
		{"pipes and globs", "printf 'b\\na\\n' | sort", "a\nb\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEverydayEnv()
			if err := runShell(context.Background(), env, tt.command); err != nil {
				t.Fatalf("runShell: %v", err)
			}
			if got := strings.TrimLeft(env.Out(), " "); got != tt.stdout {
				t.Errorf("stdout = %q, want %q", got, tt.stdout)
			}
			if got := env.Err(); got != tt.stderr {
				t.Errorf("stderr = %q, want %q", got, tt.stderr)
			}
		})
	}
}

func TestShellRunsInCurrentDirectory(t *testing.T) {
	needUnixShell(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	env := newEverydayEnv()
	if err := runShell(context.Background(), env, `pwd -P; echo "$PWD"`); err != nil {
		t.Fatal(err)
	}
	if want := dir + "\n" + dir + "\n"; env.Out() != want {
		t.Errorf("output = %q, want %q", env.Out(), want)
	}
}

func TestShellInterrupt(t *testing.T) {
	needUnixShell(t)
	tests := []struct{ name, command string }{
		{"sleep", "sleep 30"},
		{"pipeline", "sleep 30 | cat"},
		// SIGINT is ignored: the group is killed a second later.
		{"ignores SIGINT", "trap '' INT; sleep 30; echo not reached"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			env := newEverydayEnv()
			start := time.Now()
			err := runShell(ctx, env, tt.command)
			elapsed := time.Since(start)
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "interrupted") {
				t.Errorf("err = %v, want an interruption wrapping the context's error", err)
			}
			if elapsed > 1700*time.Millisecond {
				t.Errorf("took %v to stop", elapsed)
			}
			if strings.Contains(env.Out(), "not reached") {
				t.Error("the command went on after the interrupt")
			}
		})
	}
}

func TestShellCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	env := newEverydayEnv()
	err := runShell(ctx, env, "echo should not run")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if env.Out() != "" {
		t.Errorf("output %q", env.Out())
	}
}

func TestShellCannotStart(t *testing.T) {
	prog := filepath.Join(t.TempDir(), "gopar-sh")
	_, err := runProgram(context.Background(), newEverydayEnv(), exec.Command(prog, "-c", "true"))
	if err == nil || !strings.Contains(err.Error(), "cannot run "+prog) {
		t.Errorf("err = %v", err)
	}
}

// TestScriptProgramMissing: %%bash without a bash says what to install.
func TestScriptProgramMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := findScriptProgram("gopar-no-shell")
	var e *Error
	if !errors.As(err, &e) || e.Name != "FileNotFoundError" || !strings.Contains(e.Value, "found no gopar-no-shell program") {
		t.Errorf("err = %v", err)
	}
}

// chunkReader returns its chunks one Read at a time.
type chunkReader struct{ chunks [][]byte }

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunks[0])
	r.chunks = r.chunks[1:]
	return n, nil
}

type recordWriter struct{ writes []string }

func (w *recordWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

func TestStreamOutputKeepsCharactersWhole(t *testing.T) {
	euro := []byte("€") // 3 bytes
	tests := []struct {
		name   string
		chunks [][]byte
		want   []string
	}{
		{"ascii", [][]byte{[]byte("ab"), []byte("cd")}, []string{"ab", "cd"}},
		{"cut after 1 byte", [][]byte{append([]byte("a"), euro[0]), append(euro[1:], 'b')}, []string{"a", "€b"}},
		{"cut after 2 bytes", [][]byte{append([]byte("a"), euro[:2]...), euro[2:]}, []string{"a", "€"}},
		{"cut byte by byte", [][]byte{euro[:1], euro[1:2], euro[2:]}, []string{"€"}},
		{"cut at the end", [][]byte{append([]byte("a"), euro[:2]...)}, []string{"a", string(euro[:2])}},
		{"invalid bytes pass", [][]byte{{'a', 0xff}, {'b'}}, []string{"a\xff", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &recordWriter{}
			streamOutput(w, &chunkReader{chunks: tt.chunks}, &sync.Mutex{})
			if !reflect.DeepEqual(w.writes, tt.want) {
				t.Errorf("writes = %q, want %q", w.writes, tt.want)
			}
			for _, s := range w.writes[:len(w.writes)-1] {
				if !utf8.ValidString(s) && tt.name != "invalid bytes pass" {
					t.Errorf("write %q is not valid UTF-8", s)
				}
			}
		})
	}
}

func TestArgWords(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{"", nil, false},
		{"  a  b\tc ", []string{"a", "b", "c"}, false},
		{`'my file.txt'`, []string{"my file.txt"}, false},
		{`"my file.txt" -a`, []string{"my file.txt", "-a"}, false},
		{`a\ b`, []string{"a b"}, false},
		{`"a \"q\" \n"`, []string{`a "q" \n`}, false},
		{`x'y'"z"`, []string{"xyz"}, false},
		{`''`, []string{""}, false},
		{`'open`, nil, true},
		{`"open`, nil, true},
	}
	for _, tt := range tests {
		got, err := argWords(tt.in)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("argWords(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestProcessEnvSetsPWD(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	env := processEnv()
	wd, _ := os.Getwd()
	if last := env[len(env)-1]; last != "PWD="+wd {
		t.Errorf("last entry = %q, want PWD=%s", last, wd)
	}
}
