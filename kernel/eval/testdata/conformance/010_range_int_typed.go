package main

import "fmt"

type Seat uint8

type Row int

func (r Row) Label() string { return string(rune('A' + int(r))) }

func main() {
	const rows Row = 3
	const seats Seat = 4
	for r := range rows {
		for s := range seats {
			fmt.Printf("%s%d ", r.Label(), s+1)
		}
		fmt.Println()
	}
	var last Row
	for r := range rows {
		last = r
	}
	fmt.Printf("%T %v\n", last, last)

	var n int64 = 3
	var total int64
	for i := range n {
		total += i * 100
	}
	fmt.Printf("%T %d\n", total, total)

	for i := range uint(2) {
		fmt.Printf("%T:%d\n", i, i)
	}
}
