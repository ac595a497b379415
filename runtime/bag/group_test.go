package bag

import (
	"strings"
	"testing"
)

func TestGroupBy(t *testing.T) {
	people := []person{{Name: "Ann", Age: 30}, {Name: "Bob", Age: 40}, {Name: "Cy", Age: 30}}
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"by a function", FromSequence(words, 0).GroupBy(func(w string) int { return len(w) }),
			[]any{Pair{4, []string{"mary", "lamb"}}, Pair{3, []string{"had"}}, Pair{1, []string{"a"}}, Pair{6, []string{"little"}}}, ""},
		{"by a field", FromSequence(people, 2).GroupBy("Age"),
			[]any{Pair{30, []person{people[0], people[2]}}, Pair{40, []person{people[1]}}}, ""},
		{"any items", FromSequence([]any{1, "a", 2, "b"}, 2).GroupBy(func(x any) string { return describeType(x) }),
			[]any{Pair{"int", []any{1, 2}}, Pair{"string", []any{"a", "b"}}}, ""},
		{"nothing", FromSequence([]int{}, 0).GroupBy(func(x int) int { return x }), []any{}, ""},
		{"keys not comparable", FromSequence(words, 1).GroupBy(strings.Fields), nil,
			`bag: GroupBy(Fields): partition 0, item 0 (string "mary"): its key []string [mary] cannot be compared`},
		{"bad key", FromSequence(words, 0).GroupBy([]int{1}), nil, "bag: GroupBy([1]): want a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
	if n := FromSequence(people, 2).GroupBy("Age").NPartitions(); n != 2 {
		t.Errorf("GroupBy: %d partitions, want those of its bag, 2", n)
	}
}

func TestFrequencies(t *testing.T) {
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"strings", FromSequence([]string{"b", "a", "b", "c", "a", "b"}, 3).Frequencies(),
			[]any{Pair{"b", 3}, Pair{"a", 2}, Pair{"c", 1}}, ""},
		{"ints", FromSequence([]int{3, 3, 1}, 0).Frequencies(), []any{Pair{3, 2}, Pair{1, 1}}, ""},
		{"any items", FromSequence([]any{1, "1", 1, nil}, 2).Frequencies(), []any{Pair{1, 2}, Pair{"1", 1}, Pair{nil, 1}}, ""},
		{"not comparable", FromSequence([][]int{{1}}, 0).Frequencies(), nil, "bag: Frequencies: partition 0, item 0 ([]int [1]): cannot be counted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}

func TestTopK(t *testing.T) {
	freq := FromSequence([]string{"b", "a", "b", "c", "a", "b", "d"}, 3).Frequencies()
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"ints", FromSequence([]int{10, 3, 5, 7, 11, 4}, 0).TopK(2, nil), []any{11, 10}, ""},
		{"more than there are", FromSequence([]int{1, 2}, 0).TopK(5, nil), []any{2, 1}, ""},
		{"strings", FromSequence(words, 2).TopK(3, nil), []any{"mary", "little", "lamb"}, ""},
		{"by a function", FromSequence(words, 2).TopK(2, func(w string) int { return len(w) }), []any{"little", "mary"}, ""},
		{"most frequent, ties in order", freq.TopK(3, "Value"), []any{Pair{"b", 3}, Pair{"a", 2}, Pair{"c", 1}}, ""},
		{"by index, as dask's key=1", freq.TopK(1, 1), []any{Pair{"b", 3}}, ""},
		{"ints and floats", FromSequence([]any{1, 2.5, 2}, 3).TopK(2, nil), []any{2.5, 2}, ""},
		{"strings and numbers", FromSequence([]any{1, "a"}, 2).TopK(1, nil), nil, "bag: TopK: cannot rank strings and numbers together"},
		{"not ranks", FromSequence([][]int{{1}}, 0).TopK(1, nil), nil, "bag: TopK: partition 0: cannot rank by []int [1]"},
		{"k of 0", FromSequence(words, 0).TopK(0, nil), nil, "bag: TopK: k must be at least 1, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}
