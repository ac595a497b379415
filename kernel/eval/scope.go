package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"reflect"
	"strings"
)

// Decl is a declaration a cell made, as completion and inspection show it.
type Decl struct {
	Name   string
	Kind   string // "var", "const", "func", "type" or "method"
	Recv   string // a method's receiver type, without '*'
	Source string // the declaration as written in the cell
	Cell   int    // the cell's execution count
	// line and col are where Source starts in its cell.
	line, col int
}

// Decls are the declarations cells made, oldest first; a name declared
// again appears again.
func (s *Session) Decls() []Decl { return s.decls }

// Imports are the packages cells may use, by the name they use them by.
func (s *Session) Imports() map[string]string { return maps.Clone(s.imports) }

// TypeOf tells the type of a package-level variable: the name of a cell's
// type when its declaration shows one ("Point", "*Point"), since the
// interpreter's values do not carry those; otherwise the type of its value.
func (s *Session) TypeOf(name string) (cellType string, rt reflect.Type, ok bool) {
	return s.typeOf(name, s.globals)
}

// typeOf is TypeOf, with the interpreter's globals from globals, asked
// only when the declaration does not tell.
func (s *Session) typeOf(name string, globals func() map[string]reflect.Value) (cellType string, rt reflect.Type, ok bool) {
	for i := len(s.decls) - 1; i >= 0; i-- {
		d := s.decls[i]
		if d.Name != name {
			continue
		}
		if d.Kind != "var" {
			return "", nil, false
		}
		if t := s.declaredType(d); t != "" {
			return t, nil, true
		}
		break
	}
	v, found := globals()[name]
	if !found || !v.IsValid() {
		return "", nil, false
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return "", v.Type(), true
}

// declaredType reads a cell type off a variable's declaration: var x T,
// x := T{...}, x := &T{...}, x := T(...), x := NewT(...) for a function
// of the cells returning one.
func (s *Session) declaredType(d Decl) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\nfunc main() {\n"+d.Source+"\n}", 0)
	if err != nil || len(f.Decls) == 0 {
		return ""
	}
	var typ ast.Expr
	ast.Inspect(f.Decls[0], func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if id.Name == d.Name {
					typ = n.Type
					if typ == nil && i < len(n.Values) {
						typ = s.typeOfExpr(n.Values[i])
					}
				}
			}
		case *ast.AssignStmt:
			for i, e := range n.Lhs {
				if id, ok := e.(*ast.Ident); ok && id.Name == d.Name && len(n.Lhs) == len(n.Rhs) {
					typ = s.typeOfExpr(n.Rhs[i])
				}
			}
		}
		return typ == nil
	})
	name := typeName(typ)
	if !s.types[strings.TrimPrefix(name, "*")] {
		return ""
	}
	return name
}

// typeOfExpr is the type an expression visibly has, if any.
func (s *Session) typeOfExpr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.CompositeLit:
		return e.Type
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if t := s.typeOfExpr(e.X); t != nil {
				return &ast.StarExpr{X: t}
			}
		}
	case *ast.CallExpr:
		fn, ok := e.Fun.(*ast.Ident)
		if !ok {
			return nil
		}
		if s.types[fn.Name] {
			return fn
		}
		return s.resultType(fn.Name)
	}
	return nil
}

// resultType is the single result type of a function a cell declared.
func (s *Session) resultType(fn string) ast.Expr {
	for i := len(s.decls) - 1; i >= 0; i-- {
		d := s.decls[i]
		if d.Name != fn || d.Kind != "func" {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+d.Source, 0)
		if err != nil || len(f.Decls) == 0 {
			return nil
		}
		fd, ok := f.Decls[0].(*ast.FuncDecl)
		if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) == 0 {
			return nil
		}
		return fd.Type.Results.List[0].Type
	}
	return nil
}

func typeName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		if n := typeName(t.X); n != "" {
			return "*" + n
		}
	}
	return ""
}

// recordDecls keeps what the parts of a piece of cell n declared, as
// written, once the piece compiled.
func (s *Session) recordDecls(n int, p piece) {
	for _, pt := range p.parts {
		if pt.importDecl {
			continue
		}
		src := "package main\n" + pt.src
		if !p.decl {
			src = "package main\nfunc main() {\n" + pt.src + "\n}"
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
		if err != nil {
			continue
		}
		cell := n
		if pt.cell != 0 {
			cell = pt.cell // a declaration that waited, or was held
		}
		add := func(name, kind, recv string) {
			if name != "_" && name != "" && !strings.HasPrefix(name, "__gopar") && !literalInterface(name) {
				s.decls = append(s.decls, Decl{Name: name, Kind: kind, Recv: recv, Source: pt.src, Cell: cell, line: pt.line, col: pt.col})
			}
		}
		genDecl := func(gd *ast.GenDecl) {
			for _, sp := range gd.Specs {
				switch sp := sp.(type) {
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						add(id.Name, gd.Tok.String(), "")
					}
				case *ast.TypeSpec:
					add(sp.Name.Name, "type", "")
				}
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				genDecl(d)
			case *ast.FuncDecl:
				switch {
				case d.Recv != nil && len(d.Recv.List) > 0:
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					if idx, ok := recv.(*ast.IndexExpr); ok {
						recv = idx.X
					}
					add(d.Name.Name, "method", typeName(recv))
				case p.decl && d.Name.Name != "main":
					add(d.Name.Name, "func", "")
				case !p.decl:
					// The statement's own wrapper: what its top level defines.
					for _, st := range d.Body.List {
						switch st := st.(type) {
						case *ast.AssignStmt:
							if st.Tok == token.DEFINE {
								for _, e := range st.Lhs {
									if id, ok := e.(*ast.Ident); ok {
										add(id.Name, "var", "")
									}
								}
							}
						case *ast.DeclStmt:
							if gd, ok := st.Decl.(*ast.GenDecl); ok {
								genDecl(gd)
							}
						}
					}
				}
			}
		}
	}
}
