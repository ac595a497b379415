package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/constant"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopar/kernel/jit"
	"gopar/kernel/typecheck"
)

// Functions that cells declare run as native code: after the interpreter
// has run a cell, the functions of it that the toolchain can build are
// compiled in the background, with every such function so far, into one
// plugin. Until the plugin is loaded they run interpreted; a later cell
// that names one of them waits for it.
//
// The interpreter keeps each function, with a first statement added that
// hands the call to the native code once it is bound:
//
//	func f(n int) int {                  var __gopar_native_f_1 func(int) int
//		if __gopar_native_f_1 != nil {
//			return __gopar_native_f_1(n)  func f(n int) int { ... as written }
//		}
//		...
//	}
//
// so that callers compiled earlier reach the native code too. The native
// copy reads and writes the session's variables through pointers to the
// interpreter's own storage, has the session's constants compiled in, and
// checks for an interrupt at the top of every loop (jit.Instrument).
//
// A function runs interpreted, and %native says why, when it is generic or
// a method, uses a type declared in a cell, a function that runs
// interpreted, a package the plugin cannot import, or a variable whose
// storage the interpreter does not share with compiled code (interfaces,
// functions), or needs what the kernel serves to interpreted code only
// (os.Exit, standard input).

// native is the session's native program and the state of its build.
type native struct {
	compiler *jit.Compiler
	// off says why nothing is native (no toolchain, no plugins); checked
	// once, at the first function.
	off     error
	checked bool
	// funcs are the functions of the program, by name.
	funcs map[string]*nativeFunc
	// status is every function cells declared: "" when native, else why
	// it runs interpreted.
	status map[string]string
	order  []string // names of status, first declared first
	// build is the build asked for last, until its result is applied.
	build *nativeBuild
	// queue guards building (a build runs) and queued (the build to run
	// after it), which the builds' goroutine reads too.
	queue    sync.Mutex
	building bool
	queued   *nativeBuild
	// pointers are the addresses the program holds of session variables;
	// redeclared, those of them cells declared again since they were set.
	pointers   map[string]reflect.Value
	redeclared map[string]bool
	seq        int
	// types are the compiled types of cells by name, with the package
	// each is in; typeDecls their declarations and methods, for a later
	// method to compile them anew (nativetypes.go).
	types     map[string]jit.TypeRef
	typeDecls map[string][]heldDecl
	// settling is set while held declarations run.
	settling bool
	// embedded are the cell types other types embed, with those types.
	embedded map[string][]string
	// instances are the compiled instances of generic functions given
	// to the interpreter (fix_instances.go), by name; generics the
	// session's generic functions that instances can compile, by name.
	instances map[string]bool
	generics  map[string]*nativeFunc
	// typePointers are the pointers of the packages of compiled types,
	// and of compiled instances, to the session variables their methods
	// and generic functions use, by variable.
	typePointers map[string][]reflect.Value
	// holding are the types of the cell being held, while its methods
	// are looked at: compiled as much as the held ones.
	holding map[string]bool
}

// nativeFunc is one function of the native program.
type nativeFunc struct {
	src jit.Source
	// vars are the session variables it uses, calls the functions,
	// types the compiled types of cells.
	vars  map[string]jit.Var
	calls []string
	types map[string]bool
	// slot is the interpreter's variable its trampoline reads; slots
	// are those of every definition of the function with its signature,
	// whose interpreted callers still reach them.
	slot  string
	slots []string
	// bound: slot holds the native function.
	bound bool
}

type nativeBuild struct {
	prog  jit.Program
	funcs map[string]*nativeFunc
	// done is closed when res and err are set.
	done chan struct{}
	res  *jit.Built
	err  error
}

// nativePlan is what planNative decided for one cell.
type nativePlan struct {
	funcs    []*nativeFunc
	declared []string          // every name the cell declares
	reasons  map[string]string // why the others run interpreted
}

func (n *native) enabled(ctx context.Context) bool {
	if n.compiler == nil {
		n.off = errNativeDisabled
		return false
	}
	if !n.checked {
		n.checked = true
		n.off = n.compiler.Check(ctx)
	}
	return n.off == nil
}

// planNative finds the functions of a declaration cell that can be
// native and gives each a trampoline in f. src is the text f was parsed
// from.
func (s *Session) planNative(ctx context.Context, f *ast.File, info *types.Info, src string) *nativePlan {
	checker := s.checker()
	if info == nil || checker == nil {
		return nil
	}
	plan := &nativePlan{reasons: map[string]string{}}
	candidates := map[string]*ast.FuncDecl{}
	generics := map[string]*ast.FuncDecl{}
	defer func() { s.planGenerics(ctx, f, info, src, generics) }()
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil || d.Name.Name == "_" {
				continue
			}
			plan.declared = append(plan.declared, d.Name.Name)
			switch {
			case d.Name.Name == "main" || d.Name.Name == "init":
			case d.Type.TypeParams != nil:
				plan.reasons[d.Name.Name] = "it is generic"
				generics[d.Name.Name] = d
			case d.Body == nil:
				plan.reasons[d.Name.Name] = "it has no body"
			default:
				candidates[d.Name.Name] = d
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					plan.declared = append(plan.declared, spec.Name.Name)
				case *ast.ValueSpec:
					for _, id := range spec.Names {
						plan.declared = append(plan.declared, id.Name)
					}
				}
			}
		}
	}
	if len(candidates) == 0 || !s.native.enabled(ctx) {
		if s.native.off != nil {
			for name := range candidates {
				plan.reasons[name] = headline(s.native.off.Error())
			}
		}
		return plan
	}
	file := s.interp.FileSet().File(f.Pos())
	made := map[string]*nativeFunc{}
	for name, d := range candidates {
		nf, why := s.nativeSource(checker, file, info, d, src, nil, false)
		if why != "" {
			plan.reasons[name] = why
			continue
		}
		made[name] = nf
	}
	// Functions that can call themselves count their depth, so that
	// runaway recursion ends the cell and not the kernel.
	calls := map[string][]string{}
	for name, nf := range made {
		calls[name] = nf.calls
	}
	if recursive := jit.RecursionCycles(calls); len(recursive) > 0 {
		for name := range recursive {
			made[name], _ = s.nativeSource(checker, file, info, candidates[name], src, recursive, false)
		}
	}
	// A function that calls one that stays interpreted stays interpreted.
	for changed := true; changed; {
		changed = false
		for name, nf := range made {
			for _, callee := range nf.calls {
				if made[callee] != nil || callee == name {
					continue
				}
				if _, ok := candidates[callee]; ok || s.native.funcs[callee] == nil {
					plan.reasons[name] = "it calls " + callee + ", which runs interpreted"
					delete(made, name)
					changed = true
					break
				}
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(made)) {
		nf := made[name]
		s.native.seq++
		nf.slot = nativeSlotPrefix + name + "_" + strconv.Itoa(s.native.seq)
		addTrampoline(f, candidates[name], nf.slot)
		plan.funcs = append(plan.funcs, nf)
	}
	return plan
}

// nativeSource writes d as the native program holds it, or says why it
// cannot be native.
func (s *Session) nativeSource(checker *typecheck.Checker, file *token.File, info *types.Info, d *ast.FuncDecl, src string, recursive map[string]bool, method bool) (*nativeFunc, string) {
	var edits []jit.Edit
	start := file.Offset(d.Pos())
	offset := func(p token.Pos) int { return file.Offset(p) - start }
	nf := &nativeFunc{vars: map[string]jit.Var{}, types: map[string]bool{}}
	imports := map[string]string{}
	calls := map[string]bool{}
	why := ""
	session := checker.Package()
	edits, unguarded := jit.Instrument(d, offset)
	written := writtenSelectors(d, info)
	if unguarded {
		return nil, "it starts a goroutine on a named function (go f(x)); write go func() { f(x) }() to have it native"
	}
	ast.Inspect(d, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if !method && s.compiledField(n, info) {
				if written[n] {
					why = "it sets unexported field " + n.Sel.Name + " of a compiled type, which only its methods can"
					return false
				}
				// Read through the accessor the type's package gives.
				edits = append(edits, jit.Edit{At: offset(n.Sel.Pos()), Cut: len(n.Sel.Name), Text: fieldValuePrefix + n.Sel.Name + "()"})
			}
			if !method && s.compiledUnexportedMethod(n, info) {
				edits = append(edits, jit.Edit{At: offset(n.Sel.Pos()), Cut: len(n.Sel.Name), Text: unexportedPrefix + n.Sel.Name})
			}
		case *ast.CompositeLit:
			if t := info.TypeOf(n); !method && t != nil && (s.hasUnexportedFields(t) || isPointerTo(t, s.hasUnexportedFields)) {
				why = "it makes a " + types.TypeString(t, func(*types.Package) string { return "" }) + ", whose unexported fields only its methods can reach"
				return false
			}
		case *ast.Ident:
			obj := info.Uses[n]
			if obj == nil {
				return true
			}
			switch obj := obj.(type) {
			case *types.PkgName:
				path := obj.Imported().Path()
				if !s.nativeImportable(path) {
					why = fmt.Sprintf("it uses package %s, which compiled code cannot import", path)
					return false
				}
				imports[n.Name] = path
			case *types.TypeName:
				if _, isParam := obj.Type().(*types.TypeParam); isParam {
					return true
				}
				if it, ok := obj.Type().Underlying().(*types.Interface); ok && obj.Pkg() == session && !it.IsMethodSet() && !s.compiledType(obj.Name()) {
					// A constraint, which is never compiled: written out.
					edits = append(edits, jit.Edit{At: offset(n.Pos()), Cut: len(n.Name),
						Text: types.TypeString(it, sessionUnqualified(session, aliasing(imports)))})
					return true
				}
				if obj.Pkg() == session {
					if !s.compiledType(obj.Name()) {
						why = "it uses type " + obj.Name() + ", declared in a cell and interpreted"
						return false
					}
					nf.types[obj.Name()] = true
				}
			case *types.Func:
				if checker.SessionObject(obj) {
					calls[obj.Name()] = true
				}
				if why = kernelServed(obj); why != "" {
					return false
				}
			case *types.Const:
				if !checker.SessionObject(obj) {
					return true
				}
				lit, ok := constantText(obj, session, imports, s.compiledType)
				if !ok {
					why = "it uses constant " + obj.Name() + ", whose type is declared in a cell and interpreted"
					return false
				}
				for _, name := range sessionTypes(obj.Type(), session) {
					nf.types[name] = true
				}
				edits = append(edits, jit.Edit{At: offset(n.Pos()), Cut: len(n.Name), Text: lit})
			case *types.Var:
				if obj.Pkg() != nil && obj.Pkg().Path() == "os" && obj.Name() == "Stdin" {
					why = "it reads standard input, which the notebook serves to interpreted code only"
					return false
				}
				if !checker.SessionObject(obj) {
					return true
				}
				if !shareable(obj.Type(), session, s.compiledType) {
					why = fmt.Sprintf("it uses variable %s of type %s, which compiled code cannot share with the interpreter", obj.Name(), obj.Type())
					return false
				}
				for _, name := range sessionTypes(obj.Type(), session) {
					nf.types[name] = true
				}
				if _, ok := nf.vars[obj.Name()]; !ok {
					varImports := map[string]string{}
					typ := types.TypeString(obj.Type(), sessionUnqualified(session, aliasing(varImports)))
					nf.vars[obj.Name()] = jit.Var{Name: obj.Name(), Type: typ, Imports: varImports}
				}
				prefix := jit.VarPrefix
				if method {
					prefix = jit.TypesVarPrefix
				}
				edits = append(edits, jit.Edit{At: offset(n.Pos()), Cut: len(n.Name), Text: "(*" + prefix + obj.Name() + ")"})
			}
		}
		return why == ""
	})
	if why != "" {
		return nil, why
	}
	obj := info.Defs[d.Name]
	wrapper := ""
	if recursive[d.Name.Name] && obj != nil {
		inCycle := func(id *ast.Ident) bool {
			fn, ok := info.Uses[id].(*types.Func)
			return ok && checker.SessionObject(fn) && recursive[fn.Name()]
		}
		edits = append(edits, jit.GuardRecursion(d, inCycle, offset)...)
		// On the declaration's last line, so that its frame names a line
		// of the function.
		wrapper = "; " + depthWrapper(d.Name.Name, obj.Type().(*types.Signature), imports)
	}
	edits = append(edits, makeEdits(d, info, offset)...)
	text := jit.Apply(src[start:file.Offset(d.End())], edits) + wrapper
	// Only the runtime's edits use it: a variable's or constant's do not.
	if slices.ContainsFunc(edits, func(e jit.Edit) bool { return strings.Contains(e.Text, jit.RuntimeName+".") }) {
		imports[jit.RuntimeName] = jit.RuntimePackage
	}
	pos := s.interp.FileSet().Position(d.Pos())
	sig := "func"
	if obj != nil {
		sig = types.TypeString(obj.Type(), func(p *types.Package) string { return p.Name() })
	}
	nf.src = jit.Source{Name: d.Name.Name, Signature: sig, Text: text, Cell: cellOf(pos.Filename), Line: pos.Line, Col: pos.Column, Imports: imports}
	nf.calls = slices.Sorted(maps.Keys(calls))
	return nf, ""
}

// aliasing qualifies the packages a type names with aliases of their
// paths, which no cell's own import names can clash with, and records
// them in imports.
func aliasing(imports map[string]string) types.Qualifier {
	return func(p *types.Package) string {
		alias := "__gopar_" + strings.NewReplacer("/", "_", ".", "_", "-", "_").Replace(p.Path())
		imports[alias] = p.Path()
		return alias
	}
}

// depthWrapper declares name with its signature, calling the form of it
// that counts its depth, from zero.
func depthWrapper(name string, sig *types.Signature, imports map[string]string) string {
	qualify := aliasing(imports)
	var params, args []string
	for i := range sig.Params().Len() {
		arg := "__gopar_p" + strconv.Itoa(i)
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			params = append(params, arg+" ..."+types.TypeString(t.(*types.Slice).Elem(), qualify))
			arg += "..."
		} else {
			params = append(params, arg+" "+types.TypeString(t, qualify))
		}
		args = append(args, arg)
	}
	var results []string
	for i := range sig.Results().Len() {
		results = append(results, types.TypeString(sig.Results().At(i).Type(), qualify))
	}
	return jit.Wrapper(name, strings.Join(params, ", "), "("+strings.Join(results, ", ")+")", args, len(results) > 0)
}

// kernelServed says why a call of fn must stay interpreted: the kernel
// serves it to interpreted code only (ending the cell rather than the
// process, reading input from the notebook); "" when it need not.
func kernelServed(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	name := fn.Pkg().Path() + "." + fn.Name()
	switch {
	case name == "os.Exit", name == "syscall.Exit", name == "runtime.Goexit",
		fn.Pkg().Path() == "log" && strings.HasPrefix(fn.Name(), "Fatal"):
		return "it calls " + fn.Pkg().Name() + "." + fn.Name() + ", which in compiled code would end the kernel rather than the cell"
	case name == "fmt.Scan", name == "fmt.Scanln", name == "fmt.Scanf":
		return "it reads standard input, which the notebook serves to interpreted code only"
	}
	return ""
}

// nativeImportable tells whether compiled code can import path: the
// standard library, gopar's runtime, and the packages of Go modules the
// session loaded.
func (s *Session) nativeImportable(path string) bool {
	if strings.HasPrefix(path, "gopar/runtime/") || s.modulePackages[path] {
		return true
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && !strings.HasPrefix(path, "gopar/") && path != "C"
}

// sessionUnqualified writes the session's types unqualified, as the
// native program declares an alias of each compiled one, and others as q.
func sessionUnqualified(session *types.Package, q types.Qualifier) types.Qualifier {
	return func(p *types.Package) string {
		if p == session {
			return ""
		}
		return q(p)
	}
}

// shareable tells whether a variable of type t has the same layout in the
// interpreter as in compiled code: no type of a cell's but compiled ones,
// no interface, no function anywhere in it.
func shareable(t types.Type, session *types.Package, compiled func(name string) bool) bool {
	seen := map[types.Type]bool{}
	var ok func(t types.Type) bool
	ok = func(t types.Type) bool {
		if seen[t] {
			return true
		}
		seen[t] = true
		if n, isNamed := types.Unalias(t).(*types.Named); isNamed && n.Obj().Pkg() == session {
			return compiled(n.Obj().Name())
		}
		if n, isNamed := types.Unalias(t).(*types.Named); isNamed && types.IsInterface(n) {
			// error and the interfaces of compiled packages: the
			// interpreter holds such a variable as the compiled
			// interface, its own values in it through wrappers.
			return true
		}
		switch u := t.Underlying().(type) {
		case *types.Basic:
			return u.Kind() != types.UnsafePointer
		case *types.Pointer:
			return ok(u.Elem())
		case *types.Slice:
			return ok(u.Elem())
		case *types.Array:
			return ok(u.Elem())
		case *types.Map:
			return ok(u.Key()) && ok(u.Elem())
		case *types.Chan:
			return ok(u.Elem())
		case *types.Struct:
			for i := range u.NumFields() {
				if !ok(u.Field(i).Type()) {
					return false
				}
			}
			return true
		}
		return false
	}
	return ok(t)
}

// constantText writes the value of a session constant as a constant
// expression of the same type.
func constantText(c *types.Const, session *types.Package, imports map[string]string, compiled func(name string) bool) (string, bool) {
	v := c.Val()
	var lit string
	switch v.Kind() {
	case constant.Bool, constant.Int:
		lit = v.ExactString()
	case constant.String:
		lit = strconv.Quote(constant.StringVal(v))
	case constant.Float:
		num, den := constant.Num(v), constant.Denom(v)
		if num.Kind() != constant.Int || den.Kind() != constant.Int {
			return "", false
		}
		lit = "1.0*" + num.ExactString() + "/" + den.ExactString()
	default:
		return "", false
	}
	t := c.Type()
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return "(" + lit + ")", true
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() == session {
		if !compiled(n.Obj().Name()) {
			return "", false
		}
		// Declared, or aliased, where the text goes.
		return n.Obj().Name() + "(" + lit + ")", true
	}
	typ := types.TypeString(t, aliasing(imports))
	return typ + "(" + lit + ")", true
}

// handOver is the statements that call fun with d's parameters, after
// lead, and return what it returns; d's unnamed and blank parameters get
// names for it. New nodes are at position at.
func handOver(d *ast.FuncDecl, fun string, at token.Pos, lead ...ast.Expr) []ast.Stmt {
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: at, Name: name} }
	args := lead
	k := 0
	for _, field := range d.Type.Params.List {
		if len(field.Names) == 0 {
			field.Names = []*ast.Ident{id("")}
		}
		for i, name := range field.Names {
			if name.Name == "" || name.Name == "_" {
				field.Names[i] = id("__gopar_arg" + strconv.Itoa(k))
			}
			args = append(args, id(field.Names[i].Name))
			k++
		}
	}
	call := &ast.CallExpr{Fun: id(fun), Lparen: at, Args: args, Rparen: at}
	if n := len(d.Type.Params.List); n > 0 {
		if _, ok := d.Type.Params.List[n-1].Type.(*ast.Ellipsis); ok {
			call.Ellipsis = at
		}
	}
	if d.Type.Results == nil || len(d.Type.Results.List) == 0 {
		return []ast.Stmt{&ast.ExprStmt{X: call}, &ast.ReturnStmt{Return: at}}
	}
	return []ast.Stmt{&ast.ReturnStmt{Return: at, Results: []ast.Expr{call}}}
}

// nativeSlotPrefix begins the names of the variables that hold native
// functions for their interpreted trampolines.
const nativeSlotPrefix = "__gopar_native_"

// addTrampoline makes d hand its calls to the function in slot once it
// is set, and declares slot in f.
func addTrampoline(f *ast.File, d *ast.FuncDecl, slot string) {
	// The new nodes take the position of the body's brace: the
	// interpreter names a panic's frames by the position of a function's
	// first statement.
	at := d.Body.Lbrace
	id := func(name string) *ast.Ident { return &ast.Ident{NamePos: at, Name: name} }
	hand := handOver(d, slot, at)
	check := &ast.IfStmt{
		If:   at,
		Cond: &ast.BinaryExpr{X: id(slot), OpPos: at, Op: token.NEQ, Y: id("nil")},
		Body: &ast.BlockStmt{Lbrace: at, List: hand, Rbrace: at},
	}
	d.Body.List = append([]ast.Stmt{check}, d.Body.List...)
	// The slot's type leaves out the parameters' names: the interpreter
	// takes a name in a global declaration's type for a use of the
	// session's variable of that name.
	unnamed := func(l *ast.FieldList) *ast.FieldList {
		if l == nil {
			return nil
		}
		out := &ast.FieldList{}
		for _, field := range l.List {
			for range max(1, len(field.Names)) {
				out.List = append(out.List, &ast.Field{Type: field.Type})
			}
		}
		return out
	}
	typ := &ast.FuncType{Func: d.Type.Func, Params: unnamed(d.Type.Params), Results: unnamed(d.Type.Results)}
	f.Decls = append(f.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(slot)}, Type: typ},
	}})
}

// commitNative records what a cell that ran declared: its native
// functions join the program, names it declared otherwise leave it, with
// the functions that call them, and a build starts.
func (s *Session) commitNative(ctx context.Context, plan *nativePlan) {
	if plan == nil {
		return
	}
	n := &s.native
	if n.funcs == nil {
		n.funcs = map[string]*nativeFunc{}
	}
	if n.status == nil {
		n.status = map[string]string{}
	}
	planned := map[string]*nativeFunc{}
	for _, nf := range plan.funcs {
		planned[nf.src.Name] = nf
	}
	for _, name := range plan.declared {
		if why, ok := plan.reasons[name]; ok {
			n.note(name, why)
		} else if planned[name] != nil {
			n.note(name, "")
		}
	}
	// A native function declared again with its signature is replaced in
	// the program: its callers, native or not, reach the new one. Any other
	// name declared again leaves the program, with the functions that call
	// it, transitively.
	changed := false
	gone := map[string]bool{}
	for _, name := range plan.declared {
		if old := n.funcs[name]; old != nil && (planned[name] == nil || planned[name].src.Signature != old.src.Signature) {
			gone[name] = true
		}
	}
	for len(gone) > 0 {
		next := map[string]bool{}
		for name := range gone {
			if old := n.funcs[name]; old != nil {
				s.unbindNative(ctx, old)
				delete(n.funcs, name)
				changed = true
			}
			for other, nf := range n.funcs {
				if slices.Contains(nf.calls, name) && planned[other] == nil {
					n.note(other, "it calls "+name+", which was declared again with another signature or runs interpreted: run its cell again")
					next[other] = true
				}
			}
		}
		gone = next
	}
	for _, nf := range plan.funcs {
		if old := n.funcs[nf.src.Name]; old != nil {
			nf.slots = append(nf.slots, old.slots...)
		}
		nf.slots = append(nf.slots, nf.slot)
		n.funcs[nf.src.Name] = nf
		changed = true
	}
	if changed && len(n.funcs) > 0 {
		s.startNativeBuild()
	}
}

func (n *native) note(name, why string) {
	if n.status == nil {
		n.status = map[string]string{}
	}
	if _, ok := n.status[name]; !ok {
		n.order = append(n.order, name)
	}
	n.status[name] = why
}

// startNativeBuild builds the program as it is now, in the background.
func (s *Session) startNativeBuild() {
	n := &s.native
	b := &nativeBuild{done: make(chan struct{}), funcs: map[string]*nativeFunc{}}
	var prog jit.Program
	vars := map[string]jit.Var{}
	for _, name := range slices.Sorted(maps.Keys(n.funcs)) {
		nf := n.funcs[name]
		b.funcs[name] = nf
		prog.Funcs = append(prog.Funcs, nf.src)
		for vn, v := range nf.vars {
			vars[vn] = v
		}
	}
	for _, vn := range slices.Sorted(maps.Keys(vars)) {
		prog.Vars = append(prog.Vars, vars[vn])
	}
	prog.Types = n.typeRefs(func(name string) bool {
		return slices.ContainsFunc(prog.Funcs, func(src jit.Source) bool { return b.funcs[src.Name].types[name] })
	})
	b.prog = prog
	n.build = b
	// One build at a time: a build asked for while one runs waits its turn,
	// and is replaced by any asked for after it (each holds the whole
	// program), so that Run All over ten function cells builds twice, not
	// ten times at once.
	n.queue.Lock()
	defer n.queue.Unlock()
	if n.building {
		n.queued = b
		return
	}
	n.building = true
	go n.runBuilds(b)
}

// runBuilds runs b, then whatever build was queued meanwhile.
func (n *native) runBuilds(b *nativeBuild) {
	for b != nil {
		b.res, b.err = n.compiler.Build(context.Background(), b.prog)
		close(b.done)
		n.queue.Lock()
		b, n.queued = n.queued, nil
		if b == nil {
			n.building = false
		}
		n.queue.Unlock()
	}
}

// settleNative binds the native code of a finished build, and first waits
// for a running one when code names one of its functions. It runs before
// each cell, when no cell runs.
func (s *Session) settleNative(ctx context.Context, code string) {
	if b := s.native.build; b != nil {
		select {
		case <-b.done:
		default:
			if !mentions(code, func(name string) bool { return b.funcs[name] != nil }) {
				s.repointNative(ctx, s.native.redeclared)
				return
			}
		}
		s.awaitNative(ctx)
		return
	}
	s.repointNative(ctx, s.native.redeclared)
}

// awaitNative waits for the running build, or ctx, and binds it.
func (s *Session) awaitNative(ctx context.Context) {
	n := &s.native
	b := n.build
	if b == nil {
		return
	}
	select {
	case <-b.done:
	case <-ctx.Done():
		return
	}
	n.build = nil
	s.applyNative(ctx, b)
}

// redeclare notes the names a cell declared: the variables among them
// that native code holds get their new address before the next cell.
func (n *native) redeclare(names []string) {
	for _, name := range names {
		if _, ok := n.pointers[name]; ok || len(n.typePointers[name]) > 0 {
			if n.redeclared == nil {
				n.redeclared = map[string]bool{}
			}
			n.redeclared[name] = true
		}
	}
}

// mentions tells whether code has an identifier among names.
func mentions(code string, has func(name string) bool) bool {
	var sc scanner.Scanner
	fset := token.NewFileSet()
	sc.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, 0)
	for {
		_, tok, lit := sc.Scan()
		switch tok {
		case token.EOF:
			return false
		case token.IDENT:
			if has(lit) {
				return true
			}
		}
	}
}

// applyNative binds the functions of a finished build.
func (s *Session) applyNative(ctx context.Context, b *nativeBuild) {
	n := &s.native
	if b.err != nil {
		why := "the build failed: " + headline(b.err.Error())
		for name := range b.funcs {
			if n.funcs[name] == b.funcs[name] {
				n.note(name, why)
			}
		}
		return
	}
	n.pointers = b.res.Pointers
	failed := s.repointNative(ctx, nil)
	for _, f := range b.res.Funcs {
		nf := b.funcs[f.Name]
		if nf == nil || n.funcs[f.Name] != nf {
			continue // declared again since
		}
		if why := failed[f.Name]; why != "" {
			n.note(f.Name, why)
			continue
		}
		var err error
		for _, slot := range nf.slots {
			if err = s.assign(ctx, slot, f.Value); err != nil {
				break
			}
		}
		if err != nil {
			n.note(f.Name, "binding it failed: "+headline(err.Error()))
			continue
		}
		nf.bound = true
	}
}

// repointNative points the program's variables among names (all when
// names is nil) at the session's, which a cell may have declared again
// since; a function whose variable changed its type goes back to the
// interpreter. It returns those functions with why.
func (s *Session) repointNative(ctx context.Context, names map[string]bool) map[string]string {
	n := &s.native
	failed := map[string]string{}
	if names != nil && len(names) == 0 {
		return failed
	}
	n.redeclared = nil
	for name, ptrs := range n.typePointers {
		if names != nil && !names[name] {
			continue
		}
		for _, ptr := range ptrs {
			if err := s.pointAt(ctx, name, ptr); err != nil {
				// A method cannot go back to the interpreter: it keeps
				// the variable it had.
				s.panics.printf("gopar: %v; the methods that use it keep its earlier value: run their type's cell again\n", err)
			}
		}
	}
	for name, ptr := range n.pointers {
		if names != nil && !names[name] {
			continue
		}
		err := s.pointAt(ctx, name, ptr)
		if err == nil {
			continue
		}
		why := err.Error() + ": run the function's cell again"
		for fn, nf := range n.funcs {
			if _, ok := nf.vars[name]; ok {
				failed[fn] = why
				if nf.bound {
					s.unbindNative(ctx, nf)
					n.note(fn, why)
				}
			}
		}
	}
	return failed
}

// pointAt points ptr, a compiled **T, at the session's variable name. A
// type the interpreter made by reflect ([4]string, before any plugin held
// one) is another run-time type than the plugin's of the same text and
// layout: the variable's address is taken as the plugin's.
func (s *Session) pointAt(ctx context.Context, name string, ptr reflect.Value) error {
	v, err := s.eval(ctx, "&"+name)
	want := ptr.Type().Elem()
	switch {
	case err != nil:
		return fmt.Errorf("variable %s is gone", name)
	case !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil():
		return fmt.Errorf("variable %s changed its type", name)
	case v.Type() != want:
		got := v.Type().Elem()
		if got.String() != want.Elem().String() || got.Size() != want.Elem().Size() || got.Kind() != want.Elem().Kind() {
			return fmt.Errorf("variable %s changed its type", name)
		}
		v = reflect.NewAt(want.Elem(), v.UnsafePointer())
	}
	ptr.Elem().Set(v)
	return nil
}

// unbindNative sends a function's calls back to its interpreted body.
func (s *Session) unbindNative(ctx context.Context, nf *nativeFunc) {
	if !nf.bound {
		return
	}
	nf.bound = false
	for _, slot := range nf.slots {
		s.eval(ctx, slot+" = nil")
	}
}

// assign sets the interpreter's variable name to value.
func (s *Session) assign(ctx context.Context, name string, value any) error {
	val := reflect.ValueOf(value)
	if cur, err := s.eval(ctx, name); err == nil && cur.IsValid() {
		if adapted, ok := adapt(val, cur.Type()); ok {
			val = adapted
		}
	}
	v := reflect.New(val.Type()).Elem()
	v.Set(val)
	if err := s.interp.Use(map[string]map[string]reflect.Value{boundPkg + "/bound": {"Value": v.Addr()}}); err != nil {
		return err
	}
	_, err := s.eval(ctx, name+" = *__gopar_bound.Value")
	return err
}

// NativeFunc is a function cells declared, and whether it runs as native
// code.
type NativeFunc struct {
	Name, Signature string
	Native          bool
	// Why it runs interpreted, or why it is not native yet.
	Why string
}

// NativeFuncs waits for a running build (or ctx), binds it, and lists
// the functions cells declared, first declared first.
func (s *Session) NativeFuncs(ctx context.Context) []NativeFunc {
	n := &s.native
	if err := s.settleTypes(ctx); err != nil {
		s.panics.printf("gopar: %v\n", err)
	}
	s.awaitNative(ctx)
	s.repointNative(ctx, n.redeclared)
	var out []NativeFunc
	for _, name := range n.order {
		if literalInterface(name) {
			continue
		}
		f := NativeFunc{Name: name, Why: n.status[name]}
		if strings.HasPrefix(name, "type ") {
			f.Native = f.Why == ""
		}
		if nf := n.funcs[name]; nf != nil && f.Why == "" {
			f.Signature = nf.src.Signature
			f.Native = nf.bound
			if !nf.bound {
				f.Why = "its build is still running"
			}
		}
		out = append(out, f)
	}
	return out
}

// NativeOff says why no function can be native in this session, nil
// when they can.
func (s *Session) NativeOff() error {
	if s.native.compiler == nil {
		return errNativeDisabled
	}
	return s.native.off
}

var errNativeDisabled = fmt.Errorf("native code is off in this kernel (GOPAR_NATIVE=0)")

func headline(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// collapseCycles shows the frames of runaway recursion once: a run of up
// to eight frames repeated back to back is kept once, its last frame
// marked repeated.
func collapseCycles(frames []frame) []frame {
	var out []frame
	for i := 0; i < len(frames); {
		period := 0
		for p := 1; p <= 8 && i+2*p <= len(frames); p++ {
			if slices.Equal(frames[i:i+p], frames[i+p:i+2*p]) {
				period = p
				break
			}
		}
		if period == 0 {
			out = append(out, frames[i])
			i++
			continue
		}
		block := frames[i : i+period]
		j := i + period
		for j+period <= len(frames) && slices.Equal(frames[j:j+period], block) {
			j += period
		}
		out = append(out, block...)
		out[len(out)-1].repeated = true
		// The frames around the elided middle of a deep stack repeat the
		// same cycle from another start: skip them too.
		for j < len(frames) && slices.ContainsFunc(block, func(f frame) bool {
			return f.file == frames[j].file && f.fn == frames[j].fn && f.line == frames[j].line
		}) {
			j++
		}
		i = j
	}
	return out
}

func isPointerTo(t types.Type, pred func(types.Type) bool) bool {
	p, ok := t.(*types.Pointer)
	return ok && pred(p.Elem())
}

// writtenSelectors are the selectors in d that a statement writes through
// or takes the address of: the targets of assignments and ++, & operands,
// receivers of pointer methods, and the selectors those are made of.
func writtenSelectors(d *ast.FuncDecl, info *types.Info) map[*ast.SelectorExpr]bool {
	out := map[*ast.SelectorExpr]bool{}
	var mark func(e ast.Expr)
	mark = func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			out[e] = true
			mark(e.X)
		case *ast.IndexExpr:
			mark(e.X)
		case *ast.StarExpr:
			mark(e.X)
		}
	}
	ast.Inspect(d, func(n ast.Node) bool {
		for _, e := range written(n, info) {
			mark(e)
		}
		return true
	})
	return out
}
