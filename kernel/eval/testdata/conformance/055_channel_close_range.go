package main

import (
	"fmt"
	"strings"
)

func generate(words ...string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, w := range words {
			out <- w
		}
	}()
	return out
}

func upper(in <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for w := range in {
			out <- strings.ToUpper(w)
		}
	}()
	return out
}

func exclaim(in <-chan string) <-chan string {
	out := make(chan string, 2)
	go func() {
		defer close(out)
		for w := range in {
			out <- w + "!"
		}
	}()
	return out
}

func main() {
	for w := range exclaim(upper(generate("go", "is", "fun"))) {
		fmt.Println(w)
	}
	done := make(chan int)
	data := make(chan int, 5)
	go func() {
		sum := 0
		for v := range data {
			sum += v
		}
		done <- sum
	}()
	for i := 1; i <= 10; i++ {
		data <- i
	}
	close(data)
	fmt.Println("sum", <-done)
}
