package eval

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// Temporaries of top-level statements.
//
// The interpreter keeps every value a cell's top-level statements compute,
// named or not, in slots of its one global frame, and never reuses a slot:
// the intermediate array of `np.Arange(1_000_000_000).Sum()` would stay
// reachable for the life of the kernel, 7.5 GiB per run of the cell. Once a
// cell's top level has run, no code can read its unnamed slots again (they
// belong to statements that run once; function literals reach the cell's
// values only through names, and have frames of their own), so they are
// set to zero and what they held is garbage, as in compiled Go.
//
// yaegi exports neither the frame nor its scopes; they are read here by
// reflection, by field name. A yaegi that changes them makes
// clearTemporaries do nothing (TestTemporariesAreCollected catches that).

// frameAccess reaches the interpreter's global frame and package scope.
type frameAccess struct {
	data   *[]reflect.Value // the global frame's slots
	scopes reflect.Value    // map of package path to *scope
	roots  reflect.Value    // settable: the interpreter's list of compiled roots
	ok     bool
}

func newFrameAccess(i *interp.Interpreter) frameAccess {
	v := reflect.ValueOf(i).Elem()
	frame := v.FieldByName("frame")
	scopes := v.FieldByName("scopes")
	if !frame.IsValid() || frame.Kind() != reflect.Pointer || frame.IsNil() ||
		!scopes.IsValid() || scopes.Kind() != reflect.Map {
		return frameAccess{}
	}
	data := frame.Elem().FieldByName("data")
	if !data.IsValid() || data.Type() != reflect.TypeOf([]reflect.Value(nil)) {
		return frameAccess{}
	}
	a := frameAccess{
		data:   (*[]reflect.Value)(unsafe.Pointer(data.UnsafeAddr())),
		scopes: scopes,
		ok:     true,
	}
	if roots := v.FieldByName("roots"); roots.IsValid() && roots.Kind() == reflect.Slice {
		a.roots = reflect.NewAt(roots.Type(), unsafe.Pointer(roots.UnsafeAddr())).Elem()
	}
	return a
}

// forgetRoots empties the interpreter's list of the syntax trees it
// compiled. Only its debugger reads the list; kept, it holds every cell's
// tree for the life of the kernel (about 5 KiB a cell, 50 MiB in 10,000
// cells). What a cell declared stays reachable through the scopes.
func (a frameAccess) forgetRoots() {
	if a.roots.IsValid() {
		a.roots.SetZero()
	}
}

// namedSlots adds to named the global frame's slots that some symbol of the
// package scope sc, or of a block scope inside it sharing its frame, refers
// to.
func namedSlots(sc reflect.Value, named map[int]bool) {
	if sc.Kind() != reflect.Pointer || sc.IsNil() {
		return
	}
	s := sc.Elem()
	if l := s.FieldByName("level"); !l.IsValid() || l.Int() != 0 {
		return // a function's scope: its symbols index its own frames
	}
	if sym := s.FieldByName("sym"); sym.IsValid() && sym.Kind() == reflect.Map {
		for it := sym.MapRange(); it.Next(); {
			p := it.Value()
			if p.Kind() != reflect.Pointer || p.IsNil() {
				continue
			}
			if idx := p.Elem().FieldByName("index"); idx.IsValid() && idx.Int() >= 0 {
				named[int(idx.Int())] = true
			}
		}
	}
	if child := s.FieldByName("child"); child.IsValid() && child.Kind() == reflect.Slice {
		for k := range child.Len() {
			namedSlots(child.Index(k), named)
		}
	}
}

// clearTemporaries zeroes the unnamed slots of the global frame from slot
// from on, and returns the frame's length: the next call's from.
func (a frameAccess) clearTemporaries(from int) int {
	if !a.ok || a.data == nil {
		return from
	}
	data := *a.data
	if from >= len(data) {
		return len(data)
	}
	// Every package's globals live in the one frame: a package imported
	// from source by this cell added slots too.
	named := map[int]bool{}
	for it := a.scopes.MapRange(); it.Next(); {
		namedSlots(it.Value(), named)
	}
	for k := from; k < len(data); k++ {
		v := data[k]
		if named[k] || !v.IsValid() || !v.CanSet() || !compiledMemory(v.Type()) {
			continue
		}
		v.SetZero()
	}
	return len(data)
}

// compiledMemory tells whether slots of type t are cleared: those that can
// keep memory alive and whose values the interpreter never reads through
// another slot. Values of the cell's own struct types are left alone: the
// interpreter may reach an embedded struct through the slot of the
// composite literal that made it. So the rule is narrow, and covers what
// holds large memory: pointers to, and values of, compiled named types
// (*np.Array, da graphs, plots) and slices of numbers, bools and strings.
func compiledMemory(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return t.Elem().Name() != "" && t.Elem().PkgPath() != ""
	case reflect.Slice:
		e := t.Elem()
		return e.Kind() <= reflect.Complex128 || e.Kind() == reflect.String
	case reflect.Map, reflect.Struct, reflect.Interface, reflect.Chan, reflect.Func:
		return t.Name() != "" && t.PkgPath() != ""
	}
	return false
}

// detach copies v out of the frame slot it may live in, so that clearing
// the slot leaves it intact; false if it cannot be copied.
func detach(v reflect.Value) (reflect.Value, bool) {
	if !v.IsValid() {
		return v, true
	}
	if !v.CanInterface() {
		return v, false
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c, true
}
