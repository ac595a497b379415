package eval

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"math"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"gopar/kernel/typedfmt"
	"gopar/runtime/display"
	"gopar/runtime/memguard"
	nativert "gopar/runtime/native"
)

// hooks are the compiled helpers that rewritten cells call, and the
// standard library functions a kernel must not let a cell run as they are.
func (s *Session) hooks() interp.Exports {
	logger := log.New(s.panics, "", log.LstdFlags)
	fatal := func(msg string) {
		logger.Output(3, msg)
		panic(exit{code: 1, how: "log.Fatal"})
	}
	return interp.Exports{
		"gopar/kernel/eval/hooks/hooks": {
			"GoStart":     reflect.ValueOf(s.goroutines.start),
			"GoEnd":       reflect.ValueOf(s.goEnd),
			"GoBegin":     reflect.ValueOf(func(id int) { s.goroutines.begin(id, goroutineID()) }),
			"Line":        reflect.ValueOf(func(n int) { s.line.Store(int64(n)) }),
			"Values":      reflect.ValueOf(func(v ...any) []any { return v }),
			"Clear":       reflect.ValueOf(clearValue),
			"EndCell":     reflect.ValueOf(func() { panic(endCell{}) }),
			"Defer":       reflect.ValueOf(func(f any, args ...any) { s.deferCall(f, args, false) }),
			"DeferSpread": reflect.ValueOf(func(f any, args ...any) { s.deferCall(f, args, true) }),
			"Recover":     reflect.ValueOf(s.recoverCell),
			"Recovered":   reflect.ValueOf(recovered),
			// Now and Since time the loops of %timeit.
			"Typed": reflect.ValueOf(func(v any, id int, m map[string]func(any) string) any {
				s.printTypesMu.Lock()
				t := s.printTypes[id]
				s.printTypesMu.Unlock()
				return typedfmt.New(v, t, m)
			}),
			"Hide": reflect.ValueOf(func(v any, id int) any {
				s.printTypesMu.Lock()
				t := s.printTypes[id]
				s.printTypesMu.Unlock()
				return typedfmt.HideUnexported(v, t)
			}),
			"Now":   reflect.ValueOf(time.Now),
			"Since": reflect.ValueOf(func(t time.Time) float64 { return time.Since(t).Seconds() }),
			"AsError": reflect.ValueOf(func(v any) (error, bool) {
				e, ok := v.(error)
				return e, ok
			}),
			"Print":   reflect.ValueOf(func(args ...any) { fmt.Fprint(s.panics, builtinPrint(args, false)) }),
			"Println": reflect.ValueOf(func(args ...any) { fmt.Fprint(s.panics, builtinPrint(args, true)) }),
			"AssertionError": reflect.ValueOf(func(v any, typ string) error {
				return fmt.Errorf("interface conversion: %T is not %s", v, typ)
			}),
			"Len":     reflect.ValueOf(nativert.Len),
			"TooDeep": reflect.ValueOf(s.stopRecursion),
		},
		// Repeating asks for count times the input's size at once.
		"strings/strings": {
			"Repeat": reflect.ValueOf(func(s string, count int) string {
				checkRepeat("strings.Repeat", len(s), count)
				return strings.Repeat(s, count)
			}),
		},
		"bytes/bytes": {
			"Repeat": reflect.ValueOf(func(b []byte, count int) []byte {
				checkRepeat("bytes.Repeat", len(b), count)
				return bytes.Repeat(b, count)
			}),
		},
		"os/os": {
			"Exit": reflect.ValueOf(func(code int) { panic(exit{code: code, how: fmt.Sprintf("os.Exit(%d)", code)}) }),
		},
		"log/log": {
			"Fatal":   reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) }),
			"Fatalf":  reflect.ValueOf(func(format string, v ...any) { fatal(fmt.Sprintf(format, v...)) }),
			"Fatalln": reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) }),
		},
		"runtime/runtime": {
			"Goexit": reflect.ValueOf(func() { panic(goexit{}) }),
		},
	}
}

// exit is the panic of os.Exit and log.Fatal in a cell: they end the cell,
// not the kernel and its variables.
type exit struct {
	code int
	how  string
}

// endCell is the panic of a return at a cell's top level: the cell ends
// there, without an error.
type endCell struct{}

// goexit is the panic of runtime.Goexit: it ends a goroutine a cell started
// as it would in Go; in the cell's own goroutine it ends the cell.
type goexit struct{}

// recovered is the value recover returns in a cell: the interpreter panics
// with its own wrapping of the value, which assertions would not see
// through.
func recovered(v any) any {
	rv, ok := v.(reflect.Value)
	if !ok {
		return v
	}
	for rv.IsValid() && rv.Kind() == reflect.Interface {
		rv = rv.Elem()
	}
	if !rv.IsValid() || !rv.CanInterface() {
		return nil
	}
	return rv.Interface()
}

// clearValue is the builtin clear for the interpreter, which lacks it.
func clearValue(x any) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		v.Clear()
	case reflect.Invalid:
	default:
		panic(fmt.Sprintf("invalid argument: clear(%T): argument must be a map or a slice", x))
	}
}

// goEnd is called as a goroutine a cell started ends, with what it
// recovered: a panic that escaped the goroutine is reported, not fatal.
func (s *Session) goEnd(id int, recovered any) {
	where := s.goroutines.end(id)
	switch r := recovered.(type) {
	case nil, goexit:
	case exit:
		s.panics.printf("%s in a goroutine started at %s ended that goroutine; the kernel goes on\n", r.how, where)
	default:
		s.panics.printf("panic in a goroutine started at %s: %v [recovered: the goroutine ended, the kernel goes on]\n", where, r)
	}
}

// goroutines tracks the goroutines cells started, to tell which a cell
// leaves running.
type goroutines struct {
	mu      sync.Mutex
	next    int
	cell    int             // the cell running now
	running map[int]goInfo  // by id
	started map[uint64]bool // the Go runtime's ids of those running
}

type goInfo struct {
	cell  int
	where string
	goid  uint64
}

func (g *goroutines) setCell(n int) {
	g.mu.Lock()
	g.cell = n
	g.mu.Unlock()
}

func (g *goroutines) start(where string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.running == nil {
		g.running = map[int]goInfo{}
	}
	g.next++
	g.running[g.next] = goInfo{cell: g.cell, where: where}
	return g.next
}

func (g *goroutines) end(id int) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	info := g.running[id]
	delete(g.running, id)
	delete(g.started, info.goid)
	return info.where
}

// begin records, in the goroutine id, which goroutine of the Go runtime
// it is.
func (g *goroutines) begin(id int, goid uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if info, ok := g.running[id]; ok {
		info.goid = goid
		g.running[id] = info
		if g.started == nil {
			g.started = map[uint64]bool{}
		}
		g.started[goid] = true
	}
}

// startedByCell tells whether the Go runtime's goroutine goid is one a
// cell started (and not a cell's own).
func (g *goroutines) startedByCell(goid uint64) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.started[goid]
}

// goroutineID is the Go runtime's number of the calling goroutine, read
// from the first line of its stack ("goroutine 42 [running]:"). It costs
// a microsecond: for goroutines cells start, and rare events.
func goroutineID() uint64 {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	line = bytes.TrimPrefix(line, []byte("goroutine "))
	if i := bytes.IndexByte(line, ' '); i > 0 {
		n, _ := strconv.ParseUint(string(line[:i]), 10, 64)
		return n
	}
	return 0
}

// forget drops every goroutine: an interrupt stops them all.
func (g *goroutines) forget() {
	g.mu.Lock()
	g.running = nil
	g.started = nil
	g.mu.Unlock()
}

// leftBy describes the goroutines cell n started that still run, after
// giving those about to end a moment to do so; "" when there are none.
func (g *goroutines) leftBy(n int) string {
	var counts map[string]int
	for wait := time.Millisecond; ; wait *= 2 {
		counts = map[string]int{}
		g.mu.Lock()
		for _, info := range g.running {
			if info.cell == n {
				counts[info.where]++
			}
		}
		g.mu.Unlock()
		if len(counts) == 0 {
			return ""
		}
		if wait > 16*time.Millisecond {
			break
		}
		time.Sleep(wait)
	}
	total := 0
	var places []string
	for where, c := range counts {
		total += c
		places = append(places, fmt.Sprintf("%d started at %s", c, where))
	}
	sort.Strings(places)
	noun := "goroutines"
	if total == 1 {
		noun = "goroutine"
	}
	return fmt.Sprintf("%d %s of this cell still running: %s", total, noun, strings.Join(places, "; "))
}

// builtinPrint formats as the builtins print and println do: floats in
// exponent form with a sign, println with spaces and a newline.
func builtinPrint(args []any, line bool) string {
	var b strings.Builder
	for i, a := range args {
		if line && i > 0 {
			b.WriteByte(' ')
		}
		switch v := a.(type) {
		case float64:
			b.WriteString(printFloat(v))
		case float32:
			b.WriteString(printFloat(float64(v)))
		case complex128:
			fmt.Fprintf(&b, "(%s%si)", printFloat(real(v)), printFloat(imag(v)))
		case nil:
			b.WriteString("nil")
		default:
			rv := reflect.ValueOf(a)
			switch rv.Kind() {
			case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
				fmt.Fprintf(&b, "%#x", rv.Pointer())
			default:
				fmt.Fprint(&b, a)
			}
		}
	}
	if line {
		b.WriteByte('\n')
	}
	return b.String()
}

// printFloat is the builtin print's float format: +1.500000e+000.
func printFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', 6, 64), "e")
	if !strings.HasPrefix(mant, "-") {
		mant = "+" + mant
	}
	sign := exp[0]
	digits := strings.TrimLeft(exp[1:], "0")
	for len(digits) < 3 {
		digits = "0" + digits
	}
	return mant + "e" + string(sign) + digits
}

// deferCall keeps a call the cell's top level defers, with the values of
// its arguments now; spread says the last argument is passed with "...".
func (s *Session) deferCall(f any, args []any, spread bool) {
	fn := reflect.ValueOf(f)
	s.deferred = append(s.deferred, func() {
		in := make([]reflect.Value, len(args))
		for i, a := range args {
			t := fn.Type().In(min(i, fn.Type().NumIn()-1))
			if fn.Type().IsVariadic() && i >= fn.Type().NumIn()-1 && !spread {
				t = t.Elem()
			}
			if a == nil {
				in[i] = reflect.Zero(t)
			} else {
				in[i] = reflect.ValueOf(a)
			}
		}
		if spread {
			fn.CallSlice(in)
		} else {
			fn.Call(in)
		}
	})
}

// endCell runs the calls the cell's top level deferred once the cell has
// ended with result and err, as Go runs main's deferred calls when main
// returns or panics. A deferred call that recovers a panic of the top level
// turns the cell's error into a normal end; one that panics makes its panic
// the cell's error. os.Exit and log.Fatal end the cell without them, as
// they end a program.
func (s *Session) endCell(result *display.Bundle, err error) (*display.Bundle, error) {
	var e *Error
	if errors.As(err, &e) && e.Name == "Exit" {
		s.deferred, s.panicked = nil, nil
		return result, err
	}
	if s.panicked != nil && !(errors.As(err, &e) && e.Name == "panic") {
		s.panicked = nil
	}
	for len(s.deferred) > 0 {
		f := s.deferred[len(s.deferred)-1]
		s.deferred = s.deferred[:len(s.deferred)-1]
		wasPanicking := s.panicked != nil
		if derr := s.callDeferred(f); derr != nil {
			result, err = nil, derr
			continue
		}
		if wasPanicking && s.panicked == nil {
			result, err = nil, nil
		}
	}
	s.panicked = nil
	return result, err
}

// recoverCell is recover() in a function the cell's top level deferred:
// it stops the panic that ended the top level, if any.
func (s *Session) recoverCell() any {
	v := s.panicked
	s.panicked = nil
	return recovered(v)
}

// callDeferred calls one deferred function; a panic in it is returned as
// the cell's error, and becomes what a later deferred call recovers.
func (s *Session) callDeferred(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.panicked = r
			err = panicError(r, nil, 0)
		}
	}()
	f()
	return nil
}

// checkRepeat panics with a *memguard.Error when count copies of size
// bytes cannot be had.
func checkRepeat(fn string, size, count int) {
	bytes := float64(size) * float64(count)
	if bytes < nativert.CheckFrom {
		return
	}
	if err := memguard.Check(fmt.Sprintf("%s of %d bytes %d times", fn, size, count), bytes); err != nil {
		panic(err)
	}
}
