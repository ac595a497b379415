package measure

import (
	"fmt"
	"html"
	"strings"
	"sync"
	"time"

	"gopar/runtime/display"
)

// CoreMonitor samples each logical CPU's load in the background and, in a
// notebook, shows it live: one bar per core, updated in place after every
// sample, which Stop replaces with the plot of the whole history. It is
// what the %%monitor magic shows while its cell runs.
type CoreMonitor struct {
	sampler  *CoreSampler
	interval time.Duration
	start    time.Time
	view     *liveView // nil outside a notebook

	mu      sync.Mutex
	history CoreHistory
	last    time.Time // when the last sample was taken

	quit, exited chan struct{}
	stopOnce     sync.Once
}

// StartCoreMonitor starts sampling every interval seconds (from
// MinCoreInterval to MaxCoreInterval). It returns an *Error for a bad
// interval or where per-core load cannot be read (it is read on Linux and
// Windows). Call Stop when done.
func StartCoreMonitor(interval float64) (*CoreMonitor, error) {
	const op = "StartCoreMonitor"
	if err := badCoreInterval(op, interval); err != nil {
		return nil, err
	}
	s, err := NewCoreSampler()
	if err != nil {
		return nil, asOp(op, err)
	}
	names := s.Names()
	m := &CoreMonitor{
		sampler:  s,
		interval: time.Duration(interval * float64(time.Second)),
		start:    now(),
		history:  CoreHistory{Names: names, Load: make([][]float64, len(names)), Interval: interval},
		quit:     make(chan struct{}),
		exited:   make(chan struct{}),
	}
	m.last = m.start
	if display.HasPublisher() {
		m.view = newLiveView(names, interval)
	}
	go m.loop()
	return m, nil
}

func (m *CoreMonitor) loop() {
	defer close(m.exited)
	tick := time.NewTicker(m.interval)
	defer tick.Stop()
	for {
		select {
		case <-m.quit:
			return
		case <-tick.C:
			if loads, elapsed, ok := m.sample(); ok && m.view != nil {
				m.view.update(loads, elapsed)
			}
		}
	}
}

// sample records the load since the last sample, and when it was taken;
// false when the read failed (the system stopped answering), which
// leaves the sample out.
func (m *CoreMonitor) sample() (loads []float64, elapsed float64, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	loads, err := m.sampler.Sample()
	if err != nil {
		return nil, 0, false
	}
	t := now()
	elapsed = t.Sub(m.start).Seconds()
	m.history.add(elapsed, loads)
	m.last = t
	return loads, elapsed, true
}

// History is a copy of what was sampled so far.
func (m *CoreMonitor) History() *CoreHistory {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.history
	h.Names = append([]string(nil), h.Names...)
	h.Seconds = append([]float64(nil), h.Seconds...)
	h.Load = make([][]float64, len(m.history.Load))
	for c, l := range m.history.Load {
		h.Load[c] = append([]float64(nil), l...)
	}
	return &h
}

// minLastSample is the shortest stretch that Stop still samples: over
// less, the system's counters (in hundredths of a second) say nothing.
const minLastSample = 30 * time.Millisecond

// Stop ends the sampling, with one last sample of the time since the
// previous one, and returns the history. In a notebook the live view
// becomes the plot of the history. Calling Stop again returns the same
// history and shows nothing more.
func (m *CoreMonitor) Stop() *CoreHistory {
	m.stopOnce.Do(func() {
		close(m.quit)
		<-m.exited
		m.mu.Lock()
		short := now().Sub(m.last) < minLastSample && len(m.history.Seconds) > 0
		m.mu.Unlock()
		if !short {
			m.sample()
		}
		if m.view != nil {
			m.view.end(m.History())
		}
	})
	return m.History()
}

// MonitorCores calls f while sampling each core's load every interval
// seconds, as StartCoreMonitor does, and returns the history: in a
// notebook, a live view of the cores while f runs, then the plot. It
// panics with an *Error, before calling f, where per-core load cannot be
// read. A panic in f goes on after sampling stops.
func MonitorCores(f func(), interval float64) *CoreHistory {
	const op = "MonitorCores"
	if f == nil {
		fail(op, "f is nil: give the function to run while the cores are watched")
	}
	m, err := StartCoreMonitor(interval)
	if err != nil {
		panic(asOp(op, err))
	}
	defer m.Stop()
	f()
	return m.Stop()
}

// liveView is the display, updated in place, of the cores' latest loads.
type liveView struct {
	h        *display.Handle
	names    []string
	interval float64
	failed   bool // the front end refused a display: stop trying
}

func newLiveView(names []string, interval float64) *liveView {
	v := &liveView{h: display.NewHandle(), names: names, interval: interval}
	v.failed = v.h.Show(liveBundle(names, nil, 0, interval)) != nil
	return v
}

func (v *liveView) update(loads []float64, elapsed float64) {
	if !v.failed {
		v.failed = v.h.Update(liveBundle(v.names, loads, elapsed, v.interval)) != nil
	}
}

func (v *liveView) end(h *CoreHistory) {
	if !v.failed {
		v.h.Update(display.Bundle{Data: h.MIMEBundle()})
	}
}

// barWidth is the number of characters of a core's bar in text.
const barWidth = 20

// liveBundle shows loads (nil before the first sample) as a bar per core:
// HTML, and text for front ends without HTML.
func liveBundle(names []string, loads []float64, elapsed, interval float64) display.Bundle {
	head := fmt.Sprintf("CPU load per core, sampled every %s", FormatTime(interval, 3))
	if loads != nil {
		head = fmt.Sprintf("CPU load per core at %.1f s, sampled every %s", elapsed, FormatTime(interval, 3))
	}
	width := nameWidth(names)
	var text, page strings.Builder
	text.WriteString(head)
	page.WriteString(`<div style="font-family:monospace;line-height:1.5">`)
	fmt.Fprintf(&page, "<div>%s</div>", html.EscapeString(head))
	for c, name := range names {
		pct, label := 0.0, "  -"
		if loads != nil {
			pct = loads[c]
			label = fmt.Sprintf("%3.0f%%", pct)
		}
		fill := int(pct/100*barWidth + 0.5)
		fmt.Fprintf(&text, "\n%-*s [%s%s] %s", width, name,
			strings.Repeat("#", fill), strings.Repeat(" ", barWidth-fill), label)
		col := coreColor(c)
		fmt.Fprintf(&page, `<div><span style="display:inline-block;width:%dch">%s</span> `+
			`<span style="display:inline-block;width:16em;height:0.9em;background:#e8e8e8;vertical-align:middle">`+
			`<span style="display:block;width:%.1f%%;height:100%%;background:#%02x%02x%02x"></span></span> `+
			`<span style="display:inline-block;width:4ch;text-align:right">%s</span></div>`,
			width, html.EscapeString(name), pct, col.R, col.G, col.B, html.EscapeString(strings.TrimSpace(label)))
	}
	page.WriteString("</div>")
	return display.Bundle{Data: map[string]any{
		display.MIMEPlain: text.String(),
		display.MIMEHTML:  page.String(),
	}}
}
