package main

import (
	"fmt"
	"strconv"
)

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Code int

func (c Code) Error() string { return "code " + strconv.Itoa(int(c)) }

type Result struct {
	Value int
	Err   *NotFound
}

func main() {
	nf := &NotFound{"x"}
	fmt.Println(nf, Code(404))
	fmt.Printf("%v|%s|%T|%T\n", nf, Code(500), nf, Code(1))
	rs := []Result{{1, nil}, {0, nf}}
	fmt.Println(rs[1].Err, len(rs))
	codes := []Code{200, 404}
	fmt.Println(codes)
	fmt.Printf("%d %v\n", codes, codes)
}
