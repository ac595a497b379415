package main

import "fmt"

type Matrix [][]float64

func NewMatrix(rows, cols int) Matrix {
	m := make(Matrix, rows)
	for i := range m {
		m[i] = make([]float64, cols)
	}
	return m
}

func Identity(n int) Matrix {
	m := NewMatrix(n, n)
	for i := range n {
		m[i][i] = 1
	}
	return m
}

func (a Matrix) Mul(b Matrix) Matrix {
	out := NewMatrix(len(a), len(b[0]))
	for i := range a {
		for j := range b[0] {
			for k := range b {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out
}

func (a Matrix) String() string {
	s := ""
	for _, row := range a {
		for j, v := range row {
			if j > 0 {
				s += " "
			}
			s += fmt.Sprintf("%6.1f", v)
		}
		s += "\n"
	}
	return s
}

func main() {
	a := Matrix{{1, 2}, {3, 4}, {5, 6}}
	b := Matrix{{7, 8, 9}, {10, 11, 12}}
	fmt.Print(a.Mul(b))
	fmt.Print(a.Mul(Identity(2)))
	fib := Matrix{{1, 1}, {1, 0}}
	r := Identity(2)
	for range 10 {
		r = r.Mul(fib)
	}
	fmt.Println(r[0][1])
}
