package memguard

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want uint64
		bad  bool
	}{
		{in: "1024", want: 1024},
		{in: "8GiB", want: 8 << 30},
		{in: "512 MiB", want: 512 << 20},
		{in: "2G", want: 2 << 30},
		{in: "1.5g", want: 3 << 29},
		{in: "3GB", want: 3e9},
		{in: "100kb", want: 100e3},
		{in: "", bad: true},
		{in: "lots", bad: true},
		{in: "-1GiB", bad: true},
		{in: "8 parsecs", bad: true},
	} {
		got, err := ParseSize(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseSize(%q) = %d, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	if err := Check("make([]byte, 1024)", 1024); err != nil {
		t.Fatalf("a kilobyte refused: %v", err)
	}
	err := Check("make([]int64, 100000000000)", 8e11)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("745 GiB: %v, want an *Error", err)
	}
	msg := e.Error()
	for _, want := range []string{"make([]int64, 100000000000) asks for 745.1 GiB", "the kernel can have", EnvVar} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if room := Room(); room <= 0 || room > 1<<50 {
		t.Errorf("Room() = %.0f bytes", room)
	}
}

func TestLimitFromMachine(t *testing.T) {
	n, from := Limit()
	if n == 0 || from == "" {
		t.Fatalf("Limit() = %d, %q", n, from)
	}
}

// TestWatch stops a "cell" whose memory grows past a limit just above
// what the process holds, and leaves alone one that does not grow.
func TestWatch(t *testing.T) {
	held, _ := usage()
	limit := uint64(held) + 16<<20

	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	go watch(ctx, cancel, limit)
	var keep [][]byte
	deadline := time.Now().Add(10 * time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		b := make([]byte, 8<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
		time.Sleep(time.Millisecond)
	}
	var e *Error
	if !errors.As(context.Cause(ctx), &e) || !e.Growth {
		t.Fatalf("after growing by %d MiB: cause %v, want a growth *Error", len(keep)*8, context.Cause(ctx))
	}
	if e.Room != float64(limit) || e.Bytes <= float64(limit) {
		t.Errorf("error %+v, limit %d", e, limit)
	}
	if !strings.Contains(e.Error(), "past its limit") {
		t.Errorf("message %q", e.Error())
	}
	keep = nil

	// No growth: the limit is below what is held already, and the cell
	// runs on.
	ctx, cancel = context.WithCancelCause(context.Background())
	defer cancel(nil)
	go watch(ctx, cancel, 1)
	time.Sleep(10 * watchEvery)
	if ctx.Err() != nil {
		t.Fatalf("a cell that did not grow was stopped: %v", context.Cause(ctx))
	}
	cancel(nil)

	// No limit known: only the system running out stops a cell.
	ctx, cancel = context.WithCancelCause(context.Background())
	defer cancel(nil)
	go watch(ctx, cancel, math.MaxUint64)
	time.Sleep(5 * watchEvery)
	if ctx.Err() != nil {
		t.Fatalf("stopped without a limit: %v", context.Cause(ctx))
	}
}
