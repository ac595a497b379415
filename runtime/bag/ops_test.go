package bag

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

type person struct {
	Name string
	Age  int
	note string
}

var words = []string{"mary", "had", "a", "little", "lamb"}

func containsA(w string) bool { return strings.Contains(w, "a") }

// check computes b and compares its items with want, or its error with
// wantErr, a part of the message.
func check(t *testing.T, b *Bag, want []any, wantErr string) {
	t.Helper()
	got, err := b.Compute()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("error %v, want one containing %q (result %v)", err, wantErr, got)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestMap(t *testing.T) {
	ints := FromSequence([]int{1, 2, 3, 4}, 2)
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"strings.ToUpper", FromSequence(words, 0).Map(strings.ToUpper), []any{"MARY", "HAD", "A", "LITTLE", "LAMB"}, ""},
		{"predicate", FromSequence(words, 0).Map(containsA), []any{true, true, true, false, true}, ""},
		{"func(int) int", ints.Map(func(x int) int { return x * x }), []any{1, 4, 9, 16}, ""},
		{"two maps", ints.Map(func(x int) int { return x + 1 }).Map(func(x int) string { return strconv.Itoa(x) }), []any{"2", "3", "4", "5"}, ""},
		{"func(any) any", FromSequence([]any{1, "a"}, 0).Map(func(x any) any { return fmt.Sprintf("%v%v", x, x) }), []any{"11", "aa"}, ""},
		{"ints to float64 parameter", ints.Map(func(x float64) float64 { return x / 2 }), []any{0.5, 1.0, 1.5, 2.0}, ""},
		{"any items to int parameter", FromSequence([]any{1, 2}, 0).Map(func(x int) int { return -x }), []any{-1, -2}, ""},
		{"uncommon types, through reflect", FromSequence([]int8{1, 2}, 0).Map(func(x int8) uint16 { return uint16(x) * 300 }), []any{uint16(300), uint16(600)}, ""},
		{"struct result", FromSequence([]string{"ann"}, 0).Map(func(s string) person { return person{Name: s} }), []any{person{Name: "ann"}}, ""},
		{"variadic", ints.Map(fmt.Sprint), []any{"1", "2", "3", "4"}, ""},
		{"error result nil", FromSequence([]string{"1", "2"}, 0).Map(strconv.Atoi), []any{1, 2}, ""},
		{"error result", FromSequence([]string{"1", "x"}, 0).Map(strconv.Atoi), nil, `bag: Map(Atoi): partition 1, item 0 (string "x"): strconv.Atoi: parsing "x": invalid syntax`},
		{"not a function", ints.Map(42), nil, "bag: Map: want a function of one parameter and one result, such as func(string) string; got int 42, which is not a function"},
		{"nil", ints.Map(nil), nil, "got nil"},
		{"nil function", ints.Map((func(int) int)(nil)), nil, "got a nil func(int) int"},
		{"two parameters", ints.Map(func(a, b int) int { return a }), nil, "got func(int, int) int"},
		{"no result", ints.Map(func(int) {}), nil, "got func(int)"},
		{"item of the wrong type", FromSequence([]any{1, "x"}, 0).Map(func(x int) int { return x }), nil, `bag: Map: partition 1, item 0 is string "x": the function takes int`},
		{"inexact number", FromSequence([]float64{1, 2.5}, 0).Map(func(x int) int { return x }), nil, "partition 1, item 0 is float64 2.5: the function takes int"},
		{"negative to unsigned", FromSequence([]int{-1}, 0).Map(func(x uint) uint { return x }), nil, "item 0 is int -1: the function takes uint"},
		{"panic", ints.Map(func(x int) int { return 10 / (x - 3) }), nil, "bag: Map: partition 1, item 0 (int 3): panic: runtime error: integer divide by zero"},
		{"panic through reflect", FromSequence([]int8{1}, 0).Map(func(int8) int8 { panic("no") }), nil, "item 0 (int8 1): panic: no"},
		{"of a broken bag", FromSequence(7, 0).Map(strings.ToUpper), nil, "bag: FromSequence: want a slice or an array of items, got int"},
		{"of a nil bag", (*Bag)(nil).Map(strings.ToUpper), nil, "bag: Map of a nil Bag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}

func TestFilter(t *testing.T) {
	ints := FromSequence([]int{1, 2, 3, 4, 5, 6}, 3)
	even := func(x int) bool { return x%2 == 0 }
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"lesson", FromSequence(words, 0).Filter(containsA), []any{"mary", "had", "a", "lamb"}, ""},
		{"ints", ints.Filter(even), []any{2, 4, 6}, ""},
		{"in place after a map", ints.Map(func(x int) int { return x * 3 }).Filter(even), []any{6, 12, 18}, ""},
		{"any items keep their type", FromSequence([]any{"ab", "c"}, 0).Filter(containsA), []any{"ab"}, ""},
		{"through reflect", FromSequence([]person{{Name: "a", Age: 3}, {Name: "b", Age: 70}}, 0).Filter(func(p person) bool { return p.Age > 18 }), []any{person{Name: "b", Age: 70}}, ""},
		{"error result", FromSequence([]int8{1}, 0).Filter(func(int8) (bool, error) { return false, errors.New("bad") }), nil, "bag: Filter: partition 0, item 0 (int8 1): bad"},
		{"not a predicate", ints.Filter(func(x int) int { return x }), nil, "bag: Filter: the function must return bool, as func(string) bool does; got func(int) int"},
		{"wrong items", FromSequence(words, 0).Filter(even), nil, `bag: Filter: partition 0, item 0 is string "mary": the function takes int`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}

// In-place work on a partition never reaches the bag's own items, which
// a later computation reads again.
func TestComputeTwice(t *testing.T) {
	xs := []int{1, 2, 3, 4, 5, 6, 7, 8}
	b := FromSequence(xs, 2)
	xs[0] = 100 // the bag has its own copy
	piped := b.Map(func(x int) int { return x * 10 }).Filter(func(x int) bool { return x > 20 })
	for range 2 {
		check(t, piped, []any{30, 40, 50, 60, 70, 80}, "")
		check(t, b, []any{1, 2, 3, 4, 5, 6, 7, 8}, "")
		if s, err := piped.Sum().Compute(); err != nil || s != 330 {
			t.Fatal(s, err)
		}
	}
}

func TestPluck(t *testing.T) {
	records := []map[string]any{{"name": "John", "age": 42}, {"name": "Mary", "age": 35}}
	people := []person{{Name: "John", Age: 42}, {Name: "Mary", Age: 35}}
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"map records", FromSequence(records, 0).Pluck("name"), []any{"John", "Mary"}, ""},
		{"typed map", FromSequence([]map[string]int{{"a": 1}, {"a": 2}}, 0).Pluck("a"), []any{1, 2}, ""},
		{"int map key", FromSequence([]map[int64]string{{7: "x"}}, 0).Pluck(7), []any{"x"}, ""},
		{"records as any", FromSequence([]any{records[0], people[1]}, 0).Pluck("Name"), nil, `no key "Name"`},
		{"field", FromSequence(people, 0).Pluck("Age"), []any{42, 35}, ""},
		{"field by number", FromSequence(people, 0).Pluck(0), []any{"John", "Mary"}, ""},
		{"pointer to struct", FromSequence([]*person{&people[0]}, 0).Pluck("Name"), []any{"John"}, ""},
		{"index", FromSequence([][]int{{1, 2}, {3, 4}}, 0).Pluck(1), []any{2, 4}, ""},
		{"array index", FromSequence([][2]string{{"a", "b"}}, 0).Pluck(0), []any{"a"}, ""},
		{"pair", FromSequence([]Pair{{"a", 1}, {"b", 2}}, 0).Pluck("Value"), []any{1, 2}, ""},
		{"missing key", FromSequence(records, 0).Pluck("nme"), nil, `bag: Pluck("nme"): partition 0, item 0 (map[string]interface {} map[age:42 name:John]): no key "nme"`},
		{"missing field", FromSequence(people, 0).Pluck("Nme"), nil, `bag: Pluck("Nme"): bag.person has no field "Nme" (its fields: Name, Age)`},
		{"unexported field", FromSequence(people, 0).Pluck("note"), nil, "field note of bag.person is unexported"},
		{"index out of range", FromSequence([][]int{{1}}, 0).Pluck(3), nil, "no index 3 (length 1)"},
		{"wrong key type", FromSequence([][]int{{1}}, 0).Pluck("x"), nil, `a slice's elements are numbered by an int, not string "x"`},
		{"not pluckable", FromSequence([]int{1}, 0).Pluck(0), nil, "cannot pluck from items of type int"},
		{"nil key", FromSequence(records, 0).Pluck(nil), nil, "bag: Pluck(<nil>): want a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}

// The lesson's challenge: pluck is a map of a function of one record.
func TestPluckIsAMap(t *testing.T) {
	data := []map[string]any{
		{"name": "John", "age": 42}, {"name": "Mary", "age": 35},
		{"name": "Paul", "age": 78}, {"name": "Julia", "age": 10},
	}
	b := FromSequence(data, 0)
	want := []any{"John", "Mary", "Paul", "Julia"}
	check(t, b.Pluck("name"), want, "")
	check(t, b.Map(func(d map[string]any) any { return d["name"] }), want, "")
}

func TestFlatten(t *testing.T) {
	tests := []struct {
		name    string
		b       *Bag
		want    []any
		wantErr string
	}{
		{"fields", FromSequence([]string{"a b", "c", ""}, 2).Map(strings.Fields).Flatten(), []any{"a", "b", "c"}, ""},
		{"ints", FromSequence([][]int{{1, 2}, {}, {3}}, 0).Flatten(), []any{1, 2, 3}, ""},
		{"arrays", FromSequence([][2]int8{{1, 2}, {3, 4}}, 0).Flatten(), []any{int8(1), int8(2), int8(3), int8(4)}, ""},
		{"typed slices", FromSequence([][]bool{{true}, {false}}, 0).Flatten(), []any{true, false}, ""},
		{"any items", FromSequence([]any{[]int{1}, []string{"a"}, [1]float64{2}}, 0).Flatten(), []any{1, "a", 2.0}, ""},
		{"twice", FromSequence([][][]int{{{1}, {2}}, {{3}}}, 0).Flatten().Flatten(), []any{1, 2, 3}, ""},
		{"not slices", FromSequence([]int{1}, 0).Flatten(), nil, "bag: Flatten: the items are int, not slices"},
		{"an item not a slice", FromSequence([]any{[]int{1}, 2}, 1).Flatten(), nil, "bag: Flatten: partition 0, item 1 (int 2): not a slice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.b, tt.want, tt.wantErr) })
	}
}
