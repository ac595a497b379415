package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var seen []int
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen = append(seen, i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(seen)
	fmt.Println(seen)

	results := make(chan string, 3)
	for _, name := range []string{"a", "b", "c"} {
		go func() { results <- name + name }()
	}
	var got []string
	for range 3 {
		got = append(got, <-results)
	}
	sort.Strings(got)
	fmt.Println(got)

	var order []int
	func() {
		for i := range 3 {
			defer func() { order = append(order, i) }()
		}
	}()
	fmt.Println(order)
}
