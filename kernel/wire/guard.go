package wire

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// Guarding the accept loop.
//
// zmq4 accepts a connection and does its handshake in the same loop, with
// no deadline: one TCP peer that connects and says nothing (a port
// scanner, nc, a laptop's security software) blocks every later client of
// that socket for good (zmq4#131). The kernel therefore binds TCP sockets
// through a transport of its own whose listener hands zmq4 only the
// connections that opened with ZMTP's 10-byte signature within
// greetingTimeout; the others are closed. The bytes read are replayed to
// zmq4, and the rest of the greeting must follow within the same time.
// The connections it hands on queue their writes (sendqueue.go).

// guardedTCP is the name of the transport: endpoints read guardedTCP://IP:PORT.
const guardedTCP = "gopar-tcp"

// greetingTimeout is how long a peer has to send its greeting.
var greetingTimeout = 5 * time.Second

// greetingSize is the size of ZMTP 3's greeting.
const greetingSize = 64

func init() {
	if err := zmq4.RegisterTransport(guardedTCP, guardTransport{}); err != nil {
		panic("wire: register the guarded TCP transport: " + err.Error())
	}
}

// zmqEndpoint is the endpoint the kernel binds for a connection file's
// endpoint: TCP goes through the guard.
func zmqEndpoint(ep string) string {
	if rest, ok := strings.CutPrefix(ep, "tcp://"); ok {
		return guardedTCP + "://" + rest
	}
	return ep
}

type guardTransport struct{}

func (guardTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return d.DialContext(ctx, "tcp", addr)
}

func (guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	g := &guardListener{Listener: l, timeout: greetingTimeout, ready: make(chan net.Conn), done: make(chan struct{})}
	go g.acceptLoop()
	return g, nil
}

func (guardTransport) Addr(ep string) (string, error) {
	if _, addr, ok := strings.Cut(ep, "://"); ok {
		return addr, nil
	}
	return ep, nil
}

// guardListener accepts connections in the background and passes on those
// that greet in time.
type guardListener struct {
	net.Listener
	timeout   time.Duration // greetingTimeout when it was made
	ready     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
}

func (g *guardListener) acceptLoop() {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			select {
			case <-g.done:
				return
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			time.Sleep(10 * time.Millisecond) // e.g. out of file descriptors: do not spin
			continue
		}
		go g.vet(c)
	}
}

// vet reads c's signature and hands c on, or closes it.
func (g *guardListener) vet(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(g.timeout))
	sig := make([]byte, 10)
	n := 0
	for n < len(sig) {
		k, err := c.Read(sig[n:])
		n += k
		if err != nil {
			c.Close()
			return
		}
	}
	if sig[0] != 0xff || sig[9] != 0x7f {
		c.Close()
		return
	}
	select {
	case g.ready <- &greetedConn{Conn: c, prefix: bytes.Clone(sig)}:
	case <-g.done:
		c.Close()
	}
}

func (g *guardListener) Accept() (net.Conn, error) {
	select {
	case c := <-g.ready:
		return newQueuedConn(c), nil
	case <-g.done:
		return nil, net.ErrClosed
	}
}

func (g *guardListener) Close() error {
	g.closeOnce.Do(func() { close(g.done) })
	return g.Listener.Close()
}

// greetedConn replays the signature already read, and lifts the greeting's
// deadline once the whole greeting has been read.
type greetedConn struct {
	net.Conn
	prefix []byte
	read   int
}

func (c *greetedConn) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		n := copy(p, c.prefix)
		c.prefix = c.prefix[n:]
		c.read += n
		return n, nil
	}
	n, err := c.Conn.Read(p)
	before := c.read
	c.read += n
	if before < greetingSize && c.read >= greetingSize {
		c.Conn.SetReadDeadline(time.Time{})
	}
	return n, err
}
