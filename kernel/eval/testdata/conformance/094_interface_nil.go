package main

import (
	"errors"
	"fmt"
)

type MyErr struct{}

func (*MyErr) Error() string { return "my error" }

func mayFail(fail bool) error {
	var p *MyErr
	if fail {
		p = &MyErr{}
	}
	return p
}

func correct(fail bool) error {
	if fail {
		return &MyErr{}
	}
	return nil
}

type Animal interface{ Sound() string }

type Dog struct{ name string }

func (d *Dog) Sound() string {
	if d == nil {
		return "<silent nil dog>"
	}
	return d.name + ": woof"
}

func main() {
	err := mayFail(false)
	fmt.Println(err == nil, err != nil)
	fmt.Printf("%T %v\n", err, err == (*MyErr)(nil))
	fmt.Println(correct(false) == nil, correct(true))

	var d *Dog
	var a Animal = d
	fmt.Println(a == nil, a.Sound())
	a = &Dog{"rex"}
	fmt.Println(a.Sound())
	var none Animal
	fmt.Println(none == nil)
	var target *MyErr
	fmt.Println(errors.As(correct(true), &target), target != nil)
	func() {
		defer func() { fmt.Println("recovered:", recover() != nil) }()
		fmt.Println(none.Sound())
	}()
}
