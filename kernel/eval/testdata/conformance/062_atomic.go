package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Stats struct {
	requests atomic.Int64
	errors   atomic.Int32
	ready    atomic.Bool
}

func main() {
	var ops int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				atomic.AddInt64(&ops, 1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("ops:", atomic.LoadInt64(&ops))

	var s Stats
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.requests.Add(1)
			if i%5 == 0 {
				s.errors.Add(1)
			}
		}()
	}
	wg.Wait()
	s.ready.Store(true)
	fmt.Println(s.requests.Load(), s.errors.Load(), s.ready.Load())

	var flag int32
	fmt.Println(atomic.CompareAndSwapInt32(&flag, 0, 1), atomic.CompareAndSwapInt32(&flag, 0, 1), flag)
	var v atomic.Value
	v.Store("config-v1")
	fmt.Println(v.Load().(string))
	old := s.requests.Swap(7)
	fmt.Println(old, s.requests.Load())
}
