package np

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"unsafe"

	"gopar/runtime/internal/sysmem"
)

// Memory.
//
// Arrays live in Go's heap and are allocated when they are made. Before an
// allocation of checkFrom bytes or more, the size is compared with the memory
// the machine can still give (sysmem.Available: on Linux MemAvailable in
// /proc/meminfo, bounded by a
// cgroup v2 limit where there is one, plus heap memory the Go runtime holds
// free and the memory recycle.go keeps for reuse); a request that would
// leave less than margin bytes is refused with an *Error before anything is
// allocated, so that the kernel is not killed by the system's OOM killer.
// Arrays of hugeFrom bytes or more are advised to use transparent huge
// pages (as numpy does), which makes first touching fresh memory several
// times faster.

const (
	checkFrom = 32 << 20  // requests from this size on are checked against available memory
	gcFrom    = 256 << 20 // before requests from this size on, collect garbage if large arrays were made since, or the heap would outgrow its goal
	margin    = 256 << 20 // memory left for the kernel and everything else
	hugeFrom  = 64 << 20  // arrays from this size on are advised to use huge pages
)

// elemSize is the size in bytes of one element of dtype d.
func elemSize(d DType) int {
	if d == Bool {
		return 1
	}
	return 8
}

// numel validates a shape given to a constructor and returns its element
// count: one or two non-negative dimensions whose product fits in memory.
func numel(op string, shape []int) int {
	switch len(shape) {
	case 0:
		throw(op, "no shape given; give one or two sizes, e.g. %s(5) or %s(2, 3)", op, op)
	case 1, 2:
	default:
		throw(op, "shape %s has %d dimensions; np arrays have 1 or 2", shapeString(shape), len(shape))
	}
	n := 1
	for _, d := range shape {
		if d < 0 {
			throw(op, "negative dimensions are not allowed: shape %s", shapeString(shape))
		}
	}
	big := 1.0
	for _, d := range shape {
		big *= float64(d)
		n *= d
	}
	if big > 1<<50 {
		throw(op, "shape %s has %.4g elements, more than any machine's memory holds; use a chunked da array, computed piece by piece", shapeString(shape), big)
	}
	return n
}

// makeData allocates the data slice of an array of n elements of dtype d,
// after checking that the machine can hold it (hint is added to the
// error's advice). With zero, the elements are zero, and fresh memory from
// the operating system is not touched here: it stays untouched (and
// uncounted) until written. Without, their values are undefined: the
// caller writes every one.
func makeData(op string, d DType, n int, hint string, zero bool) (i64 []int64, f64 []float64, b []bool) {
	reserve(op, d, n, hint)
	switch {
	case d == Int64 && zero:
		i64 = make([]int64, n)
	case d == Int64:
		i64 = makeNoZero[int64](n)
	case d == Float64 && zero:
		f64 = make([]float64, n)
	case d == Float64:
		f64 = makeNoZero[float64](n)
	case zero:
		b = make([]bool, n)
	default:
		b = makeNoZero[bool](n)
	}
	if n > 0 {
		switch d {
		case Int64:
			adviseHuge(unsafe.Pointer(&i64[0]), n*8)
		case Float64:
			adviseHuge(unsafe.Pointer(&f64[0]), n*8)
		default:
			adviseHuge(unsafe.Pointer(&b[0]), n)
		}
	}
	return
}

// newArray allocates an array of the given dtype and shape (validated by
// the caller) whose elements the caller then writes, every one of them.
func newArray(op string, d DType, shape []int, hint string) *Array {
	return allocArray(op, d, shape, hint, false)
}

// allocArray allocates an array of the given dtype and shape; with zero,
// its elements are zero, else undefined.
func allocArray(op string, d DType, shape []int, hint string, zero bool) *Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	a := &Array{dtype: d, shape: append([]int(nil), shape...)}
	a.i64, a.f64, a.b = makeData(op, d, n, hint, zero)
	return a
}

// reserve panics with an *Error if n elements of dtype d do not fit in the
// memory available now, first collecting garbage and returning free heap
// memory to the system if that would make room.
func reserve(op string, d DType, n int, hint string) {
	bytes := float64(n) * float64(elemSize(d))
	if bytes < checkFrom {
		return
	}
	if bytes > 1<<50 {
		throw(op, "%d %s elements need %s, more than any machine's memory; use a chunked da array, computed piece by piece", n, d, gib(bytes))
	}
	if bytes >= gcFrom {
		// Large arrays made since the last collection may be garbage by
		// now, or a collection is due anyway: collect first, so that this
		// array reuses their memory instead of growing the process (fresh
		// memory is also slower to touch than reused memory).
		if float64(bigSince.Load()) >= bytes/2 || heapWouldOutgrowGoal(uint64(bytes)) {
			runtime.GC()
			bigSince.Store(0)
		}
		defer bigSince.Add(int64(bytes))
	}
	avail, ok := available()
	if !ok || bytes+margin <= avail {
		return
	}
	dropRecycled()
	debug.FreeOSMemory()
	avail, _ = available()
	if bytes+margin <= avail {
		return
	}
	if hint == "" {
		hint = "free arrays you no longer need (set their variables to nil), or use a chunked da array, computed piece by piece"
	}
	throw(op, "%d %s elements need %s, but only %s of memory is available; %s", n, d, gib(bytes), gib(avail), hint)
}

// gib words a size in bytes in GiB (or MiB for small sizes).
func gib(b float64) string {
	if b < 1<<30 {
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", b/(1<<30))
}

// bigSince is the size of the large arrays made since reserve last ran a
// collection.
var bigSince atomic.Int64

var heapSamples = []metrics.Sample{
	{Name: "/gc/heap/goal:bytes"},
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/free:bytes"},
}

// heapWouldOutgrowGoal tells whether allocating n bytes would take the heap
// past the collector's goal.
func heapWouldOutgrowGoal(n uint64) bool {
	s := append([]metrics.Sample(nil), heapSamples[:2]...)
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return false
	}
	return s[1].Value.Uint64()+n > s[0].Value.Uint64()
}

// heapFree is the heap memory the Go runtime holds free for reuse.
func heapFree() float64 {
	s := append([]metrics.Sample(nil), heapSamples[2])
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return float64(s[0].Value.Uint64())
}

// available is the memory an allocation can use now: the system's
// available memory (sysmem.Available) plus the heap's free memory. ok is
// false where the system does not tell.
var available = func() (avail float64, ok bool) {
	sys, ok := sysmem.Available()
	if !ok {
		return 0, false
	}
	return sys + heapFree() + recycledBytes(), true
}
