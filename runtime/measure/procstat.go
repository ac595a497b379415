package measure

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// parseProcStat reads the per-core lines of Linux's /proc/stat, "cpuN
// user nice system idle iowait irq softirq steal guest guest_nice" in
// hundredths of a second. Busy is everything but idle and iowait, as
// psutil and top count it; guest time is already part of user time. The
// parsing is kept apart from reading the file so that it is tested on
// every platform.
func parseProcStat(data []byte) ([]coreTicks, error) {
	var cores []coreTicks
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || !isCoreName(fields[0]) {
			continue
		}
		if len(fields) < 5 {
			return nil, fmt.Errorf("%s has %d counters, want at least 4", fields[0], len(fields)-1)
		}
		var counters [8]uint64 // user … steal
		for i, f := range fields[1:min(len(fields), 1+len(counters))] {
			n, err := strconv.ParseUint(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: counter %d: %w", fields[0], i+1, err)
			}
			counters[i] = n
		}
		var total uint64
		for _, n := range counters {
			total += n
		}
		idle := counters[3] + counters[4]
		cores = append(cores, coreTicks{name: fields[0], busy: total - idle, total: total})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cores) == 0 {
		return nil, fmt.Errorf("no cpuN lines")
	}
	return cores, nil
}

// isCoreName tells "cpu0", "cpu17" from "cpu", the line of all cores.
func isCoreName(s string) bool {
	digits, ok := strings.CutPrefix(s, "cpu")
	if !ok || digits == "" {
		return false
	}
	_, err := strconv.ParseUint(digits, 10, 32)
	return err == nil
}
