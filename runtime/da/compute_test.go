package da

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"sync"
	"testing"
	"time"

	"gopar/runtime/interrupt"
	"gopar/runtime/np"
)

// The interleaved lanes give the values of the plain sequential stream,
// whatever the lengths of the blocks.
func TestPCGLanes(t *testing.T) {
	for _, lens := range [][]int{{1024, 1024}, {1, 2, 3, 4, 5}, {1023, 7, 1024, 2}, {0, 3, 0, 1}} {
		var g, ref pcg
		g.seed(42, 7)
		ref.seed(42, 7)
		for _, n := range lens {
			got := make([]float64, n)
			sq := make([]float64, n)
			h := g
			g.fillUnit(got, false)
			h.fillUnit(sq, true)
			if h != g {
				t.Fatalf("squared fill left another state")
			}
			for k := range got {
				if want := unit(ref.next()); got[k] != want || sq[k] != want*want {
					t.Fatalf("lens %v: value %d is %v (squared %v), want %v", lens, k, got[k], sq[k], want)
				}
			}
		}
	}
	// The sequential stream is PCG: state' = a*state + inc.
	var g pcg
	g.seed(1, 0)
	s := g.s[0]
	for range 10 {
		if v := g.next(); v != pcgOut(s) {
			t.Fatalf("next() = %x, want pcgOut(%x)", v, s)
		}
		s = s*pcgMul + g.inc
	}
	// Chunks and seeds get different streams.
	var a, b, c pcg
	a.seed(1, 0)
	b.seed(1, 1)
	c.seed(2, 0)
	if a.next() == b.next() || a.next() == c.next() || a.inc == b.inc {
		t.Fatal("streams of different chunks or seeds coincide")
	}
}

func TestDeterminism(t *testing.T) {
	const n = 100_003
	mk := func(chunk int) *Array {
		x := Random(11, n, Chunks(chunk))
		y := Normal(12, 1, 2, n, Chunks(chunk))
		return x.Mul(y).Add(x.Pow(2)).Sub(Arange(n, Chunks(chunk)).Div(n))
	}
	ref := compute(t, mk(4099), Workers(1))
	refSum, _ := mk(4099).Sum().Compute(Workers(1))
	for _, w := range []int{1, 2, 3, 8} {
		got := compute(t, mk(4099), Workers(w))
		checkVals(t, fmt.Sprintf("Workers(%d)", w), got, ref)
		s, err := mk(4099).Sum().Compute(Workers(w))
		if err != nil || s != refSum {
			t.Fatalf("Workers(%d): sum %v, want exactly %v", w, s, refSum)
		}
	}
	// Same seed, same values; another seed, others.
	a := compute(t, Random(5, 1000, Chunks(100)))
	b := compute(t, Random(5, 1000, Chunks(100)))
	c := compute(t, Random(6, 1000, Chunks(100)))
	checkVals(t, "same seed", a, b)
	same := 0
	for k := range a.f {
		if a.f[k] == c.f[k] {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("seeds 5 and 6 share %d values", same)
	}
	// Chunk k of a random array does not depend on the length or on the
	// other chunks.
	long := compute(t, Random(5, 5000, Chunks(100)))
	checkVals(t, "prefix", vals{dt: np.Float64, f: long.f[:1000]}, a)
}

// Integer results do not depend on the chunks; float sums only in the last
// bits.
func TestChunkingIndependence(t *testing.T) {
	const n = 54_321
	intExpr := func(o Option) *Scalar {
		x := Arange(n, o)
		return x.Mul(x).Sub(x.Mul(7)).Add(x.Greater(n / 2)).Sum()
	}
	floatExpr := func(o Option) *Scalar {
		x := Linspace(-1, 2, n, o)
		return x.Pow(3).Add(x.Sqrt()).Sum() // NaN for negative x
	}
	floatExpr2 := func(o Option) *Scalar {
		x := Linspace(0, 2, n, o)
		return x.Pow(3).Add(x.Sqrt()).Mean()
	}
	one, _ := intExpr(Chunks(n)).ComputeInt()
	f1, _ := floatExpr2(Chunks(n)).ComputeFloat()
	for _, c := range []int{1000, 777, 1 << 14, 3} {
		got, err := intExpr(Chunks(c)).ComputeInt()
		if err != nil || got != one {
			t.Fatalf("Chunks(%d): int sum %d, single chunk %d", c, got, one)
		}
		f, err := floatExpr2(Chunks(c)).ComputeFloat()
		if err != nil || !closeTo(f, f1, 1e-13) || f == 0 {
			t.Fatalf("Chunks(%d): float mean %v, single chunk %v", c, f, f1)
		}
		if nan, _ := floatExpr(Chunks(c)).ComputeFloat(); !math.IsNaN(nan) {
			t.Fatalf("sum with NaNs = %v", nan)
		}
	}
}

func TestTreeReduction(t *testing.T) {
	type call struct{ level, group, size int }
	var mu sync.Mutex
	var calls []call
	testHooks.combine = func(level, group, size int) {
		mu.Lock()
		calls = append(calls, call{level, group, size})
		mu.Unlock()
	}
	defer func() { testHooks.combine = nil }()
	for _, c := range []struct {
		chunks int
		levels []int // combine tasks per level
	}{
		{1000, []int{125, 16, 2, 1}},
		{64, []int{8, 1}},
		{65, []int{9, 2, 1}},
		{8, []int{1}},
		{1, nil},
	} {
		calls = nil
		got, err := Arange(c.chunks*3, Chunks(3)).Add(0).Sum().ComputeInt(Workers(3))
		want := int64(c.chunks*3) * int64(c.chunks*3-1) / 2
		if err != nil || got != want {
			t.Fatalf("%d chunks: sum %d, %v; want %d", c.chunks, got, err, want)
		}
		perLevel := map[int]int{}
		for _, k := range calls {
			perLevel[k.level]++
			if k.size < 1 || k.size > fanIn {
				t.Fatalf("combine of %d partials", k.size)
			}
		}
		for l, n := range c.levels {
			if perLevel[l] != n {
				t.Fatalf("%d chunks: %d combine tasks at level %d, want %d (%v)", c.chunks, perLevel[l], l, n, perLevel)
			}
		}
		if len(perLevel) != len(c.levels) {
			t.Fatalf("%d chunks: levels %v, want %v", c.chunks, perLevel, c.levels)
		}
		if tasks := treeTasks(c.chunks); c.chunks > 1 && tasks != len(calls) {
			t.Fatalf("treeTasks(%d) = %d, ran %d", c.chunks, tasks, len(calls))
		}
	}
}

// Each chunk of each source is generated exactly once, however many
// operations use it, and the elementwise operations and the reduction run
// in the same task.
func TestFusion(t *testing.T) {
	type key struct {
		id    int64
		chunk int
	}
	var mu sync.Mutex
	gen := map[key]int{}
	testHooks.gen = func(nd *node, chunk, n int) {
		mu.Lock()
		gen[key{nd.id, chunk}] += n
		mu.Unlock()
	}
	defer func() { testHooks.gen = nil }()

	const n, chunk = 10_000, 999
	x := Random(1, n, Chunks(chunk))
	y := Random(2, n, Chunks(chunk))
	z := Arange(n, Chunks(chunk))
	exprs := map[string]func() (any, error){
		"pi": func() (any, error) {
			return x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero().Compute()
		},
		"shared": func() (any, error) {
			return x.Mul(x).Add(x.Pow(2)).Sub(y).Add(z.Mul(y)).Sum().Compute(Workers(2))
		},
		"array":  func() (any, error) { return x.Add(y).Mul(x).Compute() },
		"direct": func() (any, error) { return z.Sum().Compute() },
	}
	for name, f := range exprs {
		gen = map[key]int{}
		if _, err := f(); err != nil {
			t.Fatal(err)
		}
		if len(gen) == 0 {
			t.Fatalf("%s: no generation seen", name)
		}
		for k, got := range gen {
			want := min(chunk, n-k.chunk*chunk)
			if got != want {
				t.Fatalf("%s: chunk %d of node %d generated %d elements, want %d (once)", name, k.chunk, k.id, got, want)
			}
		}
	}

	// The pi pipeline compiles to a generator of x that squares its values
	// and a reduction that generates y, squares it, adds, compares and
	// counts in one loop: one block buffer per worker.
	red := redCount
	p := compile(x.Pow(2).Add(y.Pow(2)).LessEq(1).nd, &red, nil)
	if len(p.instrs) != 1 || !p.instrs[0].square || p.red.arith != opAdd || !p.red.fused || p.red.gen != 0 || !p.red.genSquare || p.banks != [3]int{0, 1, 0} {
		t.Fatalf("pi plan: %d instructions, reduction %+v, registers %v", len(p.instrs), p.red, p.banks)
	}
	// Arange(n).Sum() needs no buffer at all.
	red = redSum
	if p := compile(Arange(n).nd, &red, nil); p.direct == nil || len(p.instrs) != 0 {
		t.Fatal("Arange().Sum() is not computed directly")
	}
	// A chain of elementwise operations works in place: one register.
	a := Arange(n).Add(1).Mul(2).Sub(3).Pow(2)
	if p := compile(a.nd, nil, nil); p.banks != [3]int{1, 0, 0} {
		t.Fatalf("chain uses registers %v", p.banks)
	}
}

func allocDelta(f func()) (total uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Memory stays at a few blocks per worker whatever the size of the chunks.
func TestMemory(t *testing.T) {
	for _, c := range []struct {
		name  string
		f     func() error
		limit uint64
	}{
		{"Arange(2e8, Chunks(1<<24)).Sum()", func() error {
			s, err := Arange(200_000_000, Chunks(1<<24)).Sum().ComputeInt(Workers(2))
			if err == nil && s != 200_000_000*(200_000_000-1)/2 {
				err = fmt.Errorf("sum %d", s)
			}
			return err
		}, 64 << 10},
		{"Arange(5e7).Mul(2).Add(1).Sum()", func() error {
			_, err := Arange(50_000_000, Chunks(1<<24)).Mul(2).Add(1).Sum().Compute(Workers(2))
			return err
		}, 1 << 20},
		{"pi 2e7", func() error {
			x, y := Random(1, 20_000_000, Chunks(1<<24)), Random(2, 20_000_000, Chunks(1<<24))
			_, err := x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero().Compute(Workers(2))
			return err
		}, 1 << 20},
	} {
		var err error
		d := allocDelta(func() { err = c.f() })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		t.Logf("%s: %d bytes allocated", c.name, d)
		if d > c.limit {
			t.Errorf("%s allocated %d bytes, more than %d", c.name, d, c.limit)
		}
	}
}

var interruptedRE = regexp.MustCompile(`^da: computation interrupted after (\d+)/(\d+) chunks$`)

// stopsWhenCancelled runs each of long with a context cancelled after
// 100 ms: each must stop within a second with the interrupted error.
func stopsWhenCancelled(t *testing.T, long map[string]func(ctx context.Context) error) {
	t.Helper()
	for name, f := range long {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		err := f(ctx)
		cancel()
		took := time.Since(start)
		if err == nil || !interruptedRE.MatchString(err.Error()) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%s: error %v", name, err)
		}
		if took > time.Second {
			t.Fatalf("%s: stopped after %v", name, took)
		}
		t.Logf("%s: %v after %v", name, err, took)
	}
}

// stopsWhenInterrupted runs run while the cell is interrupted after 50 ms:
// it must stop within a second with the interrupted error, which is
// returned. The cell's interrupt context is restored after.
func stopsWhenInterrupted(t *testing.T, run func() error) error {
	t.Helper()
	ictx, icancel := context.WithCancel(context.Background())
	restore := interrupt.SetContext(ictx)
	defer restore()
	time.AfterFunc(50*time.Millisecond, icancel)
	start := time.Now()
	err := run()
	if err == nil || !interruptedRE.MatchString(err.Error()) || time.Since(start) > time.Second {
		t.Fatalf("interrupt: %v after %v", err, time.Since(start))
	}
	return err
}

func TestCancel(t *testing.T) {
	// A context cancelled before Compute: nothing runs.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Random(1, 1000, Chunks(10)).Sum().Compute(Context(ctx))
	if err == nil || err.Error() != "da: computation interrupted after 0/100 chunks" || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}

	// Cancelled while running: long computations (minutes) stop quickly.
	long := map[string]func(ctx context.Context) error{
		"normal sum": func(ctx context.Context) error {
			_, err := Normal(1, 0, 1, 1<<36, Chunks(1<<22)).Sum().Compute(Context(ctx), Progress(false))
			return err
		},
		"arange sum": func(ctx context.Context) error {
			_, err := Arange(1<<42, Chunks(1<<33)).Sum().Compute(Context(ctx), Progress(false))
			return err
		},
		"one huge chunk": func(ctx context.Context) error {
			_, err := Random(1, 1<<38, Chunks(1<<38)).Pow(2).Max().Compute(Context(ctx), Progress(false))
			return err
		},
	}
	stopsWhenCancelled(t, long)

	// An interrupt of the cell stops it too.
	err = stopsWhenInterrupted(t, func() error {
		_, err := Arange(1<<42, Chunks(1<<30)).Sum().Compute(Progress(false))
		return err
	})
	m := interruptedRE.FindStringSubmatch(err.Error())
	if m[2] != "4096" {
		t.Fatalf("total chunks in %q", err)
	}
	// Afterwards, computations run again.
	if s, err := Arange(10).Sum().Compute(); err != nil || s != np.IntScalar(45) {
		t.Fatalf("after the interrupt: %v, %v", s, err)
	}
}

// An array Compute that is interrupted returns no array.
func TestCancelArray(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	a, err := Normal(1, 0, 1, 10_000_000, Chunks(1<<16)).Compute(Context(ctx), Progress(false))
	if a != nil || err == nil || !interruptedRE.MatchString(err.Error()) {
		t.Fatalf("got %v, %v", a, err)
	}
}

// A source fused with its Pow(2) gives the squares of its values.
func TestSquaredSources(t *testing.T) {
	const n, chunk = 5000, 1500
	for name, mk := range map[string]func() *Array{
		"random":   func() *Array { return Random(3, n, Chunks(chunk)) },
		"uniform":  func() *Array { return Uniform(3, -1, 4, n, Chunks(chunk)) },
		"normal":   func() *Array { return Normal(3, 1, 2, n, Chunks(chunk)) },
		"linspace": func() *Array { return Linspace(-1, 4, n, Chunks(chunk)) },
	} {
		plain := compute(t, mk())
		sq := compute(t, mk().Pow(2))
		want := mapF(n, func(k int) float64 { return plain.f[k] * plain.f[k] })
		checkVals(t, name, sq, want)
		s, err := mk().Pow(2).Sum().ComputeFloat()
		if err != nil || !closeTo(s, refSum(want.f), 1e-12) {
			t.Fatalf("%s: sum of squares %v, want %v", name, s, refSum(want.f))
		}
	}
}

// A sum of int64 is an exact int64, as numpy's; a mean a float64.
func TestComputeDType(t *testing.T) {
	for _, c := range []struct {
		s    *Scalar
		want string
	}{
		{Arange(100_000_001, Chunks(1<<20)).Sum(), "5000000050000000"},
		{Arange(10).Less(4).CountNonzero(), "4"},
		{Arange(10).Mean(), "4.5"},
		{Linspace(0, 1, 5).Sum(), "2.5"},
	} {
		got, err := c.s.Compute()
		if err != nil || fmt.Sprint(got) != c.want || got.DType() != c.s.DType() {
			t.Errorf("%v.Compute() = %v (%v), %v; want %s (%v)", c.s, got, got.DType(), err, c.want, c.s.DType())
		}
	}
}
