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
