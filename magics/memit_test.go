package magics

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The expected strings are memory_profiler 0.61's MemitResult.__str__ on
// the same numbers.
func TestMemitResultString(t *testing.T) {
	for _, c := range []struct {
		usage    []float64
		baseline float64
		want     string
	}{
		{[]float64{7716.3249}, 86.2203, "peak memory: 7716.32 MiB, increment: 7630.10 MiB"},
		{[]float64{100.0, 150.005, 120.0}, 50.0, "peak memory: 150.00 MiB, increment: 100.00 MiB"},
		{[]float64{42.125}, 42.125, "peak memory: 42.12 MiB, increment: 0.00 MiB"},
		{[]float64{10.004999}, 0.0, "peak memory: 10.00 MiB, increment: 10.00 MiB"},
		{[]float64{33.335}, 1.0, "peak memory: 33.34 MiB, increment: 32.34 MiB"},
	} {
		r := MemitResult{MemUsage: c.usage, Baseline: c.baseline, Repeat: len(c.usage), Interval: 0.1}
		if got := r.String(); got != c.want {
			t.Errorf("%v - %v: %q, want %q", c.usage, c.baseline, got, c.want)
		}
	}
}

// fakeProbe replaces memProbe: samples come from values in order (the last
// one repeating), and each run's first freeWaits waits end at once, later
// ones only when the run is over.
type fakeProbe struct {
	mu        sync.Mutex
	values    []float64
	taken     int
	freeWaits int
	waitsLeft int
	intervals []float64
	err       error
}

func installProbe(t *testing.T, p *fakeProbe) {
	t.Helper()
	old := memProbe
	t.Cleanup(func() { memProbe = old })
	memProbe.sample = func() (float64, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.err != nil {
			return 0, p.err
		}
		v := p.values[min(p.taken, len(p.values)-1)]
		p.taken++
		return v, nil
	}
	memProbe.wait = func(interval float64, stop <-chan struct{}) bool {
		p.mu.Lock()
		if len(p.intervals) == 0 || p.intervals[len(p.intervals)-1] != interval {
			p.intervals = append(p.intervals, interval)
			p.waitsLeft = p.freeWaits
		}
		free := p.waitsLeft > 0
		p.waitsLeft--
		p.mu.Unlock()
		if free {
			return false
		}
		<-stop
		return true
	}
}

func TestMemitOutput(t *testing.T) {
	// Samples: the /proc check, the baseline, then the run's: one before,
	// then every interval while it runs (five in all), one after it.
	p := &fakeProbe{values: []float64{1, 10, 11, 50, 20}, freeWaits: 2}
	installProbe(t, p)
	env := newFakeEnv()
	b, err := RunCell(context.Background(), env, "%memit xs := make([]byte, 40<<20)")
	if err != nil || b != nil {
		t.Fatal(b, err)
	}
	if got, want := env.stdout.String(), "peak memory: 50.00 MiB, increment: 40.00 MiB\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	// Enough samples: one run.
	if len(env.runs) != 1 || env.runs[0] != (runCall{"xs := make([]byte, 40<<20)", 1}) {
		t.Errorf("runs %+v", env.runs)
	}
	if !slices.Equal(p.intervals, []float64{0.1}) {
		t.Errorf("intervals %v", p.intervals)
	}
}

func TestMemitRerunsWithShorterInterval(t *testing.T) {
	for _, c := range []struct {
		args      string
		freeWaits int
		intervals []float64
	}{
		// round(1 / 0.5) = 2 runs at most.
		{"-t 1 -i 0.5", 0, []float64{0.5, 0.05}},
		// Until the interval is under a microsecond.
		{"-t 10 -i0.5", 0, []float64{0.5, 0.05, 0.005, 0.0005, 5e-05, 5e-06, 5e-07}},
		// Five samples are enough: no re-run.
		{"-t 10 -i0.5", 2, []float64{0.5}},
		// Four are not.
		{"-t 1 -i 0.5", 1, []float64{0.5, 0.05}},
		// Without -t, until there are five or the interval is under a
		// microsecond.
		{"-i 0.5", 0, []float64{0.5, 0.05, 0.005, 0.0005, 5e-05, 5e-06, 5e-07}},
		{"-i 0.5", 2, []float64{0.5}},
	} {
		p := &fakeProbe{values: []float64{100}, freeWaits: c.freeWaits}
		installProbe(t, p)
		env := newFakeEnv()
		if _, err := RunCell(context.Background(), env, "%memit "+c.args+" f()"); err != nil {
			t.Fatal(err)
		}
		if len(p.intervals) != len(c.intervals) {
			t.Errorf("%s: intervals %v, want %v", c.args, p.intervals, c.intervals)
		} else {
			for i := range c.intervals {
				if d := p.intervals[i] - c.intervals[i]; d > 1e-12*c.intervals[i] || d < -1e-12*c.intervals[i] {
					t.Errorf("%s: intervals %v, want %v", c.args, p.intervals, c.intervals)
					break
				}
			}
		}
		if len(env.runs) != len(c.intervals) {
			t.Errorf("%s: %d runs, want %d", c.args, len(env.runs), len(c.intervals))
		}
	}
}

func TestMemitRepeatAndResult(t *testing.T) {
	// check, baseline, then three samples for each of three runs.
	p := &fakeProbe{values: []float64{0, 20, 21, 30, 22, 21, 25, 21, 21, 40, 21}}
	installProbe(t, p)
	env := newFakeEnv()
	b, err := RunCell(context.Background(), env, "m := %memit -r3 -q -o -c -t 0.1 f()\n")
	if err != nil || b != nil {
		t.Fatal(b, err)
	}
	if env.stdout.Len() != 0 {
		t.Errorf("-q printed %q", env.stdout.String())
	}
	r, ok := env.bound["m"].(MemitResult)
	if !ok {
		t.Fatalf("bound %#v", env.bound)
	}
	want := MemitResult{MemUsage: []float64{30, 25, 40}, Baseline: 20, Repeat: 3, Interval: 0.1, IncludeChildren: true}
	if !slices.Equal(r.MemUsage, want.MemUsage) || r.Baseline != want.Baseline || r.Repeat != 3 ||
		r.Interval != 0.1 || r.Timeout != 0.1 || !r.IncludeChildren {
		t.Errorf("result %+v, want %+v", r, want)
	}
	if r.Peak() != 40 || r.Increment() != 20 {
		t.Errorf("peak %v increment %v", r.Peak(), r.Increment())
	}

	// -o alone shows the result as IPython shows the object.
	installProbe(t, &fakeProbe{values: []float64{0, 20, 21, 30, 22}})
	env = newFakeEnv()
	b, err = RunCell(context.Background(), env, "%memit -o -t 0.1 f()")
	if err != nil {
		t.Fatal(err)
	}
	line := "peak memory: 30.00 MiB, increment: 10.00 MiB"
	if env.stdout.String() != line+"\n" || b == nil || b.Data["text/plain"] != "<MemitResult : "+line+">" {
		t.Errorf("printed %q, showed %+v", env.stdout.String(), b)
	}

	// -r 0 measures nothing: memory_profiler's message.
	installProbe(t, &fakeProbe{values: []float64{1}})
	env = newFakeEnv()
	if _, err := RunCell(context.Background(), env, "%memit -r 0 f()"); err != nil {
		t.Fatal(err)
	}
	if got := env.stdout.String(); got != "ERROR: could not read memory usage, try with a lower interval or more iterations\n" {
		t.Errorf("-r 0: %q", got)
	}
}

func TestMemitCell(t *testing.T) {
	installProbe(t, &fakeProbe{values: []float64{1}})
	env := newFakeEnv()
	if _, err := RunCell(context.Background(), env, "%%memit -q -t 0.1 n := 10\nxs := make([]int, n)\n_ = xs"); err != nil {
		t.Fatal(err)
	}
	want := []runCall{{"n := 10", 1}, {"xs := make([]int, n)\n_ = xs", 2}}
	if !slices.Equal(env.runs, want) {
		t.Errorf("runs %+v, want %+v", env.runs, want)
	}
}

func TestMemitErrors(t *testing.T) {
	installProbe(t, &fakeProbe{values: []float64{1}})
	env := newFakeEnv()
	boom := errors.New("boom")
	env.errs["f()"] = boom
	if _, err := RunCell(context.Background(), env, "%memit f()"); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if env.stdout.Len() != 0 {
		t.Errorf("printed %q for a failed statement", env.stdout.String())
	}
	for cell, want := range map[string]string{
		"%memit":            "UsageError: %memit needs a statement to measure, as in: %memit make([]byte, 1<<20)",
		"%memit -i 0 f()":   "UsageError: %memit needs -i > 0",
		"%memit -i x f()":   `UsageError: %memit: -i takes a number, not "x"`,
		"%memit -n 1 f()":   `UsageError: option -n not recognized ( allowed: "r:t:i:coq" )`,
		"%memit -r one f()": `UsageError: %memit: -r takes an integer, not "one"`,
	} {
		if _, err := RunCell(context.Background(), newFakeEnv(), cell); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v, want %s", cell, err, want)
		}
	}
	// Where memory cannot be read, nothing runs.
	noProbe := errors.New("no memory figure here")
	installProbe(t, &fakeProbe{err: noProbe})
	env = newFakeEnv()
	if _, err := RunCell(context.Background(), env, "%%memit setup()\nf()"); !errors.Is(err, noProbe) || len(env.runs) != 0 {
		t.Errorf("err = %v, runs %v", err, env.runs)
	}
}

// TestMemitRealProbe samples this process's own memory, read as
// measure.ReadRSS reads it: /proc on Linux, ps on macOS, the working set on
// Windows (runtime/measure/rss_*.go).
func TestMemitRealProbe(t *testing.T) {
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
	default:
		if _, err := rssMiB(); err == nil {
			t.Errorf("rssMiB on %s, where measure.ReadRSS is not implemented: no error", runtime.GOOS)
		}
		t.Skip("resident memory is read on Linux, macOS and Windows only")
	}
	mib, err := rssMiB()
	if err != nil || mib <= 0 {
		t.Fatalf("rssMiB = %v, %v", mib, err)
	}
	env := newFakeEnv()
	var keep []byte
	env.onRun = func(string) {
		keep = make([]byte, 32<<20)
		for i := range keep {
			keep[i] = 1 // touch the pages so that they count in RSS
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := RunCell(context.Background(), env, "%memit -i 0.002 f()"); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^peak memory: (\d+\.\d\d) MiB, increment: (\d+\.\d\d) MiB\n$`)
	m := re.FindStringSubmatch(env.stdout.String())
	if m == nil {
		t.Fatalf("output %q", env.stdout.String())
	}
	if inc, _ := strconv.ParseFloat(m[2], 64); inc < 16 {
		t.Errorf("a 32 MiB allocation shows an increment of %s MiB", m[2])
	}
	runtime.KeepAlive(keep)
}
