package np

import "math"

// Writing arrays by index, as numpy's a[i, j] = v, and the rows of a 2-D
// array as Go slices, which compiled code fills at full speed.

// offset is the position in the data of the element at index, one index
// per dimension; negative indices count from the end.
func (a *Array) offset(op string, index []int) int {
	if len(index) != len(a.shape) {
		throw(op, "%d indices given for an array of %d dimensions (shape %s); give one per dimension", len(index), len(a.shape), shapeString(a.shape))
	}
	k := 0
	for ax, j := range index {
		d := a.shape[ax]
		if j < -d || j >= d {
			throw(op, "index %d is out of bounds for axis %d with size %d", j, ax, d)
		}
		if j < 0 {
			j += d
		}
		k = k*d + j
	}
	return k
}

// Set writes v at the given index, one per dimension, as numpy's
// a[i, j] = v; negative indices count from the end:
//
//	a := np.Zeros(3, 4)
//	a.Set(2.5, 1, 3) // a[1, 3] = 2.5
//
// v is a number or a bool, converted to the array's dtype: into an int64
// array a float is truncated toward zero (NaN and infinities are refused),
// into a bool array a number is true when it is not zero. To fill a
// large array element by element from compiled code, write its rows (Row,
// RowInt64) instead: Set checks its arguments at every call.
func (a *Array) Set(v any, index ...int) {
	const op = "Array.Set"
	a.check(op)
	k := a.offset(op, index)
	s, ok := toScalar(v)
	if !ok {
		throw(op, "cannot set an element to %s; give a number (int, int64, float64) or a bool", typeName(v))
	}
	switch a.dtype {
	case Float64:
		a.f64[k] = s.f
	case Int64:
		if !s.isInt {
			if math.IsNaN(s.f) || math.IsInf(s.f, 0) || math.Abs(s.f) >= 1<<63 {
				throw(op, "cannot convert float %v to int64 for an int64 array; give a finite number within int64's range, or use a float64 array (np.Zeros)", s.f)
			}
			s.i = int64(s.f)
		}
		a.i64[k] = s.i
	default:
		a.b[k] = s.f != 0
	}
}

// row is the bounds in the data of row i (negative counts from the end)
// of a 2-D array.
func (a *Array) row(op string, i int, d DType) (lo, hi int) {
	a.check(op)
	if len(a.shape) != 2 {
		throw(op, "the array has shape %s; rows are those of a 2-D array (reshape it with Reshape(rows, cols)); the data of a 1-D array is Float64s or Int64s", shapeString(a.shape))
	}
	switch {
	case a.dtype == d:
	case a.dtype == Int64:
		throw(op, "the array is of int64: use RowInt64 for its rows")
	case a.dtype == Float64:
		throw(op, "the array is of float64: use Row for its rows")
	default:
		throw(op, "the array is of bool; rows are for float64 (Row) and int64 (RowInt64) arrays: convert it with AsType")
	}
	r, c := a.shape[0], a.shape[1]
	if i < -r || i >= r {
		throw(op, "row %d is out of bounds for an array of %d rows", i, r)
	}
	if i < 0 {
		i += r
	}
	return i * c, (i + 1) * c
}

// Row is row i of a 2-D float64 array as a slice of its data, not a copy:
// writing to it writes the array, as numpy's a[i] = ... . Negative i counts
// from the end. This is how compiled code fills an array fast:
//
//	for j := range height {
//		row := result.Row(j)
//		for i := range row {
//			row[i] = f(i, j)
//		}
//	}
//
// Goroutines may write different rows, or different parts of one row, at
// the same time. The slice's capacity ends with the row, so appending to
// it does not overwrite the next row.
func (a *Array) Row(i int) []float64 {
	lo, hi := a.row("Array.Row", i, Float64)
	return a.f64[lo:hi:hi]
}

// RowInt64 is row i of a 2-D int64 array as a slice of its data, not a
// copy, as Row is for float64 arrays.
func (a *Array) RowInt64(i int) []int64 {
	lo, hi := a.row("Array.RowInt64", i, Int64)
	return a.i64[lo:hi:hi]
}
