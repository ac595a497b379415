package main

import (
	"fmt"
	"time"
)

func slowOp(d time.Duration, out chan<- string) {
	time.Sleep(d)
	out <- "finished"
}

func withTimeout(work, limit time.Duration) string {
	ch := make(chan string, 1)
	go slowOp(work, ch)
	select {
	case r := <-ch:
		return r
	case <-time.After(limit):
		return "timed out"
	}
}

func main() {
	fmt.Println(withTimeout(time.Millisecond, 2*time.Second))
	fmt.Println(withTimeout(2*time.Second, 20*time.Millisecond))

	done := make(chan bool)
	results := make(chan int)
	go func() {
		for i := range 3 {
			results <- i
		}
		close(done)
	}()
	received := 0
	for loop := true; loop; {
		select {
		case v := <-results:
			fmt.Println("result", v)
			received++
		case <-done:
			loop = false
		}
	}
	fmt.Println("received", received)

	timer := time.NewTimer(10 * time.Millisecond)
	stopped := timer.Stop()
	fmt.Println("stopped before firing:", stopped)
}
