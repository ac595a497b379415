package np

import (
	"math"
	"sync"
	"testing"
)

func TestSet(t *testing.T) {
	cases := []struct {
		name  string
		a     *Array
		v     any
		index []int
		want  string
	}{
		{"float", Zeros(2, 3), 2.5, []int{1, 2}, "[[0.  0.  0. ]\n [0.  0.  2.5]]"},
		{"float from int", Zeros(2, 3), 7, []int{0, 1}, "[[0. 7. 0.]\n [0. 0. 0.]]"},
		{"negative index", Zeros(2, 3), 1, []int{-1, -3}, "[[0. 0. 0.]\n [1. 0. 0.]]"},
		{"1-D", Zeros(3), int64(4), []int{2}, "[0. 0. 4.]"},
		{"int", Arange(6).Reshape(2, 3), 42, []int{1, 1}, "[[ 0  1  2]\n [ 3 42  5]]"},
		{"int from float truncates", Arange(3), -2.9, []int{0}, "[-2  1  2]"},
		{"int from uint8", Arange(3), uint8(200), []int{1}, "[  0 200   2]"},
		{"int from bool", Arange(3), true, []int{2}, "[0 1 1]"},
		{"float from bool", Zeros(2), true, []int{0}, "[1. 0.]"},
		{"bool", FromBool([]bool{false, false}), 3, []int{1}, "[False  True]"},
		{"bool from zero", FromBool([]bool{true, true}), 0.0, []int{0}, "[False  True]"},
	}
	for _, c := range cases {
		c.a.Set(c.v, c.index...)
		if got := c.a.String(); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

func TestSetErrors(t *testing.T) {
	a := Zeros(2, 3)
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"row out of bounds", func() { a.Set(1, 2, 0) }, "index 2 is out of bounds for axis 0 with size 2"},
		{"column out of bounds", func() { a.Set(1, 0, -4) }, "index -4 is out of bounds for axis 1 with size 3"},
		{"too few indices", func() { a.Set(1, 0) }, "1 indices given for an array of 2 dimensions (shape (2, 3))"},
		{"no index", func() { a.Set(1) }, "0 indices given"},
		{"not a number", func() { a.Set("1", 0, 0) }, "cannot set an element to string"},
		{"nil value", func() { a.Set(nil, 0, 0) }, "cannot set an element to nil"},
		{"NaN into int", func() { Arange(3).Set(math.NaN(), 0) }, "cannot convert float NaN to int64"},
		{"huge into int", func() { Arange(3).Set(1e19, 0) }, "within int64's range"},
		{"nil array", func() { (*Array)(nil).Set(1, 0) }, "the array is nil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { mustFail(t, "Array.Set", c.f, c.want) })
	}
	for k, v := range a.Float64s() {
		if v != 0 {
			t.Errorf("a failed Set wrote element %d: %v", k, a)
		}
	}
}

func TestRow(t *testing.T) {
	a := Zeros(3, 4)
	row := a.Row(1)
	if len(row) != 4 || cap(row) != 4 {
		t.Fatalf("Row(1) has len %d cap %d, want 4 and 4", len(row), cap(row))
	}
	for i := range row {
		row[i] = float64(i + 1)
	}
	a.Row(-1)[0] = 9
	row = append(row, 100) // must not spill into row 2
	if got, want := a.String(), "[[0. 0. 0. 0.]\n [1. 2. 3. 4.]\n [9. 0. 0. 0.]]"; got != want {
		t.Errorf("after writing rows:\n%s\nwant\n%s", got, want)
	}

	b := Arange(6).Reshape(2, 3)
	b.RowInt64(0)[2] = 7
	if got := b.String(); got != "[[0 1 7]\n [3 4 5]]" {
		t.Errorf("after writing RowInt64:\n%s", got)
	}

	errs := []struct {
		op   string
		f    func()
		want string
	}{
		{"Array.Row", func() { a.Row(3) }, "row 3 is out of bounds for an array of 3 rows"},
		{"Array.Row", func() { a.Row(-4) }, "row -4 is out of bounds"},
		{"Array.Row", func() { Zeros(5).Row(0) }, "the array has shape (5,)"},
		{"Array.Row", func() { b.Row(0) }, "use RowInt64"},
		{"Array.RowInt64", func() { a.RowInt64(0) }, "use Row for its rows"},
		{"Array.Row", func() { bramp(4, 2, 2).Row(0) }, "the array is of bool"},
		{"Array.Row", func() { (&Array{}).Row(0) }, "no valid shape"},
	}
	for _, e := range errs {
		mustFail(t, e.op, e.f, e.want)
	}
}

// TestRowsInParallel fills an array from several goroutines, each writing
// its own rows (the race detector checks that they do not conflict).
func TestRowsInParallel(t *testing.T) {
	const h, w = 64, 33
	a := Zeros(h, w)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := g; j < h; j += 4 {
				row := a.Row(j)
				for i := range row {
					row[i] = float64(j*w + i)
				}
			}
		}()
	}
	wg.Wait()
	for k, v := range a.Float64s() {
		if v != float64(k) {
			t.Fatalf("element %d is %v", k, v)
		}
	}
}
