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
	head *node[T]
	size int
}

func (l *List[T]) Push(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) All() func(yield func(T) bool) {
	return func(yield func(T) bool) {
		for n := l.head; n != nil; n = n.next {
			if !yield(n.val) {
				return
			}
		}
	}
}

func Join[T any](seq func(yield func(T) bool), sep string) string {
	var parts []string
	for v := range seq {
		parts = append(parts, fmt.Sprint(v))
	}
	return strings.Join(parts, sep)
}

func main() {
	var l List[int]
	for i := range 4 {
		l.Push(i * i)
	}
	fmt.Println(Join(l.All(), ","), l.size)
	var names List[string]
	names.Push("x")
	names.Push("y")
	for n := range names.All() {
		fmt.Print(n)
	}
	fmt.Println()
}
