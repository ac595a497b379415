package main

import (
	"fmt"
	"sort"
	"strings"
)

type Op func(a, b int) int

var ops = map[string]Op{
	"+": func(a, b int) int { return a + b },
	"-": func(a, b int) int { return a - b },
	"*": func(a, b int) int { return a * b },
}

func apply(f func(int) int, xs []int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func compose(f, g func(string) string) func(string) string {
	return func(s string) string { return g(f(s)) }
}

func square(x int) int { return x * x }

func main() {
	names := make([]string, 0, len(ops))
	for k := range ops {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Println(7, name, 3, "=", ops[name](7, 3))
	}
	fmt.Println(apply(square, []int{1, 2, 3}))
	fmt.Println(apply(func(x int) int { return -x }, []int{4, 5}))
	shout := compose(strings.ToUpper, func(s string) string { return s + "!" })
	fmt.Println(shout("hey"))
	var f func()
	fmt.Println(f == nil)
	f = func() { fmt.Println("called f") }
	f()
	fmt.Printf("%T\n", ops["+"])
	handlers := []func() string{
		func() string { return "first" },
		func() string { return "second" },
	}
	for _, h := range handlers {
		fmt.Println(h())
	}
}
