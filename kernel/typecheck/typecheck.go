// Package typecheck type-checks notebook cells as the Go compiler does,
// with go/types, against everything the session declared and imported in
// earlier cells.
//
// The session is one package main that grows cell by cell: each cell is
// checked as one more file of it, so its errors are the compiler's, worded
// as go build words them, and the static type of every expression is
// known. A name a cell declares again replaces the earlier one (as in a
// notebook, not as in a Go package); variables a cell's top-level
// statements declare become the session's. Unused variables and imports
// are allowed. Checking a cell costs what checking its own code costs,
// however long the session.
//
// It knows nothing of the interpreter that runs the cells.
package typecheck

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// Checker is one session's type-checked view. Its methods must not be
// called concurrently.
type Checker struct {
	fset *token.FileSet
	imp  *Importer
	// pkg is the session's package main. Each cell is checked in its
	// package scope, emptied for it, whose parent is session, which holds
	// what earlier cells declared and imported: a cell's names shadow the
	// session's, and replace them once the cell is valid.
	pkg     *types.Package
	session *types.Scope
	conf    types.Config
	// auto maps the names a cell may use without importing them to
	// their import paths.
	auto map[string]string
	// typeSrc is the source of each type the session declared: a cell
	// that declares a type again, the same, keeps the one it has.
	typeSrc map[string]string
}

// New makes the checker of a session whose cells are parsed with fset.
// auto maps the package names cells use without an import line to their
// paths.
func New(fset *token.FileSet, imp *Importer, auto map[string]string) *Checker {
	c := &Checker{
		fset:    fset,
		imp:     imp,
		pkg:     types.NewPackage("main", "main"),
		session: types.NewScope(types.Universe, token.NoPos, token.NoPos, "session"),
		auto:    auto,
		typeSrc: map[string]string{},
	}
	setParent(c.pkg.Scope(), c.session)
	c.conf = types.Config{
		Importer: imp,
		Sizes:    types.SizesFor("gc", runtime.GOARCH),
	}
	return c
}

// Error is one compile error of a cell.
type Error struct {
	Pos token.Position // in the cell's coordinates (its //line directives)
	Msg string
}

// Result is what checking a cell found.
type Result struct {
	// Errors are the compile errors, in source order; none when the cell
	// is valid Go against the session.
	Errors []Error
	// Info has the types of the cell's expressions and the objects its
	// names denote.
	Info *types.Info
	// Stale lists, for each variable the cell uses whose value was made
	// with an earlier definition of its type, a note naming both.
	Stale []string
}

// Stmts says which function of a checked file holds a cell's top-level
// statements: the variables it declares at its top level become the
// session's.
type Stmts struct {
	Func *ast.FuncDecl
	// Value: a trailing expression statement is the cell's value, not
	// an expression left unused.
	Value bool
}

// Check type-checks file f, one part of a cell, against the session.
// When stmts is not nil, stmts.Func is the function holding the cell's
// top-level statements. Only a cell without errors changes the session:
// its declarations, top-level variables and imports are the session's
// from then on.
func (c *Checker) Check(f *ast.File, stmts *Stmts) *Result {
	j := &journal{}
	defer j.undo()
	var (
		info *types.Info
		errs []types.Error
	)
	for attempt := 0; attempt < 2; attempt++ {
		file := c.prepare(f)
		info = newInfo()
		errs = c.check(file, stmts, info)
		if len(errs) == 0 {
			j.undos = nil // the methods attached are the cell's
			c.commit(file, stmts, info)
			return &Result{Info: info, Stale: c.stale(info)}
		}
		// Methods a cell adds to a type of an earlier cell are known to
		// the cell's own code only once attached to the type: check
		// again with them attached.
		methods := addedMethods(file, info)
		if len(methods) == 0 || attempt > 0 {
			break
		}
		for _, m := range methods {
			j.setMethod(receiverNamed(m), m)
		}
	}
	res := &Result{Info: info, Stale: c.stale(info)}
	for _, e := range errs {
		res.Errors = append(res.Errors, Error{Pos: c.fset.Position(e.Pos), Msg: e.Msg})
	}
	return res
}

func newInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
}

// check runs go/types on one file of the session's package.
func (c *Checker) check(file *ast.File, stmts *Stmts, info *types.Info) []types.Error {
	if stmts != nil {
		// The statements' function must not clash with a main of the
		// session: a blank function is never declared.
		name := stmts.Func.Name.Name
		stmts.Func.Name.Name = "_"
		defer func() { stmts.Func.Name.Name = name }()
	}
	var value *ast.ExprStmt
	if stmts != nil && stmts.Value {
		if list := stmts.Func.Body.List; len(list) > 0 {
			value, _ = list[len(list)-1].(*ast.ExprStmt)
		}
	}
	var errs []types.Error
	conf := c.conf
	conf.Error = func(err error) {
		e, ok := err.(types.Error)
		if !ok || allowed(e.Msg) {
			return
		}
		if value != nil && value.Pos() <= e.Pos && e.Pos < value.End() && strings.HasSuffix(e.Msg, " is not used") {
			return
		}
		errs = append(errs, e)
	}
	_ = types.NewChecker(&conf, c.fset, c.pkg, info).Files([]*ast.File{file})
	slices.SortStableFunc(errs, func(a, b types.Error) int { return int(a.Pos - b.Pos) })
	return errs
}

// addedMethods are the methods file declares on types of earlier cells.
func addedMethods(file *ast.File, info *types.Info) []*types.Func {
	var out []*types.Func
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				if n := receiverNamed(fn); n != nil && !hasMethod(n, fn) {
					out = append(out, fn)
				}
			}
		}
	}
	return out
}

// allowed tells the errors a notebook forgives: unused variables and
// imports, which a person exploring leaves behind all the time.
func allowed(msg string) bool {
	return strings.HasPrefix(msg, "declared and not used") ||
		strings.Contains(msg, " imported and not used") ||
		strings.Contains(msg, " and not used") && strings.Contains(msg, " imported as ")
}

// prepare empties the package scope for f, and puts in it the packages f
// uses by name without importing them. A type declared again exactly as
// before is kept: f is checked without it.
func (c *Checker) prepare(f *ast.File) *ast.File {
	scope := c.pkg.Scope()
	empty(scope)
	own := map[string]bool{}
	var same []ast.Spec
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.ImportSpec:
					own[c.importName(spec)] = true
				case *ast.TypeSpec:
					if src, ok := c.typeSrc[spec.Name.Name]; ok && src == c.source(spec) && c.session.Lookup(spec.Name.Name) != nil {
						same = append(same, spec)
					}
					own[spec.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						own[n.Name] = true
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				own[d.Name.Name] = true
			}
		}
	}
	file := f
	if len(same) > 0 {
		file = withoutSpecs(f, same)
	}
	// Packages used by name, not imported: the kernel imports them.
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || own[id.Name] || c.auto[id.Name] == "" || c.session.Lookup(id.Name) != nil || types.Universe.Lookup(id.Name) != nil {
			return true
		}
		if p, err := c.imp.Import(c.auto[id.Name]); err == nil {
			scope.Insert(types.NewPkgName(token.NoPos, c.pkg, id.Name, p))
		}
		own[id.Name] = true
		return true
	})
	return file
}

// source is a type declaration as text, to tell a declaration made again
// unchanged from a new one.
func (c *Checker) source(spec *ast.TypeSpec) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, token.NewFileSet(), &ast.TypeSpec{Name: spec.Name, TypeParams: spec.TypeParams, Assign: spec.Assign, Type: spec.Type})
	return b.String()
}

// withoutSpecs copies f without the given type specs.
func withoutSpecs(f *ast.File, drop []ast.Spec) *ast.File {
	out := *f
	out.Decls = nil
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			out.Decls = append(out.Decls, d)
			continue
		}
		kept := *g
		kept.Specs = slices.DeleteFunc(slices.Clone(g.Specs), func(s ast.Spec) bool { return slices.Contains(drop, s) })
		if len(kept.Specs) > 0 {
			out.Decls = append(out.Decls, &kept)
		}
	}
	return &out
}

// importName is the name an import declares: its own, or the package's.
func (c *Checker) importName(is *ast.ImportSpec) string {
	if is.Name != nil {
		return is.Name.Name
	}
	path, err := strconv.Unquote(is.Path.Value)
	if err != nil {
		return ""
	}
	if p, err := c.imp.Import(path); err == nil {
		return p.Name()
	}
	name := path[strings.LastIndex(path, "/")+1:]
	if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" && strings.Contains(path, "/") {
		// A major version: the name is the element before it.
		path = path[:strings.LastIndex(path, "/")]
		name = path[strings.LastIndex(path, "/")+1:]
	}
	return name
}

// commit makes what a valid cell declared the session's: its package
// scope's objects, its imports, the variables of its top level.
func (c *Checker) commit(file *ast.File, stmts *Stmts, info *types.Info) {
	cell := c.pkg.Scope()
	for _, name := range cell.Names() {
		replace(c.session, cell.Lookup(name))
	}
	for _, is := range file.Imports {
		var obj types.Object
		if is.Name != nil {
			obj = info.Defs[is.Name]
		} else {
			obj = info.Implicits[is]
		}
		pn, ok := obj.(*types.PkgName)
		switch {
		case !ok:
		case is.Name != nil && is.Name.Name == ".":
			imported := pn.Imported().Scope()
			for _, name := range imported.Names() {
				if o := imported.Lookup(name); o.Exported() {
					replace(c.session, o)
				}
			}
		default:
			replace(c.session, pn)
		}
	}
	if stmts != nil {
		if fs := info.Scopes[stmts.Func.Type]; fs != nil {
			for _, name := range fs.Names() {
				if name != "_" {
					replace(c.session, fs.Lookup(name))
				}
			}
		}
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok {
					c.typeSrc[ts.Name.Name] = c.source(ts)
				}
			}
		case *ast.FuncDecl:
			// Methods on a type of an earlier cell are attached to it:
			// the checker attaches only those of the cell's own types.
			if fn, ok := info.Defs[d.Name].(*types.Func); ok && d.Recv != nil {
				if n := receiverNamed(fn); n != nil && !hasMethod(n, fn) {
					setMethod(n, fn)
				}
			}
		}
	}
}

// replace puts obj in scope in place of what had its name.
func replace(scope *types.Scope, obj types.Object) {
	deleteName(scope, obj.Name())
	scope.Insert(obj)
}

// Declare makes name a variable of the session with the type of a value
// the kernel gave it (as %timeit -o does).
func (c *Checker) Declare(name string, t reflect.Type) {
	c.imp.mu.Lock()
	typ := c.imp.conv.typ(t)
	c.imp.mu.Unlock()
	replace(c.session, types.NewVar(token.NoPos, c.pkg, name, typ))
}

// stale notes the variables a cell uses whose type is a definition the
// session has replaced since their value was made.
func (c *Checker) stale(info *types.Info) []string {
	var notes []string
	seen := map[types.Object]bool{}
	for id, obj := range info.Uses {
		v, ok := obj.(*types.Var)
		if !ok || seen[obj] || v.Parent() == nil || v.Parent() == types.Universe {
			continue
		}
		seen[obj] = true
		if cur := c.session.Lookup(v.Name()); cur != obj {
			continue // not a session variable
		}
		n, ok := types.Unalias(derefAll(v.Type())).(*types.Named)
		if !ok || n.Obj().Pkg() != c.pkg {
			continue
		}
		if cur, _ := c.session.Lookup(n.Obj().Name()).(*types.TypeName); cur != nil && cur != n.Origin().Obj() {
			notes = append(notes, id.Name+" holds a value of an earlier definition of "+n.Obj().Name()+": run the cell that sets "+id.Name+" again to use the new one")
		}
	}
	slices.Sort(notes)
	return notes
}

func derefAll(t types.Type) types.Type {
	for {
		p, ok := t.(*types.Pointer)
		if !ok {
			return t
		}
		t = p.Elem()
	}
}

// SessionObject tells whether obj is what the session holds under its
// name at the top level: a variable, constant, function or type a cell
// declared and no later cell replaced.
func (c *Checker) SessionObject(obj types.Object) bool {
	return obj != nil && c.session.Lookup(obj.Name()) == obj
}

// Scope holds what the session declared and imported so far.
func (c *Checker) Scope() *types.Scope { return c.session }

// Package is the session's package main, the package of every type cells
// declare.
func (c *Checker) Package() *types.Package { return c.pkg }
