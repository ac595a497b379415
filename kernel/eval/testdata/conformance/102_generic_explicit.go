package main

import (
	"fmt"
	"strings"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func Zero[T any]() T {
	var z T
	return z
}

func Keys[M ~map[K]V, K comparable, V any](m M) int {
	return len(m)
}

type Number interface{ ~int | ~float64 }

func Scale[S ~[]E, E Number](s S, k E) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = v * k
	}
	return out
}

type Points []int

func (p Points) Sum() int {
	t := 0
	for _, v := range p {
		t += v
	}
	return t
}

type Registry map[string]int

func main() {
	toUpper := Map[string, string]
	fmt.Println(toUpper([]string{"a", "b"}, strings.ToUpper))
	fmt.Printf("%q %v %v %v\n", Zero[string](), Zero[int](), Zero[*int]() == nil, Zero[[]int]() == nil)
	fmt.Println(Keys(Registry{"a": 1, "b": 2}))
	scaled := Scale(Points{1, 2, 3}, 10)
	fmt.Println(scaled, scaled.Sum())
	fmt.Printf("%T\n", scaled)
	fmt.Println(Scale([]float64{0.5}, 3))
	lens := Map([]string{"go", "zig"}, func(s string) int { return len(s) })
	fmt.Println(lens)
}
