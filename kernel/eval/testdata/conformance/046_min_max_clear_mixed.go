package main

import (
	"fmt"
	"math"
)

type Stats struct {
	counts map[string]int
	lo, hi float64
}

func NewStats() *Stats {
	return &Stats{counts: map[string]int{}, lo: math.Inf(1), hi: math.Inf(-1)}
}

func (s *Stats) Add(label string, v float64) {
	s.counts[label]++
	s.lo = min(s.lo, v)
	s.hi = max(s.hi, v)
}

func (s *Stats) Reset() {
	clear(s.counts)
	s.lo, s.hi = math.Inf(1), math.Inf(-1)
}

func main() {
	st := NewStats()
	st.Add("a", 3.5)
	st.Add("b", -1.25)
	st.Add("a", 9)
	fmt.Println(st.lo, st.hi, st.counts["a"], len(st.counts))
	st.Reset()
	fmt.Println(st.lo, st.hi, len(st.counts))

	fmt.Println(max(math.NaN(), 1), min(math.Inf(-1), 0))
	fmt.Println(min(-0.0, 0.0), max(1e308, math.Inf(1)))
	type Celsius float64
	temps := []Celsius{12.5, -3, 27.25}
	warm := temps[0]
	for _, t := range temps {
		warm = max(warm, t)
	}
	fmt.Printf("%v %T\n", warm, warm)
	buf := make([]byte, 4)
	copy(buf, "data")
	clear(buf)
	fmt.Println(buf)
}
