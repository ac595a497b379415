package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
	City string
}

func (p Person) String() string { return fmt.Sprintf("%s(%d)", p.Name, p.Age) }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	g := make(map[K][]T)
	for _, x := range xs {
		g[key(x)] = append(g[key(x)], x)
	}
	return g
}

func (p Person) IsAdult() bool         { return p.Age >= 18 }
func (p Person) Older(q Person) Person { return map[bool]Person{true: q, false: p}[q.Age > p.Age] }

func main() {
	people := []Person{{"ann", 31, "Oslo"}, {"bo", 12, "Rome"}, {"cy", 45, "Oslo"}, {"di", 17, "Lima"}, {"ed", 31, "Rome"}}
	adults := Filter(people, Person.IsAdult)
	fmt.Println(adults, len(adults))
	names := Map(people, func(p Person) string { return strings.ToUpper(p.Name) })
	fmt.Printf("%q %T\n", names, names)
	total := Reduce(people, 0, func(n int, p Person) int { return n + p.Age })
	fmt.Println(total, Reduce(people[1:], people[0], Person.Older))
	fmt.Println(GroupBy(people, func(p Person) string { return p.City }))
	slices.SortFunc(people, func(a, b Person) int {
		return cmp.Or(cmp.Compare(b.Age, a.Age), strings.Compare(a.Name, b.Name))
	})
	fmt.Printf("%v\n%+v\n", people, people[:2])
	i := slices.IndexFunc(people, func(p Person) bool { return p.City == "Lima" })
	fmt.Println(i, people[i], slices.ContainsFunc(people, func(p Person) bool { return p.Age > 50 }))
}
