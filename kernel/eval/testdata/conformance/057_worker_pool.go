package main

import (
	"fmt"
	"sort"
	"sync"
)

type result struct {
	input  int
	output int
	worker int
}

func worker(id int, jobs <-chan int, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		results <- result{input: n, output: n * n * n, worker: id}
	}
}

func main() {
	jobs := make(chan int, 100)
	results := make(chan result, 100)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for n := 1; n <= 9; n++ {
		jobs <- n
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()

	var all []result
	workersUsed := map[int]bool{}
	for r := range results {
		all = append(all, r)
		workersUsed[r.worker] = true
	}
	sort.Slice(all, func(i, j int) bool { return all[i].input < all[j].input })
	total := 0
	for _, r := range all {
		fmt.Printf("%d^3 = %d\n", r.input, r.output)
		total += r.output
	}
	fmt.Println("results:", len(all), "total:", total)
	fmt.Println("at least one worker:", len(workersUsed) >= 1)
}
