package bag

import (
	"fmt"
	"reflect"
)

// flattenStep makes a partition of the elements of every item of p.
func flattenStep(t *task, p any, _ bool) (any, error) {
	switch xs := p.(type) {
	case [][]string:
		return flattenOf(t, xs)
	case [][]int:
		return flattenOf(t, xs)
	case [][]float64:
		return flattenOf(t, xs)
	case [][]any:
		return flattenOf(t, xs)
	}
	v := reflect.ValueOf(p)
	switch v.Type().Elem().Kind() {
	case reflect.Slice, reflect.Array:
		out := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem().Elem()), 0, v.Len())
		for i := range v.Len() {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			out = appendElems(out, v.Index(i))
		}
		return out.Interface(), nil
	case reflect.Interface:
		var out []any
		for i := range v.Len() {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			x := v.Index(i).Elem()
			if k := x.Kind(); k != reflect.Slice && k != reflect.Array {
				return nil, t.itemError(i, v.Index(i).Interface(), fmt.Errorf("not a slice: Flatten needs items that are slices"))
			}
			for j := range x.Len() {
				out = append(out, x.Index(j).Interface())
			}
		}
		if out == nil {
			out = []any{}
		}
		return out, nil
	}
	return nil, fmt.Errorf("bag: Flatten: the items are %s, not slices: Flatten needs items that are slices, as Map(strings.Fields) makes", v.Type().Elem())
}

func flattenOf[T any](t *task, xss [][]T) ([]T, error) {
	n := 0
	for _, xs := range xss {
		n += len(xs)
	}
	out := make([]T, 0, n)
	for i, xs := range xss {
		if i&(stopEvery-1) == 0 && t.stopped() {
			return nil, errStopped
		}
		out = append(out, xs...)
	}
	return out, nil
}

// appendElems appends the elements of the slice or array x to out.
func appendElems(out, x reflect.Value) reflect.Value {
	if x.Kind() == reflect.Slice {
		return reflect.AppendSlice(out, x)
	}
	for j := range x.Len() {
		out = reflect.Append(out, x.Index(j))
	}
	return out
}
