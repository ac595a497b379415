// Package native is what the kernel builds into the functions it compiles
// from cells: checks that let the interrupt button stop a compiled loop,
// a guard that keeps a panic in a compiled goroutine from ending the
// kernel, and the count that stops runaway recursion. Cells do not call
// it; the kernel writes the calls.
//
// Every plugin of compiled cells links this package and everything it
// imports, and each loaded plugin keeps its relocated copy of their data
// for the kernel's life: so it imports next to nothing (no fmt, no
// reflect), and the kernel supplies what needs more through PanicHandler.
package native

import (
	"runtime"
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

// Trip makes Check panic from now on.
func (s *Stop) Trip() { s.tripped.Store(true) }

// Interrupted is the panic with which Check ends compiled code.
type Interrupted struct{}

func (Interrupted) Error() string { return "interrupted" }

var (
	current atomic.Pointer[Stop]
	never   Stop
)

// Begin makes a new Stop the running cell's, until end is called; the
// caller trips it when the cell is interrupted. A Stop stays tripped: a
// compiled loop that outlives its interrupted cell still ends.
func Begin() (s *Stop, end func()) {
	s = &Stop{}
	prev := current.Swap(s)
	return s, func() { current.Store(prev) }
}

// Token is the Stop of the running cell; outside cells, one that never
// trips.
func Token() *Stop {
	if s := current.Load(); s != nil {
		return s
	}
	return &never
}

// PanicHandler, when set (the kernel sets it once, before any cell runs),
// reports a panic that ended a goroutine of compiled code, with the
// goroutine's stack as runtime.Stack writes it.
var PanicHandler func(r any, stack []byte)

// Recover, deferred first in a goroutine of compiled code, ends the
// goroutine on a panic instead of the process: an interrupt ends it
// quietly, any other panic goes to PanicHandler.
func Recover() {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(Interrupted); ok {
		return
	}
	buf := make([]byte, 64<<10)
	stack := buf[:runtime.Stack(buf, false)]
	if h := PanicHandler; h != nil {
		h(r, stack)
		return
	}
	println("panic in a goroutine of compiled code:", r)
}

// Recovered is what recover gives compiled code: the value of a panic of
// interpreted code (a callback the compiled function was given) arrives
// as a reflect.Value holding it. The method set stands for the type,
// which this package does not import.
func Recovered(v any) any {
	if rv, ok := v.(interface {
		IsValid() bool
		CanInterface() bool
		Interface() any
	}); ok && rv.IsValid() && rv.CanInterface() {
		return rv.Interface()
	}
	return v
}

// DepthSuffix names the form of a function of a recursion cycle that
// counts the depth of its calls (see Deeper).
const DepthSuffix = "__gopar_depth"

// DefaultRecursionLimit is RecursionLimit unless the kernel sets it.
const DefaultRecursionLimit = 200_000

// RecursionLimit is how deep compiled cell functions that call themselves
// may go, as Python's recursion limit stops runaway recursion before the
// stack overflows, which Go cannot recover from. The kernel sets it from
// $GOPAR_RECURSION_LIMIT.
var RecursionLimit = DefaultRecursionLimit

// RecursionError is the panic of a call deeper than RecursionLimit.
type RecursionError struct{ Limit int }

func (e RecursionError) Error() string {
	return "maximum recursion depth exceeded: " + itoa(e.Limit) + " calls deep (set GOPAR_RECURSION_LIMIT in the kernel's environment to change the limit)"
}

// Deeper ends a recursive call depth calls deep with RecursionError once
// depth passes RecursionLimit. The kernel calls it first in every
// function of a recursion cycle.
func Deeper(depth int) {
	if depth > RecursionLimit {
		panic(RecursionError{RecursionLimit})
	}
}

// AllocCheck, when set (the kernel sets it once, before any cell runs),
// tells whether n elements of size bytes each, of the type of (for the
// error), can be had: nil when they can.
var AllocCheck func(n, size int, of string) error

// CheckFrom is the size in bytes from which an allocation is checked
// (Len asks AllocCheck): smaller ones cannot take the kernel down alone.
const CheckFrom = 32 << 20

// Len is n, the length or capacity a make of a cell asks for, once n
// elements of size bytes each have been found to fit in memory; else it
// panics with AllocCheck's error, before Go's runtime tries and dies of
// it. of is the type made, for the error.
func Len(n, size int, of string) int {
	if n < 0 || size == 0 || n < CheckFrom/size {
		return n
	}
	if check := AllocCheck; check != nil {
		if err := check(n, size, of); err != nil {
			panic(err)
		}
	}
	return n
}

// itoa formats a non-negative n in decimal, without package strconv.
func itoa(n int) string {
	if n <= 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
