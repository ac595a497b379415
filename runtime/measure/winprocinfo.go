package measure

import (
	"encoding/binary"
	"math/bits"
)

// Windows's SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX records, as
// GetLogicalProcessorInformationEx returns them: a relationship (uint32)
// and the record's size (uint32), then for a core or a package a
// PROCESSOR_RELATIONSHIP: flags, efficiency class, 20 reserved bytes, a
// group count (uint16) and, from offset 24 (8-aligned), that many
// GROUP_AFFINITY entries of a mask (64 bits) and a group (uint16) padded
// to 16 bytes. The parsing is kept apart from the system call so that it
// is tested on every platform.
const (
	relationProcessorCore    = 0
	relationProcessorPackage = 3
	recordHeader             = 8
	groupAffinitySize        = 16
)

// parseProcessorInformation counts cores (records of relationship core),
// the logical processors in their masks, and packages; false if buf is
// malformed or names no core.
func parseProcessorInformation(buf []byte) (topology, bool) {
	var t topology
	for len(buf) > 0 {
		if len(buf) < recordHeader {
			return topology{}, false
		}
		rel := binary.LittleEndian.Uint32(buf)
		size := int(binary.LittleEndian.Uint32(buf[4:]))
		if size < recordHeader || size > len(buf) {
			return topology{}, false
		}
		rec := buf[recordHeader:size]
		switch rel {
		case relationProcessorCore:
			if len(rec) < 24 {
				return topology{}, false
			}
			t.cores++
			groups := int(binary.LittleEndian.Uint16(rec[22:]))
			for g := range groups {
				off := 24 + g*groupAffinitySize
				if off+8 > len(rec) {
					return topology{}, false
				}
				t.threads += bits.OnesCount64(binary.LittleEndian.Uint64(rec[off:]))
			}
		case relationProcessorPackage:
			t.sockets++
		}
		buf = buf[size:]
	}
	if t.cores == 0 || t.threads < t.cores {
		return topology{}, false
	}
	t.sockets = min(max(t.sockets, 1), t.cores)
	return t, true
}
