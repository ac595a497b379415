package delayed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gopar/runtime/interrupt"
)

func add(a, b int) int { return a + b }

func addAll(xs ...int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func mean(xs ...float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func meanOf(xs []float64) float64 { return mean(xs...) }

var errOdd = errors.New("odd number")

func half(x int) (int, error) {
	if x%2 != 0 {
		return 0, errOdd
	}
	return x / 2, nil
}

func divide(a, b int) int { return a / b }

func TestCompute(t *testing.T) {
	addD := Func(add)
	for _, c := range []struct {
		name  string
		build func() *Delayed
		want  any
	}{
		{"call", func() *Delayed { return Call(add, 1, 2) }, 3},
		{"decorated", func() *Delayed { return addD(1, 2) }, 3},
		{"promise argument", func() *Delayed { return addD(addD(1, 2), 3) }, 6},
		{"shared promise", func() *Delayed { x := addD(1, 2); return addD(x, addD(x, 3)) }, 9},
		{"variadic", func() *Delayed { return Call(addAll, 1, 2, 3) }, 6},
		{"variadic without arguments", func() *Delayed { return Call(addAll) }, 0},
		{"variadic promises", func() *Delayed { return Call(addAll, addD(1, 1), 3, addD(2, 2)) }, 9},
		{"value", func() *Delayed { return Value(5) }, 5},
		{"value argument", func() *Delayed { return addD(Value(5), 1) }, 6},
		{"value of a promise", func() *Delayed { return Value(addD(2, 2)) }, 4},
		{"int as float64", func() *Delayed { return Call(math.Sqrt, 16) }, 4.0},
		{"promised int as float64", func() *Delayed { return Call(math.Sqrt, addD(8, 8)) }, 4.0},
		{"int as uint64", func() *Delayed { return Call(func(x uint64) uint64 { return x }, 7) }, uint64(7)},
		{"gather", func() *Delayed { return Gather(addD(0, 0), addD(1, 1), addD(2, 2)) }, []any{0, 2, 4}},
		{"gather of nothing", func() *Delayed { return Gather() }, []any{}},
		{"gather as []float64", func() *Delayed { return Call(meanOf, Gather(Value(1.0), Value(2), Call(math.Sqrt, 9))) }, 2.0},
		{"slice of promises", func() *Delayed { return Call(meanOf, []*Delayed{Value(1), Value(2)}) }, 1.5},
		{"[]any with promises", func() *Delayed { return Call(meanOf, []any{1, Value(2.0), 6}) }, 3.0},
		{"variadic floats", func() *Delayed { return Func(mean)(Value(1), 2, Value(6.0)) }, 3.0},
		{"(T, error)", func() *Delayed { return Call(half, 8) }, 4},
		{"several results", func() *Delayed { return Call(func() (int, string) { return 1, "a" }) }, []any{1, "a"}},
		{"no result", func() *Delayed { return Call(func(int) {}, 1) }, nil},
		{"nil argument", func() *Delayed { return Call(func(p *int) bool { return p == nil }, nil) }, true},
		{"any parameter", func() *Delayed { return Call(fmt.Sprint, addD(1, 2), "x") }, "3x"},
		{"named", func() *Delayed { return Named("plus", add)(2, 3) }, 5},
		{"call of a Function", func() *Delayed { return Call(addD, 4, 4) }, 8},
		{"method value", func() *Delayed { return Call(strings.NewReplacer("a", "b").Replace, "aa") }, "bb"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.build().Compute()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestComputeErrors(t *testing.T) {
	addD := Func(add)
	for _, c := range []struct {
		name  string
		build func() *Delayed
		want  string // in the error
		is    error  // the error wraps it, if not nil
	}{
		{"not a function", func() *Delayed { return Call(5, 1) }, "5 (int) is not a function", nil},
		{"nil function", func() *Delayed { return Call(nil) }, "the function is nil", nil},
		{"nil func value", func() *Delayed { var f func(); return Call(f) }, "nil func()", nil},
		{"Func of a non-function", func() *Delayed { return Func("add")(1) }, `"add" (string) is not a function`, nil},
		{"too many arguments", func() *Delayed { return addD(1, 2, 3) }, "delayed.add takes 2 arguments, got 3", nil},
		{"too few arguments", func() *Delayed { return addD(1) }, "delayed.add takes 2 arguments, got 1", nil},
		{"variadic too few", func() *Delayed { return Call(fmt.Sprintf) }, "takes at least 1 argument, got 0", nil},
		{"wrong type", func() *Delayed { return addD(1, "2") }, `argument 2 of delayed.add: cannot use "2" (string) as int`, nil},
		{"float as int", func() *Delayed { return addD(1, 2.5) }, "cannot use 2.5 (float64) as int: the value does not fit", nil},
		{"negative as uint64", func() *Delayed { return Call(func(uint64) {}, -1) }, "cannot use -1 (int) as uint64", nil},
		{"nil as int", func() *Delayed { return addD(nil, 1) }, "cannot use nil as int", nil},
		{"promise of the wrong type", func() *Delayed { return addD(Call(strings.ToUpper, "a"), 1) }, "gives string, which cannot be used as int", nil},
		{"promised value of the wrong type", func() *Delayed { return addD(Call(func() any { return "x" }), 1) }, `argument 1 of delayed.add, the result of func-`, nil},
		{"nil promise", func() *Delayed { return addD((*Delayed)(nil), 1) }, "a nil *delayed.Delayed", nil},
		{"nil in Gather", func() *Delayed { return Gather(Value(1), nil) }, "promise 2 of 2 is a nil", nil},
		{"mistake in a dependency", func() *Delayed { return addD(addD(1, "x"), 1) }, `cannot use "x"`, nil},
		{"error returned", func() *Delayed { return Call(half, 3) }, "task delayed.half (delayed.half-", errOdd},
		{"error in a dependency", func() *Delayed { return addD(Call(half, 3), 1) }, "failed: odd number", errOdd},
		{"panic", func() *Delayed { return Call(divide, 1, 0) }, "task delayed.divide (delayed.divide-", nil},
		{"panic of a value", func() *Delayed { return Call(func() int { panic("boom") }) }, "panicked: boom", nil},
		{"panic of a named function", func() *Delayed { return Named("crash", func() int { panic("boom") })() }, "task crash (crash-", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.build().Compute()
			if err == nil {
				t.Fatalf("no error, value %#v", got)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q, want it to contain %q", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Fatalf("error %q does not wrap %q", err, c.is)
			}
		})
	}
}

func TestPanicIsTaskError(t *testing.T) {
	_, err := Call(divide, 1, 0).Compute()
	var te *TaskError
	if !errors.As(err, &te) || !te.Panic || te.Task != "delayed.divide" {
		t.Fatalf("error %#v, want a *TaskError of a panic in delayed.divide", err)
	}
	var re runtime.Error
	if !errors.As(err, &re) {
		t.Fatalf("error %q does not wrap the runtime error", err)
	}
}

func TestNilDelayed(t *testing.T) {
	var d *Delayed
	if _, err := d.Compute(); err == nil || !strings.Contains(err.Error(), "nil *delayed.Delayed") {
		t.Fatalf("Compute of nil: %v", err)
	}
	if _, err := Compute(Value(1), nil); err == nil || !strings.Contains(err.Error(), "promise 2 of 2") {
		t.Fatalf("Compute with nil: %v", err)
	}
	if d.String() != "Delayed('<nil>')" || d.Key() != "<nil>" {
		t.Fatalf("String of nil: %q", d.String())
	}
}

// The lesson's challenge: a promise that two others use is computed once
// per computation.
func TestSharedNodeComputedOnce(t *testing.T) {
	for _, c := range []struct {
		name    string
		compute func(x, y, z *Delayed) (any, error)
		want    any
		xRuns   int32 // how many times x runs
	}{
		{"z of x and y of x", func(_, _, z *Delayed) (any, error) { return z.Compute() }, 9, 1},
		{"y and z together", func(_, y, z *Delayed) (any, error) { return Compute(y, z) }, []any{6, 9}, 1},
		{"y, then z", func(_, y, z *Delayed) (any, error) {
			if _, err := y.Compute(); err != nil {
				return nil, err
			}
			return z.Compute()
		}, 9, 2},
		{"gather of x twice", func(x, _, _ *Delayed) (any, error) { return Gather(x, x).Compute() }, []any{3, 3}, 1},
		{"x taken twice", func(x, _, _ *Delayed) (any, error) { return Call(add, x, x).Compute() }, 6, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var runs atomic.Int32
			x := Call(func(a, b int) int { runs.Add(1); return a + b }, 1, 2)
			y := Call(add, x, 3)
			z := Call(add, x, y)
			got, err := c.compute(x, y, z)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			if n := runs.Load(); n != c.xRuns {
				t.Fatalf("x ran %d times, want %d", n, c.xRuns)
			}
		})
	}
}

// Independent tasks run in parallel, at most GOMAXPROCS at a time.
func TestParallel(t *testing.T) {
	for _, procs := range []int{1, 2, 3} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var running, most atomic.Int32
			task := func(i int) int {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(20 * time.Millisecond)
				running.Add(-1)
				return i
			}
			ds := make([]*Delayed, 12)
			for i := range ds {
				ds[i] = Call(task, i)
			}
			v, err := Gather(ds...).Compute()
			if err != nil {
				t.Fatal(err)
			}
			if got := v.([]any); len(got) != 12 || got[11] != 11 {
				t.Fatalf("got %v", got)
			}
			if m := most.Load(); m != int32(procs) {
				t.Fatalf("at most %d tasks ran at once, want %d", m, procs)
			}
		})
	}
}

// A computation stops at the first failure: tasks not started by then
// never run, those that need the failed one included.
func TestStopsAtFirstError(t *testing.T) {
	var ran atomic.Int32
	slow := func(i int) int {
		ran.Add(1)
		time.Sleep(5 * time.Millisecond)
		return i
	}
	ds := []*Delayed{Call(half, 3)}
	for i := range 200 {
		ds = append(ds, Call(slow, i))
	}
	ds = append(ds, Call(add, ds[0], 1))
	start := time.Now()
	_, err := Gather(ds...).Compute()
	if !errors.Is(err, errOdd) {
		t.Fatalf("error %v, want %v", err, errOdd)
	}
	if n := ran.Load(); n > 10 {
		t.Fatalf("%d tasks ran after the failure", n)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("the failed computation took %v", d)
	}
}

// An interrupt of the cell, or the end of ComputeContext's context, stops
// a computation at once, even while tasks still run; and when they all
// return at the interrupt (a cell's function returns zero values then),
// the computation is interrupted all the same.
func TestInterrupt(t *testing.T) {
	for _, how := range []string{"cell", "context", "before", "tasks return"} {
		t.Run(how, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			computeCtx := context.Background()
			if how == "cell" {
				defer interrupt.SetContext(ctx)()
			} else {
				computeCtx = ctx
			}
			if how == "before" {
				cancel()
			}
			var ran atomic.Int32
			block := make(chan struct{})
			defer close(block)
			ds := make([]*Delayed, 10)
			for i := range ds {
				ds[i] = Call(func() int {
					ran.Add(1)
					select {
					case <-block:
					case <-ctx.Done():
						if how != "tasks return" {
							<-block
						}
					}
					return 0
				})
			}
			time.AfterFunc(50*time.Millisecond, cancel)
			start := time.Now()
			_, err := ComputeContext(computeCtx, Gather(ds...))
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupted after") {
				t.Fatalf("error %v, want an interrupt", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Fatalf("the interrupt took %v", d)
			}
			if n := ran.Load(); how != "tasks return" && n > int32(runtime.GOMAXPROCS(0)) {
				t.Fatalf("%d tasks started", n)
			}
		})
	}
}

// Results are dropped once the tasks that need them have run; those
// asked for are kept.
func TestResultsDropped(t *testing.T) {
	x := Call(add, 1, 2)
	y := Call(add, x, 3)
	z := Call(add, y, x)
	g, err := plan([]*Delayed{z, x})
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(g)
	if err := r.execute(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[*Delayed]any{z: 9, x: 3, y: nil}
	for i, d := range g.nodes {
		if r.results[i] != want[d] {
			t.Errorf("result of %v is %v, want %v", d, r.results[i], want[d])
		}
	}
}

// A long chain of promises computes without recursion.
func TestLongChain(t *testing.T) {
	inc := Func(func(x int) int { return x + 1 })
	d := Value(0)
	const n = 200_000
	for range n {
		d = inc(d)
	}
	v, err := d.Compute()
	if err != nil || v != n {
		t.Fatalf("got %v, %v", v, err)
	}
}
