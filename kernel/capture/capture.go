// Package capture redirects the process's standard output and error into
// pipes and hands what arrives to a sink, batched, so that everything a cell
// prints reaches the front end: from interpreted code, compiled code,
// goroutines and C alike, since they all write to file descriptors 1 and 2.
package capture

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
	"unicode/utf8"
)

// Sink receives captured text of a stream ("stdout" or "stderr").
type Sink func(stream, text string)

// marker is written through a pipe by Flush; when the reader sees it, all
// that was written before it has been read.
var marker = []byte("\x00\x1bgopar-flush\x00")

// Capture owns the redirected streams.
type Capture struct {
	streams  []*stream
	stderr   *os.File // the process's original stderr, for the kernel's own logs
	stdout   *os.File
	mu       sync.Mutex
	sink     Sink
	stop     chan struct{}
	interval time.Duration
}

type stream struct {
	name    string
	fd      int
	r, w    *os.File
	orig    *os.File
	mu      sync.Mutex // guards pending and waiters
	pending []byte
	waiters []chan struct{}
	deliver sync.Mutex // keeps deliveries of one stream in order
	done    chan struct{}
}

// Start redirects file descriptors 1 and 2. Output is handed to the sink at
// least every interval, and at once by Flush.
func Start(interval time.Duration) (*Capture, error) {
	c := &Capture{stop: make(chan struct{}), interval: interval, sink: func(string, string) {}}
	for _, s := range []struct {
		name string
		fd   int
		file **os.File
	}{{"stdout", 1, &os.Stdout}, {"stderr", 2, &os.Stderr}} {
		r, w, err := os.Pipe()
		if err != nil {
			c.Stop()
			return nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		orig, err := redirect(s.fd, w)
		if err != nil {
			r.Close()
			w.Close()
			c.Stop()
			return nil, fmt.Errorf("capture %s: %w", s.name, err)
		}
		st := &stream{name: s.name, fd: s.fd, r: r, w: w, orig: orig, done: make(chan struct{})}
		c.streams = append(c.streams, st)
		if s.fd == 1 {
			c.stdout = orig
		} else {
			c.stderr = orig
		}
		go c.read(st)
	}
	go c.tick()
	return c, nil
}

// OriginalStderr is where the process's stderr went before the capture: the
// kernel logs there, so that its own messages never reach a notebook.
func (c *Capture) OriginalStderr() *os.File { return c.stderr }

// SetSink routes output from now on to sink.
func (c *Capture) SetSink(sink Sink) {
	c.mu.Lock()
	c.sink = sink
	c.mu.Unlock()
}

func (c *Capture) currentSink() Sink {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sink
}

// Flush returns once everything written to stdout and stderr before the call
// has been handed to the sink, or after timeout.
func (c *Capture) Flush(timeout time.Duration) {
	var acks []chan struct{}
	for _, s := range c.streams {
		ack := make(chan struct{})
		s.mu.Lock()
		s.waiters = append(s.waiters, ack)
		s.mu.Unlock()
		if _, err := s.w.Write(marker); err != nil {
			continue
		}
		acks = append(acks, ack)
	}
	deadline := time.After(timeout)
	for _, ack := range acks {
		select {
		case <-ack:
		case <-deadline:
			return
		}
	}
}

func (c *Capture) read(s *stream) {
	defer close(s.done)
	buf := make([]byte, 64*1024)
	for {
		n, err := s.r.Read(buf)
		if n > 0 {
			c.take(s, buf[:n])
		}
		if err != nil {
			if err != io.EOF {
				fmt.Fprintf(c.stderr, "capture %s: %v\n", s.name, err)
			}
			c.deliver(s, true)
			return
		}
	}
}

// take appends data to the pending text and answers every flush marker in it.
func (c *Capture) take(s *stream, data []byte) {
	s.mu.Lock()
	s.pending = append(s.pending, data...)
	acks := 0
	for {
		i := bytes.Index(s.pending, marker)
		if i < 0 {
			break
		}
		s.pending = append(s.pending[:i], s.pending[i+len(marker):]...)
		acks++
	}
	var ready []chan struct{}
	if acks > 0 {
		if acks > len(s.waiters) {
			acks = len(s.waiters)
		}
		ready = s.waiters[:acks:acks]
		s.waiters = s.waiters[acks:]
	}
	big := len(s.pending) >= 256*1024
	s.mu.Unlock()
	if acks > 0 || big {
		c.deliver(s, false)
	}
	for _, ack := range ready {
		close(ack)
	}
}

// deliver hands the pending text to the sink. Unless this is the final
// delivery, it keeps back an incomplete UTF-8 sequence at the end, and a
// possible start of a marker while a Flush waits for one.
func (c *Capture) deliver(s *stream, final bool) {
	s.deliver.Lock()
	defer s.deliver.Unlock()
	s.mu.Lock()
	keep := 0
	if !final {
		keep = heldBack(s.pending, len(s.waiters) > 0)
	}
	text := string(s.pending[:len(s.pending)-keep])
	s.pending = append(s.pending[:0], s.pending[len(s.pending)-keep:]...)
	s.mu.Unlock()
	if text != "" {
		c.currentSink()(s.name, text)
	}
}

// heldBack is how many trailing bytes of b must wait for more input: a
// prefix of the marker when one is on its way, or a UTF-8 sequence cut
// short.
func heldBack(b []byte, markerDue bool) int {
	for k := min(len(marker)-1, len(b)); markerDue && k > 0; k-- {
		if bytes.Equal(b[len(b)-k:], marker[:k]) {
			return k
		}
	}
	for k := 1; k <= 3 && k <= len(b); k++ {
		r := b[len(b)-k]
		if r < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(r) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}

func (c *Capture) tick() {
	t := time.NewTicker(c.interval)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			for _, s := range c.streams {
				c.deliver(s, false)
			}
		}
	}
}

// Stop restores the original descriptors and delivers what is left.
func (c *Capture) Stop() {
	select {
	case <-c.stop:
		return
	default:
		close(c.stop)
	}
	for _, s := range c.streams {
		if err := restore(s.fd, s.orig); err != nil && c.stderr != nil {
			fmt.Fprintf(c.stderr, "capture: restore %s: %v\n", s.name, err)
		}
		s.w.Close()
		<-s.done
		s.r.Close()
	}
}
