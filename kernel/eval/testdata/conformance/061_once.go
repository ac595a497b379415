package main

import (
	"fmt"
	"sync"
)

type Config struct {
	Name  string
	Debug bool
}

var (
	cfg      *Config
	cfgOnce  sync.Once
	loadRuns int
)

func loadConfig() *Config {
	cfgOnce.Do(func() {
		loadRuns++
		cfg = &Config{Name: "prod", Debug: false}
	})
	return cfg
}

func main() {
	var wg sync.WaitGroup
	ptrs := make([]*Config, 10)
	for i := range ptrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ptrs[i] = loadConfig()
		}()
	}
	wg.Wait()
	same := true
	for _, p := range ptrs {
		same = same && p == ptrs[0]
	}
	fmt.Println("loads:", loadRuns, "same pointer:", same, *ptrs[0])

	var once sync.Once
	for i := range 3 {
		once.Do(func() { fmt.Println("only once, i =", i) })
	}

	getValue := sync.OnceValue(func() int {
		fmt.Println("computing")
		return 42
	})
	fmt.Println(getValue(), getValue())
}
