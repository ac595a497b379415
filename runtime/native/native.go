// Package native is what the kernel builds into the functions it compiles
// from cells: checks that let the interrupt button stop a compiled loop,
// and a guard that keeps a panic in a compiled goroutine from ending the
// kernel. Cells do not call it; the kernel writes the calls.
package native

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
)

// Stop trips when the cell that was running when a compiled function was
// entered is interrupted.
type Stop struct{ tripped atomic.Bool }

// Check ends the compiled function with the panic Interrupted once s has
// tripped. The kernel calls it at the top of every loop body.
func (s *Stop) Check() {
	if s.tripped.Load() {
		panic(Interrupted{})
	}
}

// Interrupted is the panic with which Check ends compiled code.
type Interrupted struct{}

func (Interrupted) Error() string { return "interrupted" }

var (
	current atomic.Pointer[Stop]
	never   Stop
)

// Begin makes the running cell's Stop trip when ctx is done, until end is
// called. A Stop stays tripped: a compiled loop that outlives its
// interrupted cell still ends.
func Begin(ctx context.Context) (end func()) {
	s := &Stop{}
	unhook := context.AfterFunc(ctx, func() { s.tripped.Store(true) })
	prev := current.Swap(s)
	return func() {
		unhook()
		current.Store(prev)
	}
}

// Token is the Stop of the running cell; outside cells, one that never
// trips.
func Token() *Stop {
	if s := current.Load(); s != nil {
		return s
	}
	return &never
}

// Recover, deferred first in a goroutine of compiled code, ends the
// goroutine on a panic instead of the process: an interrupt ends it
// quietly, any other panic is written to standard error with the cell
// lines it went through.
func Recover() {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(Interrupted); ok {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "panic in a goroutine: %v\n", r)
	for _, f := range CellFrames(debug.Stack()) {
		fmt.Fprintf(&b, "    In [%d], line %d, in %s\n", f.Cell, f.Line, f.Func)
	}
	os.Stderr.WriteString(b.String())
}

// Frame is a frame of a cell's compiled code in a goroutine's stack.
type Frame struct {
	Cell, Line int
	// Func is the function as the cell names it: "f", "f.func1".
	Func string
}

// CellFrames are the frames of cells' compiled code in a stack as
// runtime/debug writes it, innermost first: those whose file is In[N], as
// the kernel names the cells' code.
func CellFrames(stack []byte) []Frame {
	var out []Frame
	for _, m := range cellFrame.FindAllSubmatch(stack, -1) {
		// gopar/jitcell/p0123-456.f.func1: the part after the package.
		fn := string(m[1])
		if i := strings.LastIndex(fn, "/"); i >= 0 {
			fn = fn[i+1:]
		}
		if _, after, ok := strings.Cut(fn, "."); ok {
			fn = after
		}
		// The counting form of a recursive function is the function.
		fn = strings.ReplaceAll(fn, DepthSuffix, "")
		cell, _ := strconv.Atoi(string(m[2]))
		line, _ := strconv.Atoi(string(m[3]))
		out = append(out, Frame{Cell: cell, Line: line, Func: fn})
	}
	return out
}

// Recovered is what recover gives compiled code: the value of a panic of
// interpreted code (a callback the compiled function was given) arrives
// as a reflect.Value holding it.
func Recovered(v any) any {
	if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
		return rv.Interface()
	}
	return v
}

// DepthSuffix names the form of a function of a recursion cycle that
// counts the depth of its calls (see Deeper).
const DepthSuffix = "__gopar_depth"

// RecursionLimit is how deep compiled cell functions that call themselves
// may go: $GOPAR_RECURSION_LIMIT, by default 200,000 calls, as Python's
// recursion limit stops runaway recursion before the stack overflows,
// which Go cannot recover from.
var RecursionLimit = recursionLimit()

const defaultRecursionLimit = 200_000

func recursionLimit() int {
	if n, err := strconv.Atoi(os.Getenv("GOPAR_RECURSION_LIMIT")); err == nil && n > 0 {
		return n
	}
	return defaultRecursionLimit
}

// RecursionError is the panic of a call deeper than RecursionLimit.
type RecursionError struct{ Limit int }

func (e RecursionError) Error() string {
	return fmt.Sprintf("maximum recursion depth exceeded: %d calls deep (set GOPAR_RECURSION_LIMIT in the kernel's environment to change the limit)", e.Limit)
}

// Deeper ends a recursive call depth calls deep with RecursionError once
// depth passes RecursionLimit. The kernel calls it first in every
// function of a recursion cycle.
func Deeper(depth int) {
	if depth > RecursionLimit {
		panic(RecursionError{RecursionLimit})
	}
}

// cellFrame is a frame of a cell's code in a stack: the function, then
// the file In[N] the kernel names the cell's code after, and the line.
var cellFrame = regexp.MustCompile(`(?m)^(\S+)\(.*\)\n\tIn\[(\d+)\]:(\d+)`)
