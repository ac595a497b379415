package bag

import (
	"fmt"
	"reflect"
)

var errorType = reflect.TypeFor[error]()

// checkFunc checks that fn is a function of one parameter and one result
// (of type result, when not nil), or of that result and an error. op and
// example (a shape that fits) word the error.
func checkFunc(op string, fn any, result reflect.Type, example string) (reflect.Value, error) {
	v := reflect.ValueOf(fn)
	bad := func(why string) error {
		return fmt.Errorf("bag: %s: want a function of one parameter and one result, such as %s; got %s", op, example, why)
	}
	switch {
	case !v.IsValid():
		return v, bad("nil")
	case v.Kind() != reflect.Func:
		return v, bad(fmt.Sprintf("%s, which is not a function", describe(fn)))
	case v.IsNil():
		return v, bad("a nil " + v.Type().String())
	}
	t := v.Type()
	if t.NumIn() != 1 || t.NumOut() < 1 || t.NumOut() > 2 || (t.NumOut() == 2 && t.Out(1) != errorType) {
		return v, bad(t.String())
	}
	if result != nil && t.Out(0) != result {
		return v, fmt.Errorf("bag: %s: the function must return %s, as %s does; got %s", op, result, example, t)
	}
	return v, nil
}

// param is the type of the one parameter of the function type t, the
// element type for a variadic one.
func param(t reflect.Type) reflect.Type {
	if t.IsVariadic() {
		return t.In(0).Elem()
	}
	return t.In(0)
}

// mapStep is the step that applies fn to every item.
func mapStep(op string, fn any) (step, error) {
	fv, err := checkFunc(op, fn, nil, "func(string) string")
	if err != nil {
		return nil, err
	}
	if fast, ok := fastMaps[fv.Type()]; ok {
		return fast(fn), nil
	}
	return mapReflect(fv), nil
}

// fastMaps make the steps of the common function types, which call the
// function directly rather than through reflect.
var fastMaps = map[reflect.Type]func(fn any) step{}

func init() {
	addMaps[int]()
	addMaps[int64]()
	addMaps[float64]()
	addMaps[string]()
	addMaps[any]()
	addMap[string, []string]()
	addMap[any, []any]()
	addMap[Pair, any]()
	addFilter[int]()
	addFilter[int64]()
	addFilter[float64]()
	addFilter[string]()
	addFilter[bool]()
	addFilter[any]()
	addFilter[Pair]()
}

func addMaps[T any]() {
	addMap[T, int]()
	addMap[T, int64]()
	addMap[T, float64]()
	addMap[T, string]()
	addMap[T, bool]()
	addMap[T, any]()
}

func addMap[T, R any]() {
	fastMaps[reflect.TypeFor[func(T) R]()] = func(fn any) step { return mapOf(fn.(func(T) R)) }
}

func addFilter[T any]() {
	fastFilters[reflect.TypeFor[func(T) bool]()] = func(fn any) step { return filterOf(fn.(func(T) bool)) }
}

func mapOf[T, R any](f func(T) R) step {
	return func(t *task, p any, owned bool) (_ any, err error) {
		xs, err := itemsAs[T](t, p)
		if err != nil {
			return nil, err
		}
		out, inPlace := any(xs).([]R)
		if !inPlace || !owned {
			out = slice[R](t, len(xs))
		}
		i := 0
		defer func() {
			if r := recover(); r != nil {
				err = t.panicked(r, i, xs[i])
			}
		}()
		for ; i < len(xs); i++ {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			out[i] = f(xs[i])
		}
		return out, nil
	}
}

func mapReflect(fv reflect.Value) step {
	ft := fv.Type()
	in, result := param(ft), reflect.SliceOf(ft.Out(0))
	return func(t *task, p any, _ bool) (_ any, err error) {
		xs, err := itemValues(t, p, in)
		if err != nil {
			return nil, err
		}
		n := xs.Len()
		out := reflect.MakeSlice(result, n, n)
		i := 0
		defer func() {
			if r := recover(); r != nil {
				err = t.panicked(r, i, xs.Index(i).Interface())
			}
		}()
		args := make([]reflect.Value, 1)
		for ; i < n; i++ {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			args[0] = xs.Index(i)
			res := fv.Call(args)
			if err := resultError(res); err != nil {
				return nil, t.itemError(i, args[0].Interface(), err)
			}
			out.Index(i).Set(res[0])
		}
		return out.Interface(), nil
	}
}

// resultError is the error result of a call, or nil.
func resultError(res []reflect.Value) error {
	if len(res) == 2 && !res[1].IsNil() {
		return res[1].Interface().(error)
	}
	return nil
}

var boolType = reflect.TypeFor[bool]()

// filterStep is the step that keeps the items for which pred is true.
func filterStep(op string, pred any) (step, error) {
	fv, err := checkFunc(op, pred, boolType, "func(string) bool")
	if err != nil {
		return nil, err
	}
	if fast, ok := fastFilters[fv.Type()]; ok {
		return fast(pred), nil
	}
	return filterReflect(fv), nil
}

var fastFilters = map[reflect.Type]func(fn any) step{}

func filterOf[T any](f func(T) bool) step {
	return func(t *task, p any, owned bool) (_ any, err error) {
		xs, err := itemsAs[T](t, p)
		if err != nil {
			return nil, err
		}
		i := 0
		defer func() {
			if r := recover(); r != nil {
				err = t.panicked(r, i, xs[i])
			}
		}()
		if _, typed := p.([]T); !typed { // keep p's own items and type
			var keep []int
			for ; i < len(xs); i++ {
				if i&(stopEvery-1) == 0 && t.stopped() {
					return nil, errStopped
				}
				if f(xs[i]) {
					keep = append(keep, i)
				}
			}
			return gather(p, keep), nil
		}
		out := xs[:0] // filtered in place: each kept item moves down or stays
		if !owned {
			out = make([]T, 0, len(xs))
		}
		for ; i < len(xs); i++ {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			if x := xs[i]; f(x) {
				out = append(out, x)
			}
		}
		return out, nil
	}
}

func filterReflect(fv reflect.Value) step {
	in := param(fv.Type())
	return func(t *task, p any, _ bool) (_ any, err error) {
		xs, err := itemValues(t, p, in)
		if err != nil {
			return nil, err
		}
		i := 0
		defer func() {
			if r := recover(); r != nil {
				err = t.panicked(r, i, xs.Index(i).Interface())
			}
		}()
		var keep []int
		args := make([]reflect.Value, 1)
		for ; i < xs.Len(); i++ {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			args[0] = xs.Index(i)
			res := fv.Call(args)
			if err := resultError(res); err != nil {
				return nil, t.itemError(i, args[0].Interface(), err)
			}
			if res[0].Bool() {
				keep = append(keep, i)
			}
		}
		return gather(p, keep), nil
	}
}
