package main

import "fmt"

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (c Circle) Area() float64 { return 3 * c.R * c.R }

func describe(s Shape) string {
	switch v := s.(type) {
	case Rect:
		return fmt.Sprintf("rect %vx%v", v.W, v.H)
	case Circle:
		return fmt.Sprintf("circle r=%v", v.R)
	}
	return "unknown"
}

func main() {
	shapes := []Shape{Rect{2, 3}, Circle{1}}
	total := 0.0
	for _, s := range shapes {
		fmt.Println(describe(s), s.Area())
		total += s.Area()
	}
	fmt.Println(total)
	if r, ok := shapes[0].(Rect); ok {
		fmt.Printf("%v %T\n", r, r)
	}
}
