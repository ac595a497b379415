package main

import (
	"fmt"
	"sync"
)

func main() {
	words := []string{"zero", "one", "two", "three", "four"}
	results := make([]string, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = fmt.Sprintf("%d:%s", i, w)
		}()
	}
	wg.Wait()
	fmt.Println(results)

	squares := make([]int, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			squares[i] = i * i
		}()
	}
	wg.Wait()
	fmt.Println(squares)

	var mu sync.Mutex
	sum := 0
	for n := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("sum:", sum)
}
