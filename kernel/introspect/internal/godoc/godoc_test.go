package godoc

import (
	"go/doc"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// writePackage makes a file system whose root holds files (name to
// content).
func writePackage(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

const shapes = `// Package shapes draws.
package shapes

// Kind is a shape's kind.
type Kind int

// The kinds.
const (
	Circle Kind = iota // round
	Square             // four sides
)

// Point is a place.
type Point struct {
	X, Y float64 // coordinates
	tag  string  // hidden
}

// Dist is how far p is from q.
func (p Point) Dist(q Point) float64 {
	return 0
}

type (
	// Width is a size.
	Width float64
	// Height is another.
	Height float64
)

// New makes a point.
func New() Point { return Point{} }

func unexported() {}

var _ = unexported
`

// TestParseFS checks what is read of a package: its exported names, not
// those of its tests, of files for other builds or of a stray package.
func TestParseFS(t *testing.T) {
	fsys := writePackage(map[string]string{
		"shapes.go":      shapes,
		"shapes_test.go": "package shapes\n\nfunc FromTest() {}\n",
		"other.go":       "//go:build ignore\n\npackage shapes\n\nfunc OtherPlatform() {}\n",
		"zgen.go":        "package main\n\nfunc Stray() {}\n",
	})
	p, err := ParseFS(fsys, ".", "example.org/shapes", 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != "example.org/shapes" || p.Doc != "Package shapes draws.\n" {
		t.Errorf("Path, Doc = %q, %q", p.Path, p.Doc)
	}
	names := slices.Sorted(maps.Keys(p.Symbols))
	want := []string{"Circle", "Height", "Kind", "New", "Point", "Point.Dist", "Square", "Width"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %q, want %q", names, want)
	}
	for name, w := range map[string]Symbol{
		"Point.Dist": {
			Signature: "func (p Point) Dist(q Point) float64",
			Doc:       "Dist is how far p is from q.\n",
			Source:    "func (p Point) Dist(q Point) float64 {\n\treturn 0\n}",
		},
		// A small group is shown whole, with its members' comments.
		"Square": {
			Signature: "const (\n\tCircle Kind = iota // round\n\tSquare             // four sides\n)",
			Doc:       "The kinds.\n",
			Source:    "const (\n\tCircle Kind = iota // round\n\tSquare             // four sides\n)",
		},
	} {
		if got := p.Symbols[name]; got != w {
			t.Errorf("%s:\n got %#v\nwant %#v", name, got, w)
		}
	}
	// Unexported fields and their comments are left out of the signature,
	// not of the source.
	point := p.Symbols["Point"]
	if !strings.Contains(point.Signature, "X, Y float64 // coordinates") || strings.Contains(point.Signature, "tag") || strings.Contains(point.Signature, "hidden") {
		t.Errorf("Point's signature = %q", point.Signature)
	}
	if !strings.Contains(point.Source, "tag  string  // hidden") {
		t.Errorf("Point's source = %q", point.Source)
	}
	// A type declared in a group is shown alone.
	if h := p.Symbols["Height"]; h.Signature != "type Height float64" || h.Doc != "Height is another.\n" {
		t.Errorf("Height = %#v", h)
	}
}

// TestParseFSBigGroup checks that a member of a group too big to show
// whole shows its own line, with its own comments.
func TestParseFSBigGroup(t *testing.T) {
	var b strings.Builder
	b.WriteString("package codes\n\n// Codes.\nconst (\n")
	for i := range maxGroupSpecs + 1 {
		b.WriteString("\tC" + string(rune('A'+i)) + " = 0")
		if i == 1 {
			b.WriteString(" // the second")
		}
		b.WriteString("\n")
	}
	b.WriteString(")\n")
	p, err := ParseFS(writePackage(map[string]string{"codes.go": b.String()}), ".", "codes", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := Symbol{Signature: "const CB = 0", Doc: "Codes.\n\nthe second", Source: p.Symbols["CA"].Source}
	if got := p.Symbols["CB"]; got != want || !strings.HasPrefix(got.Source, "const (") {
		t.Errorf("CB:\n got %#v\nwant %#v", got, want)
	}
}

// TestParseFSAllDecls checks the mode package builtin is read in, whose
// predeclared names are lower case.
func TestParseFSAllDecls(t *testing.T) {
	fsys := writePackage(map[string]string{"b.go": "package builtin\n\n// len counts.\nfunc len(v Type) int\n\n// Type is any type.\ntype Type int\n"})
	p, err := ParseFS(fsys, ".", "builtin", doc.AllDecls)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Symbols["len"]; got.Signature != "func len(v Type) int" || got.Doc != "len counts.\n" {
		t.Errorf("len = %#v", got)
	}
	if p, err := ParseFS(fsys, ".", "builtin", 0); err != nil || len(p.Symbols) != 1 {
		t.Errorf("without AllDecls: %v, %v", p, err)
	}
}

func TestParseFSErrors(t *testing.T) {
	if _, err := ParseFS(fstest.MapFS{}, "missing", "missing", 0); err == nil {
		t.Error("no error for a missing directory")
	}
	if _, err := ParseFS(writePackage(map[string]string{"x_test.go": "package x\n"}), ".", "x", 0); err == nil {
		t.Error("no error for a directory without sources")
	}
	if _, err := ParseFS(writePackage(map[string]string{"x.go": "package x\n\nfunc {\n"}), ".", "x", 0); err == nil {
		t.Error("no error for a syntax error")
	}
}
