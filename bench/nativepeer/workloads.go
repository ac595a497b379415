// Package nativepeer holds the workshop's loops exactly as notebook
// 03-computing-pi writes them in plain cells: the benchmark runs this
// file's declarations as a plain cell in a kernel, where they run as
// native code, and as an ordinary Go test binary.
package nativepeer

import (
	"math/rand/v2"
	"sync"
)

func calcPi(N int) float64 {
	M := 0
	for i := 0; i < N; i++ {
		x := -1 + 2*rand.Float64()
		y := -1 + 2*rand.Float64()
		if x*x+y*y < 1.0 {
			M++
		}
	}
	return 4 * float64(M) / float64(N)
}

func sumRange(a int) int {
	x := 0
	for i := range a {
		x += i
	}
	return x
}

func calcPiGo(N, workers int) float64 {
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(rand.Uint64(), uint64(w)))
			n := N / workers
			if w < N%workers {
				n++
			}
			M := 0
			for i := 0; i < n; i++ {
				x := -1 + 2*r.Float64()
				y := -1 + 2*r.Float64()
				if x*x+y*y < 1.0 {
					M++
				}
			}
			counts[w] = M
		}(w)
	}
	wg.Wait()
	M := 0
	for _, c := range counts {
		M += c
	}
	return 4 * float64(M) / float64(N)
}
