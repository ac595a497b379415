package np

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"gopar/runtime/interrupt"
)

func TestAccessors(t *testing.T) {
	a := Arange(12).Reshape(3, 4)
	cases := []struct {
		name      string
		got, want int
	}{
		{"Len", a.Len(), 3}, {"Size", a.Size(), 12}, {"Ndim", a.Ndim(), 2}, {"Nbytes", a.Nbytes(), 96},
		{"bool Nbytes", bramp(10).Nbytes(), 10}, {"1-D Len", Arange(5).Len(), 5}, {"1-D Ndim", Arange(5).Ndim(), 1},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if a.At(1, 2) != 6 || a.At(-1, -1) != 11 || Arange(5).At(-2) != 3 || bramp(3).At(0) != 1 {
		t.Error("At")
	}
	mustFail(t, "Array.At", func() { a.At(3, 0) }, "index 3 is out of bounds for axis 0 with size 3")
	mustFail(t, "Array.At", func() { a.At(0, -5) }, "index -5 is out of bounds for axis 1 with size 4")
	mustFail(t, "Array.At", func() { a.At(1) }, "1 indices given for an array of 2 dimensions")
}

func TestData(t *testing.T) {
	f := ramp(5)
	f.Float64s()[0] = 42 // the data itself
	if f.At(0) != 42 {
		t.Error("Float64s of a float64 array is a copy")
	}
	i := Arange(3)
	i.Int64s()[0] = 7
	if i.At(0) != 7 {
		t.Error("Int64s of an int64 array is a copy")
	}
	b := bramp(3)
	b.Bools()[1] = true
	if b.At(1) != 1 {
		t.Error("Bools of a bool array is a copy")
	}
	// Other dtypes: converted copies.
	if got := FromSlice([]float64{-1.7, 2.9, 0}).Int64s(); got[0] != -1 || got[1] != 2 || got[2] != 0 {
		t.Errorf("Int64s of floats = %v", got)
	}
	if got := FromSlice([]float64{-1.7, 0}).Bools(); !got[0] || got[1] {
		t.Errorf("Bools of floats = %v", got)
	}
	if got := Arange(3).Float64s(); got[2] != 2 {
		t.Errorf("Float64s of ints = %v", got)
	}
}

func TestAsTypeCopy(t *testing.T) {
	a := FromSlice([]float64{-2.5, 0, 3.9})
	for _, c := range []struct {
		d    DType
		want string
	}{{Int64, "[-2  0  3]"}, {Float64, "[-2.5  0.   3.9]"}, {Bool, "[ True False  True]"}} {
		got := a.AsType(c.d)
		if got.DType() != c.d || got.String() != c.want {
			t.Errorf("AsType(%s) = %s %s, want %s", c.d, got.DType(), got, c.want)
		}
	}
	if got := bramp(4).AsType(Int64).String(); got != "[1 0 0 1]" {
		t.Errorf("bool AsType(Int64) = %s", got)
	}
	c := a.Copy()
	c.Float64s()[0] = 100
	if a.At(0) != -2.5 {
		t.Error("Copy shares data")
	}
	mustFail(t, "Array.AsType", func() { a.AsType(DType(9)) }, "unknown dtype 9")
}

func TestReshape(t *testing.T) {
	a := Arange(12)
	for _, c := range []struct {
		shape, want []int
	}{{[]int{3, 4}, []int{3, 4}}, {[]int{-1, 6}, []int{2, 6}}, {[]int{4, -1}, []int{4, 3}}, {[]int{12}, []int{12}}, {[]int{-1}, []int{12}}} {
		checkShape(t, a.Reshape(c.shape...), Int64, c.want...)
	}
	r := a.Reshape(3, 4)
	r.Int64s()[5] = 99 // shares data, as numpy's views
	if a.At(5) != 99 {
		t.Error("Reshape copies")
	}
	for _, c := range []struct {
		shape []int
		want  string
	}{
		{[]int{5}, "cannot reshape array of size 12 into shape (5,)"},
		{[]int{-1, 5}, "cannot reshape array of size 12 into shape (-1, 5)"},
		{[]int{-1, -1}, "can only specify one unknown dimension"},
		{[]int{2, 2, 3}, "3 dimensions"},
		{[]int{}, "0 dimensions"},
		{[]int{-2, -6}, "negative dimensions"},
	} {
		mustFail(t, "Array.Reshape", func() { a.Reshape(c.shape...) }, c.want)
	}
	checkShape(t, Zeros(0).Reshape(0, 5), Float64, 0, 5)
	mustFail(t, "Array.Reshape", func() { Zeros(0).Reshape(-1, 0) }, "cannot reshape array of size 0")
}

func TestSlice(t *testing.T) {
	a := Arange(10)
	for _, c := range []struct {
		start, stop int
		want        string
	}{{2, 5, "[2 3 4]"}, {-3, 10, "[7 8 9]"}, {-100, 2, "[0 1]"}, {8, 100, "[8 9]"}, {5, 2, "[]"}} {
		if got := a.Slice(c.start, c.stop).String(); got != c.want {
			t.Errorf("Slice(%d, %d) = %s, want %s", c.start, c.stop, got, c.want)
		}
	}
	if got := Arange(12).Reshape(4, 3).Slice(1, 3).String(); got != "[[3 4 5]\n [6 7 8]]" {
		t.Errorf("2-D Slice = %s", got)
	}
}

func TestShapeErrors(t *testing.T) {
	cases := []struct {
		op   string
		f    func()
		want string
	}{
		{"np.Zeros", func() { Zeros(-1) }, "negative dimensions are not allowed: shape (-1,)"},
		{"np.Ones", func() { Ones(2, -3) }, "negative dimensions are not allowed: shape (2, -3)"},
		{"np.Zeros", func() { Zeros(2, 3, 4) }, "shape (2, 3, 4) has 3 dimensions; np arrays have 1 or 2"},
		{"np.Zeros", func() { Zeros() }, "no shape given"},
		{"np.Random", func() { Random(1, 1<<40, 1<<40) }, "more than any machine's memory holds"},
		{"np.Zeros", func() { Zeros(math.MaxInt, 3) }, "more than any machine's memory holds"},
		{"np.ArangeFrom", func() { ArangeFrom(0, 5, 0) }, "step is zero"},
		{"np.ArangeFrom", func() { ArangeFrom(math.MinInt, math.MaxInt, 1) }, "more than any machine's memory holds"},
		{"np.Linspace", func() { Linspace(0, 1, -1) }, "number of samples, -1, must be non-negative"},
	}
	for _, c := range cases {
		mustFail(t, c.op, c.f, c.want)
	}
}

func TestTooLarge(t *testing.T) {
	// Refused by the memory check, before any allocation (10**11 int64s
	// are 745 GiB; 2**40 float64s are 8 TiB).
	start := time.Now()
	mustFail(t, "np.Arange", func() { Arange(100_000_000_000) },
		"100000000000 int64 elements need 745.1 GiB, but only ", " GiB of memory is available; use da.Arange for a chunked array computed piece by piece")
	mustFail(t, "np.Random", func() { Random(1, 1<<20, 1<<20) }, "need 8192.0 GiB", "use a chunked da array")
	mustFail(t, "np.Zeros", func() { Zeros(1 << 40) }, "need 8192.0 GiB")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v", d)
	}

	// With little memory available, ordinary sizes are refused too, and
	// so are the results of operations.
	saved := available
	defer func() { available = saved }()
	small := Arange(5_000_000) // 38 MiB
	available = func() (float64, bool) { return 200 << 20, true }
	mustFail(t, "np.Ones", func() { Ones(10_000_000) }, "10000000 float64 elements need 76.3 MiB, but only 200.0 MiB of memory is available")
	mustFail(t, "Array.Add", func() { small.Add(small) }, "5000000 int64 elements need 38.1 MiB, but only 200.0 MiB", "free arrays you no longer need")
	if small.Less(3).CountNonzero() != 3 { // 4.8 MiB: below the check
		t.Error("small result refused")
	}
}

func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	restore := interrupt.SetContext(ctx)
	defer restore()
	big := []struct {
		op string
		f  func()
	}{
		{"np.Arange", func() { Arange(10_000_000) }},
		{"np.Random", func() { Random(1, 10_000_000) }},
		{"Array.Sort", func() { Sort10M() }},
	}
	for _, c := range big {
		mustFail(t, c.op, c.f, "interrupted")
	}
	// Small arrays are made in one piece, without looking.
	if Arange(10).Sum().Float() != 45 {
		t.Error("small Arange interrupted")
	}
	restore()
	if Arange(10_000_000).SumInt() != 49999995000000 {
		t.Error("not restored")
	}
}

var sortInput *Array

func Sort10M() {
	sortInput.Sort()
}

func init() {
	sortInput = FromFloat64(make([]float64, 10_000_000))
}

// TestNoStrayPanics calls every method on arrays of awkward shapes and
// dtypes with awkward arguments: each call either works or panics with an
// *Error, never with anything else (an index out of range, a nil
// dereference).
func TestNoStrayPanics(t *testing.T) {
	var arrays []*Array
	for _, shape := range [][]int{{0}, {1}, {5}, {0, 3}, {3, 0}, {1, 1}, {2, 3}, {3, 1}, {1, 3}} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		arrays = append(arrays, ramp(n, shape...), iramp(n, shape...), bramp(n, shape...))
	}
	arrays = append(arrays, nil, new(Array))
	others := []any{nil, 1, -1.5, true, "x", int64(2), uint(3), []int{1}}
	for _, a := range arrays {
		others = append(others, a)
	}
	ints := []int{-3, -2, -1, 0, 1, 2, 3}
	calls := 0
	try := func(name string, f func()) {
		calls++
		defer func() {
			if r := recover(); r != nil {
				var e *Error
				if err, ok := r.(error); !ok || !errors.As(err, &e) {
					t.Errorf("%s panicked with %T: %v", name, r, r)
				}
			}
		}()
		f()
	}
	for ai, a := range arrays {
		name := fmt.Sprintf("array %d", ai)
		for _, o := range others {
			try(name+".Add", func() { a.Add(o) })
			try(name+".Sub", func() { a.Sub(o) })
			try(name+".Mul", func() { a.Mul(o) })
			try(name+".Div", func() { a.Div(o) })
			try(name+".Less", func() { a.Less(o) })
			try(name+".Equal", func() { a.Equal(o) })
			try(name+".And", func() { a.And(o) })
			try(name+".Or", func() { a.Or(o) })
		}
		for _, i := range ints {
			try(name+".SumAxis", func() { a.SumAxis(i) })
			try(name+".MeanAxis", func() { a.MeanAxis(i) })
			try(name+".MinAxis", func() { a.MinAxis(i) })
			try(name+".MaxAxis", func() { a.MaxAxis(i) })
			try(name+".CountNonzeroAxis", func() { a.CountNonzeroAxis(i) })
			try(name+".At", func() { a.At(i) })
			try(name+".At2", func() { a.At(i, i) })
			try(name+".At3", func() { a.At(0, i) })
			try(name+".Reshape", func() { a.Reshape(i) })
			try(name+".Reshape2", func() { a.Reshape(i, 3) })
			try(name+".Slice", func() { a.Slice(i, 2) })
			try(name+".Pow", func() { a.Pow(float64(i) / 2) })
			try(name+".AsType", func() { a.AsType(DType(i)) })
		}
		try(name+".At0", func() { a.At() })
		for _, f := range []func(){
			func() { a.Sum() }, func() { a.SumInt() }, func() { a.Mean() }, func() { a.Min() }, func() { a.Max() },
			func() { a.Var() }, func() { a.Std() }, func() { a.CountNonzero() }, func() { a.Sort() },
			func() { a.Len() }, func() { a.Size() }, func() { a.Ndim() }, func() { a.Nbytes() },
			func() { a.Float64s() }, func() { a.Int64s() }, func() { a.Bools() }, func() { a.Copy() },
			func() { a.Sqrt() }, func() { a.Exp() }, func() { a.Log() }, func() { a.Abs() }, func() { a.Neg() },
			func() { a.Not() }, func() { _ = a.String() }, func() { a.MIMEBundle() },
		} {
			try(name+" method", f)
		}
	}
	for _, i := range ints {
		try("Arange", func() { Arange(i) })
		try("ArangeFrom", func() { ArangeFrom(i, -i, i) })
		try("Zeros", func() { Zeros(i, i) })
		try("Random", func() { Random(1, i) })
		try("Linspace", func() { Linspace(0, 1, i) })
		try("Normal", func() { Normal(1, 0, float64(i), 2) })
	}
	if calls < 1000 {
		t.Errorf("only %d calls", calls)
	}
}

func TestHugeShapes(t *testing.T) {
	col := Zeros(1<<26, 1) // untouched memory: cheap
	row := Zeros(1 << 26)
	mustFail(t, "Array.Add", func() { col.Add(row) }, "shape (67108864, 67108864) has 4.504e+15 elements, more than any machine's memory holds")
	mustFail(t, "Array.Reshape", func() { Zeros(0).Reshape(1<<60, 0) }, "larger than any array can be")
	mustFail(t, "Array.Reshape", func() { Zeros(6).Reshape(1<<40, 1<<40) }, "cannot reshape array of size 6")
	checkShape(t, Zeros(0).Reshape(1<<40, 0), Float64, 1<<40, 0)
	mustFail(t, "Array.At", func() { Zeros(0).Reshape(1<<40, 0).At(5, 0) }, "index 0 is out of bounds for axis 1 with size 0")
}
