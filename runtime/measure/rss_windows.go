package measure

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// processMemoryCounters is psapi's PROCESS_MEMORY_COUNTERS.
type processMemoryCounters struct {
	cb                         uint32
	pageFaultCount             uint32
	peakWorkingSetSize         uintptr
	workingSetSize             uintptr
	quotaPeakPagedPoolUsage    uintptr
	quotaPagedPoolUsage        uintptr
	quotaPeakNonPagedPoolUsage uintptr
	quotaNonPagedPoolUsage     uintptr
	pagefileUsage              uintptr
	peakPagefileUsage          uintptr
}

var getProcessMemoryInfo = windows.NewLazySystemDLL("psapi.dll").NewProc("GetProcessMemoryInfo")

// readRSS is the working set, what psutil's memory_info().rss is on
// Windows.
func readRSS() (float64, error) {
	var c processMemoryCounters
	c.cb = uint32(unsafe.Sizeof(c))
	ok, _, err := getProcessMemoryInfo.Call(uintptr(windows.CurrentProcess()), uintptr(unsafe.Pointer(&c)), uintptr(c.cb))
	if ok == 0 {
		return 0, &Error{Op: "RSS", Err: err, Msg: "GetProcessMemoryInfo failed: " + err.Error()}
	}
	return float64(c.workingSetSize) / MiB, nil
}
