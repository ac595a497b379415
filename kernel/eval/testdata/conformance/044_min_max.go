package main

import "fmt"

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2))
	fmt.Println(min(2.5, 1), max(-1, -0.5))
	fmt.Println(min("banana", "apple", "cherry"), max("banana", "apple", "cherry"))
	x, y := 10, 20
	fmt.Println(min(x, y), max(x, y, 15))
	const c = max(1, 2.5, 2)
	fmt.Println(c)
	var u8 uint8 = 200
	fmt.Println(max(u8, 100), min(u8, 255))
	scores := []int{72, 95, 61, 88}
	lo, hi := scores[0], scores[0]
	for _, s := range scores[1:] {
		lo = min(lo, s)
		hi = max(hi, s)
	}
	fmt.Println(lo, hi)
	fmt.Println(min(5))
	clamp := func(v int) int { return max(0, min(v, 100)) }
	fmt.Println(clamp(-5), clamp(50), clamp(500))
}
