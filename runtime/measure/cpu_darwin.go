package measure

import "golang.org/x/sys/unix"

// platformTopology reads macOS's sysctl counts, what psutil reads there.
func platformTopology() (topology, bool) {
	logical, err1 := unix.SysctlUint32("hw.logicalcpu")
	physical, err2 := unix.SysctlUint32("hw.physicalcpu")
	if err1 != nil || err2 != nil || logical == 0 || physical == 0 {
		return topology{}, false
	}
	t := topology{threads: int(logical), cores: int(physical), sockets: 1}
	if p, err := unix.SysctlUint32("hw.packages"); err == nil && p > 0 {
		t.sockets = int(p)
	}
	t.model, _ = unix.Sysctl("machdep.cpu.brand_string")
	if t.model == "" {
		t.model = "Apple silicon"
	}
	return t, true
}
