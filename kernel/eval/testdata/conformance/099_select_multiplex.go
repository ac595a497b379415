package main

import (
	"fmt"
	"sort"
)

func emit(prefix string, n int) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- fmt.Sprintf("%s%d", prefix, i)
		}
	}()
	return ch
}

func main() {
	a, b := emit("a", 3), emit("b", 4)
	var got []string
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			got = append(got, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			got = append(got, v)
		}
	}
	sort.Strings(got)
	fmt.Println(got, len(got))

	quit := make(chan struct{})
	ticks := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			ticks <- i
		}
		close(quit)
	}()
	sum := 0
loop:
	for {
		select {
		case t := <-ticks:
			sum += t
		case <-quit:
			break loop
		}
	}
	fmt.Println("sum", sum)
}
