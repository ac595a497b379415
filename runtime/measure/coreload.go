package measure

import (
	"fmt"
	"math"
	"time"

	"gopar/runtime/interrupt"
)

// coreTicks is one logical CPU's time counters at one moment, in the
// platform's units (hundredths of a second on Linux, 100 ns on Windows):
// the time it spent busy and the time that passed, busy or idle.
type coreTicks struct {
	name        string // "cpu0", "cpu1", …
	busy, total uint64
}

// readCoreTicks reads every logical CPU's counters; tests replace it.
var readCoreTicks = platformCoreTicks

// MinCoreInterval and MaxCoreInterval bound the interval, in seconds,
// over which per-core load is measured: the system counts CPU time in
// hundredths of a second, so a shorter interval holds too few counts to
// say anything.
const (
	MinCoreInterval = 0.05
	MaxCoreInterval = 3600
)

// CoreSampler measures how busy each logical CPU was between one sample
// and the next, as psutil.cpu_percent(percpu=True) does: 100 means the
// core ran something (any process's, not only the kernel's) all the
// time, 0 that it was idle. It reads /proc/stat on Linux and the
// processors' performance counters on Windows; elsewhere NewCoreSampler
// says that it cannot.
type CoreSampler struct {
	names []string
	prev  map[string]coreTicks
}

// NewCoreSampler starts measuring: the first Sample gives each core's load
// since this call. It returns an *Error where per-core load cannot be read.
func NewCoreSampler() (*CoreSampler, error) {
	ticks, err := readCoreTicks()
	if err != nil {
		return nil, err
	}
	s := &CoreSampler{prev: make(map[string]coreTicks, len(ticks))}
	for _, t := range ticks {
		s.names = append(s.names, t.name)
		s.prev[t.name] = t
	}
	return s, nil
}

// Names are the cores' names, "cpu0", "cpu1", …, in the order of Sample's
// loads.
func (s *CoreSampler) Names() []string { return append([]string(nil), s.names...) }

// Sample gives each core's load in percent, from 0 to 100, since the
// previous sample (or since NewCoreSampler). A core that went offline
// since counts as idle; one that came online is left out, so that the
// cores stay those of Names.
func (s *CoreSampler) Sample() ([]float64, error) {
	ticks, err := readCoreTicks()
	if err != nil {
		return nil, err
	}
	now := make(map[string]coreTicks, len(ticks))
	for _, t := range ticks {
		now[t.name] = t
	}
	loads := make([]float64, len(s.names))
	for i, name := range s.names {
		cur, ok := now[name]
		if !ok {
			continue
		}
		loads[i] = percentBusy(s.prev[name], cur)
		s.prev[name] = cur
	}
	return loads, nil
}

// percentBusy is the share of the time between a and b that the core was
// busy. Counters that went backwards (Linux's iowait may) count as no
// time, and a core with no time counted as idle.
func percentBusy(a, b coreTicks) float64 {
	total := float64(b.total) - float64(a.total)
	if total <= 0 {
		return 0
	}
	busy := float64(b.busy) - float64(a.busy)
	return 100 * math.Min(math.Max(busy/total, 0), 1)
}

// CoreLoads is how busy each logical CPU is, in percent, measured over
// interval seconds (from MinCoreInterval to MaxCoreInterval), which it
// waits: what psutil.cpu_percent(interval, percpu=True) gives and what a
// system monitor shows per core. Interrupting the cell ends the wait; the
// loads are then those of the time waited. It panics with an *Error where
// per-core load cannot be read (it is read on Linux and Windows), or for
// a bad interval.
func CoreLoads(interval float64) []float64 {
	const op = "CoreLoads"
	if err := badCoreInterval(op, interval); err != nil {
		panic(err)
	}
	s, err := NewCoreSampler()
	if err != nil {
		panic(asOp(op, err))
	}
	wait := time.NewTimer(time.Duration(interval * float64(time.Second)))
	defer wait.Stop()
	select {
	case <-wait.C:
	case <-interrupt.Context().Done():
	}
	loads, err := s.Sample()
	if err != nil {
		panic(asOp(op, err))
	}
	return loads
}

// badCoreInterval is the error for an interval over which load cannot be
// measured, nil for a good one.
func badCoreInterval(op string, interval float64) *Error {
	if interval >= MinCoreInterval && interval <= MaxCoreInterval {
		return nil
	}
	return &Error{Op: op, Msg: fmt.Sprintf("the interval is %v seconds: give from %v to %v (0.25 samples four times a second)", interval, MinCoreInterval, MaxCoreInterval)}
}

// asOp gives err, an *Error of the platform's reader, the name of the
// function the cell called.
func asOp(op string, err error) *Error {
	if e, ok := err.(*Error); ok {
		return &Error{Op: op, Msg: e.Msg, Err: e.Err}
	}
	return &Error{Op: op, Msg: err.Error(), Err: err}
}
