package main

import (
	"fmt"
	"math"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Fahrenheit float64

type Point struct{ X, Y int }

type Size struct{ X, Y int }

type Temp interface{ String() string }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case Celsius:
		return "celsius " + x.String()
	case float64:
		return fmt.Sprintf("float64 %g", x)
	case Fahrenheit:
		return fmt.Sprintf("fahrenheit %.1f", float64(x))
	case Point:
		return fmt.Sprintf("point %d,%d", x.X, x.Y)
	case *Point:
		return fmt.Sprintf("*point %v", *x)
	case Size:
		return fmt.Sprintf("size %dx%d", x.X, x.Y)
	case []Celsius, []float64:
		return fmt.Sprintf("slice %v", x)
	case fmt.Stringer:
		return "stringer " + x.String()
	case error:
		return "error " + x.Error()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	vals := []any{Celsius(21.5), 21.5, Fahrenheit(70), Point{1, 2}, &Point{3, 4}, Size{5, 6},
		[]Celsius{1}, []float64{2}, nil, fmt.Errorf("boom"), int32(7), map[string]Size{}}
	for _, v := range vals {
		fmt.Println(describe(v))
	}
	var a any = Celsius(-4)
	f, isFloat := a.(float64)
	c, isC := a.(Celsius)
	t, isTemp := a.(Temp)
	_, isStr := a.(fmt.Stringer)
	fmt.Println(f, isFloat, c, isC, t, isTemp, isStr)
	var p any = Point{1, 1}
	_, isSize := p.(Size)
	fmt.Println(isSize, p == any(Point{1, 1}), p == any(Size{1, 1}), Point(Size{7, 8}))
	fmt.Println(math.Abs(float64(c)), Celsius(math.Max(float64(c), 0)))
	fmt.Printf("%v %T %v %T\n", a, a, Fahrenheit(1.5), Fahrenheit(1.5))
}
