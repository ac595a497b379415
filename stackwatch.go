package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Runaway recursion.
//
// Interpreted recursion without end grows a goroutine's stack until Go
// stops the process (a fatal error, which nothing can recover), and an
// interrupt does not reach it: the interpreter checks for one in loops and
// channel operations, not in calls. The kernel cannot survive it, so it
// says so in the cell while it still can, and keeps the stack limit low
// enough that the end comes in seconds rather than after minutes of
// swapping.

const (
	maxStack  = 512 << 20 // Go's own limit is 1 GiB on 64-bit systems
	warnStack = 128 << 20 // stacks this large mean recursion without end
)

// watchStacks writes a warning to w (the cell's stderr, through the
// capture) once the goroutines' stacks hold more than warnStack bytes,
// until ctx ends.
func watchStacks(ctx context.Context, w io.Writer) {
	debug.SetMaxStack(maxStack)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	warned := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		stacks := sample[0].Value.Uint64()
		switch {
		case stacks > warnStack && !warned:
			warned = true
			fmt.Fprintf(w, "gopar: goroutine stacks hold %d MiB: recursion without end, or a great many goroutines. "+
				"An interrupt cannot stop interpreted recursion, and Go cannot recover from a stack overflow: "+
				"a goroutine whose stack reaches %d MiB ends the kernel (Jupyter restarts it, without its variables). "+
				"Restart the kernel if the cell does not end.\n", stacks>>20, maxStack>>20)
		case stacks < warnStack/2:
			warned = false
		}
	}
}
