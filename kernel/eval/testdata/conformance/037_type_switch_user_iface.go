package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
}

type Polygon interface {
	Shape
	Sides() int
}

type Square struct{ S float64 }
type Triangle struct{ A, B, C float64 }
type Circle struct{ R float64 }

func (s Square) Area() float64 { return s.S * s.S }
func (s Square) Sides() int    { return 4 }
func (t Triangle) Area() float64 {
	p := (t.A + t.B + t.C) / 2
	return math.Sqrt(p * (p - t.A) * (p - t.B) * (p - t.C))
}
func (t Triangle) Sides() int  { return 3 }
func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

type Labeler interface{ Label() string }

func (c Circle) Label() string { return "round" }

func inspect(v any) string {
	switch s := v.(type) {
	case Polygon:
		return fmt.Sprintf("polygon with %d sides, area %.2f", s.Sides(), s.Area())
	case Labeler:
		return "labeled " + s.Label()
	case Shape:
		return fmt.Sprintf("shape, area %.2f", s.Area())
	case fmt.Stringer:
		return "stringer " + s.String()
	default:
		return fmt.Sprintf("unknown %v", s)
	}
}

func main() {
	for _, v := range []any{Square{2}, Triangle{3, 4, 5}, Circle{1}, "text", 3} {
		fmt.Println(inspect(v))
	}
	var sh Shape = Triangle{5, 5, 6}
	switch p := sh.(type) {
	case Polygon:
		fmt.Println("sides:", p.Sides())
	}
}
