package main

import "fmt"

type resource struct{ name string }

func open(name string) *resource {
	fmt.Println("open", name)
	return &resource{name}
}

func (r *resource) Close() { fmt.Println("close", r.name) }

func process() (result string) {
	a := open("a")
	defer a.Close()
	b := open("b")
	defer b.Close()
	defer func() { result += " (post-processed)" }()
	return "processed " + a.name + b.name
}

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func nested() {
	defer trace("nested")()
	fmt.Println("in nested")
}

func counter() (n int) {
	for i := range 3 {
		defer func() { n += i }()
	}
	return 100
}

func main() {
	fmt.Println(process())
	nested()
	fmt.Println(counter())
	for i := range 3 {
		defer fmt.Println("main defer", i)
	}
	fmt.Println("main body done")
}
