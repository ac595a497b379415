package typecheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/kernel/internal/goroot"
)

// shared is one importer for all tests: the standard library is checked
// from source once.
var shared = sync.OnceValues(func() (*Importer, error) {
	return NewImporter(goroot.Find(), map[string]map[string]reflect.Value{
		"example.com/compiled": {
			"Double":   reflect.ValueOf(func(x float64) float64 { return 2 * x }),
			"Duration": reflect.ValueOf(func() time.Duration { return time.Second }),
			"Point":    reflect.ValueOf((*testPoint)(nil)),
		},
	}, "")
})

type testPoint struct{ X, Y int }

func (p testPoint) Sum() int     { return p.X + p.Y }
func (p *testPoint) Scale(k int) { p.X *= k; p.Y *= k }

func newChecker(t *testing.T) (*Checker, *token.FileSet) {
	t.Helper()
	imp, err := shared()
	if err != nil {
		t.Skipf("no Go sources: %v", err)
	}
	fset := token.NewFileSet()
	return New(fset, imp, map[string]string{"fmt": "fmt", "strings": "strings", "compiled": "example.com/compiled", "errors": "errors"}), fset
}

// cell checks src as cell n the way the kernel hands cells over: a file
// of declarations, or statements in a function.
func cell(t *testing.T, c *Checker, fset *token.FileSet, n int, src string) *Result {
	t.Helper()
	decl := false
	for _, kw := range []string{"func ", "type ", "import ", "var ", "const "} {
		if strings.HasPrefix(src, kw) && !strings.HasPrefix(src, "func(") {
			decl = true
		}
	}
	var code string
	if decl {
		code = fmt.Sprintf("package main\n/*line %d/cell:1:1*/%s\n", n, src)
	} else {
		code = fmt.Sprintf("package main\nfunc main() {\n/*line %d/cell:1:1*/%s\n}\n", n, src)
	}
	f, err := parser.ParseFile(fset, "cell", code, parser.ParseComments)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	var stmts *Stmts
	if !decl {
		stmts = &Stmts{Func: f.Decls[0].(*ast.FuncDecl)}
	}
	return c.Check(f, stmts)
}

func errorsOf(r *Result) string {
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", e.Pos.Filename, e.Pos.Line, e.Pos.Column, e.Msg))
	}
	return strings.Join(msgs, "\n")
}

func TestSessions(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		// want is the errors of the last cell ("" for none); the cells
		// before it must have none.
		want string
	}{
		{"go build's words", []string{`var n int`, `s := "x"; n = s`},
			"2/cell:1:15: cannot use s (variable of type string) as int value in assignment"},
		{"unused variables and imports allowed", []string{`import "os"`, `x := 1`}, ""},
		{"top-level variables live on", []string{`x := 1`, `y := x + 1`, `var z string = y`},
			"3/cell:1:16: cannot use y (variable of type int) as string value in variable declaration"},
		{"a variable may change its type", []string{`x := 1`, `x := "s"`, `var z string = x`}, ""},
		{"imports live on", []string{`import "strings"`, `_ = strings.ToUpper("a")`}, ""},
		{"import again", []string{`import "strings"`, `import "strings"`, `_ = strings.ToUpper("a")`}, ""},
		{"packages by name", []string{`fmt.Println(strings.Repeat("a", 2))`}, ""},
		{"the user's name wins over a package the kernel supplies", []string{`func fmt() int { return 1 }`, `var x int = fmt()`}, ""},
		{"undefined", []string{`y := undefinedName + 1`}, "1/cell:1:6: undefined: undefinedName"},
		{"redefining a function", []string{`func f() int { return 1 }`, `func f() string { return "" }`, `var s string = f()`}, ""},
		{"methods in later cells", []string{`type P struct{ X int }`, `func (p P) Double() int { return 2 * p.X }`,
			`func (p *P) Inc() { p.X++ }`, `p := P{1}; p.Inc(); var d int = p.Double()`}, ""},
		{"a method used by a method of the same cell", []string{`type P struct{ X int }`,
			`func (p P) A() int { return p.B() }
func (p P) B() int { return p.X }`, `_ = P{}.A()`}, ""},
		{"a type declared again unchanged keeps its methods", []string{`type P struct{ X int }`, `func (p P) M() int { return 1 }`,
			`type P struct{ X int }`, `_ = P{}.M()`}, ""},
		{"a failed cell changes nothing", []string{`x := 1`, `x := "s"; undefinedName()`, `var y int = x`}, ""},
		{"compiled packages", []string{`var d float64 = compiled.Double(2)`, `p := compiled.Point{1, 2}; p.Scale(2); _ = p.Sum()`,
			`var t time.Duration = compiled.Duration()`}, "3/cell:1:7: undefined: time"},
		{"compiled packages and the standard library share types", []string{`import "time"`, `var t time.Duration = compiled.Duration()`}, ""},
		{"generics", []string{`func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }`,
			`ys := Map([]int{1, 2}, func(x int) string { return fmt.Sprint(x) }); var s []string = ys`}, ""},
		{"newest standard library", []string{`import ("maps"; "slices")`, `keys := slices.Sorted(maps.Keys(map[string]int{"a": 1})); var k []string = keys`,
			`for i := range 3 { _ = i }`}, ""},
		{"errors.AsType", []string{`type E struct{}`, `func (E) Error() string { return "" }`, `e, ok := errors.AsType[E](nil); _, _ = e, ok`}, ""},
		{"an import whose path ends in a major version", []string{"import \"math/rand/v2\"\nfunc roll() int { return rand.N(10) }", "var m int = roll()"}, ""},
		{"a main pasted", []string{`func main() { fmt.Println(1) }`, `func main() { fmt.Println(2) }`, `x := 1`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, fset := newChecker(t)
			for i, src := range tt.cells {
				r := cell(t, c, fset, i+1, src)
				got := errorsOf(r)
				if i < len(tt.cells)-1 {
					if got != "" && !strings.Contains(tt.name, "failed") {
						t.Fatalf("cell %d %q: %s", i+1, src, got)
					}
					continue
				}
				if got != tt.want {
					t.Errorf("last cell %q:\ngot  %q\nwant %q", src, got, tt.want)
				}
			}
		})
	}
}

func TestStaleValues(t *testing.T) {
	c, fset := newChecker(t)
	for i, src := range []string{`type P struct{ X int }`, `p := P{1}`, `type P struct{ X, Y int }`} {
		if r := cell(t, c, fset, i+1, src); len(r.Errors) > 0 {
			t.Fatal(errorsOf(r))
		}
	}
	r := cell(t, c, fset, 4, `fmt.Println(p)`)
	if len(r.Stale) != 1 || !strings.Contains(r.Stale[0], "p holds a value of an earlier definition of P") {
		t.Errorf("stale notes: %q", r.Stale)
	}
}

// TestInternalsReachable fails when a Go release renames the go/types
// fields the checker edits.
func TestInternalsReachable(t *testing.T) {
	if !scopeElems(types0Scope()).IsValid() {
		t.Error("go/types.Scope has no elems map")
	}
	s := types0Scope()
	for _, name := range []string{"parent", "children"} {
		if !reflect.ValueOf(s).Elem().FieldByName(name).IsValid() {
			t.Errorf("go/types.Scope has no %s field", name)
		}
	}
	if !namedMethods(types0Named()).IsValid() {
		t.Error("go/types.Named has no methods list")
	}
}

func types0Scope() *types.Scope { return types.NewScope(nil, token.NoPos, token.NoPos, "") }
func types0Named() *types.Named {
	return types.NewNamed(types.NewTypeName(token.NoPos, nil, "T", nil), types.Typ[types.Int], nil)
}

// cell200 is a 200-line cell of declarations of the kind people write.
func cell200() string {
	var b strings.Builder
	b.WriteString("import (\n\t\"fmt\"\n\t\"math\"\n\t\"strings\"\n\t\"sort\"\n)\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < 190; i++ {
		fmt.Fprintf(&b, `type Point%[1]d struct{ X, Y float64; Name string }

func (p Point%[1]d) Dist(q Point%[1]d) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

func summarize%[1]d(ps []Point%[1]d) string {
	names := make([]string, 0, len(ps))
	total := 0.0
	for i, p := range ps {
		if i > 0 {
			total += p.Dist(ps[i-1])
		}
		names = append(names, strings.ToUpper(p.Name))
	}
	sort.Strings(names)
	return fmt.Sprintf("%%s: %%.2f", strings.Join(names, ","), total)
}
`, i)
	}
	return b.String()
}

func BenchmarkCheck200LineCell(b *testing.B) {
	src := cell200()
	c, fset := newChecker(&testing.T{})
	cell(&testing.T{}, c, fset, 1, src) // the standard library, imported once
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A new session each time: the cell's types are new to it.
		c := New(fset, c.imp, nil)
		if r := cell(&testing.T{}, c, fset, i+2, src); len(r.Errors) > 0 {
			b.Fatal(errorsOf(r))
		}
	}
	b.ReportMetric(float64(strings.Count(src, "\n")), "lines")
}

// BenchmarkCheckLongSession checks the same small cell in a fresh session
// and after 1,000 cells: per cell it must cost the same.
func BenchmarkCheckLongSession(b *testing.B) {
	for _, before := range []int{0, 1000} {
		b.Run(fmt.Sprintf("after%d", before), func(b *testing.B) {
			c, fset := newChecker(&testing.T{})
			for i := 0; i < before; i++ {
				cell(&testing.T{}, c, fset, i+1, fmt.Sprintf("func f%d(x int) int { return x + %d }", i, i))
				cell(&testing.T{}, c, fset, i+1, fmt.Sprintf("v%d := f%d(1)", i, i))
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cell(&testing.T{}, c, fset, before+i+1, "total := 0\nfor i := range 10 { total += i }\nfmt.Println(total)")
			}
		})
	}
}

// TestCache checks that a second importer reads what the first wrote, and
// that a package known in part from another's export data (io, through
// fmt) is still had whole.
func TestCache(t *testing.T) {
	root := goroot.Find()
	if root == "" {
		t.Skip("no Go sources")
	}
	dir := t.TempDir()
	first, err := NewImporter(root, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"fmt", "io"} {
		if _, err := first.Import(p); err != nil {
			t.Fatal(err)
		}
	}
	second, _ := NewImporter(root, nil, dir)
	second.goroot = t.TempDir() // no sources: only the cache can answer
	fmtPkg, err := second.Import("fmt")
	if err != nil || fmtPkg.Scope().Lookup("Println") == nil {
		t.Fatalf("fmt from the cache: %v, %v", fmtPkg, err)
	}
	io, err := second.Import("io")
	if err != nil || io.Scope().Lookup("Copy") == nil || io.Scope().Lookup("Writer") == nil {
		t.Fatalf("io from the cache, after fmt: %v", err)
	}
	// One io.Writer for both.
	fprint := fmtPkg.Scope().Lookup("Fprint").Type().(*types.Signature)
	if !types.Identical(fprint.Params().At(0).Type(), io.Scope().Lookup("Writer").Type()) {
		t.Error("fmt.Fprint's io.Writer is not io's")
	}
}

// TestModuleSources checks that packages of Go modules are checked from
// their directories, generic functions included, importing each other and
// the standard library, and are not written to the standard library's
// cache.
func TestModuleSources(t *testing.T) {
	root := goroot.Find()
	if root == "" {
		t.Skip("no Go sources")
	}
	mods := t.TempDir()
	write := func(dir, src string) string {
		d := filepath.Join(mods, dir)
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "x.go"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := write("base", "package base\n\nimport \"strings\"\n\nfunc Upper(s string) string { return strings.ToUpper(s) }\n")
	top := write("top", "package top\n\nimport \"example.com/base\"\n\nfunc Map[T, U any](xs []T, f func(T) U) []U { return nil }\n\nvar Shout = base.Upper\n")
	cache := t.TempDir()
	im, err := NewImporter(root, nil, cache)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Import("example.com/top"); err == nil {
		t.Fatal("example.com/top imported before its sources were given")
	}
	im.AddSources(map[string]string{"example.com/top": top, "example.com/base": base})
	p, err := im.Import("example.com/top")
	if err != nil {
		t.Fatal(err)
	}
	fn, ok := p.Scope().Lookup("Map").(*types.Func)
	if !ok || fn.Signature().TypeParams().Len() != 2 {
		t.Errorf("Map = %v, want a generic function of two type parameters", p.Scope().Lookup("Map"))
	}
	if shout := p.Scope().Lookup("Shout"); shout == nil || shout.Type().String() != "func(s string) string" {
		t.Errorf("Shout = %v", shout)
	}
	if _, err := os.Stat(im.cacheFile("example.com/top")); err == nil {
		t.Error("a module's package was written to the standard library's cache")
	}
}
