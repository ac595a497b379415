package native

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestStop(t *testing.T) {
	if Token() != &never {
		t.Fatal("a Stop outside cells")
	}
	ctx, cancel := context.WithCancel(context.Background())
	end := Begin(ctx)
	s := Token()
	if v := panics(s.Check); v != nil {
		t.Fatalf("Check panicked before the interrupt: %v", v)
	}
	cancel()
	// The Stop trips in a goroutine of its own, soon after the cancel.
	deadline := time.Now().Add(5 * time.Second)
	for !s.tripped.Load() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if v := panics(s.Check); v != (Interrupted{}) {
		t.Fatalf("Check after the interrupt: %v, want Interrupted", v)
	}
	end()
	if Token() != &never {
		t.Fatal("the cell's Stop outlived the cell")
	}
	if v := panics(s.Check); v != (Interrupted{}) {
		t.Fatal("a tripped Stop came back")
	}
	// A cell that ends without an interrupt leaves its Stop untripped,
	// even when its context is cancelled afterwards.
	ctx, cancel = context.WithCancel(context.Background())
	end = Begin(ctx)
	s = Token()
	end()
	cancel()
	if v := panics(s.Check); v != nil {
		t.Fatalf("Check after the cell ended: %v", v)
	}
}

func TestRecover(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer Recover()
		panic(Interrupted{})
	}()
	<-done
	done = make(chan struct{})
	go func() {
		defer close(done)
		defer Recover()
		var m map[string]int
		m["x"] = 1
	}()
	<-done
}

func TestRecovered(t *testing.T) {
	err := errors.New("boom")
	for _, tt := range []struct{ in, want any }{
		{err, err}, {reflect.ValueOf(err), err}, {nil, nil}, {reflect.Value{}, reflect.Value{}}, {42, 42},
	} {
		if got := Recovered(tt.in); got != tt.want {
			t.Errorf("Recovered(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDeeper(t *testing.T) {
	if v := panics(func() { Deeper(RecursionLimit) }); v != nil {
		t.Fatalf("Deeper at the limit: %v", v)
	}
	if v := panics(func() { Deeper(RecursionLimit + 1) }); v != (RecursionError{RecursionLimit}) {
		t.Fatalf("Deeper past the limit: %v", v)
	}
}
