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
