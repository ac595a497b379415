package delayed

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"

	"gopar/runtime/internal/progress"
	"gopar/runtime/interrupt"
)

// Compute runs the tasks the promise needs and returns its value. Each
// task runs once, on at most runtime.GOMAXPROCS(0) goroutines at a time;
// see the package documentation for errors and interrupts.
func (d *Delayed) Compute() (any, error) {
	if d == nil {
		return nil, errors.New("delayed: Compute of a nil *delayed.Delayed: make promises with delayed.Call, Func or Value")
	}
	vs, err := ComputeContext(context.Background(), d)
	if err != nil {
		return nil, err
	}
	return vs[0], nil
}

// Compute computes several promises together, as dask.compute does: a
// task they share runs once. It returns their values in order.
func Compute(ds ...*Delayed) ([]any, error) {
	return ComputeContext(context.Background(), ds...)
}

// ComputeContext is [Compute] that also stops when ctx is done, as an
// interrupt of the notebook cell stops it; the error then wraps ctx.Err().
func ComputeContext(ctx context.Context, ds ...*Delayed) ([]any, error) {
	if ctx == nil {
		return nil, errors.New("delayed: ComputeContext: nil context: give context.Background() for none")
	}
	g, err := plan(ds)
	if err != nil {
		return nil, err
	}
	r := newRun(g)
	if err := r.execute(ctx); err != nil {
		return nil, err
	}
	vs := make([]any, len(g.roots))
	for i, j := range g.roots {
		vs[i] = r.results[j]
	}
	return vs, nil
}

// run is one computation of a graph.
type run struct {
	g       *graph
	results []any
	pending []atomic.Int32 // promised arguments not computed yet
	// refs counts the tasks yet to run that use a result, which is dropped
	// when none is left, unless keep (a root's).
	refs []atomic.Int32
	keep []bool

	ready    chan int32 // tasks whose arguments are all computed
	left     atomic.Int64
	done     atomic.Int64 // tasks finished, for the progress bar
	finished chan struct{}

	quit     chan struct{} // closed on failure or interrupt: workers stop
	quitOnce sync.Once
	err      error // the first task's error; written before quit closes
}

func newRun(g *graph) *run {
	n := len(g.nodes)
	r := &run{
		g:        g,
		results:  make([]any, n),
		pending:  make([]atomic.Int32, n),
		refs:     make([]atomic.Int32, n),
		keep:     make([]bool, n),
		ready:    make(chan int32, g.tasks), // every task is sent at most once: never blocks
		finished: make(chan struct{}),
		quit:     make(chan struct{}),
	}
	r.left.Store(int64(g.tasks))
	for _, i := range g.roots {
		r.keep[i] = true
	}
	for i, d := range g.nodes {
		if d.kind == kindValue {
			r.results[i] = d.value
		}
		for _, j := range g.depsOf(int32(i)) {
			r.refs[j].Add(1)
			if g.nodes[j].kind != kindValue {
				r.pending[i].Add(1)
			}
		}
	}
	return r
}

// stop ends the computation: err is the failure, nil when interrupted or
// done.
func (r *run) stop(err error) {
	r.quitOnce.Do(func() {
		r.err = err
		close(r.quit)
	})
}

// execute runs the graph's tasks on the workers, until all are done, one
// fails, or ctx or the cell is interrupted.
func (r *run) execute(ctx context.Context) error {
	total := r.g.tasks
	if total == 0 {
		return nil
	}
	ictx := interrupt.Context()
	if err := cause(ctx, ictx); err != nil {
		return &interruptedError{total: total, cause: err}
	}
	defer context.AfterFunc(ctx, func() { r.stop(nil) })()
	defer context.AfterFunc(ictx, func() { r.stop(nil) })()

	for i, d := range r.g.nodes {
		if d.kind != kindValue && r.pending[i].Load() == 0 {
			r.ready <- int32(i)
		}
	}
	bar := progress.Start(progressConfig, total, &r.done)
	for range min(runtime.GOMAXPROCS(0), total) {
		go r.work()
	}

	select {
	case <-r.finished:
	case <-r.quit:
	}
	r.stop(nil) // the workers waiting for tasks return
	var err error
	select {
	case <-r.finished:
	default:
		err = r.err
	}
	// An interrupt wins over what the tasks did: interrupted, a function
	// of a cell returns zero values, and compiled code panics.
	if c := cause(ctx, ictx); c != nil {
		err = &interruptedError{done: int(r.done.Load()), total: total, cause: c}
	}
	bar.Stop(progressNote(err))
	return err
}

// cause is why the computation was interrupted, or nil.
func cause(ctx, ictx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return ictx.Err()
}

// work is a worker's loop: it runs ready tasks until the computation
// ends. A task that makes one of its users ready runs that one next
// itself, which saves a trip through the channel along a chain.
func (r *run) work() {
	for {
		var i int32
		select {
		case i = <-r.ready:
		case <-r.quit:
			return
		}
		for i >= 0 {
			select {
			case <-r.quit:
				return
			default:
			}
			i = r.finish(i)
		}
	}
}

// finish runs task i and hands its result on; it returns a user of it now
// ready to run, or -1.
func (r *run) finish(i int32) int32 {
	v, err := r.exec(i)
	if err != nil {
		r.stop(err)
		return -1
	}
	r.results[i] = v
	for _, j := range r.g.depsOf(i) {
		if r.refs[j].Add(-1) == 0 && !r.keep[j] {
			r.results[j] = nil
		}
	}
	next := int32(-1)
	for _, u := range r.g.usersOf(i) {
		if r.pending[u].Add(-1) == 0 {
			if next < 0 {
				next = u
			} else {
				r.ready <- u
			}
		}
	}
	r.done.Add(1)
	if r.left.Add(-1) == 0 {
		close(r.finished)
	}
	return next
}

// exec runs task i: a call of its function, or a gather. A panic, the
// function's or not, ends the task, not the process.
func (r *run) exec(i int32) (v any, err error) {
	d := r.g.nodes[i]
	defer func() {
		if p := recover(); p != nil {
			err = panicError(d, p)
		}
	}()
	deps := r.g.depsOf(i)
	if d.kind == kindGather {
		vs := make([]any, len(d.args))
		for k, a := range d.args {
			switch {
			case a.dep != nil:
				vs[k] = r.results[deps[0]]
				deps = deps[1:]
			case a.val.IsValid():
				vs[k] = a.val.Interface()
			}
		}
		return vs, nil
	}
	in := make([]reflect.Value, len(d.args))
	for k, a := range d.args {
		if a.dep == nil {
			in[k] = a.val
			continue
		}
		arg, err := convert(r.results[deps[0]], d.sig.param(k))
		deps = deps[1:]
		if err != nil {
			return nil, fmt.Errorf("delayed: argument %d of %s, the result of %s: %w", k+1, d.title(), a.dep.Key(), err)
		}
		in[k] = arg
	}
	v, err = d.sig.results(d.fn.Call(in))
	if err != nil {
		return nil, &TaskError{Task: d.title(), Key: d.Key(), Err: err}
	}
	return v, nil
}

// TaskError is the error of a computation that stopped because a task
// failed: its function returned an error, or panicked.
type TaskError struct {
	Task  string // the task's name, as "add"
	Key   string // the promise's key
	Err   error  // what the function returned, or the panic as an error
	Panic bool   // the function panicked
}

func (e *TaskError) Error() string {
	if e.Panic {
		return fmt.Sprintf("delayed: task %s (%s) panicked: %v", e.Task, e.Key, e.Err)
	}
	return fmt.Sprintf("delayed: task %s (%s) failed: %v", e.Task, e.Key, e.Err)
}

func (e *TaskError) Unwrap() error { return e.Err }

func panicError(d *Delayed, p any) error {
	err, ok := p.(error)
	if !ok {
		err = fmt.Errorf("%v", p)
	}
	return &TaskError{Task: d.title(), Key: d.Key(), Err: err, Panic: true}
}

// interruptedError is the error of a computation stopped by an interrupt
// of the cell or by its context.
type interruptedError struct {
	done, total int
	cause       error
}

func (e *interruptedError) Error() string {
	return fmt.Sprintf("delayed: computation interrupted after %d of %d tasks", e.done, e.total)
}

func (e *interruptedError) Unwrap() error { return e.cause }
