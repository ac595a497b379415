package eval

import "reflect"

// adapt gives v as a value of type t where the two are one Go type made
// twice: once by the interpreter, with package reflect, before a plugin
// brought its own copy. The runtime unifies a plugin's types with the
// types compiled into the kernel, not with types made by reflect, so
// func(...<-chan int) <-chan int of a native function is not assignable
// to the interpreter's variable of the same type. A function is wrapped
// to convert its arguments and results; other values are converted when
// reflect allows it. It reports false when v cannot be had as a t.
func adapt(v reflect.Value, t reflect.Type) (reflect.Value, bool) {
	from := v.Type()
	switch {
	case from.AssignableTo(t):
		return v, true
	case from.String() != t.String():
		return v, false
	case from.ConvertibleTo(t):
		return v.Convert(t), true
	case from.Kind() != reflect.Func || from.NumIn() != t.NumIn() || from.NumOut() != t.NumOut() || from.IsVariadic() != t.IsVariadic():
		return v, false
	}
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		for i, a := range args {
			args[i], _ = adapt(a, from.In(i))
		}
		var out []reflect.Value
		if from.IsVariadic() {
			out = v.CallSlice(args)
		} else {
			out = v.Call(args)
		}
		for i, r := range out {
			out[i], _ = adapt(r, t.Out(i))
		}
		return out
	}), true
}
