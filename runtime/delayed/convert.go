package delayed

import (
	"fmt"
	"reflect"
)

// convert makes v a value of type t to pass as an argument: v itself when
// assignable; a number converted when its value stays the same (floats
// may round); a slice converted element by element; a value of another
// type of the same kind when Go converts it (a named type). A cell gives
// untyped constants their default types (1 is an int, 2.5 a float64), so
// without numbers converting, delayed.Call(math.Sqrt, 2) would fail.
func convert(v any, t reflect.Type) (reflect.Value, error) {
	if v == nil {
		return zeroOf(t)
	}
	return convertValue(reflect.ValueOf(v), t)
}

func zeroOf(t reflect.Type) (reflect.Value, error) {
	switch t.Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return reflect.Zero(t), nil
	}
	return reflect.Value{}, fmt.Errorf("cannot use nil as %s", t)
}

func convertValue(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if v.Kind() == reflect.Interface { // an element of a []any
		if v.IsNil() {
			return zeroOf(t)
		}
		v = v.Elem()
	}
	from := v.Type()
	if from == t || from.AssignableTo(t) {
		return v, nil
	}
	fk, tk := from.Kind(), t.Kind()
	switch {
	case isNumber(fk) && isNumber(tk):
		return convertNumber(v, t)
	case fk == reflect.Slice && tk == reflect.Slice:
		return convertSlice(v, t)
	case fk == tk && from.ConvertibleTo(t):
		return v.Convert(t), nil
	}
	if tk == reflect.Interface {
		return reflect.Value{}, fmt.Errorf("cannot use %s (%s) as %s: it does not implement it", short(v), from, t)
	}
	return reflect.Value{}, fmt.Errorf("cannot use %s (%s) as %s", short(v), from, t)
}

func convertNumber(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	out := v.Convert(t)
	if isFloat(v.Kind()) && isFloat(t.Kind()) {
		return out, nil
	}
	back := out.Convert(v.Type())
	if back.Interface() != v.Interface() || isInt(v.Kind()) && isUint(t.Kind()) && v.Int() < 0 ||
		isUint(v.Kind()) && isInt(t.Kind()) && out.Int() < 0 {
		return reflect.Value{}, fmt.Errorf("cannot use %v (%s) as %s: the value does not fit", short(v), v.Type(), t)
	}
	return out, nil
}

func convertSlice(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if v.IsNil() {
		return reflect.Zero(t), nil
	}
	n := v.Len()
	out := reflect.MakeSlice(t, n, n)
	et := t.Elem()
	for i := range n {
		e, err := convertValue(v.Index(i), et)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("element %d of %s: %w", i, v.Type(), err)
		}
		out.Index(i).Set(e)
	}
	return out, nil
}

// convertible tells whether convert may turn values of type from into
// type to: always when from is an interface, whose values are not known
// yet.
func convertible(from, to reflect.Type) bool {
	fk, tk := from.Kind(), to.Kind()
	switch {
	case fk == reflect.Interface, from.AssignableTo(to):
		return true
	case isNumber(fk) && isNumber(tk):
		return true
	case fk == reflect.Slice && tk == reflect.Slice:
		return convertible(from.Elem(), to.Elem())
	}
	return fk == tk && from.ConvertibleTo(to)
}

func isNumber(k reflect.Kind) bool {
	return reflect.Int <= k && k <= reflect.Float64 && k != reflect.Uintptr
}

func isInt(k reflect.Kind) bool  { return reflect.Int <= k && k <= reflect.Int64 }
func isUint(k reflect.Kind) bool { return reflect.Uint <= k && k <= reflect.Uint64 }

func isFloat(k reflect.Kind) bool { return k == reflect.Float32 || k == reflect.Float64 }

// short is v formatted for a message, cut to a readable length.
func short(v reflect.Value) string {
	var s string
	if v.Kind() == reflect.String {
		s = fmt.Sprintf("%q", v.String())
	} else {
		s = fmt.Sprintf("%v", v)
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	return s
}
