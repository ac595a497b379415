package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Player struct {
	Name  string
	Score int
}

func main() {
	nums := []int{5, 2, 8, 2, 9, 1}
	sorted := slices.Clone(nums)
	slices.Sort(sorted)
	fmt.Println(nums, sorted)
	fmt.Println(slices.Index(nums, 8), slices.Index(nums, 42), slices.Contains(nums, 9))
	fmt.Println(slices.Max(nums), slices.Min(nums))
	slices.Reverse(sorted)
	fmt.Println(sorted)
	fmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}))
	fmt.Println(slices.Insert([]string{"a", "d"}, 1, "b", "c"))
	fmt.Println(slices.Equal([]int{1, 2}, []int{1, 2}), slices.Equal([]int{1}, nil))
	fmt.Println(slices.Delete([]int{0, 1, 2, 3, 4}, 1, 3))

	players := []Player{{"zed", 30}, {"amy", 50}, {"bob", 30}}
	slices.SortFunc(players, func(a, b Player) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	fmt.Println(players)
	idx := slices.IndexFunc(players, func(p Player) bool { return p.Name == "bob" })
	fmt.Println(idx, slices.ContainsFunc(players, func(p Player) bool { return p.Score > 40 }))
	best := slices.MaxFunc(players, func(a, b Player) int { return cmp.Compare(len(a.Name), len(b.Name)) })
	fmt.Println(best.Name)
}
