package bag

import (
	"errors"
	"math"
	"strings"
	"testing"
)

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

func TestReductions(t *testing.T) {
	ints := FromSequence([]int{1, 2, 3, 4, 5}, 2)
	tests := []struct {
		name    string
		it      *Item
		want    any
		wantErr string
	}{
		{"sum of ints", ints.Sum(), 15, ""},
		{"sum of floats", FromSequence([]float64{0.5, 1}, 0).Sum(), 1.5, ""},
		{"sum of mixed numbers", FromSequence([]any{1, 0.5, int8(2), uint(1)}, 2).Sum(), 4.5, ""},
		{"sum of bools", FromSequence(words, 0).Map(containsA).Sum(), 4, ""},
		{"sum of nothing", FromSequence([]int{}, 0).Sum(), 0, ""},
		{"sum of strings", FromSequence(words, 0).Sum(), nil, `bag: Sum: partition 0, item 0 (string "mary"): not a number`},
		{"count", ints.Count(), 5, ""},
		{"count after a filter", FromSequence(words, 0).Filter(containsA).Count(), 4, ""},
		{"mean", ints.Mean(), 3.0, ""},
		{"mean of a map", ints.Map(func(x int) float64 { return float64(x) / 2 }).Mean(), 1.5, ""},
		{"mean of nothing", FromSequence([]float64{}, 0).Mean(), nil, "bag: Mean: the bag is empty"},
		{"lesson's reduction", FromSequence(words, 0).Reduction(countChars, sum), 18, ""},
		{"variadic aggregate", ints.Reduction(sum, func(xs ...int) int { return len(xs) }), 2, ""}, // partitions of 3 and 2
		{"items converted", FromSequence([]any{1, 2}, 0).Reduction(sum, sum), 3, ""},
		{"error result", ints.Reduction(sum, func([]int) (int, error) { return 0, errors.New("bad") }), nil, "bag: Reduction: bad"},
		{"panic", ints.Reduction(func([]int) int { panic("no") }, sum), nil, "bag: Reduction: partition 0: panic: no"},
		{"perPartition of an item", ints.Reduction(func(x int) int { return x }, sum), nil, "bag: Reduction: perPartition must take a slice of items, such as func(words []string) int; got func(int) int"},
		{"aggregate not a function", ints.Reduction(sum, "sum"), nil, `bag: Reduction: aggregate: want a function of one parameter and one result, such as func(counts []int) int; got string "sum", which is not a function`},
		{"types that do not meet", ints.Reduction(sum, func([]string) int { return 0 }), nil, "bag: Reduction: perPartition returns int, which aggregate cannot take: it takes []string"},
		{"items of the wrong type", FromSequence(words, 0).Reduction(sum, sum), nil, `bag: Reduction(sum, sum): partition 0, item 0 is string "mary": the function takes int`},
		{"of a broken bag", FromSequence(nil, 0).Sum(), nil, "bag: FromSequence"},
		{"nil item", (*Item)(nil), nil, "bag: a nil Item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.it.Compute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q (value %v)", err, tt.wantErr, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

// A perPartition function that keeps its partition keeps it intact: the
// slices of partitions are reused only for reductions of the package's.
func TestReductionKeepsPartitions(t *testing.T) {
	xs := make([]int, 1000)
	for i := range xs {
		xs[i] = i
	}
	keep := func(xs []int) []int { return xs }
	join := func(xss [][]int) []int {
		var out []int
		for _, xs := range xss {
			out = append(out, xs...)
		}
		return out
	}
	got, err := FromSequence(xs, 100).Map(func(x int) int { return -x }).Reduction(keep, join).Compute()
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range got.([]int) {
		if x != -i {
			t.Fatalf("item %d is %d, want %d", i, x, -i)
		}
	}
}

// The lesson's challenge: the mean of estimates of pi, one per item.
func TestMeanOfPi(t *testing.T) {
	calcPi := func(n int) float64 {
		m, x := 0, uint64(n)
		for range n {
			x = x*6364136223846793005 + 1442695040888963407
			a := float64(x>>11)/(1<<53)*2 - 1
			x = x*6364136223846793005 + 1442695040888963407
			b := float64(x>>11)/(1<<53)*2 - 1
			if a*a+b*b < 1 {
				m++
			}
		}
		return 4 * float64(m) / float64(n)
	}
	reps := make([]int, 24)
	for i := range reps {
		reps[i] = 10_000 + i
	}
	v, err := FromSequence(reps, 0).Map(calcPi).Mean().Compute()
	if err != nil || math.Abs(v.(float64)-math.Pi) > 0.02 {
		t.Fatal(v, err)
	}
}
