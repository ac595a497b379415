package delayed

import (
	"fmt"
	"reflect"
	"sync/atomic"
)

// Delayed is a promise of a value: a function applied to arguments (some
// of them promises), a value, or a gather of promises. A promise does not
// keep its value: each computation computes it again.
type Delayed struct {
	seq  uint64 // makes the key unique
	kind kind
	// name is the task's name; "" takes it from fn.
	name string
	fn   reflect.Value
	sig  *signature
	// args are a call's arguments, or a gather's items; in argBuf when
	// they are few, which saves an allocation per task.
	args   []arg
	argBuf [2]arg
	value  any // of a value
	// err is what is wrong with the call; computing the promise, or any
	// that needs it, returns it.
	err error
	// planned is the last plan that numbered the node, index its number
	// there (see plan).
	planned uint64
	index   int32
}

type kind uint8

const (
	kindCall kind = iota
	kindGather
	kindValue
)

// arg is an argument: a promise, or a value (for a call, converted to its
// parameter's type already).
type arg struct {
	val reflect.Value
	dep *Delayed
}

// Function is a function made lazy by [Func] or [Named]: calling it
// returns a promise of the function's result.
type Function func(args ...any) *Delayed

var sequence atomic.Uint64

func newNode(k kind) *Delayed { return &Delayed{seq: sequence.Add(1), kind: k} }

// Call returns a promise of fn applied to args: fn(args...) run when the
// promise is computed. fn may be any function; an argument that is a
// *Delayed stands for its result. A mistake (fn not a function, a wrong
// number or type of arguments) is kept in the promise and returned by
// Compute.
func Call(fn any, args ...any) *Delayed {
	switch f := fn.(type) {
	case Function:
		if f != nil {
			return f(args...)
		}
	case func(...any) *Delayed:
		if f != nil {
			return f(args...)
		}
	}
	return call("", reflect.ValueOf(fn), nil, args)
}

// Func makes fn lazy, as Python's @delayed decorator does: the returned
// function takes fn's arguments (or promises of them) and returns a
// promise of fn's result.
//
//	add := delayed.Func(addInts)
//	x := add(1, 2) // a *Delayed; nothing has run
func Func(fn any) Function { return Named("", fn) }

// Named is [Func] with the name its tasks show in the graph, the
// promises' keys and errors. A function declared in a notebook cell
// reaches the package without its name; Named gives it one:
//
//	add := delayed.Named("add", addInts)
func Named(name string, fn any) Function {
	if f, ok := fn.(Function); ok && f != nil {
		return rename(f, name)
	}
	if f, ok := fn.(func(...any) *Delayed); ok && f != nil {
		return rename(f, name)
	}
	fv := reflect.ValueOf(fn)
	sig, _ := signatureOf(fv) // if fn is no function, each call says so
	return func(args ...any) *Delayed { return call(name, fv, sig, args) }
}

// rename names the tasks that f makes.
func rename(f Function, name string) Function {
	if name == "" {
		return f
	}
	return func(args ...any) *Delayed {
		d := f(args...)
		if d != nil && d.kind == kindCall {
			d.name = name
		}
		return d
	}
}

// Value returns a promise of v, which tasks can take as an argument. A
// *Delayed is returned as it is.
func Value(v any) *Delayed {
	if d, ok := v.(*Delayed); ok && d != nil {
		return d
	}
	d := newNode(kindValue)
	d.value = v
	return d
}

// Gather returns a promise of the slice ([]any) of the results of ds, in
// order: a slice of promises made a promise of a slice.
func Gather(ds ...*Delayed) *Delayed {
	g := newNode(kindGather)
	g.args = make([]arg, len(ds))
	for i, d := range ds {
		if d == nil {
			g.err = fmt.Errorf("delayed: Gather: promise %d of %d is a nil *delayed.Delayed: make promises with delayed.Call, Func or Value", i+1, len(ds))
			continue
		}
		g.args[i].dep = d
	}
	return g
}

// gatherItems is Gather of a slice that holds promises among other values.
func gatherItems(items []any) *Delayed {
	g := newNode(kindGather)
	g.args = make([]arg, len(items))
	for i, it := range items {
		if d, ok := it.(*Delayed); ok {
			if d == nil {
				g.err = fmt.Errorf("delayed: item %d of %d is a nil *delayed.Delayed", i+1, len(items))
			}
			g.args[i].dep = d
			continue
		}
		if it != nil {
			g.args[i].val = reflect.ValueOf(it)
		}
	}
	return g
}

// call makes the promise of fv applied to args; sig is fv's signature
// when known already.
func call(name string, fv reflect.Value, sig *signature, args []any) *Delayed {
	d := newNode(kindCall)
	d.name, d.fn, d.sig = name, fv, sig
	if d.sig == nil {
		var err error
		if d.sig, err = signatureOf(fv); err != nil {
			d.fn, d.err = reflect.Value{}, err
			return d
		}
	}
	if err := d.sig.checkCount(len(args)); err != nil {
		d.err = fmt.Errorf("delayed: %s %w", d.title(), err)
		return d
	}
	d.args = d.argBuf[:0]
	if len(args) > len(d.argBuf) {
		d.args = make([]arg, 0, len(args))
	}
	d.args = d.args[:len(args)]
	for i, a := range args {
		if err := d.setArg(i, a); err != nil {
			d.err = fmt.Errorf("delayed: argument %d of %s: %w", i+1, d.title(), err)
			return d
		}
	}
	return d
}

// setArg sets argument i to a: a promise, a slice of promises (gathered),
// or a value converted to the parameter's type.
func (d *Delayed) setArg(i int, a any) error {
	pt := d.sig.param(i)
	switch x := a.(type) {
	case *Delayed:
		if x == nil {
			return fmt.Errorf("a nil *delayed.Delayed: make promises with delayed.Call, Func or Value")
		}
		if t := x.resultType(); t != nil && !convertible(t, pt) {
			return fmt.Errorf("the promise %s gives %s, which cannot be used as %s", x.Key(), t, pt)
		}
		d.args[i].dep = x
		return nil
	case []*Delayed:
		if !reflect.TypeOf(x).AssignableTo(pt) {
			items := make([]any, len(x))
			for k, p := range x {
				items[k] = p
			}
			d.args[i].dep = gatherItems(items)
			return nil
		}
	case []any:
		for _, it := range x {
			if _, ok := it.(*Delayed); ok {
				d.args[i].dep = gatherItems(x)
				return nil
			}
		}
	}
	v, err := convert(a, pt)
	if err != nil {
		return err
	}
	d.args[i].val = v
	return nil
}

// resultType is the type of the promise's value when known before
// computing it, else nil.
func (d *Delayed) resultType() reflect.Type {
	switch d.kind {
	case kindGather:
		return anySliceType
	case kindValue:
		return reflect.TypeOf(d.value)
	}
	if d.sig == nil {
		return nil
	}
	return d.sig.result
}

var anySliceType = reflect.TypeFor[[]any]()
