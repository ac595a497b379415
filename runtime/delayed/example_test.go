package delayed_test

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gopar/runtime/delayed"
	"gopar/runtime/display"
)

func add(a, b int) int {
	result := a + b
	fmt.Printf("%d + %d = %d\n", a, b, result)
	return result
}

// The lesson's workflow: x is needed by y and z, and computed once.
func Example() {
	add := delayed.Func(add) // as Python's @delayed
	x := add(1, 2)
	y := add(x, 3)
	z := add(x, y)
	fmt.Printf("%T\n", z)
	fmt.Println(z.Compute())
	// Output:
	// *delayed.Delayed
	// 1 + 2 = 3
	// 3 + 3 = 6
	// 3 + 6 = 9
	// 9 <nil>
}

func ExampleCall() {
	sum := func(xs ...float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s
	}
	// A variadic function; a promise among the arguments; numbers
	// converted to the parameters' type.
	s := delayed.Call(sum, 1, 2, delayed.Call(math.Sqrt, 9))
	fmt.Println(s.Compute())
	// Output: 6 <nil>
}

// Gather turns promises into a promise of the slice of their results.
func ExampleGather() {
	double := delayed.Func(func(n int) int { return n + n })
	ds := make([]*delayed.Delayed, 10)
	for n := range ds {
		ds[n] = double(n)
	}
	fmt.Println(delayed.Gather(ds...).Compute())
	// Output: [0 2 4 6 8 10 12 14 16 18] <nil>
}

// The lesson's challenge: the mean of several estimates, all in one
// promise.
func ExampleGather_mean() {
	mean := delayed.Func(func(xs ...float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	})
	estimates := make([]any, 4)
	for i := range estimates {
		estimates[i] = delayed.Call(func(i int) float64 { return float64(i) }, i)
	}
	fmt.Println(mean(estimates...).Compute())
	// Output: 1.5 <nil>
}

// Compute of several promises runs the tasks they share once.
func ExampleCompute() {
	add := delayed.Func(add)
	x := add(1, 2)
	y := add(x, 3)
	z := add(x, -3)
	fmt.Println(delayed.Compute(y, z))
	// Unordered output:
	// 1 + 2 = 3
	// 3 + 3 = 6
	// 3 + -3 = 0
	// [6 0] <nil>
}

// A function declared in a notebook cell reaches the package without its
// name; Named gives its tasks one.
func ExampleNamed() {
	add := delayed.Named("add", func(a, b int) int { return a + b })
	x := add(1, 2)
	fmt.Println(strings.HasPrefix(x.String(), "Delayed('add-"))
	// Output: true
}

func ExampleValue() {
	n := delayed.Value(10)
	sq := delayed.Call(func(n int) int { return n * n }, n)
	fmt.Println(sq.Compute())
	// Output: 100 <nil>
}

// Mistakes in a call are kept in the promise and reported by Compute;
// a task that fails stops the computation.
func Example_errors() {
	add := delayed.Named("add", func(a, b int) int { return a + b })
	_, err := add(1, "two").Compute()
	fmt.Println(err)
	_, err = add(1, 2, 3).Compute()
	fmt.Println(err)
	div := delayed.Named("div", func(a, b int) int { return a / b })
	_, err = add(div(1, 0), 1).Compute()
	var te *delayed.TaskError
	if errors.As(err, &te) {
		fmt.Println(te.Task, te.Panic, te.Err)
	}
	// Output:
	// delayed: argument 2 of add: cannot use "two" (string) as int
	// delayed: add takes 2 arguments, got 3
	// div true runtime error: integer divide by zero
}

func ExampleDelayed_Visualize() {
	add := delayed.Func(add)
	x := add(1, 2)
	y := add(x, 3)
	z := add(x, y)
	b := z.Visualize("LR") // an SVG drawing, shown by the notebook
	fmt.Println(b.Data[display.MIMEPlain])
	// Output: task graph: 3 tasks, 3 values, 6 edges
}
