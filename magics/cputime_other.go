//go:build !unix && !windows

package magics

// cpuTimes has no getrusage to read here: %time then shows only the wall
// time and %timeit -c falls back to it.
func cpuTimes() (user, sys float64, ok bool) { return 0, 0, false }
