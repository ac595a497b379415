package main

import "fmt"

type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

type Float interface {
	~float32 | ~float64
}

type Number interface {
	Integer | Float
}

type MyInt int

type Score float64

func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Average[T Number](xs []T) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs)) / float64(len(xs))
}

func Abs[T Integer | Float](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

func main() {
	fmt.Println(Sum([]int{1, 2, 3}))
	fmt.Println(Sum([]float64{1.5, 2.25}))
	fmt.Println(Sum([]MyInt{10, 20}))
	s := Sum([]Score{9.5, 8.5})
	fmt.Printf("%v %T\n", s, s)
	fmt.Println(Average([]int8{1, 2, 4}))
	fmt.Println(Abs(-3), Abs(2.5), Abs(MyInt(-9)))
	fmt.Println(Sum[int64](nil))
}
