package progress

import (
	"fmt"
	"io"
	"strings"

	"gopar/runtime/display"
)

// sink shows the bar somewhere. update is called with each new text, end
// with the last one.
type sink interface {
	update(done, total int, text string)
	end(done, total int, text string)
}

func (b *Bar) defaultSink() sink {
	if b.cfg.InNotebook() {
		return &notebookSink{h: display.NewHandle(), out: b.cfg.Out}
	}
	return &terminalSink{w: b.cfg.Out}
}

// notebookSink shows the bar as a display updated in place; it falls back
// to the terminal, out, if the display fails.
type notebookSink struct {
	h        *display.Handle
	out      io.Writer
	shown    bool
	fallback sink
}

func (s *notebookSink) update(done, total int, text string) {
	if !s.display(done, total, text) {
		s.fallback.update(done, total, text)
	}
}

func (s *notebookSink) end(done, total int, text string) {
	if !s.display(done, total, text) {
		s.fallback.end(done, total, text)
	}
}

// display shows text in the notebook and tells whether it could; once it
// could not, the bar goes to the terminal from then on.
func (s *notebookSink) display(done, total int, text string) bool {
	if s.fallback != nil {
		return false
	}
	b := display.Bundle{Data: map[string]any{
		display.MIMEPlain: text,
		display.MIMEHTML:  barHTML(done, total, text),
	}}
	var err error
	if s.shown {
		err = s.h.Update(b)
	} else {
		err = s.h.Show(b)
		s.shown = err == nil
	}
	if err != nil {
		s.fallback = &terminalSink{w: s.out}
		return false
	}
	return true
}

// terminalSink redraws the bar on one line of w, covering a longer text
// drawn before with blanks.
type terminalSink struct {
	w    io.Writer
	last int
}

func (s *terminalSink) update(_, _ int, text string) {
	pad := ""
	if n := s.last - len(text); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	s.last = len(text)
	fmt.Fprint(s.w, "\r"+text+pad)
}

func (s *terminalSink) end(done, total int, text string) {
	s.update(done, total, text)
	fmt.Fprintln(s.w)
}
