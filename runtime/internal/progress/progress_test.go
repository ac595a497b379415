package progress

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gopar/runtime/display"
)

func TestBarText(t *testing.T) {
	for _, c := range []struct {
		unit        string
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{"chunks", 13, 25, 1234 * time.Millisecond, "[#####     ] 52% 13/25 chunks 1.2 s"},
		{"chunks", 0, 25, time.Second, "[          ] 0% 0/25 chunks 1.0 s"},
		{"chunks", 25, 25, 3450 * time.Millisecond, "[##########] 100% 25/25 chunks 3.5 s"},
		{"chunks", 1, 3, 61 * time.Second, "[###       ] 33% 1/3 chunks 61.0 s"},
		{"tasks", 13, 25, 1234 * time.Millisecond, "[#####     ] 52% 13/25 tasks 1.2 s"},
		{"tasks", 10001, 10001, 3450 * time.Millisecond, "[##########] 100% 10001/10001 tasks 3.5 s"},
		{"partitions", 1, 4, 1500 * time.Millisecond, "[##        ] 25% 1/4 partitions 1.5 s"},
		{"partitions", 4, 4, 1500 * time.Millisecond, "[##########] 100% 4/4 partitions 1.5 s"},
		{"tasks", 0, 0, 0, "[##########] 100% 0/0 tasks 0.0 s"},
		{"tasks", 5, 4, 0, "[##########] 100% 5/4 tasks 0.0 s"}, // never more than full
	} {
		if got := barText(c.unit, c.done, c.total, c.elapsed); got != c.want {
			t.Errorf("barText(%q, %d, %d, %v) = %q, want %q", c.unit, c.done, c.total, c.elapsed, got, c.want)
		}
	}
}

func TestBarHTML(t *testing.T) {
	got := barHTML(3, 8, "[###       ] 37% 3/8 tasks <1 s>")
	want := `<div style="font-family:monospace;white-space:pre">` +
		`<progress value="3" max="8" style="width:16em;vertical-align:middle"></progress> ` +
		`[###       ] 37% 3/8 tasks &lt;1 s&gt;</div>`
	if got != want {
		t.Errorf("barHTML = %q, want %q", got, want)
	}
}

// recordSink records what a bar shows.
type recordSink struct {
	updates []string
	ended   string
}

func (s *recordSink) update(_, _ int, text string) { s.updates = append(s.updates, text) }
func (s *recordSink) end(_, _ int, text string)    { s.ended = text }

// With a fake clock: nothing before the threshold, then the bar, redrawn
// when its text changes, and its end with the note.
func TestBarThreshold(t *testing.T) {
	for _, c := range []struct{ note, ended string }{
		{"", "[##########] 100% 25/25 chunks 1.2 s"},
		{"interrupted", "[##########] 100% 25/25 chunks 1.2 s interrupted"},
		{"failed", "[##########] 100% 25/25 chunks 1.2 s failed"},
	} {
		var done atomic.Int64
		now := time.Unix(1000, 0)
		rec := &recordSink{}
		b := newBar(Config{Unit: "chunks", After: time.Second}, 25, &done, func() time.Time { return now })
		b.newSink = func() sink { return rec }
		for _, step := range []time.Duration{0, 300 * time.Millisecond, 699 * time.Millisecond} {
			now = now.Add(step)
			done.Add(3)
			b.tick()
		}
		if b.sink != nil || len(rec.updates) != 0 {
			t.Fatalf("bar shown before a second: %q", rec.updates)
		}
		now = now.Add(2 * time.Millisecond) // 1.001 s
		b.tick()
		b.tick() // same text: not redrawn
		now = now.Add(200 * time.Millisecond)
		done.Store(13)
		b.tick()
		want := []string{"[###       ] 36% 9/25 chunks 1.0 s", "[#####     ] 52% 13/25 chunks 1.2 s"}
		if strings.Join(rec.updates, "|") != strings.Join(want, "|") {
			t.Fatalf("updates %q, want %q", rec.updates, want)
		}
		done.Store(25)
		b.Stop(c.note)
		if rec.ended != c.ended {
			t.Errorf("Stop(%q) ended %q, want %q", c.note, rec.ended, c.ended)
		}
	}
}

// A quick computation shows nothing, even when it ends.
func TestBarQuick(t *testing.T) {
	var done atomic.Int64
	now := time.Unix(1000, 0)
	rec := &recordSink{}
	b := newBar(Config{Unit: "tasks", After: time.Second}, 4, &done, func() time.Time { return now })
	b.newSink = func() sink { return rec }
	b.tick()
	b.Stop("interrupted")
	if len(rec.updates) != 0 || rec.ended != "" {
		t.Fatalf("quick computation showed %q %q", rec.updates, rec.ended)
	}
}

func TestTerminalSink(t *testing.T) {
	var out bytes.Buffer
	s := &terminalSink{w: &out}
	s.update(1, 10, "long text")
	s.update(2, 10, "short")
	s.end(10, 10, "done")
	if got, want := out.String(), "\rlong text\rshort    \rdone \n"; got != want {
		t.Errorf("terminal %q, want %q", got, want)
	}
}

type shown struct {
	text, html, id string
	update         bool
}

// publisher records displays; it fails from the failAt-th on (0: never).
type publisher struct {
	mu     sync.Mutex
	shown  []shown
	failAt int
}

func (p *publisher) Display(b display.Bundle, id string, update bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.failAt > 0 && len(p.shown)+1 >= p.failAt {
		return errors.New("front end gone")
	}
	text, _ := b.Data[display.MIMEPlain].(string)
	html, _ := b.Data[display.MIMEHTML].(string)
	p.shown = append(p.shown, shown{text, html, id, update})
	return nil
}

func (p *publisher) ClearOutput(bool) error { return nil }

func TestNotebookSink(t *testing.T) {
	for _, c := range []struct {
		name     string
		failAt   int
		displays []string // the texts displayed
		terminal string
	}{
		{"displayed", 0, []string{"a", "bb", "c end"}, ""},
		{"display fails at first", 1, nil, "\ra\rbb\rc end\n"},
		{"display fails later", 2, []string{"a"}, "\rbb\rc end\n"},
		{"display fails at the end", 3, []string{"a", "bb"}, "\rc end\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pub := &publisher{failAt: c.failAt}
			defer display.SetPublisher(display.SetPublisher(pub))
			var out bytes.Buffer
			b := &Bar{cfg: Config{Out: &out, InNotebook: display.HasPublisher}}
			s := b.defaultSink()
			s.update(1, 3, "a")
			s.update(2, 3, "bb")
			s.end(3, 3, "c end")
			if out.String() != c.terminal {
				t.Errorf("terminal %q, want %q", out.String(), c.terminal)
			}
			if len(pub.shown) != len(c.displays) {
				t.Fatalf("displays %+v, want %q", pub.shown, c.displays)
			}
			for i, d := range pub.shown {
				if d.text != c.displays[i] || d.id == "" || d.id != pub.shown[0].id || d.update != (i > 0) {
					t.Errorf("display %d: %+v, want %q in one display updated in place", i, d, c.displays[i])
				}
				if want := barHTML(i+1, 3, c.displays[i]); d.html != want {
					t.Errorf("display %d: HTML %q, want %q", i, d.html, want)
				}
			}
		})
	}
}

// announcingBuffer is a buffer that tells when it is first written to.
type announcingBuffer struct {
	bytes.Buffer
	once    sync.Once
	written chan struct{}
}

func (b *announcingBuffer) Write(p []byte) (int, error) {
	defer b.once.Do(func() { close(b.written) })
	return b.Buffer.Write(p)
}

// Start and Stop with the real clock and the terminal.
func TestStart(t *testing.T) {
	for _, c := range []struct {
		name   string
		after  time.Duration
		note   string
		suffix string // the end of what the bar wrote; "" for nothing
	}{
		{"long", 5 * time.Millisecond, "", "] 100% 3/3 units "},
		{"interrupted", 5 * time.Millisecond, "interrupted", " s interrupted\n"},
		{"quick", time.Hour, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := &announcingBuffer{written: make(chan struct{})}
			cfg := Defaults("units")
			cfg.After, cfg.Interval, cfg.Out = c.after, time.Millisecond, out
			cfg.InNotebook = func() bool { return false }
			var done atomic.Int64
			b := Start(cfg, 3, &done)
			if c.suffix != "" {
				select {
				case <-out.written: // the bar appeared
				case <-time.After(5 * time.Second):
					t.Fatal("no bar after 5 s")
				}
			}
			done.Store(3)
			b.Stop(c.note)
			s := out.String()
			switch {
			case c.suffix == "" && s != "":
				t.Errorf("bar shown: %q", s)
			case c.suffix != "" && (!strings.HasPrefix(s, "\r[") || !strings.HasSuffix(s, "\n") ||
				!strings.Contains(s[strings.LastIndexByte(s, '\r'):], c.suffix)):
				t.Errorf("bar %q, want its last line with %q", s, c.suffix)
			}
		})
	}
}
