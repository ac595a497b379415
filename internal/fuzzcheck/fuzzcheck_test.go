package fuzzcheck

import "testing"

// recorder is a testing.TB that notes a failure instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
}

var sink []byte

func TestAllocs(t *testing.T) {
	tests := []struct {
		name  string
		size  int
		alloc int
		fail  bool
	}{
		{"small work", 100, 1 << 20, false},
		{"proportional work", 10_000, 30 << 20, false},
		{"unbounded", 10, 200 << 20, true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Allocs(r, tt.size, func() { sink = make([]byte, tt.alloc) })
		if r.failed != tt.fail {
			t.Errorf("%s: failed = %v, want %v", tt.name, r.failed, tt.fail)
		}
	}
	sink = nil
}
