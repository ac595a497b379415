package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func Count(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Words(s string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, w := range strings.Fields(s) {
			if !yield(i, w) {
				return
			}
		}
	}
}

func main() {
	for i := range Count(10) {
		if i%2 == 1 {
			continue
		}
		if i > 6 {
			break
		}
		fmt.Print(i, " ")
	}
	fmt.Println()
	for i, w := range Words("a quick brown fox") {
		fmt.Println(i, w)
	}
	ages := map[string]int{"ann": 31, "bo": 25, "cy": 40}
	for _, name := range slices.Sorted(maps.Keys(ages)) {
		fmt.Println(name, ages[name])
	}
	evens := slices.Collect(Count(5))
	fmt.Println(evens, slices.Collect(maps.Values(map[int]int{1: 9})))
}
