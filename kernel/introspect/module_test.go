package introspect

import (
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// tinySource is a module holding one small runtime package.
var tinySource = fstest.MapFS{
	"runtime/tiny/tiny.go": {Data: []byte(`// Package tiny greets.
package tiny

// Greeter says hello.
type Greeter struct{ Name string }

// Greet greets g's friend.
func (g Greeter) Greet(friend string) string { return "hello, " + friend }

// Hello greets name.
func Hello(name string) string { return "hello, " + name }
`)},
	"runtime/tiny/other.go": {Data: []byte("//go:build ignore\n\npackage tiny\n\n// Hello is another build's.\nfunc Hello(who string) string { return who }\n")},
}

// tinyPackages are the symbol tables of tiny and of a package whose
// sources are not in tinySource.
var tinyPackages = map[string]map[string]reflect.Value{
	"gopar/runtime/tiny/tiny": {
		"Hello":   reflect.ValueOf(func(string) string { return "" }),
		"Greeter": reflect.ValueOf((*struct{ Name string })(nil)),
	},
	"gopar/runtime/gone/gone": {
		"Gone": reflect.ValueOf(func(int) int { return 0 }),
	},
}

func tinyScope() *fakeScope {
	return &fakeScope{imports: map[string]string{"tiny": "gopar/runtime/tiny", "gone": "gopar/runtime/gone"}}
}

// TestModuleSourceDocs checks that the docs of gopar's packages are read
// from the sources given, and only from them.
func TestModuleSourceDocs(t *testing.T) {
	tests := []struct {
		name    string
		source  fs.FS
		code    string
		want    []string
		notWant []string
	}{
		{name: "function", source: tinySource, code: "tiny.Hello", want: []string{"func Hello(name string) string", "Hello greets name."}, notWant: []string{"another build"}},
		{name: "type", source: tinySource, code: "tiny.Greeter", want: []string{"type Greeter struct", "Greeter says hello.", "func (g Greeter) Greet(friend string) string"}},
		{name: "package", source: tinySource, code: "tiny", want: []string{`package tiny // import "gopar/runtime/tiny"`, "Package tiny greets."}},
		{name: "package without sources", source: tinySource, code: "gone.Gone", want: []string{"func Gone(int) int"}},
		{name: "no sources given", source: nil, code: "tiny.Hello", want: []string{"func Hello(string) string"}, notWant: []string{"greets"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := New(tinyScope(), Options{Packages: tinyPackages, ModuleSource: tt.source})
			r := in.Inspect(tt.code, len(tt.code), 0)
			if !r.Found {
				t.Fatalf("Inspect(%q) found nothing", tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("Inspect(%q) lacks %q:\n%s", tt.code, w, r.Text)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(r.Text, nw) {
					t.Errorf("Inspect(%q) has %q:\n%s", tt.code, nw, r.Text)
				}
			}
		})
	}
	in := New(tinyScope(), Options{Packages: tinyPackages, ModuleSource: tinySource})
	c := in.Complete("tiny.He", 7)
	if m, _ := find(c.Matches, "Hello"); m.Signature != "func(name string) string" {
		t.Errorf("completion of tiny.He = %+v, want the sources' parameter names", c.Matches)
	}
}

// countingFS counts the files opened in it.
type countingFS struct {
	fs.FS
	opens atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.opens.Add(1)
	return c.FS.Open(name)
}

// TestModuleSourceLazy checks that the sources are read when first
// needed, and once.
func TestModuleSourceLazy(t *testing.T) {
	source := &countingFS{FS: tinySource}
	in := New(tinyScope(), Options{Packages: tinyPackages, ModuleSource: source})
	in.Complete("str", 3)
	if n := source.opens.Load(); n != 0 {
		t.Fatalf("%d files opened before any doc of tiny was needed", n)
	}
	in.Inspect("tiny.Hello", 10, 0)
	read := source.opens.Load()
	if read == 0 {
		t.Fatal("no file opened for tiny's docs")
	}
	in.Inspect("tiny.Greeter", 12, 1)
	in.Complete("tiny.", 5)
	if n := source.opens.Load(); n != read {
		t.Errorf("tiny's sources read again: %d opens, then %d", read, n)
	}
}

// TestRuntimePackagesDocumented checks that every package under runtime/
// (but internal and testdata ones, which cells cannot import) is
// documented from the module's sources, and that reading one, which the
// first inspection of its symbols waits for, stays quick. The bound is
// loose: the machine may be busy.
func TestRuntimePackagesDocumented(t *testing.T) {
	var dirs []string
	err := fs.WalkDir(moduleSource, "runtime", func(dir string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); name == "internal" || name == "testdata" {
			return fs.SkipDir
		}
		if matches, _ := fs.Glob(moduleSource, path.Join(dir, "*.go")); len(matches) > 0 {
			dirs = append(dirs, dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(dirs, "runtime/np") || !slices.Contains(dirs, "runtime/da") {
		t.Fatalf("runtime packages found: %q", dirs)
	}
	docs := newModuleDocs(moduleSource)
	for _, dir := range dirs {
		start := time.Now()
		p := docs.get(modulePath + "/" + dir)
		elapsed := time.Since(start)
		if p == nil || p.doc == "" {
			t.Errorf("%s: no package doc read from its sources", dir)
			continue
		}
		t.Logf("%s: %d names documented in %v", dir, len(p.symbols), elapsed.Round(100*time.Microsecond))
		if elapsed > time.Second {
			t.Errorf("%s: reading its docs took %v", dir, elapsed)
		}
	}
}
