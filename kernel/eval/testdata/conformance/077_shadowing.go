package main

import (
	"errors"
	"fmt"
)

var x = "package"

func lookup(ok bool) (string, error) {
	if !ok {
		return "", errors.New("lookup failed")
	}
	return "value", nil
}

func shadowedErr() error {
	var err error
	if true {
		_, err := lookup(false)
		_ = err
	}
	return err
}

func main() {
	fmt.Println(x)
	x := "main"
	fmt.Println(x)
	{
		x := "block"
		fmt.Println(x)
		x += "!"
		fmt.Println(x)
	}
	fmt.Println(x)

	if x := 42; x > 0 {
		fmt.Println("if-scoped x:", x)
	}
	for x := range 2 {
		fmt.Println("loop x:", x)
	}
	fmt.Println("after:", x)

	fmt.Println("shadowed err is nil:", shadowedErr() == nil)
	v, err := lookup(true)
	if err == nil {
		v, err := lookup(false)
		fmt.Printf("inner %q %v\n", v, err)
	}
	fmt.Printf("outer %q %v\n", v, err)
	len := 3
	fmt.Println(len * 2)
}
