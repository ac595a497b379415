package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID int
	N  int
}

type Result struct {
	Job Job
	Sum int
}

func (r Result) String() string { return fmt.Sprintf("job %d: %d", r.Job.ID, r.Sum) }

func main() {
	jobs := []Job{{1, 10}, {2, 100}, {3, 1000}}
	results := make([]Result, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for k := range j.N {
				s += k
			}
			results[i] = Result{j, s}
		}()
	}
	wg.Wait()
	fmt.Println(results)
	for _, r := range results {
		fmt.Println(r)
	}
}
