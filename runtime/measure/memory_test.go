package measure

import (
	"errors"
	"io/fs"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// panics runs f and returns the *Error it panicked with, failing the test
// if it did not panic with one.
func panics(t *testing.T, f func()) *Error {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		f()
	}()
	err, ok := got.(*Error)
	if !ok {
		t.Fatalf("panicked with %#v, want a *measure.Error", got)
	}
	return err
}

// rssReadable skips a test where ReadRSS has no source (rss_other.go):
// it reads /proc on Linux, ps on macOS and the working set on Windows.
func rssReadable(t *testing.T) {
	t.Helper()
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
		return
	}
	t.Skip("resident memory is read on Linux, macOS and Windows only")
}

func TestRSS(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
	default:
		_, err := ReadRSS()
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ReadRSS on %s: %v, want a *measure.Error", runtime.GOOS, err)
		}
		panics(t, func() { RSS() })
	}
	rssReadable(t)
	freeMemory() // so that the allocation below needs new pages
	mib, err := ReadRSS()
	if err != nil || mib <= 1 || mib > 1<<20 {
		t.Fatalf("ReadRSS = %v, %v", mib, err)
	}
	var keep []byte
	keep = make([]byte, 64<<20)
	for i := 0; i < len(keep); i += 4096 {
		keep[i] = 1 // touch the pages so that they are resident
	}
	if after := RSS(); after-mib < 48 {
		t.Errorf("RSS %v MiB, then %v MiB after touching 64 MiB", mib, after)
	}
	runtime.KeepAlive(keep)
}

// TestMemoryUsageAllocation follows f allocating and touching 200 MiB.
func TestMemoryUsageAllocation(t *testing.T) {
	rssReadable(t)
	var keep []byte
	calls := 0
	samples := MemoryUsage(func() {
		calls++
		keep = make([]byte, 200<<20)
		for i := 0; i < len(keep); i += 4096 {
			keep[i] = 1
		}
		time.Sleep(100 * time.Millisecond)
	}, 0.01)
	peak := slices.Max(samples)
	t.Logf("%d samples, %d calls: baseline %.1f MiB, peak %.1f, final %.1f", len(samples), calls, samples[0], peak, samples[len(samples)-1])
	if peak-samples[0] < 150 {
		t.Errorf("increment %.1f MiB, want >= 150: %v", peak-samples[0], samples)
	}
	// f keeps its 200 MiB: the final sample, after garbage collection,
	// still counts them.
	if final := samples[len(samples)-1]; final-samples[0] < 150 {
		t.Errorf("final %.1f MiB, baseline %.1f MiB", final, samples[0])
	}
	if len(samples) < 6 {
		t.Errorf("%d samples: want the baseline and at least 5 more", len(samples))
	}
	keep = nil
	runtime.KeepAlive(keep)

	// Garbage that f leaves is collected before the final sample, as
	// CPython would have freed it by then.
	var sink atomic.Int64
	samples = MemoryUsage(func() {
		garbage := make([]byte, 200<<20)
		for i := 0; i < len(garbage); i += 4096 {
			garbage[i] = 1
		}
		sink.Add(int64(garbage[4096]))
		time.Sleep(100 * time.Millisecond)
	}, 0.01)
	peak, final := slices.Max(samples), samples[len(samples)-1]
	if peak-samples[0] < 150 {
		t.Errorf("garbage: baseline %.1f MiB, peak %.1f, final %.1f", samples[0], peak, final)
	}
	// Go hands freed pages back with madvise(MADV_DONTNEED) on Linux and
	// VirtualFree(MEM_DECOMMIT) on Windows, which leave the resident set
	// at once; macOS's MADV_FREE_REUSABLE may leave them counted in what ps
	// reports until the system needs them (golang/go#47656).
	if final-samples[0] > 50 && runtime.GOOS != "darwin" {
		t.Errorf("garbage: baseline %.1f MiB, peak %.1f, final %.1f", samples[0], peak, final)
	}
}

// fakeProbe replaces the memory probe and the wait between samples: a
// sample is 100 before f starts, 200 while it runs and 300 after it
// returns.
type fakeProbe struct {
	phase     atomic.Int64 // 0 before f, 1 during, 2 after
	taken     atomic.Int64
	mu        sync.Mutex
	intervals []float64
	free      bool // waits end at once, else only when f returns
}

func (p *fakeProbe) install(t *testing.T) {
	oldSample, oldWait := sample, wait
	t.Cleanup(func() { sample, wait = oldSample, oldWait })
	sample = func() (float64, error) {
		p.taken.Add(1)
		return 100 * float64(1+p.phase.Load()), nil
	}
	wait = func(interval float64, stop <-chan struct{}) bool {
		p.mu.Lock()
		if len(p.intervals) == 0 || p.intervals[len(p.intervals)-1] != interval {
			p.intervals = append(p.intervals, interval)
		}
		p.mu.Unlock()
		if p.free {
			select {
			case <-stop:
				return true
			default:
				runtime.Gosched()
				return false
			}
		}
		<-stop
		return true
	}
}

func TestMemoryUsageSamples(t *testing.T) {
	p := &fakeProbe{free: true}
	p.install(t)
	calls := 0
	samples := MemoryUsage(func() {
		calls++
		p.phase.Store(1)
		// Counted from here: the sampler may have sampled any number
		// of times before f started.
		for start := p.taken.Load(); p.taken.Load() < start+10; {
			runtime.Gosched() // let the sampler sample
		}
		p.phase.Store(2)
	}, 0.1)
	if calls != 1 || len(samples) < 6 {
		t.Fatalf("%d calls, samples %v", calls, samples)
	}
	if samples[0] != 100 {
		t.Errorf("first sample %v, want the baseline, before f", samples[0])
	}
	if last := samples[len(samples)-1]; last != 300 {
		t.Errorf("last sample %v, want one after f", last)
	}
	if !slices.Contains(samples, 200) {
		t.Errorf("no sample while f ran: %v", samples)
	}
	if !slices.Equal(p.intervals, []float64{0.1}) {
		t.Errorf("intervals %v", p.intervals)
	}
}

// TestMemoryUsageShortRuns: a run with fewer than 5 samples besides the
// baseline is run again with a ten times shorter interval, as
// memory_profiler does, until the interval is under a microsecond.
func TestMemoryUsageShortRuns(t *testing.T) {
	p := &fakeProbe{}
	p.install(t)
	calls := 0
	samples := MemoryUsage(func() { calls++ }, 0.1)
	// Each run: the baseline, a sample as f starts, one after it.
	if len(samples) != 3 || samples[0] != 100 || samples[2] != 100 {
		t.Errorf("samples %v", samples)
	}
	n := len(p.intervals)
	if calls != n || n < 6 || p.intervals[n-1] >= 1e-6 || p.intervals[n-2] < 1e-6 {
		t.Errorf("%d calls, intervals %v", calls, p.intervals)
	}
	for i := 1; i < n; i++ {
		if r := p.intervals[i-1] / p.intervals[i]; r < 9.999 || r > 10.001 {
			t.Errorf("intervals %v", p.intervals)
		}
	}
}

func TestMemoryUsageErrors(t *testing.T) {
	called := false
	f := func() { called = true }
	for _, c := range []struct {
		f        func()
		interval float64
		want     string
	}{
		{nil, 0.1, "measure.MemoryUsage: f is nil: give the function whose memory to follow"},
		{f, 0, "measure.MemoryUsage: the interval is 0: give the seconds between samples, such as 0.1 (memory_profiler's default)"},
		{f, -1, "measure.MemoryUsage: the interval is -1: give the seconds between samples, such as 0.1 (memory_profiler's default)"},
	} {
		if err := panics(t, func() { MemoryUsage(c.f, c.interval) }); err.Error() != c.want {
			t.Errorf("got  %s\nwant %s", err, c.want)
		}
	}
	// Where memory cannot be read, f is not called.
	old := sample
	t.Cleanup(func() { sample = old })
	sample = func() (float64, error) {
		return 0, &Error{Op: "RSS", Msg: "cannot read /proc/self/statm: resident memory is read from Linux's /proc, which this system lacks", Err: fs.ErrNotExist}
	}
	err := panics(t, func() { MemoryUsage(f, 0.1) })
	if !strings.HasPrefix(err.Error(), "measure.MemoryUsage: cannot read /proc/self/statm") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v", err)
	}
	if called {
		t.Error("f was called")
	}
}

// A panic in f goes on once the sampler has stopped.
func TestMemoryUsagePanic(t *testing.T) {
	p := &fakeProbe{}
	p.install(t)
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v", r)
		}
	}()
	MemoryUsage(func() { panic("boom") }, 0.1)
}

func TestTightHeap(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := TightHeap()
	if got := debug.SetGCPercent(measuringGCPercent); got != measuringGCPercent {
		t.Errorf("GC percent while measuring %d, want %d", got, measuringGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after measuring %d, want it restored to 100", got)
	}
}
