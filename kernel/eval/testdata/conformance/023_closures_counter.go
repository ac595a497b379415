package main

import "fmt"

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func accumulator(start int) (add func(int), get func() int) {
	total := start
	add = func(d int) { total += d }
	get = func() int { return total }
	return
}

func fibGen() func() int {
	a, b := 0, 1
	return func() int {
		r := a
		a, b = b, a+b
		return r
	}
}

func main() {
	c1 := counter()
	c2 := counter()
	fmt.Println(c1(), c1(), c1(), c2())

	add, get := accumulator(100)
	add(5)
	add(-20)
	fmt.Println(get())

	next := fibGen()
	for range 10 {
		fmt.Print(next(), " ")
	}
	fmt.Println()

	memo := map[int]int{}
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		if v, ok := memo[n]; ok {
			return v
		}
		memo[n] = fib(n-1) + fib(n-2)
		return memo[n]
	}
	fmt.Println(fib(80))
}
