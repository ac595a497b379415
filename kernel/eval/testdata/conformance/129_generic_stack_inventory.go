package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s Stack[T]) Len() int { return len(s.items) }

type Item struct {
	SKU   string
	Qty   int
	Price float64
}

type Cents int

func (c Cents) String() string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

type Number interface{ ~int | ~float64 }

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func main() {
	var st Stack[Item]
	st.Push(Item{"a1", 2, 1.5})
	st.Push(Item{"b2", 1, 10})
	top, ok := st.Pop()
	fmt.Printf("%+v %v %d %T\n", top, ok, st.Len(), st)
	ps := &Stack[*Item]{}
	ps.Push(&Item{"c3", 5, 0.25})
	p, _ := ps.Pop()
	_, ok = ps.Pop()
	p.Qty--
	fmt.Println(*p, ok, fmt.Sprintf("%T %T", ps, p))
	inv := map[string]Item{"pear": {"p9", 3, 0.5}, "apple": {"a1", 7, 0.25}, "fig": {"f2", 0, 2}}
	keys := slices.Sorted(maps.Keys(inv))
	fmt.Printf("%v %+v\n", keys, inv[keys[0]])
	b, err := json.Marshal(map[string]any{"inv": inv, "top": &top, "cents": []Cents{1, 250}})
	fmt.Println(string(b), err)
	qtys := slices.Collect(maps.Values(inv))
	slices.SortFunc(qtys, func(a, b Item) int { return strings.Compare(a.SKU, b.SKU) })
	fmt.Println(qtys, Sum(Cents(150), Cents(275)), Sum(1.5, 2.25), fmt.Sprintf("%T", Sum[Cents](1, 2)))
	cs := Stack[Cents]{[]Cents{5, 105}}
	cs.Push(99)
	fmt.Println(cs.items, slices.Max(cs.items), slices.Index(keys, "pear"))
}
