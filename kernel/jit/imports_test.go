package jit

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"gopar/kernel/modules"
	"gopar/kernel/modules/modulestest"
)

// moduleCompiler is a Compiler whose session fetches modules from a
// proxy on disk serving greet (which builds) and broken (which does not).
func moduleCompiler(t *testing.T) (*Compiler, *strings.Builder) {
	t.Helper()
	needPlugins(t)
	dir := modulestest.Proxy(t, map[string]map[string]string{
		"example.com/greet@v1.0.0": {"greet.go": "package greet\n\nconst Version = 1\n\ntype Greeter struct{ Name string }\n\n" +
			"func (g Greeter) Greet() string { return \"hello, \" + g.Name }\n\nfunc Hello() string { return \"hello\" }\n\n" +
			"func Twice[T any](x T) []T { return []T{x, x} }\n"},
		"example.com/broken@v1.0.0": {"broken.go": "package broken\n\nfunc Broken() int {\n\treturn \"not an int\"\n}\n"},
	})
	// The kernel's own dependencies come from the machine's module cache,
	// whose download directory is laid out as a proxy: no network, and
	// nothing written into that cache.
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	downloaded := filepath.Join(strings.TrimSpace(string(out)), "cache", "download")
	modcache := filepath.Join(t.TempDir(), "mod")
	// The toolchain builds with the process's environment, the module
	// set fetches with its own: both see the same proxy and cache.
	for _, kv := range modulestest.Env("file://"+dir+",file://"+filepath.ToSlash(downloaded), modcache) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Cleanup(func() { // the build leaves the module cache read-only
		filepath.WalkDir(modcache, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o700)
			}
			return nil
		})
	})
	// The kernel's own go.mod and go.sum, which require yaegi, whose
	// extract writes the symbol tables.
	gomod, gosum := mustRead("../../go.mod"), mustRead("../../go.sum")
	src := fstest.MapFS{"go.mod": {Data: gomod}, "go.sum": {Data: gosum}, "runtime/native/native.go": stdOnly["runtime/native/native.go"]}
	set := modules.New(modules.Options{GoMod: gomod, GoSum: gosum, Env: os.Environ(), CacheDir: filepath.Join(t.TempDir(), "modules")})
	progress := &strings.Builder{}
	return New(Options{Source: src, CacheDir: t.TempDir(), Modules: set, Progress: progress}), progress
}

func TestImportModulePackage(t *testing.T) {
	c, progress := moduleCompiler(t)
	p, err := c.Import(context.Background(), "example.com/greet")
	if err != nil {
		t.Fatal(err)
	}
	syms := p.Symbols["example.com/greet/greet"]
	if syms == nil {
		t.Fatalf("no symbols under example.com/greet/greet: %v", reflect.ValueOf(p.Symbols).MapKeys())
	}
	if got := syms["Hello"].Call(nil)[0].String(); got != "hello" {
		t.Errorf("Hello() = %q", got)
	}
	g := reflect.New(syms["Greeter"].Type().Elem()).Elem()
	g.Field(0).SetString("Go")
	if got := g.MethodByName("Greet").Call(nil)[0].String(); got != "hello, Go" {
		t.Errorf("Greeter{Go}.Greet() = %q", got)
	}
	if _, ok := syms["Twice"]; ok {
		t.Error("the generic Twice has a symbol; it can only be compiled per instance")
	}
	if p.Module != (modules.Module{Path: "example.com/greet", Version: "v1.0.0"}) || p.Cached {
		t.Errorf("module %v cached %v, want example.com/greet v1.0.0 built now", p.Module, p.Cached)
	}
	for _, want := range []string{"gopar: building example.com/greet (example.com/greet v1.0.0)", "example.com/greet ready in"} {
		if !strings.Contains(progress.String(), want) {
			t.Errorf("progress %q does not say %q", progress.String(), want)
		}
	}
	// A %%jit cell imports it directly.
	res := compile(t, c, 2, "import \"example.com/greet\"\n\nfunc both() []string { return greet.Twice(greet.Hello()) }")
	if got := funcOf[func() []string](t, res, "both")(); !reflect.DeepEqual(got, []string{"hello", "hello"}) {
		t.Errorf("both() = %v", got)
	}
}

func TestImportPackageThatDoesNotBuild(t *testing.T) {
	c, _ := moduleCompiler(t)
	_, err := c.Import(context.Background(), "example.com/broken")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want a *jit.Error", err, err)
	}
	_, _, tb := e.JupyterError()
	all := e.Error() + "\n" + strings.Join(tb, "\n")
	for _, want := range []string{"package example.com/broken (example.com/broken v1.0.0) does not build", "broken.go:4", "not an int", "%go get example.com/broken@VERSION"} {
		if !strings.Contains(all, want) {
			t.Errorf("the error does not say %q:\n%s", want, all)
		}
	}
}

func TestImportWithoutCgo(t *testing.T) {
	c, _ := moduleCompiler(t)
	t.Setenv("CC", "/nonexistent/cc")
	_, err := c.Import(context.Background(), "example.com/greet")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want a *jit.Error", err, err)
	}
	_, _, tb := e.JupyterError()
	all := e.Error() + "\n" + strings.Join(tb, "\n")
	for _, want := range []string{"cgo is unavailable", "packages of Go modules that cells import", "set CC to a C compiler that is installed"} {
		if !strings.Contains(all, want) {
			t.Errorf("the error does not say %q:\n%s", want, all)
		}
	}
}
