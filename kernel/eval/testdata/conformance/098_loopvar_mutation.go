package main

import "fmt"

func main() {
	// changing the range variable does not change the iteration
	nums := []int{1, 2, 3}
	for i, n := range nums {
		n *= 10
		i += 100
		_ = i
		fmt.Print(n, " ")
	}
	fmt.Println(nums)

	// but the three-clause variable carries on to the next iteration
	var got []int
	for i := 0; i < 10; i++ {
		got = append(got, i)
		i += 2
	}
	fmt.Println(got)

	// each iteration's closure keeps its own copy, including later changes
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
		i += 0
	}
	for i := range 3 {
		f := func() int { return i * 100 }
		fs = append(fs, f)
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	// goroutine-free "event handlers" registered in a loop
	handlers := map[string]func() string{}
	for _, name := range []string{"click", "hover", "key"} {
		handlers[name] = func() string { return "handled " + name }
	}
	fmt.Println(handlers["click"](), handlers["key"]())

	// a variable declared outside the loop is shared
	shared := 0
	var sf []func() int
	for range 3 {
		shared++
		sf = append(sf, func() int { return shared })
	}
	fmt.Println(sf[0](), sf[1](), sf[2]())
}
