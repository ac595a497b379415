package main

import "fmt"

type Grid [3][3]int

func modify(arr [4]int) [4]int {
	arr[0] = 100
	return arr
}

func modifyPtr(arr *[4]int) {
	arr[0] = 100
}

func (g Grid) Transposed() Grid {
	var t Grid
	for i := range 3 {
		for j := range 3 {
			t[j][i] = g[i][j]
		}
	}
	return t
}

func main() {
	a := [4]int{1, 2, 3, 4}
	b := modify(a)
	fmt.Println(a, b)
	modifyPtr(&a)
	fmt.Println(a)

	c := a
	c[1] = -1
	fmt.Println(a[1], c[1], a == c)

	auto := [...]string{"x", "y", "z"}
	fmt.Println(len(auto), auto)
	sparse := [5]int{1: 10, 3: 30}
	fmt.Println(sparse)

	g := Grid{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	fmt.Println(g.Transposed())
	fmt.Println(g[2])

	counts := [26]int{}
	for _, r := range "hello world" {
		if r >= 'a' && r <= 'z' {
			counts[r-'a']++
		}
	}
	fmt.Println(counts['l'-'a'], counts['o'-'a'])
	s := a[1:3]
	s[0] = 42
	fmt.Println(a, len(s), cap(s))
	for i, v := range [3]string{"p", "q", "r"} {
		fmt.Print(i, v, " ")
	}
	fmt.Println()
}
