package typecheck

import (
	"go/types"
	"reflect"
	"unsafe"
)

// go/types has no way to take a name out of a scope or to replace a
// method of a named type: a Go package never needs it, a notebook whose
// cells declare names again does. Both are done here by reflection on
// go/types' own fields, which belong to the Go release the kernel is
// built with (TestInternalsReachable catches a release that renames them).

// scopeElems is the map of a scope's objects, writable.
func scopeElems(s *types.Scope) reflect.Value {
	f := reflect.ValueOf(s).Elem().FieldByName("elems")
	if !f.IsValid() || f.Kind() != reflect.Map {
		return reflect.Value{}
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// deleteName takes name out of scope.
func deleteName(s *types.Scope, name string) {
	if m := scopeElems(s); m.IsValid() && !m.IsNil() {
		m.SetMapIndex(reflect.ValueOf(name), reflect.Value{})
	}
}

// namedMethods is the list of methods declared for n, writable.
func namedMethods(n *types.Named) reflect.Value {
	f := reflect.ValueOf(n).Elem().FieldByName("methods")
	if !f.IsValid() || f.Type() != reflect.TypeFor[[]*types.Func]() {
		return reflect.Value{}
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// setMethod gives n the method fn, in place of one of the same name.
// It reports the method replaced, nil if fn was added.
func setMethod(n *types.Named, fn *types.Func) *types.Func {
	for i := 0; i < n.NumMethods(); i++ {
		if old := n.Method(i); old.Name() == fn.Name() {
			if ms := namedMethods(n); ms.IsValid() {
				ms.Index(i).Set(reflect.ValueOf(fn))
			}
			return old
		}
	}
	n.AddMethod(fn)
	return nil
}

// removeMethod takes the last method, fn, off n again.
func removeMethod(n *types.Named, fn *types.Func) {
	ms := namedMethods(n)
	if !ms.IsValid() || ms.Len() == 0 || ms.Index(ms.Len()-1).Interface() != fn {
		return
	}
	ms.Set(ms.Slice(0, ms.Len()-1))
}

func hasMethod(n *types.Named, fn *types.Func) bool {
	for i := 0; i < n.NumMethods(); i++ {
		if n.Method(i) == fn {
			return true
		}
	}
	return false
}

// receiverNamed is the named type a method is declared on, nil if fn is
// no method.
func receiverNamed(fn *types.Func) *types.Named {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return nil
	}
	n, _ := types.Unalias(derefAll(sig.Recv().Type())).(*types.Named)
	if n == nil {
		return nil
	}
	return n.Origin()
}

// setParent makes parent the parent of s: the session's scope is the
// parent of its package's.
func setParent(s, parent *types.Scope) {
	f := reflect.ValueOf(s).Elem().FieldByName("parent")
	if f.IsValid() && f.Type() == reflect.TypeFor[*types.Scope]() {
		reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(reflect.ValueOf(parent))
	}
}

// empty takes every object and child scope out of s. The package scope
// stays the same scope from cell to cell: go/types tells a package's own
// declarations by their parent scope.
func empty(s *types.Scope) {
	for _, name := range []string{"elems", "children"} {
		if f := reflect.ValueOf(s).Elem().FieldByName(name); f.IsValid() {
			reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetZero()
		}
	}
}

// journal records the methods attached to earlier cells' types for a
// cell's check, so that a cell that fails leaves them as they were.
type journal struct {
	undos []func()
}

// setMethod gives n the method fn.
func (j *journal) setMethod(n *types.Named, fn *types.Func) {
	if n == nil {
		return
	}
	old := setMethod(n, fn)
	j.undos = append(j.undos, func() {
		if old != nil {
			setMethod(n, old)
		} else {
			removeMethod(n, fn)
		}
	})
}

// undo reverts the changes, newest first, and forgets them.
func (j *journal) undo() {
	for i := len(j.undos) - 1; i >= 0; i-- {
		j.undos[i]()
	}
	j.undos = nil
}
