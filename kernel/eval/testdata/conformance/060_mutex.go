package main

import (
	"fmt"
	"sync"
)

type SafeCounter struct {
	mu sync.Mutex
	v  map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	c.v[key]++
	c.mu.Unlock()
}

func (c *SafeCounter) Value(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.v[key]
}

type Account struct {
	sync.RWMutex
	balance int
}

func (a *Account) Deposit(n int) {
	a.Lock()
	defer a.Unlock()
	a.balance += n
}

func (a *Account) Balance() int {
	a.RLock()
	defer a.RUnlock()
	return a.balance
}

func main() {
	c := SafeCounter{v: make(map[string]int)}
	acct := &Account{}
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc("total")
			if i%2 == 0 {
				c.Inc("even")
				acct.Deposit(10)
			}
			_ = acct.Balance()
		}()
	}
	wg.Wait()
	fmt.Println(c.Value("total"), c.Value("even"), "balance:", acct.Balance())
}
