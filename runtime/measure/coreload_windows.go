package measure

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platformCoreTicks asks NtQuerySystemInformation for each processor's
// times, as psutil does on Windows.
func platformCoreTicks() ([]coreTicks, error) {
	buf := make([]byte, processorPerformanceSize*max(runtime.NumCPU(), 64))
	for {
		var n uint32
		err := windows.NtQuerySystemInformation(windows.SystemProcessorPerformanceInformation,
			unsafe.Pointer(&buf[0]), uint32(len(buf)), &n)
		if errors.Is(err, windows.STATUS_INFO_LENGTH_MISMATCH) && len(buf) < 1<<20 {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if err != nil {
			return nil, &Error{Op: "NewCoreSampler", Err: err,
				Msg: fmt.Sprintf("cannot read the processors' times (NtQuerySystemInformation: %v)", err)}
		}
		ticks, err := parseProcessorPerformance(buf[:n])
		if err != nil {
			return nil, &Error{Op: "NewCoreSampler", Err: err, Msg: "unexpected processor times: " + err.Error()}
		}
		return ticks, nil
	}
}
