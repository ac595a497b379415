package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"

	"gopar/kernel/stdnames"
)

// mainName is what a cell's func main is renamed to: the interpreter would
// otherwise run main again after every later declaration.
const mainName = "__gopar_main"

// renameMain renames a top-level func main and reports whether there was one.
func renameMain(f *ast.File) bool {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" {
			fn.Name.Name = mainName
			return true
		}
	}
	return false
}

// rewriteGoStmts makes every go statement report to the session: when its
// goroutine starts and ends, and the panic that ends it, which in the
// interpreter would otherwise end the whole kernel.
//
//	go f(a, b)
//
// becomes, keeping Go's order of evaluation (function and arguments are
// evaluated by the go statement, the call runs in the new goroutine):
//
//	{
//		__gopar_id, __gopar_g0, __gopar_g1, __gopar_g2 := __gopar.GoStart("In [5], line 3, col 1"), f, a, b
//		__gopar_run := func() func() {
//			__gopar_id, __gopar_g0, __gopar_g1, __gopar_g2 := __gopar_id, __gopar_g0, __gopar_g1, __gopar_g2
//			return func() { defer func() { __gopar.GoEnd(__gopar_id, recover()) }(); __gopar_g0(__gopar_g1, __gopar_g2) }
//		}()
//		go __gopar_run()
//	}
//
// The interpreter's function literals read the variables around them when
// they run, not when they are made: the copies in a frame of their own
// (the call of the outer literal) keep the goroutine from reading the
// next iteration's values when the go statement is in a loop.
func rewriteGoStmts(fset *token.FileSet, f *ast.File) {
	made := map[*ast.GoStmt]bool{} // the rewrite's own go statements
	safeGo := func(g *ast.GoStmt) ast.Stmt {
		if made[g] {
			return g
		}
		p := fset.Position(g.Go)
		block := safeGoStmt(g, where(p.Filename, p.Line, p.Column))
		made[block.List[len(block.List)-1].(*ast.GoStmt)] = true
		return block
	}
	rewriteList := func(list []ast.Stmt) {
		for i, st := range list {
			if g, ok := st.(*ast.GoStmt); ok {
				list[i] = safeGo(g)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			rewriteList(n.List)
		case *ast.CaseClause:
			rewriteList(n.Body)
		case *ast.CommClause:
			rewriteList(n.Body)
		case *ast.LabeledStmt:
			if g, ok := n.Stmt.(*ast.GoStmt); ok {
				n.Stmt = safeGo(g)
			}
		}
		return true
	})
}

// safeGoStmt rewrites one go statement; where names its place in the cell.
// The temporaries live in a block of their own, so their names may repeat.
func safeGoStmt(g *ast.GoStmt, where string) *ast.BlockStmt {
	call := g.Call
	// Names carry the statement's position: the interpreter resolves
	// package names through the file a position belongs to.
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: g.Go} }
	hook := func(name string, args ...ast.Expr) *ast.CallExpr {
		return &ast.CallExpr{Fun: &ast.SelectorExpr{X: id("__gopar"), Sel: id(name)}, Args: args}
	}
	names := []ast.Expr{id("__gopar_id")}
	values := []ast.Expr{hook("GoStart", &ast.BasicLit{ValuePos: g.Go, Kind: token.STRING, Value: strconv.Quote(where)})}
	temp := func(e ast.Expr) ast.Expr {
		name := fmt.Sprintf("__gopar_g%d", len(names)-1)
		names = append(names, id(name))
		values = append(values, e)
		return id(name)
	}
	fun := call.Fun
	if builtin, ok := fun.(*ast.Ident); !ok || !isBuiltin(builtin.Name) {
		if _, isLit := fun.(*ast.FuncLit); !isLit || len(call.Args) > 0 {
			fun = temp(fun)
		}
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		args[i] = temp(a)
	}
	inner := &ast.CallExpr{Fun: fun, Args: args, Ellipsis: call.Ellipsis}
	end := &ast.DeferStmt{Defer: g.Go, Call: &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: hook("GoEnd", id("__gopar_id"), &ast.CallExpr{Fun: id("recover")})}}},
	}}}
	body := &ast.FuncLit{
		Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{end, &ast.ExprStmt{X: hook("GoBegin", id("__gopar_id"))}, &ast.ExprStmt{X: inner}}},
	}
	copies := make([]ast.Expr, len(names))
	lhs := make([]ast.Expr, len(names))
	for i, n := range names {
		copies[i] = id(n.(*ast.Ident).Name)
		lhs[i] = id(n.(*ast.Ident).Name)
	}
	snapshot := &ast.FuncLit{
		Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Func: g.Go, Params: &ast.FieldList{}}}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: copies, TokPos: g.Go},
			&ast.ReturnStmt{Return: g.Go, Results: []ast.Expr{body}},
		}},
	}
	launch := &ast.GoStmt{Go: g.Go, Call: &ast.CallExpr{Fun: id("__gopar_run")}}
	return &ast.BlockStmt{Lbrace: g.Go, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: names, Tok: token.DEFINE, Rhs: values, TokPos: g.Go},
		&ast.AssignStmt{Lhs: []ast.Expr{id("__gopar_run")}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.CallExpr{Fun: snapshot}}, TokPos: g.Go},
		launch,
	}}
}

func isBuiltin(name string) bool {
	switch name {
	case "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
		"max", "min", "new", "panic", "print", "println", "real", "recover":
		return true
	}
	return false
}

// dropKnownImports removes the imports that known already holds with the
// same path, and returns the ones the file adds.
func dropKnownImports(f *ast.File, known map[string]string) map[string]string {
	added := map[string]string{}
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			decls = append(decls, d)
			continue
		}
		specs := gd.Specs[:0]
		for _, sp := range gd.Specs {
			is := sp.(*ast.ImportSpec)
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				specs = append(specs, sp)
				continue
			}
			name := packageName(p)
			if is.Name != nil {
				name = is.Name.Name
			}
			if known[name] == p || name == "_" && known["_"+p] == p {
				continue
			}
			if name == "_" {
				added["_"+p] = p
			} else {
				added[name] = p
			}
			specs = append(specs, sp)
		}
		if len(specs) > 0 {
			gd.Specs = specs
			decls = append(decls, gd)
		}
	}
	f.Decls = decls
	return added
}

// packageName guesses a package's name from its path, as goimports does.
var packageName = stdnames.Name

// markLines puts a call of hooks.Line before each top-level statement of a
// cell, so that a panic there can be placed: the interpreter reports only
// the function a panic went through.
func markLines(fset *token.FileSet, body *ast.BlockStmt) {
	list := make([]ast.Stmt, 0, 2*len(body.List))
	for _, st := range body.List {
		pos := st.Pos()
		id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
		list = append(list, &ast.ExprStmt{X: &ast.CallExpr{
			Fun:  &ast.SelectorExpr{X: id("__gopar"), Sel: id("Line")},
			Args: []ast.Expr{&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(fset.Position(pos).Line)}},
		}}, st)
	}
	body.List = list
}
