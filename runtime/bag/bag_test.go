package bag

import (
	"strings"
	"testing"
)

func TestFromSequencePartitions(t *testing.T) {
	tests := []struct {
		n, partitions int
		wantSizes     []int // of the first and the last partition
		wantParts     int
	}{
		{5, 0, []int{1, 1}, 5},        // fewer than 100: one item each, as dask
		{99, 0, []int{1, 1}, 99},      //
		{1000, 0, []int{10, 10}, 100}, // n/100 items each
		{1050, 0, []int{10, 10}, 105}, //
		{150, 0, []int{1, 1}, 150},    // int(150/100) is 1, as dask
		{10, 4, []int{3, 1}, 4},       // ceil(10/4) items each
		{5, 4, []int{2, 1}, 3},        // fewer partitions than asked, as dask
		{7, 100, []int{1, 1}, 7},      //
		{0, 0, []int{0, 0}, 1},        // one empty partition
	}
	for _, tt := range tests {
		b := FromSequence(make([]int, tt.n), tt.partitions)
		if b.NPartitions() != tt.wantParts {
			t.Errorf("%d items, %d partitions: %d partitions, want %d", tt.n, tt.partitions, b.NPartitions(), tt.wantParts)
			continue
		}
		parts := b.n.parts
		if first, last := partLen(parts[0]), partLen(parts[len(parts)-1]); first != tt.wantSizes[0] || last != tt.wantSizes[1] {
			t.Errorf("%d items, %d partitions: sizes %d..%d, want %v", tt.n, tt.partitions, first, last, tt.wantSizes)
		}
	}
}

func TestFromSequenceItems(t *testing.T) {
	check(t, FromSequence([3]string{"a", "b", "c"}, 2), []any{"a", "b", "c"}, "")
	check(t, FromSequence([]any{1, "a", nil}, 0), []any{1, "a", nil}, "")
	check(t, FromSequence([]int{}, 0), []any{}, "")
}

func TestFromSequenceBad(t *testing.T) {
	for _, xs := range []any{nil, 42, "abc", map[string]int{}} {
		b := FromSequence(xs, 0)
		err := b.Err()
		if err == nil || !strings.HasPrefix(err.Error(), "bag: FromSequence: want a slice or an array of items, got ") {
			t.Errorf("FromSequence(%#v): error %v", xs, err)
		}
		if _, cerr := b.Compute(); cerr != err {
			t.Errorf("Compute: %v, want %v", cerr, err)
		}
		if b.NPartitions() != 0 {
			t.Errorf("NPartitions of a broken bag: %d", b.NPartitions())
		}
	}
}
