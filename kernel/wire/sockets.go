package wire

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// Channel is one of the kernel's message sockets.
type Channel struct {
	Name   string
	sock   zmq4.Socket
	signer Signer
	logger *log.Logger
	pub    bool
	mu     sync.Mutex // serialises sends; zmq4 sockets are not meant for concurrent writers
}

// Recv waits for the next message. Frames that fail verification or do not
// form a message are logged and dropped, never returned; a message whose
// header is sound but whose body is not comes back together with an error
// wrapping ErrMalformed, so that the caller can answer it.
func (c *Channel) Recv() (*Message, error) {
	for {
		zm, err := c.sock.Recv()
		if err != nil {
			return nil, fmt.Errorf("%s: receive: %w", c.Name, err)
		}
		m, err := Decode(zm.Frames, c.signer)
		if err == nil {
			return m, nil
		}
		if m != nil && errors.Is(err, ErrMalformed) {
			return m, err
		}
		c.logger.Printf("%s: dropped message: %v", c.Name, err)
	}
}

// Send signs and sends a message. On the iopub channel, the identities are
// replaced by a topic made of the message type.
func (c *Channel) Send(m *Message) error {
	if c.pub {
		mm := *m
		mm.Identities = [][]byte{[]byte("kernel." + m.Header.MsgType)}
		m = &mm
	}
	frames, err := Encode(m, c.signer)
	if err != nil {
		return fmt.Errorf("%s: %w", c.Name, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("%s: send %s: %w", c.Name, m.Header.MsgType, err)
	}
	return nil
}

// Sockets are the kernel's message sockets, bound as a connection file
// says. The heartbeat is served apart, by Heartbeat.
type Sockets struct {
	Shell, Control, Stdin, IOPub *Channel
	cancel                       context.CancelFunc
}

// Listen binds the shell, control, stdin and iopub sockets.
func Listen(ctx context.Context, info ConnectionInfo, logger *log.Logger) (*Sockets, error) {
	signer, err := NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Sockets{cancel: cancel}
	channel := func(name string, sock zmq4.Socket, port int) (*Channel, error) {
		if err := sock.Listen(zmqEndpoint(info.Endpoint(port))); err != nil {
			sock.Close()
			return nil, fmt.Errorf("bind %s socket to %s: %w", name, info.Endpoint(port), err)
		}
		return &Channel{Name: name, sock: sock, signer: signer, logger: logger}, nil
	}
	opts := []zmq4.Option{zmq4.WithLogger(logger)}
	if s.Shell, err = channel("shell", zmq4.NewRouter(ctx, opts...), info.ShellPort); err == nil {
		if s.Control, err = channel("control", zmq4.NewRouter(ctx, opts...), info.ControlPort); err == nil {
			if s.Stdin, err = channel("stdin", zmq4.NewRouter(ctx, opts...), info.StdinPort); err == nil {
				s.IOPub, err = channel("iopub", zmq4.NewPub(ctx, opts...), info.IOPubPort)
			}
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	s.IOPub.pub = true
	return s, nil
}

// Heartbeat binds the heartbeat port and echoes every message back, frame
// for frame, until ctx ends. It is a ROUTER rather than a REP socket, so
// that any payload, an empty one too, comes back exactly as it was sent.
func Heartbeat(ctx context.Context, info ConnectionInfo, logger *log.Logger) error {
	sock := zmq4.NewRouter(ctx, zmq4.WithLogger(logger))
	defer sock.Close()
	if err := sock.Listen(zmqEndpoint(info.Endpoint(info.HBPort))); err != nil {
		return fmt.Errorf("bind heartbeat socket to %s: %w", info.Endpoint(info.HBPort), err)
	}
	for {
		m, err := sock.Recv()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("heartbeat: %w", err)
		}
		if err := sock.SendMulti(m); err != nil {
			return fmt.Errorf("heartbeat: %w", err)
		}
	}
}

// Close closes every socket.
func (s *Sockets) Close() {
	s.cancel()
	for _, c := range []*Channel{s.Shell, s.Control, s.Stdin, s.IOPub} {
		if c != nil {
			c.sock.Close()
		}
	}
	waitDrained()
}
