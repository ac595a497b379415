package measure

import (
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/display"
)

// shown is one display a recordingPublisher received.
type shown struct {
	b      display.Bundle
	id     string
	update bool
}

// recordingPublisher stands for the notebook: it keeps what is displayed.
type recordingPublisher struct {
	mu    sync.Mutex
	shown []shown
}

func (p *recordingPublisher) Display(b display.Bundle, id string, update bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shown = append(p.shown, shown{b, id, update})
	return nil
}

func (p *recordingPublisher) ClearOutput(bool) error { return nil }

func (p *recordingPublisher) all() []shown {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]shown(nil), p.shown...)
}

func inNotebook(t *testing.T) *recordingPublisher {
	t.Helper()
	p := &recordingPublisher{}
	old := display.SetPublisher(p)
	t.Cleanup(func() { display.SetPublisher(old) })
	return p
}

// checkViews checks that the displays are one live view shown and then
// updated in place, ending with the plot, and returns the updates'
// texts.
func checkViews(t *testing.T, views []shown) []string {
	t.Helper()
	if len(views) < 2 {
		t.Fatalf("%d displays, want the live view and its updates", len(views))
	}
	first := views[0]
	if first.update || first.id == "" || !strings.HasPrefix(first.b.Data["text/plain"].(string), "CPU load per core, sampled every") {
		t.Errorf("first display %+v, want a new live view with an id", first)
	}
	var texts []string
	for i, v := range views[1:] {
		if !v.update || v.id != first.id {
			t.Errorf("display %d: update %v of %q, want an update of %q", i+1, v.update, v.id, first.id)
		}
		texts = append(texts, v.b.Data["text/plain"].(string))
	}
	last := views[len(views)-1].b.Data
	if _, ok := last["image/png"]; !ok {
		t.Errorf("the last update is no plot: %v", last["text/plain"])
	}
	for _, v := range views[1 : len(views)-1] {
		if _, ok := v.b.Data["text/html"]; !ok {
			t.Errorf("a live update has no HTML: %v", v.b.Data["text/plain"])
		}
	}
	return texts
}

func TestCoreMonitorInNotebook(t *testing.T) {
	useFakeCores(t, [2]int{5, 10}, [2]int{10, 10})
	pub := inNotebook(t)
	m, err := StartCoreMonitor(0.05)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(180 * time.Millisecond)
	h := m.Stop()
	views := pub.all()
	texts := checkViews(t, views)
	if len(texts) < 3 {
		t.Errorf("%d updates in 0.18 s sampled every 0.05 s", len(texts))
	}
	if !strings.Contains(texts[0], "cpu0 [##########          ]  50%\ncpu1 [####################] 100%") {
		t.Errorf("first update:\n%s", texts[0])
	}
	if len(h.Seconds) < 3 || len(h.Load) != 2 || len(h.Load[0]) != len(h.Seconds) {
		t.Fatalf("history %+v", h)
	}
	for i, s := range h.Seconds {
		if h.Load[0][i] != 50 || h.Load[1][i] != 100 {
			t.Errorf("sample %d: %v, %v", i, h.Load[0][i], h.Load[1][i])
		}
		if i > 0 && s <= h.Seconds[i-1] {
			t.Errorf("seconds not increasing: %v", h.Seconds)
		}
	}
	if got := m.Stop(); len(got.Seconds) != len(h.Seconds) || len(pub.all()) != len(views) {
		t.Errorf("a second Stop sampled or showed more")
	}
}

// TestCoreMonitorShortRun: a run shorter than the interval still gives
// one sample, and the view ends with its plot.
func TestCoreMonitorShortRun(t *testing.T) {
	useFakeCores(t, [2]int{1, 4})
	pub := inNotebook(t)
	m, err := StartCoreMonitor(10)
	if err != nil {
		t.Fatal(err)
	}
	h := m.Stop()
	if len(h.Seconds) != 1 || h.Load[0][0] != 25 {
		t.Errorf("history %+v, want one sample of 25%%", h)
	}
	if texts := checkViews(t, pub.all()); len(texts) != 1 {
		t.Errorf("%d updates, want the plot only", len(texts))
	}
}

// TestMonitorCoresPanics: a panic in f stops the sampling, shows the
// plot, and goes on.
func TestMonitorCoresPanics(t *testing.T) {
	f := useFakeCores(t, [2]int{3, 4})
	pub := inNotebook(t)
	func() {
		defer func() {
			if r := recover(); r != "stop" {
				t.Errorf("recovered %v, want f's panic", r)
			}
		}()
		MonitorCores(func() {
			time.Sleep(120 * time.Millisecond)
			panic("stop")
		}, 0.05)
	}()
	checkViews(t, pub.all())
	f.mu.Lock()
	reads := f.reads
	f.mu.Unlock()
	time.Sleep(120 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reads != reads {
		t.Errorf("the sampler read %d more times after f ended", f.reads-reads)
	}
}

func TestMonitorCoresNil(t *testing.T) {
	useFakeCores(t, [2]int{3, 4})
	if err := catch(func() { MonitorCores(nil, 0.25) }); err == nil || err.Op != "MonitorCores" {
		t.Errorf("MonitorCores(nil): %v", err)
	}
}

// TestCoreMonitorOutsideNotebook: with no front end, nothing is shown.
func TestCoreMonitorOutsideNotebook(t *testing.T) {
	useFakeCores(t, [2]int{3, 4})
	old := display.SetPublisher(nil)
	t.Cleanup(func() { display.SetPublisher(old) })
	h := MonitorCores(func() { time.Sleep(70 * time.Millisecond) }, 0.05)
	if len(h.Seconds) == 0 || h.Load[0][0] != 75 {
		t.Errorf("history %+v", h)
	}
}

// TestCoreMonitorSamplingFails: samples that cannot be read are left out;
// the monitor goes on and stops as usual.
func TestCoreMonitorSamplingFails(t *testing.T) {
	f := useFakeCores(t, [2]int{3, 4})
	pub := inNotebook(t)
	m, err := StartCoreMonitor(0.05)
	if err != nil {
		t.Fatal(err)
	}
	f.set(0, [2]int{3, 4}, &Error{Op: "NewCoreSampler", Msg: "gone"})
	time.Sleep(120 * time.Millisecond)
	h := m.Stop()
	if len(h.Seconds) != 0 {
		t.Errorf("history %+v, want no samples", h)
	}
	views := pub.all()
	if last := views[len(views)-1]; !strings.Contains(last.b.Data["text/plain"].(string), "no samples") {
		t.Errorf("last view %v", last.b.Data)
	}
}

func TestLiveBundle(t *testing.T) {
	names := []string{"cpu0", "cpu1", "cpu10"}
	tests := []struct {
		name     string
		loads    []float64
		text     string
		htmlHas  []string
		htmlLack []string
	}{
		{
			name: "before the first sample",
			text: "CPU load per core, sampled every 250 ms\n" +
				"cpu0  [                    ]   -\n" +
				"cpu1  [                    ]   -\n" +
				"cpu10 [                    ]   -",
			htmlHas: []string{"width:0.0%", ">-</span>"},
		},
		{
			name:  "loads",
			loads: []float64{0, 52.4, 100},
			text: "CPU load per core at 1.2 s, sampled every 250 ms\n" +
				"cpu0  [                    ]   0%\n" +
				"cpu1  [##########          ]  52%\n" +
				"cpu10 [####################] 100%",
			htmlHas:  []string{"width:52.4%;height:100%;background:#ff7f0e", "width:100.0%;height:100%;background:#2ca02c", ">100%</span>", "width:5ch"},
			htmlLack: []string{"\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := liveBundle(names, tt.loads, 1.234, 0.25)
			if got := b.Data["text/plain"]; got != tt.text {
				t.Errorf("text:\n%s\nwant:\n%s", got, tt.text)
			}
			page := b.Data["text/html"].(string)
			for _, s := range tt.htmlHas {
				if !strings.Contains(page, s) {
					t.Errorf("HTML lacks %q:\n%s", s, page)
				}
			}
			for _, s := range tt.htmlLack {
				if strings.Contains(page, s) {
					t.Errorf("HTML has %q:\n%s", s, page)
				}
			}
		})
	}
}
