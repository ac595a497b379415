package measure

import (
	"strings"
	"testing"
)

func TestProcStatMissing(t *testing.T) {
	old := procStat
	procStat = t.TempDir() + "/stat"
	t.Cleanup(func() { procStat = old })
	_, err := NewCoreSampler()
	if err == nil || !strings.Contains(err.Error(), "cannot read "+procStat) || !strings.Contains(err.Error(), "lacks or hides") {
		t.Errorf("NewCoreSampler: error %v, want one saying /proc/stat cannot be read", err)
	}
	if _, err := StartCoreMonitor(0.25); err == nil || !strings.HasPrefix(err.Error(), "measure.StartCoreMonitor: cannot read") {
		t.Errorf("StartCoreMonitor: error %v", err)
	}
}

func TestProcStatOfThisMachine(t *testing.T) {
	ticks, err := platformCoreTicks()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ticks {
		if c.total == 0 || c.busy > c.total {
			t.Errorf("%+v", c)
		}
	}
}
