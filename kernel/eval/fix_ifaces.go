package eval

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"hash/fnv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// The interpreter asserts a compiled value (an error of package errors, a
// value of a compiled cell type) to an interface it built itself, such as
// the literal of err.(interface{ Unwrap() []error }), as never holding:
// it looks for its own method table, which compiled values lack. To a
// compiled interface it asserts them right. So an interface literal that
// a cell asserts to, or names in a type switch's case, is declared as a
// compiled type of the session (interfaceLiteralPrefix and a hash of its
// text) and the cell asserts to that.

// interfaceLiteralPrefix begins the names of the compiled interfaces that
// stand for literals; %native and the session's declarations leave them
// out.
const interfaceLiteralPrefix = "GoparIface"

// nameInterfaceLiterals compiles the interface literals of f's assertions
// and type switch cases and writes their names in their place. A literal
// that cannot be compiled (its methods use an interpreted type, or are
// unexported) stays.
func (s *Session) nameInterfaceLiterals(ctx context.Context, n int, f *ast.File, info *types.Info) {
	if info == nil {
		return
	}
	fset := s.interp.FileSet()
	session := s.checker().Package()
	names := map[*ast.InterfaceType]string{}
	consider := func(e ast.Expr) {
		lit, ok := e.(*ast.InterfaceType)
		if !ok || lit.Methods == nil || len(lit.Methods.List) == 0 {
			return
		}
		it, ok := info.TypeOf(lit).(*types.Interface)
		if !ok || !it.IsMethodSet() || it.NumMethods() == 0 {
			return
		}
		for m := range it.Methods() {
			if !m.Exported() {
				return
			}
		}
		usesCell := false
		walkTypes(it, func(t types.Type) {
			if nt, ok := types.Unalias(t).(*types.Named); ok && nt.Obj().Pkg() == session {
				usesCell = true
			}
		})
		if usesCell || !s.holdsTypes(ctx) {
			return
		}
		var b bytes.Buffer
		if err := format.Node(&b, token.NewFileSet(), lit); err != nil {
			return
		}
		text := b.String()
		h := fnv.New64a()
		h.Write([]byte(text))
		name := fmt.Sprintf("%s%x", interfaceLiteralPrefix, h.Sum64())
		if _, ok := s.native.types[name]; !ok {
			pos := fset.Position(lit.Pos())
			decl := piece{decl: true, parts: []part{{src: "type " + name + " " + text, line: pos.Line, col: pos.Column}}}
			if err := s.runDecl(ctx, n, decl, false); err != nil {
				return
			}
			if err := s.settleTypes(ctx); err != nil {
				return
			}
			if _, ok := s.native.types[name]; !ok {
				return
			}
		}
		names[lit] = name
	}
	ast.Inspect(f, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.TypeAssertExpr:
			if node.Type != nil {
				consider(node.Type)
			}
		case *ast.TypeSwitchStmt:
			for _, cl := range node.Body.List {
				for _, t := range cl.(*ast.CaseClause).List {
					consider(t)
				}
			}
		}
		return true
	})
	if len(names) == 0 {
		return
	}
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		if lit, ok := c.Node().(*ast.InterfaceType); ok && names[lit] != "" {
			c.Replace(&ast.Ident{Name: names[lit], NamePos: lit.Pos()})
		}
		return true
	})
}

// literalInterface tells the name of a compiled interface that stands for
// a literal.
func literalInterface(name string) bool {
	return strings.HasPrefix(name, interfaceLiteralPrefix) || strings.HasPrefix(name, "type "+interfaceLiteralPrefix)
}
