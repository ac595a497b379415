package main

import (
	"fmt"
	"slices"
)

type Event struct {
	Day  int
	Name string
}

func main() {
	days := []int{1, 4, 9, 16, 25, 36}
	for _, target := range []int{16, 10, 0, 40} {
		i, found := slices.BinarySearch(days, target)
		fmt.Println(target, i, found)
	}
	events := []Event{{2, "launch"}, {5, "review"}, {9, "release"}}
	i, ok := slices.BinarySearchFunc(events, 5, func(e Event, day int) int { return e.Day - day })
	fmt.Println(i, ok, events[i].Name)

	words := []string{"pear", "apple", "fig"}
	slices.Sort(words)
	fmt.Println(words, slices.IsSorted(words))
	pos, _ := slices.BinarySearch(words, "banana")
	words = slices.Insert(words, pos, "banana")
	fmt.Println(words)

	grow := slices.Grow([]int{1}, 10)
	fmt.Println(len(grow), cap(grow) >= 11)
	fmt.Println(slices.Repeat([]string{"ab"}, 3))
	chunks := [][]int{}
	data := []int{1, 2, 3, 4, 5, 6, 7}
	for c := range slices.Chunk(data, 3) {
		chunks = append(chunks, c)
	}
	fmt.Println(chunks)
	fmt.Println(slices.Concat([]int{1}, []int{2, 3}, nil, []int{4}))
}
