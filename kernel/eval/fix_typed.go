package eval

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"gopar/kernel/jit"
	"gopar/kernel/typedfmt"
)

// Rewrites that need the static types the checker found: they run on the
// syntax tree as checked, before the other rewrites of fixup, and make the
// interpreter run the cell as Go would where it would not:
//
//   - generics: calls get the type arguments the compiler inferred, untyped
//     constant arguments their types; generic functions used as values and
//     method expressions become function literals; constraints that are
//     unions of interfaces are written as unions of types;
//   - the standard library's generic functions the interpreter lacks are
//     called in stdsrc/kernel.go.txt (kernelFuncs); range over a function
//     becomes a call with the body as yield;
//   - fmt and log print operands holding cell types through typedfmt (%T,
//     %#v, String at any depth); json and xml hide unexported fields;
//   - loop variables that deferred or started literals read are passed to
//     them (passLoopVars); method values copy their receiver;
//   - min, max, range over integers and comparisons of named numeric
//     types go by the types; `x := f(...)` of a generic or multi-result
//     call at a cell's top level is declared with its type first;
//   - a type declared anew gets an interpreter name of its own
//     (newTypeNames, renameTypes, called by the session around the check).
func (s *Session) typedFixup(ctx context.Context, f *ast.File, info *types.Info, stmts bool) {
	s.info = info
	if info == nil {
		return
	}
	s.passLoopVars(f, info)
	s.flattenConstraints(f, info)
	guardNilAssertions(f, info)
	if stmts {
		body := f.Decls[0].(*ast.FuncDecl).Body
		var list []ast.Stmt
		for _, st := range body.List {
			for _, st := range s.declareDefined(st, info) {
				list = append(list, s.assignCellInterface(st, info)...)
			}
		}
		body.List = list
	}
	// Before the rewrites below take the callee apart.
	var pending []jit.Source
	calls := map[*ast.CallExpr]ast.Expr{}
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if e, ok := s.compiledInstance(ctx, call, info, &pending); ok {
				calls[call] = e
			}
		}
		return true
	})
	if len(pending) > 0 {
		if err := s.buildInstances(ctx, pending); err != nil {
			s.panics.printf("gopar: compiling generic calls failed, they run interpreted: %v\n", headline(err.Error()))
			clear(calls)
		}
	}
	if len(calls) > 0 {
		astutil.Apply(f, func(c *astutil.Cursor) bool {
			if call, ok := c.Node().(*ast.CallExpr); ok && calls[call] != nil {
				c.Replace(calls[call])
			}
			return true
		}, nil)
	}
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		if e, ok := s.accessorFixup(c, info, !stmts); ok {
			c.Replace(e)
			return true
		}
		if sel, ok := c.Node().(*ast.SelectorExpr); ok {
			callConcrete(sel, info)
			if e, ok := s.methodAsFunc(sel, c.Parent(), info); ok {
				c.Replace(e)
				return true
			}
		}
		if call, ok := c.Node().(*ast.CallExpr); ok {
			s.callMethodExpr(call, info)
		}
		switch n := c.Node().(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			// A generic function instantiated as a value by the cell.
			if e, ok := s.genericValue(n.(ast.Expr), n.(ast.Expr), c.Parent(), info); ok {
				c.Replace(e)
				return true
			}
		}
		switch n := c.Node().(type) {
		case *ast.Ident:
			if e, ok := s.instantiate(n, n, c.Parent(), info); ok {
				c.Replace(e)
			} else if e, ok := s.nativeFuncValue(n, c.Parent(), f, info); ok {
				c.Replace(e)
			}
		case *ast.SelectorExpr:
			var e ast.Expr = n
			if fn, ok := info.Uses[n.Sel].(*types.Func); ok && fn.Pkg() != nil && kernelFuncs[fn.Pkg().Path()+"."+fn.Name()] != "" {
				e = &ast.Ident{Name: kernelFuncs[fn.Pkg().Path()+"."+fn.Name()], NamePos: n.Pos()}
			}
			if inst, ok := s.instantiate(e, n.Sel, c.Parent(), info); ok {
				e = inst
			}
			if e != n {
				c.Replace(e)
			}
		case *ast.RangeStmt:
			if _, labeled := c.Parent().(*ast.LabeledStmt); !labeled {
				if st, ok := s.rangeOverFunc(n, info); ok {
					c.Replace(st)
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Rhs {
					n.Rhs[i] = s.toCellInterface(info.TypeOf(n.Lhs[i]), n.Rhs[i], info, len(n.Lhs) == 1)
				}
			}
		case *ast.ValueSpec:
			for i, e := range n.Values {
				if n.Type != nil && len(n.Names) == len(n.Values) {
					if conv := s.toCellInterface(info.TypeOf(n.Type), e, info, len(n.Names) == 1); conv != e {
						n.Values[i] = inFunc(n.Type, conv)
						continue
					}
				}
				// Written as a conversion by the cell.
				if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 && info.Types[call.Fun].IsType() {
					if s.toCellInterface(info.TypeOf(call.Fun), call.Args[0], info, false) != call.Args[0] {
						n.Values[i] = inFunc(call.Fun, e)
					}
				}
			}
		case *ast.BinaryExpr:
			compareUnderlying(n, info)
		case *ast.CallExpr:
			guardMake(n, info)
			s.convertGenericArgs(n, info)
			if e, ok := s.convertMinMaxArgs(n, info); ok {
				c.Replace(e)
			}
			s.convertConstArgs(n, info)
			s.typedPrintArgs(n, info)
			s.hideUnexported(n, info)
		}
		return true
	})
}

// newTypeNames gives each type f declares again with another definition
// a name of its own in the interpreter, Point__gopar1 for Point: the
// interpreter cannot change a type. Cells keep writing Point; the checker
// knows which Point they mean, and renameTypes writes the interpreter's.
func (s *Session) newTypeNames(info *types.Info, redefined []*ast.TypeSpec) {
	if info == nil {
		return
	}
	for _, ts := range redefined {
		obj, ok := info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		s.redefinitions++
		name := fmt.Sprintf("%s__gopar%d", ts.Name.Name, s.redefinitions)
		s.typeNames[obj] = name
		s.types[name] = true
		s.panics.printf("gopar: type %s is defined anew: run again the cells of its methods and of the code that uses it; values made before keep the earlier definition\n", ts.Name.Name)
	}
}

// renameTypes writes the interpreter's names of the types declared again
// (see newTypeNames) wherever f names them.
func (s *Session) renameTypes(f *ast.File, info *types.Info) {
	if info == nil || len(s.typeNames) == 0 {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		if tn, ok := obj.(*types.TypeName); ok && s.typeNames[tn] != "" {
			id.Name, id.Obj = s.typeNames[tn], nil
		}
		return true
	})
}

// kernelFuncs are the generic functions of the standard library that the
// interpreter lacks, by package path and name, and the functions of
// stdsrc/kernel.go.txt that cells call in their place.
var kernelFuncs = map[string]string{
	"sync.OnceFunc":   "__gopar_OnceFunc",
	"sync.OnceValue":  "__gopar_OnceValue",
	"sync.OnceValues": "__gopar_OnceValues",
	"math/rand/v2.N":  "__gopar_randN",
	"maps.Keys":       "__gopar_maps_Keys",
	"maps.Values":     "__gopar_maps_Values",
	"maps.All":        "__gopar_maps_All",
	"maps.Insert":     "__gopar_maps_Insert",
	"maps.Collect":    "__gopar_maps_Collect",
	"maps.Clone":      "__gopar_maps_Clone",
	"maps.Equal":      "__gopar_maps_Equal",
	"maps.EqualFunc":  "__gopar_maps_EqualFunc",
	"maps.Copy":       "__gopar_maps_Copy",
	"maps.DeleteFunc": "__gopar_maps_DeleteFunc",

	"slices.BinarySearchFunc": "__gopar_slices_BinarySearchFunc",
	"slices.Grow":             "__gopar_slices_Grow",
	"slices.Concat":           "__gopar_slices_Concat",
	"slices.Chunk":            "__gopar_slices_Chunk",
}

// sourcePackages are the packages whose generic functions the kernel
// supplies as source (stdsrc): the interpreter infers their type
// arguments, and fails with them written out.
var sourcePackages = map[string]bool{"slices": true}

// instantiate writes out the type arguments of a generic function, named
// id in expression e, that a call or a value leaves to inference.
func (s *Session) instantiate(e ast.Expr, id *ast.Ident, parent ast.Node, info *types.Info) (ast.Expr, bool) {
	inst, ok := info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return nil, false
	}
	fn, isFunc := info.Uses[id].(*types.Func)
	if !isFunc || fn.Pkg() == nil || sourcePackages[fn.Pkg().Path()] && kernelFuncs[fn.Pkg().Path()+"."+fn.Name()] == "" {
		return nil, false // a generic type has its arguments written already
	}
	switch p := parent.(type) {
	case *ast.IndexExpr:
		if p.X == e || p.X == id {
			return nil, false // written out by the cell
		}
	case *ast.IndexListExpr:
		if p.X == e || p.X == id {
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
	var written ast.Expr = &ast.IndexListExpr{X: e, Lbrack: e.End(), Indices: args, Rbrack: e.End()}
	if len(args) == 1 {
		written = &ast.IndexExpr{X: e, Lbrack: e.End(), Index: args[0], Rbrack: e.End()}
	}
	if lit, ok := s.genericValue(written, id, parent, info); ok {
		return lit, true
	}
	return written, true
}

// genericValue wraps an instance of a generic function used as a value,
// not called, in a function literal that calls it: the interpreter cannot
// make a value of an instance. orig is the expression in the checked tree
// whose type is the instance's.
func (s *Session) genericValue(inst, orig ast.Expr, parent ast.Node, info *types.Info) (ast.Expr, bool) {
	if call, ok := parent.(*ast.CallExpr); ok && (call.Fun == orig || call.Fun == inst) {
		return nil, false
	}
	if sel, ok := parent.(*ast.SelectorExpr); ok && sel.Sel == orig {
		return nil, false
	}
	x := orig
	switch o := orig.(type) {
	case *ast.IndexExpr:
		x = o.X
	case *ast.IndexListExpr:
		x = o.X
	}
	if sel, ok := x.(*ast.SelectorExpr); ok {
		x = sel.Sel
	}
	id, ok := x.(*ast.Ident)
	if !ok || info.Instances[id].TypeArgs.Len() == 0 {
		return nil, false
	}
	if _, isFunc := info.Uses[id].(*types.Func); !isFunc {
		return nil, false
	}
	sig, ok := info.Instances[id].Type.(*types.Signature)
	if !ok {
		return nil, false
	}
	return s.wrapperLit(sig, func(args []ast.Expr) ast.Expr { return inst }, orig.Pos())
}

// methodAsFunc writes a method value of a cell's type with a value
// receiver, x.M, as a literal that copies x once, and a method expression,
// T.M, as a literal taking the receiver first: the interpreter binds a
// method value to the variable, not its value, and has no method
// expressions.
func (s *Session) methodAsFunc(sel *ast.SelectorExpr, parent ast.Node, info *types.Info) (ast.Expr, bool) {
	selection, ok := info.Selections[sel]
	if !ok {
		return nil, false
	}
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == sel {
		return nil, false
	}
	recv := selection.Recv()
	if selection.Kind() == types.MethodVal && s.compiledType(namedName(recv)) {
		return s.compiledMethodValue(sel, selection, info)
	}
	if !typedfmt.Involves(recv) && !s.compiledType(namedName(recv)) {
		// A compiled type's methods work, but for the interpreter's
		// method expressions and values of a cell's compiled type.
		return nil, false
	}
	sig, ok := info.TypeOf(sel).(*types.Signature)
	if !ok {
		return nil, false
	}
	pos := sel.Pos()
	method := &ast.Ident{Name: sel.Sel.Name, NamePos: sel.Sel.Pos()}
	switch selection.Kind() {
	case types.MethodExpr:
		// The first parameter is the receiver.
		return s.wrapperLit(sig, func(args []ast.Expr) ast.Expr {
			return &ast.SelectorExpr{X: args[0], Sel: method}
		}, pos)
	case types.MethodVal:
		fn := selection.Obj().(*types.Func)
		if _, ptr := fn.Type().(*types.Signature).Recv().Type().(*types.Pointer); ptr {
			return nil, false // bound to the variable in Go too
		}
		x := sel.X
		if p, ptr := recv.Underlying().(*types.Pointer); ptr {
			// A value method through a pointer: Go copies *x when it
			// evaluates the method value.
			recv, x = p.Elem(), &ast.StarExpr{Star: pos, X: sel.X}
		}
		rt, ok := s.typeExpr(recv, pos)
		if !ok {
			return nil, false
		}
		// func(__gopar_r T) F { return __gopar_r.M }(x)
		ft, ok := s.typeExpr(sig, pos)
		if !ok {
			return nil, false
		}
		r := &ast.Ident{Name: "__gopar_r", NamePos: pos}
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{r}, Type: rt}}},
				Results: &ast.FieldList{List: []*ast.Field{{Type: ft}}}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos,
				Results: []ast.Expr{&ast.SelectorExpr{X: &ast.Ident{Name: r.Name, NamePos: pos}, Sel: method}}}}, Rbrace: sel.End()},
		}
		return &ast.CallExpr{Fun: lit, Lparen: pos, Args: []ast.Expr{x}, Rparen: sel.End()}, true
	}
	return nil, false
}

// wrapperLit is `func(a0 P0, a1 P1, ...) R { return callee(...)(a1, ...) }`
// for a function of signature sig, where callee gets the parameters and
// says what to call with them (all of them, or those after the first when
// the first is a receiver it consumed).
func (s *Session) wrapperLit(sig *types.Signature, callee func(args []ast.Expr) ast.Expr, pos token.Pos) (ast.Expr, bool) {
	ft, ok := s.typeExpr(sig, pos)
	if !ok {
		return nil, false
	}
	ftype := ft.(*ast.FuncType)
	var names []ast.Expr
	for i, field := range ftype.Params.List {
		name := &ast.Ident{Name: fmt.Sprintf("__gopar_a%d", i), NamePos: pos}
		field.Names = []*ast.Ident{name}
		names = append(names, &ast.Ident{Name: name.Name, NamePos: pos})
	}
	fun := callee(names)
	args := names
	if sel, ok := fun.(*ast.SelectorExpr); ok && len(names) > 0 && sel.X == names[0] {
		args = names[1:] // a method expression: the receiver is consumed
	}
	call := &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: pos}
	if sig.Variadic() && len(args) > 0 {
		call.Ellipsis = pos
	}
	var body ast.Stmt = &ast.ExprStmt{X: call}
	if sig.Results().Len() > 0 {
		body = &ast.ReturnStmt{Return: pos, Results: []ast.Expr{call}}
	}
	return &ast.FuncLit{Type: ftype, Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{body}, Rbrace: pos}}, true
}

// compareUnderlying compares two values of a cell's named numeric type
// as values of its underlying type: the interpreter gets p&Exec == Exec
// wrong for a `type Perm uint8` with methods.
func compareUnderlying(e *ast.BinaryExpr, info *types.Info) {
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ:
	default:
		return
	}
	n, ok := types.Unalias(info.TypeOf(e.X)).(*types.Named)
	if !ok || !typedfmt.IsCellType(n) {
		return
	}
	b, ok := n.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsNumeric == 0 || !types.Identical(info.TypeOf(e.Y), n) {
		return
	}
	conv := func(x ast.Expr) ast.Expr {
		return &ast.CallExpr{Fun: &ast.Ident{Name: b.Name(), NamePos: x.Pos()}, Lparen: x.Pos(), Args: []ast.Expr{x}, Rparen: x.End()}
	}
	e.X, e.Y = conv(e.X), conv(e.Y)
}

// callConcrete calls a method of a value converted to an interface on the
// value itself, fmt.Stringer(c).String() as c.String(): the interpreter
// loses the methods of a cell's type in the conversion.
func callConcrete(sel *ast.SelectorExpr, info *types.Info) {
	conv, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(conv.Args) != 1 || !info.Types[conv.Fun].IsType() || !types.IsInterface(info.TypeOf(conv)) {
		return
	}
	if s, ok := info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return
	}
	if t := info.TypeOf(conv.Args[0]); t == nil || types.IsInterface(t) {
		return
	}
	sel.X = &ast.ParenExpr{Lparen: conv.Pos(), X: conv.Args[0], Rparen: conv.End()}
}

// convertMinMaxArgs converts each argument of a min or max call of a
// typed result to that type. A named type (time.Duration, Celsius) goes
// through its underlying type, min(int64(a), int64(b)) converted back:
// the interpreter's cmp.Ordered does not hold named types.
func (s *Session) convertMinMaxArgs(call *ast.CallExpr, info *types.Info) (ast.Expr, bool) {
	fn, ok := call.Fun.(*ast.Ident)
	if !ok || (fn.Name != "min" && fn.Name != "max") || len(call.Args) < 2 {
		return nil, false
	}
	if _, isBuiltin := info.Uses[fn].(*types.Builtin); !isBuiltin {
		return nil, false
	}
	tv := info.Types[call]
	if tv.Type == nil {
		return nil, false
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return nil, false
	}
	if tv.Value != nil {
		// A constant, min(3, 1.5) or max(time.Minute, time.Hour): its value.
		src, ok := constLiteral(tv.Value)
		if !ok {
			return nil, false
		}
		lit, err := parser.ParseExpr(src)
		if err != nil {
			return nil, false
		}
		setPositions(lit, call.Pos())
		info.Types[lit] = tv
		if b.Info()&types.IsUntyped != 0 {
			return lit, true
		}
		t, ok := s.typeExpr(tv.Type, call.Pos())
		if !ok {
			return nil, false
		}
		conv := &ast.CallExpr{Fun: t, Lparen: call.Pos(), Args: []ast.Expr{lit}, Rparen: call.End()}
		info.Types[conv] = tv
		return conv, true
	}
	if b.Info()&types.IsUntyped != 0 {
		return nil, false
	}
	for i, a := range call.Args {
		call.Args[i] = &ast.CallExpr{Fun: &ast.Ident{Name: b.Name(), NamePos: a.Pos()}, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
	}
	if types.Identical(tv.Type, b) {
		return nil, false
	}
	t, ok := s.typeExpr(tv.Type, call.Pos())
	if !ok {
		return nil, false
	}
	conv := &ast.CallExpr{Fun: t, Lparen: call.Pos(), Args: []ast.Expr{call}, Rparen: call.End()}
	info.Types[conv] = tv // for the rewrites of the calls around it (%T)
	return conv, true
}

// constLiteral writes a constant's value as a literal of its kind.
func constLiteral(v constant.Value) (string, bool) {
	switch v.Kind() {
	case constant.Int, constant.String, constant.Bool:
		return v.ExactString(), true
	case constant.Float:
		f, _ := constant.Float64Val(v)
		if math.IsInf(f, 0) {
			return "", false
		}
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s, true
	}
	return "", false
}

// convertConstArgs converts the untyped constant arguments of a call of a
// generic function to the types they have in the call.
func (s *Session) convertConstArgs(call *ast.CallExpr, info *types.Info) {
	id := calleeIdent(call.Fun) // nil where type arguments are written: nothing to infer
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

// typeSource writes t as the cell's code would, naming packages as the
// session imported them. It fails for a type of a package the session has
// not imported.
func (s *Session) typeSource(t types.Type) (string, bool) {
	ok := true
	var b bytes.Buffer
	types.WriteType(&b, t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		if s.imports[p.Name()] == p.Path() {
			return p.Name()
		}
		ok = false
		return p.Name()
	})
	src := b.String()
	if len(s.typeNames) > 0 {
		// Types declared again have names of their own in the interpreter.
		for _, n := range cellTypesIn(t) {
			named, isNamed := types.Unalias(n).(*types.Named)
			if !isNamed {
				continue
			}
			if name := s.typeNames[named.Origin().Obj()]; name != "" {
				src = regexp.MustCompile(`(^|[^.\w])`+named.Obj().Name()+`\b`).ReplaceAllString(src, "${1}"+name)
			}
		}
	}
	return src, ok
}

// typeExpr writes t as an expression of the cell's code at pos.
func (s *Session) typeExpr(t types.Type, pos token.Pos) (ast.Expr, bool) {
	src, ok := s.typeSource(t)
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

// givesValue tells whether the trailing statement of a statement piece
// may give the cell a value: an expression other than a call without
// results. Without types, any may.
func givesValue(f *ast.File, info *types.Info) bool {
	if info == nil {
		return true
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
	return !ok || t.Len() > 0
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

// callsGeneric tells whether exprs call a generic function somewhere, or
// min or max, which the kernel makes generic calls.
func callsGeneric(exprs []ast.Expr, info *types.Info) bool {
	found := false
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if _, isFunc := info.Uses[id].(*types.Func); isFunc && info.Instances[id].TypeArgs.Len() > 0 {
					found = true
				}
				if _, isBuiltin := info.Uses[id].(*types.Builtin); isBuiltin && (id.Name == "min" || id.Name == "max") {
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

// encodeFuncs are the functions of encoding/json and encoding/xml that
// encode a value, by the index of its argument.
var encodeFuncs = map[string]int{
	"encoding/json.Marshal": 0, "encoding/json.MarshalIndent": 0, "encoding/json.Encode": 0,
	"encoding/xml.Marshal": 0, "encoding/xml.MarshalIndent": 0, "encoding/xml.Encode": 0,
}

// hideUnexported passes a value that json or xml is to encode through
// __gopar.Hide when its type holds a cell's struct with unexported
// fields: the interpreter exports them all (`secret` as Xsecret).
func (s *Session) hideUnexported(call *ast.CallExpr, info *types.Info) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	i, ok := encodeFuncs[fn.Pkg().Path()+"."+fn.Name()]
	if !ok || i >= len(call.Args) {
		return
	}
	arg := call.Args[i]
	t := info.TypeOf(arg)
	if t == nil || types.IsInterface(t) || !typedfmt.HasUnexported(t) {
		return
	}
	s.printTypesMu.Lock()
	id := len(s.printTypes)
	s.printTypes = append(s.printTypes, t)
	s.printTypesMu.Unlock()
	pos := arg.Pos()
	call.Args[i] = &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: &ast.Ident{Name: "__gopar", NamePos: pos}, Sel: &ast.Ident{Name: "Hide", NamePos: pos}},
		Lparen: pos,
		Args:   []ast.Expr{arg, &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(id)}},
		Rparen: arg.End(),
	}
}

// printFuncs are the functions of fmt and log whose operands are printed
// with fmt's verbs: an operand of a cell's type goes to them through
// typedfmt, which knows the type's name and methods.
var printFuncs = map[string]bool{
	"fmt.Print": true, "fmt.Println": true, "fmt.Printf": true, "fmt.Sprint": true, "fmt.Sprintln": true,
	"fmt.Sprintf": true, "fmt.Fprint": true, "fmt.Fprintln": true, "fmt.Fprintf": true, "fmt.Errorf": true,
	"fmt.Append": true, "fmt.Appendln": true, "fmt.Appendf": true,
	"log.Print": true, "log.Println": true, "log.Printf": true, "log.Fatal": true, "log.Fatalln": true,
	"log.Fatalf": true, "log.Panic": true, "log.Panicln": true, "log.Panicf": true,
}

// typedPrintArgs passes each operand of a print call whose static type
// holds a cell's type through __gopar.Typed, with the String, Error and
// GoString methods fmt would call on the values inside it.
func (s *Session) typedPrintArgs(call *ast.CallExpr, info *types.Info) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || !printFuncs[fn.Pkg().Path()+"."+fn.Name()] {
		return
	}
	sig := fn.Type().(*types.Signature)
	name := fn.Name()
	first := sig.Params().Len() - 1 // the first operand
	if strings.HasSuffix(name, "f") && first > 0 && first <= len(call.Args) {
		s.typeOperands(call, first, info)
	}
	// Print and Sprint put spaces between operands that are not strings:
	// an operand of a string type stays as it is.
	spaced := name == "Print" || name == "Sprint" || name == "Fprint" || name == "Append"
	for i := first; i < len(call.Args); i++ {
		arg := call.Args[i]
		t := info.TypeOf(arg)
		if t == nil || types.IsInterface(t) || !typedfmt.Involves(t) {
			continue
		}
		if b, ok := t.Underlying().(*types.Basic); spaced && ok && b.Info()&types.IsString != 0 {
			continue
		}
		if name == "Errorf" && types.Implements(t, errorType) {
			continue // %w needs the error itself
		}
		if e, ok := s.typedOperand(arg, t); ok {
			call.Args[i] = e
		}
	}
}

// typeOperands handles %T in a constant format: fmt prints the run-time
// type, which for a cell's type has lost its name, so the operand of each
// %T of a cell's type becomes its static type's name, printed with %s.
func (s *Session) typeOperands(call *ast.CallExpr, first int, info *types.Info) {
	format := call.Args[first-1]
	tv := info.Types[format]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	verbs, ok := formatVerbs(constant.StringVal(tv.Value))
	if !ok {
		return
	}
	changed := false
	for _, v := range verbs {
		i := first + v.operand
		if v.verb != 'T' || i >= len(call.Args) {
			continue
		}
		t := info.TypeOf(call.Args[i])
		if t == nil || types.IsInterface(t) || !typedfmt.Involves(t) {
			continue
		}
		arg := call.Args[i]
		call.Args[i] = &ast.BasicLit{ValuePos: arg.Pos(), Kind: token.STRING, Value: strconv.Quote(typedfmt.TypeString(t))}
		v.text[len(v.text)-1] = 's'
		changed = true
	}
	if !changed {
		return
	}
	var b strings.Builder
	for _, v := range verbs {
		b.Write(v.text)
	}
	call.Args[first-1] = &ast.BasicLit{ValuePos: format.Pos(), Kind: token.STRING, Value: strconv.Quote(b.String())}
}

// formatPiece is a run of a format: literal text, or one directive with
// the operand it takes (-1 for none).
type formatPiece struct {
	text    []byte
	verb    rune
	operand int
}

// formatVerbs cuts a format into pieces. Formats with operand indexes
// ([n]) or * widths are not handled (ok is false).
func formatVerbs(format string) (pieces []*formatPiece, ok bool) {
	operand := 0
	for i := 0; i < len(format); {
		if format[i] != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				j = len(format) - i
			}
			pieces = append(pieces, &formatPiece{text: []byte(format[i : i+j]), operand: -1})
			i += j
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) || format[j] == '*' || format[j] == '[' {
			return nil, false
		}
		verb := rune(format[j])
		if verb >= 0x80 {
			return nil, false
		}
		p := &formatPiece{text: []byte(format[i : j+1]), verb: verb, operand: -1}
		if verb != '%' {
			p.operand = operand
			operand++
		}
		pieces = append(pieces, p)
		i = j + 1
	}
	return pieces, true
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// typedOperand is __gopar.Typed(arg, id, methods) for an operand of type t.
func (s *Session) typedOperand(arg ast.Expr, t types.Type) (ast.Expr, bool) {
	var methods []string
	for _, x := range cellTypesIn(t) {
		src, ok := s.typeSource(x)
		if !ok {
			return nil, false
		}
		ms := types.NewMethodSet(x)
		for _, m := range []string{"Error", "String", "GoString"} {
			sel := ms.Lookup(nil, m)
			if sel == nil {
				continue
			}
			sig, ok := sel.Type().(*types.Signature)
			if !ok || sig.Params().Len() != 0 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
				continue
			}
			methods = append(methods, fmt.Sprintf("%q: func(__gopar_v any) string { __gopar_x := __gopar_v.(%s); return __gopar_x.%s() }",
				typedfmt.Key(m, typedfmt.TypeString(x)), src, m))
		}
	}
	lit := "nil"
	if len(methods) > 0 {
		lit = "map[string]func(any) string{" + strings.Join(methods, ", ") + "}"
	}
	m, err := parser.ParseExpr(lit)
	if err != nil {
		return nil, false
	}
	setPositions(m, arg.Pos())
	s.printTypesMu.Lock()
	id := len(s.printTypes)
	s.printTypes = append(s.printTypes, t)
	s.printTypesMu.Unlock()
	pos := arg.Pos()
	return &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: &ast.Ident{Name: "__gopar", NamePos: pos}, Sel: &ast.Ident{Name: "Typed", NamePos: pos}},
		Lparen: pos,
		Args:   []ast.Expr{arg, &ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.Itoa(id)}, m},
		Rparen: arg.End(),
	}, true
}

// cellTypesIn lists the cell types in t's structure, and pointers to them
// where t holds pointers: the types whose methods fmt may call.
func cellTypesIn(t types.Type) []types.Type {
	var out []types.Type
	seen := map[string]bool{} // *Point may be more than one *types.Pointer
	typedfmt.Walk(t, func(t types.Type) {
		p, isPtr := t.(*types.Pointer)
		if k := types.TypeString(t, nil); (typedfmt.IsCellType(t) || isPtr && typedfmt.IsCellType(p.Elem())) && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	})
	return out
}

// rangeOverFunc writes `for k, v := range seq { body }` as
// `seq(func(k K, v V) bool { body; return true })`, with the loop's own
// break and continue as `return false` and `return true`. A body that
// returns, defers, jumps or uses labels is left alone.
func (s *Session) rangeOverFunc(r *ast.RangeStmt, info *types.Info) (ast.Stmt, bool) {
	t := info.TypeOf(r.X)
	if t == nil {
		return nil, false
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return nil, false
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || yield.Results().Len() != 1 {
		return nil, false
	}
	body, ok := yieldBody(r.Body)
	if !ok {
		return nil, false
	}
	pos := r.For
	vars := []ast.Expr{r.Key, r.Value}
	var params []*ast.Field
	var assigns []ast.Stmt
	for i := 0; i < yield.Params().Len(); i++ {
		typ, ok := s.typeExpr(yield.Params().At(i).Type(), pos)
		if !ok {
			return nil, false
		}
		name := fmt.Sprintf("__gopar_y%d", i)
		if i < len(vars) && vars[i] != nil {
			if id, isIdent := vars[i].(*ast.Ident); isIdent && r.Tok == token.DEFINE {
				name = id.Name
			} else if r.Tok == token.ASSIGN {
				assigns = append(assigns, &ast.AssignStmt{Lhs: []ast.Expr{vars[i]}, TokPos: pos, Tok: token.ASSIGN,
					Rhs: []ast.Expr{&ast.Ident{Name: name, NamePos: pos}}})
			}
		}
		params = append(params, &ast.Field{Names: []*ast.Ident{{Name: name, NamePos: pos}}, Type: typ})
	}
	list := append(assigns, body.List...)
	list = append(list, &ast.ReturnStmt{Return: body.Rbrace, Results: []ast.Expr{&ast.Ident{Name: "true", NamePos: body.Rbrace}}})
	fn := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: params, Closing: pos},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.Ident{Name: "bool", NamePos: pos}}}}},
		Body: &ast.BlockStmt{Lbrace: body.Lbrace, List: list, Rbrace: body.Rbrace},
	}
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: r.X, Lparen: pos, Args: []ast.Expr{fn}, Rparen: r.Body.Rbrace}}, true
}

// yieldBody rewrites a range body's own break and continue as returns of
// its yield function; it fails for a body with return, defer, goto or a
// labeled branch, which a function body cannot express the same way.
func yieldBody(body *ast.BlockStmt) (*ast.BlockStmt, bool) {
	ok := true
	loops, breakables := 0, 0 // enclosing statements inside the body
	var kinds []int
	const (
		other = iota
		loop
		breakable
	)
	astutil.Apply(body, func(c *astutil.Cursor) bool {
		kind := other
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return false // its returns and branches are its own
		case *ast.ReturnStmt, *ast.DeferStmt:
			ok = false
		case *ast.BranchStmt:
			switch {
			case n.Label != nil || n.Tok == token.GOTO:
				ok = false
			case n.Tok == token.BREAK && breakables == 0:
				c.Replace(&ast.ReturnStmt{Return: n.Pos(), Results: []ast.Expr{&ast.Ident{Name: "false", NamePos: n.Pos()}}})
			case n.Tok == token.CONTINUE && loops == 0:
				c.Replace(&ast.ReturnStmt{Return: n.Pos(), Results: []ast.Expr{&ast.Ident{Name: "true", NamePos: n.Pos()}}})
			}
		case *ast.ForStmt, *ast.RangeStmt:
			kind = loop
			loops++
			breakables++
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			kind = breakable
			breakables++
		}
		kinds = append(kinds, kind)
		return ok
	}, func(c *astutil.Cursor) bool {
		switch kinds[len(kinds)-1] {
		case loop:
			loops--
			breakables--
		case breakable:
			breakables--
		}
		kinds = kinds[:len(kinds)-1]
		return true
	})
	return body, ok
}

// passLoopVars gives each function literal that a defer or go statement
// inside a loop calls the values of the loop's variables it reads. In Go
// each iteration has its own variables; in the interpreter the literal
// reads them when it runs, by then another iteration's (or the last).
// `go func() { use(i) }()` becomes `go func(i int) { use(i) }(i)`;
// `defer func() { use(i) }()` becomes
// `{ f := func(i int) func() { return func() { use(i) } }(i); defer f() }`,
// since the interpreter evaluates a deferred literal's arguments late.
// Variables the literal assigns or takes the address of stay shared.
func (s *Session) passLoopVars(f *ast.File, info *types.Info) {
	var loops []ast.Node // enclosing loops of the function being walked
	defers := map[*ast.DeferStmt][]loopParam{}
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			saved := loops
			loops = nil
			ast.Inspect(n.Body, walk)
			loops = saved
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
			for _, child := range loopChildren(n) {
				ast.Inspect(child, walk)
			}
			loops = loops[:len(loops)-1]
			return false
		case *ast.DeferStmt:
			if len(loops) > 0 {
				if ps := s.loopParams(n.Call, loops[0], info); len(ps) > 0 {
					defers[n] = ps
				}
			}
		case *ast.GoStmt:
			if len(loops) > 0 {
				lit, _ := n.Call.Fun.(*ast.FuncLit)
				for _, p := range s.loopParams(n.Call, loops[0], info) {
					if lit.Type.Params == nil {
						lit.Type.Params = &ast.FieldList{}
					}
					lit.Type.Params.List = append(lit.Type.Params.List, p.field)
					n.Call.Args = append(n.Call.Args, p.arg)
				}
			}
		}
		return true
	}
	ast.Inspect(f, walk)
	if len(defers) == 0 {
		return
	}
	astutil.Apply(f, nil, func(c *astutil.Cursor) bool {
		d, ok := c.Node().(*ast.DeferStmt)
		if !ok || defers[d] == nil {
			return true
		}
		pos := d.Pos()
		factory := &ast.FuncLit{
			Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}}}}},
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{d.Call.Fun}}}, Rbrace: d.End()},
		}
		var args []ast.Expr
		for _, p := range defers[d] {
			factory.Type.Params.List = append(factory.Type.Params.List, p.field)
			args = append(args, p.arg)
		}
		name := &ast.Ident{Name: "__gopar_deferred", NamePos: pos}
		c.Replace(&ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{name}, TokPos: pos, Tok: token.DEFINE,
				Rhs: []ast.Expr{&ast.CallExpr{Fun: factory, Lparen: pos, Args: args, Rparen: pos}}},
			&ast.DeferStmt{Defer: pos, Call: &ast.CallExpr{Fun: &ast.Ident{Name: name.Name, NamePos: pos}, Lparen: d.Call.Lparen, Rparen: d.Call.Rparen}},
		}, Rbrace: d.End()})
		return true
	})
}

func loopChildren(n ast.Node) []ast.Node {
	var out []ast.Node
	add := func(x ast.Node) {
		if x != nil && !reflect.ValueOf(x).IsNil() {
			out = append(out, x)
		}
	}
	switch n := n.(type) {
	case *ast.ForStmt:
		add(n.Init)
		add(n.Cond)
		add(n.Post)
		add(n.Body)
	case *ast.RangeStmt:
		add(n.Key)
		add(n.Value)
		add(n.X)
		add(n.Body)
	}
	return out
}

// written are the operands that node n writes through or takes the
// address of: the targets of an assignment (a range's with =) or ++, the
// operand of &, the receiver of a pointer method.
func written(n ast.Node, info *types.Info) []ast.Expr {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs
	case *ast.RangeStmt:
		if n.Tok == token.ASSIGN {
			return slices.DeleteFunc([]ast.Expr{n.Key, n.Value}, func(e ast.Expr) bool { return e == nil })
		}
	case *ast.IncDecStmt:
		return []ast.Expr{n.X}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			return []ast.Expr{n.X}
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[n]; ok && sel.Kind() == types.MethodVal {
			if _, ptr := sel.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptr {
				return []ast.Expr{n.X} // a pointer method on an addressable operand
			}
		}
	}
	return nil
}

// loopParam is a loop variable a literal reads, as the literal's
// parameter and as the argument that passes it.
type loopParam struct {
	field *ast.Field
	arg   ast.Expr
}

// loopParams finds the variables declared inside loop that a call's
// function literal (without arguments) reads and never changes, and
// renames the literal's uses of each to a parameter of its own: the other
// rewrites see them no more as uses of the loop's variables.
func (s *Session) loopParams(call *ast.CallExpr, loop ast.Node, info *types.Info) []loopParam {
	lit, ok := call.Fun.(*ast.FuncLit)
	if !ok || len(call.Args) > 0 || lit.Type.Params.NumFields() > 0 {
		return nil
	}
	changed := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				changed[v] = true
			}
		}
	}
	var read []*types.Var
	uses := map[*types.Var][]*ast.Ident{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		for _, e := range written(n, info) {
			mark(e)
		}
		switch n := n.(type) {
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if ok && !v.IsField() && v.Pos() >= loop.Pos() && v.Pos() < loop.End() && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
				if uses[v] == nil {
					read = append(read, v)
				}
				uses[v] = append(uses[v], n)
			}
		}
		return true
	})
	var out []loopParam
	for _, v := range read {
		if changed[v] {
			continue
		}
		t, ok := s.typeExpr(v.Type(), call.Pos())
		if !ok {
			continue
		}
		param := "__gopar_arg_" + v.Name()
		for _, id := range uses[v] {
			id.Name, id.Obj = param, nil
		}
		out = append(out, loopParam{
			field: &ast.Field{Names: []*ast.Ident{{Name: param, NamePos: call.Pos()}}, Type: t},
			arg:   &ast.Ident{Name: v.Name(), NamePos: call.Rparen},
		})
	}
	return out
}

// flattenConstraints writes a type parameter's constraint that is a
// union with interfaces among its terms (`Integer | Float`) as the union
// of their types (`~int | ... | ~float64`): the interpreter checks only a
// union's first interface. The checker has checked every instantiation.
func (s *Session) flattenConstraints(f *ast.File, info *types.Info) {
	ast.Inspect(f, func(n ast.Node) bool {
		fields, ok := n.(*ast.FieldList)
		if !ok {
			return true
		}
		for _, field := range fields.List {
			if _, isUnion := field.Type.(*ast.BinaryExpr); !isUnion || len(field.Names) == 0 {
				continue
			}
			tn, ok := info.Defs[field.Names[0]].(*types.TypeName)
			if !ok {
				continue
			}
			tp, ok := tn.Type().(*types.TypeParam)
			if !ok {
				continue
			}
			terms, ok := unionTerms(tp.Constraint())
			if !ok || len(terms) == 0 {
				continue
			}
			var parts []string
			for _, t := range terms {
				src, ok := s.typeSource(t.Type())
				if !ok {
					parts = nil
					break
				}
				if t.Tilde() {
					src = "~" + src
				}
				parts = append(parts, src)
			}
			if parts == nil {
				continue
			}
			e, err := parser.ParseExpr(strings.Join(parts, " | "))
			if err != nil {
				continue
			}
			setPositions(e, field.Type.Pos())
			field.Type = e
		}
		return true
	})
}

// unionTerms lists the types of a constraint made of unions only, through
// the interfaces among their terms; ok is false for a constraint with
// methods or comparable.
func unionTerms(constraint types.Type) (terms []*types.Term, ok bool) {
	iface, isIface := constraint.Underlying().(*types.Interface)
	if !isIface || iface.NumMethods() > 0 || iface.IsComparable() && iface.NumEmbeddeds() == 0 {
		return nil, false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := 0; j < e.Len(); j++ {
				t := e.Term(j)
				if _, isIface := t.Type().Underlying().(*types.Interface); isIface {
					sub, ok := unionTerms(t.Type())
					if !ok {
						return nil, false
					}
					terms = append(terms, sub...)
					continue
				}
				terms = append(terms, t)
			}
		default:
			if _, isIface := e.Underlying().(*types.Interface); isIface {
				sub, ok := unionTerms(e)
				if !ok {
					return nil, false
				}
				terms = append(terms, sub...)
				continue
			}
			terms = append(terms, types.NewTerm(false, e))
		}
	}
	return terms, true
}

// namedName is the name of the named type t is, or points to; "" if none.
func namedName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// callMethodExpr writes a call of a method expression of a cell's
// compiled type, Point.Add(p, q), as the method call p.Add(q): the
// interpreter passes the receiver twice to a compiled method expression.
func (s *Session) callMethodExpr(call *ast.CallExpr, info *types.Info) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 || call.Ellipsis.IsValid() && len(call.Args) == 1 {
		return
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.MethodExpr || !s.compiledType(namedName(selection.Recv())) {
		return
	}
	call.Fun = &ast.SelectorExpr{X: &ast.ParenExpr{Lparen: call.Args[0].Pos(), X: call.Args[0], Rparen: call.Args[0].End()}, Sel: sel.Sel}
	call.Args = call.Args[1:]
}

// toCellInterface converts e explicitly to t when t is an interface and
// e a value of a cell's compiled type: assigned as it is, the interpreter
// stores it in a form whose methods it cannot call (in an interface a
// cell declared), or that its assertions fail on (in any, or another
// compiled interface). The latter only where e is assigned alone
// (single): assigned with others, converted, the interpreter fails.
func (s *Session) toCellInterface(t types.Type, e ast.Expr, info *types.Info, single bool) ast.Expr {
	if t == nil || !types.IsInterface(t) || !single && !typedfmt.IsCellType(t) {
		return e
	}
	if et := info.TypeOf(e); et == nil || types.IsInterface(et) || !s.compiledType(namedName(et)) {
		return e
	}
	conv, ok := s.typeExpr(t, e.Pos())
	if !ok {
		return e
	}
	return &ast.CallExpr{Fun: conv, Lparen: e.Pos(), Args: []ast.Expr{e}, Rparen: e.End()}
}

// assignCellInterface writes a top-level `var v I = x`, where I is an
// interface a cell declared and x a value of a cell's compiled type, as
// `var v I; v = x` (which toCellInterface converts): the interpreter
// initialises such a variable with a zero value.
func (s *Session) assignCellInterface(st ast.Stmt, info *types.Info) []ast.Stmt {
	ds, ok := st.(*ast.DeclStmt)
	if !ok {
		return []ast.Stmt{st}
	}
	gd, ok := ds.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR || len(gd.Specs) != 1 {
		return []ast.Stmt{st}
	}
	vs := gd.Specs[0].(*ast.ValueSpec)
	if vs.Type == nil || len(vs.Values) != len(vs.Names) {
		return []ast.Stmt{st}
	}
	t := info.TypeOf(vs.Type)
	if !slices.ContainsFunc(vs.Values, func(e ast.Expr) bool { return s.toCellInterface(t, e, info, len(vs.Names) == 1) != e }) {
		return []ast.Stmt{st}
	}
	as := &ast.AssignStmt{TokPos: vs.Pos(), Tok: token.ASSIGN, Rhs: vs.Values}
	for _, id := range vs.Names {
		as.Lhs = append(as.Lhs, &ast.Ident{Name: id.Name, NamePos: id.Pos()})
		info.Uses[as.Lhs[len(as.Lhs)-1].(*ast.Ident)] = info.Defs[id]
	}
	vs.Values = nil
	return []ast.Stmt{st, as}
}

// inFunc writes e, of type t, as func() t { var v t; v = e; return v }():
// a package-level variable of a cell's interface initialised with a
// value of a compiled type gets a zero value in the interpreter, and one
// a function returns does not.
func inFunc(t, e ast.Expr) ast.Expr {
	pos := e.Pos()
	v := func() *ast.Ident { return &ast.Ident{Name: "__gopar_v", NamePos: pos} }
	body := []ast.Stmt{
		&ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{v()}, Type: t}}}},
		&ast.AssignStmt{Lhs: []ast.Expr{v()}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{e}},
		&ast.ReturnStmt{Return: pos, Results: []ast.Expr{v()}},
	}
	fn := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: t}}}}, Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}}
	return &ast.CallExpr{Fun: fn, Lparen: pos, Rparen: pos}
}

// convertGenericArgs converts each argument of unnamed composite type of
// a call of a generic function to its own type, []int(x) for x, once cells
// have compiled types: a slice read from a compiled struct's field has the
// interpreter's type of a compiled slice, with which it cannot infer type
// arguments, and the conversion gives it its own.
func (s *Session) convertGenericArgs(call *ast.CallExpr, info *types.Info) {
	if len(s.native.types) == 0 || call.Ellipsis.IsValid() {
		return
	}
	id := calleeIdent(call.Fun)
	if id == nil || info.Instances[id].TypeArgs.Len() == 0 {
		return
	}
	for i, arg := range call.Args {
		t := info.TypeOf(arg)
		switch t.(type) {
		case *types.Slice, *types.Map, *types.Array, *types.Pointer, *types.Chan:
		default:
			continue
		}
		te, ok := s.typeExpr(t, arg.Pos())
		if !ok {
			continue
		}
		call.Args[i] = &ast.CallExpr{Fun: &ast.ParenExpr{Lparen: arg.Pos(), X: te, Rparen: arg.Pos()}, Lparen: arg.Pos(), Args: []ast.Expr{arg}, Rparen: arg.End()}
	}
}

// accessorFixup writes the interpreter's uses of the unexported fields of
// cells' compiled types through their accessors (see fieldAccessors).
//
// In a piece of declarations (pkgLevel), &T{...} of any compiled T is
// written so too: the interpreter initialises a package-level variable
// with a zero T for it.
func (s *Session) accessorFixup(c *astutil.Cursor, info *types.Info, pkgLevel bool) (ast.Expr, bool) {
	if len(s.native.types) == 0 {
		return nil, false
	}
	switch n := c.Node().(type) {
	case *ast.SelectorExpr:
		if s.compiledField(n, info) {
			return s.accessField(n, info), true
		}
		if s.compiledUnexportedMethod(n, info) {
			n.Sel = &ast.Ident{Name: unexportedPrefix + n.Sel.Name, NamePos: n.Sel.Pos()}
			return nil, false
		}
	case *ast.CompositeLit:
		t := info.TypeOf(n)
		pointer := false
		if p, ok := t.(*types.Pointer); ok {
			t, pointer = p.Elem(), true // an element of a []*T
		}
		if !s.hasUnexportedFields(t) {
			return nil, false
		}
		if u, ok := c.Parent().(*ast.UnaryExpr); ok && u.Op == token.AND && u.X == n {
			return nil, false // the & is taken with it
		}
		return s.fillLiteral(n, t, pointer, info)
	case *ast.UnaryExpr:
		lit, ok := ast.Unparen(n.X).(*ast.CompositeLit)
		if n.Op != token.AND || !ok {
			return nil, false
		}
		if t := info.TypeOf(lit); !s.hasUnexportedFields(t) && !(pkgLevel && isStruct(t) && s.compiledType(namedName(t))) {
			return nil, false
		}
		return s.fillLiteral(lit, info.TypeOf(lit), true, info)
	}
	return nil, false
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// compiledMethodValue writes a method value of a cell's compiled type,
// x.M, as a closure over the receiver taken when it is evaluated, as Go
// binds it: the interpreter's own method values of compiled types take
// the receiver as an argument still.
//
//	func(__gopar_r T) F { return func(a ...) { __gopar_r.M(a...) } }(x)
func (s *Session) compiledMethodValue(sel *ast.SelectorExpr, selection *types.Selection, info *types.Info) (ast.Expr, bool) {
	pos := sel.Pos()
	fn, ok := selection.Obj().(*types.Func)
	sig, ok2 := info.TypeOf(sel).(*types.Signature)
	if !ok || !ok2 {
		return nil, false
	}
	recv := selection.Recv()
	_, ptrMethod := fn.Type().(*types.Signature).Recv().Type().(*types.Pointer)
	ptr, ptrRecv := recv.Underlying().(*types.Pointer)
	rType, arg := recv, sel.X
	switch {
	case ptrMethod && !ptrRecv:
		if !info.Types[sel.X].Addressable() {
			return nil, false
		}
		rType, arg = types.NewPointer(recv), &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: sel.X}
	case !ptrMethod && ptrRecv:
		rType, arg = ptr.Elem(), &ast.StarExpr{Star: pos, X: sel.X}
	}
	rt, ok := s.typeExpr(rType, pos)
	if !ok {
		return nil, false
	}
	ft, ok := s.typeExpr(sig, pos)
	if !ok {
		return nil, false
	}
	name := sel.Sel.Name // accessorFixup named an unexported method's twin already

	inner, ok := s.wrapperLit(sig, func([]ast.Expr) ast.Expr {
		return &ast.SelectorExpr{X: &ast.Ident{Name: "__gopar_r", NamePos: pos}, Sel: &ast.Ident{Name: name, NamePos: sel.Sel.Pos()}}
	}, pos)
	if !ok {
		return nil, false
	}
	r := &ast.Ident{Name: "__gopar_r", NamePos: pos}
	outer := &ast.FuncLit{
		Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{r}, Type: rt}}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: ft}}}},
		Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{inner}}}, Rbrace: sel.End()},
	}
	return &ast.CallExpr{Fun: outer, Lparen: pos, Args: []ast.Expr{arg}, Rparen: sel.End()}, true
}
