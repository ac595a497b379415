package main

import (
	"fmt"
	"math"
	"sort"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Scaler interface {
	Scale(f float64)
}

type ScalableShape interface {
	Shape
	Scaler
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64      { return r.W * r.H }
func (r Rect) Perimeter() float64 { return 2 * (r.W + r.H) }
func (r *Rect) Scale(f float64)   { r.W *= f; r.H *= f }

type Circle struct{ R float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (c Circle) String() string     { return fmt.Sprintf("Circle(r=%g)", c.R) }

type Square struct{ Rect }

func NewSquare(s float64) *Square { return &Square{Rect{s, s}} }

func (s Square) String() string { return fmt.Sprintf("Square(%g)", s.W) }

func total(shapes ...Shape) (sum float64) {
	for _, s := range shapes {
		sum += s.Area()
	}
	return sum
}

func main() {
	r := &Rect{2, 3}
	shapes := []Shape{r, Circle{1}, NewSquare(2), Rect{1, 1}}
	for _, s := range shapes {
		_, canScale := s.(Scaler)
		str, isStr := s.(fmt.Stringer)
		fmt.Printf("%T %v %.2f %.2f scale=%v stringer=%v\n", s, s, s.Area(), s.Perimeter(), canScale, isStr && str != nil)
	}
	for _, s := range shapes {
		if ss, ok := s.(ScalableShape); ok {
			ss.Scale(2)
		}
	}
	fmt.Printf("%.2f %v %v\n", total(shapes...), *r, shapes[2])
	area := r.Area
	scale := r.Scale
	scale(0.5)
	fmt.Println(area(), r.Area(), Circle.Perimeter(Circle{2}) > 12, (*Rect).Area(r))
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })
	fmt.Println(shapes[0], shapes[1], shapes[2], shapes[3])
	var sh Shape
	fmt.Println(sh == nil, fmt.Sprintf("%v %T", sh, sh))
}
