package main

import (
	"encoding/json"
	"fmt"
)

var config = struct {
	Host string
	Port int
}{"localhost", 8080}

func main() {
	fmt.Println(config.Host, config.Port)
	fmt.Printf("%+v\n", config)

	tests := []struct {
		name string
		in   int
		want int
	}{
		{"zero", 0, 0},
		{"one", 1, 1},
		{"five", 5, 25},
	}
	for _, tt := range tests {
		got := tt.in * tt.in
		fmt.Printf("%-5s ok=%v\n", tt.name, got == tt.want)
	}

	point := struct{ X, Y int }{3, 4}
	point.X++
	fmt.Println(point)

	resp := struct {
		Status string `json:"status"`
		Count  int    `json:"count"`
	}{"ok", 2}
	b, _ := json.Marshal(resp)
	fmt.Println(string(b))

	var empty struct{}
	fmt.Println(empty, fmt.Sprintf("%T", empty))
	nested := struct {
		Inner struct{ A []int }
	}{}
	nested.Inner.A = append(nested.Inner.A, 1, 2)
	fmt.Printf("%+v\n", nested)
}
