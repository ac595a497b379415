package main

import "fmt"

func main() {
	for i := range 5 {
		fmt.Print(i, " ")
	}
	fmt.Println()

	sum := 0
	for i := range 101 {
		sum += i
	}
	fmt.Println("sum:", sum)

	for range 3 {
		fmt.Println("hello")
	}

	n := 4
	squares := make([]int, 0, n)
	for i := range n {
		squares = append(squares, i*i)
	}
	fmt.Println(squares)

	for i := range 0 {
		fmt.Println("never", i)
	}
	var neg = -2
	for i := range neg {
		fmt.Println("never either", i)
	}
	fmt.Println("done")
}
