package main

import "fmt"

type account struct {
	name    string
	balance int
}

type Level uint8

type Tag string

type ledger struct {
	owner    *account
	entries  []account
	byName   map[string]account
	tags     []Tag
	level    Level
	extra    []any
	nothing  *account
	children map[Tag][]Level
}

type Point struct{ X, Y int }

func main() {
	a := account{"ann", 120}
	b := account{name: "bo", balance: -5}
	fmt.Printf("%v|%+v|%#v|%T\n", a, a, a, a)
	fmt.Printf("%v|%+v|%T\n", &a, &b, &a)
	l := ledger{
		owner:    &a,
		entries:  []account{a, b},
		byName:   map[string]account{"bo": b, "ann": a},
		tags:     []Tag{"x", "y z"},
		level:    7,
		extra:    []any{a, Point{1, 2}, Tag("t"), Level(3), nil, []Point{{3, 4}}, &Point{7, 8}},
		children: map[Tag][]Level{"b": {2}, "a": {1, 0}},
	}
	fmt.Printf("%v\n", l.entries)
	fmt.Printf("%+v\n", l.byName)
	fmt.Printf("%#v\n", l.entries)
	fmt.Printf("%#v\n", l.byName)
	fmt.Printf("%v %+v\n", l.tags, l.extra[:6])
	fmt.Printf("%#v\n", l.extra[:6])
	fmt.Printf("%v %+v\n", l.extra[6], l.extra[6])
	fmt.Printf("%q %x %X\n", l.tags, l.tags, Tag("hi"))
	fmt.Printf("%s|%q|%x\n", a, a, a)
	fmt.Printf("%d %x %o %b %c %U\n", l.level, l.level, Level(8), Level(5), Level(65), Level(66))
	fmt.Printf("%T %T %T %T\n", l.tags, l.byName, l.extra, l.children)
	fmt.Printf("%v %#v\n", l.nothing, l.nothing)
	fmt.Printf("%v\n", l.children)
	fmt.Printf("%#v\n", l.children)
	fmt.Printf("%+v\n", []*Point{{5, 6}}[0])
	fmt.Printf("%#v\n", [2]Point{{1, 2}})
	fmt.Printf("%v %d %+d\n", Point{-1, 2}, Point{-1, 2}, Point{-1, 2})
	fmt.Printf("%8v|%-8v|%08d\n", Level(3), Tag("ab"), Point{1, 2})
	fmt.Println(a, &b, l.tags, l.level, Tag("z"))
	var anyA any = a
	fmt.Printf("%v %T %#v\n", anyA, anyA, anyA)
	s := fmt.Sprint(l.entries[1], " ", l.extra[3])
	fmt.Println(s, len(s))
}
