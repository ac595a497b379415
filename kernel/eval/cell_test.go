package eval

import (
	"reflect"
	"testing"
)

func TestSplitCell(t *testing.T) {
	type want struct {
		decl  bool
		lines []int
	}
	tests := []struct {
		name    string
		src     string
		pieces  []want
		pkgLine bool
	}{
		{"statements only", "x := 1\ny := 2", []want{{false, []int{1, 2}}}, false},
		{"declarations only", "import \"fmt\"\nfunc f() {}\ntype T int", []want{{true, []int{1, 2, 3}}}, false},
		{"mixed in order", "import \"fmt\"\nx := 1\nfunc f() int {\n\treturn x\n}\nfmt.Println(f())",
			[]want{{true, []int{1}}, {false, []int{2}}, {true, []int{3}}, {false, []int{6}}}, false},
		{"func literal is a statement", "func() { println(1) }()", []want{{false, []int{1}}}, false},
		{"method is a declaration", "func (t T) String() string { return \"\" }", []want{{true, []int{1}}}, false},
		{"generic func is a declaration", "func Map[T any](x T) T { return x }", []want{{true, []int{1}}}, false},
		{"package clause dropped", "package main\n\nfunc main() {}", []want{{true, []int{3}}}, true},
		{"braces in strings", "s := \"{\"\nt := `}\n`\nu := 1", []want{{false, []int{1, 2, 4}}}, false},
		{"grouped var is a declaration", "var (\n\ta = 1\n\tb = 2\n)\na++", []want{{true, []int{1}}, {false, []int{5}}}, false},
		{"var after statements is a statement", "x := 1\nvar y = x\nconst c = 2", []want{{false, []int{1, 2, 3}}}, false},
		{"var after statements and a type is a statement", "x := 1\ntype T int\nvar y = T(x)", []want{{false, []int{1}}, {true, []int{2}}, {false, []int{3}}}, false},
		{"empty", "  \n// just a comment\n", nil, false},
		{"clauses of a for with no condition stay whole", "for i := 0; ; i++ {\n\tbreak\n}; x := 1; if y := 2; y > x {\n}",
			[]want{{false, []int{1, 3, 3}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := splitCell(tt.src)
			var got []want
			for _, p := range c.pieces {
				w := want{decl: p.decl}
				for _, pt := range p.parts {
					w.lines = append(w.lines, pt.line)
				}
				got = append(got, w)
			}
			if !reflect.DeepEqual(got, tt.pieces) {
				t.Errorf("splitCell(%q) = %+v, want %+v", tt.src, got, tt.pieces)
			}
			if c.hasPackage != tt.pkgLine {
				t.Errorf("hasPackage = %v, want %v", c.hasPackage, tt.pkgLine)
			}
		})
	}
}

func TestIsFuncDecl(t *testing.T) {
	for src, want := range map[string]bool{
		"func f() {}":                        true,
		"func (r *T) M() {}":                 true,
		"func() {}()":                        false,
		"func(x int) int { return x }(1)":    false,
		"func (x int) (int) { return x }(1)": false,
	} {
		if got := isFuncDecl(src); got != want {
			t.Errorf("isFuncDecl(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestPackageName(t *testing.T) {
	for path, want := range map[string]string{
		"fmt": "fmt", "encoding/json": "json", "math/rand/v2": "rand", "gopar/runtime/display": "display", "v2": "v2",
	} {
		if got := packageName(path); got != want {
			t.Errorf("packageName(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestLocalizeVars(t *testing.T) {
	earlier := func(name string) bool { return name == "a" || name == "cfg" }
	tests := []struct {
		src   string
		decls []bool // piece kinds after the move
	}{
		{"var b = a", []bool{false}},
		{"var b = 2", []bool{true}},
		{"var b int\nvar c = cfg.Size\nfunc f() int { return c }", []bool{true, false, true}},
		{"var (\n\tb = 1\n\tc = a + b\n)", []bool{false}},
		{"func a() {}\nvar b = 1", []bool{true}},
		{"var a = 5", []bool{true}}, // declares a anew, reading nothing
	}
	for _, tt := range tests {
		c := splitCell(tt.src)
		c.localizeVars(earlier)
		var got []bool
		for _, p := range c.pieces {
			got = append(got, p.decl)
		}
		if !reflect.DeepEqual(got, tt.decls) {
			t.Errorf("%q: pieces %v, want %v", tt.src, got, tt.decls)
		}
	}
}
