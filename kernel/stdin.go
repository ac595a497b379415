package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"gopar/kernel/wire"
)

// ErrNoStdin is the panic value of a read from standard input that the
// front end cannot answer.
var ErrNoStdin = errors.New("reading standard input is not possible here: the front end does not accept input for this cell (allow_stdin is false); pass the value in the code instead")

// ErrInputInterrupted is the panic value of a read interrupted by the user.
var ErrInputInterrupted = errors.New("interrupted while waiting for input")

// Stdin is what cells read as standard input: each read that finds nothing
// buffered asks the front end with an input_request.
type Stdin struct {
	k       *Kernel
	replies chan string

	mu      sync.Mutex
	ctx     context.Context
	parent  *wire.Message
	allowed bool
	buf     []byte
}

func newStdin(k *Kernel) *Stdin {
	return &Stdin{k: k, replies: make(chan string, 1), ctx: context.Background()}
}

func (s *Stdin) begin(ctx context.Context, parent *wire.Message, allowed bool) {
	s.mu.Lock()
	s.ctx, s.parent, s.allowed, s.buf = ctx, parent, allowed, nil
	s.mu.Unlock()
}

func (s *Stdin) end() {
	s.mu.Lock()
	s.ctx, s.parent, s.allowed, s.buf = context.Background(), nil, false, nil
	s.mu.Unlock()
}

// Read returns buffered input, or a line the user types in the front end.
// Reading where no input can come panics with ErrNoStdin: the cell fails
// with a message saying why, rather than looping on an empty read.
func (s *Stdin) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.buf) == 0 {
		if !s.allowed || s.parent == nil {
			panic(ErrNoStdin)
		}
		line, err := s.ask(s.ctx, s.parent)
		if err != nil {
			panic(err)
		}
		s.buf = []byte(line + "\n")
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// ask sends an input_request and waits for its reply.
func (s *Stdin) ask(ctx context.Context, parent *wire.Message) (string, error) {
	// Drop a stale reply from an interrupted request.
	select {
	case <-s.replies:
	default:
	}
	s.k.flush() // the prompt the cell printed comes first
	m, err := wire.NewMessage("input_request", parent, s.k.session, map[string]any{"prompt": "", "password": false})
	if err != nil {
		return "", err
	}
	if err := s.k.sockets.Stdin.Send(m); err != nil {
		return "", err
	}
	select {
	case v := <-s.replies:
		return v, nil
	case <-ctx.Done():
		return "", ErrInputInterrupted
	}
}

// receive passes input_reply values to the waiting read.
func (s *Stdin) receive() {
	for {
		m, err := s.k.sockets.Stdin.Recv()
		if m == nil {
			s.k.logClosed(err)
			return
		}
		if err != nil || m.Header.MsgType != "input_reply" {
			s.k.log.Printf("stdin: ignored %s", m.Header.MsgType)
			continue
		}
		var c struct {
			Value string `json:"value"`
		}
		_ = json.Unmarshal(m.Content, &c)
		select {
		case s.replies <- c.Value:
		default:
			s.k.log.Printf("stdin: input_reply with no input_request waiting")
		}
	}
}
