package main

import (
	"fmt"
	"strconv"
)

func classify(n int) string {
	if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else if n%2 == 0 {
		return "even"
	}
	return "odd"
}

func parseAll(inputs []string) {
	for _, in := range inputs {
		if v, err := strconv.Atoi(in); err != nil {
			fmt.Printf("%q: not a number\n", in)
		} else if v > 100 {
			fmt.Printf("%q: big (%d)\n", in, v)
		} else {
			fmt.Printf("%q: %d\n", in, v)
		}
	}
}

func main() {
	for _, n := range []int{-3, 0, 4, 7} {
		fmt.Println(n, classify(n))
	}
	parseAll([]string{"42", "abc", "1000", "-1"})

	limit := 10
	if x := limit * 2; x > 15 {
		fmt.Println("x is large:", x)
	}
	if ok := limit > 5 && limit < 20; ok {
		fmt.Println("in range")
	}
}
