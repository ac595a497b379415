package main

import "fmt"

func findPair(nums []int, target int) (int, int, bool) {
	var a, b int
	found := false
outer:
	for i := range nums {
		for j := i + 1; j < len(nums); j++ {
			if nums[i]+nums[j] == target {
				a, b, found = i, j, true
				break outer
			}
		}
	}
	return a, b, found
}

func main() {
	i, j, ok := findPair([]int{3, 8, 11, 4, 7}, 15)
	fmt.Println(i, j, ok)
	_, _, ok = findPair([]int{1, 2}, 100)
	fmt.Println(ok)

rows:
	for r := 0; r < 4; r++ {
		for c := 0; c < 4; c++ {
			if c > r {
				fmt.Println()
				continue rows
			}
			if r == 3 && c == 2 {
				fmt.Println("stop")
				break rows
			}
			fmt.Print(r*c, " ")
		}
	}

	count := 0
loop:
	for {
		switch {
		case count >= 3:
			break loop
		default:
			count++
		}
	}
	fmt.Println("count", count)
}
