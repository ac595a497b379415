package main

import "fmt"

var (
	appName = "inventory"
	version = 3
	debug   bool
)

var total float64

func main() {
	var count int
	var ratio = 0.75
	name := "widget"
	a, b, c := 1, "two", 3.0
	var x, y int = 10, 20
	x, y = y, x

	fmt.Println(appName, version, debug, total)
	fmt.Println(count, ratio, name)
	fmt.Println(a, b, c)
	fmt.Println("swapped:", x, y)

	var p *int
	fmt.Println("nil pointer:", p == nil)
	p = &count
	*p += 5
	fmt.Println("count via pointer:", count)

	var s []string
	var m map[string]int
	fmt.Println(s == nil, m == nil, len(s), len(m))

	total = float64(version) * ratio
	fmt.Printf("total=%.2f type=%T\n", total, total)

	const greeting = "hello"
	r := []rune(greeting)
	fmt.Println(len(r), string(r[1]))
}
