package np

import (
	"math"
	"reflect"
	"strconv"
)

// Arange is the int64 array 0, 1, ..., stop-1 (empty when stop <= 0), as
// numpy's arange(stop). Its memory is allocated and written at once.
func Arange(stop int) *Array {
	return arange("np.Arange", 0, max(stop, 0), 1)
}

// ArangeFrom is the int64 array start, start+step, ... up to but not
// including stop, as numpy's arange(start, stop, step). step may be
// negative, not zero.
func ArangeFrom(start, stop, step int) *Array {
	const op = "np.ArangeFrom"
	if step == 0 {
		throw(op, "step is zero; give a positive or negative step")
	}
	var n uint64
	switch {
	case step > 0 && stop > start:
		n = (uint64(stop)-uint64(start)-1)/uint64(step) + 1
	case step < 0 && stop < start:
		n = (uint64(start)-uint64(stop)-1)/(uint64(-(step+1))+1) + 1
	}
	if n > 1<<50 {
		throw(op, "%d elements are more than any machine's memory holds; use a chunked da array, computed piece by piece", n)
	}
	return arange(op, start, int(n), step)
}

func arange(op string, start, n, step int) *Array {
	hint := "use da.Arange for a chunked array computed piece by piece"
	a := newArray(op, Int64, []int{n}, hint)
	s0, st := int64(start), int64(step)
	forChunks(op, n, func(_, lo, hi int) {
		d := a.i64[lo:hi]
		v := s0 + int64(lo)*st
		for i := range d {
			d[i] = v
			v += st
		}
	})
	return a
}

// Zeros is a float64 array of zeros of the given shape, e.g. Zeros(5) or
// Zeros(2, 3). Like numpy's zeros (calloc), it is allocated at once but
// fresh memory is not touched: the system counts it only as it is written,
// so a monitor shows no increase until then.
func Zeros(shape ...int) *Array {
	const op = "np.Zeros"
	numel(op, shape)
	return allocArray(op, Float64, shape, "", true)
}

// Ones is a float64 array of ones of the given shape.
func Ones(shape ...int) *Array {
	return Full(1, shape...)
}

// Full is a float64 array of the given shape with every element value.
func Full(value float64, shape ...int) *Array {
	op := "np.Full"
	if value == 1 {
		op = "np.Ones"
	}
	numel(op, shape)
	a := newArray(op, Float64, shape, "")
	forChunks(op, len(a.f64), func(_, lo, hi int) {
		d := a.f64[lo:hi]
		for i := range d {
			d[i] = value
		}
	})
	return a
}

// Linspace is n evenly spaced float64 numbers from start to stop, both
// included, as numpy's linspace(start, stop, n).
func Linspace(start, stop float64, n int) *Array {
	const op = "np.Linspace"
	if n < 0 {
		throw(op, "number of samples, %d, must be non-negative", n)
	}
	a := newArray(op, Float64, []int{n}, "")
	div := float64(n - 1)
	delta := stop - start
	step := delta / div
	forChunks(op, n, func(_, lo, hi int) {
		d := a.f64[lo:hi]
		for i := range d {
			k := float64(lo + i)
			if n == 1 {
				d[i] = start // numpy: a step of 1 sample is undefined
			} else if step == 0 {
				d[i] = k/div*delta + start
			} else {
				d[i] = k*step + start
			}
		}
	})
	if n > 1 {
		a.f64[n-1] = stop
	}
	return a
}

// FromSlice is an array with a copy of v's elements: v is a []int, []int64,
// []float64 or []bool (any slice of Go integers, floats or bools), or a
// [][]int64, [][]float64, [][]int or [][]bool with rows of equal length for
// a 2-D array. Integers make an int64 array, floats a float64 one.
func FromSlice(v any) *Array {
	const op = "np.FromSlice"
	switch s := v.(type) {
	case []float64:
		a := newArray(op, Float64, []int{len(s)}, "")
		copy(a.f64, s)
		return a
	case []int64:
		a := newArray(op, Int64, []int{len(s)}, "")
		copy(a.i64, s)
		return a
	case []bool:
		a := newArray(op, Bool, []int{len(s)}, "")
		copy(a.b, s)
		return a
	case []int:
		a := newArray(op, Int64, []int{len(s)}, "")
		for i, x := range s {
			a.i64[i] = int64(x)
		}
		return a
	case *Array:
		if s == nil {
			throw(op, "the array is nil")
		}
		s.check(op)
		return s.Copy()
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || (rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array) {
		throw(op, "cannot make an array of %s; give a slice such as []float64{1, 2} or [][]int64{{1, 2}, {3, 4}}", typeName(v))
	}
	if k := rv.Type().Elem().Kind(); k == reflect.Slice || k == reflect.Array {
		rows := rv.Len()
		cols := 0
		if rows > 0 {
			cols = rv.Index(0).Len()
		}
		for i := range rows {
			if l := rv.Index(i).Len(); l != cols {
				throw(op, "row %d has %d elements but row 0 has %d; the rows of a 2-D array must be of equal length", i, l, cols)
			}
		}
		d := elemDType(op, v, rv.Type().Elem().Elem())
		numel(op, []int{rows, cols})
		a := newArray(op, d, []int{rows, cols}, "")
		for i := range rows {
			fill(a, i*cols, rv.Index(i))
		}
		return a
	}
	d := elemDType(op, v, rv.Type().Elem())
	a := newArray(op, d, []int{rv.Len()}, "")
	fill(a, 0, rv)
	return a
}

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

// elemDType is the dtype for Go elements of type t.
func elemDType(op string, v any, t reflect.Type) DType {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return Int64
	case reflect.Float32, reflect.Float64:
		return Float64
	case reflect.Bool:
		return Bool
	}
	throw(op, "cannot make an array of %s: elements must be integers, floats or bools", typeName(v))
	return 0
}

// fill writes the elements of slice (or array) rv into a from index at.
func fill(a *Array, at int, rv reflect.Value) {
	for i := range rv.Len() {
		e := rv.Index(i)
		switch a.dtype {
		case Int64:
			if e.CanInt() {
				a.i64[at+i] = e.Int()
			} else {
				a.i64[at+i] = int64(e.Uint())
			}
		case Float64:
			a.f64[at+i] = e.Float()
		default:
			a.b[at+i] = e.Bool()
		}
	}
}

// scalar is a number given where an array or a number may be.
type scalar struct {
	isInt bool
	i     int64
	f     float64
}

// toScalar converts v to a scalar; ok is false if v is not a number.
func toScalar(v any) (s scalar, ok bool) {
	switch x := v.(type) {
	case Scalar:
		return scalar{isInt: x.dtype == Int64, i: x.Int(), f: x.Float()}, true
	case int:
		return scalar{isInt: true, i: int64(x), f: float64(x)}, true
	case int64:
		return scalar{isInt: true, i: x, f: float64(x)}, true
	case float64:
		return scalar{f: x}, true
	case bool:
		return scalar{isInt: true, i: int64(b2u8(x)), f: float64(b2u8(x))}, true
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return scalar{}, false
	}
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return scalar{isInt: true, i: rv.Int(), f: float64(rv.Int())}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return scalar{f: float64(u)}, true
		}
		return scalar{isInt: true, i: int64(u), f: float64(u)}, true
	case reflect.Float32, reflect.Float64:
		return scalar{f: rv.Float()}, true
	case reflect.Bool:
		b := int64(b2u8(rv.Bool()))
		return scalar{isInt: true, i: b, f: float64(b)}, true
	}
	return scalar{}, false
}

func (s scalar) String() string {
	if s.isInt {
		return strconv.FormatInt(s.i, 10)
	}
	return strconv.FormatFloat(s.f, 'g', -1, 64)
}
