package np

import (
	"math"
	"runtime"
	"testing"
)

// reductionArrays are arrays of every dtype, small and large, 1-D and 2-D
// (few long rows, many short ones, square-ish).
func reductionArrays() []*Array {
	var as []*Array
	for _, mk := range []func(n int, shape ...int) *Array{ramp, iramp, bramp} {
		as = append(as,
			mk(1), mk(7), mk(3*chunk+11),
			mk(12, 3, 4), mk(120_000, 400, 300), mk(600_000, 3, 200_000),
			mk(600_000, 300_000, 2), mk(5, 5, 1), mk(5, 1, 5), mk(3000, 1, 3000))
	}
	return as
}

type refStats struct {
	sum, min, max float64
	isum          int64
	nonzero       int
}

func stats(x []float64) refStats {
	s := refStats{min: math.Inf(1), max: math.Inf(-1)}
	for _, v := range x {
		s.sum += v
		s.isum += int64(v)
		s.min = math.Min(s.min, v)
		s.max = math.Max(s.max, v)
		if v != 0 {
			s.nonzero++
		}
	}
	return s
}

func TestReductions(t *testing.T) {
	for _, a := range reductionArrays() {
		x := a.Float64s()
		s := stats(x)
		n := float64(len(x))
		if got := a.Sum().Float(); !near(got, s.sum, 1e-12) {
			t.Errorf("%s%v Sum = %v, want %v", a.DType(), a.Shape(), got, s.sum)
		}
		if a.DType() != Float64 {
			if got := a.SumInt(); got != s.isum {
				t.Errorf("%s%v SumInt = %v, want %v", a.DType(), a.Shape(), got, s.isum)
			}
		}
		if got := a.Mean(); !near(got, s.sum/n, 1e-12) {
			t.Errorf("%s%v Mean = %v, want %v", a.DType(), a.Shape(), got, s.sum/n)
		}
		if got := a.Min(); got != s.min {
			t.Errorf("%s%v Min = %v, want %v", a.DType(), a.Shape(), got, s.min)
		}
		if got := a.Max(); got != s.max {
			t.Errorf("%s%v Max = %v, want %v", a.DType(), a.Shape(), got, s.max)
		}
		if got := a.CountNonzero(); got != s.nonzero {
			t.Errorf("%s%v CountNonzero = %v, want %v", a.DType(), a.Shape(), got, s.nonzero)
		}
		var ss float64
		for _, v := range x {
			ss += (v - s.sum/n) * (v - s.sum/n)
		}
		if got := a.Var(); !near(got, ss/n, 1e-9) {
			t.Errorf("%s%v Var = %v, want %v", a.DType(), a.Shape(), got, ss/n)
		}
	}
}

func TestReductionSpecials(t *testing.T) {
	// Exact int64 sums, beyond float64's precision.
	big := FromSlice([]int64{1 << 62, 1, -(1 << 62), 1 << 53, 1})
	if got := big.SumInt(); got != 1<<53+2 {
		t.Errorf("SumInt = %d", got)
	}
	if got := Arange(3*chunk + 7).SumInt(); got != int64(3*chunk+7)*int64(3*chunk+6)/2 {
		t.Errorf("Arange SumInt = %d", got)
	}
	// NaN propagates through Min and Max, and counts as non-zero.
	nan := ramp(200_000)
	nan.Float64s()[150_002] = math.NaN() // was 0
	if !math.IsNaN(nan.Min()) || !math.IsNaN(nan.Max()) || !math.IsNaN(nan.Sum().Float()) {
		t.Error("NaN does not propagate")
	}
	if nan.CountNonzero() != ramp(200_000).CountNonzero()+1 {
		t.Error("NaN not counted as non-zero")
	}
	// Empty arrays.
	e := Zeros(0)
	if e.Sum().Float() != 0 || e.CountNonzero() != 0 || !math.IsNaN(e.Mean()) || Arange(0).SumInt() != 0 {
		t.Error("empty reductions")
	}
	mustFail(t, "Array.Min", func() { e.Min() }, "zero-size array to reduction operation minimum which has no identity")
	mustFail(t, "Array.Max", func() { Zeros(3, 0).Max() }, "maximum")
	mustFail(t, "Array.SumInt", func() { ramp(3).SumInt() }, "needs an int64 or bool array, got float64; use Sum")
	// A float sum does not depend on the number of cores.
	r := Random(3, 5*chunk+3)
	s2 := r.Sum()
	prev := runtime.GOMAXPROCS(1)
	s1 := r.Sum()
	runtime.GOMAXPROCS(prev)
	if s1 != s2 {
		t.Errorf("Sum with 1 core %v, with %d %v", s1, prev, s2)
	}
}

func TestAxisReductions(t *testing.T) {
	for _, a := range reductionArrays() {
		if a.Ndim() != 2 {
			continue
		}
		r, c := a.Shape()[0], a.Shape()[1]
		x := a.Float64s()
		for _, axis := range []int{0, 1, -1, -2} {
			ax := (axis + 2) % 2
			outLen, inLen := c, r
			if ax == 1 {
				outLen, inLen = r, c
			}
			lane := func(k int) []float64 {
				v := make([]float64, inLen)
				for m := range v {
					if ax == 0 {
						v[m] = x[m*c+k]
					} else {
						v[m] = x[k*c+m]
					}
				}
				return v
			}
			sum, mean, mn, mx, cnt := a.SumAxis(axis), a.MeanAxis(axis), a.MinAxis(axis), a.MaxAxis(axis), a.CountNonzeroAxis(axis)
			sumType := Int64
			if a.DType() == Float64 {
				sumType = Float64
			}
			checkShape(t, sum, sumType, outLen)
			checkShape(t, mean, Float64, outLen)
			checkShape(t, mn, a.DType(), outLen)
			checkShape(t, mx, a.DType(), outLen)
			checkShape(t, cnt, Int64, outLen)
			sf, mf, mnf, mxf, cf := sum.Float64s(), mean.Float64s(), mn.Float64s(), mx.Float64s(), cnt.Float64s()
			for k := range outLen {
				s := stats(lane(k))
				if !near(sf[k], s.sum, 1e-12) || !near(mf[k], s.sum/float64(inLen), 1e-12) ||
					mnf[k] != s.min || mxf[k] != s.max || cf[k] != float64(s.nonzero) {
					t.Fatalf("%s%v axis %d lane %d: sum %v mean %v min %v max %v count %v; want %+v",
						a.DType(), a.Shape(), axis, k, sf[k], mf[k], mnf[k], mxf[k], cf[k], s)
				}
			}
		}
	}
}

func TestAxisReductionsOneDim(t *testing.T) {
	a := iramp(1000)
	for _, axis := range []int{0, -1} {
		if got := a.SumAxis(axis); got.Size() != 1 || got.At(0) != a.Sum().Float() {
			t.Errorf("SumAxis(%d) of 1-D = %v", axis, got)
		}
	}
	if got := ramp(10).MaxAxis(0).At(0); got != ramp(10).Max() {
		t.Errorf("MaxAxis(0) of 1-D = %v", got)
	}
	mustFail(t, "Array.SumAxis", func() { a.SumAxis(1) }, "axis 1 is out of bounds for array of dimension 1")
	mustFail(t, "Array.MeanAxis", func() { ramp(4, 2, 2).MeanAxis(2) }, "axis 2 is out of bounds for array of dimension 2")
	mustFail(t, "Array.MinAxis", func() { Zeros(0, 3).MinAxis(0) }, "zero-size array")
	// Empty lanes: sums are zero, means NaN.
	z := Zeros(0, 3)
	if s := z.SumAxis(0); s.Size() != 3 || s.Sum().Float() != 0 {
		t.Errorf("SumAxis(0) of (0, 3) = %v", s)
	}
	if m := z.MeanAxis(0); !math.IsNaN(m.At(1)) {
		t.Errorf("MeanAxis(0) of (0, 3) = %v", m)
	}
	if s := z.SumAxis(1); s.Size() != 0 {
		t.Errorf("SumAxis(1) of (0, 3) = %v", s)
	}
}
