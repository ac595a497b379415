package da

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"gopar/runtime/internal/progress"
	"gopar/runtime/interrupt"
	"gopar/runtime/np"
)

// ComputeOption configures [Array.Compute] and [Scalar.Compute]: [Workers],
// [Progress], [Context].
type ComputeOption func(*computeConfig)

type computeConfig struct {
	workers  int
	progress bool
	ctx      context.Context
}

// Workers runs the computation on n goroutines; 0 (the default) means one
// per core the Go runtime uses, runtime.GOMAXPROCS(0).
func Workers(n int) ComputeOption {
	if n < 0 {
		fail("Workers", "negative number of workers %d: give 1 or more, or 0 for one per core", n)
	}
	return func(c *computeConfig) { c.workers = n }
}

// Progress turns the progress bar of computations longer than a second on
// (the default) or off.
func Progress(on bool) ComputeOption { return func(c *computeConfig) { c.progress = on } }

// Context stops the computation when ctx is done, as an interrupt of the
// cell does. Compute then returns an error that wraps ctx.Err().
func Context(ctx context.Context) ComputeOption {
	if ctx == nil {
		fail("Context", "nil context: use context.Background()")
	}
	return func(c *computeConfig) { c.ctx = ctx }
}

func config(opts []ComputeOption) *computeConfig {
	c := &computeConfig{progress: true, ctx: context.Background()}
	for _, f := range opts {
		if f != nil {
			f(c)
		}
	}
	if c.workers == 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	return c
}

// fanIn is how many partials a reduction task combines, as dask's
// split_every.
const fanIn = 8

// testHooks observe computations in tests: gen sees each block (or, for a
// fused generator and reduction, chunk range) a source generates; combine
// sees each task of a reduction tree.
var testHooks struct {
	gen     func(nd *node, chunk, n int)
	combine func(level, group, size int)
}

// interruptedError is the error of a computation stopped by an interrupt
// of the cell or its Context option.
type interruptedError struct {
	done, total int
	cause       error
}

func (e *interruptedError) Error() string {
	return fmt.Sprintf("da: computation interrupted after %d/%d chunks", e.done, e.total)
}

func (e *interruptedError) Unwrap() error { return e.cause }

// Compute runs the graph and returns the array's values, an np array of
// the same shape.
//
// It runs one task per chunk on [Workers] goroutines (by default one per
// core). A task computes its chunk of the result through all the graph's
// operations at once, a block of a thousand elements at a time, writing
// straight into the result: no intermediate array is made. Lazy scalars
// the graph uses as operands (x.Sub(x.Mean())) and axis reductions
// (x.SumAxis(0).Mul(2)) are computed first, each in a computation of its
// own (with its own progress bar). A computation longer than a second shows a progress bar (see [Progress]).
//
// Compute returns an error, and no array, when the computation is
// interrupted: by an interrupt of the notebook cell or by the [Context]
// option's context. It panics with an *Error when the result does not fit
// in memory.
func (a *Array) Compute(opts ...ComputeOption) (*np.Array, error) {
	root := a.node("Compute")
	cfg := config(opts)
	if root.kind == kAxis { // computed as such, without a copy
		v, err := computeAxis(root, cfg)
		if err != nil {
			return nil, err
		}
		return v.Reshape(root.shape...), nil
	}
	root, err := prepare(root, cfg)
	if err != nil {
		return nil, err
	}
	consts, err := resolve(root, cfg)
	if err != nil {
		return nil, err
	}
	reserve("Array.Compute", int64(root.n)*int64(itemSize(root.dt)))
	p := compile(root, nil, consts)
	r := newRun(p, cfg)
	switch root.dt {
	case np.Float64:
		r.outF = make([]float64, root.n)
	case np.Int64:
		r.outI = make([]int64, root.n)
	default:
		r.outB = make([]bool, root.n)
	}
	if err := r.execute(); err != nil {
		return nil, err
	}
	switch root.dt {
	case np.Float64:
		return np.FromFloat64(r.outF, root.shape...), nil
	case np.Int64:
		return np.FromInt64(r.outI, root.shape...), nil
	}
	return np.FromBool(r.outB, root.shape...), nil
}

// Compute runs the graph and returns the number with its dtype, as
// numpy's: a sum of int64 is an exact int64 (use its Float or Int method
// for arithmetic; [Scalar.ComputeFloat] and [Scalar.ComputeInt] give the
// number directly).
//
// As [Array.Compute], it runs one fused task per chunk, which makes the
// chunk's partial result (a count, a sum, a minimum...) without making the
// chunk's arrays, and combines the partials 8 at a time in a tree of
// reduction tasks. It returns an error when the computation is interrupted.
func (s *Scalar) Compute(opts ...ComputeOption) (np.Scalar, error) {
	k, err := s.compute(config(opts))
	if err != nil {
		return np.FloatScalar(math.NaN()), err
	}
	return k.scalar(), nil
}

// ComputeFloat runs the graph and returns the number as a float64 (int64
// results beyond 2**53 rounded).
func (s *Scalar) ComputeFloat(opts ...ComputeOption) (float64, error) {
	k, err := s.compute(config(opts))
	if err != nil {
		return math.NaN(), err
	}
	return k.asFloat(), nil
}

// ComputeInt runs the graph and returns the number as an int64: exact for
// results of dtype int64 (counts, sums of int64 arrays), truncated towards
// zero for float64 ones.
func (s *Scalar) ComputeInt(opts ...ComputeOption) (int64, error) {
	k, err := s.compute(config(opts))
	if err != nil {
		return 0, err
	}
	return k.asInt(), nil
}

func (s *Scalar) check(op string) {
	if s == nil || s.in == nil {
		fail("Scalar."+op, "nil *da.Scalar: make scalars with reductions such as Sum")
	}
}

func (s *Scalar) compute(cfg *computeConfig) (constant, error) {
	s.check("Compute")
	in, err := prepare(s.in, cfg)
	if err != nil {
		return constant{}, err
	}
	consts, err := resolve(in, cfg)
	if err != nil {
		return constant{}, err
	}
	red := s.red
	p := compile(in, &red, consts)
	r := newRun(p, cfg)
	if err := r.execute(); err != nil {
		return constant{}, err
	}
	acc := p.accType()
	v := r.result
	switch {
	case red == redMean:
		sum := v.f
		if acc == np.Int64 {
			sum = float64(v.i)
		}
		return constant{dt: np.Float64, f: sum / float64(s.in.n)}, nil
	case acc == np.Float64:
		return constant{dt: np.Float64, f: v.f}, nil
	}
	return constant{dt: np.Int64, i: v.i}, nil
}

// resolve computes the lazy scalars root's graph uses as operands.
func resolve(root *node, cfg *computeConfig) (map[*Scalar]constant, error) {
	var consts map[*Scalar]constant
	for _, v := range topo(root) {
		if v.lazy == nil {
			continue
		}
		if _, ok := consts[v.lazy]; ok {
			continue
		}
		k, err := v.lazy.compute(cfg)
		if err != nil {
			return nil, err
		}
		if consts == nil {
			consts = map[*Scalar]constant{}
		}
		consts[v.lazy] = k
	}
	return consts, nil
}

// partial is a chunk's (or a group of chunks') part of a reduction: i for
// dtype int64, f for float64.
type partial struct {
	i int64
	f float64
}

func identity(r redOp, acc np.DType) partial {
	switch r {
	case redMin:
		return partial{i: math.MaxInt64, f: math.Inf(1)}
	case redMax:
		return partial{i: math.MinInt64, f: math.Inf(-1)}
	}
	return partial{}
}

func combine(r redOp, acc np.DType, a, b partial) partial {
	switch r {
	case redMin:
		if acc == np.Float64 {
			a.f = minF(a.f, []float64{b.f})
		}
		a.i = min(a.i, b.i)
	case redMax:
		if acc == np.Float64 {
			a.f = maxF(a.f, []float64{b.f})
		}
		a.i = max(a.i, b.i)
	default:
		a.i += b.i
		a.f += b.f
	}
	return a
}

// accType is the dtype of the plan's partials.
func (p *plan) accType() np.DType {
	if p.red != nil {
		return p.red.acc
	}
	return np.Int64 // a direct source's
}

// run is one execution of a plan.
type run struct {
	p     *plan
	cfg   *computeConfig
	next  atomic.Int64 // next chunk to take
	done  atomic.Int64 // chunks finished
	stop  atomic.Bool
	errMu sync.Mutex
	err   error

	// The reduction tree: levels[0] holds the chunks' partials, each next
	// level one partial per group of fanIn; the last level has one.
	levels [][]partial
	counts [][]atomic.Int32 // partials delivered per group
	result partial

	outF []float64
	outI []int64
	outB []bool

	ax *axisRun // for an axis reduction
}

func newRun(p *plan, cfg *computeConfig) *run {
	r := &run{p: p, cfg: cfg}
	if p.red == nil && p.direct == nil {
		return r
	}
	r.result = identity(p.redOp, p.accType())
	for n := p.nchunks; n > 0; n = (n + fanIn - 1) / fanIn {
		r.levels = append(r.levels, make([]partial, n))
		if n == 1 {
			break
		}
		r.counts = append(r.counts, make([]atomic.Int32, (n+fanIn-1)/fanIn))
	}
	return r
}

// treeTasks is the number of tasks of the reduction tree of n chunks.
func treeTasks(n int) int {
	t := 0
	for n > 1 {
		n = (n + fanIn - 1) / fanIn
		t += n
	}
	return max(t, 1)
}

// deliver stores the partial number i of a tree level. The worker that
// delivers the last partial of a group combines the group, in order, and
// delivers the result to the next level: the tree's tasks run as soon as
// their inputs are ready, on the worker that made the last one.
func (r *run) deliver(level, i int, v partial) {
	for {
		parts := r.levels[level]
		if len(parts) == 1 {
			r.result = v
			return
		}
		parts[i] = v
		g := i / fanIn
		lo := g * fanIn
		hi := min(lo+fanIn, len(parts))
		if int(r.counts[level][g].Add(1)) < hi-lo {
			return
		}
		acc := parts[lo]
		for _, w := range parts[lo+1 : hi] {
			acc = combine(r.p.redOp, r.p.accType(), acc, w)
		}
		if h := testHooks.combine; h != nil {
			h(level, g, hi-lo)
		}
		level, i, v = level+1, g, acc
	}
}

func (r *run) fail(err error) {
	r.errMu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.errMu.Unlock()
	r.stop.Store(true)
}

// execute runs the plan's chunk tasks on the workers, with the progress bar
// and the watch for interrupts.
func (r *run) execute() error {
	total := r.p.nchunks
	if total == 0 {
		return nil
	}
	ctx, ictx := r.cfg.ctx, interrupt.Context()
	stopCtx := context.AfterFunc(ctx, func() { r.stop.Store(true) })
	defer stopCtx()
	stopInt := context.AfterFunc(ictx, func() { r.stop.Store(true) })
	defer stopInt()
	if ctx.Err() != nil || ictx.Err() != nil {
		r.stop.Store(true)
	}

	var bar *progress.Bar
	if r.cfg.progress {
		bar = progress.Start(progressConfig, total, &r.done)
	}
	workers := min(r.cfg.workers, total)
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.work()
		}()
	}
	r.work()
	wg.Wait()

	done := int(r.done.Load())
	var err error
	switch {
	case r.err != nil:
		err = r.err
	case done < total:
		cause := ctx.Err()
		if cause == nil {
			cause = ictx.Err()
		}
		if cause == nil {
			cause = context.Canceled
		}
		err = &interruptedError{done: done, total: total, cause: cause}
	}
	if bar != nil {
		bar.Stop(progressNote(err))
	}
	return err
}

// work is a worker's loop: it takes the next chunk until there is none or
// the computation stops.
func (r *run) work() {
	w := newWorker(r.p)
	defer w.release()
	defer func() {
		if v := recover(); v != nil {
			r.fail(fmt.Errorf("da: internal error in a chunk task: %v\n%s", v, debug.Stack()))
		}
	}()
	reduce := r.p.red != nil || r.p.direct != nil
	cols := r.ax != nil && r.ax.sem != nil // an axis reduction down the columns
	for !r.stop.Load() {
		if cols && !r.ax.acquire(r) {
			return
		}
		c := int(r.next.Add(1) - 1)
		if c >= r.p.nchunks {
			return
		}
		if cols {
			w.vec = r.ax.get()
		}
		v, ok := w.chunk(r, c)
		if !ok {
			return
		}
		if reduce {
			r.deliver(0, c, v)
		}
		if cols {
			r.ax.deliver(c, w.vec)
		}
		r.done.Add(1)
	}
}

// ---- workers

var (
	poolF = sync.Pool{New: func() any { b := make([]float64, blockSize); return &b }}
	poolI = sync.Pool{New: func() any { b := make([]int64, blockSize); return &b }}
	poolB = sync.Pool{New: func() any { b := make([]bool, blockSize); return &b }}
)

// worker holds one goroutine's registers (block buffers from the pools)
// and generators.
type worker struct {
	p    *plan
	f    []*[]float64
	i    []*[]int64
	b    []*[]bool
	gens []gen
	vec  axisVec // the accumulators of the chunk of an axis reduction down the columns
	// scratch is a block of int64 for an axis reduction of short rows.
	scratch *[]int64
}

func newWorker(p *plan) *worker {
	w := &worker{p: p}
	for range p.banks[np.Float64] {
		w.f = append(w.f, poolF.Get().(*[]float64))
	}
	for range p.banks[np.Int64] {
		w.i = append(w.i, poolI.Get().(*[]int64))
	}
	for range p.banks[np.Bool] {
		w.b = append(w.b, poolB.Get().(*[]bool))
	}
	for _, s := range p.sources {
		w.gens = append(w.gens, s.newGen())
	}
	return w
}

func (w *worker) release() {
	for _, b := range w.f {
		poolF.Put(b)
	}
	for _, b := range w.i {
		poolI.Put(b)
	}
	for _, b := range w.b {
		poolB.Put(b)
	}
	if w.scratch != nil {
		poolI.Put(w.scratch)
		w.scratch = nil
	}
	w.f, w.i, w.b = nil, nil, nil
}

// chunk runs the plan on chunk c, block by block, and returns its partial;
// false when the computation stopped.
func (w *worker) chunk(r *run, c int) (partial, bool) {
	p := w.p
	lo := c * p.chunk
	hi := min(lo+p.chunk, p.n)
	if p.direct != nil {
		if h := testHooks.gen; h != nil {
			h(p.root, c, hi-lo)
		}
		return p.direct.direct(p.redOp, lo, hi, &r.stop)
	}
	for _, g := range w.gens {
		g.reset(c, lo)
	}
	acc := identity(p.redOp, p.accType())
	for off := lo; off < hi; off += blockSize {
		if r.stop.Load() {
			return acc, false
		}
		m := min(blockSize, hi-off)
		for k := range p.instrs {
			w.exec(r, &p.instrs[k], c, off, m)
		}
		if p.red != nil {
			acc = w.reduce(p.red, c, m, acc)
		} else if p.axis != nil {
			w.foldAxis(r, p.axis, off, m)
		}
	}
	return acc, true
}

func (w *worker) F(r reg, m int) []float64 { return (*w.f[r.i])[:m] }
func (w *worker) I(r reg, m int) []int64   { return (*w.i[r.i])[:m] }
func (w *worker) B(r reg, m int) []bool    { return (*w.b[r.i])[:m] }

func (w *worker) exec(r *run, in *instr, c, off, m int) {
	var df []float64
	var di []int64
	var db []bool
	switch {
	case in.output && in.dst.t == np.Float64:
		df = r.outF[off : off+m]
	case in.output && in.dst.t == np.Int64:
		di = r.outI[off : off+m]
	case in.output:
		db = r.outB[off : off+m]
	case in.dst.t == np.Float64:
		df = w.F(in.dst, m)
	case in.dst.t == np.Int64:
		di = w.I(in.dst, m)
	default:
		db = w.B(in.dst, m)
	}
	switch in.code {
	case iGen:
		g := w.gens[in.gen]
		switch {
		case in.square:
			if sg, ok := g.(squareGen); ok {
				sg.fillSquareF(df)
			} else {
				g.fillF(df)
				powF(df, df, 2)
			}
		case in.dst.t == np.Float64:
			g.fillF(df)
		case in.dst.t == np.Int64:
			g.fillI(di)
		default:
			g.fillB(db)
		}
		if h := testHooks.gen; h != nil {
			h(in.nd, c, m)
		}
	case iCast:
		switch {
		case in.ct == np.Int64 && in.dst.t == np.Float64:
			castIF(df, w.I(in.a, m))
		case in.ct == np.Bool && in.dst.t == np.Float64:
			castBF(df, w.B(in.a, m))
		default:
			castBI(di, w.B(in.a, m))
		}
	case iArithVV:
		if in.ct == np.Float64 {
			arithVV(in.op, df, w.F(in.a, m), w.F(in.b, m))
		} else {
			arithVV(in.op, di, w.I(in.a, m), w.I(in.b, m))
		}
	case iArithVK:
		if in.ct == np.Float64 {
			arithVK(in.op, df, w.F(in.a, m), in.k.f)
		} else {
			arithVK(in.op, di, w.I(in.a, m), in.k.i)
		}
	case iCmpVV:
		switch in.ct {
		case np.Float64:
			cmpVV(in.op, db, w.F(in.a, m), w.F(in.b, m))
		case np.Int64:
			cmpVV(in.op, db, w.I(in.a, m), w.I(in.b, m))
		default:
			cmpVV(in.op, db, w.B(in.a, m), w.B(in.b, m))
		}
	case iCmpVK:
		switch in.ct {
		case np.Float64:
			cmpVK(in.op, db, w.F(in.a, m), in.k.f)
		case np.Int64:
			cmpVK(in.op, db, w.I(in.a, m), in.k.i)
		default:
			cmpVK(in.op, db, w.B(in.a, m), in.k.b)
		}
	case iLogicVV:
		logicVV(in.op, db, w.B(in.a, m), w.B(in.b, m))
	case iLogicVK:
		logicVK(in.op, db, w.B(in.a, m), in.k.b)
	case iNot:
		not(db, w.B(in.a, m))
	case iSqrt:
		sqrtF(df, w.F(in.a, m))
	case iPow:
		if in.ct == np.Float64 {
			powF(df, w.F(in.a, m), in.pow)
		} else {
			powI(di, w.I(in.a, m), int64(in.pow))
		}
	}
}

func (w *worker) reduce(red *reduction, c, m int, acc partial) partial {
	if red.gen >= 0 {
		g := w.gens[red.gen].(*randomGen)
		acc.i += g.g.countAddUnit(red.cmp, w.F(red.a, m), red.genSquare, red.k.f)
		if h := testHooks.gen; h != nil {
			h(red.genNode, c, m)
		}
		return acc
	}
	if red.fused && red.arith >= 0 {
		acc.i += countArithCmpVK(red.arith, red.cmp, w.F(red.a, m), w.F(red.b, m), red.k.f)
		return acc
	}
	if red.fused {
		switch red.ct {
		case np.Float64:
			if red.hasK {
				acc.i += countCmpVK(red.cmp, w.F(red.a, m), red.k.f)
			} else {
				acc.i += countCmpVV(red.cmp, w.F(red.a, m), w.F(red.b, m))
			}
		case np.Int64:
			if red.hasK {
				acc.i += countCmpVK(red.cmp, w.I(red.a, m), red.k.i)
			} else {
				acc.i += countCmpVV(red.cmp, w.I(red.a, m), w.I(red.b, m))
			}
		default:
			if red.hasK {
				acc.i += countCmpVK(red.cmp, w.B(red.a, m), red.k.b)
			} else {
				acc.i += countCmpVV(red.cmp, w.B(red.a, m), w.B(red.b, m))
			}
		}
		return acc
	}
	in := red.in
	switch red.op {
	case redSum, redMean:
		switch in.t {
		case np.Float64:
			acc.f += sumF(w.F(in, m))
		case np.Int64:
			acc.i += sumI(w.I(in, m))
		default:
			acc.i += countB(w.B(in, m))
		}
	case redCount:
		switch in.t {
		case np.Float64:
			acc.i += countNZ(w.F(in, m))
		case np.Int64:
			acc.i += countNZ(w.I(in, m))
		default:
			acc.i += countB(w.B(in, m))
		}
	case redMin:
		if in.t == np.Float64 {
			acc.f = minF(acc.f, w.F(in, m))
		} else {
			acc.i = minI(acc.i, w.I(in, m))
		}
	case redMax:
		if in.t == np.Float64 {
			acc.f = maxF(acc.f, w.F(in, m))
		} else {
			acc.i = maxI(acc.i, w.I(in, m))
		}
	}
	return acc
}
