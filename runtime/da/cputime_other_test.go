//go:build !unix

package da

import "time"

// cpuTime is unknown here: the benchmarks' cpu-s/op reads zero.
func cpuTime() time.Duration { return 0 }
