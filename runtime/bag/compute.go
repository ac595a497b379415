package bag

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gopar/runtime/internal/progress"
	"gopar/runtime/interrupt"
)

// Compute computes the bag and returns its items, partition after
// partition. It returns the first error of an operation, or an error when
// the notebook cell is interrupted.
func (b *Bag) Compute() ([]any, error) {
	n, err := b.input("Compute")
	if err != nil {
		return nil, err
	}
	return execute(n.work(), func(r *run) ([]any, error) {
		parts, err := r.stage(n, nil, "", false)
		if err != nil {
			return nil, err
		}
		size := 0
		for _, p := range parts {
			size += partLen(p)
		}
		out := make([]any, 0, size)
		for _, p := range parts {
			out = appendItems(out, p)
		}
		return out, nil
	})
}

// work is the number of partition tasks that computing n's partitions
// runs, which the progress bar counts.
func (n *node) work() int {
	base := n
	for base.kind == kindStep {
		base = base.in
	}
	total := n.nparts
	if base.kind == kindCombine {
		total += base.in.work()
	}
	return total
}

// run is one computation: its interrupt watch, progress and first error.
type run struct {
	ctx  context.Context
	stop atomic.Bool  // no new work: the computation failed or was interrupted
	done atomic.Int64 // partition tasks finished

	mu      sync.Mutex
	err     error
	errPart int
}

// execute runs compute, stopping it when the cell is interrupted and
// showing a progress bar of total partition tasks if it is long.
func execute[T any](total int, compute func(r *run) (T, error)) (T, error) {
	r := &run{ctx: interrupt.Context()}
	unwatch := context.AfterFunc(r.ctx, func() { r.stop.Store(true) })
	defer unwatch()
	if r.ctx.Err() != nil { // AfterFunc of a done context is late
		r.stop.Store(true)
	}
	bar := progress.Start(progressConfig, total, &r.done)
	v, err := compute(r)
	if err != nil && r.ctx.Err() != nil {
		err = &interruptedError{done: int(r.done.Load()), total: total, cause: context.Cause(r.ctx)}
	}
	bar.Stop(progressNote(err))
	return v, err
}

// interruptedError is the error of a computation stopped by an interrupt
// of the cell.
type interruptedError struct {
	done, total int
	cause       error
}

func (e *interruptedError) Error() string {
	return fmt.Sprintf("bag: computation interrupted after %d of %d partition tasks", e.done, e.total)
}

func (e *interruptedError) Unwrap() error { return e.cause }

// stage computes the partitions of n: every step of n since the last node
// that needs all partitions, fused, each partition on its own, then final
// (named finalOp in errors) on each result when final is not nil. reuse
// tells that final keeps nothing of the partition it is given, whose
// slice is then reused.
func (r *run) stage(n *node, final partFunc, finalOp string, reuse bool) ([]any, error) {
	var steps []*node
	base := n
	for base.kind == kindStep {
		steps = append(steps, base)
		base = base.in
	}
	slices.Reverse(steps)
	inputs, owned := base.parts, false
	if base.kind == kindCombine {
		partials, err := r.stage(base.in, base.part, base.op, true)
		if err != nil {
			return nil, err
		}
		if inputs, err = base.combine(partials); err != nil {
			return nil, fmt.Errorf("bag: %s: %w", base.op, err)
		}
		owned = true
	}
	out := make([]any, len(inputs))
	err := r.parallel(len(inputs), func(t *task, i int) error {
		p, own := inputs[i], owned
		for _, s := range steps {
			t.op = s.op
			var err error
			if p, err = s.step(t, p, own); err != nil {
				return err
			}
			own = true
		}
		if final != nil {
			t.op = finalOp
			v, err := final(t, p)
			if err != nil {
				return err
			}
			if own && reuse {
				t.keep(p)
			}
			p = v
		}
		out[i] = p
		return nil
	})
	return out, err
}

// parallel runs work for the partitions 0 to n-1 on up to GOMAXPROCS
// goroutines, until all are done or one fails.
func (r *run) parallel(n int, work func(t *task, i int) error) error {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			t := &task{run: r}
			for !r.stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t.part, t.op = i, ""
				if err := t.guard(i, work); err != nil {
					r.fail(i, err)
					return
				}
				r.done.Add(1)
			}
		})
	}
	wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil && r.stop.Load() {
		return errStopped
	}
	return r.err
}

// fail records the error of partition i and stops the computation; of
// the partitions that failed, the first one's error is kept.
func (r *run) fail(i int, err error) {
	r.stop.Store(true)
	if errors.Is(err, errStopped) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil || i < r.errPart {
		r.err, r.errPart = err, i
	}
}

// task is the work on one partition, as the functions applied to it see
// it. One goroutine uses it for partition after partition.
type task struct {
	run  *run
	op   string // the operation running, as errors name it
	part int

	// spare are slices of partitions that the goroutine finished with,
	// which the next partition's results reuse rather than allocate.
	spare []any
}

// maxSpare bounds the slices a task keeps for reuse.
const maxSpare = 4

// keep offers the slice p, which nothing uses any more, for reuse.
func (t *task) keep(p any) {
	if len(t.spare) < maxSpare {
		t.spare = append(t.spare, p)
	}
}

// slice is a []T of n items for a result: a spare one when the task has
// one large enough, else a new one. Its items are not zeroed.
func slice[T any](t *task, n int) []T {
	for i, p := range t.spare {
		if xs, ok := p.([]T); ok && cap(xs) >= n {
			t.spare = append(t.spare[:i], t.spare[i+1:]...)
			return xs[:n]
		}
	}
	return make([]T, n)
}

// errStopped ends a partition's work when the computation stops.
var errStopped = errors.New("bag: stopped")

// stopped tells whether the computation is to stop.
func (t *task) stopped() bool { return t.run.stop.Load() }

// stopEvery is how many items a loop handles between looks at stopped: a
// look costs little, and 64 calls of a slow function stay short.
const stopEvery = 64

// guard runs work for partition i, turning a panic that no item's loop
// caught into an error.
func (t *task) guard(i int, work func(t *task, i int) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bag: %s: partition %d: %w", t.op, t.part, panicError(r))
		}
	}()
	return work(t, i)
}

func (t *task) wrongItem(i int, x any, want reflect.Type) error {
	return fmt.Errorf("bag: %s: partition %d, item %d is %s: the function takes %s", t.op, t.part, i, describe(x), want)
}

// itemError is err, of item i (x) of the task's partition.
func (t *task) itemError(i int, x any, err error) error {
	return fmt.Errorf("bag: %s: partition %d, item %d (%s): %w", t.op, t.part, i, describe(x), err)
}

// panicked is the error of a function that panicked with r on item i (x).
func (t *task) panicked(r any, i int, x any) error { return t.itemError(i, x, panicError(r)) }

// panicError is the panic value r as an error. The interpreter gives the
// panic of a notebook cell's function as a reflect.Value.
func panicError(r any) error {
	if v, ok := r.(reflect.Value); ok && v.IsValid() && v.CanInterface() {
		r = v.Interface()
	}
	if err, ok := r.(error); ok {
		return fmt.Errorf("panic: %w", err)
	}
	return fmt.Errorf("panic: %v", r)
}
