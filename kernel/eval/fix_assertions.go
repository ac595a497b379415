package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"gopar/kernel/typedfmt"

	"golang.org/x/tools/go/ast/astutil"
)

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

// rewriteAssertions turns type assertions into type switches, which the
// interpreter gets right where assertions are not (to interfaces declared
// in cells, a comma-ok assertion reports false and a plain one panics):
//
//	x.(T)      becomes  func(v any) T { switch t := v.(type) { case T: return t }; panic(...) }(x)
//	v, ok := x.(T)  becomes  v, ok := func(v any) (T, bool) { switch t := v.(type) { case T: return t, true }; var z T; return z, false }(x)
//
// Only assertions to interfaces declared in cells are rewritten: others
// work as they are (and a type switch mishandles some, such as error).
func rewriteAssertions(f *ast.File, interfaces map[string][]string) {
	// methods are the methods of an assertion's target, when it is an
	// interface the rewrite takes over; nil otherwise.
	methods := func(t ast.Expr) []string {
		switch t := t.(type) {
		case *ast.InterfaceType:
			return methodsOf(t, interfaces)
		case *ast.Ident:
			return interfaces[t.Name]
		}
		return nil
	}
	needsSwitch := func(t ast.Expr) bool { return isError(t) || len(methods(t)) > 0 }
	rewrite := func(ta *ast.TypeAssertExpr, commaOK bool) ast.Expr {
		pos := ta.Pos()
		id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
		if isError(ta.Type) {
			fn := "__gopar_toError"
			if commaOK {
				fn = "__gopar_asError"
			}
			return &ast.CallExpr{Fun: id(fn), Lparen: pos, Args: []ast.Expr{ta.X}}
		}
		typ := func() ast.Expr { return cloneType(ta.Type) }
		caseBody := []ast.Stmt{&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("__gopar_t")}}}
		// The interpreter's case also takes types that lack some of the
		// methods: the case holds only when each method can be had.
		var probe []ast.Stmt
		for _, m := range methods(ta.Type) {
			probe = append(probe, &ast.AssignStmt{Lhs: []ast.Expr{id("_")}, Tok: token.ASSIGN, TokPos: pos,
				Rhs: []ast.Expr{&ast.SelectorExpr{X: id("__gopar_t"), Sel: id(m)}}})
		}
		guard := func(body []ast.Stmt) []ast.Stmt {
			return []ast.Stmt{&ast.IfStmt{If: pos,
				Cond: &ast.CallExpr{Fun: id("__gopar_has"), Lparen: pos, Args: []ast.Expr{&ast.FuncLit{
					Type: &ast.FuncType{Func: pos, Params: &ast.FieldList{}}, Body: &ast.BlockStmt{Lbrace: pos, List: probe}}}},
				Body: &ast.BlockStmt{Lbrace: pos, List: body}}}
		}
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
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{&ast.CaseClause{Case: pos, List: []ast.Expr{typ()}, Body: guard(caseBody)}}},
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

// interfacesIn are the interface types declared by earlier cells and by
// f, with their methods.
func (s *Session) interfacesIn(f *ast.File) map[string][]string {
	all := make(map[string][]string, len(s.interfaces))
	for name, ms := range s.interfaces {
		all[name] = ms
	}
	for name, ms := range declaredInterfaces(f, s.interfaces) {
		all[name] = ms
	}
	return all
}

// declaredInterfaces are the interface types f declares at its top level,
// with their methods; known are those declared before, for embedding.
func declaredInterfaces(f *ast.File, known map[string][]string) map[string][]string {
	types := map[string]*ast.InterfaceType{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, sp := range gd.Specs {
			if it, ok := sp.(*ast.TypeSpec).Type.(*ast.InterfaceType); ok {
				types[sp.(*ast.TypeSpec).Name.Name] = it
			}
		}
	}
	out := map[string][]string{}
	var resolve func(name string, depth int) []string
	resolve = func(name string, depth int) []string {
		if ms, ok := out[name]; ok {
			return ms
		}
		it, ok := types[name]
		if !ok || depth > 16 {
			return known[name]
		}
		all := map[string][]string{}
		for n := range types {
			if n != name {
				all[n] = resolve(n, depth+1)
			}
		}
		for n, ms := range known {
			if _, ok := all[n]; !ok {
				all[n] = ms
			}
		}
		out[name] = methodsOf(it, all)
		return out[name]
	}
	for name := range types {
		resolve(name, 0)
	}
	return out
}

// methodsOf lists the methods of an interface type, embedded ones too:
// those of interfaces in known, and of error and fmt.Stringer.
func methodsOf(it *ast.InterfaceType, known map[string][]string) []string {
	var ms []string
	for _, field := range it.Methods.List {
		if len(field.Names) > 0 {
			if _, isFunc := field.Type.(*ast.FuncType); isFunc {
				for _, n := range field.Names {
					ms = append(ms, n.Name)
				}
			}
			continue
		}
		switch t := field.Type.(type) {
		case *ast.Ident:
			if t.Name == "error" {
				ms = append(ms, "Error")
			}
			ms = append(ms, known[t.Name]...)
		case *ast.SelectorExpr:
			if x, ok := t.X.(*ast.Ident); ok && x.Name == "fmt" && t.Sel.Name == "Stringer" {
				ms = append(ms, "String")
			}
		}
	}
	return ms
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

// isError tells whether a type expression is the predeclared error.
func isError(t ast.Expr) bool {
	id, ok := t.(*ast.Ident)
	return ok && id.Name == "error" && id.Obj == nil
}

// guardNilAssertions mends the comma-ok assertion of a nil interface to
// an interface of a compiled package (var x any; _, ok :=
// x.(fmt.Stringer)), on which the interpreter panics: it becomes
//
//	func(v any) (T, bool) { if v == nil { var z T; return z, false }; t, ok := v.(T); return t, ok }(x)
//
// Assertions to error and to interfaces cells declared have rewrites of
// their own (rewriteAssertions).
func guardNilAssertions(f *ast.File, info *types.Info) {
	guard := func(ta *ast.TypeAssertExpr) ast.Expr {
		if ta.Type == nil || isError(ta.Type) {
			return nil
		}
		if x, ok := ta.X.(*ast.Ident); ok && x.Name == "__gopar_v" {
			return nil // the guard's own
		}
		t := info.TypeOf(ta.Type)
		if t == nil || typedfmt.IsCellType(t) {
			return nil
		}
		if it, ok := t.Underlying().(*types.Interface); !ok || it.NumMethods() == 0 {
			return nil
		}
		pos := ta.Pos()
		id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
		typ := func() ast.Expr { return cloneType(ta.Type) }
		body := []ast.Stmt{
			&ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id("__gopar_v"), OpPos: pos, Op: token.EQL, Y: &ast.Ident{Name: "nil", NamePos: pos}},
				Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{
					&ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id("__gopar_z")}, Type: typ()}}}},
					&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("__gopar_z"), &ast.Ident{Name: "false", NamePos: pos}}},
				}}},
			&ast.AssignStmt{Lhs: []ast.Expr{id("__gopar_t"), id("__gopar_ok")}, Tok: token.DEFINE, TokPos: pos,
				Rhs: []ast.Expr{&ast.TypeAssertExpr{X: id("__gopar_v"), Type: typ(), Lparen: pos}}},
			&ast.ReturnStmt{Return: pos, Results: []ast.Expr{id("__gopar_t"), id("__gopar_ok")}},
		}
		return &ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{Func: pos,
					Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{id("__gopar_v")}, Type: &ast.Ident{Name: "any", NamePos: pos}}}},
					Results: &ast.FieldList{List: []*ast.Field{{Type: typ()}, {Type: &ast.Ident{Name: "bool", NamePos: pos}}}}},
				Body: &ast.BlockStmt{Lbrace: pos, List: body},
			},
			Lparen: pos, Args: []ast.Expr{ta.X},
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := n.Rhs[0].(*ast.TypeAssertExpr); ok {
					if e := guard(ta); e != nil {
						n.Rhs[0] = e
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := n.Values[0].(*ast.TypeAssertExpr); ok {
					if e := guard(ta); e != nil {
						n.Values[0] = e
					}
				}
			}
		}
		return true
	})
}
