package jit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// stdOnly is a module whose one package is the one instrumented code
// imports: the jitted code of these tests uses the standard library, which
// this test binary shares with the plugins it loads.
var stdOnly = fstest.MapFS{
	"go.mod":                   {Data: []byte("module gopar\n\ngo 1.26\n")},
	"runtime/native/native.go": {Data: mustRead("../../runtime/native/native.go")},
}

func mustRead(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// needPlugins skips a test that loads compiled code where this process
// cannot load Go plugins: Windows, and any build without cgo
// (load_other.go). Compile fails there before it looks at the cell.
func needPlugins(t *testing.T) {
	t.Helper()
	if err := pluginSupport(); err != nil {
		t.Skipf("needs Go plugins (cgo on Linux, macOS or FreeBSD): %v", err)
	}
}

func newTestCompiler(t *testing.T, cache string) *Compiler {
	t.Helper()
	return New(Options{Source: stdOnly, CacheDir: cache, Packages: map[string]string{"math": "math", "strings": "strings"}})
}

func compile(t *testing.T, c *Compiler, cell int, src string) *Result {
	t.Helper()
	res, err := c.Compile(context.Background(), cell, 2, src)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			_, _, tb := e.JupyterError()
			t.Fatalf("Compile: %v\n%s", err, strings.Join(tb, "\n"))
		}
		t.Fatalf("Compile: %v", err)
	}
	return res
}

func funcOf[F any](t *testing.T, res *Result, name string) F {
	t.Helper()
	for _, f := range res.Funcs {
		if f.Name == name {
			fn, ok := f.Value.(F)
			if !ok {
				t.Fatalf("%s is a %T", name, f.Value)
			}
			return fn
		}
	}
	t.Fatalf("no function %s among %v", name, res.Funcs)
	var zero F
	return zero
}

func TestCompileLoadsRebindsAndCaches(t *testing.T) {
	needPlugins(t)
	cache := t.TempDir()
	c := newTestCompiler(t, cache)
	res := compile(t, c, 1, "func sumRange(n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn s\n}")
	if res.Cached {
		t.Error("a new program came from the cache")
	}
	if got := funcOf[func(int) int](t, res, "sumRange")(10_000_000); got != 49999995000000 {
		t.Errorf("sumRange(10_000_000) = %d", got)
	}

	// A later cell calls the earlier one; math needs no import line.
	res = compile(t, c, 2, "func hyp(a, b float64) float64 { return math.Sqrt(a*a + b*b) + float64(sumRange(1)) }")
	if got := funcOf[func(float64, float64) float64](t, res, "hyp")(3, 4); got != 5 {
		t.Errorf("hyp(3, 4) = %v", got)
	}

	// Declaring sumRange again replaces it for hyp too.
	res = compile(t, c, 3, "func sumRange(n int) int { return 100 }")
	if got := funcOf[func(float64, float64) float64](t, res, "hyp")(3, 4); got != 105 {
		t.Errorf("hyp after replacing sumRange = %v, want 105", got)
	}
	if len(res.Funcs) != 2 {
		t.Errorf("functions %v, want hyp and sumRange", res.Funcs)
	}

	// A new Compiler (a restarted kernel) with the same cells builds nothing.
	again := newTestCompiler(t, cache)
	res = compile(t, again, 1, "func sumRange(n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn s\n}")
	if !res.Cached {
		t.Error("the same program was built again")
	}
	if got := funcOf[func(int) int](t, res, "sumRange")(4); got != 6 {
		t.Errorf("cached sumRange(4) = %d", got)
	}
	// Nothing but the cache directory was written.
	entries, _ := os.ReadDir(filepath.Join(cache, "plugins"))
	if len(entries) != 3 {
		t.Errorf("%d plugins in the cache, want 3", len(entries))
	}
}

func TestCompileErrors(t *testing.T) {
	needPlugins(t)
	c := newTestCompiler(t, t.TempDir())
	tests := []struct {
		src, line, detail string
	}{
		{"func f(n int) int {\n\treturn n + counter\n}", "In [5], line 3, col 13: undefined: counter", "pass the value as an argument"},
		{"func f(n int) string {\n\treturn n\n}", "In [5], line 3, col 9: cannot use n", ""},
		{"const k = 3", "", "declares no function"},
	}
	for _, tt := range tests {
		_, err := c.Compile(context.Background(), 5, 2, tt.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%q: err = %v, want an *Error", tt.src, err)
		}
		_, _, tb := e.JupyterError()
		all := strings.Join(tb, "\n")
		if !strings.Contains(all, tt.line) || !strings.Contains(all, tt.detail) {
			t.Errorf("%q: error\n%s\nwant it to contain %q and %q", tt.src, all, tt.line, tt.detail)
		}
	}
	// A failed cell leaves the program as it was.
	res := compile(t, c, 6, "func ok() int { return 1 }")
	if len(res.Funcs) != 1 {
		t.Errorf("functions after failed cells: %v", res.Funcs)
	}
}

func TestToolchainErrors(t *testing.T) {
	// The toolchain is checked only where plugins load, all of which are
	// Unix systems: the fake go command below is a shell script.
	needPlugins(t)
	dir := t.TempDir()
	fakeGo := filepath.Join(dir, "go")
	if err := os.WriteFile(fakeGo, []byte("#!/bin/sh\necho go1.2\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ goCmd, want, detail string }{
		{filepath.Join(dir, "missing", "go"), "needs the Go toolchain", "https://go.dev/dl/"},
		{fakeGo, "is go1.2, but this kernel was built with go1.", "put it first on PATH"},
	}
	for _, tt := range tests {
		c := New(Options{Source: stdOnly, CacheDir: t.TempDir(), Go: tt.goCmd})
		_, err := c.Compile(context.Background(), 1, 2, "func f() int { return 1 }")
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Value, tt.want) || !strings.Contains(e.Detail, tt.detail) {
			t.Errorf("go = %s: err = %#v, want %q with advice %q", tt.goCmd, err, tt.want, tt.detail)
		}
	}
}

// TestCompileWithoutPlugins checks what a %%jit cell says where Go cannot
// load plugins (load_other.go): on Windows, that Go has no plugins there
// and what to do instead; on a Unix system, that the kernel was built
// without cgo.
func TestCompileWithoutPlugins(t *testing.T) {
	if pluginSupport() == nil {
		t.Skip("this process loads plugins: see TestCompileLoadsRebindsAndCaches")
	}
	c := New(Options{Source: stdOnly, CacheDir: t.TempDir()})
	_, err := c.Compile(context.Background(), 1, 2, "func f() int { return 1 }")
	var e *Error
	if !errors.As(err, &e) || e.Name != "JITError" {
		t.Fatalf("err = %#v, want a JITError", err)
	}
	want, detail := "without cgo", "rebuild gopar with cgo"
	switch runtime.GOOS {
	case "windows":
		want, detail = "Go does not support on Windows", "WSL"
	case "linux", "darwin", "freebsd":
	default:
		want, detail = "Go does not support on "+runtime.GOOS, "compiled packages"
	}
	if !strings.Contains(e.Value, want) || !strings.Contains(e.Detail, detail) {
		t.Errorf("error %q, advice %q; want %q and %q", e.Value, e.Detail, want, detail)
	}
	// Nothing was written: the cell was refused before any build.
	if entries, _ := os.ReadDir(c.opts.CacheDir); len(entries) != 0 {
		t.Errorf("the cache holds %v", entries)
	}
}
