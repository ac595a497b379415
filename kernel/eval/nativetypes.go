package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"gopar/kernel/jit"
	"gopar/kernel/typedfmt"
)

// Types that cells declare are compiled too, with their methods, so that
// they keep their names and methods at run time: %T prints main.T, fmt
// finds String in a slice, errors.As finds a cell's error type, a type
// switch tells Celsius from float64.
//
// A type's methods may come in later cells, and a compiled type cannot
// gain methods, so a type that can be compiled is held back with its
// methods, and with whatever declarations use it, until a cell needs
// values: one with statements or a variable that names a held name. Then
// the held types and methods are compiled into a package of their own
// (jit.BuildTypes), the interpreter declares each type as an alias of the
// compiled one, and the other held declarations run, in the interpreter or
// as native functions. A run of declaration cells thus settles once, as a
// Go file would compile once.
//
// A type stays interpreted, and %native says why, when it is an interface,
// generic or an alias, has unexported fields or methods (the interpreter
// reaches compiled types through reflect, which shows only exported
// ones), names an interpreted type, or has a method that uses a session
// variable or function. A method declared for a compiled type after it
// settled makes it held again: the type is compiled anew, and values made
// before keep the earlier type.

// heldDecl is a declaration set aside until the types it uses are
// compiled.
type heldDecl struct {
	part  part     // its text and place, its cell set
	names []string // the names it declares; "T.m" for a method
	// typ is set for a type declaration that can be compiled, method for
	// a method of such a type.
	typ    *heldType
	method *heldMethod
}

type heldType struct {
	src        jit.Source
	underlying types.Type
	// wrappers are the types through which the interpreter puts its own
	// values in the declaration's interfaces.
	wrappers []string
	// uses are the session's types its declaration names.
	uses []string
}

type heldMethod struct {
	recv string
	src  jit.Source
	uses []string
	// vars are the session variables it uses, which the compiled
	// package reaches through pointers.
	vars []jit.Var
	why  string // why it cannot be compiled, "" when it can
}

// compiledType tells whether the cell type name is compiled, or held to be.
func (s *Session) compiledType(name string) bool {
	if _, ok := s.native.types[name]; ok || s.native.holding[name] {
		return true
	}
	return slices.ContainsFunc(s.held, func(h heldDecl) bool { return h.typ != nil && slices.Contains(h.names, name) })
}

// holdsTypes tells whether types of this cell may be held to be compiled.
func (s *Session) holdsTypes(ctx context.Context) bool {
	return !s.native.settling && s.native.compiler != nil && s.checker() != nil && s.native.enabled(ctx)
}

// holdTypes takes out of a declaration piece of cell n, checked into
// info, the types that can be compiled, their methods and the
// declarations that use held names, and holds them. It tells whether the
// rest of the piece uses held names, and so needs them settled first.
func (s *Session) holdTypes(ctx context.Context, n int, f *ast.File, p *piece, info *types.Info) bool {
	if info == nil || !s.holdsTypes(ctx) {
		return false
	}
	if s.native.embedded == nil {
		s.native.embedded = map[string][]string{}
	}
	checker := s.checker()
	session := checker.Package()
	fset := s.interp.FileSet()
	file := fset.File(f.Pos())
	src := p.source(n)
	heldNames := map[string]bool{}
	for _, h := range s.held {
		for _, name := range h.names {
			heldNames[name] = true
		}
	}
	hold := map[ast.Decl]*heldDecl{}
	partOf := func(d ast.Decl) part {
		pos := fset.Position(d.Pos())
		return part{src: src[file.Offset(d.Pos()):file.Offset(d.End())], line: pos.Line, col: pos.Column, cell: cellOf(pos.Filename)}
	}
	// A type embedded in an interpreted one stays interpreted too: the
	// interpreter does not promote the methods of a compiled type it finds
	// embedded in its own.
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, spec := range gd.Specs {
				obj, _ := info.Defs[spec.(*ast.TypeSpec).Name].(*types.TypeName)
				if obj == nil {
					continue
				}
				if st, ok := obj.Type().Underlying().(*types.Struct); ok {
					for i := range st.NumFields() {
						if f := st.Field(i); f.Embedded() {
							if name := namedName(f.Type()); name != "" && !slices.Contains(s.native.embedded[name], obj.Name()) {
								s.native.embedded[name] = append(s.native.embedded[name], obj.Name())
							}
						}
					}
				}
			}
		}
	}
	// Types first, then their methods: a method of a compiled type that
	// settled makes the type held again, with its methods.
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		h := &heldDecl{part: partOf(d)}
		why := ""
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			h.names = append(h.names, ts.Name.Name)
			if why == "" {
				why = compilableType(ts, info, session, s.nativeImportable)
			}
		}
		if why != "" {
			for _, name := range h.names {
				s.native.note("type "+name, why)
			}
			continue
		}
		pos := fset.Position(d.Pos())
		imports := map[string]string{}
		h.typ = &heldType{uses: usedSessionTypes(d, info, session, imports)}
		if obj, ok := info.Defs[gd.Specs[0].(*ast.TypeSpec).Name].(*types.TypeName); ok {
			h.typ.underlying = obj.Type().Underlying()
		}
		text := h.part.src
		for _, spec := range gd.Specs {
			if w := interfaceWrapper(spec.(*ast.TypeSpec), info, session, imports); w != "" {
				text += "\n\n" + w
				h.typ.wrappers = append(h.typ.wrappers, wrapperPrefix+spec.(*ast.TypeSpec).Name.Name)
			}
			if a := fieldAccessors(spec.(*ast.TypeSpec), info, session, imports); a != "" {
				text += "\n\n" + a
			}
		}
		h.typ.src = jit.Source{Name: h.names[0], Text: text, Cell: cellOf(pos.Filename), Line: pos.Line, Col: pos.Column, Imports: imports}
		hold[d] = h
		for _, name := range h.names {
			heldNames[name] = true
			if def, ok := s.typeDefs[name]; ok && def != s.typeDefinition(gd.Specs[slices.Index(h.names, name)].(*ast.TypeSpec)) {
				s.panics.printf("gopar: type %s is defined anew: run again the cells of its methods and of the code that uses it; values made before keep the earlier definition\n", name)
			}
		}
	}
	// Methods may use the types held with them, as these are compiled
	// together.
	s.native.holding = map[string]bool{}
	defer func() { s.native.holding = nil }()
	for _, h := range hold {
		if h.typ != nil {
			for _, name := range h.names {
				s.native.holding[name] = true
			}
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		recv := receiverName(fd)
		if _, settled := s.native.types[recv]; settled && !heldNames[recv] {
			s.holdAgain(recv)
			heldNames[recv] = true
		}
		if !s.compiledType(recv) && !slices.ContainsFunc(slices.Collect(maps.Values(hold)), func(h *heldDecl) bool { return h.typ != nil && slices.Contains(h.names, recv) }) {
			continue
		}
		h := &heldDecl{part: partOf(d), names: []string{recv + "." + fd.Name.Name}, method: &heldMethod{recv: recv}}
		h.method.src, h.method.uses, h.method.vars, h.method.why = s.methodSource(file, info, fd, src)
		hold[d] = h
	}
	// Whatever else uses a held name is held with it; a variable cannot
	// be, as it has a value: the rest of the piece needs them settled.
	uses := func(d ast.Decl) bool {
		found := false
		ast.Inspect(d, func(node ast.Node) bool {
			if id, ok := node.(*ast.Ident); ok && !found {
				if obj := info.Uses[id]; obj != nil && (obj.Parent() == session.Scope() || obj.Parent() == checker.Scope()) && heldNames[obj.Name()] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	needs := false
	for changed := true; changed; {
		changed = false
		for _, d := range f.Decls {
			if hold[d] != nil || !uses(d) {
				continue
			}
			if gd, ok := d.(*ast.GenDecl); ok && (gd.Tok == token.VAR || gd.Tok == token.IMPORT) {
				needs = true
				continue
			}
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "main" && fd.Recv == nil {
				needs = true
				continue
			}
			h := &heldDecl{part: partOf(d), names: declNames(d)}
			hold[d] = h
			for _, name := range h.names {
				heldNames[name] = true
			}
			changed = true
		}
	}
	if len(hold) == 0 {
		return needs
	}
	for _, d := range f.Decls {
		if h := hold[d]; h != nil {
			s.held = slices.DeleteFunc(s.held, func(old heldDecl) bool { return slices.Equal(old.names, h.names) })
			s.held = append(s.held, *h)
		}
	}
	f.Decls = slices.DeleteFunc(f.Decls, func(d ast.Decl) bool { return hold[d] != nil })
	p.parts = slices.DeleteFunc(p.parts, func(pt part) bool {
		return slices.ContainsFunc(slices.Collect(maps.Values(hold)), func(h *heldDecl) bool { return h.part.place(n) == pt.place(n) })
	})
	return needs
}

// compilableType says why a type declaration cannot be compiled, "" when
// it can (as far as the declaration shows: its methods may still say no).
func compilableType(ts *ast.TypeSpec, info *types.Info, session *types.Package, importable func(path string) bool) string {
	switch {
	case ts.Assign != 0:
		return "it is an alias"
	case ts.TypeParams != nil:
		return "it is generic"
	}
	obj, ok := info.Defs[ts.Name].(*types.TypeName)
	if !ok {
		return "it has no type"
	}
	u := obj.Type().Underlying()
	if it, ok := u.(*types.Interface); ok {
		if !it.IsMethodSet() {
			return "it is a constraint"
		}
		for m := range it.Methods() {
			if !m.Exported() {
				return "its method " + m.Name() + " is unexported: the interpreter reaches compiled types through reflect, which shows only exported methods"
			}
		}
	}
	if st, ok := u.(*types.Struct); ok {
		for i := range st.NumFields() {
			f := st.Field(i)
			switch {
			case types.IsInterface(f.Type()) && !types.Identical(f.Type(), types.Universe.Lookup("error").Type()):
				return "its field " + f.Name() + " is an interface other than error, which the interpreter cannot fill in a compiled type"
			}
		}
	}
	why := ""
	walkTypes(u, func(t types.Type) {
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || why != "" {
			return
		}
		if pkg := n.Obj().Pkg(); pkg != nil && pkg != session && !importable(pkg.Path()) {
			why = "it uses package " + pkg.Path() + ", which compiled code cannot import"
		}
		if n.TypeArgs().Len() > 0 && n.Obj().Pkg() == session {
			why = "it uses generic type " + n.Obj().Name()
		}
	})
	return why
}

// wrapperPrefix begins the name of an interface's wrapper in its package;
// the interpreter is given it as _I, where it looks for the wrapper of a
// compiled interface I.
const wrapperPrefix = jit.WrapperPrefix

// interfaceWrapper writes, for a compiled interface, the wrapper type
// through which the interpreter puts its own values in it (as yaegi's
// extract tool writes for compiled packages): a struct of the value and a
// function per method, with the methods calling them. "" if ts is not an
// interface.
func interfaceWrapper(ts *ast.TypeSpec, info *types.Info, session *types.Package, imports map[string]string) string {
	obj, ok := info.Defs[ts.Name].(*types.TypeName)
	if !ok {
		return ""
	}
	it, ok := obj.Type().Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return ""
	}
	q := sessionUnqualified(session, aliasing(imports))
	name := wrapperPrefix + ts.Name.Name
	var fields, methods strings.Builder
	for m := range it.Methods() {
		params, results, ret, args := forwarding(m.Type().(*types.Signature), q)
		fmt.Fprintf(&fields, "\tW%s func(%s) %s\n", m.Name(), params, results)
		fmt.Fprintf(&methods, "func (w %s) %s(%s) %s { %sw.W%s(%s) }\n", name, m.Name(), params, results, ret, m.Name(), args)
	}
	return fmt.Sprintf("type %s struct {\n\tIValue any\n%s}\n\n%s", name, fields.String(), methods.String())
}

// Accessors of unexported fields. The interpreter reaches a compiled
// struct's fields through reflect, which will not read or set unexported
// ones; the package of compiled types gives each such field f of T
//
//	func (x *T) GoparF_f() *F { return &x.f }  // for addressable operands
//	func (x T) GoparV_f() F   { return x.f }   // for others, read only
//
// and the kernel writes the interpreter's x.f as (*x.GoparF_f()) or
// x.GoparV_f(), and a composite literal of T as a function that fills a
// T through them (accessorFixup).
const (
	fieldPointerPrefix = "GoparF_"
	fieldValuePrefix   = "GoparV_"
)

// fieldAccessors writes the accessors of a struct type's unexported
// fields; "" if it has none.
func fieldAccessors(ts *ast.TypeSpec, info *types.Info, session *types.Package, imports map[string]string) string {
	obj, ok := info.Defs[ts.Name].(*types.TypeName)
	if !ok {
		return ""
	}
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return ""
	}
	q := sessionUnqualified(session, aliasing(imports))
	var b strings.Builder
	for f := range st.Fields() {
		if f.Exported() || f.Name() == "_" {
			continue
		}
		t := types.TypeString(f.Type(), q)
		fmt.Fprintf(&b, "func (x *%s) %s%s() *%s { return &x.%s }\n", ts.Name.Name, fieldPointerPrefix, f.Name(), t, f.Name())
		fmt.Fprintf(&b, "func (x %s) %s%s() %s { return x.%s }\n", ts.Name.Name, fieldValuePrefix, f.Name(), t, f.Name())
	}
	return b.String()
}

// compiledField tells whether sel selects an unexported field of a
// cell's compiled struct type, directly.
func (s *Session) compiledField(sel *ast.SelectorExpr, info *types.Info) bool {
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal || len(selection.Index()) != 1 || selection.Obj().Exported() {
		return false
	}
	return s.compiledType(namedName(selection.Recv()))
}

// hasUnexportedFields tells whether t is a cell's compiled struct type
// with unexported fields.
func (s *Session) hasUnexportedFields(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !s.compiledType(n.Obj().Name()) {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if !f.Exported() {
			return true
		}
	}
	return false
}

// accessField writes x.f of an unexported field of a compiled type
// through its accessor.
func (s *Session) accessField(sel *ast.SelectorExpr, info *types.Info) ast.Expr {
	pos := sel.Sel.Pos()
	x := sel.X
	tv := info.Types[x]
	_, isPtr := tv.Type.Underlying().(*types.Pointer)
	if !isPtr && !tv.Addressable() {
		return &ast.CallExpr{Fun: &ast.SelectorExpr{X: x, Sel: &ast.Ident{Name: fieldValuePrefix + sel.Sel.Name, NamePos: pos}}, Lparen: pos, Rparen: sel.End()}
	}
	call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: x, Sel: &ast.Ident{Name: fieldPointerPrefix + sel.Sel.Name, NamePos: pos}}, Lparen: pos, Rparen: sel.End()}
	return &ast.ParenExpr{Lparen: sel.Pos(), X: &ast.StarExpr{Star: sel.Pos(), X: call}, Rparen: sel.End()}
}

// fillLiteral writes a composite literal of a compiled struct type with
// unexported fields as a function that fills one through the accessors:
// T{a: 1, B: 2} becomes
//
//	func() T { var v T; (*v.GoparF_a()) = 1; v.B = 2; return v }()
//
// and as a *T where the literal is one (&T{...}, or an element of a
// []*T).
func (s *Session) fillLiteral(lit *ast.CompositeLit, t types.Type, pointer bool, info *types.Info) (ast.Expr, bool) {
	n := types.Unalias(t).(*types.Named)
	st := n.Underlying().(*types.Struct)
	te, ok := s.typeExpr(t, lit.Pos())
	if !ok {
		return nil, false
	}
	pos := lit.Pos()
	v := func() *ast.Ident { return &ast.Ident{Name: "__gopar_lit", NamePos: pos} }
	var body []ast.Stmt
	resultType := te
	if pointer {
		resultType = &ast.StarExpr{Star: pos, X: te}
		body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{v()}, TokPos: pos, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.CallExpr{Fun: &ast.Ident{Name: "new", NamePos: pos}, Lparen: pos, Args: []ast.Expr{te}, Rparen: pos}}})
	} else {
		body = append(body, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{v()}, Type: te}}}})
	}
	for i, elt := range lit.Elts {
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				return nil, false
			}
			for f := range st.Fields() {
				if f.Name() == id.Name {
					field = f
				}
			}
			value = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field == nil {
			return nil, false
		}
		var target ast.Expr
		if field.Exported() {
			target = &ast.SelectorExpr{X: v(), Sel: &ast.Ident{Name: field.Name(), NamePos: pos}}
		} else {
			call := &ast.CallExpr{Fun: &ast.SelectorExpr{X: v(), Sel: &ast.Ident{Name: fieldPointerPrefix + field.Name(), NamePos: pos}}, Lparen: pos, Rparen: pos}
			target = &ast.ParenExpr{Lparen: pos, X: &ast.StarExpr{Star: pos, X: call}, Rparen: pos}
		}
		body = append(body, &ast.AssignStmt{Lhs: []ast.Expr{target}, TokPos: pos, Tok: token.ASSIGN, Rhs: []ast.Expr{value}})
	}
	body = append(body, &ast.ReturnStmt{Return: pos, Results: []ast.Expr{v()}})
	fn := &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: resultType}}}},
		Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: lit.End()}}
	return &ast.CallExpr{Fun: fn, Lparen: pos, Rparen: lit.End()}, true
}

// walkTypes calls visit for t and each type t is made of, once each; it
// does not go into named types' underlying types.
func walkTypes(t types.Type, visit func(types.Type)) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		visit(t)
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			for a := range t.TypeArgs().Types() {
				walk(a)
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type())
			}
		case *types.Signature:
			for v := range t.Params().Variables() {
				walk(v.Type())
			}
			for v := range t.Results().Variables() {
				walk(v.Type())
			}
		case *types.Interface:
			for m := range t.Methods() {
				walk(m.Type())
			}
		}
	}
	walk(t)
}

// sessionTypes are the session's named types that t is made of.
func sessionTypes(t types.Type, session *types.Package) []string {
	var out []string
	walkTypes(t, func(t types.Type) {
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() == session && !slices.Contains(out, n.Obj().Name()) {
			out = append(out, n.Obj().Name())
		}
	})
	return out
}

// usedSessionTypes are the session's types that a declaration names; the
// packages it names go into imports.
func usedSessionTypes(d ast.Node, info *types.Info, session *types.Package, imports map[string]string) []string {
	var out []string
	ast.Inspect(d, func(node ast.Node) bool {
		id, ok := node.(*ast.Ident)
		if !ok {
			return true
		}
		switch obj := info.Uses[id].(type) {
		case *types.TypeName:
			if obj.Pkg() == session && !slices.Contains(out, obj.Name()) {
				out = append(out, obj.Name())
			}
		case *types.PkgName:
			imports[id.Name] = obj.Imported().Path()
		}
		return true
	})
	return out
}

// methodSource writes a method as the package of compiled types holds it,
// or says why it cannot be compiled.
func (s *Session) methodSource(file *token.File, info *types.Info, d *ast.FuncDecl, src string) (jit.Source, []string, []jit.Var, string) {
	if d.Recv.List[0].Type != nil {
		if _, generic := ast.Unparen(deref(d.Recv.List[0].Type)).(*ast.IndexExpr); generic {
			return jit.Source{}, nil, nil, "its type is generic"
		}
	}
	nf, why := s.nativeSource(s.checker(), file, info, d, src, nil, true)
	switch {
	case why != "":
		return jit.Source{}, nil, nil, why
	case len(nf.calls) > 0:
		return jit.Source{}, nil, nil, "it calls " + nf.calls[0] + ", a function of the session (methods of compiled types may not)"
	}
	src2 := nf.src
	if !d.Name.IsExported() {
		// The interpreter reaches methods through reflect, which shows
		// only exported ones: it calls this one through an exported twin.
		fn, ok := info.Defs[d.Name].(*types.Func)
		if !ok {
			return jit.Source{}, nil, nil, "it has no type"
		}
		src2.Imports = maps.Clone(src2.Imports)
		src2.Text += "\n\n" + unexportedTwin(fn, s.checker().Package(), src2.Imports)
	}
	var vars []jit.Var
	for _, name := range slices.Sorted(maps.Keys(nf.vars)) {
		vars = append(vars, nf.vars[name])
	}
	return src2, slices.Sorted(maps.Keys(nf.types)), vars, ""
}

// unexportedPrefix names the exported twin of an unexported method.
const unexportedPrefix = "GoparM_"

// unexportedTwin writes the exported method that calls the unexported
// method fn, for the interpreter.
func unexportedTwin(fn *types.Func, session *types.Package, imports map[string]string) string {
	sig := fn.Type().(*types.Signature)
	q := sessionUnqualified(session, aliasing(imports))
	params, results, ret, args := forwarding(sig, q)
	recv := types.TypeString(sig.Recv().Type(), q)
	return fmt.Sprintf("func (x %s) %s%s(%s) %s { %sx.%s(%s) }", recv, unexportedPrefix, fn.Name(), params, results, ret, fn.Name(), args)
}

// forwarding writes what a function of signature sig needs to pass its
// call on to another of the same signature: its parameters (p0 T0, p1
// ...T1), its results, "return " when it has any, and the arguments
// (p0, p1...).
func forwarding(sig *types.Signature, q types.Qualifier) (params, results, ret, args string) {
	var ps, as []string
	for i := range sig.Params().Len() {
		t := types.TypeString(sig.Params().At(i).Type(), q)
		arg := fmt.Sprintf("p%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			t = "..." + strings.TrimPrefix(t, "[]")
			arg += "..."
		}
		ps = append(ps, fmt.Sprintf("p%d %s", i, t))
		as = append(as, arg)
	}
	switch sig.Results().Len() {
	case 0:
	case 1:
		results, ret = types.TypeString(sig.Results().At(0).Type(), q), "return "
	default:
		results, ret = types.TypeString(sig.Results(), q), "return "
	}
	return strings.Join(ps, ", "), results, ret, strings.Join(as, ", ")
}

// compiledUnexportedMethod tells whether sel selects an unexported method
// of a cell's compiled type.
func (s *Session) compiledUnexportedMethod(sel *ast.SelectorExpr, info *types.Info) bool {
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() == types.FieldVal || selection.Obj().Exported() {
		return false
	}
	fn, ok := selection.Obj().(*types.Func)
	if !ok {
		return false
	}
	return s.compiledType(namedName(fn.Type().(*types.Signature).Recv().Type()))
}

func deref(e ast.Expr) ast.Expr {
	if st, ok := e.(*ast.StarExpr); ok {
		return st.X
	}
	return e
}

// receiverName is the name of a method's receiver type.
func receiverName(d *ast.FuncDecl) string {
	t := ast.Unparen(deref(ast.Unparen(d.Recv.List[0].Type)))
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// declNames are the names a declaration declares; "T.m" for a method.
func declNames(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			return []string{receiverName(d) + "." + d.Name.Name}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		var out []string
		for _, spec := range d.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				out = append(out, spec.Name.Name)
			case *ast.ValueSpec:
				for _, id := range spec.Names {
					out = append(out, id.Name)
				}
			}
		}
		return out
	}
	return nil
}

// declaresIn tells whether a type spec is among f's declarations.
func declaresIn(f *ast.File, ts *ast.TypeSpec) bool {
	return slices.ContainsFunc(f.Decls, func(d ast.Decl) bool {
		gd, ok := d.(*ast.GenDecl)
		return ok && slices.Contains(gd.Specs, ast.Spec(ts))
	})
}

// holdAgain makes a settled type held again, with its methods, as a cell
// declares a method for it: a compiled type cannot gain one.
func (s *Session) holdAgain(name string) {
	decls := s.native.typeDecls[name]
	for _, h := range decls {
		for _, n := range h.names {
			delete(s.native.types, n)
			delete(s.native.typeDecls, n)
		}
	}
	s.held = append(s.held, decls...)
	// The functions and constants that use the type were compiled by the
	// interpreter against the earlier one: they are declared again with
	// the new one.
	latest := map[string]Decl{}
	for _, d := range s.decls {
		if d.Recv == "" {
			latest[d.Name] = d
		}
	}
	again := map[[3]int]bool{}
	for _, d := range s.decls {
		if (d.Kind != "func" && d.Kind != "const") || d.Recv != "" || latest[d.Name] != d || d.line == 0 {
			continue
		}
		place := [3]int{d.Cell, d.line, d.col}
		if again[place] || !mentionsName(d.Source, name) || slices.ContainsFunc(s.held, func(h heldDecl) bool { return h.part.place(0) == place }) {
			continue
		}
		again[place] = true
		s.held = append(s.held, heldDecl{part: part{src: d.Source, line: d.line, col: d.col, cell: d.Cell}, names: []string{d.Name}})
	}
	s.panics.printf("gopar: note: type %s is compiled again, with its new method: the functions that use it are declared again with it; values made before keep the earlier type\n", name)
}

// mentionsName tells whether code has the identifier name.
func mentionsName(code, name string) bool {
	return mentions(code, func(id string) bool { return id == name })
}

// settleTypes compiles the held types and runs the other held
// declarations, as the cell about to run needs them. A type that cannot
// be compiled, or whose build fails, runs interpreted with its methods.
func (s *Session) settleTypes(ctx context.Context) error {
	if len(s.held) == 0 {
		return nil
	}
	held := s.held
	s.held = nil
	n := &s.native
	why := map[string]string{}
	typeDecl := map[string]*heldDecl{}
	methods := map[string][]*heldDecl{}
	for i := range held {
		h := &held[i]
		switch {
		case h.typ != nil:
			for _, name := range h.names {
				typeDecl[name] = h
			}
		case h.method != nil:
			methods[h.method.recv] = append(methods[h.method.recv], h)
		}
	}
	for changed := true; changed; {
		changed = false
		for name, h := range typeDecl {
			if why[name] != "" {
				continue
			}
			reason := ""
			for _, by := range n.embedded[name] {
				if _, settled := n.types[by]; !settled && (typeDecl[by] == nil || why[by] != "") {
					reason = "it is embedded in " + by + ", which is interpreted, and the interpreter does not promote the methods of an embedded compiled type"
				}
			}
			for _, m := range methods[name] {
				if m.method.why != "" {
					reason = "its method " + strings.TrimPrefix(m.names[0], name+".") + " cannot be compiled: " + m.method.why
					break
				}
			}
			uses := slices.Clone(h.typ.uses)
			for _, m := range methods[name] {
				uses = append(uses, m.method.uses...)
			}
			for _, u := range uses {
				if _, settled := n.types[u]; reason == "" && !settled && (typeDecl[u] == nil || why[u] != "") {
					reason = "it uses type " + u + ", which is interpreted"
				}
			}
			if it, ok := h.typ.underlying.(*types.Interface); ok && reason == "" {
				// The interpreter cannot take its own values back out of a
				// compiled interface (v.(T) fails): an interface that an
				// interpreted type implements stays interpreted.
				interpreted := func(t string) bool {
					_, settled := n.types[t]
					return !settled && (typeDecl[t] == nil || why[t] != "")
				}
				if t := s.implementer(it, interpreted); t != "" {
					reason = "type " + t + ", which is interpreted, implements it"
				}
			}
			if reason != "" {
				for _, other := range h.names {
					why[other] = reason
				}
				changed = true
			}
		}
	}
	var compiled, wrappers []string
	var decls []jit.Source
	for i := range held {
		h := &held[i]
		if h.typ != nil && why[h.names[0]] == "" {
			compiled = append(compiled, h.names...)
			wrappers = append(wrappers, h.typ.wrappers...)
			decls = append(decls, h.typ.src)
		}
	}
	vars := map[string]jit.Var{}
	for i := range held {
		if h := &held[i]; h.method != nil && typeDecl[h.method.recv] != nil && why[h.method.recv] == "" {
			decls = append(decls, h.method.src)
			for _, v := range h.method.vars {
				vars[v.Name] = v
			}
		}
	}
	if len(compiled) > 0 {
		uses := n.typeRefs(func(name string) bool { return !slices.Contains(compiled, name) })
		var shared []jit.Var
		for _, name := range slices.Sorted(maps.Keys(vars)) {
			shared = append(shared, vars[name])
		}
		pkg, err := n.compiler.BuildTypes(ctx, jit.TypeProgram{Names: append(slices.Clone(compiled), wrappers...), Decls: decls, Uses: uses, Vars: shared})
		if err == nil {
			err = s.declareCompiled(ctx, pkg)
		}
		if err != nil {
			for _, name := range compiled {
				why[name] = "its build failed: " + headline(err.Error())
			}
			compiled = nil
		}
	}
	for _, name := range compiled {
		delete(n.typeDecls, name)
	}
	var rest []part
	for i := range held {
		h := &held[i]
		switch {
		case h.typ != nil && why[h.names[0]] == "":
			for _, name := range h.names {
				n.note("type "+name, "")
				n.typeDecls[name] = append(n.typeDecls[name], *h)
			}
			s.recordHeld(h.part)
			continue
		case h.method != nil && typeDecl[h.method.recv] != nil && why[h.method.recv] == "":
			n.typeDecls[h.method.recv] = append(n.typeDecls[h.method.recv], *h)
			s.recordHeld(h.part)
			continue
		case h.typ != nil:
			for _, name := range h.names {
				n.note("type "+name, why[name])
			}
		}
		rest = append(rest, h.part)
	}
	if len(rest) == 0 {
		return nil
	}
	// The rest runs as the declarations of a cell do, each in its own
	// cell's coordinates; nothing of it is held again.
	n.settling = true
	defer func() { n.settling = false }()
	return s.runDecl(ctx, 0, piece{decl: true, parts: rest}, false)
}

// implementer finds a session type, other than an interface, for which
// want is true and that implements it, by value or pointer; "" if none.
func (s *Session) implementer(it *types.Interface, want func(name string) bool) string {
	scope := s.checker().Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || types.IsInterface(tn.Type()) || !want(name) {
			continue
		}
		if _, generic := tn.Type().(*types.Named); generic && tn.Type().(*types.Named).TypeParams().Len() > 0 {
			continue
		}
		if types.Implements(tn.Type(), it) || types.Implements(types.NewPointer(tn.Type()), it) {
			return name
		}
	}
	return ""
}

// recordHeld records a compiled declaration as a cell's, for the
// introspection of the session and the detection of redefinitions.
func (s *Session) recordHeld(pt part) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+pt.src, parser.SkipObjectResolution)
	if err == nil {
		s.remember(f)
		// A compiled interface needs none of the rewrites of the
		// interpreter's own.
		for name := range declaredInterfaces(f, nil) {
			delete(s.interfaces, name)
		}
	}
	s.recordDecls(pt.cell, piece{decl: true, parts: []part{{src: pt.src, line: pt.line, col: pt.col}}})
}

// declareCompiled makes the interpreter's names of a package's types
// aliases of the compiled ones.
func (s *Session) declareCompiled(ctx context.Context, pkg *jit.TypePackage) error {
	// The variables first: one that cannot be shared leaves the
	// interpreter as it was.
	for name, ptr := range pkg.Pointers {
		if err := s.pointAt(ctx, name, ptr); err != nil {
			return err
		}
	}
	for name, ptr := range pkg.Pointers {
		if s.native.typePointers == nil {
			s.native.typePointers = map[string][]reflect.Value{}
		}
		s.native.typePointers[name] = append(s.native.typePointers[name], ptr)
	}
	syms := map[string]reflect.Value{}
	for name, t := range pkg.Types {
		if iface, ok := strings.CutPrefix(name, wrapperPrefix); ok {
			name = "_" + iface
		}
		syms[name] = reflect.Zero(reflect.PointerTo(t))
	}
	if err := s.interp.Use(map[string]map[string]reflect.Value{pkg.Path + "/celltypes": syms}); err != nil {
		return fmt.Errorf("giving the interpreter the compiled types: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package main\nimport %s %q\n", pkg.Alias, pkg.Path)
	var names []string
	for _, name := range pkg.Names {
		if !strings.HasPrefix(name, wrapperPrefix) {
			names = append(names, name)
			fmt.Fprintf(&b, "type %s = %s.%s\n", name, pkg.Alias, name)
		}
	}
	f, err := parser.ParseFile(s.interp.FileSet(), "compiled-types", b.String(), 0)
	if err != nil {
		return fmt.Errorf("declaring the compiled types: %w", err)
	}
	prog, err := s.compile(f)
	if err != nil {
		return fmt.Errorf("declaring the compiled types: %w", err)
	}
	if _, err := s.run(ctx, prog); err != nil {
		return fmt.Errorf("declaring the compiled types: %w", err)
	}
	if s.native.types == nil {
		s.native.types = map[string]jit.TypeRef{}
		s.native.typeDecls = map[string][]heldDecl{}
	}
	ref := pkg.TypeRef
	ref.Names = names
	for _, name := range names {
		s.native.types[name] = ref
		if obj, ok := s.checker().Scope().Lookup(name).(*types.TypeName); ok {
			typedfmt.MarkCompiled(obj)
		}
	}
	return nil
}

// typeRefs are the packages of the compiled types for which want is true,
// each with those of its types that no later package replaced.
func (n *native) typeRefs(want func(name string) bool) []jit.TypeRef {
	byPath := map[string]*jit.TypeRef{}
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(n.types)) {
		if !want(name) {
			continue
		}
		ref := n.types[name]
		if byPath[ref.Path] == nil {
			byPath[ref.Path] = &jit.TypeRef{Path: ref.Path, Alias: ref.Alias}
			paths = append(paths, ref.Path)
		}
		byPath[ref.Path].Names = append(byPath[ref.Path].Names, name)
	}
	out := make([]jit.TypeRef, 0, len(paths))
	for _, p := range paths {
		out = append(out, *byPath[p])
	}
	return out
}
