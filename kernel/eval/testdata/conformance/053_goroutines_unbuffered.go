package main

import "fmt"

func produce(n int, out chan<- int) {
	for i := range n {
		out <- i * i
	}
	close(out)
}

func pingPong(rounds int) []string {
	ping, pong := make(chan int), make(chan int)
	done := make(chan []string)
	go func() {
		var log []string
		for v := range ping {
			log = append(log, fmt.Sprint("ping ", v))
			pong <- v + 1
		}
		done <- log
	}()
	var log []string
	v := 0
	for range rounds {
		ping <- v
		v = <-pong
		log = append(log, fmt.Sprint("pong ", v))
	}
	close(ping)
	return append(<-done, log...)
}

func main() {
	ch := make(chan int)
	go produce(5, ch)
	for v := range ch {
		fmt.Print(v, " ")
	}
	fmt.Println()
	for _, l := range pingPong(3) {
		fmt.Println(l)
	}
	result := make(chan string)
	go func() { result <- "computed" }()
	fmt.Println(<-result)
}
