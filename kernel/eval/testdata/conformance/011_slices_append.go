package main

import "fmt"

func main() {
	var s []int
	for i := range 6 {
		s = append(s, i*i)
	}
	fmt.Println(s, len(s))

	s = append(s, 100, 200)
	more := []int{7, 8, 9}
	s = append(s, more...)
	fmt.Println(s)

	// removing an element keeps order
	idx := 2
	s = append(s[:idx], s[idx+1:]...)
	fmt.Println(s)

	// inserting at the front
	s = append([]int{-1}, s...)
	fmt.Println(s[:4])

	bytes := append([]byte("hello, "), "world"...)
	fmt.Println(string(bytes))

	made := make([]string, 2, 10)
	made = append(made, "x")
	fmt.Printf("%q len=%d cap=%d\n", made, len(made), cap(made))

	var grid [][]int
	for r := range 3 {
		grid = append(grid, make([]int, r+1))
	}
	fmt.Println(grid)
}
