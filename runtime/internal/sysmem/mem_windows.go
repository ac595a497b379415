package sysmem

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// memoryStatusEx is kernel32's MEMORYSTATUSEX.
type memoryStatusEx struct {
	length               uint32
	memoryLoad           uint32
	totalPhys            uint64
	availPhys            uint64
	totalPageFile        uint64
	availPageFile        uint64
	totalVirtual         uint64
	availVirtual         uint64
	availExtendedVirtual uint64
}

var globalMemoryStatusEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GlobalMemoryStatusEx")

// Available is the commit charge still available: Windows refuses an
// allocation beyond it.
func Available() (float64, bool) {
	m, ok := status()
	return float64(m.availPageFile), ok
}

// Total is the machine's physical memory.
func Total() (float64, bool) {
	m, ok := status()
	return float64(m.totalPhys), ok
}

func status() (memoryStatusEx, bool) {
	var m memoryStatusEx
	m.length = uint32(unsafe.Sizeof(m))
	ok, _, _ := globalMemoryStatusEx.Call(uintptr(unsafe.Pointer(&m)))
	return m, ok != 0
}
