package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"gopar/kernel/eval"
)

// Runaway recursion.
//
// Native functions and interpreted functions that call themselves count
// their depth and end the cell at the recursion limit. Recursion that no
// count reaches (interpreted mutual recursion, methods, frames so large
// that the stack fills before the limit) grows a goroutine's stack until
// Go stops the process, a fatal error that nothing can recover. So the
// kernel watches the goroutines' stacks: past warnStack it warns in the
// cell; past stopStack it stops the running cell as an interrupt does,
// which returns from every interpreted frame at once, and the cell ends
// with a RecursionError. The stack limit stays low enough that the end
// comes in seconds rather than after minutes of swapping, with room
// between stopStack and it for the stop to take effect.

const (
	maxStack  = 1 << 30   // Go's own limit on 64-bit systems
	stopStack = 512 << 20 // stacks this large: stop the running cell
	warnStack = 128 << 20 // stacks this large mean recursion without end
)

// watchStacks writes a warning to w (the cell's stderr, through the
// capture) once the goroutines' stacks hold more than warnStack bytes,
// and stops the running program (run says which one runs, 0 for none;
// stop stops it with the cell's error) once they hold stopStack and have
// grown by half of that since the program started, until ctx ends. The
// growth condition spares a program that starts while the stack of one
// just stopped is still being given back.
func watchStacks(ctx context.Context, w io.Writer, run func() uint64, stop func(error) bool) {
	debug.SetMaxStack(maxStack)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	warned, stopped := false, false
	var watched, low uint64
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
		if id := run(); id != watched {
			watched, low, stopped = id, stacks, false
		}
		low = min(low, stacks)
		switch {
		case stacks >= stopStack && stacks >= low+stopStack/2 && !stopped:
			msg := fmt.Sprintf("goroutine stacks reached %d MiB: recursion without end (functions that call each other, or a method calling itself, which the recursion limit does not count)", stacks>>20)
			stopped = stop(&eval.Error{Name: "RecursionError", Value: msg,
				Traceback: []string{"RecursionError: " + msg, "", "the cell was stopped before the stack overflowed, which would end the kernel; its variables are kept"}})
			if !stopped {
				fmt.Fprintf(w, "gopar: %s, in a goroutine no cell runs now: Go ends the kernel when one stack reaches %d MiB\n", msg, maxStack>>20)
				stopped = true
			}
		case stacks > warnStack && !warned:
			warned = true
			fmt.Fprintf(w, "gopar: goroutine stacks hold %d MiB: recursion without end, or a great many goroutines. "+
				"At %d MiB the running cell is stopped; a goroutine whose stack reaches %d MiB ends the kernel "+
				"(Jupyter restarts it, without its variables).\n", stacks>>20, stopStack>>20, maxStack>>20)
		}
		if stacks < warnStack/2 {
			warned = false
		}
	}
}
