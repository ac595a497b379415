package bag_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"gopar/runtime/bag"
)

// The lesson's bag: five words, one per partition, as dask cuts so few.
func ExampleFromSequence() {
	b := bag.FromSequence([]string{"mary", "had", "a", "little", "lamb"}, 0)
	fmt.Println(b)
	fmt.Println(b.Map(strings.ToUpper).Compute())
	// Output:
	// bag.Bag<from_sequence, npartitions=5>
	// [MARY HAD A LITTLE LAMB] <nil>
}

// Filter keeps the items for which the predicate is true; Map of the same
// predicate gives the truth values.
func ExampleBag_Filter() {
	b := bag.FromSequence([]string{"mary", "had", "a", "little", "lamb"}, 0)
	pred := func(x string) bool { return strings.Contains(x, "a") }
	fmt.Println(b.Filter(pred).Compute())
	fmt.Println(b.Map(pred).Compute())
	// Output:
	// [mary had a lamb] <nil>
	// [true true true false true] <nil>
}

func countChars(words []string) int {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	return n
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// A reduction counts the letters of each partition, then adds the counts.
func ExampleBag_Reduction() {
	b := bag.FromSequence([]string{"mary", "had", "a", "little", "lamb"}, 0)
	chars := b.Reduction(countChars, sum)
	fmt.Println(chars)
	fmt.Println(chars.Compute())
	// Output:
	// bag.Item<sum-aggregate>
	// 18 <nil>
}

// Pluck takes one element of every item; it is a map, as the lesson's
// challenge finds.
func ExampleBag_Pluck() {
	data := []map[string]any{
		{"name": "John", "age": 42},
		{"name": "Mary", "age": 35},
		{"name": "Paul", "age": 78},
		{"name": "Julia", "age": 10},
	}
	b := bag.FromSequence(data, 0)
	fmt.Println(b.Pluck("name").Compute())
	fmt.Println(b.Map(func(d map[string]any) any { return d["name"] }).Compute())
	fmt.Println(b.Pluck("age").Mean().Compute())
	// Output:
	// [John Mary Paul Julia] <nil>
	// [John Mary Paul Julia] <nil>
	// 41.25 <nil>
}

// GroupBy groups items by a key; Flatten joins slices.
func ExampleBag_GroupBy() {
	b := bag.FromSequence([]string{"mary had", "a little lamb"}, 0).Map(strings.Fields).Flatten()
	fmt.Println(b.GroupBy(func(w string) int { return len(w) }).Compute())
	// Output:
	// [{4 [mary lamb]} {3 [had]} {1 [a]} {6 [little]}] <nil>
}

// The lesson's challenge: the mean of 24 estimates of pi made in
// parallel, from_sequence(repeat(10**7, 24)).map(calc_pi).mean() (with
// fewer points here).
func ExampleBag_Mean() {
	calcPi := func(n int) float64 {
		m := 0
		for range n {
			x, y := 2*rand.Float64()-1, 2*rand.Float64()-1
			if x*x+y*y < 1 {
				m++
			}
		}
		return 4 * float64(m) / float64(n)
	}
	shots := bag.FromSequence(slices.Repeat([]int{100_000}, 24), 0).Map(calcPi)
	estimate, err := shots.Mean().Compute()
	fmt.Printf("%s %.1f %v\n", shots, estimate, err)
	// Output:
	// bag.Bag<map, npartitions=24> 3.1 <nil>
}

// A word count: the most frequent words of the text the package ships.
func ExampleBag_Frequencies() {
	text, _ := bag.Text("kitchen")
	words := bag.FromSequence(strings.Split(text, "\n"), 0).Map(bag.Words).Flatten()
	fmt.Println(words.Frequencies().TopK(5, "Value").Compute())
	// Output:
	// [{the 60} {a 19} {and 18} {of 13} {to 13}] <nil>
}

// Mistakes are errors that say what is wrong, never panics.
func ExampleBag_Map_errors() {
	b := bag.FromSequence([]any{1, 2, "three"}, 0)
	fmt.Println(b.Map(42).Compute())
	fmt.Println(b.Map(func(x int) int { return x * 2 }).Compute())
	// Output:
	// [] bag: Map: want a function of one parameter and one result, such as func(string) string; got int 42, which is not a function
	// [] bag: Map: partition 2, item 0 is string "three": the function takes int
}
