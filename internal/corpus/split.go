// Package corpus cuts Go programs into the cells a person would paste into
// a notebook, for the tests that run a program's cells in a kernel and
// compare what they print with go run.
package corpus

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Split cuts a program into the cells a person would paste into a
// notebook: the import declarations (if any), then each top-level
// declaration other than func main in file order without its doc comment,
// then the body of func main dedented by one tab.
func Split(src []byte) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "program.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	tf := fset.File(f.Pos())
	text := func(from, to token.Pos) string {
		return string(src[tf.Offset(from):tf.Offset(to)])
	}
	var imports, decls []string
	var main *ast.FuncDecl
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			imports = append(imports, text(gd.Pos(), gd.End()))
			continue
		}
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			main = fd
			continue
		}
		decls = append(decls, text(d.Pos(), d.End()))
	}
	if main == nil || main.Body == nil {
		return nil, errors.New("no func main")
	}
	var cells []string
	if len(imports) > 0 {
		cells = append(cells, strings.Join(imports, "\n"))
	}
	cells = append(cells, decls...)
	return append(cells, mainBody(src, tf, main.Body)), nil
}

// mainBody is the text between main's braces, each line dedented by one tab
// except the lines that continue a raw string literal.
func mainBody(src []byte, tf *token.File, body *ast.BlockStmt) string {
	type span struct{ from, to int }
	var raw []span
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.HasPrefix(lit.Value, "`") {
			raw = append(raw, span{tf.Offset(lit.Pos()), tf.Offset(lit.End())})
		}
		return true
	})
	inRaw := func(off int) bool {
		for _, s := range raw {
			if s.from < off && off < s.to {
				return true
			}
		}
		return false
	}
	start, end := tf.Offset(body.Lbrace)+1, tf.Offset(body.Rbrace)
	var b strings.Builder
	off := start
	for _, line := range strings.SplitAfter(string(src[start:end]), "\n") {
		if !inRaw(off) {
			line = strings.TrimPrefix(line, "\t")
		}
		b.WriteString(line)
		off += len(line)
	}
	return strings.Trim(b.String(), "\n")
}
