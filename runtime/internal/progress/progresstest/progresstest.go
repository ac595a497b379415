// Package progresstest shows the progress bars of a package to its tests:
// soon after a computation starts, on a buffer in place of stderr, or in
// a notebook whose displays it records.
package progresstest

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/display"
	"gopar/runtime/internal/progress"
)

// Terminal makes the bars of cfg appear once a computation has run for
// delay, outside a notebook, on the buffer it returns, until the test
// ends. The buffer is safe to
// read once the computation has returned: its bar has stopped.
func Terminal(t testing.TB, cfg *progress.Config, delay time.Duration) *bytes.Buffer {
	var out bytes.Buffer
	set(t, cfg, delay, &out, func() bool { return false })
	return &out
}

// Notebook makes the bars of cfg appear once a computation has run for
// delay, in a notebook, until the test ends: the publisher it returns records the displays, the
// buffer what goes to the terminal instead.
func Notebook(t testing.TB, cfg *progress.Config, delay time.Duration) (*Publisher, *bytes.Buffer) {
	var out bytes.Buffer
	set(t, cfg, delay, &out, display.HasPublisher)
	pub := &Publisher{}
	old := display.SetPublisher(pub)
	t.Cleanup(func() { display.SetPublisher(old) })
	return pub, &out
}

func set(t testing.TB, cfg *progress.Config, delay time.Duration, out *bytes.Buffer, inNotebook func() bool) {
	old := *cfg
	cfg.After, cfg.Interval, cfg.Out, cfg.InNotebook = delay, 5*time.Millisecond, out, inNotebook
	t.Cleanup(func() { *cfg = old })
}

// Display is one display or update of a display that a [Publisher]
// recorded.
type Display struct {
	Text, HTML string
	ID         string
	Update     bool
}

// Publisher is a notebook's front end that records what is displayed.
type Publisher struct {
	mu       sync.Mutex
	displays []Display
}

// Display records b.
func (p *Publisher) Display(b display.Bundle, id string, update bool) error {
	text, _ := b.Data[display.MIMEPlain].(string)
	html, _ := b.Data[display.MIMEHTML].(string)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.displays = append(p.displays, Display{text, html, id, update})
	return nil
}

// ClearOutput does nothing.
func (p *Publisher) ClearOutput(bool) error { return nil }

// Displays is what was displayed, in order.
func (p *Publisher) Displays() []Display {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Display(nil), p.displays...)
}

// Case is a computation whose bar a test checks on the terminal.
type Case struct {
	Name  string
	After time.Duration // how long the computation runs before its bar appears
	Run   func() error  // runs the computation; an error fails the test
	Want  string        // what the bar shows, as CheckTerminal takes it
}

// RunTerminal runs each case as a subtest, with the bars of cfg on a
// terminal, and checks them with [CheckTerminal].
func RunTerminal(t *testing.T, cfg *progress.Config, cases []Case) {
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			out := Terminal(t, cfg, c.After)
			if err := c.Run(); err != nil {
				t.Fatal(err)
			}
			CheckTerminal(t, out, c.Want)
		})
	}
}

// CheckTerminal checks what bars wrote on the terminal, out: nothing when
// want is "", else a bar drawn, then redrawn or ended, whose last line
// ("\r[###  ...\n") matches the regular expression want.
func CheckTerminal(t testing.TB, out *bytes.Buffer, want string) {
	t.Helper()
	s := out.String()
	switch {
	case want == "":
		if s != "" {
			t.Fatalf("bar shown: %q", s)
		}
	case !strings.HasPrefix(s, "\r[") || strings.Count(s, "\r") < 2:
		t.Fatalf("bar not drawn and redrawn: %q", s)
	default:
		if last := s[strings.LastIndexByte(s, '\r'):]; !regexp.MustCompile(want).MatchString(last) {
			t.Fatalf("bar ends %q, want it to match %s", last, want)
		}
	}
}

// CheckNotebook checks that a bar was shown in the notebook of pub, as
// one display updated in place, and nothing on the terminal, out; it
// returns the bar's last display.
func CheckNotebook(t testing.TB, pub *Publisher, out *bytes.Buffer) Display {
	t.Helper()
	if out.Len() > 0 {
		t.Fatalf("bar on the terminal in a notebook: %q", out)
	}
	ds := pub.Displays()
	if len(ds) < 2 || !inPlace(ds) {
		t.Fatalf("displays %+v: want one display shown, then updated in place", ds)
	}
	return ds[len(ds)-1]
}

// inPlace tells whether ds are one display updated in place: shown once
// under an id, then updated under it.
func inPlace(ds []Display) bool {
	for i, d := range ds {
		if d.ID == "" || d.ID != ds[0].ID || d.Update != (i > 0) {
			return false
		}
	}
	return len(ds) > 0
}
