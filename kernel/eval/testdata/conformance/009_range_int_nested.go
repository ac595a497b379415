package main

import (
	"fmt"
	"strings"
)

func table(n int) string {
	var b strings.Builder
	for i := range n {
		for j := range n {
			fmt.Fprintf(&b, "%3d", (i+1)*(j+1))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func triangle(h int) {
	for row := range h {
		fmt.Println(strings.Repeat(" ", h-row-1) + strings.Repeat("*", 2*row+1))
	}
}

func main() {
	fmt.Print(table(4))
	triangle(4)
	words := []string{"alpha", "beta", "gamma"}
	for i := range len(words) {
		fmt.Println(i, words[len(words)-1-i])
	}
	count := 0
	for range 3 {
		for range 4 {
			count++
		}
	}
	fmt.Println("count", count)
}
