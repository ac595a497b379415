package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func countUntilCancelled(ctx context.Context, out chan<- int) error {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			close(out)
			return ctx.Err()
		case out <- i:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	nums := make(chan int)
	errc := make(chan error, 1)
	go func() { errc <- countUntilCancelled(ctx, nums) }()
	for v := range nums {
		if v == 4 {
			cancel()
			break
		}
		fmt.Println("got", v)
	}
	err := <-errc
	fmt.Println(err, errors.Is(err, context.Canceled))

	tctx, tcancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer tcancel()
	select {
	case <-tctx.Done():
		fmt.Println("timeout:", tctx.Err())
	case <-time.After(5 * time.Second):
		fmt.Println("should not happen")
	}

	type key string
	vctx := context.WithValue(context.Background(), key("user"), "gopher")
	fmt.Println(vctx.Value(key("user")), vctx.Value(key("missing")))
}
