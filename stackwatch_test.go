package main

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/kernel/eval"
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
	var causes []error
	var mu sync.Mutex
	go watchStacks(ctx, &out, func() uint64 { return 1 }, func(cause error) bool {
		mu.Lock()
		defer mu.Unlock()
		causes = append(causes, cause)
		return true
	})

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
	if w := out.String(); !strings.Contains(w, "the running cell is stopped") || strings.Count(w, "gopar:") != 1 {
		t.Errorf("warning %q: want one, saying when the cell is stopped", w)
	}
	mu.Lock()
	if len(causes) != 0 {
		t.Errorf("a 200 MiB stack stopped the cell: %v", causes)
	}
	mu.Unlock()

	// Past stopStack the running cell is stopped, once.
	reached2, stop2 := make(chan struct{}), make(chan struct{})
	defer close(stop2)
	go deep(400_000, reached2, stop2) // about 400 MiB more
	<-reached2
	deadline = time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(causes)
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	var e *eval.Error
	if len(causes) != 1 || !errors.As(causes[0], &e) || e.Name != "RecursionError" {
		t.Fatalf("stops %v: want one RecursionError", causes)
	}
}
