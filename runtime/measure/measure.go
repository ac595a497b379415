// Package measure answers the questions of a parallel-computing workshop
// from a notebook cell: how many cores does this machine have, how busy
// is each of them, how much memory does a computation use over time, and
// how does its run time change with more workers.
//
//	measure.PhysicalCores()               // 4, where LogicalCores() is 8
//	measure.CoreLoads(0.25)               // [97 12 100 3]: percent per core
//	h := measure.MonitorCores(work, 0.25) // each core's load while work runs
//	mem := measure.MemoryUsage(sum, 0.01) // MiB, sampled while sum runs
//	s := measure.Scaling(work, 8, 3)      // best time of 3 runs for 1..8 workers
//	s.Plot()                              // speed-up against workers
//
// It also holds the results of the %timeit and %memit magics,
// TimeitResult and MemitResult, which cells get from "%timeit -o".
//
// Memory is read from /proc on Linux, ps on macOS and the working set on
// Windows; where none exists, RSS and MemoryUsage panic with an *Error
// saying so. Per-core load is read from /proc/stat on Linux and from the
// processors' counters on Windows; elsewhere CoreLoads and MonitorCores
// panic with an *Error saying so. Wrong arguments also panic with an
// *Error, which a notebook shows as the cell's error.
package measure

import "fmt"

// Error is what this package panics with (and what ReadRSS returns).
type Error struct {
	Op  string // the function, e.g. "MemoryUsage"
	Msg string // what is wrong, and what to do about it
	Err error  // the underlying error, if any
}

func (e *Error) Error() string { return "measure." + e.Op + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

func fail(op, format string, args ...any) {
	panic(&Error{Op: op, Msg: fmt.Sprintf(format, args...)})
}
