package main

import "fmt"

type Job struct {
	ID   int
	Name string
}

func main() {
	queue := make(chan Job, 3)
	queue <- Job{1, "parse"}
	queue <- Job{2, "compile"}
	fmt.Println(len(queue), cap(queue))
	queue <- Job{3, "link"}
	close(queue)
	for j := range queue {
		fmt.Printf("job %d: %s\n", j.ID, j.Name)
	}
	j, ok := <-queue
	fmt.Println(j, ok)

	sem := make(chan struct{}, 2)
	sem <- struct{}{}
	select {
	case sem <- struct{}{}:
		fmt.Println("acquired second slot")
	default:
		fmt.Println("full")
	}
	select {
	case sem <- struct{}{}:
		fmt.Println("acquired third slot")
	default:
		fmt.Println("full")
	}
	<-sem
	fmt.Println("slots in use:", len(sem))

	var sendOnly chan<- int
	var recvOnly <-chan int
	c := make(chan int, 1)
	sendOnly, recvOnly = c, c
	sendOnly <- 99
	fmt.Println(<-recvOnly)
	fmt.Printf("%T %T\n", sendOnly, recvOnly)
}
