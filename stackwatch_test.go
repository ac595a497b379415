package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects what the watch writes, from its goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// deep recurses n times with a frame of about 1 KiB, then waits for stop.
func deep(n int, reached chan<- struct{}, stop <-chan struct{}) byte {
	var pad [1024]byte
	pad[n%len(pad)] = byte(n)
	if n == 0 {
		close(reached)
		<-stop
		return pad[0]
	}
	return deep(n-1, reached, stop) + pad[n%len(pad)]
}

func TestWatchStacksWarnsOfRunawayRecursion(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out lockedBuffer
	go watchStacks(ctx, &out)

	reached, stop := make(chan struct{}), make(chan struct{})
	defer close(stop)
	go deep(200_000, reached, stop) // about 200 MiB of stack, past warnStack
	<-reached
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "recursion without end") {
		if time.Now().After(deadline) {
			t.Fatalf("no warning with a 200 MiB stack; wrote %q", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if w := out.String(); !strings.Contains(w, "Restart the kernel") || strings.Count(w, "gopar:") != 1 {
		t.Errorf("warning %q: want one, saying to restart", w)
	}
}
