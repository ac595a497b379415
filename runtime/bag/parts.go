package bag

import (
	"fmt"
	"reflect"
)

// A partition is a slice held in an any: []int, []string, []any or a slice
// of any other type. Typed slices are kept typed from operation to
// operation, so that the common functions run over them without boxing
// each item.

// partLen is the number of items of partition p.
func partLen(p any) int {
	switch xs := p.(type) {
	case []any:
		return len(xs)
	case []int:
		return len(xs)
	case []string:
		return len(xs)
	case []float64:
		return len(xs)
	}
	return reflect.ValueOf(p).Len()
}

// appendItems appends the items of partition p to dst.
func appendItems(dst []any, p any) []any {
	switch xs := p.(type) {
	case []any:
		return append(dst, xs...)
	case []int:
		return appendBoxed(dst, xs)
	case []string:
		return appendBoxed(dst, xs)
	case []float64:
		return appendBoxed(dst, xs)
	case []bool:
		return appendBoxed(dst, xs)
	case []Pair:
		return appendBoxed(dst, xs)
	}
	v := reflect.ValueOf(p)
	for i := range v.Len() {
		dst = append(dst, v.Index(i).Interface())
	}
	return dst
}

func appendBoxed[T any](dst []any, xs []T) []any {
	for _, x := range xs {
		dst = append(dst, x)
	}
	return dst
}

// gather is a partition of the items of p at the indices idx, of p's type.
func gather(p any, idx []int) any {
	switch xs := p.(type) {
	case []any:
		return gatherOf(xs, idx)
	case []int:
		return gatherOf(xs, idx)
	case []string:
		return gatherOf(xs, idx)
	case []float64:
		return gatherOf(xs, idx)
	case []Pair:
		return gatherOf(xs, idx)
	}
	v := reflect.ValueOf(p)
	out := reflect.MakeSlice(v.Type(), len(idx), len(idx))
	for j, i := range idx {
		out.Index(j).Set(v.Index(i))
	}
	return out.Interface()
}

func gatherOf[T any](xs []T, idx []int) []T {
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = xs[i]
	}
	return out
}

// concat joins partitions of one slice type into one of that type; empty
// of type like when there are none.
func concat(parts []any, like any) any {
	switch like.(type) {
	case []any:
		return concatOf[any](parts)
	case []int:
		return concatOf[int](parts)
	case []string:
		return concatOf[string](parts)
	case []float64:
		return concatOf[float64](parts)
	}
	out := reflect.MakeSlice(reflect.TypeOf(like), 0, 0)
	for _, p := range parts {
		out = reflect.AppendSlice(out, reflect.ValueOf(p))
	}
	return out.Interface()
}

func concatOf[T any](parts []any) []T {
	n := 0
	for _, p := range parts {
		n += len(p.([]T))
	}
	out := make([]T, 0, n)
	for _, p := range parts {
		out = append(out, p.([]T)...)
	}
	return out
}

// itemsAs gives partition p as a []T: p itself when it is one, else a
// copy whose items are converted as convertItem converts them.
func itemsAs[T any](t *task, p any) ([]T, error) {
	if xs, ok := p.([]T); ok {
		return xs, nil
	}
	want := reflect.TypeFor[T]()
	if xs, ok := p.([]any); ok {
		out := make([]T, len(xs))
		for i, x := range xs {
			if v, ok := x.(T); ok {
				out[i] = v
				continue
			}
			v, ok := convertItem(reflect.ValueOf(x), want)
			if !ok {
				return nil, t.wrongItem(i, x, want)
			}
			reflect.ValueOf(&out[i]).Elem().Set(v)
		}
		return out, nil
	}
	if _, boxed := any((*T)(nil)).(*any); boxed {
		return any(appendItems(make([]any, 0, partLen(p)), p)).([]T), nil
	}
	v := reflect.ValueOf(p)
	out := make([]T, v.Len())
	outv := reflect.ValueOf(out)
	for i := range v.Len() {
		x, ok := convertItem(v.Index(i), want)
		if !ok {
			return nil, t.wrongItem(i, v.Index(i).Interface(), want)
		}
		outv.Index(i).Set(x)
	}
	return out, nil
}

// itemValues gives partition p as a reflect slice of want's type, as
// itemsAs does.
func itemValues(t *task, p any, want reflect.Type) (reflect.Value, error) {
	v := reflect.ValueOf(p)
	if v.Type().Elem() == want {
		return v, nil
	}
	out := reflect.MakeSlice(reflect.SliceOf(want), v.Len(), v.Len())
	for i := range v.Len() {
		x, ok := convertItem(v.Index(i), want)
		if !ok {
			return reflect.Value{}, t.wrongItem(i, v.Index(i).Interface(), want)
		}
		out.Index(i).Set(x)
	}
	return out, nil
}

// convertItem gives x as a value for a parameter of type want: x itself
// when assignable, nil for a type that has nil, a number converted to
// another numeric type when its value stays the same.
func convertItem(x reflect.Value, want reflect.Type) (reflect.Value, bool) {
	if x.IsValid() && x.Type().AssignableTo(want) {
		return x, true
	}
	if x.Kind() == reflect.Interface {
		x = x.Elem()
	}
	if !x.IsValid() {
		switch want.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan:
			return reflect.Zero(want), true
		}
		return x, false
	}
	if x.Type().AssignableTo(want) {
		return x, true
	}
	if !numeric(x.Kind()) || !numeric(want.Kind()) {
		return x, false
	}
	c := x.Convert(want)
	if c.Convert(x.Type()).Interface() != x.Interface() || negative(c) != negative(x) {
		return x, false
	}
	return c, true
}

func numeric(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Float64 }

func negative(v reflect.Value) bool {
	switch {
	case v.Kind() >= reflect.Float32:
		return v.Float() < 0
	case v.Kind() <= reflect.Int64:
		return v.Int() < 0
	}
	return false
}

// describe is an item as an error shows it: its type and value, cut short.
func describe(x any) string {
	if x == nil {
		return "nil"
	}
	var s string
	switch x := x.(type) {
	case string:
		s = fmt.Sprintf("%q", x)
	default:
		s = fmt.Sprintf("%v", x)
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return reflect.TypeOf(x).String() + " " + s
}
