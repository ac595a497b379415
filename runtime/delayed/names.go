package delayed

import (
	"fmt"
	"reflect"

	"gopar/runtime/internal/funcname"
)

// knownName is the task's name when it has one: given by Named, or the
// function's own.
func (d *Delayed) knownName() string {
	switch {
	case d.name != "":
		return d.name
	case d.kind == kindGather:
		return "gather"
	case d.kind == kindValue:
		if d.value == nil {
			return "nil"
		}
		return reflect.TypeOf(d.value).String()
	case d.fn.IsValid() && d.fn.Kind() == reflect.Func && !d.fn.IsNil():
		return funcname.Of(d.fn)
	}
	return ""
}

// title names the task in graphs and messages: its name, else its
// function's type ("func(int, int) int").
func (d *Delayed) title() string {
	if n := d.knownName(); n != "" {
		return n
	}
	if d.fn.IsValid() {
		return d.fn.Type().String()
	}
	return "func"
}

// Key is the promise's name, unique in the process, as dask's keys:
// the task's name and a token, "add-5be6a8c3e4f20d91". A task of an
// unnamed function is called "func" there.
func (d *Delayed) Key() string {
	if d == nil {
		return "<nil>"
	}
	name := d.knownName()
	if name == "" {
		name = "func"
	}
	return fmt.Sprintf("%s-%016x", name, token(d.seq))
}

// token scrambles a sequence number (a bijection, so tokens stay unique)
// so that keys look as dask's do, not as a counter.
func token(seq uint64) uint64 {
	z := seq + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
