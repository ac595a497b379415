package main

import (
	"fmt"
	"strings"
)

type node[T any] struct {
	val  T
	next *node[T]
}
type List[T any] struct {
	head, tail *node[T]
	size       int
}

func (l *List[T]) Append(vals ...T) {
	for _, v := range vals {
		n := &node[T]{val: v}
		if l.tail == nil {
			l.head = n
		} else {
			l.tail.next = n
		}
		l.tail = n
		l.size++
	}
}

func (l *List[T]) Each(f func(int, T)) {
	for i, n := 0, l.head; n != nil; i, n = i+1, n.next {
		f(i, n.val)
	}
}

func (l *List[T]) String() string {
	var parts []string
	l.Each(func(_ int, v T) { parts = append(parts, fmt.Sprint(v)) })
	return "[" + strings.Join(parts, " -> ") + "]"
}

func Find[T comparable](l *List[T], target T) int {
	idx := -1
	l.Each(func(i int, v T) {
		if idx < 0 && v == target {
			idx = i
		}
	})
	return idx
}

func main() {
	var ints List[int]
	ints.Append(3, 1, 4, 1, 5)
	fmt.Println(ints.String(), ints.size, Find(&ints, 1), Find(&ints, 9))
	names := &List[string]{}
	names.Append("ada", "grace", "barbara")
	names.Each(func(i int, s string) { fmt.Println(i, strings.ToUpper(s)) })
	fmt.Println(names)
}
