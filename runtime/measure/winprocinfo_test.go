package measure

import (
	"encoding/binary"
	"testing"
)

// coreRecord is a processor-core record whose mask has the given bits.
func coreRecord(masks ...uint64) []byte {
	size := recordHeader + 24 + len(masks)*groupAffinitySize
	b := make([]byte, size)
	binary.LittleEndian.PutUint32(b, relationProcessorCore)
	binary.LittleEndian.PutUint32(b[4:], uint32(size))
	binary.LittleEndian.PutUint16(b[recordHeader+22:], uint16(len(masks)))
	for g, m := range masks {
		binary.LittleEndian.PutUint64(b[recordHeader+24+g*groupAffinitySize:], m)
	}
	return b
}

// otherRecord is a record of another relationship (cache, NUMA node,
// group or package), of which only the count of packages matters.
func otherRecord(rel uint32, size int) []byte {
	b := make([]byte, size)
	binary.LittleEndian.PutUint32(b, rel)
	binary.LittleEndian.PutUint32(b[4:], uint32(size))
	return b
}

func join(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func TestParseProcessorInformation(t *testing.T) {
	tests := []struct {
		name string
		buf  []byte
		want topology
		ok   bool
	}{
		{"4 cores with 2 threads, 1 package, caches",
			join(coreRecord(0b11), coreRecord(0b1100), otherRecord(2, 48), coreRecord(0b110000), coreRecord(0b11000000),
				otherRecord(relationProcessorPackage, 48), otherRecord(1, 40)),
			topology{threads: 8, cores: 4, sockets: 1}, true},
		{"2 packages of 2 cores, no hyper-threading",
			join(otherRecord(relationProcessorPackage, 48), coreRecord(1), coreRecord(2), otherRecord(relationProcessorPackage, 48), coreRecord(4), coreRecord(8)),
			topology{threads: 4, cores: 4, sockets: 2}, true},
		{"no package record", join(coreRecord(1), coreRecord(2)), topology{threads: 2, cores: 2, sockets: 1}, true},
		{"empty", nil, topology{}, false},
		{"truncated header", coreRecord(1)[:5], topology{}, false},
		{"size beyond the buffer", coreRecord(1)[:30], topology{}, false},
		{"zero size", make([]byte, 8), topology{}, false},
		{"no core", otherRecord(relationProcessorPackage, 48), topology{}, false},
	}
	for _, tt := range tests {
		got, ok := parseProcessorInformation(tt.buf)
		if ok != tt.ok || got != tt.want {
			t.Errorf("%s: %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
