package main

import (
	"fmt"
	"strconv"
)

type Shower interface {
	Show() string
}

type ShowableNumber interface {
	~int | ~float64
	Show() string
}

type Meters int

func (m Meters) Show() string { return strconv.Itoa(int(m)) + "m" }

type Kilos float64

func (k Kilos) Show() string { return strconv.FormatFloat(float64(k), 'f', 1, 64) + "kg" }

func ShowAll[T Shower](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Show()
	}
	return out
}

func Total[T ShowableNumber](items []T) string {
	var sum T
	for _, it := range items {
		sum += it
	}
	return "total " + sum.Show()
}

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T)      { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool { _, ok := s[v]; return ok }
func (s Set[T]) Len() int     { return len(s) }

func main() {
	ms := []Meters{3, 4, 5}
	fmt.Println(ShowAll(ms))
	fmt.Println(Total(ms))
	fmt.Println(Total([]Kilos{1.25, 2.5}))
	s := Set[string]{}
	s.Add("x")
	s.Add("y")
	s.Add("x")
	fmt.Println(s.Len(), s.Has("x"), s.Has("z"))
}
