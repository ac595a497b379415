package np

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the 2 MiB-aligned pages inside
// [p, p+n) with transparent huge pages (when the system's policy is
// "madvise", the default on many distributions). Faulting fresh memory in
// 2 MiB pages is several times faster than in 4 KiB ones; numpy does the
// same for its arrays. Only advice: errors are ignored.
func adviseHuge(p unsafe.Pointer, n int) {
	if n < hugeFrom {
		return
	}
	const huge = 2 << 20
	start := (uintptr(p) + huge - 1) &^ (huge - 1)
	end := (uintptr(p) + uintptr(n)) &^ (huge - 1)
	if end <= start {
		return
	}
	// The range lies inside the array's own allocation.
	b := unsafe.Slice((*byte)(unsafe.Add(p, start-uintptr(p))), end-start)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
