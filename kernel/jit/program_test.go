package jit

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

var known = map[string]string{"fmt": "fmt", "math": "math", "rand": "math/rand", "np": "gopar/runtime/np", "calcpi": "gopar/runtime/pi"}

func TestParseCell(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		names [][]string // per decl
		funcs []string
		sigs  []string
		lines []int
	}{
		{"function", "func f(n int) int { return n }", [][]string{{"f"}}, []string{"f"}, []string{"func(n int) int"}, []int{2}},
		{"doc comment starts the decl", "\n// f doubles.\nfunc f(x float64) float64 { return 2 * x }", [][]string{{"f"}}, []string{"f"}, []string{"func(x float64) float64"}, []int{3}},
		{"types, consts and methods", "type P struct{ X int }\nconst (\n\tA = iota\n\tB\n)\nfunc (p *P) Inc() { p.X++ }\nvar _, v = 1, 2", [][]string{{"P"}, {"A", "B"}, {"P.Inc"}, {"v"}}, nil, nil, []int{2, 3, 7, 8}},
		{"generic functions are not exported", "func max2[T int | float64](a, b T) T { if a > b { return a }; return b }\nfunc g() int { return max2(1, 2) }", [][]string{{"max2"}, {"g"}}, []string{"g"}, []string{"func() int"}, []int{2, 3}},
		{"imports are not decls", "import \"math\"\nfunc s(x float64) float64 { return math.Sqrt(x) }", [][]string{{"s"}}, []string{"s"}, []string{"func(x float64) float64"}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := parseCell(4, 2, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var names [][]string
			var funcs, sigs []string
			var lines []int
			for _, d := range ds {
				names = append(names, d.names)
				lines = append(lines, d.line)
				if d.fn != "" {
					funcs = append(funcs, d.fn)
					sigs = append(sigs, d.sig)
				}
			}
			if !slices.EqualFunc(names, tt.names, slices.Equal) || !slices.Equal(funcs, tt.funcs) || !slices.Equal(sigs, tt.sigs) || !slices.Equal(lines, tt.lines) {
				t.Errorf("names %v funcs %v sigs %q lines %v; want %v %v %q %v", names, funcs, sigs, lines, tt.names, tt.funcs, tt.sigs, tt.lines)
			}
		})
	}
}

func TestParseCellErrors(t *testing.T) {
	tests := []struct{ src, line, detail string }{
		{"x := 3", "In [7], line 2, col 1: expected declaration, found x", "holds only declarations"},
		{"func f() {\n\treturn 1 +\n}", "In [7], line 4, col 1: expected operand", ""},
		{"func main() {}", "In [7], line 2, col 6: a %%jit cell cannot declare func main", "cells call"},
		{"import . \"math\"\nfunc f() float64 { return Pi }", "In [7], line 2, col 8: import . \"math\" is not supported", "qualify"},
	}
	for _, tt := range tests {
		_, err := parseCell(7, 2, tt.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%q: err = %v, want an *Error", tt.src, err)
		}
		if len(e.Lines) == 0 || !strings.HasPrefix(e.Lines[0], tt.line) || !strings.Contains(e.Detail, tt.detail) {
			t.Errorf("%q: lines %q detail %q; want first line starting %q, detail containing %q", tt.src, e.Lines, e.Detail, tt.line, tt.detail)
		}
	}
}

func TestProgramReplacesAndImports(t *testing.T) {
	var p program
	p, err := p.with(1, 2, "func f(n int) float64 { return math.Sqrt(float64(n)) }\nfunc g(n int) float64 { return f(n) + 1 }", known)
	if err != nil {
		t.Fatal(err)
	}
	p, err = p.with(3, 2, "import \"fmt\"\nfunc f(n int) float64 { fmt.Sprint(n); return np.Arange(n).Sum() + calcpi.Loop(1, 1) }", known)
	if err != nil {
		t.Fatal(err)
	}
	var fns []string
	for _, d := range p.funcs() {
		fns = append(fns, d.fn)
	}
	if !slices.Equal(fns, []string{"g", "f"}) {
		t.Errorf("functions %v, want [g f]: the new f replaces the old, g stays", fns)
	}
	files := p.generate()
	want := map[string][]string{
		"cell1.go":   {"//line In[1]:3:1\nfunc g("},
		"cell3.go":   {"import \"fmt\"", "import \"gopar/runtime/np\"", "import calcpi \"gopar/runtime/pi\"", "//line In[3]:3:1\nfunc f("},
		"exports.go": {"GoparJIT_g = g", "GoparJIT_f = f"},
	}
	if len(files) != len(want) {
		t.Errorf("files %v, want %d", files, len(want))
	}
	for name, parts := range want {
		for _, part := range parts {
			if !strings.Contains(files[name], part) {
				t.Errorf("%s lacks %q:\n%s", name, part, files[name])
			}
		}
	}
	// cell1.go's f is gone, and with it nothing else: math stays imported
	// for nobody, so it must not be imported at all.
	if strings.Contains(files["cell1.go"], "func f(") {
		t.Errorf("cell1.go still declares the replaced f:\n%s", files["cell1.go"])
	}
	if strings.Contains(files["cell1.go"], "math") && !strings.Contains(files["cell1.go"], "math.") {
		t.Errorf("cell1.go imports math without using it:\n%s", files["cell1.go"])
	}
}
