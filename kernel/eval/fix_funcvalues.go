package eval

import (
	"go/ast"
	"go/types"
)

// nativeFuncValue rewrites a native function used as a value (passed to
// bag.Map, delayed.Call, stored in a variable) to the slot that holds the
// compiled function. Compiled code then gets the function itself, with
// its name and at compiled speed, rather than the interpreter's
// trampoline wrapped by reflect. Calls keep the trampoline, which already
// hands over to the slot.
func (s *Session) nativeFuncValue(id *ast.Ident, parent ast.Node, file *ast.File, info *types.Info) (ast.Expr, bool) {
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Parent() != fn.Pkg().Scope() {
		return nil, false
	}
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == id {
		return nil, false
	}
	// A function this cell declares anew is not yet in its slot.
	if fn.Pos() >= file.Pos() && fn.Pos() <= file.End() {
		return nil, false
	}
	nf := s.native.funcs[id.Name]
	if nf == nil || !nf.bound || nf.slot == "" {
		return nil, false
	}
	return &ast.Ident{Name: nf.slot, NamePos: id.Pos()}, true
}
