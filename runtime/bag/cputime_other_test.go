//go:build !unix

package bag_test

import "time"

// cpuTime is unknown here: the benchmark's cpu-ns/item reads zero.
func cpuTime() time.Duration { return 0 }
