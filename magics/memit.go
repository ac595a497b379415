package magics

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"gopar/runtime/display"
	"gopar/runtime/measure"
)

func init() {
	register(&Magic{
		Name: "memit",
		Help: memitHelp,
		Line: func(ctx context.Context, env Env, args string, line int) (*Result, error) {
			return memitRun(ctx, env, args, "", false, line)
		},
		Cell: func(ctx context.Context, env Env, args, body string, line int) (*Result, error) {
			return memitRun(ctx, env, args, body, true, line)
		},
	})
}

const memitHelp = `%memit [-r<R>t<T>i<I>] statement
%%memit [-r<R>t<T>i<I>] setup_code
code...
code...

Measure memory usage of a Go statement

This function can be used both as a line and cell magic:

- In line mode you can measure a single-line statement (though multiple
  ones can be chained with semicolons).

- In cell mode, the statement in the first line is used as setup code
  (executed but not measured) and the body of the cell is measured.
  The cell body has access to any variables created in the setup code.

The memory is the process's resident set size (RSS), in MiB, sampled
while the statement runs; the increment is the peak less the memory in
use before it ran (after a garbage collection). It is read from
/proc/self/statm on Linux, ps on macOS and the working set on Windows.
While it runs, Go collects garbage once the heap outgrows its live data
by a tenth (not by all of it, Go's default), so that the figures follow
the live data as CPython's do; the statement runs slower for it.

Options:
-r<R>: repeat the measurement <R> times and report the highest peak.
Default: 1

-t<T>: timeout after <T> seconds. Default: None

-i<I>: Get memory information at an interval of I seconds.
    Defaults to 0.1 so that there is ten measurements per second.

-c: accepted for compatibility: the kernel runs no child processes to add.

-o: If present, return a object containing memit run details

-q: If present, be quiet and do not output a result.

Examples
--------
  %memit make([]byte, 100<<20)
  peak memory: 131.42 MiB, increment: 100.41 MiB

  %%memit n := 1000000
  xs := make([]int, n)
  peak memory: 39.14 MiB, increment: 7.63 MiB
`

// MemitResult is what "%memit -o" returns; the type lives in
// gopar/runtime/measure, where cells can name it.
type MemitResult = measure.MemitResult

// memProbe reads the process's memory and waits between samples; tests
// replace it to make sampling deterministic.
var memProbe = struct {
	// sample is the resident memory now, in MiB.
	sample func() (float64, error)
	// wait waits interval seconds or until stop is closed, and says
	// whether stop was closed.
	wait func(interval float64, stop <-chan struct{}) bool
}{sample: rssMiB, wait: waitInterval}

// rssMiB is the resident set size in MiB, read as measure.RSS reads it.
func rssMiB() (float64, error) {
	mib, err := measure.ReadRSS()
	if err != nil {
		return 0, fmt.Errorf("%%memit: %w", err)
	}
	return mib, nil
}

func waitInterval(interval float64, stop <-chan struct{}) bool {
	t := time.NewTimer(time.Duration(interval * float64(time.Second)))
	defer t.Stop()
	select {
	case <-stop:
		return true
	case <-t.C:
		return false
	}
}

// memitRun is %memit (cell false) and %%memit (cell true), as
// memory_profiler's MemoryProfilerMagics.memit.
func memitRun(ctx context.Context, env Env, args, body string, cell bool, line int) (*Result, error) {
	opts, stmt, err := parseOptions(args, "r:t:i:coq")
	if err != nil {
		return nil, err
	}
	setup, code, codeLine := "", stmt, line
	if cell {
		setup, code = stmt, body
	} else if strings.TrimSpace(stmt) == "" {
		return nil, usageError("%%memit needs a statement to measure, as in: %%memit make([]byte, 1<<20)")
	}
	repeat, err := intOption(opts, 'r', 1, "memit")
	if err != nil {
		return nil, err
	}
	timeout, err := floatOption(opts, 't', 0)
	if err != nil {
		return nil, err
	}
	interval, err := floatOption(opts, 'i', 0.1)
	if err != nil {
		return nil, err
	}
	if interval <= 0 {
		return nil, usageError("%%memit needs -i > 0")
	}
	_, includeChildren := opts['c']
	_, returnResult := opts['o']
	_, quiet := opts['q']
	timeout = max(timeout, 0) // memory_profiler: a timeout <= 0 is none
	// Fail before running anything where memory cannot be read.
	if _, err := memProbe.sample(); err != nil {
		return nil, err
	}

	// memory_profiler collects garbage first for steadier numbers; Go
	// also hands freed pages back so that RSS drops with them.
	runtime.GC()
	debug.FreeOSMemory()
	if strings.TrimSpace(setup) != "" {
		if _, err := env.Run(ctx, setup, line-1); err != nil {
			return nil, err
		}
	}
	baseline, err := memProbe.sample()
	if err != nil {
		return nil, err
	}
	defer measure.TightHeap()()
	var usage []float64
	for range repeat {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		peak, err := memoryUsage(ctx, env, code, codeLine, interval, timeout)
		if err != nil {
			return nil, err
		}
		usage = append(usage, peak)
	}
	res := MemitResult{
		MemUsage:        usage,
		Baseline:        baseline,
		Repeat:          repeat,
		Timeout:         timeout,
		Interval:        interval,
		IncludeChildren: includeChildren,
	}
	if !quiet {
		if len(usage) > 0 {
			fmt.Fprintln(env.Stdout(), res.String())
		} else {
			fmt.Fprintln(env.Stdout(), "ERROR: could not read memory usage, try with a lower interval or more iterations")
		}
	}
	if !returnResult {
		return nil, nil
	}
	return &Result{Display: &display.Bundle{Data: res.MIMEBundle()}, Value: res}, nil
}

// memoryUsage runs code while sampling memory, and returns the peak, as
// memory_profiler's memory_usage((f, args), max_usage=True, ...). When a
// run gave fewer than 5 samples it is run again with a ten times shorter
// interval, down to 1 µs, so that a quick statement is still measured;
// with a timeout (-t), at most round(timeout / interval) times, as
// memory_profiler. (memory_profiler without -t runs once only, and then
// may report a peak of one or two samples.)
func memoryUsage(ctx context.Context, env Env, code string, line int, interval, timeout float64) (float64, error) {
	maxIter := 0 // no limit but the interval's
	if timeout > 0 {
		maxIter = int(math.RoundToEven(timeout / interval))
	}
	for iter := 1; ; iter++ {
		peak, n, err := sampleWhile(interval, func() error {
			_, err := env.Run(ctx, code, line)
			return err
		})
		if err != nil {
			return 0, err
		}
		if n > 4 || iter == maxIter || interval < 1e-6 {
			return peak, nil
		}
		interval /= 10
	}
}

// sampleWhile calls run while sampling memory every interval seconds, as
// memory_profiler's MemTimer: one sample before, then samples until run
// returns, then one more. It returns the highest sample and how many were
// taken.
func sampleWhile(interval float64, run func() error) (peak float64, n int, err error) {
	peak, err = memProbe.sample()
	if err != nil {
		return 0, 0, err
	}
	n = 1
	stop := make(chan struct{})
	type result struct {
		peak float64
		n    int
		err  error
	}
	done := make(chan result, 1)
	go func() {
		r := result{peak: peak, n: n}
		stopping := false
		for {
			m, err := memProbe.sample()
			if err != nil {
				r.err = err
				break
			}
			r.peak = max(r.peak, m)
			r.n++
			if stopping {
				break
			}
			stopping = memProbe.wait(interval, stop)
		}
		if !stopping {
			<-stop // a sampling error: still wait for the run to end
		}
		done <- r
	}()
	runErr := func() error {
		defer close(stop) // even if run panics, so that the sampler ends
		return run()
	}()
	r := <-done
	if runErr != nil {
		return 0, 0, runErr
	}
	return r.peak, r.n, r.err
}

// floatOption reads a number option, def when absent.
func floatOption(opts map[byte]string, c byte, def float64) (float64, error) {
	v, ok := opts[c]
	if !ok {
		return def, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, usageError("%%memit: -%c takes a number, not %q", c, v)
	}
	return f, nil
}
