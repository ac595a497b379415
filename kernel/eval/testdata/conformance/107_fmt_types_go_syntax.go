package main

import "fmt"

type ID string

type Tag struct {
	Name  string
	Score float64
}

type Doc struct {
	ID   ID
	Tags []Tag
	Meta map[string]int
	Next *Doc
}

type Matrix [2][2]int

func main() {
	d := Doc{ID: "d1", Tags: []Tag{{"go", 0.5}}, Meta: map[string]int{"v": 2}}
	fmt.Printf("%T|%T|%T|%T\n", d, d.ID, d.Tags, &d)
	fmt.Printf("%#v\n", d.Tags)
	fmt.Printf("%#v\n", Tag{"x", 1})
	fmt.Printf("%+v\n", Tag{"y", 2.5})
	var m Matrix
	m[1][0] = 7
	fmt.Printf("%v %T\n", m, m)
	ids := []ID{"a", "b"}
	fmt.Printf("%v %T %q\n", ids, ids, ids)
	fmt.Printf("%T %T\n", map[ID][]Tag{}, func(Tag) ID { return "" })
}
