package introspect

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"sync"

	"gopar/kernel/internal/goast"
)

// cellScope is a session's declarations as introspection uses them,
// gathered afresh for each request since cells run in between.
type cellScope struct {
	names   map[string]Decl            // vars, consts, funcs and types; the last declaration wins
	methods map[string]map[string]Decl // receiver type -> method name -> declaration
	imports map[string]string
}

func (in *Introspector) cellScope() *cellScope {
	cs := &cellScope{
		names:   map[string]Decl{},
		methods: map[string]map[string]Decl{},
		imports: in.scope.Imports(),
	}
	for _, d := range in.scope.Decls() {
		if d.Kind == "method" {
			if cs.methods[d.Recv] == nil {
				cs.methods[d.Recv] = map[string]Decl{}
			}
			cs.methods[d.Recv][d.Name] = d
			continue
		}
		cs.names[d.Name] = d
	}
	return cs
}

// parsedSources caches declarations' sources parsed.
type parsedSources struct {
	mu     sync.Mutex
	byText map[string]*parsedSource
}

// parsedSource is a declaration's source parsed: the declarations of a
// file, or for statements such as "x := 3" the body of a function.
type parsedSource struct {
	fset  *token.FileSet
	decls []ast.Decl // top-level declarations, funcs and types among them
	stmts []ast.Stmt // statements, when the source is not declarations
}

// parse parses a declaration's source, remembering the result; a source
// that does not parse gives an empty parsedSource.
func (ps *parsedSources) parse(src string) *parsedSource {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p := ps.byText[src]; p != nil {
		return p
	}
	p := &parsedSource{fset: token.NewFileSet()}
	if f, err := parser.ParseFile(p.fset, "", "package p\n"+src, parser.SkipObjectResolution); err == nil {
		p.decls = f.Decls
	} else if f, err := parser.ParseFile(p.fset, "", "package p\nfunc _() {\n"+src+"\n}", parser.SkipObjectResolution); err == nil && len(f.Decls) == 1 {
		if fd, ok := f.Decls[0].(*ast.FuncDecl); ok && fd.Body != nil {
			p.stmts = fd.Body.List
		}
	}
	ps.byText[src] = p
	return p
}

// typeSpec finds the declaration of type name, at top level or in a
// statement.
func (p *parsedSource) typeSpec(name string) *ast.TypeSpec {
	var found *ast.TypeSpec
	visit := func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Name.Name == name {
			found = ts
		}
		_, isFunc := n.(*ast.FuncDecl)
		return found == nil && !isFunc
	}
	for _, d := range p.decls {
		ast.Inspect(d, visit)
	}
	for _, s := range p.stmts {
		ast.Inspect(s, visit)
	}
	return found
}

// funcDecl finds function name, or the method name of type recv.
func (p *parsedSource) funcDecl(name, recv string) *ast.FuncDecl {
	for _, d := range p.decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != name {
			continue
		}
		if recv == "" && fd.Recv == nil || recv != "" && fd.Recv != nil && len(fd.Recv.List) == 1 && goast.ReceiverName(fd.Recv.List[0].Type) == recv {
			return fd
		}
	}
	return nil
}

// valueType is the type a const or var declaration writes for name, nil
// when it leaves it to the value.
func (p *parsedSource) valueType(name string) ast.Expr {
	var typ ast.Expr
	visit := func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Type != nil {
			for _, id := range vs.Names {
				if id.Name == name {
					typ = vs.Type
				}
			}
		}
		return typ == nil
	}
	for _, d := range p.decls {
		ast.Inspect(d, visit)
	}
	for _, s := range p.stmts {
		ast.Inspect(s, visit)
	}
	return typ
}

// nodeString prints an AST node as gofmt would.
func nodeString(fset *token.FileSet, n ast.Node) string {
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, fset, n); err != nil {
		return ""
	}
	return buf.String()
}

// funcSignature is a function declaration without its body: "func (p
// Point) Area() float64".
func funcSignature(fset *token.FileSet, fd *ast.FuncDecl) string {
	bare := *fd
	bare.Body, bare.Doc = nil, nil
	return nodeString(fset, &bare)
}

// declSignature is what a completion shows beside a name a cell declared.
func (in *Introspector) declSignature(cs *cellScope, d Decl) string {
	p := in.decls.parse(d.Source)
	switch d.Kind {
	case "func":
		if fd := p.funcDecl(d.Name, ""); fd != nil {
			return funcTypeOf(funcSignature(p.fset, fd), d.Name)
		}
	case "method":
		if fd := p.funcDecl(d.Name, d.Recv); fd != nil {
			return nodeString(p.fset, fd.Type)
		}
	case "type":
		if ts := p.typeSpec(d.Name); ts != nil {
			return shortType(p.fset, ts.Type)
		}
	case "var":
		if cellType, rt, ok := in.scope.TypeOf(d.Name); ok {
			if cellType != "" {
				return cellType
			}
			return typeString(rt)
		}
		fallthrough
	case "const":
		if t := p.valueType(d.Name); t != nil {
			return nodeString(p.fset, t)
		}
	}
	return ""
}

// shortType describes a type expression in one line: "struct{...}" for
// a struct, the expression itself otherwise.
func shortType(fset *token.FileSet, e ast.Expr) string {
	switch e.(type) {
	case *ast.StructType:
		return "struct{...}"
	case *ast.InterfaceType:
		return "interface{...}"
	}
	s := nodeString(fset, e)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	return s
}

// typeRef is the type of a value: a type declared in a cell (by name), or
// a library type.
type typeRef struct {
	cell string
	rt   reflect.Type
}

func (t typeRef) valid() bool { return t.cell != "" || t.rt != nil }

// typeMember is a field or method of a type.
type typeMember struct {
	name      string
	kind      string // "field" or "method"
	signature string // the field's type, the method's type
	typ       typeRef
	// Where it comes from, for inspection: a cell's declaration (of the
	// method, or of the struct holding the field), or a library type.
	decl    *Decl
	libType reflect.Type
}

// members lists the fields and methods of t, sorted by name: a cell
// type's from its declaration (struct fields, embedded ones and what they
// promote, and the methods cells declared), a library type's through
// reflect (exported fields and the methods of T and *T).
func (in *Introspector) members(cs *cellScope, t typeRef) []typeMember {
	seen := map[string]bool{}
	var out []typeMember
	in.collectMembers(cs, t, seen, &out, 0)
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// maxEmbedding bounds how deep promoted members are looked for, which also
// stops a type that embeds itself through a pointer.
const maxEmbedding = 4

func (in *Introspector) collectMembers(cs *cellScope, t typeRef, seen map[string]bool, out *[]typeMember, depth int) {
	if depth > maxEmbedding || !t.valid() {
		return
	}
	add := func(m typeMember) {
		if !seen[m.name] {
			seen[m.name] = true
			*out = append(*out, m)
		}
	}
	if t.rt != nil {
		for _, m := range reflectMembers(t.rt) {
			add(m)
		}
		return
	}
	d, ok := cs.names[t.cell]
	if !ok || d.Kind != "type" {
		return
	}
	// The methods first: they win over promoted names.
	methods := cs.methods[t.cell]
	names := make([]string, 0, len(methods))
	for name := range methods {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		md := methods[name]
		add(typeMember{name: name, kind: "method", signature: in.declSignature(cs, md), decl: &md})
	}
	p := in.decls.parse(d.Source)
	ts := p.typeSpec(t.cell)
	if ts == nil {
		return
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return
	}
	var embedded []typeRef
	for _, f := range st.Fields.List {
		ft := in.resolveTypeExpr(cs, f.Type)
		sig := nodeString(p.fset, f.Type)
		if len(f.Names) == 0 {
			add(typeMember{name: embeddedName(f.Type), kind: "field", signature: sig, typ: ft, decl: &d})
			embedded = append(embedded, ft)
			continue
		}
		for _, id := range f.Names {
			add(typeMember{name: id.Name, kind: "field", signature: sig, typ: ft, decl: &d})
		}
	}
	for _, e := range embedded {
		in.collectMembers(cs, e, seen, out, depth+1)
	}
}

// embeddedName is the field name of an embedded type: T for *T, pkg.T and
// T[K].
func embeddedName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return embeddedName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return goast.ReceiverName(e)
}

// resolveTypeExpr finds the type a type expression of a cell names: a
// cell type, or a package's type (strings.Builder); pointers are looked
// through. Other types (slices, maps, predeclared) give an invalid typeRef.
func (in *Introspector) resolveTypeExpr(cs *cellScope, e ast.Expr) typeRef {
	switch x := e.(type) {
	case *ast.StarExpr:
		return in.resolveTypeExpr(cs, x.X)
	case *ast.ParenExpr:
		return in.resolveTypeExpr(cs, x.X)
	case *ast.IndexExpr:
		return in.resolveTypeExpr(cs, x.X)
	case *ast.IndexListExpr:
		return in.resolveTypeExpr(cs, x.X)
	case *ast.Ident:
		if d, ok := cs.names[x.Name]; ok && d.Kind == "type" {
			return typeRef{cell: x.Name}
		}
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return typeRef{}
		}
		p := in.packageNamed(cs, id.Name)
		if p == nil {
			return typeRef{}
		}
		if m, ok := p.lookup(x.Sel.Name); ok && m.kind == "type" {
			return typeRef{rt: m.value.Type().Elem()}
		}
	}
	return typeRef{}
}
