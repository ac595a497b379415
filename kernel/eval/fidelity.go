package eval

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"
	"strconv"
	"strings"

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
	repeatConstSpecs(f)
	foldConstMinMax(f)
	rewriteSwitches(f)
	s.loopVarsPerIteration(f)
	s.rangeOverInts(f)
	rewriteBuiltins(f, s.defined)
	rewriteAssertions(f, s.interfacesIn(f))
	rewriteGoStmts(s.interp.FileSet(), f)
	if top != nil {
		deferToCellEnd(top)
		top.List = declareCommaOK(top.List)
		scopeTopLevel(top)
		markLines(s.interp.FileSet(), top)
	}
}

// repeatConstSpecs writes out a const block whose specs have several
// names ("A, B = iota, iota * 10" then "C, D"): the interpreter counts iota
// by name rather than by spec there. Each spec gets the expressions it
// repeats, and iota its value, the spec's index, as a literal.
func repeatConstSpecs(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		gd, ok := n.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			return true
		}
		several := false
		for _, sp := range gd.Specs {
			several = several || len(sp.(*ast.ValueSpec).Names) > 1
		}
		if !several {
			return true
		}
		var lastType ast.Expr
		var lastValues []ast.Expr // as written, iota and all
		for k, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			if len(vs.Values) == 0 && lastValues != nil {
				vs.Type = lastType
				for _, v := range lastValues {
					vs.Values = append(vs.Values, copyExpr(v, vs.Pos()))
				}
			} else {
				lastType, lastValues = vs.Type, append([]ast.Expr(nil), vs.Values...)
			}
			for i, v := range vs.Values {
				vs.Values[i] = replaceIota(v, k)
			}
		}
		return true
	})
}

// replaceIota puts the value k in place of iota in a copy of e.
func replaceIota(e ast.Expr, k int) ast.Expr {
	e = copyExpr(e, e.Pos())
	return astutil.Apply(e, nil, func(c *astutil.Cursor) bool {
		if id, ok := c.Node().(*ast.Ident); ok && id.Name == "iota" && id.Obj == nil {
			c.Replace(&ast.BasicLit{ValuePos: id.Pos(), Kind: token.INT, Value: strconv.Itoa(k)})
		}
		return true
	}).(ast.Expr)
}

// copyExpr copies an expression of a const spec, placing it at pos.
func copyExpr(e ast.Expr, pos token.Pos) ast.Expr {
	switch e := e.(type) {
	case *ast.Ident:
		return &ast.Ident{Name: e.Name, NamePos: pos}
	case *ast.BasicLit:
		return &ast.BasicLit{Kind: e.Kind, Value: e.Value, ValuePos: pos}
	case *ast.BinaryExpr:
		return &ast.BinaryExpr{X: copyExpr(e.X, pos), Op: e.Op, OpPos: pos, Y: copyExpr(e.Y, pos)}
	case *ast.UnaryExpr:
		return &ast.UnaryExpr{Op: e.Op, OpPos: pos, X: copyExpr(e.X, pos)}
	case *ast.ParenExpr:
		return &ast.ParenExpr{Lparen: pos, X: copyExpr(e.X, pos), Rparen: pos}
	case *ast.SelectorExpr:
		return &ast.SelectorExpr{X: copyExpr(e.X, pos), Sel: &ast.Ident{Name: e.Sel.Name, NamePos: pos}}
	case *ast.CallExpr:
		args := make([]ast.Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = copyExpr(a, pos)
		}
		return &ast.CallExpr{Fun: copyExpr(e.Fun, pos), Lparen: pos, Args: args, Rparen: pos}
	}
	return e
}

// foldConstMinMax computes min and max of constants in const declarations,
// where a call of the helpers that stand for them is not a constant.
func foldConstMinMax(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		gd, ok := n.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			return true
		}
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, v := range vs.Values {
				if lit := constMinMax(v); lit != nil {
					vs.Values[i] = lit
				}
			}
		}
		return true
	})
}

func constMinMax(e ast.Expr) *ast.BasicLit {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	fn, ok := call.Fun.(*ast.Ident)
	if !ok || fn.Obj != nil || fn.Name != "min" && fn.Name != "max" {
		return nil
	}
	var best constant.Value
	kind := token.INT
	for _, a := range call.Args {
		lit, ok := a.(*ast.BasicLit)
		if !ok || lit.Kind != token.INT && lit.Kind != token.FLOAT {
			return nil
		}
		if lit.Kind == token.FLOAT {
			kind = token.FLOAT
		}
		v := constant.MakeFromLiteral(lit.Value, lit.Kind, 0)
		if best == nil || fn.Name == "min" && constant.Compare(v, token.LSS, best) || fn.Name == "max" && constant.Compare(v, token.GTR, best) {
			best = v
		}
	}
	value := best.ExactString()
	if kind == token.FLOAT {
		if f, _ := constant.Float64Val(best); true {
			value = strconv.FormatFloat(f, 'g', -1, 64)
			if !strings.ContainsAny(value, ".eE") {
				value += ".0"
			}
		}
	}
	return &ast.BasicLit{ValuePos: call.Pos(), Kind: kind, Value: value}
}

// rewriteSwitches mends two switch forms the interpreter gets wrong: an
// init statement together with a tag ("switch x := f(); x * 2") becomes a
// block holding the init and a switch on the tag; a case of a tagless
// switch with several conditions ("case a, b:") becomes one condition
// joined with ||, which Go evaluates in the same order.
func rewriteSwitches(f *ast.File) {
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		sw, ok := c.Node().(*ast.SwitchStmt)
		if !ok {
			return true
		}
		if sw.Tag == nil {
			for _, cl := range sw.Body.List {
				cc := cl.(*ast.CaseClause)
				if len(cc.List) > 1 {
					cond := cc.List[0]
					for _, e := range cc.List[1:] {
						cond = &ast.BinaryExpr{X: cond, OpPos: e.Pos(), Op: token.LOR, Y: e}
					}
					cc.List = []ast.Expr{cond}
				}
			}
		}
		if sw.Init != nil && sw.Tag != nil {
			if _, isList := c.Parent().(*ast.BlockStmt); isList || isStmtList(c) {
				init := sw.Init
				sw.Init = nil
				c.Replace(&ast.BlockStmt{Lbrace: sw.Pos(), List: []ast.Stmt{init, sw}, Rbrace: sw.End()})
			}
		}
		return true
	})
}

// isStmtList reports whether the cursor is in a list of statements, where
// one statement may become a block.
func isStmtList(c *astutil.Cursor) bool {
	switch c.Parent().(type) {
	case *ast.CaseClause, *ast.CommClause:
		return c.Index() >= 0
	}
	return false
}

// declareCommaOK declares the variables of a top-level "v, ok := m[k]" or
// "v, ok := x.(T)" first and then assigns them: at a cell's top level the
// interpreter cannot define them in one step. A receive, "v, ok := <-ch",
// is left: its type cannot be told without receiving.
func declareCommaOK(list []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(list))
	for _, st := range list {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			out = append(out, st)
			continue
		}
		pos := as.Pos()
		name := func(e ast.Expr) string {
			if id, ok := e.(*ast.Ident); ok {
				return id.Name
			}
			return "_"
		}
		v, okName := name(as.Lhs[0]), name(as.Lhs[1])
		declare := func(n string, typ ast.Expr) {
			if n != "_" {
				out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR,
					Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{{Name: n, NamePos: pos}}, Type: typ}}}})
			}
		}
		switch rhs := as.Rhs[0].(type) {
		case *ast.TypeAssertExpr:
			if rhs.Type == nil {
				out = append(out, st)
				continue
			}
			declare(v, cloneType(rhs.Type))
		case *ast.IndexExpr:
			if v != "_" {
				// v gets the element type from a one-value index.
				out = append(out, &ast.AssignStmt{Lhs: []ast.Expr{&ast.Ident{Name: v, NamePos: pos}}, Tok: token.DEFINE, TokPos: pos,
					Rhs: []ast.Expr{&ast.IndexExpr{X: rhs.X, Lbrack: rhs.Lbrack, Index: rhs.Index, Rbrack: rhs.Rbrack}}})
			}
		default:
			out = append(out, st)
			continue
		}
		declare(okName, &ast.Ident{Name: "bool", NamePos: pos})
		as.Tok = token.ASSIGN
		out = append(out, as)
	}
	return out
}

// loopVarsPerIteration gives each iteration of a loop its own copy of the
// loop's variables, as Go 1.22 does, where it shows: when a closure or a
// deferred call in the body uses one, or the body takes its address. The
// interpreter shares one variable across iterations. The body starts with
// a copy under a new name, which the body's references then use; in a
// three-clause loop the copy goes back to the loop's variable at the end
// of the body and before each continue, so that the body's changes reach
// the next iteration, as in Go.
func (s *Session) loopVarsPerIteration(f *ast.File) {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		var vars []*ast.Ident
		var body *ast.BlockStmt
		writeBack := false
		switch l := node.(type) {
		case *ast.ForStmt:
			if as, ok := l.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, e := range as.Lhs {
					if id, ok := e.(*ast.Ident); ok && id.Name != "_" && id.Obj != nil {
						vars = append(vars, id)
					}
				}
			}
			body, writeBack = l.Body, true
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
		var copies, backs []ast.Stmt
		pos := body.Lbrace
		for _, v := range vars {
			// A range loop's variables must also be copied when the body
			// assigns to them: the interpreter would iterate on from the
			// assigned value.
			if !capturedIn(body, v.Obj) && (writeBack || !assignedIn(body, v.Obj)) {
				continue
			}
			n++
			name := fmt.Sprintf("__gopar_lv%d_%s", n, v.Name)
			cp := &ast.AssignStmt{
				Lhs: []ast.Expr{&ast.Ident{Name: name, NamePos: pos}}, Tok: token.DEFINE, TokPos: pos,
				Rhs: []ast.Expr{&ast.Ident{Name: v.Name, NamePos: pos, Obj: v.Obj}},
			}
			// The copy is declared by its assignment, for later rewrites
			// that look at how a name was declared.
			renameUses(body, v.Obj, name, &ast.Object{Kind: ast.Var, Name: name, Decl: cp})
			copies = append(copies, cp)
			backs = append(backs, &ast.AssignStmt{
				Lhs: []ast.Expr{&ast.Ident{Name: v.Name, NamePos: pos}}, Tok: token.ASSIGN, TokPos: pos,
				Rhs: []ast.Expr{&ast.Ident{Name: name, NamePos: pos}},
			})
		}
		if len(copies) == 0 {
			return true
		}
		if writeBack {
			continuesOf(body, func(c *ast.BranchStmt) ast.Stmt {
				return &ast.BlockStmt{Lbrace: c.Pos(), List: append(append([]ast.Stmt{}, backs...), c)}
			})
			body.List = append(body.List, backs...)
		}
		body.List = append(copies, body.List...)
		return true
	})
}

// continuesOf replaces each continue statement that continues the loop
// whose body this is (not one of a nested loop, nor in a function literal).
func continuesOf(body *ast.BlockStmt, replace func(*ast.BranchStmt) ast.Stmt) {
	astutil.Apply(body, func(c *astutil.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.CONTINUE && n.Label == nil {
				c.Replace(replace(n))
			}
		}
		return true
	}, nil)
}

// capturedIn reports whether body keeps obj beyond the iteration: a
// function literal or a deferred call uses it, or its address is taken.
func capturedIn(body *ast.BlockStmt, obj *ast.Object) bool {
	uses := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Obj == obj {
				found = true
			}
			return !found
		})
		return found
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			found = found || uses(n.Body)
			return false
		case *ast.DeferStmt:
			found = found || uses(n.Call)
			return false
		case *ast.GoStmt:
			// The arguments of a go statement are evaluated at once; only
			// a literal's body captures.
			if lit, ok := n.Call.Fun.(*ast.FuncLit); ok {
				found = found || uses(lit.Body)
			}
			return false
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && id.Obj == obj {
				found = true
			}
		}
		return !found
	})
	return found
}

func renameUses(body *ast.BlockStmt, obj *ast.Object, name string, to *ast.Object) {
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj == obj {
			id.Name = name
			id.Obj = to
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
			if v, ok := global(e.Name); ok && v.IsValid() && !strings.HasPrefix(e.Name, "__gopar") {
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
// min and max become calls of generic helpers, clear a compiled one; print
// and println go to standard error, as in Go.
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
		case "print", "println":
			// The interpreter writes these to standard output; Go writes
			// them to standard error.
			call.Fun = &ast.SelectorExpr{X: id("__gopar"), Sel: id(strings.ToUpper(fn.Name[:1]) + fn.Name[1:])}
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

// scopeTopLevel runs each compound statement of a cell's top level (for,
// if, switch, select, a block) inside a function literal: at a cell's top
// level the interpreter would let the variables they declare overwrite
// globals of the same name, or lose them.
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

// declaresScoped reports whether st is a compound statement: any of them
// may declare variables of its own, in an init statement or in its blocks,
// which the interpreter would make globals.
func declaresScoped(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.LabeledStmt:
		return declaresScoped(st.Stmt)
	case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt:
		return true
	}
	return false
}

// assignedIn reports whether body assigns to obj.
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
		}
		return !found
	})
	return found
}

// deferToCellEnd makes the defer statements of a cell's top level run when
// the cell ends, as main's run when main returns: the interpreter would
// keep them on its global frame and run them again and again. The call's
// function and arguments are evaluated at the defer statement, as in Go.
func deferToCellEnd(top *ast.BlockStmt) {
	// Defers in the top level's loops and blocks belong to the cell too;
	// those in function literals belong to the literal.
	astutil.Apply(top, func(c *astutil.Cursor) bool {
		switch d := c.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			c.Replace(cellDefer(d))
		}
		return true
	}, nil)
}

// cellDefer is one defer statement of deferToCellEnd: the function and
// arguments go to hooks.Defer, which keeps their values (a closure over
// temporaries would not keep them: in a loop, the interpreter shares its
// variables between iterations). A builtin, which is no value, is wrapped
// in a function literal.
func cellDefer(d *ast.DeferStmt) ast.Stmt {
	pos := d.Defer
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
	call := d.Call
	fun := call.Fun
	args := call.Args
	if builtin, ok := fun.(*ast.Ident); ok && isBuiltin(builtin.Name) {
		fun = &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ExprStmt{X: call}}}}
		args = nil
	}
	hook := "Defer"
	if call.Ellipsis.IsValid() {
		hook = "DeferSpread"
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: id("__gopar"), Sel: id(hook)}, Lparen: pos,
		Args: append([]ast.Expr{fun}, args...)}}
}
