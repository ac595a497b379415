package measure

import (
	"bufio"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Where the CPU topology is read from; tests point them at fake trees.
var (
	sysCPU   = "/sys/devices/system/cpu"
	cpuinfo  = "/proc/cpuinfo"
	numCPU   = runtime.NumCPU
	maxProcs = func() int { return runtime.GOMAXPROCS(0) }
)

// LogicalCores is the number of online logical CPUs (hardware threads),
// what psutil.cpu_count(), os.cpu_count() and lscpu's "CPU(s)" report. It
// can exceed runtime.NumCPU, which counts only the CPUs this process may
// run on.
func LogicalCores() int { return readTopology().threads }

// PhysicalCores is the number of physical cores, what
// psutil.cpu_count(logical=False) and lscpu's "Core(s) per socket" ×
// "Socket(s)" report: with hyper-threading, half of LogicalCores.
func PhysicalCores() int { return readTopology().cores }

// ThreadsPerCore is LogicalCores / PhysicalCores, lscpu's "Thread(s) per
// core": 2 with hyper-threading, else 1.
func ThreadsPerCore() int {
	t := readTopology()
	return max(t.threads/t.cores, 1)
}

// CPU describes the machine's processors, as lscpu does. It shows as a
// table in a notebook.
type CPU struct {
	Model          string // "model name" of /proc/cpuinfo, or GOARCH
	Sockets        int    // physical packages
	Cores          int    // physical cores, over all sockets
	Threads        int    // logical CPUs online: Cores × ThreadsPerCore
	ThreadsPerCore int
	NumCPU         int // logical CPUs this process may use: runtime.NumCPU
	GOMAXPROCS     int // how many goroutines Go runs at once
}

// CPUInfo describes the machine's processors.
func CPUInfo() CPU {
	t := readTopology()
	return CPU{
		Model:          t.model,
		Sockets:        t.sockets,
		Cores:          t.cores,
		Threads:        t.threads,
		ThreadsPerCore: max(t.threads/t.cores, 1),
		NumCPU:         numCPU(),
		GOMAXPROCS:     maxProcs(),
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// String is a one-line summary, e.g. "AMD EPYC: 1 socket, 4 cores, 8
// threads (2 per core)".
func (c CPU) String() string {
	return fmt.Sprintf("%s: %s, %s, %s (%d per core)", c.Model,
		plural(c.Sockets, "socket"), plural(c.Cores, "core"), plural(c.Threads, "thread"), c.ThreadsPerCore)
}

func (c CPU) rows() [][2]string {
	return [][2]string{
		{"Model name", c.Model},
		{"Socket(s)", strconv.Itoa(c.Sockets)},
		{"Core(s) per socket", strconv.Itoa(c.Cores / max(c.Sockets, 1))},
		{"Thread(s) per core", strconv.Itoa(c.ThreadsPerCore)},
		{"CPU(s)", strconv.Itoa(c.Threads)},
		{"runtime.NumCPU()", strconv.Itoa(c.NumCPU)},
		{"GOMAXPROCS", strconv.Itoa(c.GOMAXPROCS)},
	}
}

// MIMEBundle shows the CPU as a table with lscpu's row names.
func (c CPU) MIMEBundle() map[string]any {
	var b strings.Builder
	b.WriteString("<table>\n")
	for _, r := range c.rows() {
		fmt.Fprintf(&b, "  <tr><th style=\"text-align: left;\">%s</th><td style=\"text-align: left;\">%s</td></tr>\n",
			html.EscapeString(r[0]), html.EscapeString(r[1]))
	}
	b.WriteString("</table>")
	return map[string]any{"text/html": b.String(), "text/plain": c.String()}
}

type topology struct {
	threads, cores, sockets int
	model                   string
}

// readTopology reads the CPUs as psutil and lscpu do. The online CPUs
// come from /sys/devices/system/cpu/online; a core is a distinct set of
// sibling threads (topology/core_cpus_list, or the older
// thread_siblings_list, which psutil counts), else a distinct
// (physical_package_id, core_id) pair, else a distinct ("physical id",
// "core id") pair of /proc/cpuinfo. On macOS, sysctl's hw.logicalcpu,
// hw.physicalcpu and hw.packages tell; on Windows, the processor-core and
// package records of GetLogicalProcessorInformationEx, as psutil counts
// them. Where none can be read it falls
// back to runtime.NumCPU logical CPUs, one thread per core.
func readTopology() topology {
	if t, ok := platformTopology(); ok {
		return t
	}
	info := parseCPUInfo(cpuinfo)
	t := topology{model: info.model}
	if t.model == "" {
		t.model = runtime.GOARCH
	}
	online, err := parseCPUList(readTrim(filepath.Join(sysCPU, "online")))
	switch {
	case err == nil && len(online) > 0:
		t.threads = len(online)
	case info.processors > 0:
		t.threads = info.processors
	default:
		t.threads = numCPU()
	}

	siblings := map[string]bool{}
	pairs := map[[2]string]bool{}
	packages := map[string]bool{}
	pairsOK := len(online) > 0
	for _, cpu := range online {
		dir := filepath.Join(sysCPU, "cpu"+strconv.Itoa(cpu), "topology")
		s := readTrim(filepath.Join(dir, "core_cpus_list"))
		if s == "" {
			s = readTrim(filepath.Join(dir, "thread_siblings_list"))
		}
		if s != "" {
			siblings[s] = true
		}
		pkg, core := readTrim(filepath.Join(dir, "physical_package_id")), readTrim(filepath.Join(dir, "core_id"))
		if pkg == "" || core == "" {
			pairsOK = false
			continue
		}
		pairs[[2]string{pkg, core}] = true
		packages[pkg] = true
	}
	switch {
	case len(siblings) > 0:
		t.cores = len(siblings)
	case pairsOK && len(pairs) > 0:
		t.cores = len(pairs)
	case len(info.pairs) > 0:
		t.cores = len(info.pairs)
	default:
		t.cores = t.threads
	}
	switch {
	case len(packages) > 0:
		t.sockets = len(packages)
	case len(info.packages) > 0:
		t.sockets = len(info.packages)
	default:
		t.sockets = 1
	}
	// Guard against inconsistent sources (say, /proc/cpuinfo listing
	// fewer processors than are online).
	t.cores = min(max(t.cores, 1), t.threads)
	t.sockets = min(max(t.sockets, 1), t.cores)
	return t
}

func readTrim(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// parseCPUList parses the kernel's CPU list format: "0-3,5,7-8".
func parseCPUList(s string) ([]int, error) {
	if s == "" {
		return nil, fmt.Errorf("empty CPU list")
	}
	var cpus []int
	for part := range strings.SplitSeq(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				return nil, err
			}
		}
		if b < a || b-a > 1<<16 {
			return nil, fmt.Errorf("bad CPU range %q", part)
		}
		for c := a; c <= b; c++ {
			cpus = append(cpus, c)
		}
	}
	return cpus, nil
}

type cpuInfo struct {
	model      string
	processors int
	pairs      map[[2]string]bool // ("physical id", "core id")
	packages   map[string]bool
}

// parseCPUInfo reads /proc/cpuinfo: one section per online processor.
func parseCPUInfo(path string) cpuInfo {
	info := cpuInfo{pairs: map[[2]string]bool{}, packages: map[string]bool{}}
	f, err := os.Open(path)
	if err != nil {
		return info
	}
	defer f.Close()
	physical, core := "", ""
	flush := func() {
		if physical != "" && core != "" {
			info.pairs[[2]string{physical, core}] = true
		}
		if physical != "" {
			info.packages[physical] = true
		}
		physical, core = "", ""
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			flush() // a blank line ends a section
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch key {
		case "processor":
			info.processors++
		case "physical id":
			physical = value
		case "core id":
			core = value
		case "model name", "cpu model", "cpu", "uarch", "Model":
			// x86 has "model name", MIPS "cpu model", POWER "cpu", RISC-V
			// "uarch", ARM boards at least "Model". The first one wins.
			if info.model == "" && value != "" {
				info.model = value
			}
		}
	}
	flush()
	return info
}
