package main

import (
	"errors"
	"fmt"
)

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func minMax(xs []int) (lo, hi int, err error) {
	if len(xs) == 0 {
		err = errors.New("empty input")
		return
	}
	lo, hi = xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return lo, hi, nil
}

func double(n int) (result int) {
	defer func() { result *= 2 }()
	result = n + 1
	return result
}

func split(sum int) (x, y int) {
	x = sum * 4 / 9
	y = sum - x
	return
}

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	lo, hi, err := minMax([]int{4, -2, 9, 3})
	fmt.Println(lo, hi, err)
	_, _, err = minMax(nil)
	fmt.Println(err)
	fmt.Println(double(4))
	fmt.Println(split(17))
}
