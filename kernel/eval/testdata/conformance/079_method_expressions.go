package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

func (p *Point) Move(dx, dy int) {
	p.X += dx
	p.Y += dy
}

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Op func(Point, Point) Point

func main() {
	add := Point.Add
	fmt.Println(add(Point{1, 2}, Point{10, 20}))

	move := (*Point).Move
	p := Point{0, 0}
	move(&p, 3, 4)
	fmt.Println(p)

	str := Point.String
	fmt.Println(str(Point{7, 8}))
	ptrStr := (*Point).String
	fmt.Println(ptrStr(&p))

	var op Op = Point.Add
	fmt.Println(op(p, p))
	fmt.Printf("%T\n", add)
	fmt.Printf("%T\n", move)

	pts := []Point{{1, 1}, {2, 2}}
	total := Point{}
	for _, q := range pts {
		total = Point.Add(total, q)
	}
	fmt.Println(total)
}
