package typedfmt

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"gopar/kernel/internal/goroot"
)

// cellTypes type-checks declarations as package main, as a notebook's
// cells declare them.
func cellTypes(t *testing.T, src string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", "package main\n"+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if build.Default.GOROOT == "" {
		// A test binary built with -trimpath (make unit) does not know it.
		build.Default.GOROOT = goroot.Find()
	}
	conf := types.Config{Importer: importer.Default()}
	p, err := conf.Check("main", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The run-time values: what an interpreter makes of the cell types, an
// unnamed struct and a plain float64.
type (
	point   = struct{ X, Y int }
	celsius = float64
)

func TestFormat(t *testing.T) {
	p := cellTypes(t, `
type Point struct{ X, Y int }
type Celsius float64
func (c Celsius) String() string { return "" }
type Pair[K comparable, V any] struct { Key K; Val V }
type Op func(a, b int) int
var points []Point
var temps map[string]Celsius
var pp *Point
var pair Pair[string, int]
var op Op
`)
	typ := func(name string) types.Type { return p.Scope().Lookup(name).Type() }
	celsiusString := Methods{Key("String", "main.Celsius"): func(v any) string { return fmt.Sprintf("%.1f°C", v) }}
	tests := []struct {
		format string
		v      any
		t      types.Type
		m      Methods
		want   string
	}{
		{"%v", point{1, 2}, typ("Point"), nil, "{1 2}"},
		{"%+v", point{1, 2}, typ("Point"), nil, "{X:1 Y:2}"},
		{"%#v", point{1, 2}, typ("Point"), nil, "main.Point{X:1, Y:2}"},
		{"%v", []point{{1, 2}, {3, 4}}, typ("points"), nil, "[{1 2} {3 4}]"},
		{"%#v", []point{{1, 2}}, typ("points"), nil, "[]main.Point{main.Point{X:1, Y:2}}"},
		{"%#v", []point(nil), typ("points"), nil, "[]main.Point(nil)"},
		{"%v", &point{1, 2}, typ("pp"), nil, "&{1 2}"},
		{"%#v", (*point)(nil), typ("pp"), nil, "(*main.Point)(nil)"},
		{"%v", celsius(21.5), typ("Celsius"), celsiusString, "21.5°C"},
		{"%d", 3, types.Typ[types.Int], nil, "3"},
		{"%v", map[string]celsius{"b": 2, "a": 1}, typ("temps"), celsiusString, "map[a:1.0°C b:2.0°C]"},
		{"%8v", celsius(1), typ("Celsius"), celsiusString, "   1.0°C"},
		{"%.1f", celsius(1.25), typ("Celsius"), celsiusString, "1.2"}, // no String for %f
		{"%v", struct {
			Key string
			Val int
		}{"a", 1}, typ("pair"), nil, "{a 1}"},
	}
	for _, tt := range tests {
		got := fmt.Sprintf(tt.format, New(tt.v, tt.t, tt.m))
		if got != tt.want {
			t.Errorf("Sprintf(%q) of %v as %s = %q, want %q", tt.format, tt.v, tt.t, got, tt.want)
		}
	}
}

func TestTypeString(t *testing.T) {
	p := cellTypes(t, `
type Pair[K comparable, V any] struct { Key K; Val V }
type Point struct{}
var pair Pair[string, int]
var f func(a, b Point) Point
var m map[string][]Pair[int, bool]
`)
	for name, want := range map[string]string{
		"pair": "main.Pair[string,int]",
		"f":    "func(main.Point, main.Point) main.Point",
		"m":    "map[string][]main.Pair[int,bool]",
	} {
		if got := TypeString(p.Scope().Lookup(name).Type()); got != want {
			t.Errorf("TypeString(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestInvolves(t *testing.T) {
	p := cellTypes(t, `
import "time"
type Point struct{}
var a []Point
var b map[string]*Point
var c func(int) Point
var d time.Duration
var e []int
var g any
`)
	for name, want := range map[string]bool{"a": true, "b": true, "c": true, "d": false, "e": false, "g": false} {
		if got := Involves(p.Scope().Lookup(name).Type()); got != want {
			t.Errorf("Involves(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestHideUnexported(t *testing.T) {
	p := cellTypes(t, `
type Inner struct { Name string; note string }
type Outer struct { ID int; Items []Inner; ByKey map[string]*Inner; secret string }
var outer Outer
`)
	// What an interpreter makes of Outer: every field exported.
	type inner struct{ Name, Xnote string }
	type outerRT struct {
		ID      int
		Items   []inner
		ByKey   map[string]*inner
		Xsecret string
	}
	v := outerRT{1, []inner{{"a", "n"}}, map[string]*inner{"k": {"b", "m"}}, "s"}
	b, err := json.Marshal(HideUnexported(v, p.Scope().Lookup("outer").Type()))
	want := `{"ID":1,"Items":[{"Name":"a"}],"ByKey":{"k":{"Name":"b"}}}`
	if err != nil || string(b) != want {
		t.Errorf("json of the hidden copy = %s, %v; want %s", b, err, want)
	}
	if !HasUnexported(p.Scope().Lookup("outer").Type()) || HasUnexported(types.Typ[types.Int]) {
		t.Error("HasUnexported is wrong")
	}
}
