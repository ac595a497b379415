package main

import (
	"errors"
	"fmt"
)

func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func mustPositive(n int) int {
	if n <= 0 {
		panic(fmt.Sprintf("mustPositive: got %d", n))
	}
	return n
}

func try(f func()) (val any) {
	defer func() { val = recover() }()
	f()
	return "no panic"
}

func main() {
	fmt.Println(safeDivide(10, 2))
	fmt.Println(safeDivide(1, 0))
	fmt.Println(try(func() { mustPositive(-1) }))
	fmt.Println(try(func() { mustPositive(5) }))
	v := try(func() { panic(errors.New("an error value")) })
	if err, ok := v.(error); ok {
		fmt.Println("error panic:", err)
	}
	fmt.Println(try(func() {
		var m map[string]int
		m["x"] = 1
	}))
	fmt.Println(try(func() {
		s := []int{1, 2}
		i := 5
		_ = s[i]
	}))
	fmt.Println(try(func() { panic(42) }))
	fmt.Println(recover())
}
