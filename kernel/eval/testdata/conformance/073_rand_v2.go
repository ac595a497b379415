package main

import (
	"fmt"
	"math/rand/v2"
)

func shuffled(r *rand.Rand, n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	return xs
}

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		fmt.Print(r.IntN(100), " ")
	}
	fmt.Println()
	fmt.Println(r.Uint64())
	fmt.Printf("%.6f\n", r.Float64())
	fmt.Println(shuffled(r, 8))
	fmt.Println(r.Perm(5))

	r2 := rand.New(rand.NewPCG(1, 2))
	r3 := rand.New(rand.NewPCG(1, 2))
	same := true
	for range 100 {
		same = same && r2.Int64() == r3.Int64()
	}
	fmt.Println("reproducible:", same)

	dice := map[int]int{}
	r4 := rand.New(rand.NewPCG(42, 42))
	for range 600 {
		dice[r4.IntN(6)+1]++
	}
	for face := 1; face <= 6; face++ {
		fmt.Print(dice[face], " ")
	}
	fmt.Println()
	fmt.Println(rand.N(10) < 10)
}
