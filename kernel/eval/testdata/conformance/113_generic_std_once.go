package main

import (
	"fmt"
	"slices"
	"sync"
)

type Config struct {
	Name  string
	Ports []int
}

func main() {
	loads := 0
	load := sync.OnceValue(func() Config {
		loads++
		return Config{"svc", []int{8080, 80}}
	})
	c1, c2 := load(), load()
	fmt.Println(c1.Name, c2.Ports, loads)
	sorted := slices.Clone(c1.Ports)
	slices.Sort(sorted)
	fmt.Println(sorted, c1.Ports, slices.Index(sorted, 8080))
	pair := sync.OnceValues(func() (int, error) { return 42, nil })
	n, err := pair()
	fmt.Println(n, err)
	for i, chunk := range slices.Collect(slices.Chunk([]int{1, 2, 3, 4, 5}, 2)) {
		fmt.Println(i, chunk)
	}
}
