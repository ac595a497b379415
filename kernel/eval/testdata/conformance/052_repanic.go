package main

import "fmt"

type fatal struct{ msg string }

func inner() {
	defer fmt.Println("inner deferred")
	panic(fatal{"disk full"})
}

func middle() {
	defer func() {
		r := recover()
		fmt.Println("middle saw:", r)
		if f, ok := r.(fatal); ok {
			panic("re-panic: " + f.msg)
		}
	}()
	inner()
	fmt.Println("not reached")
}

func outer() (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("outer recovered: ", r)
		}
	}()
	middle()
	return "normal"
}

func cleanupOrder() {
	defer func() {
		fmt.Println("last recover:", recover())
	}()
	defer fmt.Println("cleanup 2")
	defer fmt.Println("cleanup 1")
	panic("boom")
}

func main() {
	fmt.Println(outer())
	cleanupOrder()
	fmt.Println("main continues")
}
