// Package progress shows how far a long computation of the runtime
// packages has got, as dask's ProgressBar does: a bar that appears once
// the computation has run for a second, counts the units of work done
// ("[#####     ] 52% 13/25 chunks 1.2 s"), is updated in place (a display
// in the notebook, one line redrawn with a carriage return elsewhere) and
// ends with the final count and, when the computation ended early, why.
//
// A package that computes keeps a [Config] naming the unit it counts,
// calls [Start] when a computation begins and [Bar.Stop] when it ends.
package progress

import (
	"io"
	"os"
	"sync/atomic"
	"time"

	"gopar/runtime/display"
)

// Config says what a bar counts, and when and where it shows.
type Config struct {
	// Unit is what the bar counts, in the plural: "chunks", "tasks".
	Unit string
	// After is how long a computation runs before its bar appears, so
	// that quick ones show none.
	After time.Duration
	// Interval is the time between redraws.
	Interval time.Duration
	// Out is where the bar goes outside a notebook, or when the notebook's
	// display fails.
	Out io.Writer
	// InNotebook tells whether a notebook shows displays.
	InNotebook func() bool
}

// Defaults is the configuration of a bar counting unit: it appears after a
// second, is redrawn every 200 ms, in the notebook when there is one and
// on stderr otherwise.
func Defaults(unit string) Config {
	return Config{
		Unit:       unit,
		After:      time.Second,
		Interval:   200 * time.Millisecond,
		Out:        os.Stderr,
		InNotebook: display.HasPublisher,
	}
}

// Bar is the progress bar of one computation: done of total units
// finished.
type Bar struct {
	cfg   Config
	total int
	done  *atomic.Int64
	now   func() time.Time
	start time.Time
	// newSink picks where to show the bar, when it first appears.
	newSink func() sink
	sink    sink
	last    string

	quit, exited chan struct{}
}

// Start starts the bar of a computation of total units, of which done
// counts those finished; it appears once the computation has lasted
// cfg.After. Call [Bar.Stop] when the computation ends.
func Start(cfg Config, total int, done *atomic.Int64) *Bar {
	b := newBar(cfg, total, done, time.Now)
	b.quit, b.exited = make(chan struct{}), make(chan struct{})
	go b.loop()
	return b
}

func newBar(cfg Config, total int, done *atomic.Int64, now func() time.Time) *Bar {
	b := &Bar{cfg: cfg, total: total, done: done, now: now, start: now()}
	b.newSink = b.defaultSink
	return b
}

func (b *Bar) loop() {
	defer close(b.exited)
	delay := time.NewTimer(b.cfg.After)
	defer delay.Stop()
	select {
	case <-b.quit:
		return
	case <-delay.C:
	}
	tick := time.NewTicker(b.cfg.Interval)
	defer tick.Stop()
	for {
		b.tick()
		select {
		case <-b.quit:
			return
		case <-tick.C:
		}
	}
}

// tick redraws the bar if the computation has lasted long enough and the
// text changed.
func (b *Bar) tick() {
	elapsed := b.now().Sub(b.start)
	if b.sink == nil && elapsed < b.cfg.After {
		return
	}
	done := int(b.done.Load())
	text := barText(b.cfg.Unit, done, b.total, elapsed)
	if text == b.last {
		return
	}
	if b.sink == nil {
		b.sink = b.newSink()
	}
	b.last = text
	b.sink.update(done, b.total, text)
}

// Stop ends the bar. A bar that was shown shows the final count, followed
// by note when it is not empty: why the computation ended early
// ("interrupted", "failed"). A bar not shown yet never is.
func (b *Bar) Stop(note string) {
	if b.quit != nil {
		close(b.quit)
		<-b.exited
	}
	if b.sink == nil {
		return
	}
	done := int(b.done.Load())
	text := barText(b.cfg.Unit, done, b.total, b.now().Sub(b.start))
	if note != "" {
		text += " " + note
	}
	b.sink.end(done, b.total, text)
}
