package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Student struct {
	Name  string
	Grade int
}

func main() {
	students := []Student{{"ann", 90}, {"bob", 72}, {"cid", 85}, {"dee", 72}}
	byGrade := map[int][]string{}
	for _, s := range students {
		byGrade[s.Grade] = append(byGrade[s.Grade], s.Name)
	}
	for _, g := range slices.Backward(slices.Sorted(maps.Keys(byGrade))) {
		fmt.Println(g, strings.Join(byGrade[g], ","))
	}
	names := slices.Collect(func(yield func(string) bool) {
		for _, s := range students {
			if !yield(strings.ToUpper(s.Name)) {
				return
			}
		}
	})
	fmt.Println(names)
	index := maps.Collect(slices.All([]string{"zero", "one", "two"}))
	fmt.Println(index[1], len(index))
	fmt.Println(slices.Sorted(maps.Keys(index)))
	var total int
	for i, v := range slices.All([]int{10, 20, 30}) {
		total += i * v
	}
	fmt.Println(total)
}
