package sysmem

import "golang.org/x/sys/unix"

// Available is the machine's physical memory: macOS compresses and
// swaps rather than refusing, and tells no "available" figure without
// cgo, so the check stops only requests larger than the machine.
func Available() (float64, bool) {
	total, err := unix.SysctlUint64("hw.memsize")
	if err != nil || total == 0 {
		return 0, false
	}
	return float64(total), true
}

// Total is the machine's physical memory.
func Total() (float64, bool) { return Available() }
