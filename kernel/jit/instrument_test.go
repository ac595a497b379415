package jit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestInstrument(t *testing.T) {
	tests := []struct {
		src, want string
		unguarded bool
	}{
		{"func f() int { return 1 }", "func f() int { return 1 }", false},
		{"func f(n int) (s int) {\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn\n}",
			"func f(n int) (s int) { __gopar_stop := __gopar_native.Token();\n\tfor i := range n { __gopar_stop.Check();\n\t\ts += i\n\t}\n\treturn\n}", false},
		{"func f() {\n\tgo func() { for {} }()\n}",
			"func f() { __gopar_stop := __gopar_native.Token();\n\tgo func() { defer __gopar_native.Recover(); for { __gopar_stop.Check();} }()\n}", false},
		{"func f() { go g() }", "func f() { go g() }", true},
		{"func try(f func()) (v any) {\n\tdefer func() { v = recover() }()\n\tf()\n\treturn\n}",
			"func try(f func()) (v any) {\n\tdefer func() { v = __gopar_native.Recovered(recover()) }()\n\tf()\n\treturn\n}", false},
	}
	for _, tt := range tests {
		fset := token.NewFileSet()
		const header = "package main\n"
		file, err := parser.ParseFile(fset, "", header+tt.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		d := file.Decls[0].(*ast.FuncDecl)
		edits, unguarded := Instrument(d, func(p token.Pos) int { return fset.Position(p).Offset - len(header) })
		if got := Apply(tt.src, edits); got != tt.want || unguarded != tt.unguarded {
			t.Errorf("Instrument(%q) = %q, %v; want %q, %v", tt.src, got, unguarded, tt.want, tt.unguarded)
		}
	}
}

func TestGuardRecursion(t *testing.T) {
	src := "func even(n int) bool { if n == 0 { return true }; return odd(n - 1) }\n" +
		"func odd(n int) bool { if n == 0 { return false }; return even(n - 1) }\n" +
		"func sum(xs ...int) (total int) { if len(xs) == 0 { return 0 }; return xs[0] + sum(xs[1:]...) }\n" +
		"func leaf() {}"
	const header = "package main\n"
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", header+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	recursive := recursionIn(file)
	if len(recursive) != 3 || !recursive["even"] || !recursive["odd"] || !recursive["sum"] {
		t.Fatalf("recursionIn = %v", recursive)
	}
	d := file.Decls[2].(*ast.FuncDecl)
	base := fset.Position(d.Pos()).Offset
	offset := func(p token.Pos) int { return fset.Position(p).Offset - base }
	text := header + src
	got := Apply(text[base:fset.Position(d.End()).Offset], GuardRecursion(d, func(id *ast.Ident) bool { return recursive[id.Name] }, offset)) +
		"; " + syntacticWrapper(d, text, fset)
	want := "func sum__gopar_depth(__gopar_depth int, xs ...int) (total int) { __gopar_native.Deeper(__gopar_depth); if len(xs) == 0 { return 0 }; " +
		"return xs[0] + sum__gopar_depth(__gopar_depth+1, xs[1:]...) }; func sum(xs ...int) (total int) { return sum__gopar_depth(0, xs...) }"
	if got != want {
		t.Errorf("guarded sum:\n%s\nwant\n%s", got, want)
	}
	unnamed, _ := parser.ParseFile(token.NewFileSet(), "", "package main\nfunc f(int) { f(1) }", 0)
	if r := recursionIn(unnamed); len(r) != 0 {
		t.Errorf("recursionIn with an unnamed parameter = %v, want none", r)
	}
}
