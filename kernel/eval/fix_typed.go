package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/ast/astutil"
)

// Rewrites that need the static types the checker found: they run on the
// syntax tree as checked, before the other rewrites of fixup.
//
//   - A call of a generic function gets its type arguments written out, as
//     the compiler inferred them: the interpreter's inference fails on
//     function literals, untyped constants and pointers, and is silently
//     wrong on some (Max(1, 2.5) == 2).
//   - range over any integer operand becomes a counting loop (in
//     rangeOverInts, which reads the types through s.info).
//   - Untyped constant arguments of a generic call are converted to the
//     types the compiler gave them: cmp.Compare(3.0, 3.0) compares float64s.
//   - The arguments of min and max are converted to the call's type, so
//     that min(x, 2.5) with x a float64 needs no inference.
//   - A variable that a cell's top level defines from a call,
//     `x := f(...)`, is declared with its type first: the interpreter
//     cannot work out the type of some (generic calls, some methods).
func (s *Session) typedFixup(f *ast.File, info *types.Info, stmts bool) {
	s.info = info
	if info == nil {
		return
	}
	if stmts {
		body := f.Decls[0].(*ast.FuncDecl).Body
		var list []ast.Stmt
		for _, st := range body.List {
			list = append(list, s.declareDefined(st, info)...)
		}
		body.List = list
	}
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.Ident, *ast.SelectorExpr:
			if e, ok := s.instantiate(n.(ast.Expr), c.Parent(), info); ok {
				c.Replace(e)
			}
		case *ast.CallExpr:
			s.convertMinMaxArgs(n, info)
			s.convertConstArgs(n, info)
		}
		return true
	})
}

// instantiate writes out the type arguments of a generic function that a
// call or a value leaves to inference.
func (s *Session) instantiate(e ast.Expr, parent ast.Node, info *types.Info) (ast.Expr, bool) {
	id, ok := e.(*ast.Ident)
	if sel, isSel := e.(*ast.SelectorExpr); isSel {
		id, ok = sel.Sel, true
	}
	if !ok {
		return nil, false
	}
	inst, ok := info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return nil, false
	}
	fn, isFunc := info.Uses[id].(*types.Func)
	if !isFunc || fn.Pkg() == nil || fn.Pkg().Path() == "slices" {
		// A generic type has its arguments written already; the generic
		// functions of package slices, which the kernel supplies as
		// source, infer well and fail with them written.
		return nil, false
	}
	switch p := parent.(type) {
	case *ast.IndexExpr:
		if p.X == e {
			return nil, false // written out by the cell
		}
	case *ast.IndexListExpr:
		if p.X == e {
			return nil, false
		}
	case *ast.SelectorExpr:
		if p.Sel == e {
			return nil, false // handled with its selector
		}
	}
	args := make([]ast.Expr, inst.TypeArgs.Len())
	for i := range args {
		a, ok := s.typeExpr(inst.TypeArgs.At(i), e.Pos())
		if !ok {
			return nil, false
		}
		args[i] = a
	}
	if len(args) == 1 {
		return &ast.IndexExpr{X: e, Lbrack: e.End(), Index: args[0], Rbrack: e.End()}, true
	}
	return &ast.IndexListExpr{X: e, Lbrack: e.End(), Indices: args, Rbrack: e.End()}, true
}

// convertMinMaxArgs converts each argument of a min or max call of a
// typed result to that type.
func (s *Session) convertMinMaxArgs(call *ast.CallExpr, info *types.Info) {
	fn, ok := call.Fun.(*ast.Ident)
	if !ok || (fn.Name != "min" && fn.Name != "max") || len(call.Args) < 2 {
		return
	}
	if _, isBuiltin := info.Uses[fn].(*types.Builtin); !isBuiltin {
		return
	}
	tv := info.Types[call]
	if tv.Value != nil || tv.Type == nil {
		return // a constant: folded by the other rewrites
	}
	if b, ok := tv.Type.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return
	}
	for i, a := range call.Args {
		t, ok := s.typeExpr(tv.Type, a.Pos())
		if !ok {
			return
		}
		call.Args[i] = &ast.CallExpr{Fun: t, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
	}
}

// convertConstArgs converts the untyped constant arguments of a call of a
// generic function to the types they have in the call.
func (s *Session) convertConstArgs(call *ast.CallExpr, info *types.Info) {
	var id *ast.Ident
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fn
	case *ast.SelectorExpr:
		id = fn.Sel
	case *ast.IndexExpr, *ast.IndexListExpr:
		return // type arguments written: nothing to infer
	}
	if id == nil || info.Instances[id].TypeArgs.Len() == 0 {
		return
	}
	for i, a := range call.Args {
		if !isUntypedConst(a, info) {
			continue
		}
		tv := info.Types[a]
		t, ok := s.typeExpr(tv.Type, a.Pos())
		if !ok {
			return
		}
		call.Args[i] = &ast.CallExpr{Fun: t, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
	}
}

// isUntypedConst tells a constant written without a type (2.5, -1, 'x',
// "s", or an expression of them), whose type the context decides.
func isUntypedConst(e ast.Expr, info *types.Info) bool {
	if info.Types[e].Value == nil {
		return false
	}
	untyped := true
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if c, isConst := info.Uses[id].(*types.Const); isConst {
				if b, ok := c.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
					untyped = false
				}
			}
		}
		return untyped
	})
	return untyped
}

func isInteger(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// typeExpr writes t as an expression of the cell's code at pos, naming
// packages as the session imported them. It fails for a type of a package
// the session has not imported.
func (s *Session) typeExpr(t types.Type, pos token.Pos) (ast.Expr, bool) {
	ok := true
	src := types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		if s.imports[p.Name()] == p.Path() {
			return p.Name()
		}
		ok = false
		return p.Name()
	})
	if !ok {
		return nil, false
	}
	e, err := parser.ParseExpr(src)
	if err != nil {
		return nil, false
	}
	setPositions(e, pos)
	return e, true
}

// setPositions places every node of e at pos: the interpreter resolves a
// package name through the file its position belongs to.
func setPositions(e ast.Node, pos token.Pos) {
	posType := reflect.TypeFor[token.Pos]()
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		v = v.Elem()
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Type() == posType && f.CanSet() {
				if f.Int() != 0 { // NoPos may mean something: keep it
					f.SetInt(int64(pos))
				}
			}
		}
		return true
	})
}

// withoutValue tells whether the trailing statement of a statement piece
// is a call with no result, which gives the cell no value.
func withoutValue(f *ast.File, info *types.Info) bool {
	if info == nil {
		return false
	}
	list := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(list) == 0 {
		return false
	}
	es, ok := list[len(list)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	t, ok := info.TypeOf(es.X).(*types.Tuple)
	return ok && t.Len() == 0
}

// declareDefined writes `x, err := f()` as `var x T; var err error;
// x, err = f()`, where the interpreter needs it: the right side calls a
// generic function, or is one call of several results; and every new
// variable's type can be written.
func (s *Session) declareDefined(st ast.Stmt, info *types.Info) []ast.Stmt {
	as, ok := st.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || !(callsGeneric(as.Rhs, info) || len(as.Lhs) > 1 && len(as.Rhs) == 1 && isCall(as.Rhs[0], info)) {
		return []ast.Stmt{st}
	}
	var out []ast.Stmt
	for _, e := range as.Lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			return []ast.Stmt{st}
		}
		v, isNew := info.Defs[id].(*types.Var)
		if !isNew || id.Name == "_" {
			continue
		}
		t, ok := s.typeExpr(v.Type(), id.Pos())
		if !ok {
			return []ast.Stmt{st}
		}
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: as.Pos(), Tok: token.VAR,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{{Name: id.Name, NamePos: id.Pos()}}, Type: t}}}})
	}
	as.Tok = token.ASSIGN
	return append(out, as)
}

// callsGeneric tells whether exprs call a generic function somewhere.
func callsGeneric(exprs []ast.Expr, info *types.Info) bool {
	found := false
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if _, isFunc := info.Uses[id].(*types.Func); isFunc && info.Instances[id].TypeArgs.Len() > 0 {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// isCall tells a call of a function from a conversion and other
// expressions.
func isCall(e ast.Expr, info *types.Info) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && !info.Types[call.Fun].IsType()
}
