package measure

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// Windows's SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, one record per
// logical processor as NtQuerySystemInformation gives them: idle, kernel
// and user time (int64 each, in 100 ns), then reserved fields, 48 bytes
// in all with padding. Kernel time includes idle time. The parsing is
// kept apart from the system call so that it is tested on every platform.
const processorPerformanceSize = 48

// parseProcessorPerformance reads the records in buf, naming the cores
// "cpu0", "cpu1", … in their order.
func parseProcessorPerformance(buf []byte) ([]coreTicks, error) {
	if len(buf) == 0 || len(buf)%processorPerformanceSize != 0 {
		return nil, fmt.Errorf("%d bytes of processor records, not a multiple of %d", len(buf), processorPerformanceSize)
	}
	cores := make([]coreTicks, 0, len(buf)/processorPerformanceSize)
	for i := 0; len(buf) > 0; i++ {
		idle := binary.LittleEndian.Uint64(buf)
		kernel := binary.LittleEndian.Uint64(buf[8:])
		user := binary.LittleEndian.Uint64(buf[16:])
		total := kernel + user
		cores = append(cores, coreTicks{name: "cpu" + strconv.Itoa(i), busy: total - min(idle, total), total: total})
		buf = buf[processorPerformanceSize:]
	}
	return cores, nil
}
