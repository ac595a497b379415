package da

import (
	"math"
	"slices"
	"sync"
	"time"

	"gopar/runtime/np"
)

// Two-dimensional arrays are cut into chunks of whole rows, so the
// elements of a chunk are a contiguous range of the row-major order: the
// fused elementwise machinery works on them unchanged, on flat indices.
// A node's shape only matters where the graph is made (shape checks,
// Reshape, axis reductions) and shown.

// Reshape is the array with a new shape of one or two dimensions holding
// the same number of elements, as numpy's reshape: Reshape(rows, cols),
// Reshape(n) back to one dimension; one dimension may be -1, meaning
// whatever the others leave. The elements keep their row-major order.
//
// The chunks of a 2-D array are whole rows: when the chunk size is not a
// multiple of cols, the graph is rechunked to the chunk size rounded down
// to a whole number of rows (at least one row), as if the arrays it is made
// of had been made with that [Chunks] option. Random arrays then draw other
// values, since their values depend on the chunks (as dask's).
func (a *Array) Reshape(shape ...int) *Array {
	const op = "Array.Reshape"
	x := a.node("Reshape")
	shape = reshapeTo(op, x.n, shape)
	if slices.Equal(shape, x.shape) {
		return a
	}
	chunk := x.chunk
	if len(shape) == 2 {
		chunk = rowChunk(chunk, shape[1], x.n)
	}
	if chunk != x.chunk {
		x = rechunk(x, chunk)
	}
	nd := clone(x)
	nd.shape = shape
	return wrap(nd)
}

// reshapeTo checks a new shape for n elements, as numpy's reshape, and
// returns it with a -1 dimension filled in.
func reshapeTo(op string, n int, shape []int) []int {
	if len(shape) == 0 || len(shape) > 2 {
		fail(op, "shape %s has %d dimensions: da arrays have 1 or 2; give Reshape(rows, cols) or Reshape(n)", shapeString(shape), len(shape))
	}
	shape = append([]int(nil), shape...)
	unknown, known := -1, 1
	for i, d := range shape {
		switch {
		case d == -1 && unknown < 0:
			unknown = i
		case d == -1:
			fail(op, "can only specify one unknown dimension (-1) in shape %s", shapeString(shape))
		case d < 0:
			fail(op, "negative dimensions are not allowed: shape %s", shapeString(shape))
		case d > n && n > 0 || d > 1<<50:
			fail(op, "cannot reshape array of size %d into shape %s: the shape must hold exactly %d elements", n, shapeString(shape), n)
		default:
			known *= d
		}
	}
	if unknown >= 0 {
		if known == 0 {
			fail(op, "cannot reshape array of size %d into shape %s: with a 0 dimension, the -1 one cannot be worked out; give it", n, shapeString(shape))
		}
		if n%known != 0 {
			fail(op, "cannot reshape array of size %d into shape %s: %d is not a multiple of %d", n, shapeString(shape), n, known)
		}
		shape[unknown] = n / known
	} else if known != n {
		fail(op, "cannot reshape array of size %d into shape %s: the shape must hold exactly %d elements", n, shapeString(shape), n)
	}
	return shape
}

// clone is a copy of v as a new node of the graph.
func clone(v *node) *node {
	c := *v
	c.id = nodeIDs.Add(1)
	return &c
}

// rechunk is root's graph with chunks of chunk elements: each node is
// cloned with the new chunk size, sources included, down to the axis
// reductions, whose inputs keep their chunks (an axis reduction is
// computed before the graph that uses it). The clones below the root are
// flat, their shapes (n,): only the root's shape matters.
func rechunk(root *node, chunk int) *node {
	memo := map[*node]*node{}
	var walk func(v *node) *node
	walk = func(v *node) *node {
		if w, ok := memo[v]; ok {
			return w
		}
		w := clone(v)
		w.chunk = chunk
		w.shape = []int{v.n}
		if v.kind != kAxis {
			w.in = make([]*node, len(v.in))
			for i, u := range v.in {
				w.in[i] = walk(u)
			}
		}
		memo[v] = w
		return w
	}
	w := walk(root)
	w.shape = root.shape
	return w
}

// ---- axis reductions

var axisMethods = [...]string{redSum: "SumAxis", redMean: "MeanAxis", redMin: "MinAxis", redMax: "MaxAxis", redCount: "CountNonzeroAxis"}

func (a *Array) reduceAxis(r redOp, axis int) *Array {
	op := axisMethods[r]
	x := a.node(op)
	op = "Array." + op
	nd := len(x.shape)
	if axis < -nd || axis >= nd {
		if nd == 1 {
			fail(op, "axis %d is out of bounds for array of dimension 1: give 0 (or make the array 2-D with Reshape)", axis)
		}
		fail(op, "axis %d is out of bounds for array of dimension 2: give 0 (down each column, one result per column) or 1 (along each row, one result per row)", axis)
	}
	if axis < 0 {
		axis += nd
	}
	if (r == redMin || r == redMax) && x.shape[axis] == 0 {
		fail(op, "zero-size array to reduction operation %s which has no identity: the axis has length 0; check the shape first",
			map[redOp]string{redMin: "minimum", redMax: "maximum"}[r])
	}
	var dt np.DType
	switch r {
	case redSum:
		dt = np.Int64
		if x.dt == np.Float64 {
			dt = np.Float64
		}
	case redMean:
		dt = np.Float64
	case redCount:
		dt = np.Int64
	default:
		dt = x.dt
	}
	n := 1
	switch {
	case nd == 2 && axis == 0:
		n = x.cols()
	case nd == 2:
		n = x.rows()
	}
	v := newNode(kAxis, dt, []int{n}, chunkSize(op, n, dt, nil), x)
	v.axis, v.red = axis, r
	return wrap(v)
}

// SumAxis sums a 2-D array along axis, as numpy's sum(axis=...): 0 gives
// the column sums (cols values), 1 the row sums (rows values); for a 1-D
// array, axis 0 gives a 1-element array of the sum. int64 and bool arrays
// give int64 sums, float64 arrays float64 ones; -1 means the last axis.
//
// The result is a lazy 1-D array with automatic chunks (one chunk up to
// 16777216 values), which other operations can use: the reduction is
// computed first, when a computation needs it, without ever making a whole
// chunk of its input, and each computation that uses it computes it again.
// Out-of-range axes panic with an *Error.
func (a *Array) SumAxis(axis int) *Array { return a.reduceAxis(redSum, axis) }

// MeanAxis is the mean along axis (see [Array.SumAxis]), float64; NaN
// where the axis has length 0.
func (a *Array) MeanAxis(axis int) *Array { return a.reduceAxis(redMean, axis) }

// MinAxis is the minimum along axis (see [Array.SumAxis]), of the array's
// dtype; NaN where a float64 lane holds a NaN. It panics with an *Error
// when the axis has length 0, as numpy.
func (a *Array) MinAxis(axis int) *Array { return a.reduceAxis(redMin, axis) }

// MaxAxis is the maximum along axis, as [Array.MinAxis].
func (a *Array) MaxAxis(axis int) *Array { return a.reduceAxis(redMax, axis) }

// CountNonzeroAxis is the number of elements that are not zero (or true)
// along axis (see [Array.SumAxis]), int64.
func (a *Array) CountNonzeroAxis(axis int) *Array { return a.reduceAxis(redCount, axis) }

// ---- computing axis reductions

// prepare returns root's graph with each axis reduction replaced by a
// source of its values, computed now: the graph that Compute compiles.
func prepare(root *node, cfg *computeConfig) (*node, error) {
	if root.kind != kAxis && !root.axes {
		return root, nil
	}
	memo := map[*node]*node{}
	var walk func(v *node) (*node, error)
	walk = func(v *node) (*node, error) {
		if w, ok := memo[v]; ok {
			return w, nil
		}
		w := v
		if v.kind == kAxis {
			a, err := computeAxis(v, cfg)
			if err != nil {
				return nil, err
			}
			w = newNode(kSource, v.dt, v.shape, v.chunk)
			w.src = sliceOf(a, v.label())
		} else {
			var in []*node
			for i, u := range v.in {
				x, err := walk(u)
				if err != nil {
					return nil, err
				}
				if x != u && in == nil {
					in = append([]*node(nil), v.in...)
				}
				if in != nil {
					in[i] = x
				}
			}
			if in != nil {
				w = clone(v)
				w.in = in
			}
		}
		memo[v] = w
		return w, nil
	}
	return walk(root)
}

// sliceOf is the source of an eager array's data.
func sliceOf(a *np.Array, label string) *sliceSource {
	src := &sliceSource{label: label}
	switch a.DType() {
	case np.Float64:
		src.f = a.Float64s()
	case np.Int64:
		src.i = a.Int64s()
	default:
		src.b = a.Bools()
	}
	return src
}

// axisFold is the last step of an axis reduction's plan, per block: it
// folds the block of the input's values (register in) into the
// accumulators of its rows (axis 1) or columns (axis 0).
type axisFold struct {
	axis int
	red  redOp
	cols int
	in   reg
	acc  np.DType // dtype of the accumulators: float64, or int64 (bools as 0 and 1)
}

// computeAxis computes the axis reduction v: the plan of its input, run
// block by block as for Array.Compute, each block folded into accumulators
// instead of written out. Along rows (axis 1), the rows of a chunk belong
// to it alone and are folded straight into the result. Down the columns
// (axis 0), each chunk folds into a vector of cols accumulators, and the
// vectors are combined in chunk order, so the result does not depend on the
// number of workers.
func computeAxis(v *node, cfg *computeConfig) (*np.Array, error) {
	x, err := prepare(v.in[0], cfg)
	if err != nil {
		return nil, err
	}
	if len(x.shape) == 1 {
		k, err := (&Scalar{red: v.red, in: x}).compute(cfg)
		if err != nil {
			return nil, err
		}
		switch v.dt {
		case np.Float64:
			return np.FromFloat64([]float64{k.asFloat()}), nil
		case np.Int64:
			return np.FromInt64([]int64{k.asInt()}), nil
		}
		return np.FromBool([]bool{k.asInt() != 0}), nil
	}
	consts, err := resolve(x, cfg)
	if err != nil {
		return nil, err
	}
	op := "Array." + axisMethods[v.red]
	f := &axisFold{axis: v.axis, red: v.red, cols: x.cols(), acc: np.Int64}
	if x.dt == np.Float64 && v.red != redCount {
		f.acc = np.Float64
	}
	length := v.n
	reserve(op, 2*int64(length)*8)
	p := compile(x, nil, consts)
	last := &p.instrs[len(p.instrs)-1]
	last.output = false
	f.in = last.dst
	p.axis = f
	r := newRun(p, cfg)
	ax := &axisRun{f: f, n: length}
	r.ax = ax
	ax.resF, ax.resI = ax.vector()
	if f.axis == 0 {
		ax.window = 2*min(cfg.workers, max(p.nchunks, 1)) + 2
		ax.sem = make(chan struct{}, ax.window)
		ax.pending = map[int]axisVec{}
	}
	if err := r.execute(); err != nil {
		return nil, err
	}
	// The reduced axis's length, for means.
	lane := x.rows()
	if f.axis == 1 {
		lane = x.cols()
	}
	switch {
	case v.red == redMean:
		out := ax.resF
		if f.acc == np.Int64 {
			out = make([]float64, length)
			for i, s := range ax.resI {
				out[i] = float64(s)
			}
		}
		for i := range out {
			out[i] /= float64(lane)
		}
		return np.FromFloat64(out), nil
	case v.dt == np.Bool:
		out := make([]bool, length)
		for i, s := range ax.resI {
			out[i] = s != 0
		}
		return np.FromBool(out), nil
	case f.acc == np.Float64:
		return np.FromFloat64(ax.resF), nil
	}
	return np.FromInt64(ax.resI), nil
}

// axisVec is a vector of accumulators, of one of the two dtypes.
type axisVec struct {
	f []float64
	i []int64
}

// axisRun is the state of an axis reduction's run.
type axisRun struct {
	f    *axisFold
	n    int // length of the result, and of the chunks' vectors
	resF []float64
	resI []int64

	// Down the columns: chunk vectors wait in pending until those of all
	// the chunks before them are combined into the result; a worker takes
	// a chunk only with one of window tokens, given back when the chunk's
	// vector is combined, so that at most window vectors exist at once
	// however long a chunk takes.
	window  int
	sem     chan struct{}
	mu      sync.Mutex
	pending map[int]axisVec
	next    int // next chunk to combine
	free    []axisVec
}

// vector is a new vector of accumulators set to the reduction's identity.
func (ax *axisRun) vector() ([]float64, []int64) {
	var v axisVec
	if ax.f.acc == np.Float64 {
		v.f = make([]float64, ax.n)
	} else {
		v.i = make([]int64, ax.n)
	}
	ax.reset(v)
	return v.f, v.i
}

func (ax *axisRun) reset(v axisVec) {
	id := identity(ax.f.red, ax.f.acc)
	if v.f != nil {
		for j := range v.f {
			v.f[j] = id.f
		}
		return
	}
	for j := range v.i {
		v.i[j] = id.i
	}
}

// get is a chunk's vector, set to the identity.
func (ax *axisRun) get() axisVec {
	ax.mu.Lock()
	var v axisVec
	if k := len(ax.free); k > 0 {
		v = ax.free[k-1]
		ax.free = ax.free[:k-1]
	}
	ax.mu.Unlock()
	if v.f == nil && v.i == nil {
		v.f, v.i = ax.vector()
		return v
	}
	ax.reset(v)
	return v
}

// acquire takes a token to start a chunk, waiting while window chunks are
// not combined yet; false when the computation stopped meanwhile.
func (ax *axisRun) acquire(r *run) bool {
	select {
	case ax.sem <- struct{}{}:
		return true
	default:
	}
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case ax.sem <- struct{}{}:
			return true
		case <-t.C:
			if r.stop.Load() {
				return false
			}
		}
	}
}

// deliver hands chunk c's vector over; the vectors of the chunks that are
// next in order are combined into the result.
func (ax *axisRun) deliver(c int, v axisVec) {
	ax.mu.Lock()
	defer ax.mu.Unlock()
	ax.pending[c] = v
	for {
		v, ok := ax.pending[ax.next]
		if !ok {
			return
		}
		delete(ax.pending, ax.next)
		if v.f != nil {
			combineColsF(ax.f.red, ax.resF, v.f)
		} else {
			combineColsI(ax.f.red, ax.resI, v.i)
		}
		ax.free = append(ax.free, v)
		ax.next++
		<-ax.sem
	}
}

func combineColsF(red redOp, into, from []float64) {
	from = from[:len(into)]
	switch red {
	case redMin:
		for j, v := range from {
			if v < into[j] || v != v {
				into[j] = v
			}
		}
	case redMax:
		for j, v := range from {
			if v > into[j] || v != v {
				into[j] = v
			}
		}
	default:
		for j, v := range from {
			into[j] += v
		}
	}
}

func combineColsI(red redOp, into, from []int64) {
	from = from[:len(into)]
	switch red {
	case redMin:
		for j, v := range from {
			into[j] = min(into[j], v)
		}
	case redMax:
		for j, v := range from {
			into[j] = max(into[j], v)
		}
	default:
		for j, v := range from {
			into[j] += v
		}
	}
}

// foldAxis folds the block of m values at flat index off into the
// accumulators: those of the rows (axis 1, the result itself) or of the
// columns (axis 0, the worker's chunk vector).
func (w *worker) foldAxis(r *run, f *axisFold, off, m int) {
	var vf []float64
	var vi []int64
	var vb []bool
	switch f.in.t {
	case np.Float64:
		vf = w.F(f.in, m)
	case np.Int64:
		vi = w.I(f.in, m)
	default:
		vb = w.B(f.in, m)
	}
	ax := r.ax
	cols := f.cols
	row, col := off/cols, off%cols
	if cols < 16 { // short rows: element by element, without a call per row
		accF, accI := ax.resF, ax.resI
		if f.axis == 0 {
			accF, accI = w.vec.f, w.vec.i
		}
		if f.acc == np.Float64 {
			foldEach(f.red, f.axis, accF, vf, row, col, cols)
			return
		}
		red := f.red
		if red == redCount || vb != nil || vi == nil {
			if w.scratch == nil {
				w.scratch = poolI.Get().(*[]int64)
			}
			s := (*w.scratch)[:m]
			switch {
			case vb != nil:
				for k, x := range vb {
					s[k] = b2i(x)
				}
			case vf != nil:
				for k, x := range vf {
					s[k] = b2i(x != 0)
				}
			default:
				for k, x := range vi {
					s[k] = b2i(x != 0)
				}
			}
			vi = s
			if red == redCount {
				red = redSum
			}
		}
		foldEach(red, f.axis, accI, vi, row, col, cols)
		return
	}
	for j := 0; j < m; row, col = row+1, 0 {
		seg := min(cols-col, m-j)
		if f.axis == 1 {
			p := segment(f.red, vf, vi, vb, j, j+seg)
			if f.acc == np.Float64 {
				ax.resF[row] = foldF(f.red, ax.resF[row], p.f)
			} else {
				ax.resI[row] = foldI(f.red, ax.resI[row], p.i)
			}
		} else {
			switch {
			case vf != nil && f.acc == np.Float64:
				combineColsF(f.red, w.vec.f[col:col+seg], vf[j:j+seg])
			case vf != nil: // count
				countCols(w.vec.i[col:col+seg], vf[j:j+seg])
			case vi != nil && f.red == redCount:
				countCols(w.vec.i[col:col+seg], vi[j:j+seg])
			case vi != nil:
				combineColsI(f.red, w.vec.i[col:col+seg], vi[j:j+seg])
			default:
				boolCols(f.red, w.vec.i[col:col+seg], vb[j:j+seg])
			}
		}
		j += seg
	}
}

// foldEach folds values v, starting at (row, col) of rows of cols values,
// into the accumulators of the columns (axis 0) or rows (axis 1): the
// sums, or the minima or maxima (NaN if a value is NaN).
func foldEach[A number](red redOp, axis int, acc, v []A, row, col, cols int) {
	if axis == 0 {
		switch red {
		case redMin:
			for _, x := range v {
				if x < acc[col] || x != x {
					acc[col] = x
				}
				if col++; col == cols {
					col = 0
				}
			}
		case redMax:
			for _, x := range v {
				if x > acc[col] || x != x {
					acc[col] = x
				}
				if col++; col == cols {
					col = 0
				}
			}
		default:
			for _, x := range v {
				acc[col] += x
				if col++; col == cols {
					col = 0
				}
			}
		}
		return
	}
	switch red {
	case redMin:
		for _, x := range v {
			if x < acc[row] || x != x {
				acc[row] = x
			}
			if col++; col == cols {
				col, row = 0, row+1
			}
		}
	case redMax:
		for _, x := range v {
			if x > acc[row] || x != x {
				acc[row] = x
			}
			if col++; col == cols {
				col, row = 0, row+1
			}
		}
	default:
		for _, x := range v {
			acc[row] += x
			if col++; col == cols {
				col, row = 0, row+1
			}
		}
	}
}

func countCols[T number](acc []int64, v []T) {
	v = v[:len(acc)]
	for j, x := range v {
		acc[j] += b2i(x != 0)
	}
}

func boolCols(red redOp, acc []int64, v []bool) {
	v = v[:len(acc)]
	switch red {
	case redMin:
		for j, x := range v {
			acc[j] = min(acc[j], b2i(x))
		}
	case redMax:
		for j, x := range v {
			acc[j] = max(acc[j], b2i(x))
		}
	default:
		for j, x := range v {
			acc[j] += b2i(x)
		}
	}
}

// segment reduces values lo..hi-1 of a block (of the dtype whose slice is
// not nil) to a partial.
func segment(red redOp, vf []float64, vi []int64, vb []bool, lo, hi int) partial {
	var p partial
	switch {
	case vf != nil:
		s := vf[lo:hi]
		switch red {
		case redCount:
			p.i = countNZ(s)
		case redMin:
			p.f = minF(math.Inf(1), s)
		case redMax:
			p.f = maxF(math.Inf(-1), s)
		default:
			p.f = sumF(s)
		}
	case vi != nil:
		s := vi[lo:hi]
		switch red {
		case redCount:
			p.i = countNZ(s)
		case redMin:
			p.i = minI(math.MaxInt64, s)
		case redMax:
			p.i = maxI(math.MinInt64, s)
		default:
			p.i = sumI(s)
		}
	default:
		s := vb[lo:hi]
		c := countB(s)
		switch red {
		case redMin:
			p.i = b2i(c == int64(len(s)))
		case redMax:
			p.i = b2i(c > 0)
		default:
			p.i = c
		}
	}
	return p
}

func foldF(red redOp, a, b float64) float64 {
	switch red {
	case redMin:
		if b < a || b != b {
			return b
		}
		return a
	case redMax:
		if b > a || b != b {
			return b
		}
		return a
	}
	return a + b
}

func foldI(red redOp, a, b int64) int64 {
	switch red {
	case redMin:
		return min(a, b)
	case redMax:
		return max(a, b)
	}
	return a + b
}
