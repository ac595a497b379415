package measure

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"reflect"
	"testing"
)

func TestCoreHistorySummary(t *testing.T) {
	tests := []struct {
		name       string
		h          CoreHistory
		mean, peak []float64
		text       string
	}{
		{
			name: "two cores",
			h: CoreHistory{Names: []string{"cpu0", "cpu1"}, Interval: 0.1,
				Seconds: []float64{0.1, 0.2, 0.25}, Load: [][]float64{{100, 50, 0}, {0, 0, 100}}},
			mean: []float64{60, 20}, peak: []float64{100, 100},
			text: "CPU load per core over 250 ms (3 samples, every 100 ms):\n" +
				"cpu0  mean  60%  peak 100%\n" +
				"cpu1  mean  20%  peak 100%",
		},
		{
			name: "one sample, names of two widths",
			h: CoreHistory{Names: []string{"cpu9", "cpu10"}, Interval: 0.25,
				Seconds: []float64{0.012}, Load: [][]float64{{12.5}, {99.6}}},
			mean: []float64{12.5, 99.6}, peak: []float64{12.5, 99.6},
			text: "CPU load per core over 12 ms (1 sample, every 250 ms):\n" +
				"cpu9   mean  12%  peak  12%\n" +
				"cpu10  mean 100%  peak 100%",
		},
		{
			name: "no samples",
			h:    CoreHistory{Names: []string{"cpu0"}, Interval: 0.25, Load: [][]float64{nil}},
			mean: []float64{0}, peak: []float64{0},
			text: "CPU load per core: no samples (the run ended before the first)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Mean(); !near(got, tt.mean) {
				t.Errorf("Mean = %v, want %v", got, tt.mean)
			}
			if got := tt.h.Peak(); !reflect.DeepEqual(got, tt.peak) {
				t.Errorf("Peak = %v, want %v", got, tt.peak)
			}
			if got := tt.h.String(); got != tt.text {
				t.Errorf("String:\n%s\nwant:\n%s", got, tt.text)
			}
			b := tt.h.MIMEBundle()
			if b["text/plain"] != tt.text {
				t.Errorf("text/plain %q", b["text/plain"])
			}
			_, hasPNG := b["image/png"]
			if hasPNG != (len(tt.h.Seconds) > 0) {
				t.Errorf("image/png present: %v, with %d samples", hasPNG, len(tt.h.Seconds))
			}
		})
	}
}

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

// TestCoreHistoryPlot draws histories of one sample, of two cores and of
// more cores than the legend holds, and decodes the images.
func TestCoreHistoryPlot(t *testing.T) {
	many := CoreHistory{Interval: 0.1, Seconds: []float64{0.1, 0.2}}
	for c := range maxLegend + 4 {
		many.Names = append(many.Names, fmt.Sprintf("cpu%d", c))
		many.Load = append(many.Load, []float64{float64(c), 100 - float64(c)})
	}
	for _, h := range []CoreHistory{
		{Names: []string{"cpu0"}, Interval: 0.25, Seconds: []float64{0.01}, Load: [][]float64{{40}}},
		{Names: []string{"cpu0", "cpu1"}, Interval: 0.1, Seconds: []float64{0.1, 0.2, 0.3}, Load: [][]float64{{100, 100, 20}, {0, 90, 100}}},
		many,
	} {
		data, err := base64.StdEncoding.DecodeString(h.MIMEBundle()["image/png"].(string))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%d cores: %v", len(h.Names), err)
		}
		if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 250 {
			t.Errorf("%d cores: image %v, want 600×250", len(h.Names), b)
		}
	}
}

func TestCoreHistoryTable(t *testing.T) {
	h := CoreHistory{Names: []string{"cpu0", "cpu1"}, Seconds: []float64{0.1, 0.2}, Load: [][]float64{{10, 20}, {30, 40}}}
	tab := h.Table()
	if got, want := tab.Columns(), []string{"seconds", "cpu0", "cpu1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("columns %v, want %v", got, want)
	}
	if got := tab.Column("cpu1"); !reflect.DeepEqual(got, []float64{30, 40}) {
		t.Errorf("cpu1 = %v", got)
	}
}
