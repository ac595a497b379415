package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

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
// loop, which the interpreter does not know. The checker's types decide;
// without them, an operand counts as an integer when it is an integer constant
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
		if s.info != nil {
			if t := s.info.TypeOf(e); t != nil {
				return isInteger(t) // the checker knows
			}
		}
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
				return id.Name == "len" || id.Name == "cap" || s.isIntType(id.Name) || id.Name == "min" || id.Name == "max"
			}
		case *ast.Ident:
			if e.Obj != nil {
				return declaredInt(e.Obj, isInt, s.isIntType)
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

// isIntType reports whether a type name is an integer type: predeclared,
// or declared by a cell as one.
func (s *Session) isIntType(name string) bool {
	return integerTypes[name] || integerTypes[s.typeDefs[name]]
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
func declaredInt(obj *ast.Object, isInt func(ast.Expr) bool, isIntType func(string) bool) bool {
	typeIsInt := func(t ast.Expr) bool {
		id, ok := t.(*ast.Ident)
		return ok && isIntType(id.Name)
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
