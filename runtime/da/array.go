// Package da is gopar's chunked, lazy array package, in the manner of
// dask.array: an [Array] is a recipe (a graph of chunk tasks), not data.
// Operations build the graph at once and cheaply; [Array.Compute] and
// [Scalar.Compute] run it on a pool of goroutines and return an eager
// [np.Array] or a number.
//
//	x := da.Random(1, 100_000_000) // 6 chunks of up to 16777216
//	y := da.Random(2, 100_000_000)
//	inside := x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero()
//	n, err := inside.Compute()     // runs in parallel
//
// Compute fuses the graph: each chunk task runs the whole pipeline of
// elementwise operations, from the generators to the per-chunk partial of a
// reduction, block by block (about a thousand elements at a time) in small
// reused buffers, so no chunk of an intermediate array is ever materialised
// and memory stays at a few blocks per worker whatever the chunk size.
// Reductions combine the per-chunk partials in a tree (8 at a time, like
// dask's split_every). A computation that lasts longer than a second shows a
// progress bar, and interrupting the cell stops it within a fraction of a
// second.
//
// Arrays have one or two dimensions and the dtypes of package np: int64,
// float64 and bool. A 2-D array is cut into chunks of whole rows (dask's
// chunks=(k, -1)): make one with [Array.Reshape] or [FromNp] of a 2-D np
// array.
//
//	x := da.Random(1, 10_000_000, da.Chunks(1_000_000)).Reshape(10_000, 1_000)
//	// 10 chunks of (1000, 1000)
//	cols := x.SumAxis(0)            // lazy: 1000 column sums
//	rows := x.MeanAxis(1)           // lazy: 10000 row means
//	m, err := rows.Max().Compute()  // the largest row mean
//
// Reductions along an axis ([Array.SumAxis], [Array.MeanAxis],
// [Array.MinAxis], [Array.MaxAxis], [Array.CountNonzeroAxis]) give lazy
// 1-D arrays, computed first when a computation uses them, each chunk of
// the input folded block by block into the rows' or the columns'
// accumulators. Elementwise operations need arrays of the same shape: da
// does not broadcast a row (c,) against an (r, c) array as numpy does, only
// numbers and scalars against arrays. Mistakes such as combining arrays of
// different shapes or chunks panic with an [*Error] saying what to do, as
// numpy and dask raise.
package da

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"gopar/runtime/np"
)

// Error is the value da's functions and methods panic with when they are
// given something they cannot work with, such as arrays of different
// lengths or chunks, a dtype an operation does not take or a negative size,
// as numpy and dask raise exceptions. The kernel reports the panic as the
// cell's error. (Compute does not panic: it returns interruptions as
// errors.)
type Error struct {
	Op  string // the function or method, e.g. "da.Arange" or "da.Array.Add"
	Msg string // what is wrong and what to do about it
}

func (e *Error) Error() string { return e.Op + ": " + e.Msg }

// fail panics with an *Error. op is a function's name ("Arange") or a
// method's ("Array.Add").
func fail(op, format string, args ...any) {
	panic(&Error{Op: "da." + op, Msg: fmt.Sprintf(format, args...)})
}

// autoChunkBytes is the size of a chunk with automatic chunking, as dask's
// array.chunk-size default.
const autoChunkBytes = 128 << 20

// Option configures a constructor: [Chunks] or [ChunksAuto].
type Option func(*options)

type options struct {
	chunk int // elements per chunk; 0 is automatic
}

// Chunks makes chunks of size elements (the last one may be smaller); the
// chunks of 2-D arrays ([FromNp], [Array.Reshape]) are that size rounded
// down to a whole number of rows, at least one row.
func Chunks(size int) Option {
	if size <= 0 {
		fail("Chunks", "chunk size %d is not positive: give the number of elements per chunk, or use da.ChunksAuto()", size)
	}
	return func(o *options) { o.chunk = size }
}

// ChunksAuto makes chunks of about 128 MiB, as dask's chunks="auto". It is
// the default.
func ChunksAuto() Option { return func(o *options) { o.chunk = 0 } }

func chunkSize(op string, n int, dt np.DType, opts []Option) int {
	if n < 0 {
		fail(op, "negative length %d: the number of elements must be 0 or more", n)
	}
	var o options
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	c := o.chunk
	if c == 0 {
		c = autoChunkBytes / itemSize(dt)
	}
	if c > n {
		c = n
	}
	return c
}

func itemSize(dt np.DType) int {
	if dt == np.Bool {
		return 1
	}
	return 8
}

// kind is what a node of the graph does.
type kind int

const (
	kSource kind = iota // generates its chunks (arange, random, from np...)
	kUnary              // one array operand: sqrt, pow, not
	kBinary             // two array operands
	kConst              // an array and a scalar operand
	kAxis               // a reduction along an axis (computed before the graph that uses it)
)

// opcode is an elementwise operation.
type opcode int

const (
	opAdd opcode = iota
	opSub
	opMul
	opDiv
	opLess
	opLessEq
	opGreater
	opGreaterEq
	opEqual
	opNotEqual
	opAnd
	opOr
	opNot
	opSqrt
	opPow
)

var opNames = [...]string{
	opAdd: "add", opSub: "sub", opMul: "mul", opDiv: "truediv",
	opLess: "lt", opLessEq: "le", opGreater: "gt", opGreaterEq: "ge",
	opEqual: "eq", opNotEqual: "ne", opAnd: "and", opOr: "or", opNot: "invert",
	opSqrt: "sqrt", opPow: "pow",
}

var opMethods = [...]string{
	opAdd: "Add", opSub: "Sub", opMul: "Mul", opDiv: "Div",
	opLess: "Less", opLessEq: "LessEq", opGreater: "Greater", opGreaterEq: "GreaterEq",
	opEqual: "Equal", opNotEqual: "NotEqual", opAnd: "And", opOr: "Or", opNot: "Not",
	opSqrt: "Sqrt", opPow: "Pow",
}

func (o opcode) isCompare() bool { return o >= opLess && o <= opNotEqual }

// constant is a scalar operand.
type constant struct {
	dt np.DType
	f  float64
	i  int64
	b  bool
}

func (c constant) asFloat() float64 {
	switch c.dt {
	case np.Int64:
		return float64(c.i)
	case np.Bool:
		if c.b {
			return 1
		}
		return 0
	}
	return c.f
}

// scalar is c as np gives numbers: bools count as int64.
func (c constant) scalar() np.Scalar {
	if c.dt == np.Float64 {
		return np.FloatScalar(c.f)
	}
	return np.IntScalar(c.asInt())
}

func (c constant) asInt() int64 {
	switch c.dt {
	case np.Float64:
		return int64(c.f)
	case np.Bool:
		if c.b {
			return 1
		}
		return 0
	}
	return c.i
}

func (c constant) String() string {
	switch c.dt {
	case np.Int64:
		return fmt.Sprint(c.i)
	case np.Bool:
		return fmt.Sprint(c.b)
	}
	return fmt.Sprint(c.f)
}

var nodeIDs atomic.Int64

// node is one operation of the graph: its array is cut into the same
// chunks as its operands'.
type node struct {
	id    int64
	kind  kind
	op    opcode
	dt    np.DType // dtype of the result
	ct    np.DType // dtype the operands are computed in
	n     int
	shape []int // (n,) or (rows, cols); never changed once made
	chunk int   // elements per chunk: a whole number of rows for 2-D arrays
	in    []*node
	src   source   // kSource
	pow   float64  // opPow
	k     constant // kConst, when lazy is nil
	lazy  *Scalar  // kConst: a scalar computed before the array
	axis  int      // kAxis: 0 or 1
	red   redOp    // kAxis
	axes  bool     // the graph below has a kAxis node
}

func newNode(k kind, dt np.DType, shape []int, chunk int, in ...*node) *node {
	n := shape[0]
	if len(shape) == 2 {
		n *= shape[1]
	}
	v := &node{id: nodeIDs.Add(1), kind: k, dt: dt, ct: dt, n: n, shape: shape, chunk: chunk, in: in}
	for _, u := range in {
		v.axes = v.axes || u.axes || u.kind == kAxis
	}
	return v
}

// cols is the number of columns of a 2-D array, 0 for a 1-D one.
func (n *node) cols() int {
	if len(n.shape) == 2 {
		return n.shape[1]
	}
	return 0
}

// rows is the number of rows of a 2-D array, or the length of a 1-D one.
func (n *node) rows() int { return n.shape[0] }

func (n *node) numChunks() int {
	if n.n == 0 {
		return 0
	}
	return (n.n + n.chunk - 1) / n.chunk
}

// label is the node's name in reprs and graphs.
func (n *node) label() string {
	switch n.kind {
	case kSource:
		return n.src.name()
	case kConst:
		if n.lazy != nil {
			return opNames[n.op] + "(" + n.lazy.red.name() + ")"
		}
		return opNames[n.op] + "(" + n.k.String() + ")"
	case kUnary:
		if n.op == opPow {
			return fmt.Sprintf("pow(%g)", n.pow)
		}
	case kAxis:
		return fmt.Sprintf("%s(axis=%d)", n.red.name(), n.axis)
	}
	return opNames[n.op]
}

// Array is a lazy array of one or two dimensions cut into chunks: a graph
// of chunk tasks that [Array.Compute] runs. A 2-D array is cut into chunks
// of whole rows (each chunk has all the columns, as dask's chunks=(k, -1)).
// Operations return new arrays and never change their operands. The zero
// Array is not usable; make arrays with the constructors ([Arange],
// [Random], [FromNp]...) and [Array.Reshape].
type Array struct {
	nd *node
}

func wrap(n *node) *Array { return &Array{nd: n} }

func (a *Array) node(op string) *node {
	if a == nil || a.nd == nil {
		fail("Array."+op, "nil array: make arrays with da.Arange, da.Random, da.FromNp and the like")
	}
	return a.nd
}

// Len is the size of the first dimension, as Python's len: the number of
// elements of a 1-D array, the number of rows of a 2-D one.
func (a *Array) Len() int { return a.node("Len").rows() }

// Size is the number of elements.
func (a *Array) Size() int { return a.node("Size").n }

// Shape is the array's size along each dimension: (n) or (rows, cols).
func (a *Array) Shape() []int { return append([]int(nil), a.node("Shape").shape...) }

// Ndim is the number of dimensions, 1 or 2.
func (a *Array) Ndim() int { return len(a.node("Ndim").shape) }

// DType is the type of the elements.
func (a *Array) DType() np.DType { return a.node("DType").dt }

// NumChunks is the number of chunks.
func (a *Array) NumChunks() int { return a.node("NumChunks").numChunks() }

// Chunks is the size of each chunk, in order: its number of elements for
// a 1-D array, its number of rows for a 2-D one (every chunk of a 2-D array
// has all the columns).
func (a *Array) Chunks() []int {
	n := a.node("Chunks")
	s := chunkSizes(n.n, n.chunk)
	if c := n.cols(); c > 0 {
		for i := range s {
			s[i] /= c
		}
	}
	return s
}

func chunkSizes(n, chunk int) []int {
	if n == 0 {
		return []int{}
	}
	c := (n + chunk - 1) / chunk
	s := make([]int, c)
	for i := range s {
		s[i] = chunk
	}
	s[c-1] = n - (c-1)*chunk
	return s
}

// ---- constructors

func sourceArray(op string, n int, dt np.DType, src source, opts []Option) *Array {
	c := chunkSize(op, n, dt, opts)
	nd := newNode(kSource, dt, []int{n}, c)
	nd.src = src
	return wrap(nd)
}

// rowChunk is chunk rounded down to a whole number of rows of cols
// elements, at least one row, at most n.
func rowChunk(chunk, cols, n int) int {
	if cols > 0 {
		chunk = max(cols, chunk/cols*cols)
	}
	return min(chunk, n)
}

// Arange is the int64 array 0, 1, ..., n-1, as numpy's arange(n).
func Arange(n int, opts ...Option) *Array {
	return sourceArray("Arange", n, np.Int64, arangeSource{}, opts)
}

// Zeros is the float64 array of n zeros.
func Zeros(n int, opts ...Option) *Array {
	return sourceArray("Zeros", n, np.Float64, fullSource{v: 0, label: "zeros"}, opts)
}

// Ones is the float64 array of n ones.
func Ones(n int, opts ...Option) *Array {
	return sourceArray("Ones", n, np.Float64, fullSource{v: 1, label: "ones"}, opts)
}

// Linspace is n evenly spaced float64 values from start to stop, both
// included, as numpy's linspace(start, stop, n).
func Linspace(start, stop float64, n int, opts ...Option) *Array {
	step := 0.0
	if n > 1 {
		step = (stop - start) / float64(n-1)
	}
	return sourceArray("Linspace", n, np.Float64, linspaceSource{start: start, stop: stop, step: step, n: n}, opts)
}

// Random is n float64 values uniformly distributed in [0, 1). Each chunk
// has its own PCG stream, seeded from seed and the chunk's index, so the
// values depend on seed and the chunks but not on the number of workers.
func Random(seed uint64, n int, opts ...Option) *Array {
	return sourceArray("Random", n, np.Float64, &randomSource{seed: seed, kind: randUniform, a: 0, b: 1}, opts)
}

// Uniform is n float64 values uniformly distributed in [low, high), seeded
// per chunk as [Random].
func Uniform(seed uint64, low, high float64, n int, opts ...Option) *Array {
	if math.IsNaN(low) || math.IsNaN(high) || math.IsInf(low, 0) || math.IsInf(high, 0) {
		fail("Uniform", "bounds must be finite numbers, got low=%g high=%g", low, high)
	}
	return sourceArray("Uniform", n, np.Float64, &randomSource{seed: seed, kind: randUniform, a: low, b: high}, opts)
}

// Normal is n float64 values normally distributed with the given mean and
// standard deviation, seeded per chunk as [Random].
func Normal(seed uint64, mean, std float64, n int, opts ...Option) *Array {
	if std < 0 || math.IsNaN(std) {
		fail("Normal", "standard deviation %g must be 0 or more", std)
	}
	return sourceArray("Normal", n, np.Float64, &randomSource{seed: seed, kind: randNormal, a: mean, b: std}, opts)
}

// FromNp cuts an eager array of one or two dimensions into chunks; the
// chunks of a 2-D array are whole rows (the [Chunks] option's size rounded
// down to a whole number of rows, at least one). The chunks read a's data
// when computed; do not change a until then.
func FromNp(a *np.Array, opts ...Option) *Array {
	if a == nil {
		fail("FromNp", "nil *np.Array")
	}
	shape := a.Shape()
	if len(shape) != 1 && len(shape) != 2 {
		fail("FromNp", "array of shape %s: da arrays have one or two dimensions", shapeString(shape))
	}
	src := sliceOf(a, "")
	if len(shape) == 1 {
		return sourceArray("FromNp", shape[0], a.DType(), src, opts)
	}
	n := shape[0] * shape[1]
	c := rowChunk(chunkSize("FromNp", n, a.DType(), opts), shape[1], n)
	nd := newNode(kSource, a.DType(), shape, c)
	nd.src = src
	return wrap(nd)
}

func shapeString(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// ---- elementwise operations

// promote is the dtype arithmetic computes in: bool counts as int64, and
// float64 wins.
func promote(a, b np.DType) np.DType {
	if a == np.Float64 || b == np.Float64 {
		return np.Float64
	}
	return np.Int64
}

// types returns the dtype op computes in and the dtype of its result, for
// operands of dtypes a and b, or panics.
func types(op opcode, a, b np.DType) (ct, rt np.DType) {
	switch {
	case op == opDiv:
		return np.Float64, np.Float64
	case op == opAnd || op == opOr:
		if a != np.Bool || b != np.Bool {
			fail("Array."+opMethods[op], "operands are %s and %s: %s needs bool arrays (make them with comparisons such as Less)", a, b, opMethods[op])
		}
		return np.Bool, np.Bool
	case op.isCompare():
		if (op == opEqual || op == opNotEqual) && a == np.Bool && b == np.Bool {
			return np.Bool, np.Bool
		}
		return promote(a, b), np.Bool
	}
	t := promote(a, b)
	return t, t
}

func (a *Array) binary(op opcode, other any) *Array {
	name := opMethods[op]
	x := a.node(name)
	name = "Array." + name
	switch o := other.(type) {
	case *Array:
		y := o.node(opMethods[op])
		if !slices.Equal(x.shape, y.shape) {
			if len(x.shape) == 1 && len(y.shape) == 1 {
				fail(name, "arrays have different lengths %d and %d: elementwise operations need arrays of the same length", x.n, y.n)
			}
			fail(name, "operands could not be broadcast together with shapes %s %s: da does not broadcast arrays (only numbers and scalars); give arrays of the same shape, reshaped with Reshape if need be",
				shapeString(x.shape), shapeString(y.shape))
		}
		if x.chunk != y.chunk {
			fail(name, "arrays have different chunks %s and %s: make both with the same da.Chunks option (for example da.Chunks(%d))",
				chunksString(x), chunksString(y), max(x.chunk, y.chunk))
		}
		ct, rt := types(op, x.dt, y.dt)
		nd := newNode(kBinary, rt, x.shape, x.chunk, x, y)
		nd.op, nd.ct = op, ct
		return wrap(nd)
	case *Scalar:
		if o == nil || o.in == nil {
			fail(name, "nil *da.Scalar")
		}
		ct, rt := types(op, x.dt, o.DType())
		nd := newNode(kConst, rt, x.shape, x.chunk, x)
		nd.op, nd.ct, nd.lazy = op, ct, o
		return wrap(nd)
	}
	k, ok := toConstant(other)
	if !ok {
		fail(name, "operand of type %T: give a *da.Array, a *da.Scalar or a number (int, float64, bool)", other)
	}
	ct, rt := types(op, x.dt, k.dt)
	nd := newNode(kConst, rt, x.shape, x.chunk, x)
	nd.op, nd.ct, nd.k = op, ct, k
	return wrap(nd)
}

func toConstant(v any) (constant, bool) {
	switch x := v.(type) {
	case int:
		return constant{dt: np.Int64, i: int64(x)}, true
	case int8:
		return constant{dt: np.Int64, i: int64(x)}, true
	case int16:
		return constant{dt: np.Int64, i: int64(x)}, true
	case int32:
		return constant{dt: np.Int64, i: int64(x)}, true
	case int64:
		return constant{dt: np.Int64, i: x}, true
	case uint:
		return constant{dt: np.Int64, i: int64(x)}, true
	case uint8:
		return constant{dt: np.Int64, i: int64(x)}, true
	case uint16:
		return constant{dt: np.Int64, i: int64(x)}, true
	case uint32:
		return constant{dt: np.Int64, i: int64(x)}, true
	case uint64:
		return constant{dt: np.Int64, i: int64(x)}, true
	case float32:
		return constant{dt: np.Float64, f: float64(x)}, true
	case float64:
		return constant{dt: np.Float64, f: x}, true
	case bool:
		return constant{dt: np.Bool, b: x}, true
	}
	return constant{}, false
}

// chunksString is the shape of a (full) chunk, as dask's chunksize.
func chunksString(n *node) string {
	if c := n.cols(); len(n.shape) == 2 {
		if n.n == 0 {
			return fmt.Sprintf("(%d, %d)", n.rows(), c)
		}
		return fmt.Sprintf("(%d, %d)", n.chunk/c, c)
	}
	if n.n == 0 {
		return "()"
	}
	return fmt.Sprintf("(%d,)", n.chunk)
}

// Add is a + other elementwise; other is an array with the same shape and
// chunks, a *Scalar or a number (arrays of different shapes are not
// broadcast, not even a row against a 2-D array). Int64 and bool operands give int64; a
// float64 operand gives float64.
func (a *Array) Add(other any) *Array { return a.binary(opAdd, other) }

// Sub is a - other elementwise, typed as [Array.Add].
func (a *Array) Sub(other any) *Array { return a.binary(opSub, other) }

// Mul is a * other elementwise, typed as [Array.Add].
func (a *Array) Mul(other any) *Array { return a.binary(opMul, other) }

// Div is a / other elementwise, always float64 (true division, as numpy's
// "/"): dividing by zero gives ±Inf or NaN.
func (a *Array) Div(other any) *Array { return a.binary(opDiv, other) }

// Less is a < other elementwise, a bool array.
func (a *Array) Less(other any) *Array { return a.binary(opLess, other) }

// LessEq is a <= other elementwise, a bool array.
func (a *Array) LessEq(other any) *Array { return a.binary(opLessEq, other) }

// Greater is a > other elementwise, a bool array.
func (a *Array) Greater(other any) *Array { return a.binary(opGreater, other) }

// GreaterEq is a >= other elementwise, a bool array.
func (a *Array) GreaterEq(other any) *Array { return a.binary(opGreaterEq, other) }

// Equal is a == other elementwise, a bool array.
func (a *Array) Equal(other any) *Array { return a.binary(opEqual, other) }

// NotEqual is a != other elementwise, a bool array.
func (a *Array) NotEqual(other any) *Array { return a.binary(opNotEqual, other) }

// And is a && other elementwise; both must be bool.
func (a *Array) And(other any) *Array { return a.binary(opAnd, other) }

// Or is a || other elementwise; both must be bool.
func (a *Array) Or(other any) *Array { return a.binary(opOr, other) }

// Not is !a elementwise; a must be bool.
func (a *Array) Not() *Array {
	x := a.node("Not")
	if x.dt != np.Bool {
		fail("Array.Not", "array of %s: Not needs a bool array (make one with a comparison such as Less)", x.dt)
	}
	nd := newNode(kUnary, np.Bool, x.shape, x.chunk, x)
	nd.op = opNot
	return wrap(nd)
}

// Sqrt is the square root elementwise, float64.
func (a *Array) Sqrt() *Array {
	x := a.node("Sqrt")
	nd := newNode(kUnary, np.Float64, x.shape, x.chunk, x)
	nd.op, nd.ct = opSqrt, np.Float64
	return wrap(nd)
}

// Pow is a**p elementwise. An int64 or bool array raised to a whole p >= 0
// stays int64 (as numpy's a**2); otherwise the result is float64.
func (a *Array) Pow(p float64) *Array {
	x := a.node("Pow")
	t := np.Float64
	if x.dt != np.Float64 && p >= 0 && p == math.Trunc(p) && p <= 1<<20 {
		t = np.Int64
	}
	nd := newNode(kUnary, t, x.shape, x.chunk, x)
	nd.op, nd.ct, nd.pow = opPow, t, p
	return wrap(nd)
}

// ---- reductions

// redOp is a reduction.
type redOp int

const (
	redSum redOp = iota
	redMean
	redMin
	redMax
	redCount
)

var redNames = [...]string{redSum: "sum", redMean: "mean", redMin: "min", redMax: "max", redCount: "count_nonzero"}

func (r redOp) name() string { return redNames[r] }

// Scalar is a lazy number: the reduction of an array, computed by
// [Scalar.Compute]. It can be the operand of an array operation, as in
// x.Sub(x.Mean()), and is then computed first.
type Scalar struct {
	red redOp
	in  *node
}

func (a *Array) reduce(r redOp, op string) *Scalar {
	x := a.node(op)
	if (r == redMin || r == redMax) && x.n == 0 {
		fail("Array."+op, "zero-size array has no %s: the reduction has no identity; check the array's length first", map[redOp]string{redMin: "minimum", redMax: "maximum"}[r])
	}
	return &Scalar{red: r, in: x}
}

// Sum is the sum of the elements: int64 for int64 and bool arrays (bools
// count as 0 and 1; int64 sums wrap around on overflow, as numpy's),
// float64 for float64 arrays.
func (a *Array) Sum() *Scalar { return a.reduce(redSum, "Sum") }

// Mean is the arithmetic mean, float64; NaN for an empty array.
func (a *Array) Mean() *Scalar { return a.reduce(redMean, "Mean") }

// Min is the smallest element; NaN if a float64 array holds a NaN, as
// numpy's min. It panics for an empty array.
func (a *Array) Min() *Scalar { return a.reduce(redMin, "Min") }

// Max is the largest element, as [Array.Min].
func (a *Array) Max() *Scalar { return a.reduce(redMax, "Max") }

// CountNonzero is the number of elements that are not zero (or true).
func (a *Array) CountNonzero() *Scalar { return a.reduce(redCount, "CountNonzero") }

// DType is the type of the result: int64 for counts and for sums, minima
// and maxima of int64 and bool arrays, float64 otherwise, as the np.Scalar
// that Compute returns.
func (s *Scalar) DType() np.DType {
	switch s.red {
	case redMean:
		return np.Float64
	case redCount:
		return np.Int64
	}
	if s.in.dt == np.Float64 {
		return np.Float64
	}
	return np.Int64
}
