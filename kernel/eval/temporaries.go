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
	// named are the slots some symbol refers to so far: slots are never
	// reused, so a slot once named stays named. children counts, by
	// scope, the child scopes already looked at: a cell's scopes are
	// complete once it has run, so each is read once, and a long session
	// does not make every cell slower.
	named    map[int]bool
	children map[uintptr]int
	// Field indices of yaegi's scope and symbol structs.
	level, sym, child, index int
}

func newFrameAccess(i *interp.Interpreter) *frameAccess {
	v := reflect.ValueOf(i).Elem()
	frame := v.FieldByName("frame")
	scopes := v.FieldByName("scopes")
	if !frame.IsValid() || frame.Kind() != reflect.Pointer || frame.IsNil() ||
		!scopes.IsValid() || scopes.Kind() != reflect.Map || scopes.Type().Elem().Kind() != reflect.Pointer {
		return &frameAccess{}
	}
	data := frame.Elem().FieldByName("data")
	if !data.IsValid() || data.Type() != reflect.TypeOf([]reflect.Value(nil)) {
		return &frameAccess{}
	}
	a := &frameAccess{
		data:     (*[]reflect.Value)(unsafe.Pointer(data.UnsafeAddr())),
		scopes:   scopes,
		named:    map[int]bool{},
		children: map[uintptr]int{},
	}
	scope := scopes.Type().Elem().Elem()
	level, ok1 := scope.FieldByName("level")
	sym, ok2 := scope.FieldByName("sym")
	child, ok3 := scope.FieldByName("child")
	if !ok1 || !ok2 || !ok3 || level.Type.Kind() != reflect.Int || sym.Type.Kind() != reflect.Map ||
		sym.Type.Elem().Kind() != reflect.Pointer || child.Type.Kind() != reflect.Slice || child.Type.Elem() != scopes.Type().Elem() {
		return &frameAccess{}
	}
	index, ok := sym.Type.Elem().Elem().FieldByName("index")
	if !ok || index.Type.Kind() != reflect.Int {
		return &frameAccess{}
	}
	a.level, a.sym, a.child, a.index = level.Index[0], sym.Index[0], child.Index[0], index.Index[0]
	a.ok = true
	if roots := v.FieldByName("roots"); roots.IsValid() && roots.Kind() == reflect.Slice {
		a.roots = reflect.NewAt(roots.Type(), unsafe.Pointer(roots.UnsafeAddr())).Elem()
	}
	return a
}

// forgetRoots empties the interpreter's list of the syntax trees it
// compiled. Only its debugger reads the list; kept, it holds every cell's
// tree for the life of the kernel (about 5 KiB a cell, 50 MiB in 10,000
// cells). What a cell declared stays reachable through the scopes.
func (a *frameAccess) forgetRoots() {
	if a.roots.IsValid() {
		a.roots.SetZero()
	}
}

// addNamed adds to a.named the global frame's slots that some symbol of
// the scope sc refers to, and goes on into the child scopes sharing its
// frame that it has not seen before. Package scopes (top) are read again
// each time: later cells add to them.
func (a *frameAccess) addNamed(sc reflect.Value, top bool) {
	if sc.IsNil() {
		return
	}
	s := sc.Elem()
	if s.Field(a.level).Int() != 0 {
		return // a function's scope: its symbols index its own frames
	}
	seen, known := a.children[sc.Pointer()]
	if top || !known {
		for it := s.Field(a.sym).MapRange(); it.Next(); {
			if p := it.Value(); !p.IsNil() {
				if idx := p.Elem().Field(a.index).Int(); idx >= 0 {
					a.named[int(idx)] = true
				}
			}
		}
	}
	child := s.Field(a.child)
	for k := seen; k < child.Len(); k++ {
		a.addNamed(child.Index(k), false)
	}
	a.children[sc.Pointer()] = child.Len()
}

// skipTemporaries returns the frame's length, to be the next from of
// clearTemporaries, without clearing anything.
func (a *frameAccess) skipTemporaries(from int) int {
	if !a.ok || a.data == nil {
		return from
	}
	return len(*a.data)
}

// clearTemporaries zeroes the unnamed slots of the global frame from slot
// from on, and returns the frame's length: the next call's from.
func (a *frameAccess) clearTemporaries(from int) int {
	if !a.ok || a.data == nil {
		return from
	}
	data := *a.data
	if from >= len(data) {
		return len(data)
	}
	// Every package's globals live in the one frame: a package imported
	// from source by this cell added slots too.
	for it := a.scopes.MapRange(); it.Next(); {
		a.addNamed(it.Value(), true)
	}
	for k := from; k < len(data); k++ {
		v := data[k]
		if a.named[k] || !v.IsValid() || !v.CanSet() || !compiledMemory(v.Type()) {
			continue
		}
		v.SetZero()
	}
	return len(data)
}

// compiledMemory tells whether slots of type t are cleared: those that can
// keep memory alive and whose values the interpreter never reads through
// another slot. Struct values are left alone, of compiled types too: the
// slot of a composite literal is what &T{...} points at, and the
// interpreter may reach an embedded struct through it. So the rule is
// narrow, and covers what holds large memory: pointers to compiled named
// types (*np.Array, da graphs, plots), values of their named maps,
// interfaces and functions, and slices of numbers, bools and strings.
func compiledMemory(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return t.Elem().Name() != "" && t.Elem().PkgPath() != ""
	case reflect.Slice:
		e := t.Elem()
		return e.Kind() <= reflect.Complex128 || e.Kind() == reflect.String
	case reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
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

// forgetImport takes the import named name out of the interpreter's main
// package scope, so that a cell may declare name itself: the runtime's
// short names must not block a user's `func measure`. It reports whether
// there was one.
func (a *frameAccess) forgetImport(name string) bool {
	if !a.ok {
		return false
	}
	sc := a.scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.IsNil() {
		return false
	}
	sym := sc.Elem().Field(a.sym)
	syms := reflect.NewAt(sym.Type(), unsafe.Pointer(sym.UnsafeAddr())).Elem()
	key := reflect.ValueOf(name + "/" + cellFile)
	if !syms.MapIndex(key).IsValid() {
		return false
	}
	syms.SetMapIndex(key, reflect.Value{})
	return true
}
