package np

import (
	"encoding/binary"
	"math"
	"math/bits"
	"unsafe"
)

// Reductions. Sums are accumulated per chunk of 65536 elements (in eight
// interleaved accumulators) and the chunks' partial sums are added in chunk
// order, so a float64 sum is the same whatever the number of cores; int64
// and bool sums are exact (int64 accumulation, wrapping around on overflow
// as numpy's).

// sumFloat is the sum of x, in parallel.
func sumFloat(op string, x []float64) float64 {
	parts := make([]float64, (len(x)+chunk-1)/chunk)
	forChunks(op, len(x), func(c, lo, hi int) { parts[c] = sumFloatSerial(x[lo:hi]) })
	return sumFloatSerial(parts)
}

// sumFloatSeq is sumFloat(x) computed by the calling goroutine alone.
func sumFloatSeq(x []float64) float64 {
	parts := make([]float64, (len(x)+chunk-1)/chunk)
	for c := range parts {
		lo := c * chunk
		parts[c] = sumFloatSerial(x[lo:min(lo+chunk, len(x))])
	}
	return sumFloatSerial(parts)
}

func sumFloatSerial(x []float64) float64 {
	var s0, s1, s2, s3, s4, s5, s6, s7 float64
	i := 0
	for ; i+8 <= len(x); i += 8 {
		v := x[i : i+8 : i+8]
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
		s4 += v[4]
		s5 += v[5]
		s6 += v[6]
		s7 += v[7]
	}
	for ; i < len(x); i++ {
		s0 += x[i]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

// sumInt is the exact (wrapping) sum of x, in parallel.
func sumInt(op string, x []int64) int64 {
	parts := make([]int64, (len(x)+chunk-1)/chunk)
	forChunks(op, len(x), func(c, lo, hi int) { parts[c] = sumIntSerial(x[lo:hi]) })
	return sumIntSerial(parts)
}

func sumIntSerial(x []int64) int64 {
	var s0, s1, s2, s3 int64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v := x[i : i+4 : i+4]
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
	}
	for ; i < len(x); i++ {
		s0 += x[i]
	}
	return s0 + s1 + s2 + s3
}

// countTrue is the number of true elements of x, in parallel.
func countTrue(op string, x []bool) int {
	parts := make([]int, (len(x)+chunk-1)/chunk)
	forChunks(op, len(x), func(c, lo, hi int) { parts[c] = countTrueSerial(x[lo:hi]) })
	n := 0
	for _, p := range parts {
		n += p
	}
	return n
}

// countTrueSerial counts eight bools at a time: each is a byte 0 or 1, so
// the number of bits set in eight of them is the number of trues.
func countTrueSerial(x []bool) int {
	b := bytesOf(x)
	n, i := 0, 0
	for ; i+32 <= len(b); i += 32 {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(b[i:])) +
			bits.OnesCount64(binary.LittleEndian.Uint64(b[i+8:])) +
			bits.OnesCount64(binary.LittleEndian.Uint64(b[i+16:])) +
			bits.OnesCount64(binary.LittleEndian.Uint64(b[i+24:]))
	}
	for ; i < len(b); i++ {
		n += int(b[i])
	}
	return n
}

// nonzero is 1 when b is true, 0 otherwise, without a branch.
func nonzero(b bool) int { return int(*(*uint8)(unsafe.Pointer(&b))) }

func countNonzeroSerial[T number](x []T) int {
	n := 0
	for _, v := range x {
		n += nonzero(v != 0)
	}
	return n
}

// Sum is the sum of all elements with numpy's dtype: an exact int64 for
// an int64 or bool array (wrapping around on overflow, as numpy's), a
// float64 for a float64 array. 0 for an empty array.
func (a *Array) Sum() Scalar {
	const op = "Array.Sum"
	a.check(op)
	switch a.dtype {
	case Int64:
		return IntScalar(sumInt(op, a.i64))
	case Bool:
		return IntScalar(int64(countTrue(op, a.b)))
	}
	return FloatScalar(sumFloat(op, a.f64))
}

// SumInt is the exact sum of an int64 or bool array's elements, as
// numpy's sum of an int64 array (wrapping around on overflow).
func (a *Array) SumInt() int64 {
	const op = "Array.SumInt"
	a.check(op)
	switch a.dtype {
	case Int64:
		return sumInt(op, a.i64)
	case Bool:
		return int64(countTrue(op, a.b))
	}
	throw(op, "needs an int64 or bool array, got float64; use Sum for a float64 array")
	return 0
}

// Mean is the mean of all elements; NaN for an empty array.
func (a *Array) Mean() float64 {
	a.check("Array.Mean")
	n := a.size()
	if n == 0 {
		return math.NaN()
	}
	if a.dtype == Int64 {
		return float64(sumInt("Array.Mean", a.i64)) / float64(n)
	}
	return a.Sum().Float() / float64(n)
}

// Var is the variance of all elements (the mean of the squared deviations
// from the mean, numpy's var with ddof=0); NaN for an empty array.
func (a *Array) Var() float64 {
	const op = "Array.Var"
	a.check(op)
	n := a.size()
	if n == 0 {
		return math.NaN()
	}
	m := a.Mean()
	x := a.floats(op)
	parts := make([]float64, (n+chunk-1)/chunk)
	forChunks(op, n, func(c, lo, hi int) {
		var s0, s1 float64
		v := x[lo:hi]
		i := 0
		for ; i+2 <= len(v); i += 2 {
			d0, d1 := v[i]-m, v[i+1]-m
			s0 += d0 * d0
			s1 += d1 * d1
		}
		if i < len(v) {
			d := v[i] - m
			s0 += d * d
		}
		parts[c] = s0 + s1
	})
	return sumFloatSerial(parts) / float64(n)
}

// Std is the standard deviation of all elements, the square root of Var.
func (a *Array) Std() float64 { return math.Sqrt(a.Var()) }

// CountNonzero is the number of elements that are not zero (not false).
func (a *Array) CountNonzero() int {
	const op = "Array.CountNonzero"
	a.check(op)
	switch a.dtype {
	case Bool:
		return countTrue(op, a.b)
	case Int64:
		return countNonzero(op, a.i64)
	}
	return countNonzero(op, a.f64)
}

func countNonzero[T number](op string, x []T) int {
	parts := make([]int, (len(x)+chunk-1)/chunk)
	forChunks(op, len(x), func(c, lo, hi int) { parts[c] = countNonzeroSerial(x[lo:hi]) })
	n := 0
	for _, p := range parts {
		n += p
	}
	return n
}

// extreme is the smallest (max false) or largest (max true) element of x,
// NaN if x has one; x is not empty.
func extremeSerial[T number](x []T, max bool) T {
	m := x[0]
	for _, v := range x {
		if v != v {
			return v
		}
		if max {
			if v > m {
				m = v
			}
		} else if v < m {
			m = v
		}
	}
	return m
}

func extreme[T number](op string, x []T, max bool) T {
	parts := make([]T, (len(x)+chunk-1)/chunk)
	forChunks(op, len(x), func(c, lo, hi int) { parts[c] = extremeSerial(x[lo:hi], max) })
	return extremeSerial(parts, max)
}

func (a *Array) minMax(op, name string, max bool) float64 {
	a.check(op)
	n := a.size()
	if n == 0 {
		throw(op, "zero-size array to reduction operation %s which has no identity", name)
	}
	switch a.dtype {
	case Int64:
		return float64(extreme(op, a.i64, max))
	case Float64:
		return extreme(op, a.f64, max)
	}
	t := countTrue(op, a.b)
	if (max && t > 0) || (!max && t == n) {
		return 1
	}
	return 0
}

// Min is the smallest element, as a float64 (NaN if there is a NaN); it
// panics for an empty array, as numpy.
func (a *Array) Min() float64 { return a.minMax("Array.Min", "minimum", false) }

// Max is the largest element, as a float64 (NaN if there is a NaN).
func (a *Array) Max() float64 { return a.minMax("Array.Max", "maximum", true) }

// Reductions along an axis of a 2-D array: axis 0 reduces the rows (one
// result per column), axis 1 (or -1) the columns (one result per row). For
// a 1-D array, axis 0 (or -1) gives a 1-element array of the whole
// reduction.

// axisOf validates axis for a and returns it as 0 or 1.
func (a *Array) axisOf(op string, axis int) int {
	nd := len(a.shape)
	if axis < -nd || axis >= nd {
		throw(op, "axis %d is out of bounds for array of dimension %d", axis, nd)
	}
	if axis < 0 {
		axis += nd
	}
	return axis
}

// alongRows reduces each row of the r×c data x to out[i] = f(row i). When
// there are few long rows, they are reduced one after the other by par,
// which works in parallel itself; otherwise the rows are shared out among
// workers and reduced by seq, which must give the same results as par.
func alongRows[T, R any](op string, r, c int, x []T, out []R, seq, par func(row []T) R) {
	if r < 8 && c >= 2*chunk {
		for i := range r {
			out[i] = par(x[i*c : (i+1)*c])
		}
		return
	}
	forBlocks(op, r, rowBlock(c), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = seq(x[i*c : (i+1)*c])
		}
	})
}

// alongCols reduces the rows of the r×c data x to one row of c values.
// The columns are cut into strips of at most 1024, the rows into groups of
// about a chunk's worth of elements; task (group, strip) runs
// f(acc, x, c, i0, i1, j0, j1), which combines rows i0..i1-1 of columns
// j0..j1-1 into acc (zeroed, of length j1-j0). The groups' results are then
// merged in group order by merge(into, from), so the result does not depend
// on the number of cores. The groups' partial rows take about r*c/64
// elements.
func alongCols[T, A any](op string, r, c int, x []T, f func(acc []A, x []T, c, i0, i1, j0, j1 int), merge func(into, from []A)) []A {
	w := max(1, min(c, 1024))
	strips := (c + w - 1) / w
	rows := max(1, chunk/max(w, 1))
	groups := max(1, (r+rows-1)/rows)
	parts := make([][]A, groups)
	for g := range parts {
		parts[g] = make([]A, c)
	}
	if r > 0 && c > 0 {
		forBlocks(op, groups*strips, 1, func(t, _, _ int) {
			g, s := t/strips, t%strips
			i0, j0 := g*rows, s*w
			i1, j1 := min(i0+rows, r), min(j0+w, c)
			f(parts[g][j0:j1], x, c, i0, i1, j0, j1)
		})
	}
	if groups > 1 {
		forBlocks(op, c, chunk/groups+1, func(_, lo, hi int) {
			for g := 1; g < groups; g++ {
				merge(parts[0][lo:hi], parts[g][lo:hi])
			}
		})
	}
	return parts[0]
}

func sumCols[T number](acc []T, x []T, c, i0, i1, j0, j1 int) {
	for i := i0; i < i1; i++ {
		row := x[i*c+j0 : i*c+j1]
		acc := acc[:len(row)]
		for j, v := range row {
			acc[j] += v
		}
	}
}

func addInto[T number](into, from []T) {
	from = from[:len(into)]
	for j := range into {
		into[j] += from[j]
	}
}

func countCols(acc []int64, x []uint8, c, i0, i1, j0, j1 int) {
	for i := i0; i < i1; i++ {
		row := x[i*c+j0 : i*c+j1]
		acc := acc[:len(row)]
		for j, v := range row {
			acc[j] += int64(v)
		}
	}
}

func extremeCols[T number](max bool) func(acc []T, x []T, c, i0, i1, j0, j1 int) {
	return func(acc []T, x []T, c, i0, i1, j0, j1 int) {
		copy(acc, x[i0*c+j0:i0*c+j1])
		for i := i0 + 1; i < i1; i++ {
			extremeInto(acc, x[i*c+j0:i*c+j1], max)
		}
	}
}

// extremeInto sets into[j] to the smaller (larger) of into[j] and from[j],
// NaN if either is NaN.
func extremeInto[T number](into, from []T, max bool) {
	from = from[:len(into)]
	for j, v := range from {
		if v != v || (max && v > into[j]) || (!max && v < into[j]) {
			into[j] = v
		}
	}
}

// SumAxis sums a 2-D array along axis: 0 gives the column sums, 1 the row
// sums. int64 and bool arrays give exact int64 sums, float64 arrays
// float64 ones.
func (a *Array) SumAxis(axis int) *Array {
	const op = "Array.SumAxis"
	a.check(op)
	return a.sumAxis(op, a.axisOf(op, axis))
}

func (a *Array) sumAxis(op string, axis int) *Array {
	if len(a.shape) == 1 {
		if a.dtype == Float64 {
			return &Array{dtype: Float64, shape: []int{1}, f64: []float64{sumFloat(op, a.f64)}}
		}
		return &Array{dtype: Int64, shape: []int{1}, i64: []int64{a.SumInt()}}
	}
	r, c := a.shape[0], a.shape[1]
	switch {
	case axis == 1 && a.dtype == Float64:
		out := newArray(op, Float64, []int{r}, "")
		alongRows(op, r, c, a.f64, out.f64, sumFloatSeq, func(row []float64) float64 { return sumFloat(op, row) })
		return out
	case axis == 1 && a.dtype == Int64:
		out := newArray(op, Int64, []int{r}, "")
		alongRows(op, r, c, a.i64, out.i64, sumIntSerial, func(row []int64) int64 { return sumInt(op, row) })
		return out
	case axis == 1:
		out := newArray(op, Int64, []int{r}, "")
		alongRows(op, r, c, a.b, out.i64, func(row []bool) int64 { return int64(countTrueSerial(row)) },
			func(row []bool) int64 { return int64(countTrue(op, row)) })
		return out
	case a.dtype == Float64:
		reserve(op, Float64, c+r*c/64, "")
		return FromFloat64(alongCols(op, r, c, a.f64, sumCols[float64], addInto[float64]))
	case a.dtype == Int64:
		reserve(op, Int64, c+r*c/64, "")
		return FromInt64(alongCols(op, r, c, a.i64, sumCols[int64], addInto[int64]))
	}
	reserve(op, Int64, c+r*c/64, "")
	return FromInt64(alongCols(op, r, c, bytesOf(a.b), countCols, addInto[int64]))
}

// MeanAxis is the mean along axis (see SumAxis), float64; NaN where the
// axis is empty.
func (a *Array) MeanAxis(axis int) *Array {
	const op = "Array.MeanAxis"
	a.check(op)
	axis = a.axisOf(op, axis)
	s := a.sumAxis(op, axis)
	n := a.shape[axis]
	out := s
	if s.dtype != Float64 {
		out = s.asType(op, Float64)
	}
	arithVS(opDiv, out.f64, out.f64, float64(n))
	return out
}

// MinAxis is the minimum along axis (see SumAxis), of a's dtype; it panics
// when the axis is empty, as numpy.
func (a *Array) MinAxis(axis int) *Array {
	return a.extremeAxis("Array.MinAxis", "minimum", axis, false)
}

// MaxAxis is the maximum along axis (see SumAxis), of a's dtype.
func (a *Array) MaxAxis(axis int) *Array {
	return a.extremeAxis("Array.MaxAxis", "maximum", axis, true)
}

func (a *Array) extremeAxis(op, name string, axis int, max bool) *Array {
	a.check(op)
	axis = a.axisOf(op, axis)
	if a.shape[axis] == 0 {
		throw(op, "zero-size array to reduction operation %s which has no identity", name)
	}
	if a.dtype == Bool {
		return a.asType(op, Int64).extremeAxis(op, name, axis, max).asType(op, Bool)
	}
	if len(a.shape) == 1 {
		if a.dtype == Float64 {
			return &Array{dtype: Float64, shape: []int{1}, f64: []float64{extreme(op, a.f64, max)}}
		}
		return &Array{dtype: Int64, shape: []int{1}, i64: []int64{extreme(op, a.i64, max)}}
	}
	r, c := a.shape[0], a.shape[1]
	switch {
	case axis == 1 && a.dtype == Float64:
		out := newArray(op, Float64, []int{r}, "")
		alongRows(op, r, c, a.f64, out.f64, func(row []float64) float64 { return extremeSerial(row, max) },
			func(row []float64) float64 { return extreme(op, row, max) })
		return out
	case axis == 1:
		out := newArray(op, Int64, []int{r}, "")
		alongRows(op, r, c, a.i64, out.i64, func(row []int64) int64 { return extremeSerial(row, max) },
			func(row []int64) int64 { return extreme(op, row, max) })
		return out
	case a.dtype == Float64:
		reserve(op, Float64, c+r*c/64, "")
		return FromFloat64(alongCols(op, r, c, a.f64, extremeCols[float64](max),
			func(into, from []float64) { extremeInto(into, from, max) }))
	}
	reserve(op, Int64, c+r*c/64, "")
	return FromInt64(alongCols(op, r, c, a.i64, extremeCols[int64](max),
		func(into, from []int64) { extremeInto(into, from, max) }))
}

// CountNonzeroAxis is the number of non-zero elements along axis (see
// SumAxis), int64.
func (a *Array) CountNonzeroAxis(axis int) *Array {
	const op = "Array.CountNonzeroAxis"
	a.check(op)
	axis = a.axisOf(op, axis)
	b := a
	if a.dtype != Bool {
		b = a.compare(op, cmpNe, 0)
	}
	return b.sumAxis(op, axis)
}
