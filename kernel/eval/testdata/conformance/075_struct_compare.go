package main

import "fmt"

type Point struct{ X, Y int }

type Line struct {
	From, To Point
	Label    string
}

type Key struct {
	User string
	ID   [2]int
}

func main() {
	a := Point{1, 2}
	b := Point{1, 2}
	c := Point{2, 1}
	fmt.Println(a == b, a == c, a != c)

	l1 := Line{Point{0, 0}, Point{1, 1}, "diag"}
	l2 := l1
	l2.To.X = 5
	fmt.Println(l1 == l2, l1.To, l2.To)
	l2.To.X = 1
	fmt.Println(l1 == l2)

	seen := map[Key]bool{}
	seen[Key{"ann", [2]int{1, 2}}] = true
	fmt.Println(seen[Key{"ann", [2]int{1, 2}}], seen[Key{"ann", [2]int{2, 1}}])

	var zero Point
	fmt.Println(zero == Point{}, zero)

	p1, p2 := &Point{1, 1}, &Point{1, 1}
	fmt.Println(p1 == p2, *p1 == *p2)

	anon1 := struct {
		A int
		B string
	}{1, "x"}
	anon2 := struct {
		A int
		B string
	}{1, "x"}
	fmt.Println(anon1 == anon2)
	var i1, i2 any = Point{3, 4}, Point{3, 4}
	fmt.Println(i1 == i2)
}
