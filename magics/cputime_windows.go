package magics

import "golang.org/x/sys/windows"

// cpuTimes is the user and kernel CPU time the process has used so far,
// from GetProcessTimes (what Python's time.process_time adds up there).
func cpuTimes() (user, sys float64, ok bool) {
	var creation, exit, kernel, usr windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &creation, &exit, &kernel, &usr); err != nil {
		return 0, 0, false
	}
	// A Filetime counts 100 ns intervals.
	ticks := func(f windows.Filetime) float64 {
		return float64(uint64(f.HighDateTime)<<32|uint64(f.LowDateTime)) / 1e7
	}
	return ticks(usr), ticks(kernel), true
}
