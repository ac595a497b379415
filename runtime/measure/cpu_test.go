package measure

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCoresOfThisMachine compares the counts with runtime.NumCPU and
// CPUInfo everywhere, and on Linux with /proc/cpuinfo, read here
// independently.
func TestCoresOfThisMachine(t *testing.T) {
	logical, physical, tpc := LogicalCores(), PhysicalCores(), ThreadsPerCore()
	t.Logf("logical %d, physical %d, threads per core %d, NumCPU %d; %v", logical, physical, tpc, runtime.NumCPU(), CPUInfo())
	if logical < runtime.NumCPU() {
		t.Errorf("LogicalCores %d < runtime.NumCPU %d, which counts only the CPUs this process may use", logical, runtime.NumCPU())
	}
	if physical < 1 || physical > logical || tpc != logical/physical {
		t.Errorf("physical %d, logical %d, threads per core %d", physical, logical, tpc)
	}
	c := CPUInfo()
	if c.Threads != logical || c.Cores != physical || c.ThreadsPerCore != tpc || c.NumCPU != runtime.NumCPU() || c.GOMAXPROCS != runtime.GOMAXPROCS(0) || c.Model == "" {
		t.Errorf("CPUInfo %+v", c)
	}
	if runtime.GOOS != "linux" {
		t.Skip("the comparison with /proc/cpuinfo needs Linux")
	}
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	processors := 0
	pairs := map[string]bool{}
	physicalID := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch k {
		case "processor":
			processors++
		case "physical id":
			physicalID = v
		case "core id":
			pairs[physicalID+"/"+v] = true
		}
	}
	if logical != processors {
		t.Errorf("LogicalCores %d, /proc/cpuinfo lists %d processors", logical, processors)
	}
	if len(pairs) > 0 && physical != len(pairs) {
		t.Errorf("PhysicalCores %d, /proc/cpuinfo has %d (physical id, core id) pairs", physical, len(pairs))
	}
}

// fakeMachine writes a sysfs tree and a /proc/cpuinfo for sockets ×
// cores × threads CPUs, numbered as Linux does on x86 (the second threads
// of all cores after the first ones), and points the package at them.
// online lists the online CPUs ("" for no such file); files says which
// topology files to write; /proc/cpuinfo lists the online CPUs.
func fakeMachine(t *testing.T, sockets, cores, threads int, online string, files []string, withCPUInfo bool) {
	t.Helper()
	dir := t.TempDir()
	sys := filepath.Join(dir, "sys")
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if online != "" {
		write(filepath.Join(sys, "online"), online+"\n")
	}
	onlineCPUs, _ := parseCPUList(online)
	var info strings.Builder
	n := sockets * cores * threads
	for cpu := range n {
		core := cpu % (sockets * cores)
		socket := core / cores
		var sibs []string
		for th := range threads {
			sibs = append(sibs, strconv.Itoa(th*sockets*cores+core))
		}
		top := filepath.Join(sys, "cpu"+strconv.Itoa(cpu), "topology")
		for _, f := range files {
			switch f {
			case "core_cpus_list", "thread_siblings_list":
				write(filepath.Join(top, f), strings.Join(sibs, ",")+"\n")
			case "physical_package_id":
				write(filepath.Join(top, f), strconv.Itoa(socket)+"\n")
			case "core_id":
				write(filepath.Join(top, f), strconv.Itoa(core%cores)+"\n")
			}
		}
		if withCPUInfo && (online == "" || slices.Contains(onlineCPUs, cpu)) {
			info.WriteString("processor\t: " + strconv.Itoa(cpu) + "\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n" +
				"model name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz\nphysical id\t: " + strconv.Itoa(socket) +
				"\nsiblings\t: " + strconv.Itoa(cores*threads) + "\ncore id\t\t: " + strconv.Itoa(core%cores) +
				"\ncpu cores\t: " + strconv.Itoa(cores) + "\n\n")
		}
	}
	write(filepath.Join(dir, "cpuinfo"), info.String())
	oldSys, oldInfo, oldNum, oldProcs := sysCPU, cpuinfo, numCPU, maxProcs
	t.Cleanup(func() { sysCPU, cpuinfo, numCPU, maxProcs = oldSys, oldInfo, oldNum, oldProcs })
	sysCPU, cpuinfo = sys, filepath.Join(dir, "cpuinfo")
	numCPU = func() int { return 3 }
	maxProcs = func() int { return 3 }
}

func TestCoresOfFakeMachines(t *testing.T) {
	// The fake sysfs and /proc/cpuinfo are read only where the platform
	// has no counts of its own: macOS's sysctl (cpu_darwin.go) and
	// Windows's GetLogicalProcessorInformationEx (cpu_windows.go) win
	// over them.
	if _, ok := platformTopology(); ok {
		t.Skipf("on %s the counts come from the system, not from sysfs and /proc/cpuinfo", runtime.GOOS)
	}
	all := []string{"core_cpus_list", "physical_package_id", "core_id"}
	for _, c := range []struct {
		name                           string
		sockets, cores, threads        int
		online                         string
		files                          []string
		cpuinfo                        bool
		wantThreads, wantCores, wantSk int
		wantModel                      string
	}{
		{"2 sockets, hyper-threading", 2, 4, 2, "0-15", all, true, 16, 8, 2, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		// CPU 15 (second thread of core 7) offline: core 7 still counts.
		{"one thread offline", 2, 4, 2, "0-14", all, true, 15, 8, 2, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		// Second threads all offline, as with "nosmt".
		{"SMT off", 1, 4, 2, "0-3", all, true, 4, 4, 1, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		{"older kernel", 1, 4, 2, "0-7", []string{"thread_siblings_list", "physical_package_id", "core_id"}, true, 8, 4, 1, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		{"pairs only", 2, 2, 2, "0-7", []string{"physical_package_id", "core_id"}, false, 8, 4, 2, runtime.GOARCH},
		{"cpuinfo only", 2, 2, 2, "0-7", nil, true, 8, 4, 2, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		{"cpuinfo without sysfs", 1, 2, 2, "", nil, true, 4, 2, 1, "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz"},
		{"nothing", 1, 2, 2, "", nil, false, 3, 3, 1, runtime.GOARCH},
	} {
		t.Run(c.name, func(t *testing.T) {
			fakeMachine(t, c.sockets, c.cores, c.threads, c.online, c.files, c.cpuinfo)
			got := CPUInfo()
			if got.Threads != c.wantThreads || got.Cores != c.wantCores || got.Sockets != c.wantSk || got.Model != c.wantModel {
				t.Errorf("got %+v, want %d threads, %d cores, %d sockets, model %q", got, c.wantThreads, c.wantCores, c.wantSk, c.wantModel)
			}
			if LogicalCores() != got.Threads || PhysicalCores() != got.Cores || ThreadsPerCore() != max(got.Threads/got.Cores, 1) {
				t.Errorf("LogicalCores %d, PhysicalCores %d, ThreadsPerCore %d", LogicalCores(), PhysicalCores(), ThreadsPerCore())
			}
		})
	}
}

func TestParseCPUList(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
	}{
		{"0", []int{0}},
		{"0-3", []int{0, 1, 2, 3}},
		{"0-1,4,6-7", []int{0, 1, 4, 6, 7}},
	} {
		if got, err := parseCPUList(c.in); err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, %v", c.in, got, err)
		}
	}
	for _, bad := range []string{"", "x", "3-1", "0-", "1,,2"} {
		if got, err := parseCPUList(bad); err == nil {
			t.Errorf("%q: %v, no error", bad, got)
		}
	}
}

func TestCPUDisplay(t *testing.T) {
	c := CPU{Model: "AMD <EPYC>", Sockets: 2, Cores: 8, Threads: 16, ThreadsPerCore: 2, NumCPU: 12, GOMAXPROCS: 12}
	if got, want := c.String(), "AMD <EPYC>: 2 sockets, 8 cores, 16 threads (2 per core)"; got != want {
		t.Errorf("String %q, want %q", got, want)
	}
	one := CPU{Model: "x", Sockets: 1, Cores: 1, Threads: 1, ThreadsPerCore: 1}
	if got, want := one.String(), "x: 1 socket, 1 core, 1 thread (1 per core)"; got != want {
		t.Errorf("String %q, want %q", got, want)
	}
	b := c.MIMEBundle()
	html := b["text/html"].(string)
	for _, want := range []string{
		`<th style="text-align: left;">Model name</th><td style="text-align: left;">AMD &lt;EPYC&gt;</td>`,
		`<th style="text-align: left;">Core(s) per socket</th><td style="text-align: left;">4</td>`,
		`<th style="text-align: left;">Thread(s) per core</th><td style="text-align: left;">2</td>`,
		`<th style="text-align: left;">CPU(s)</th><td style="text-align: left;">16</td>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
	if b["text/plain"] != c.String() {
		t.Errorf("text/plain %q", b["text/plain"])
	}
}
