package np

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
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

// systemAvailable is MemAvailable of /proc/meminfo, within a cgroup v2
// memory limit where there is one.
func systemAvailable() (float64, bool) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	sys := -1.0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemAvailable:" {
			if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
				sys = kb * 1024
			}
			break
		}
	}
	if sys < 0 {
		return 0, false
	}
	if limit, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if lim, err := strconv.ParseFloat(strings.TrimSpace(string(limit)), 64); err == nil {
			if cur, err := os.ReadFile("/sys/fs/cgroup/memory.current"); err == nil {
				if used, err := strconv.ParseFloat(strings.TrimSpace(string(cur)), 64); err == nil {
					sys = min(sys, max(0, lim-used))
				}
			}
		}
	}
	return sys, true
}
