package main

import (
	"fmt"
	"math"
)

func main() {
	var u8 uint8 = 250
	for range 10 {
		u8++
	}
	fmt.Println(u8)

	var i8 int8 = 127
	i8++
	fmt.Println(i8)
	i8 = -128
	i8--
	fmt.Println(i8)

	var i32 int32 = math.MaxInt32
	i32 += 1
	fmt.Println(i32)

	var u uint = 0
	u--
	fmt.Println(u == math.MaxUint)

	big := int64(math.MaxInt64)
	big++
	fmt.Println(big == math.MinInt64)

	var u16 uint16 = 300
	m8 := uint8(255)
	fmt.Println(uint8(u16), int8(u16), m8+2)
	var h uint32 = 2166136261
	for _, c := range []byte("hash me") {
		h ^= uint32(c)
		h *= 16777619
	}
	fmt.Println(h)
	x := -7
	fmt.Println(x/2, x%2, x>>1, uint8(x))
	a, b := int32(1<<30), int32(4)
	fmt.Println(a*b, int64(a)*int64(b))
	var neg int8 = -128
	fmt.Println(-neg, neg/-1)
}
