package main

import (
	"fmt"
	"strconv"
	"strings"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func main() {
	nums := []int{1, 2, 3, 4, 5, 6, 7, 8}
	evens := Filter(nums, func(n int) bool { return n%2 == 0 })
	fmt.Println(evens)
	strs := Map(evens, func(n int) string { return "#" + strconv.Itoa(n) })
	fmt.Println(strings.Join(strs, " "))
	total := Reduce(nums, 0, func(a, n int) int { return a + n })
	fmt.Println(total)
	lengths := Map([]string{"a", "bb", "ccc"}, func(s string) int { return len(s) })
	fmt.Println(lengths)
	longest := Reduce([]string{"go", "gopher", "gc"}, "", func(best, s string) string {
		if len(s) > len(best) {
			return s
		}
		return best
	})
	fmt.Println(longest)
	halves := Map(nums[:3], func(n int) float64 { return float64(n) / 2 })
	fmt.Println(halves)
	fmt.Println(len(Filter([]string{}, func(string) bool { return true })))
}
