package sysmem

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// Available is MemAvailable of /proc/meminfo, within a cgroup v2
// memory limit where there is one.
func Available() (float64, bool) {
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

// Total is MemTotal of /proc/meminfo, within a cgroup v2 memory limit
// where there is one: what the kernel's memory limit is derived from.
func Total() (float64, bool) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	total := -1.0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
				total = kb * 1024
			}
			break
		}
	}
	if total < 0 {
		return 0, false
	}
	if limit, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if lim, err := strconv.ParseFloat(strings.TrimSpace(string(limit)), 64); err == nil {
			total = min(total, lim)
		}
	}
	return total, true
}
