package da

import (
	"runtime/debug"

	"gopar/runtime/internal/sysmem"
)

// An array's Compute allocates its result in one piece. Before a large
// allocation the size is compared with the memory the machine can still
// give, so that a result too large for the machine is refused with an
// *Error instead of the kernel being killed by the operating system.

const (
	checkFrom = 32 << 20  // results from this size on are checked
	margin    = 256 << 20 // memory left for the kernel and everything else
)

// memAvailable is the memory the machine can still give in bytes (on
// Linux MemAvailable, within a cgroup's limit), or -1 where it is unknown.
// Tests replace it.
var memAvailable = func() int64 {
	if b, ok := sysmem.Available(); ok {
		return int64(b)
	}
	return -1
}

// reserve panics with an *Error if a result of size bytes does not fit in
// memory, after returning the heap's free memory to the system.
func reserve(op string, size int64) {
	if size < checkFrom {
		return
	}
	avail := memAvailable()
	if avail < 0 || size+margin <= avail {
		return
	}
	debug.FreeOSMemory()
	if avail = memAvailable(); size+margin <= avail {
		return
	}
	fail(op, "the result takes %s but the machine has %s available: compute a reduction (Sum, Mean, CountNonzero...) instead of the whole array, or a smaller array",
		byteSize(size), byteSize(max(avail, 0)))
}
