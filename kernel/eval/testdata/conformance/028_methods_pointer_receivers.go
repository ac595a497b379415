package main

import (
	"fmt"
	"math"
)

type Vertex struct {
	X, Y float64
}

func (v Vertex) Abs() float64 {
	return math.Sqrt(v.X*v.X + v.Y*v.Y)
}

func (v *Vertex) Scale(f float64) {
	v.X *= f
	v.Y *= f
}

func (v Vertex) ScaledCopy(f float64) Vertex {
	v.X *= f
	v.Y *= f
	return v
}

type Counter struct {
	hits map[string]int
	n    int
}

func (c *Counter) Hit(page string) {
	c.hits[page]++
	c.n++
}

func (c Counter) Total() int { return c.n }

func main() {
	v := Vertex{3, 4}
	fmt.Println(v.Abs())
	v.Scale(10)
	fmt.Println(v, v.Abs())
	w := v.ScaledCopy(0.5)
	fmt.Println(v, w)
	p := &Vertex{1, 1}
	p.Scale(2)
	fmt.Println(*p, p.Abs())
	c := &Counter{hits: map[string]int{}}
	for _, page := range []string{"/", "/about", "/"} {
		c.Hit(page)
	}
	fmt.Println(c.Total(), c.hits["/"])
	vs := []Vertex{{1, 0}, {0, 2}}
	for i := range vs {
		vs[i].Scale(3)
	}
	fmt.Println(vs)
}
