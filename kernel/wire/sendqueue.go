package wire

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Queued sends.
//
// zmq4's PUB socket writes each message to its subscribers one after the
// other, under one lock: a subscriber that stops reading (a front end
// frozen by a huge output, a laptop put to sleep) fills its TCP buffers,
// and the next write to it blocks every other subscriber, and the kernel
// with them. A ROUTER's write to a peer that stopped reading blocks the
// same way. The kernel's TCP connections therefore write through a queue
// of their own, drained by a goroutine per connection: a write only
// copies. A peer that falls sendQueueLimit bytes behind is disconnected,
// where libzmq would drop messages past its high-water mark; a libzmq
// client reconnects (and subscribes again) by itself.

// sendQueueLimit is how many bytes a connection may have queued.
var sendQueueLimit = 64 << 20

// flushTimeout bounds how long closing the sockets waits for queued
// messages to reach peers that still read.
var flushTimeout = 2 * time.Second

// errSlowSubscriber is the write error of a peer that fell too far
// behind.
var errSlowSubscriber = errors.New("the peer fell too far behind in reading and was disconnected")

// draining counts the queued connections not yet ended, so that
// Sockets.Close can let them finish sending.
var draining atomic.Int64

// queuedConn is a net.Conn whose writes are queued and sent in the
// background.
type queuedConn struct {
	net.Conn
	mu      sync.Mutex
	ready   *sync.Cond // signalled when chunks are queued or the conn ends
	chunks  [][]byte
	size    int   // bytes in chunks
	err     error // the first write error, or why the conn ended
	closing bool  // closed by zmq4: send what is queued, then close
}

func newQueuedConn(c net.Conn) *queuedConn {
	q := &queuedConn{Conn: c}
	q.ready = sync.NewCond(&q.mu)
	draining.Add(1)
	go q.drain()
	return q
}

func (q *queuedConn) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.err != nil:
		return 0, q.err
	case q.closing:
		return 0, net.ErrClosed
	case q.size+len(p) > sendQueueLimit:
		q.fail(errSlowSubscriber)
		return 0, q.err
	}
	q.chunks = append(q.chunks, append([]byte(nil), p...))
	q.size += len(p)
	q.ready.Signal()
	return len(p), nil
}

// fail ends the connection with err; q.mu is held.
func (q *queuedConn) fail(err error) {
	if q.err == nil {
		q.err = err
	}
	q.chunks, q.size = nil, 0
	q.Conn.Close() // unblocks a write in progress and zmq4's reader
	q.ready.Signal()
}

// drain sends the queued chunks in order until the conn fails, or is
// closed and has sent everything.
func (q *queuedConn) drain() {
	defer draining.Add(-1)
	for {
		q.mu.Lock()
		for len(q.chunks) == 0 && q.err == nil && !q.closing {
			q.ready.Wait()
		}
		if q.err != nil || len(q.chunks) == 0 { // failed, or closed and sent
			q.mu.Unlock()
			q.Conn.Close()
			return
		}
		bufs := net.Buffers(q.chunks)
		q.chunks = nil
		q.mu.Unlock()

		n, err := bufs.WriteTo(q.Conn)
		q.mu.Lock()
		if err != nil {
			q.fail(err)
		} else if q.err == nil {
			q.size -= int(n)
		}
		q.mu.Unlock()
	}
}

// Close lets what is queued go out (bounded by flushTimeout), then closes
// the connection. It does not wait: zmq4 calls it under the lock that
// every subscriber's sends take.
func (q *queuedConn) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closing || q.err != nil {
		return nil
	}
	q.closing = true
	q.Conn.SetWriteDeadline(time.Now().Add(flushTimeout))
	q.ready.Signal()
	return nil
}

// waitDrained waits up to flushTimeout for every queued connection to end.
func waitDrained() {
	for deadline := time.Now().Add(flushTimeout); draining.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}
