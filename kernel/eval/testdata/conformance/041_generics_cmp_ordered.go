package main

import (
	"cmp"
	"fmt"
)

func Max[T cmp.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Clamp[T cmp.Ordered](v, lo, hi T) T {
	return Max(lo, min(v, hi))
}

func SortedInsert[T cmp.Ordered](xs []T, v T) []T {
	i := 0
	for i < len(xs) && cmp.Less(xs[i], v) {
		i++
	}
	xs = append(xs, v)
	copy(xs[i+1:], xs[i:])
	xs[i] = v
	return xs
}

type Version struct{ Major, Minor int }

func CompareVersions(a, b Version) int {
	if c := cmp.Compare(a.Major, b.Major); c != 0 {
		return c
	}
	return cmp.Compare(a.Minor, b.Minor)
}

func main() {
	fmt.Println(Max(3, 7), Max("apple", "banana"), Max(2.5, -1.0))
	fmt.Println(Clamp(15, 0, 10), Clamp(-3, 0, 10), Clamp("m", "a", "k"))
	var xs []int
	for _, v := range []int{5, 1, 4, 2, 3} {
		xs = SortedInsert(xs, v)
	}
	fmt.Println(xs)
	words := SortedInsert([]string{"ant", "cat"}, "bee")
	fmt.Println(words)
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Compare(3.0, 3.0))
	fmt.Println(CompareVersions(Version{1, 2}, Version{1, 10}), CompareVersions(Version{2, 0}, Version{1, 9}))
	fmt.Println(cmp.Or(0, 0, 5, 7), cmp.Or("", "default"))
}
