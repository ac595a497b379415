package main

import (
	"fmt"
	"sort"
	"sync"
)

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var primes []int
	for chunk := range 4 {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for n := lo; n < hi; n++ {
				if isPrime(n) {
					mu.Lock()
					primes = append(primes, n)
					mu.Unlock()
				}
			}
		}(chunk*25, (chunk+1)*25)
	}
	wg.Wait()
	sort.Ints(primes)
	fmt.Println(len(primes), primes)

	counts := make([]int, 3)
	wg.Add(len(counts))
	for i := range counts {
		go func() {
			defer wg.Done()
			for range 1000 {
				counts[i]++
			}
		}()
	}
	wg.Wait()
	fmt.Println(counts)
}
