// Package fuzzcheck holds a check the fuzz targets share: a small input
// must not make the code under test allocate without bound.
package fuzzcheck

import (
	"runtime"
	"testing"
)

// Base and PerByte bound what one fuzz input may allocate: Base bytes,
// plus PerByte for each byte of input. Real work on a small input stays
// far below; a length field read from the input and trusted, or a loop
// that never ends, goes far above.
const (
	Base    = 64 << 20
	PerByte = 4 << 10
)

// Allocs runs f and fails t if it allocated more than the bound for an
// input of size bytes. Allocations of other goroutines count too, so the
// bound is generous.
func Allocs(t testing.TB, size int, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	limit := uint64(Base) + uint64(PerByte)*uint64(size)
	if got := after.TotalAlloc - before.TotalAlloc; got > limit {
		t.Fatalf("a %d-byte input allocated %d MiB, more than the %d MiB allowed", size, got>>20, limit>>20)
	}
}
