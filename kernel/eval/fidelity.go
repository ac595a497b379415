package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// The rewrites in this file make yaegi v0.16.1 run cells as Go 1.22+ does
// where the interpreter lags the language. Each works on the syntax tree of
// one piece of a cell, before it is compiled.

// helperDecls are interpreted helpers that rewritten cells call; they are
// generic, which compiled hooks cannot be.
const helperDecls = `package main
import __gopar_cmp "cmp"
func __gopar_min[T __gopar_cmp.Ordered](a, b T) T { if b < a { return b }; return a }
func __gopar_max[T __gopar_cmp.Ordered](a, b T) T { if b > a { return b }; return a }
`

// fixup applies every rewrite to a parsed piece; top is the body of a
// statement piece (its top level runs in the global scope), nil for a
// piece of declarations.
func (s *Session) fixup(f *ast.File, top *ast.BlockStmt) {
	s.loopVarsPerIteration(f)
	s.rangeOverInts(f)
	rewriteBuiltins(f, s.defined)
	rewriteAssertions(f, s.interfacesIn(f))
	rewriteGoStmts(s.interp.FileSet(), f)
	if top != nil {
		scopeTopLevel(top)
		markLines(s.interp.FileSet(), top)
	}
}

// loopVarsPerIteration gives each iteration of a loop its own copy of the
// loop's variables, as Go 1.22 does, when a closure in the body uses them:
// the interpreter shares one variable across iterations. The body starts
// with a copy under a new name, which the body's references then use. A
// loop whose body assigns to its variable keeps the shared one (a copy
// would lose the assignment for the next iteration).
func (s *Session) loopVarsPerIteration(f *ast.File) {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		var vars []*ast.Ident
		var body *ast.BlockStmt
		switch l := node.(type) {
		case *ast.ForStmt:
			if as, ok := l.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, e := range as.Lhs {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" && id.Obj != nil {
						vars = append(vars, id)
					}
				}
			}
			body = l.Body
		case *ast.RangeStmt:
			if l.Tok == token.DEFINE {
				for _, e := range []ast.Expr{l.Key, l.Value} {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" && id.Obj != nil {
						vars = append(vars, id)
					}
				}
			}
			body = l.Body
		default:
			return true
		}
		var copies []ast.Stmt
		for _, v := range vars {
			if !capturedIn(body, v.Obj) || assignedIn(body, v.Obj) {
				continue
			}
			n++
			name := fmt.Sprintf("__gopar_lv%d_%s", n, v.Name)
			renameUses(body, v.Obj, name)
			copies = append(copies, &ast.AssignStmt{
				Lhs: []ast.Expr{&ast.Ident{Name: name, NamePos: body.Lbrace}}, Tok: token.DEFINE, TokPos: body.Lbrace,
				Rhs: []ast.Expr{&ast.Ident{Name: v.Name, NamePos: body.Lbrace}},
			})
		}
		if len(copies) > 0 {
			body.List = append(copies, body.List...)
		}
		return true
	})
}

// capturedIn reports whether a function literal in body uses obj.
func capturedIn(body *ast.BlockStmt, obj *ast.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Obj == obj {
					found = true
				}
				return !found
			})
			return false
		}
		if g, ok := n.(*ast.GoStmt); ok {
			// The arguments of a go statement are evaluated at once; only
			// a literal's body captures.
			if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
				ast.Inspect(lit, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && id.Obj == obj {
						found = true
					}
					return !found
				})
			}
			return false
		}
		return !found
	})
	return found
}

// assignedIn reports whether body assigns to obj or takes its address.
func assignedIn(body *ast.BlockStmt, obj *ast.Object) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && id.Obj == obj
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, e := range n.Lhs {
					found = found || is(e)
				}
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && is(n.X)
		}
		return !found
	})
	return found
}

func renameUses(body *ast.BlockStmt, obj *ast.Object, name string) {
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj == obj {
			id.Name = name
			id.Obj = nil
		}
		return true
	})
}

// rangeOverInts turns "for i := range n" over an integer into a counting
// loop, which the interpreter does not know. Without full type checking,
// an operand counts as an integer when it is an integer constant
// expression, a len or cap call, or a name declared as one: a parameter or
// variable of an integer type, a variable set from such an expression, or
// a global of an earlier cell that holds an integer.
func (s *Session) rangeOverInts(f *ast.File) {
	var globals map[string]reflect.Value
	global := func(name string) (reflect.Value, bool) {
		if globals == nil {
			globals = s.globals()
		}
		v, ok := globals[name]
		return v, ok
	}
	var isInt func(e ast.Expr) bool
	isInt = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.BasicLit:
			return e.Kind == token.INT
		case *ast.BinaryExpr:
			switch e.Op {
			case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.SHL, token.SHR, token.AND, token.OR, token.XOR:
				return isInt(e.X) && (isInt(e.Y) || e.Op == token.SHL || e.Op == token.SHR)
			}
		case *ast.UnaryExpr:
			return (e.Op == token.SUB || e.Op == token.ADD) && isInt(e.X)
		case *ast.CallExpr:
			if id, ok := e.Fun.(*ast.Ident); ok {
				return id.Name == "len" || id.Name == "cap" || integerTypes[id.Name] || id.Name == "min" || id.Name == "max"
			}
		case *ast.Ident:
			if e.Obj != nil {
				return declaredInt(e.Obj, isInt)
			}
			if v, ok := global(e.Name); ok && v.IsValid() {
				return isIntKind(v.Kind())
			}
		}
		return false
	}
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		r, ok := c.Node().(*ast.RangeStmt)
		if !ok || r.Value != nil || !isInt(r.X) {
			return true
		}
		c.Replace(countingLoop(r))
		return true
	})
}

// globals are the interpreter's global variables and constants, or none
// when it cannot list them (Globals panics on some function values).
func (s *Session) globals() (g map[string]reflect.Value) {
	defer func() {
		if recover() != nil {
			g = map[string]reflect.Value{}
		}
	}()
	return s.interp.Globals()
}

var integerTypes = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "rune": true, "byte": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}

func isIntKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Uintptr
}

// declaredInt reports whether a local name was declared with an integer
// type or value.
func declaredInt(obj *ast.Object, isInt func(ast.Expr) bool) bool {
	typeIsInt := func(t ast.Expr) bool {
		id, ok := t.(*ast.Ident)
		return ok && integerTypes[id.Name]
	}
	switch d := obj.Decl.(type) {
	case *ast.Field:
		return typeIsInt(d.Type)
	case *ast.ValueSpec:
		if d.Type != nil {
			return typeIsInt(d.Type)
		}
		for i, n := range d.Names {
			if n.Obj == obj && i < len(d.Values) {
				return isInt(d.Values[i])
			}
		}
	case *ast.AssignStmt:
		if len(d.Lhs) != len(d.Rhs) {
			return false
		}
		for i, e := range d.Lhs {
			if id, ok := e.(*ast.Ident); ok && id.Obj == obj {
				return isInt(d.Rhs[i])
			}
		}
	}
	return false
}

// countingLoop is "for i := range n" written as Go before 1.22 would:
// the bound is evaluated once, and i has the bound's type.
func countingLoop(r *ast.RangeStmt) ast.Stmt {
	pos := r.For
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
	key := "__gopar_i"
	if k, ok := r.Key.(*ast.Ident); ok && k.Name != "_" {
		key = k.Name
	}
	assign := token.DEFINE
	if r.Key != nil && r.Tok == token.ASSIGN {
		assign = token.ASSIGN
	}
	bound := id("__gopar_n")
	loop := &ast.ForStmt{
		For:  pos,
		Cond: &ast.BinaryExpr{X: id(key), Op: token.LSS, Y: id(bound.Name)},
		Post: &ast.IncDecStmt{X: id(key), Tok: token.INC},
		Body: r.Body,
	}
	if assign == token.DEFINE {
		// The counter starts as bound-bound, so that it has the bound's type.
		loop.Init = &ast.AssignStmt{Lhs: []ast.Expr{id(key)}, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.BinaryExpr{X: id(bound.Name), Op: token.SUB, Y: id(bound.Name)}}}
	} else {
		loop.Init = &ast.AssignStmt{Lhs: []ast.Expr{r.Key}, Tok: token.ASSIGN,
			Rhs: []ast.Expr{&ast.BinaryExpr{X: id(bound.Name), Op: token.SUB, Y: id(bound.Name)}}}
		loop.Cond = &ast.BinaryExpr{X: r.Key, Op: token.LSS, Y: id(bound.Name)}
		loop.Post = &ast.IncDecStmt{X: r.Key, Tok: token.INC}
	}
	return &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{bound}, Tok: token.DEFINE, TokPos: pos, Rhs: []ast.Expr{r.X}},
		loop,
	}}
}

// rewriteBuiltins supplies the builtins of Go 1.21 the interpreter lacks:
// min and max become calls of generic helpers, clear a compiled one.
func rewriteBuiltins(f *ast.File, defined map[string]bool) {
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		call, ok := c.Node().(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, ok := call.Fun.(*ast.Ident)
		if !ok || fn.Obj != nil || defined[fn.Name] || len(call.Args) == 0 {
			return true
		}
		id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: fn.Pos()} }
		switch fn.Name {
		case "min", "max":
			args := untypedFloats(call.Args)
			acc := args[0]
			for _, a := range args[1:] {
				acc = &ast.CallExpr{Fun: id("__gopar_" + fn.Name), Lparen: call.Lparen, Args: []ast.Expr{acc, a}, Rparen: call.Rparen}
			}
			c.Replace(&ast.ParenExpr{Lparen: call.Pos(), X: acc, Rparen: call.End()})
		case "clear":
			call.Fun = &ast.SelectorExpr{X: id("__gopar"), Sel: id("Clear")}
		}
		return true
	})
}

// untypedFloats gives constant arguments their default type, as Go does
// for min(1, 2.5) (float64) or min(3, 1) (int): the interpreter cannot
// infer a type parameter from untyped constants alone.
func untypedFloats(args []ast.Expr) []ast.Expr {
	kind := token.INT
	for _, a := range args {
		lit, ok := ast.Unparen(a).(*ast.BasicLit)
		if u, isUnary := ast.Unparen(a).(*ast.UnaryExpr); isUnary {
			lit, ok = u.X.(*ast.BasicLit)
		}
		if !ok {
			return args
		}
		switch {
		case lit.Kind == token.STRING:
			kind = token.STRING
		case lit.Kind == token.FLOAT:
			kind = token.FLOAT
		case lit.Kind == token.CHAR && kind == token.INT:
			kind = token.CHAR
		}
	}
	typ := map[token.Token]string{token.INT: "int", token.FLOAT: "float64", token.CHAR: "rune", token.STRING: "string"}[kind]
	out := make([]ast.Expr, len(args))
	for i, a := range args {
		out[i] = &ast.CallExpr{Fun: &ast.Ident{Name: typ, NamePos: a.Pos()}, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
	}
	return out
}

// rewriteAssertions turns type assertions into type switches, which the
// interpreter gets right where assertions are not (to interfaces declared
// in cells, a comma-ok assertion reports false and a plain one panics):
//
//	x.(T)      becomes  func(v any) T { switch t := v.(type) { case T: return t }; panic(...) }(x)
//	v, ok := x.(T)  becomes  v, ok := func(v any) (T, bool) { switch t := v.(type) { case T: return t, true }; var z T; return z, false }(x)
//
// Only assertions to interfaces declared in cells are rewritten: others
// work as they are (and a type switch mishandles some, such as error).
func rewriteAssertions(f *ast.File, interfaces map[string]bool) {
	needsSwitch := func(t ast.Expr) bool {
		switch t := t.(type) {
		case *ast.InterfaceType:
			return len(t.Methods.List) > 0
		case *ast.Ident:
			return interfaces[t.Name]
		}
		return false
	}
	rewrite := func(ta *ast.TypeAssertExpr, commaOK bool) ast.Expr {
		pos := ta.Pos()
		id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
		typ := func() ast.Expr { return cloneType(ta.Type) }
		caseBody := []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("__gopar_t")}}}
		results := &ast.FieldList{List: []*ast.Field{{Type: typ()}}}
		var fail []ast.Stmt
		if commaOK {
			caseBody[0].(*ast.ReturnStmt).Results = append(caseBody[0].(*ast.ReturnStmt).Results, id("true"))
			results.List = append(results.List, &ast.Field{Type: id("bool")})
			fail = []ast.Stmt{
				&ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id("__gopar_z")}, Type: typ()}}}},
				&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("__gopar_z"), id("false")}},
			}
		} else {
			fail = []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: id("panic"), Args: []ast.Expr{&ast.CallExpr{
				Fun:  &ast.SelectorExpr{X: id("__gopar"), Sel: id("AssertionError")},
				Args: []ast.Expr{id("__gopar_v"), &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(typeString(ta.Type))}},
			}}}}}
		}
		sw := &ast.TypeSwitchStmt{Switch: pos,
			Assign: &ast.AssignStmt{Lhs: []ast.Expr{id("__gopar_t")}, Tok: token.DEFINE, TokPos: pos,
				Rhs: []ast.Expr{&ast.TypeAssertExpr{X: id("__gopar_v"), Lparen: pos}}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.CaseClause{Case: pos, List: []ast.Expr{typ()}, Body: caseBody}}},
		}
		return &ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{id("__gopar_v")}, Type: id("any")}}}, Results: results},
				Body: &ast.BlockStmt{Lbrace: pos, List: append([]ast.Stmt{sw}, fail...)},
			},
			Lparen: pos, Args: []ast.Expr{ta.X},
		}
	}
	commaOK := func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := n.Rhs[0].(*ast.TypeAssertExpr); ok && ta.Type != nil && needsSwitch(ta.Type) {
					n.Rhs[0] = rewrite(ta, true)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := n.Values[0].(*ast.TypeAssertExpr); ok && ta.Type != nil && needsSwitch(ta.Type) {
					n.Values[0] = rewrite(ta, true)
				}
			}
		}
		return true
	}
	plain := func(c *astutil.Cursor) bool {
		// A type switch that binds no name takes its default case for an
		// interface case; binding one, unused, mends that.
		if ts, ok := c.Node().(*ast.TypeSwitchStmt); ok {
			if es, ok := ts.Assign.(*ast.ExprStmt); ok {
				ts.Assign = &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{Name: "__gopar_ts", NamePos: es.Pos()}},
					Tok: token.DEFINE, TokPos: es.Pos(), Rhs: []ast.Expr{es.X}}
			}
			return true
		}
		// A type switch's x.(type) has no type and stays.
		if ta, ok := c.Node().(*ast.TypeAssertExpr); ok && ta.Type != nil && needsSwitch(ta.Type) {
			c.Replace(rewrite(ta, false))
		}
		return true
	}
	// Comma-ok forms first, on the way down, before their assertion is
	// taken for a plain one on the way up.
	astutil.Apply(f, commaOK, plain)
}

// interfacesIn are the interface types declared by earlier cells and by f.
func (s *Session) interfacesIn(f *ast.File) map[string]bool {
	all := make(map[string]bool, len(s.interfaces))
	for name := range s.interfaces {
		all[name] = true
	}
	for name := range declaredInterfaces(f) {
		all[name] = true
	}
	return all
}

// declaredInterfaces are the interface types f declares at its top level.
func declaredInterfaces(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, sp := range gd.Specs {
			if ts := sp.(*ast.TypeSpec); isInterface(ts.Type) {
				names[ts.Name.Name] = true
			}
		}
	}
	return names
}

func isInterface(t ast.Expr) bool {
	_, ok := t.(*ast.InterfaceType)
	return ok
}

// cloneType copies a type expression, since one node may not appear twice
// in a tree the interpreter compiles.
func cloneType(t ast.Expr) ast.Expr {
	switch t := t.(type) {
	case *ast.Ident:
		return &ast.Ident{Name: t.Name, NamePos: t.NamePos}
	case *ast.SelectorExpr:
		return &ast.SelectorExpr{X: cloneType(t.X), Sel: &ast.Ident{Name: t.Sel.Name, NamePos: t.Sel.NamePos}}
	case *ast.StarExpr:
		return &ast.StarExpr{Star: t.Star, X: cloneType(t.X)}
	case *ast.InterfaceType:
		// Method types are only read, never rewritten: sharing them is safe
		// as long as the method list itself is fresh.
		methods := &ast.FieldList{Opening: t.Methods.Opening, Closing: t.Methods.Closing}
		for _, m := range t.Methods.List {
			fm := *m
			methods.List = append(methods.List, &fm)
		}
		return &ast.InterfaceType{Interface: t.Interface, Methods: methods}
	}
	return t
}

// typeString renders a type expression for an error message.
func typeString(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.StarExpr:
		return "*" + typeString(t.X)
	case *ast.InterfaceType:
		return "interface{...}"
	}
	return "the asserted type"
}

// scopeTopLevel runs each top-level statement that declares variables of
// its own (a for, if or switch with an init, a range with :=) inside a
// function literal: at a cell's top level, the interpreter would otherwise
// let those variables overwrite globals of the same name.
func scopeTopLevel(body *ast.BlockStmt) {
	for i, st := range body.List {
		if !declaresScoped(st) {
			continue
		}
		pos := st.Pos()
		body.List[i] = &ast.ExprStmt{X: &ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{st}, Rbrace: st.End()},
			},
			Lparen: st.End(), Rparen: st.End(),
		}}
	}
}

func declaresScoped(st ast.Stmt) bool {
	defines := func(s ast.Stmt) bool {
		as, ok := s.(*ast.AssignStmt)
		return ok && as.Tok == token.DEFINE
	}
	switch st := st.(type) {
	case *ast.LabeledStmt:
		return declaresScoped(st.Stmt)
	case *ast.ForStmt:
		return defines(st.Init)
	case *ast.RangeStmt:
		return st.Tok == token.DEFINE
	case *ast.IfStmt:
		return defines(st.Init)
	case *ast.SwitchStmt:
		return defines(st.Init)
	case *ast.TypeSwitchStmt:
		return defines(st.Init) || defines(st.Assign)
	case *ast.BlockStmt:
		// A block made by a rewrite (a counting loop, a go statement).
		return true
	}
	return false
}
