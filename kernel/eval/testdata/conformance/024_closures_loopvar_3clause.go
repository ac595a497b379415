package main

import "fmt"

func main() {
	var funcs []func() int
	for i := 0; i < 4; i++ {
		funcs = append(funcs, func() int { return i })
	}
	for _, f := range funcs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var ptrs []*int
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &i)
	}
	for _, p := range ptrs {
		fmt.Print(*p, " ")
	}
	fmt.Println()

	// the per-iteration copy is made before the post statement runs
	var seen []func() int
	for i := 0; i < 6; i += 2 {
		seen = append(seen, func() int { return i * 10 })
		i++
	}
	for _, f := range seen {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	// modifications inside the body carry over to the next iteration
	var log []func() string
	for i, s := 0, "a"; i < 3; i, s = i+1, s+"a" {
		log = append(log, func() string { return fmt.Sprint(i, s) })
	}
	for _, f := range log {
		fmt.Println(f())
	}
}
