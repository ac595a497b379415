package main

import "fmt"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
)

const (
	A, B = iota, iota * 10
	C, D
	E, F
)

type Level uint8

const (
	Low Level = iota + 1
	_
	High
)

func main() {
	fmt.Println(Sunday, Wednesday, Saturday)
	fmt.Println(KB, MB, GB)
	fmt.Println(A, B, C, D, E, F)
	fmt.Println(Low, High)
	fmt.Printf("%T %T\n", Friday, High)
	days := Saturday - Monday
	fmt.Println("days between:", days)
	for d := Sunday; d <= Saturday; d++ {
		if d%2 == 0 {
			fmt.Print(int(d), " ")
		}
	}
	fmt.Println()
}
