// Package delayed builds lazy task graphs from ordinary functions, as
// dask.delayed does, and computes them on all cores.
//
// A [Delayed] is a promise: a function applied to arguments, not yet run.
// Arguments may themselves be promises, so promises build a graph of
// tasks; nothing runs until [Delayed.Compute] (or [Compute] of several)
// asks for a result:
//
//	add := delayed.Func(func(a, b int) int { return a + b }) // Python's @delayed
//	x := add(1, 2)
//	y := add(x, 3)
//	z := add(x, y)       // x is shared: computed once
//	v, err := z.Compute() // 9 <nil>
//
// [Call] applies any function at once (delayed.Call(calcpi.Loop, n, seed)),
// [Value] makes a promise of a value, [Gather] turns promises into a
// promise of the slice of their results, and [Delayed.Visualize] draws the
// graph.
//
// Arguments. A function of any signature may be delayed, variadic ones
// too. Each argument is given to the function as its parameter's type
// asks: a promise's result, a number converted to another numeric type
// when its value stays the same (an int to a float64 or a uint64), a slice
// converted element by element (the []any of [Gather] to a []float64), a
// []*Delayed as the slice of its results. A function whose last result is
// an error fails its task when it returns a non-nil error; one of several
// other results gives them as a []any.
//
// Computing. A graph's tasks run on at most runtime.GOMAXPROCS(0)
// goroutines at a time, each task as soon as the tasks it needs are done,
// each once per computation however many tasks use it; a result is kept
// only until the last task that needs it has run. A computation stops at
// the first task that fails (an error returned, or a panic, reported with
// the function's name) and when the notebook cell is interrupted; tasks
// already running then finish on their own, and their results are
// dropped. A computation longer than a second shows a progress bar.
//
// Mistakes in a call (a value that is not a function, a wrong number of
// arguments, an argument of a type the parameter cannot take) never
// panic: the promise keeps the error, shows it, and Compute returns it
// before running anything.
//
// Names. Tasks are named after their function, as runtime.FuncForPC
// names compiled functions ("pi.Loop", and "add" for a function a cell
// declared, which the kernel compiles). A function without a name of its
// own, a literal or one the interpreter runs (a wrapper made by reflect),
// gives its tasks its type ("func(int, int) int"); [Named] gives any
// function the name its tasks show.
package delayed
