package main

import (
	"fmt"
	"sort"
	"sync"
)

func source(nums ...int) <-chan int {
	out := make(chan int, len(nums))
	for _, n := range nums {
		out <- n
	}
	close(out)
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}

func merge(chans ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	wg.Add(len(chans))
	for _, c := range chans {
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	in := source(1, 2, 3, 4, 5, 6, 7, 8)
	c1, c2, c3 := square(in), square(in), square(in)
	var got []int
	for v := range merge(c1, c2, c3) {
		got = append(got, v)
	}
	sort.Ints(got)
	fmt.Println(got)
}
