package main

import "fmt"

type stack []int

func (s *stack) push(v int) {
	println("debug: push", v)
	*s = append(*s, v)
}

func (s *stack) pop() int {
	old := *s
	v := old[len(old)-1]
	*s = old[:len(old)-1]
	print("debug: pop ", v, "\n")
	return v
}

func main() {
	var s stack
	for i := range 3 {
		s.push(i + 1)
	}
	fmt.Println("top:", s.pop())
	fmt.Println("len:", len(s))
	println("debug: done")
	fmt.Println("stdout ends here")
}
