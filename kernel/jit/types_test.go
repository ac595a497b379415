package jit

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// Types built once are shared by every later plugin, named main.T as go
// run names them, and come from the cache in a new Compiler.
func TestBuildTypesShared(t *testing.T) {
	needPlugins(t)
	cache := t.TempDir()
	ctx := context.Background()
	c := newTestCompiler(t, cache)
	tp := TypeProgram{
		Names: []string{"Point", "Celsius"},
		Decls: []Source{
			{Text: "type Point struct{ X, Y int }", Cell: 1, Line: 1, Col: 1},
			{Text: "func (p Point) String() string { return fmt.Sprintf(\"(%d,%d)\", p.X, p.Y) }", Cell: 2, Line: 1, Col: 1, Imports: map[string]string{"fmt": "fmt"}},
			{Text: "type Celsius float64", Cell: 3, Line: 1, Col: 1},
		},
	}
	pkg, err := c.BuildTypes(ctx, tp)
	if err != nil {
		t.Fatalf("BuildTypes: %v", err)
	}
	point := pkg.Types["Point"]
	if got := point.String(); got != "main.Point" {
		t.Errorf("the type is named %q, want main.Point", got)
	}
	v := reflect.New(point).Elem()
	v.Field(0).SetInt(3)
	if got := fmt.Sprint([]any{v.Interface()}); got != "[(3,0)]" {
		t.Errorf("a Point in a slice prints %q, want [(3,0)]", got)
	}
	// A later plugin names the same type.
	b, err := c.Build(ctx, Program{
		Funcs: []Source{{Name: "origin", Signature: "func() Point", Text: "func origin() Point { return Point{1, 2} }", Cell: 4, Line: 1, Col: 1}},
		Types: []TypeRef{pkg.TypeRef},
	})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	out := reflect.ValueOf(b.Funcs[0].Value).Call(nil)[0]
	if out.Type() != point {
		t.Errorf("origin returns a %v of another identity than the built type", out.Type())
	}
	// A type package that names one built before.
	more, err := c.BuildTypes(ctx, TypeProgram{
		Names: []string{"Line"},
		Decls: []Source{{Text: "type Line struct{ A, B Point }", Cell: 5, Line: 1, Col: 1}},
		Uses:  []TypeRef{pkg.TypeRef},
	})
	if err != nil {
		t.Fatalf("BuildTypes of Line: %v", err)
	}
	if f := more.Types["Line"].Field(0).Type; f != point {
		t.Errorf("Line.A is a %v of another identity than Point", f)
	}
	// The same program in another Compiler comes from the cache.
	again, err := newTestCompiler(t, cache).BuildTypes(ctx, tp)
	if err != nil {
		t.Fatalf("BuildTypes again: %v", err)
	}
	if !again.Cached || again.Path != pkg.Path {
		t.Errorf("built again: cached %v, path %s (was %s)", again.Cached, again.Path, pkg.Path)
	}
}
