package bag

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/interrupt"
)

func TestInterruptBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	defer interrupt.SetContext(ctx)()
	_, err := FromSequence(make([]int, 1000), 0).Map(func(x int) int { return x }).Compute()
	var ie *interruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want an interrupt", err)
	}
	if !strings.HasPrefix(err.Error(), "bag: computation interrupted after ") {
		t.Errorf("error %q", err)
	}
}

// An interrupt stops the work within a partition: here 50,000 calls of a
// millisecond each.
func TestInterruptStopsLongWork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer interrupt.SetContext(ctx)()
	slow := func(x int) int { time.Sleep(time.Millisecond); return x }
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := FromSequence(make([]int, 100_000), 2).Map(slow).Sum().Compute()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want an interrupt", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

// A panic that ends a function of the notebook reaches the package as a
// panic of the interrupt; the computation reports the interrupt.
func TestInterruptPanicOfNativeCode(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer interrupt.SetContext(ctx)()
	stopped := func(x int) int {
		cancel()
		panic(errors.New("interrupted"))
	}
	_, err := FromSequence([]int{1, 2, 3}, 0).Map(stopped).Compute()
	var ie *interruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v, want an interrupt", err)
	}
}

// Partitions run at the same time: two that wait for each other finish.
func TestPartitionsInParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core")
	}
	var both sync.WaitGroup
	both.Add(2)
	meet := func(x int) int {
		both.Done()
		done := make(chan struct{})
		go func() { both.Wait(); close(done) }()
		select {
		case <-done:
			return x
		case <-time.After(10 * time.Second):
			panic("the other partition did not run meanwhile")
		}
	}
	check(t, FromSequence([]int{1, 2}, 2).Map(meet), []any{1, 2}, "")
}

// Many partitions, shared among goroutines, give the items in order.
func TestManyPartitions(t *testing.T) {
	xs := make([]int, 100_000)
	for i := range xs {
		xs[i] = i
	}
	b := FromSequence(xs, 10_000).Map(func(x int) int { return x + 1 })
	got, err := b.Compute()
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range got {
		if x != i+1 {
			t.Fatalf("item %d is %v", i, x)
		}
	}
	if s, err := b.Sum().Compute(); err != nil || s != 5000050000 {
		t.Fatal(s, err)
	}
}

// A failure stops the other partitions: their functions are not called
// on many more items.
func TestFailureStops(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	f := func(x int) int {
		mu.Lock()
		calls++
		mu.Unlock()
		if x == 0 {
			panic("zero")
		}
		time.Sleep(100 * time.Microsecond)
		return x
	}
	_, err := FromSequence(make([]int, 10_000), 4).Map(f).Compute()
	if err == nil || !strings.Contains(err.Error(), "panic: zero") {
		t.Fatal(err)
	}
	if calls > 1000 {
		t.Errorf("%d calls after the failure", calls)
	}
}
