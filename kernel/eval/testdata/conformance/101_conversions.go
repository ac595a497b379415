package main

import (
	"fmt"
	"math"
	"strconv"
)

type Celsius float64
type Fahrenheit float64

func CToF(c Celsius) Fahrenheit { return Fahrenheit(c*9/5 + 32) }

type ID string

func main() {
	f := 3.99
	fmt.Println(int(f), int(-f), int64(math.Round(f)), math.Trunc(-2.7), math.Floor(-2.7), math.Ceil(2.1))
	i := 65
	fmt.Println(string(rune(i)), strconv.Itoa(i), float64(i)/2)
	fmt.Println(CToF(100), CToF(-40))
	fmt.Printf("%.1f %T\n", CToF(37), CToF(37))

	id := ID("user-42")
	s := string(id)
	fmt.Println(id, s, len(id))

	b := []byte("abc")
	r := []rune("añ")
	fmt.Println(b, r, string(b[1:]), string(r[1]))
	var u8 uint8 = 200
	var i16 = int16(u8) * 2
	fmt.Println(i16, uint8(i16), float32(0.1), float64(float32(0.1)))
	x := 10
	y := 3
	fmt.Println(x/y, float64(x)/float64(y), x%y)
	fmt.Printf("%.3f\n", math.Sqrt(2))
	fmt.Println(math.MaxInt8, math.MinInt16, math.Pi)
	fmt.Println(math.Inf(1) > math.MaxFloat64, math.IsNaN(math.NaN()), math.Abs(-3.5), math.Pow(2, 10), math.Mod(7, 3))
}
