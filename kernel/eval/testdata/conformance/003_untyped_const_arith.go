package main

import (
	"fmt"
	"math"
)

const Big = 1 << 100
const Small = Big >> 99

const Pi = 3.14159265358979323846
const Third = 1.0 / 3

const huge = 1e300 * 1e10 / 1e20

func needInt(x int) int { return x*10 + 1 }

func needFloat(x float64) float64 { return x * 0.1 }

func main() {
	fmt.Println(needInt(Small))
	fmt.Println(needFloat(Small))
	fmt.Println(needFloat(Big))
	fmt.Printf("%.6f\n", Pi*2)
	fmt.Printf("%.10f\n", Third)
	fmt.Println(huge)

	const typed int64 = 7
	const untyped = 7
	var f float32 = untyped / 2.0
	fmt.Println(typed/2, untyped/2, f)

	var r rune = 'a' + 2
	fmt.Println(r, string(r))

	fmt.Println(math.MaxInt64, uint64(math.MaxUint64))
	fmt.Println(5/2, 5.0/2, 5%3, -5%3)

	const s = "con" + "cat"
	fmt.Println(s, len(s))
}
