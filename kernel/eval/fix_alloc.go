package eval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"runtime"
	"strconv"

	"gopar/kernel/jit"
	"gopar/runtime/memguard"
	nativert "gopar/runtime/native"
)

// Allocations whose size a cell computes go through a check first
// (nativert.Len, which asks memguard), so that make([]int64, 1e11) ends
// the cell with a MemoryError instead of the kernel with Go's fatal "out
// of memory": make(T, n) becomes make(T, __gopar.Len(int(n), size, "T")),
// in interpreted cells and in native functions alike.

// sizes are the sizes of types as the compiler lays them out here.
var sizes = types.SizesFor("gc", runtime.GOARCH)

// checkedMake tells, for a call of the builtin make, which argument sets
// how much it allocates (the capacity if given, else the length), the
// size in bytes of one element, and the type made as the cell writes it.
// ok is false for other calls, and for sizes too small to matter.
func checkedMake(call *ast.CallExpr, info *types.Info) (arg ast.Expr, size int64, of string, ok bool) {
	id, isIdent := call.Fun.(*ast.Ident)
	if !isIdent || len(call.Args) < 2 {
		return nil, 0, "", false
	}
	if b, isBuiltin := info.Uses[id].(*types.Builtin); !isBuiltin || b.Name() != "make" {
		return nil, 0, "", false
	}
	t := info.TypeOf(call.Args[0])
	if t == nil {
		return nil, 0, "", false
	}
	if generic(t) {
		return nil, 0, "", false // its size is not known before it runs
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		size = sizes.Sizeof(u.Elem())
	case *types.Chan:
		size = sizes.Sizeof(u.Elem())
	case *types.Map:
		// A map's entry also costs its hash table's slot and overhead.
		size = sizes.Sizeof(u.Key()) + sizes.Sizeof(u.Elem()) + 16
	default:
		return nil, 0, "", false
	}
	arg = call.Args[len(call.Args)-1]
	if tv, known := info.Types[arg]; known && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact && n >= 0 && float64(n)*float64(max(size, 1)) < nativert.CheckFrom {
			return nil, 0, "", false // small, and known before it runs
		}
	}
	return arg, max(size, 1), types.TypeString(t, func(p *types.Package) string {
		if p == nil || p.Path() == "main" || p.Name() == "main" {
			return ""
		}
		return p.Name()
	}), true
}

// guardMake rewrites the size argument of a make call in an interpreted
// cell to pass through __gopar.Len.
func guardMake(call *ast.CallExpr, info *types.Info) {
	arg, size, of, ok := checkedMake(call, info)
	if !ok {
		return
	}
	pos := arg.Pos()
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }
	call.Args[len(call.Args)-1] = &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: id("__gopar"), Sel: id("Len")},
		Lparen: pos,
		Args: []ast.Expr{
			&ast.CallExpr{Fun: id("int"), Lparen: pos, Args: []ast.Expr{arg}, Rparen: arg.End()},
			&ast.BasicLit{ValuePos: pos, Kind: token.INT, Value: strconv.FormatInt(size, 10)},
			&ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: strconv.Quote(of)},
		},
		Rparen: arg.End(),
	}
}

// makeEdits are the edits that pass the size arguments of the make calls
// in a native function d through package native's Len. They go last
// among a function's edits: one at the same place that replaces a name
// (a session variable) must come first.
func makeEdits(d ast.Node, info *types.Info, offset func(token.Pos) int) []jit.Edit {
	var edits []jit.Edit
	ast.Inspect(d, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if arg, size, of, ok := checkedMake(call, info); ok {
			edits = append(edits,
				jit.Edit{At: offset(arg.Pos()), Text: jit.RuntimeName + ".Len(int("},
				jit.Edit{At: offset(arg.End()), Text: "), " + strconv.FormatInt(size, 10) + ", " + strconv.Quote(of) + ")"})
		}
		return true
	})
	return edits
}

// hugeValues refuses, before the cell runs, a value of an array or
// struct type whose size alone is more than the kernel can have (var a
// [1e11]int64, new([1e11]int64), [1e11]int64(s)): the interpreter would
// ask Go for it at once, and Go dies of the refusal.
func hugeValues(f *ast.File, info *types.Info) error {
	if info == nil {
		return nil
	}
	var err error
	consider := func(t types.Type) {
		if err != nil || t == nil {
			return
		}
		switch t.Underlying().(type) {
		case *types.Array, *types.Struct:
		default:
			return
		}
		if generic(t) {
			return
		}
		size := float64(sizes.Sizeof(t))
		if size < 0 {
			size = math.Inf(1)
		}
		if size < nativert.CheckFrom {
			return
		}
		what := "a value of type " + types.TypeString(t, func(*types.Package) string { return "" })
		if e := memguard.Check(what, size); e != nil {
			err = &Error{Name: "MemoryError", Value: e.Error(), Traceback: []string{"MemoryError: " + e.Error()}}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			// Variables, not fields or parameters: those are made later,
			// with the values and calls that hold them.
			if v, ok := info.Defs[n].(*types.Var); ok && (v.Kind() == types.LocalVar || v.Kind() == types.PackageVar) {
				consider(v.Type())
			}
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && len(n.Args) == 1 {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "new" {
					consider(info.TypeOf(n.Args[0]))
				}
			}
			if tv, ok := info.Types[n]; ok && tv.IsValue() {
				consider(tv.Type)
			}
		case *ast.CompositeLit:
			consider(info.TypeOf(n))
		}
		return err == nil
	})
	return err
}

// generic tells whether t involves a type parameter, whose size only an
// instantiation knows (go/types cannot size it).
func generic(t types.Type) bool {
	seen := map[types.Type]bool{}
	var walk func(t types.Type) bool
	walk = func(t types.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.TypeParam:
			return true
		case *types.Named:
			if t.TypeParams().Len() > 0 && t.TypeArgs().Len() == 0 {
				return true
			}
			for i := range t.TypeArgs().Len() {
				if walk(t.TypeArgs().At(i)) {
					return true
				}
			}
			return walk(t.Underlying())
		case *types.Alias:
			return walk(types.Unalias(t))
		case *types.Array:
			return walk(t.Elem())
		case *types.Slice:
			return walk(t.Elem())
		case *types.Pointer:
			return false // a pointer's size is known
		case *types.Chan:
			return walk(t.Elem())
		case *types.Map:
			return walk(t.Key()) || walk(t.Elem())
		case *types.Struct:
			for i := range t.NumFields() {
				if walk(t.Field(i).Type()) {
					return true
				}
			}
		}
		return false
	}
	return walk(t)
}
