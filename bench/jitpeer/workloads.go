// Package jitpeer holds the workshop's hot loops as Go functions: the
// benchmark compiles this very file's declarations in a %%jit cell and as
// an ordinary Go test binary, and compares the two with numba.
package jitpeer

import "math/rand/v2"

// calcPi estimates pi from n points drawn uniformly in [-1, 1)², as the
// workshop's calc_pi: four times the fraction inside the unit circle.
func calcPi(n int) float64 {
	r := rand.NewPCG(rand.Uint64(), rand.Uint64())
	m := 0
	for range n {
		x := 2*float64(r.Uint64()>>11)/(1<<53) - 1
		y := 2*float64(r.Uint64()>>11)/(1<<53) - 1
		if x*x+y*y < 1 {
			m++
		}
	}
	return 4 * float64(m) / float64(n)
}

// sumRange is the workshop's sum_range: 0 + 1 + ... + n-1, one by one.
func sumRange(n int) int {
	s := 0
	for i := range n {
		s += i
	}
	return s
}
