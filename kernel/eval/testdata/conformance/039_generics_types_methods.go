package main

import "fmt"

type Stack[T any] struct {
	items []T
}

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

func (s *Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=>%v", p.Key, p.Val) }

func MakePairs[K comparable, V any](keys []K, val func(K) V) []Pair[K, V] {
	out := make([]Pair[K, V], 0, len(keys))
	for _, k := range keys {
		out = append(out, Pair[K, V]{k, val(k)})
	}
	return out
}

func main() {
	var s Stack[int]
	for i := range 4 {
		s.Push(i * 10)
	}
	fmt.Println(s.Len())
	for v, ok := s.Pop(); ok; v, ok = s.Pop() {
		fmt.Print(v, " ")
	}
	fmt.Println()

	words := &Stack[string]{items: []string{"a", "b"}}
	top, _ := words.Pop()
	fmt.Println(top, words.Len())

	pairs := MakePairs([]string{"go", "rust"}, func(s string) int { return len(s) })
	fmt.Println(pairs, pairs[1].String())
	fmt.Printf("%T\n", pairs[0])
}
