package sysmem

import (
	"runtime"
	"testing"
)

func TestAvailable(t *testing.T) {
	b, ok := Available()
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
		if !ok {
			t.Fatalf("no available memory on %s", runtime.GOOS)
		}
	}
	if ok && (b < 16<<20 || b > 1<<50) {
		t.Errorf("available memory %.0f bytes", b)
	}
}

func TestTotal(t *testing.T) {
	total, ok := Total()
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
		if !ok {
			t.Fatalf("no total memory on %s", runtime.GOOS)
		}
	}
	if !ok {
		return
	}
	if total < 64<<20 || total > 1<<50 {
		t.Errorf("total memory %.0f bytes", total)
	}
	if avail, ok := Available(); ok && runtime.GOOS != "windows" && avail > total {
		t.Errorf("available memory %.0f bytes is more than the total, %.0f", avail, total)
	}
}
