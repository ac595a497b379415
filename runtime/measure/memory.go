package measure

import (
	"math"
	"runtime"
	"runtime/debug"
	"time"
)

// MiB is the unit of every memory figure in this package: 2^20 bytes, as
// memory_profiler's "MiB".
const MiB = 1 << 20

// ReadRSS is the process's resident set size now, in MiB, what psutil's
// memory_info().rss and memory_profiler read: on Linux, pages of
// /proc/self/statm times the page size; on macOS, what ps reports; on
// Windows, the working set. Elsewhere, and where the source cannot be
// read, it returns an *Error that says so.
func ReadRSS() (float64, error) { return readRSS() }

// RSS is the process's resident set size now, in MiB (see ReadRSS). It
// panics with an *Error where that cannot be read.
func RSS() float64 {
	mib, err := ReadRSS()
	if err != nil {
		panic(err)
	}
	return mib
}

// measuringGCPercent is the collector's target while memory is measured:
// the heap may outgrow its live data by a tenth before a collection,
// rather than double it (GOGC=100).
const measuringGCPercent = 10

// TightHeap makes Go collect garbage soon, until restore is called, so
// that resident memory follows the live data as it does in CPython, which
// frees an object as soon as nothing refers to it. With Go's default, a
// loop that makes garbage as it fills a large array (an interpreted loop
// does, at each step) shows up to twice the array's size: %memit of
// filling 763 MiB reported 1,568 MiB. MemoryUsage and %memit measure
// under it; the code measured runs slower for the extra collections.
func TightHeap() (restore func()) {
	prev := debug.SetGCPercent(measuringGCPercent)
	return func() { debug.SetGCPercent(prev) }
}

// Hooks for tests: the memory probe, and the wait between samples (which
// reports whether stop was closed).
var (
	sample = ReadRSS
	wait   = func(interval float64, stop <-chan struct{}) bool {
		t := time.NewTimer(time.Duration(interval * float64(time.Second)))
		defer t.Stop()
		select {
		case <-stop:
			return true
		case <-t.C:
			return false
		}
	}
)

// MemoryUsage calls f and returns the process's resident memory in MiB
// over time, as memory_profiler's memory_usage(f, interval=interval): the
// baseline first, taken before f starts, then a sample as f starts and
// every interval seconds while it runs, and a final sample after it
// returns. Plotted against the sample number this is the workshop's
// memory-over-time figure.
//
// As memory_usage does, when a run gives fewer than five samples besides
// the baseline, f is run again with a ten times shorter interval, until
// there are enough or the interval is under a microsecond: a quick f
// runs several times.
//
// Go, unlike CPython, frees memory only when it collects garbage, so
// MemoryUsage collects garbage and hands freed pages back to the system
// before the baseline and before the final sample: the final sample then
// shows what f left in use, not garbage that Go has yet to collect.
//
// Where resident memory cannot be read (see ReadRSS), MemoryUsage panics
// with an *Error before calling f. A panic in f goes on after sampling stops.
func MemoryUsage(f func(), interval float64) []float64 {
	const op = "MemoryUsage"
	if f == nil {
		fail(op, "f is nil: give the function whose memory to follow")
	}
	if !(interval > 0) || math.IsInf(interval, 0) {
		fail(op, "the interval is %v: give the seconds between samples, such as 0.1 (memory_profiler's default)", interval)
	}
	if _, err := sample(); err != nil {
		msg := err.Error()
		if e, ok := err.(*Error); ok {
			msg = e.Msg
		}
		panic(&Error{Op: op, Err: err, Msg: msg})
	}
	for {
		samples, n := sampleWhile(f, interval)
		if n > 4 || interval < 1e-6 {
			return samples
		}
		interval /= 10
	}
}

// freeMemory collects garbage and returns freed pages to the system, so
// that the resident memory counts only live data.
func freeMemory() {
	runtime.GC()
	debug.FreeOSMemory()
}

// sampleWhile runs f once while sampling, as memory_profiler's MemTimer:
// the baseline, then a sample, a wait of interval or until f returns,
// and so on, with one last sample once f has returned. n counts the
// samples after the baseline.
func sampleWhile(f func(), interval float64) (samples []float64, n int) {
	defer TightHeap()()
	freeMemory()
	baseline := mustSample()
	stop := make(chan struct{})
	done := make(chan []float64, 1)
	go func() {
		var got []float64
		for stopping := false; ; {
			m, err := sample()
			if err != nil {
				break // cannot happen once the first sample worked
			}
			got = append(got, m)
			if stopping {
				break
			}
			stopping = wait(interval, stop)
		}
		done <- got
	}()
	var got []float64
	func() {
		// Also when f panics: the sampler stops before the panic goes on.
		defer func() {
			freeMemory()
			close(stop)
			got = <-done
		}()
		f()
	}()
	return append([]float64{baseline}, got...), len(got)
}

func mustSample() float64 {
	m, err := sample()
	if err != nil {
		panic(err)
	}
	return m
}
