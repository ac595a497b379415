package main

import (
	"fmt"
	"strings"
)

func newBoard(n int) [][]string {
	board := make([][]string, n)
	for i := range board {
		board[i] = make([]string, n)
		for j := range board[i] {
			board[i][j] = "_"
		}
	}
	return board
}

func transpose(m [][]int) [][]int {
	if len(m) == 0 {
		return nil
	}
	t := make([][]int, len(m[0]))
	for i := range t {
		t[i] = make([]int, len(m))
		for j := range m {
			t[i][j] = m[j][i]
		}
	}
	return t
}

func main() {
	board := newBoard(3)
	board[0][0] = "X"
	board[2][2] = "O"
	board[1][2] = "X"
	for _, row := range board {
		fmt.Println(strings.Join(row, " "))
	}
	m := [][]int{{1, 2, 3}, {4, 5, 6}}
	fmt.Println(transpose(m))

	jagged := [][]int{{1}, {2, 3}, {}, {4, 5, 6}}
	total := 0
	for _, row := range jagged {
		for _, v := range row {
			total += v
		}
	}
	fmt.Println(len(jagged), total)
}
