package main

import "fmt"

func tryReceive(ch <-chan string) string {
	select {
	case msg := <-ch:
		return "got " + msg
	default:
		return "nothing ready"
	}
}

func trySend(ch chan<- int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

func main() {
	msgs := make(chan string, 1)
	fmt.Println(tryReceive(msgs))
	msgs <- "hello"
	fmt.Println(tryReceive(msgs))
	fmt.Println(tryReceive(msgs))

	buf := make(chan int, 2)
	for i := range 4 {
		fmt.Println("send", i, trySend(buf, i))
	}
	close(buf)
	for v := range buf {
		fmt.Println("drained", v)
	}

	var nilCh chan int
	select {
	case v := <-nilCh:
		fmt.Println("impossible", v)
	default:
		fmt.Println("nil channel never ready")
	}

	closed := make(chan int)
	close(closed)
	select {
	case v, ok := <-closed:
		fmt.Println("closed channel ready:", v, ok)
	default:
		fmt.Println("not ready")
	}
}
