package introspect

import (
	"go/constant"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/traefik/yaegi/stdlib"
)

// fakeScope is a session that declared a few things.
type fakeScope struct {
	decls   []Decl
	imports map[string]string
	types   map[string]any // variable -> a cell type's name (string) or a reflect.Type
}

func (s *fakeScope) Decls() []Decl              { return s.decls }
func (s *fakeScope) Imports() map[string]string { return s.imports }
func (s *fakeScope) TypeOf(name string) (string, reflect.Type, bool) {
	switch t := s.types[name].(type) {
	case string:
		return t, nil, true
	case reflect.Type:
		return "", t, true
	}
	return "", nil, false
}

const areaSource = `func (p Point) Area() int {
	return p.X * p.Y
}`

const longFuncSource = `func long(n int) int {
	a := n
	a++
	a++
	a++
	a++
	a++
	a++
	a++
	a++
	a++
	a++
	a++
	return a
}`

func newScope() *fakeScope {
	return &fakeScope{
		decls: []Decl{
			{Name: "x", Kind: "const", Source: "const x = 1", Cell: 1},
			{Name: "Point", Kind: "type", Source: "type Point struct {\n\tX, Y int\n\tlabel string\n}", Cell: 2},
			{Name: "Area", Kind: "method", Recv: "Point", Source: areaSource, Cell: 2},
			{Name: "Scale", Kind: "method", Recv: "Point", Source: "func (p *Point) Scale(k int) { p.X *= k; p.Y *= k }", Cell: 2},
			{Name: "Labeled", Kind: "type", Source: "type Labeled struct {\n\tPoint\n\tName string\n}", Cell: 2},
			{Name: "greet", Kind: "func", Source: "func greet(name string) string {\n\treturn \"hello, \" + name\n}", Cell: 3},
			{Name: "long", Kind: "func", Source: longFuncSource, Cell: 3},
			{Name: "p", Kind: "var", Source: "var p = Point{1, 2}", Cell: 4},
			{Name: "lp", Kind: "var", Source: "lp := &Labeled{Name: \"a\"}", Cell: 4},
			{Name: "b", Kind: "var", Source: "b := &strings.Builder{}", Cell: 5},
			{Name: "x", Kind: "var", Source: "x := 3", Cell: 6}, // declared again: now a var
			{Name: "Pi", Kind: "const", Source: "const Pi = 3.14", Cell: 6},
			{Name: "héllo", Kind: "var", Source: "héllo := 1", Cell: 7},
		},
		imports: map[string]string{
			"fmt":     "fmt",
			"json":    "encoding/json",
			"rand":    "math/rand/v2",
			"display": "gopar/runtime/display",
		},
		types: map[string]any{
			"p":     "Point",
			"lp":    "*Labeled",
			"b":     reflect.TypeOf(&strings.Builder{}),
			"x":     reflect.TypeOf(0),
			"héllo": reflect.TypeOf(0),
		},
	}
}

// fakeBundle stands for display.Bundle in the fake runtime table.
type fakeBundle struct{ Data map[string]any }

// testPackages are yaegi's standard library tables and a small runtime
// package.
var testPackages = func() map[string]map[string]reflect.Value {
	pkgs := maps.Clone(stdlib.Symbols)
	pkgs["gopar/runtime/display/display"] = map[string]reflect.Value{
		"HTML":     reflect.ValueOf(func(s string) fakeBundle { return fakeBundle{} }),
		"Show":     reflect.ValueOf(func(values ...any) error { return nil }),
		"Bundle":   reflect.ValueOf((*fakeBundle)(nil)),
		"MIMEHTML": reflect.ValueOf(constant.MakeFromLiteral(`"text/html"`, token.STRING, 0)),
	}
	return pkgs
}()

var testMagics = []string{"time", "timeit", "env", "who"}

// moduleSource is the module's own tree, which holds the runtime's sources
// as the binary embeds them.
var moduleSource = os.DirFS(filepath.Join("..", ".."))

func newIntrospector() *Introspector {
	return New(newScope(), Options{Packages: testPackages, Magics: testMagics, ModuleSource: moduleSource})
}

// complete runs Complete with the cursor at "|" in code (at the end
// without one).
func complete(in *Introspector, code string) (Completion, int) {
	cursor := utf8.RuneCountInString(code)
	if i := strings.Index(code, "|"); i >= 0 {
		cursor = utf8.RuneCountInString(code[:i])
		code = code[:i] + code[i+1:]
	}
	return in.Complete(code, cursor), cursor
}

func texts(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Text
	}
	return out
}

func find(ms []Match, text string) (Match, bool) {
	for _, m := range ms {
		if m.Text == text {
			return m, true
		}
	}
	return Match{}, false
}

func TestComplete(t *testing.T) {
	in := newIntrospector()
	tests := []struct {
		name string
		code string // the cursor is at "|", or at the end
		// want are exactly the matches' texts, in order, unless
		// contains is set: then they are among them.
		want     []string
		contains bool
		kinds    map[string]string // text -> kind
		sigs     map[string]string // text -> signature
		back     int               // cursor - Start
	}{
		{name: "keyword", code: "fo", want: []string{"for", "format"}, kinds: map[string]string{"for": "keyword"}, back: 2},
		{name: "keywords and builtins", code: "c", want: []string{"cap", "case", "chan", "clear", "close", "cmp", "comparable", "complex", "complex128", "complex64", "const", "context", "continue", "copy", "crc32", "crc64", "csv", "cgi", "cipher", "cmplx", "color", "constant", "constraint", "cookiejar", "crypto"}, contains: true,
			kinds: map[string]string{"cap": "function", "case": "keyword", "complex128": "type", "cmp": "module"}, back: 1},
		{name: "builtin signature", code: "le", want: []string{"len"}, sigs: map[string]string{"len": "func(v Type) int"}, back: 2},
		{name: "predeclared constants", code: "tr", want: []string{"trace", "true"}, kinds: map[string]string{"true": "constant"}, back: 2},
		{name: "predeclared type", code: "float", want: []string{"float32", "float64"}, kinds: map[string]string{"float64": "type"}, back: 5},
		{name: "cell type", code: "Po", want: []string{"Point"}, kinds: map[string]string{"Point": "type"}, sigs: map[string]string{"Point": "struct{...}"}, back: 2},
		{name: "cell func", code: "gr", want: []string{"greet"}, kinds: map[string]string{"greet": "function"}, sigs: map[string]string{"greet": "func(name string) string"}, back: 2},
		{name: "redeclared name: the last wins", code: "x", want: []string{"x", "x509", "xml"}, kinds: map[string]string{"x": "variable", "xml": "module"}, sigs: map[string]string{"x": "int"}, back: 1},
		{name: "cell const", code: "P", want: []string{"Pi", "Point"}, kinds: map[string]string{"Pi": "constant"}, back: 1},
		{name: "cell var of a cell type", code: "p", want: []string{"p", "package", "palette", "panic", "parse", "parser", "path", "pe", "pem", "pkix", "plan9obj", "png", "pprof", "print", "printer", "println"},
			sigs: map[string]string{"p": "Point"}, back: 1},
		{name: "import", code: "js", want: []string{"json", "jsonrpc"}, kinds: map[string]string{"json": "module", "jsonrpc": "module"}, back: 2},
		{name: "standard library package not imported", code: "strc", want: []string{"strconv"}, kinds: map[string]string{"strconv": "module"}, back: 4},
		{name: "package members", code: "strings.Spl", want: []string{"Split", "SplitAfter", "SplitAfterN", "SplitN"}, kinds: map[string]string{"Split": "function"}, back: 3},
		{name: "package members in an expression", code: "x := len(strings.Spl|(s, \",\"))", want: []string{"Split", "SplitAfter", "SplitAfterN", "SplitN"}, back: 3},
		{name: "package members after code points", code: "s := \"héllo wörld\"; strings.Spl", want: []string{"Split", "SplitAfter", "SplitAfterN", "SplitN"}, back: 3},
		{name: "a name of code points", code: "y := hé", want: []string{"héllo"}, back: 2},
		{name: "all members", code: "strings.|", want: []string{"Builder", "Clone", "Compare", "Contains", "Reader", "Replacer", "TrimSpace"}, contains: true,
			kinds: map[string]string{"Builder": "type"}, back: 0},
		{name: "imported package", code: "json.Unm", want: []string{"Unmarshal", "UnmarshalFieldError", "UnmarshalTypeError", "Unmarshaler"},
			kinds: map[string]string{"Unmarshal": "function", "Unmarshaler": "type"}, back: 3},
		{name: "versioned package", code: "rand.IntN", want: []string{"IntN"}, back: 4},
		{name: "not imported: the preferred package", code: "template.HTMLEsc", want: []string{"HTMLEscape", "HTMLEscapeString", "HTMLEscaper"}, back: 7},
		{name: "variable and constant members", code: "os.Std", want: []string{"Stderr", "Stdin", "Stdout"}, kinds: map[string]string{"Stdout": "variable"}, sigs: map[string]string{"Stdout": "*os.File"}, back: 3},
		{name: "untyped constant", code: "math.MaxInt6", want: []string{"MaxInt64"}, kinds: map[string]string{"MaxInt64": "constant"}, sigs: map[string]string{"MaxInt64": "untyped int"}, back: 7},
		{name: "typed constant", code: "time.Nanos", want: []string{"Nanosecond"}, kinds: map[string]string{"Nanosecond": "constant"}, sigs: map[string]string{"Nanosecond": "time.Duration"}, back: 5},
		{name: "runtime package", code: "display.", want: []string{"Bundle", "HTML", "MIMEHTML", "Show"},
			kinds: map[string]string{"HTML": "function", "Bundle": "type", "MIMEHTML": "constant"}, sigs: map[string]string{"HTML": "func(s string) Bundle"}},
		{name: "cell struct", code: "p.", want: []string{"Area", "Scale", "X", "Y", "label"},
			kinds: map[string]string{"Area": "method", "Scale": "method", "X": "field"}, sigs: map[string]string{"Area": "func() int", "Scale": "func(k int)", "X": "int"}},
		{name: "cell struct prefix", code: "p.Sc", want: []string{"Scale"}, back: 2},
		{name: "embedded cell struct", code: "lp.", want: []string{"Area", "Name", "Point", "Scale", "X", "Y", "label"},
			kinds: map[string]string{"Point": "field", "Area": "method"}},
		{name: "field chain", code: "lp.Point.", want: []string{"Area", "Scale", "X", "Y", "label"}},
		{name: "library type", code: "b.", want: []string{"Cap", "Grow", "Len", "Reset", "String", "Write", "WriteByte", "WriteRune", "WriteString"},
			kinds: map[string]string{"WriteString": "method"}},
		{name: "library variable's members", code: "os.Stdout.Wr", want: []string{"Write", "WriteAt", "WriteString", "WriteTo"}, back: 2},
		{name: "import path", code: `import "encoding/j`, want: []string{"encoding/json"}, kinds: map[string]string{"encoding/json": "module"}, back: 10},
		{name: "import path with a name", code: `import js "encoding/j`, want: []string{"encoding/json"}, back: 10},
		{name: "import path in a block", code: "import (\n\t\"fmt\"\n\t\"encoding/j", want: []string{"encoding/json"}, back: 10},
		{name: "import paths", code: `import "encoding/b`, want: []string{"encoding/base32", "encoding/base64", "encoding/binary"}, back: 10},
		{name: "runtime import path", code: `import "gopar/`, want: []string{"gopar/runtime/display"}, back: 6},
		{name: "import path before the closing quote", code: `import "math/ra|"`, want: []string{"math/rand", "math/rand/v2"}, back: 7},
		{name: "line magic", code: "%ti", want: []string{"%time", "%timeit"}, kinds: map[string]string{"%time": "magic"}, back: 3},
		{name: "cell magic", code: "%%ti", want: []string{"%%time", "%%timeit"}, back: 4},
		{name: "indented magic", code: "x := 1\n  %w", want: []string{"%who"}, back: 2},
		{name: "all magics", code: "%", want: []string{"%env", "%time", "%timeit", "%who"}, back: 1},
		{name: "code after a magic", code: "%time strings.Spl", want: []string{"Split", "SplitAfter", "SplitAfterN", "SplitN"}, back: 3},

		{name: "nothing: no word", code: "x := "},
		{name: "nothing: unknown prefix", code: "zzz"},
		{name: "nothing: unknown package", code: "nopkg.Fo"},
		{name: "nothing: unknown member", code: "strings.Zz"},
		{name: "nothing: number", code: "x := 3.1"},
		{name: "nothing: call result", code: "f()."},
		{name: "nothing: comment", code: "// strings.Spl"},
		{name: "nothing: string", code: `s := "strings.Spl`},
		{name: "nothing: string after an import block", code: "import (\n\t\"fmt\"\n)\n\ns := \"encoding/j"},
		{name: "nothing: raw string", code: "s := `\nstrings.Spl"},
		{name: "nothing: unknown magic", code: "%zz"},
		{name: "nothing: function", code: "greet."},
		{name: "nothing: cell var of a basic type", code: "x."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, cursor := complete(in, tt.code)
			got := texts(c.Matches)
			if tt.contains {
				for _, w := range tt.want {
					if !slices.Contains(got, w) {
						t.Errorf("matches %q lack %q", got, w)
					}
				}
			} else if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("matches = %q, want %q", got, tt.want)
			}
			if c.End != cursor {
				t.Errorf("End = %d, want the cursor %d", c.End, cursor)
			}
			if c.Start != cursor-tt.back {
				t.Errorf("Start = %d, want %d", c.Start, cursor-tt.back)
			}
			for text, kind := range tt.kinds {
				if m, _ := find(c.Matches, text); m.Kind != kind {
					t.Errorf("kind of %q = %q, want %q", text, m.Kind, kind)
				}
			}
			for text, sig := range tt.sigs {
				if m, _ := find(c.Matches, text); m.Signature != sig {
					t.Errorf("signature of %q = %q, want %q", text, m.Signature, sig)
				}
			}
		})
	}
}

// TestCompleteSorted checks that matches are sorted and unique: a cell's
// name hides the predeclared one it shadows.
func TestCompleteSorted(t *testing.T) {
	scope := newScope()
	scope.decls = append(scope.decls, Decl{Name: "len", Kind: "func", Source: "func len() int { return 0 }", Cell: 8})
	in := New(scope, Options{Packages: testPackages, ModuleSource: moduleSource})
	for _, code := range []string{"s", "l", "c", "strings.", "b."} {
		got := texts(in.Complete(code, len(code)).Matches)
		if !slices.IsSorted(got) {
			t.Errorf("Complete(%q) not sorted: %q", code, got)
		}
		if len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("Complete(%q) has duplicates: %q", code, got)
		}
	}
	m, _ := find(in.Complete("le", 2).Matches, "len")
	if m.Kind != "function" || m.Signature != "func() int" {
		t.Errorf("len = %+v, want the cell's function", m)
	}
}

// TestCompleteSignaturesWithNames checks that with GOROOT's sources the
// signatures name their parameters; without, reflect's are used.
func TestCompleteSignaturesWithNames(t *testing.T) {
	in := newIntrospector()
	c := in.Complete("strings.Split", 13)
	m, ok := find(c.Matches, "Split")
	if !ok {
		t.Fatalf("no Split in %q", texts(c.Matches))
	}
	want := "func(s, sep string) []string"
	if gorootDir() == "" {
		want = "func(string, string) []string"
	}
	if m.Signature != want {
		t.Errorf("Split's signature = %q, want %q", m.Signature, want)
	}
	c = in.Complete("b.WriteS", 8)
	if m, _ := find(c.Matches, "WriteString"); gorootDir() != "" && m.Signature != "func(s string) (int, error)" {
		t.Errorf("WriteString's signature = %q", m.Signature)
	}
}

// TestCompleteClamps checks that a cursor outside the code is clamped.
func TestCompleteClamps(t *testing.T) {
	in := newIntrospector()
	code := "strings.Spl"
	for _, cursor := range []int{100, -5} {
		c := in.Complete(code, cursor)
		clamped := min(max(cursor, 0), len(code))
		if c.End != clamped {
			t.Errorf("Complete(%q, %d).End = %d, want %d", code, cursor, c.End, clamped)
		}
	}
	if c := in.Complete(code, 100); len(c.Matches) != 4 {
		t.Errorf("Complete(%q, 100) = %q, want the 4 Split functions", code, texts(c.Matches))
	}
	if c := in.Complete("", 0); len(c.Matches) != 0 || c.Start != 0 || c.End != 0 {
		t.Errorf("Complete of nothing = %+v", c)
	}
}

func TestNilScope(t *testing.T) {
	in := New(nil, Options{Packages: testPackages})
	if got := texts(in.Complete("strings.Spl", 11).Matches); len(got) != 4 {
		t.Errorf("matches = %q", got)
	}
	if r := in.Inspect("zz", 2, 0); r.Found {
		t.Errorf("Inspect found %q", r.Text)
	}
}

func TestInspect(t *testing.T) { testInspect(t, gorootDir() != "") }

// TestInspectWithoutSources checks inspection without a Go installation's
// sources: reflect gives the signatures.
func TestInspectWithoutSources(t *testing.T) {
	savedRoot, savedDocs := gorootDir, stdDocs
	t.Cleanup(func() { gorootDir, stdDocs = savedRoot, savedDocs })
	gorootDir, stdDocs = func() string { return "" }, newDocCache(loadStdDocs)
	testInspect(t, false)
	c := newIntrospector().Complete("strings.Split", 13)
	if m, _ := find(c.Matches, "Split"); m.Signature != "func(string, string) []string" {
		t.Errorf("Split without sources = %+v", m)
	}
}

func testInspect(t *testing.T, sources bool) {
	in := newIntrospector()
	tests := []struct {
		name   string
		code   string // the cursor is at "|", or at the end
		detail int
		want   []string // in Text whatever the sources
		// wantDoc are in Text when GOROOT's sources are installed;
		// without, the reflect signature in wantSig is.
		wantDoc []string
		wantSig string
		notWant []string
	}{
		{name: "std function", code: "fmt.Println",
			wantDoc: []string{"func Println(a ...any) (n int, err error)", "Println formats using the default formats"},
			wantSig: "func Println(...any) (int, error)", notWant: []string{"Source:"}},
		{name: "std function source", code: "fmt.Println", detail: 1,
			wantDoc: []string{"Println formats using the default formats", "Source:", "return Fprintln(os.Stdout, a...)"},
			wantSig: "func Println(...any) (int, error)"},
		{name: "after the call's paren", code: "fmt.Println(", wantDoc: []string{"Println formats using the default formats"}, wantSig: "func Println("},
		{name: "in the call's arguments", code: `fmt.Println("a", |)`, wantDoc: []string{"Println formats using the default formats"}, wantSig: "func Println("},
		{name: "cursor in the name", code: "x := fmt.Pri|ntln(1)", wantDoc: []string{"Println formats using the default formats"}, wantSig: "func Println("},
		{name: "cursor in the package name", code: "fm|t.Println", wantDoc: []string{"Println formats using the default formats"}, wantSig: "func Println("},
		{name: "std type", code: "strings.Builder",
			want:    []string{"Methods:", "WriteString"},
			wantDoc: []string{"type Builder struct", "A Builder is used to efficiently build a string", "func (b *Builder) WriteString(s string) (int, error)"},
			wantSig: "type Builder struct"},
		{name: "std type method", code: "strings.Builder.Len", wantDoc: []string{"func (b *Builder) Len() int", "Len returns the number of accumulated bytes"}, wantSig: "Len() int"},
		{name: "std constant", code: "math.MaxInt64", wantDoc: []string{"MaxInt64 = 1<<63 - 1"}, wantSig: "const MaxInt64 = 9223372036854775807"},
		{name: "std variable", code: "os.Args", wantDoc: []string{"var Args []string", "Args hold the command-line arguments"}, wantSig: "var Args []string"},
		{name: "package", code: "strings", want: []string{`package strings // import "strings"`},
			wantDoc: []string{"Package strings implements simple functions"}, notWant: []string{"UTF-8 encoded strings.\n\n"}},
		{name: "package at detail 1", code: "strings", detail: 1, wantDoc: []string{"Package strings implements simple functions", "For information about UTF-8 strings in Go"}},
		{name: "imported versioned package", code: "rand", want: []string{`package rand // import "math/rand/v2"`}},
		{name: "builtin", code: "len", want: []string{"func len(v Type) int"}, wantDoc: []string{"The len built-in function returns the length of v"}, wantSig: "func len(v Type) int"},
		{name: "predeclared type", code: "x := int64|(3)", want: []string{"int64"}},
		{name: "keyword", code: "for", want: []string{"for", "repeats"}},
		{name: "user func", code: "greet", want: []string{"func greet(name string) string {", `return "hello, " + name`, "Declared in In [3]"}},
		{name: "user func called", code: "greet(|", want: []string{"func greet(name string) string {", "Declared in In [3]"}},
		{name: "long user func is shortened", code: "long", want: []string{"func long(n int) int { ... }", "In [3]"}, notWant: []string{"return a"}},
		{name: "long user func in full", code: "long", detail: 1, want: []string{"func long(n int) int {", "return a", "In [3]"}},
		{name: "user type", code: "Point", want: []string{"type Point struct", "func (p Point) Area() int", "func (p *Point) Scale(k int)", "In [2]"}},
		{name: "user variable", code: "p", want: []string{"var p = Point{1, 2}", "Type: Point", "Declared in In [4]"}},
		{name: "redeclared variable", code: "x", want: []string{"x := 3", "Type: int", "In [6]"}, notWant: []string{"const"}},
		{name: "user variable of a library type", code: "b", want: []string{"b := &strings.Builder{}", "Type: *strings.Builder"}},
		{name: "user method", code: "p.Area", want: []string{areaSource, "Declared in In [2]"}},
		{name: "user method expression", code: "Point.Scale", want: []string{"func (p *Point) Scale(k int)"}},
		{name: "user field", code: "p.X", want: []string{"X int", "Field of Point"}},
		{name: "promoted method", code: "lp.Area", want: []string{areaSource}},
		{name: "library method of a variable", code: "b.WriteString", wantDoc: []string{"func (b *Builder) WriteString(s string) (int, error)", "WriteString appends"}, wantSig: "WriteString(string) (int, error)"},
		{name: "library method through a package variable", code: "os.Stdout.Write", wantDoc: []string{"func (f *File) Write(b []byte) (n int, err error)"}, wantSig: "Write([]uint8) (int, error)"},
		{name: "runtime function", code: "display.HTML", want: []string{"func HTML(s string) Bundle", "HTML returns a bundle showing s as HTML"}},
		{name: "runtime type", code: "display.Bundle", want: []string{"type Bundle struct", "Bundle is a MIME bundle", "func (b Bundle) MIMEBundle() map[string]any"}},
		{name: "runtime package", code: "display", want: []string{`package display // import "gopar/runtime/display"`, "Package display is what notebook cells call"}},
		{name: "unknown name", code: "nosuchname"},
		{name: "unknown member", code: "strings.NoSuch"},
		{name: "unknown package member", code: "nopkg.Foo"},
		{name: "nothing at the cursor", code: "x := 1 + |"},
		{name: "member of a call result", code: "f().Name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, cursor := tt.code, utf8.RuneCountInString(tt.code)
			if i := strings.Index(code, "|"); i >= 0 {
				cursor = utf8.RuneCountInString(code[:i])
				code = code[:i] + code[i+1:]
			}
			r := in.Inspect(code, cursor, tt.detail)
			want := tt.want
			if sources {
				want = append(want, tt.wantDoc...)
			} else if tt.wantSig != "" {
				want = append(want, tt.wantSig)
			}
			if len(want) == 0 && len(tt.wantDoc) == 0 {
				if r.Found || r.Text != "" || r.Markdown != "" {
					t.Fatalf("Inspect(%q) = %+v, want not found", code, r)
				}
				return
			}
			if !r.Found {
				t.Fatalf("Inspect(%q) found nothing", code)
			}
			for _, w := range want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("Text lacks %q:\n%s", w, r.Text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Text, w) {
					t.Errorf("Text has %q:\n%s", w, r.Text)
				}
			}
			if !strings.HasPrefix(r.Markdown, "```go\n") {
				t.Errorf("Markdown does not start with a go block:\n%s", r.Markdown)
			}
		})
	}
}

// TestInspectMarkdown checks the Markdown form: the declaration in a go
// block, then the doc, with links to pkg.go.dev.
func TestInspectMarkdown(t *testing.T) {
	if gorootDir() == "" {
		t.Skip("no GOROOT sources")
	}
	in := newIntrospector()
	r := in.Inspect("strings.Builder", 15, 0)
	for _, w := range []string{
		"```go\ntype Builder struct {",
		"[Builder.Write](https://pkg.go.dev/strings#Builder.Write)",
		"**Methods**",
	} {
		if !strings.Contains(r.Markdown, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, r.Markdown)
		}
	}
}

func TestHelp(t *testing.T) {
	in := newIntrospector()
	for _, expr := range []string{"fmt.Println", "strings", "greet", "p.Area", "len", "display.HTML", "nosuchname"} {
		for detail := range 2 {
			got := in.Help(expr, detail)
			want := in.Inspect(expr, utf8.RuneCountInString(expr), detail)
			if got != want {
				t.Errorf("Help(%q, %d) = %+v, want Inspect's %+v", expr, detail, got, want)
			}
		}
	}
	if r := in.Help("  fmt.Println  ", 0); r != in.Inspect("fmt.Println", 11, 0) {
		t.Errorf("Help does not trim spaces: %+v", r)
	}
	if r := in.Help("nosuchname", 0); r.Found {
		t.Errorf("Help(nosuchname) found %q", r.Text)
	}
}

func TestMemberKind(t *testing.T) {
	syms := stdlib.Symbols
	tests := []struct {
		key, name, want string
	}{
		{"os/os", "Args", "variable"},
		{"os/os", "Stdout", "variable"},
		{"strings/strings", "Split", "function"},
		{"strings/strings", "Builder", "type"},
		{"io/io", "Reader", "type"},
		{"math/math", "Pi", "constant"},
		{"time/time", "Nanosecond", "constant"},
	}
	for _, tt := range tests {
		v, ok := syms[tt.key][tt.name]
		if !ok {
			t.Fatalf("no %s in %s", tt.name, tt.key)
		}
		if got := memberKind(v); got != tt.want {
			t.Errorf("memberKind(%s.%s) = %q, want %q", tt.key, tt.name, got, tt.want)
		}
	}
}

func TestGOROOT(t *testing.T) {
	root := gorootDir()
	if root == "" {
		t.Skip("no Go installation with sources")
	}
	if _, err := os.Stat(filepath.Join(root, "src", "fmt", "print.go")); err != nil {
		t.Errorf("GOROOT %s lacks fmt's sources: %v", root, err)
	}
	if stdDocs.get("no/such/package") != nil {
		t.Error("docs of a package that does not exist")
	}
}

func BenchmarkCompleteStringsPrefix(b *testing.B) {
	in := newIntrospector()
	code := "s := strings.Spl"
	in.Complete(code, len(code)) // loads strings' docs
	for b.Loop() {
		if c := in.Complete(code, len(code)); len(c.Matches) != 4 {
			b.Fatalf("matches = %q", texts(c.Matches))
		}
	}
}

func BenchmarkCompleteName(b *testing.B) {
	in := newIntrospector()
	for b.Loop() {
		in.Complete("x := pr", 7)
	}
}

// TestGenerics checks the generic functions yaegi's tables lack (the
// interpreter compiles them from source): the docs tell them.
func TestGenerics(t *testing.T) {
	if gorootDir() == "" {
		t.Skip("no GOROOT sources")
	}
	in := newIntrospector()
	c := in.Complete("slices.Sor", 10)
	got := texts(c.Matches)
	for _, w := range []string{"Sort", "SortFunc", "SortStableFunc"} {
		if !slices.Contains(got, w) {
			t.Errorf("matches %q lack %q", got, w)
		}
	}
	if m, _ := find(c.Matches, "Sort"); m.Kind != "function" || !strings.HasPrefix(m.Signature, "func[S ~[]E, E cmp.Ordered](x S)") {
		t.Errorf("Sort = %+v", m)
	}
	r := in.Inspect("slices.Sort", 11, 0)
	if !r.Found || !strings.Contains(r.Text, "Sort sorts a slice of any ordered type") {
		t.Errorf("Inspect(slices.Sort) = %+v", r)
	}
}

func TestPackageName(t *testing.T) {
	for path, want := range map[string]string{
		"strings":         "strings",
		"encoding/json":   "json",
		"math/rand/v2":    "rand",
		"example.org/v2":  "example.org",
		"gopar/runtime/x": "x",
		"v2":              "v2",
	} {
		if got := packageName(path); got != want {
			t.Errorf("packageName(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestConcurrent runs requests at once, as a kernel serving several
// front ends might; run with -race.
func TestConcurrent(t *testing.T) {
	in := newIntrospector()
	codes := []string{"strings.Spl", "bytes.Buf", "p.", "b.Wr", "fmt.Println(", "net.Dia", "le"}
	done := make(chan bool)
	for _, code := range codes {
		go func() {
			defer func() { done <- true }()
			in.Complete(code, len(code))
			in.Inspect(code, len(code), 1)
		}()
	}
	for range codes {
		<-done
	}
}
