package wire

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// TestQueuedConnDoesNotBlock: writes to a peer that reads nothing return
// at once, until the queue is full; then the peer is cut off.
func TestQueuedConnDoesNotBlock(t *testing.T) {
	saved := sendQueueLimit
	sendQueueLimit = 1 << 20
	t.Cleanup(func() { sendQueueLimit = saved })

	local, peer := net.Pipe() // unbuffered: every write waits for a read
	defer peer.Close()
	q := newQueuedConn(local)
	chunk := make([]byte, 64<<10)
	start := time.Now()
	for i := range 16 {
		if n, err := q.Write(chunk); err != nil || n != len(chunk) {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("16 writes to a stalled peer took %v", d)
	}
	if _, err := q.Write([]byte("one byte too many")); !errors.Is(err, errSlowSubscriber) {
		t.Fatalf("write past the limit: %v, want errSlowSubscriber", err)
	}
	// The peer finds its connection closed, after what was already on
	// its way at most.
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, peer); err != nil {
		t.Errorf("the stalled peer was not disconnected: %v", err)
	}
	if _, err := q.Write([]byte("x")); !errors.Is(err, errSlowSubscriber) {
		t.Errorf("write after the cut: %v", err)
	}
}

// TestQueuedConnKeepsOrderAndFlushesOnClose: what was written arrives in
// order, also what was still queued when the conn was closed.
func TestQueuedConnKeepsOrderAndFlushesOnClose(t *testing.T) {
	local, peer := net.Pipe()
	q := newQueuedConn(local)
	var want bytes.Buffer
	for i := range 1000 {
		p := bytes.Repeat([]byte{byte(i)}, i%37+1)
		want.Write(p)
		if _, err := q.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Write([]byte("late")); err == nil {
		t.Error("a write after Close was accepted")
	}
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(peer)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("received %d bytes, want the %d written, in order", len(got), want.Len())
	}
	waitDrained()
	if n := draining.Load(); n != 0 {
		t.Errorf("%d queued conns still draining after close", n)
	}
}
