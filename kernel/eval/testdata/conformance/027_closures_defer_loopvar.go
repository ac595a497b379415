package main

import "fmt"

func deferredLoop() {
	for i := 0; i < 3; i++ {
		defer func() { fmt.Println("deferred closure sees", i) }()
	}
	for _, s := range []string{"x", "y"} {
		defer fmt.Println("deferred call with arg", s)
	}
	fmt.Println("leaving deferredLoop")
}

func cleanup() []string {
	var steps []string
	record := func(s string) { steps = append(steps, s) }
	func() {
		for _, name := range []string{"db", "cache", "log"} {
			defer func() { record("close " + name) }()
			record("open " + name)
		}
	}()
	return steps
}

func main() {
	deferredLoop()
	for _, s := range cleanup() {
		fmt.Println(s)
	}
	x := 10
	defer fmt.Println("main deferred arg evaluated early:", x)
	defer func() { fmt.Println("main deferred closure sees late:", x) }()
	x = 20
	fmt.Println("end of main", x)
}
