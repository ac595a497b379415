package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/types"
	"hash/fnv"
	"maps"
	"reflect"
	"slices"
	"strings"

	"gopar/kernel/jit"
)

// Generic functions of the standard library called with a compiled named
// basic type: slices.Sort of a []time.Duration, slices.Max of a
// []Fahrenheit. The interpreter cannot match such a type with a
// constraint's ~float64, and refuses the call or gets it wrong; compiled
// code has no such trouble. So the kernel compiles the instance the cell
// calls,
//
//	func GoparInst_1a2b(p0 []time.Duration) { slices.Sort[[]time.Duration, time.Duration](p0) }
//
// gives it to the interpreter among its hooks, and the cell calls
// __gopar.GoparInst_1a2b(ds). An instance is built once per session, and
// its plugin is reused by later kernels.

// instancePrefix names the compiled instances among the hooks.
const instancePrefix = "GoparInst_"

// compiledInstance writes a call of a generic function of the standard
// library as a call of its compiled instance, when a type argument holds
// a compiled named basic type, and adds the instance to pending unless it
// was built before; ok is false when the call stays.
func (s *Session) compiledInstance(ctx context.Context, call *ast.CallExpr, info *types.Info, pending *[]jit.Source) (ast.Expr, bool) {
	n := &s.native
	if n.compiler == nil {
		return nil, false
	}
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	id := calleeIdent(fun)
	if id == nil {
		return nil, false
	}
	inst, ok := info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return nil, false
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil, false
	}
	session := s.checker().Package()
	// The session's generic function, as compiled code holds it.
	var generic *nativeFunc
	switch {
	case fn.Pkg() == session:
		if generic = n.generics[fn.Name()]; generic == nil || !s.checker().SessionObject(fn) {
			return nil, false
		}
	case !s.nativeImportable(fn.Pkg().Path()) || strings.HasPrefix(fn.Pkg().Path(), "gopar/"):
		return nil, false
	}
	// A module's generic function has no other way into the interpreter:
	// its plugin holds no instances.
	needed, possible := s.modulePackages[fn.Pkg().Path()], true
	for i := range inst.TypeArgs.Len() {
		walkTypes(inst.TypeArgs.At(i), func(t types.Type) {
			nt, ok := types.Unalias(t).(*types.Named)
			if !ok {
				return
			}
			if nt.Obj().Pkg() == session && !s.compiledType(nt.Obj().Name()) {
				possible = false
			}
			if _, basic := nt.Underlying().(*types.Basic); basic && nt.Obj().Pkg() != nil {
				needed = true
			}
		})
	}
	// Whether native code can be built is asked last: the first time, it
	// runs the go command.
	if !needed || !possible || !n.enabled(ctx) {
		return nil, false
	}
	imports := map[string]string{}
	q := sessionUnqualified(session, aliasing(imports))
	sig := inst.Type.(*types.Signature)
	var params, args, results []string
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		name := fmt.Sprintf("p%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			params = append(params, name+" ..."+types.TypeString(t.(*types.Slice).Elem(), q))
			args = append(args, name+"...")
			continue
		}
		params = append(params, name+" "+types.TypeString(t, q))
		args = append(args, name)
	}
	for i := range sig.Results().Len() {
		results = append(results, types.TypeString(sig.Results().At(i).Type(), q))
	}
	var typeArgs []string
	for i := range inst.TypeArgs.Len() {
		typeArgs = append(typeArgs, types.TypeString(inst.TypeArgs.At(i), q))
	}
	callee := fn.Name() + "[" + strings.Join(typeArgs, ", ") + "]"
	if generic == nil {
		callee = q(fn.Pkg()) + "." + callee
	}
	body := callee + "(" + strings.Join(args, ", ") + ")"
	if len(results) > 0 {
		body = "return " + body
	}
	result := strings.Join(results, ", ")
	if len(results) > 1 {
		result = "(" + result + ")"
	}
	key := fnv.New64a()
	fmt.Fprint(key, body, params, result)
	if generic != nil {
		fmt.Fprint(key, generic.src.Text)
	}
	name := fmt.Sprintf("%s%x", instancePrefix, key.Sum64())
	if !n.instances[name] && !slices.ContainsFunc(*pending, func(src jit.Source) bool { return src.Name == name }) {
		if generic != nil && !slices.ContainsFunc(*pending, func(src jit.Source) bool { return src.Support && src.Name == generic.src.Name }) {
			*pending = append(*pending, generic.src)
		}
		pos := s.interp.FileSet().Position(call.Pos())
		*pending = append(*pending, jit.Source{
			Name:      name,
			Signature: "func(" + strings.Join(params, ", ") + ") " + result,
			Text:      fmt.Sprintf("func %s(%s) %s { %s }", name, strings.Join(params, ", "), result, body),
			Imports:   imports,
			Cell:      cellOf(pos.Filename), Line: pos.Line, Col: pos.Column,
		})
	}
	at := call.Fun.Pos()
	return &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: &ast.Ident{Name: "__gopar", NamePos: at}, Sel: &ast.Ident{Name: name, NamePos: at}},
		Lparen: call.Lparen, Args: call.Args, Ellipsis: call.Ellipsis, Rparen: call.Rparen,
	}, true
}

// buildInstances compiles the instances of a piece, in one plugin, and
// gives them to the interpreter.
func (s *Session) buildInstances(ctx context.Context, srcs []jit.Source) error {
	n := &s.native
	vars := map[string]jit.Var{}
	for _, src := range srcs {
		if g := n.generics[src.Name]; src.Support && g != nil {
			maps.Copy(vars, g.vars)
		}
	}
	prog := jit.Program{Funcs: srcs, Types: n.typeRefs(func(t string) bool {
		for _, src := range srcs {
			if mentionsName(src.Text, t) {
				return true
			}
		}
		return false
	})}
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		prog.Vars = append(prog.Vars, vars[name])
	}
	built, err := n.compiler.Build(ctx, prog)
	if err != nil {
		return err
	}
	for name, ptr := range built.Pointers {
		if err := s.pointAt(ctx, name, ptr); err != nil {
			return err
		}
		if n.typePointers == nil {
			n.typePointers = map[string][]reflect.Value{}
		}
		n.typePointers[name] = append(n.typePointers[name], ptr)
	}
	syms := map[string]reflect.Value{}
	for _, f := range built.Funcs {
		syms[f.Name] = reflect.ValueOf(f.Value)
	}
	if err := s.interp.Use(map[string]map[string]reflect.Value{hooksPath + "/hooks": syms}); err != nil {
		return err
	}
	if n.instances == nil {
		n.instances = map[string]bool{}
	}
	for name := range syms {
		n.instances[name] = true
	}
	return nil
}

// calleeIdent is the name of the function e names, pkg.F or F.
func calleeIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// planGenerics keeps, for each generic function a piece declares, its
// source as compiled code would hold it, or forgets an earlier one of the
// name when it cannot be compiled (it calls a session function, or uses
// an interpreted type).
func (s *Session) planGenerics(ctx context.Context, f *ast.File, info *types.Info, src string, generics map[string]*ast.FuncDecl) {
	n := &s.native
	if len(generics) == 0 || !n.enabled(ctx) {
		return
	}
	file := s.interp.FileSet().File(f.Pos())
	for name, d := range generics {
		delete(n.generics, name)
		nf, why := s.nativeSource(s.checker(), file, info, d, src, nil, false)
		if why != "" || len(nf.calls) > 0 {
			continue
		}
		nf.src.Support = true
		if n.generics == nil {
			n.generics = map[string]*nativeFunc{}
		}
		n.generics[name] = nf
	}
}
