package main

import (
	"fmt"
	"strings"
)

func memoize(f func(int) int) (func(int) int, func() int) {
	cache := map[int]int{}
	calls := 0
	return func(n int) int {
			if v, ok := cache[n]; ok {
				return v
			}
			calls++
			v := f(n)
			cache[n] = v
			return v
		}, func() int {
			return calls
		}
}

func makeMultipliers(factors ...int) []func(int) int {
	var fs []func(int) int
	for _, k := range factors {
		fs = append(fs, func(x int) int { return x * k })
	}
	return fs
}

func middleware(name string, next func(string) string) func(string) string {
	return func(s string) string {
		return name + "(" + next(s) + ")"
	}
}

func main() {
	slowSquare := func(n int) int { return n * n }
	sq, calls := memoize(slowSquare)
	for _, n := range []int{3, 4, 3, 3, 5, 4} {
		fmt.Print(sq(n), " ")
	}
	fmt.Println("calls:", calls())

	for _, f := range makeMultipliers(2, 3, 10) {
		fmt.Print(f(7), " ")
	}
	fmt.Println()

	h := strings.ToUpper
	for _, name := range []string{"auth", "log", "gzip"} {
		h = middleware(name, h)
	}
	fmt.Println(h("req"))
}
