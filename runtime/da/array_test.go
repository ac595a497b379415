package da

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"gopar/runtime/np"
)

// vals is a computed array, or an eager reference, as plain slices.
type vals struct {
	dt np.DType
	f  []float64
	i  []int64
	b  []bool
}

func (v vals) len() int {
	switch v.dt {
	case np.Float64:
		return len(v.f)
	case np.Int64:
		return len(v.i)
	}
	return len(v.b)
}

func (v vals) at(k int) any {
	switch v.dt {
	case np.Float64:
		return v.f[k]
	case np.Int64:
		return v.i[k]
	}
	return v.b[k]
}

func compute(t *testing.T, a *Array, opts ...ComputeOption) vals {
	t.Helper()
	r, err := a.Compute(opts...)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if got := r.Shape(); len(got) != 1 || got[0] != a.Len() {
		t.Fatalf("Compute: shape %v, want (%d,)", got, a.Len())
	}
	if r.DType() != a.DType() {
		t.Fatalf("Compute: dtype %v, want %v", r.DType(), a.DType())
	}
	switch r.DType() {
	case np.Float64:
		return vals{dt: np.Float64, f: r.Float64s()}
	case np.Int64:
		return vals{dt: np.Int64, i: r.Int64s()}
	}
	return vals{dt: np.Bool, b: r.Bools()}
}

func sameValue(a, b any) bool {
	if x, ok := a.(float64); ok {
		y := b.(float64)
		return x == y || math.IsNaN(x) && math.IsNaN(y)
	}
	return a == b
}

func closeTo(a, b, rel float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func checkVals(t *testing.T, name string, got, want vals) {
	t.Helper()
	if got.dt != want.dt {
		t.Fatalf("%s: dtype %v, want %v", name, got.dt, want.dt)
	}
	if got.len() != want.len() {
		t.Fatalf("%s: %d elements, want %d", name, got.len(), want.len())
	}
	for k := range got.len() {
		if !sameValue(got.at(k), want.at(k)) {
			t.Fatalf("%s: element %d is %v, want %v", name, k, got.at(k), want.at(k))
		}
	}
}

// Test data: eager references of n elements and lazy arrays of them with
// the given chunks.
type data struct {
	n     int
	chunk int
	ri    []int64   // 0..n-1
	rf    []float64 // mixed signs, zeros, fractions
	rg    []float64 // another float array, with zeros and a NaN
	rb    []bool
	rc    []bool
}

func newData(n, chunk int) *data {
	d := &data{n: n, chunk: chunk}
	for k := range n {
		d.ri = append(d.ri, int64(k))
		d.rf = append(d.rf, float64((k*7919)%201-100)/8)
		g := float64((k*104729)%97-48) / 3
		if k == n/2 {
			g = math.NaN()
		}
		d.rg = append(d.rg, g)
		d.rb = append(d.rb, k%3 == 0)
		d.rc = append(d.rc, k%5 < 2)
	}
	return d
}

func (d *data) opts() []Option { return []Option{Chunks(d.chunk)} }
func (d *data) xi() *Array     { return Arange(d.n, d.opts()...) }
func (d *data) xf() *Array     { return FromNp(np.FromFloat64(d.rf), d.opts()...) }
func (d *data) xg() *Array     { return FromNp(np.FromFloat64(d.rg), d.opts()...) }
func (d *data) xb() *Array     { return FromNp(np.FromBool(d.rb), d.opts()...) }
func (d *data) xc() *Array     { return FromNp(np.FromBool(d.rc), d.opts()...) }

func mapF(n int, f func(k int) float64) vals {
	v := vals{dt: np.Float64, f: make([]float64, n)}
	for k := range n {
		v.f[k] = f(k)
	}
	return v
}

func mapI(n int, f func(k int) int64) vals {
	v := vals{dt: np.Int64, i: make([]int64, n)}
	for k := range n {
		v.i[k] = f(k)
	}
	return v
}

func mapB(n int, f func(k int) bool) vals {
	v := vals{dt: np.Bool, b: make([]bool, n)}
	for k := range n {
		v.b[k] = f(k)
	}
	return v
}

func b2f(b bool) float64 { return float64(b2i(b)) }

// sizes are (n, chunk) pairs: chunks that do not divide n, chunks of one
// element, one chunk larger than n, chunks larger than a block and not a
// multiple of it.
var sizes = [][2]int{{1, 1}, {50, 7}, {50, 1}, {50, 200}, {3*blockSize + 37, blockSize + 5}, {5000, 2048}}

func TestElementwise(t *testing.T) {
	for _, sz := range sizes {
		d := newData(sz[0], sz[1])
		n := d.n
		fi := func(k int) float64 { return float64(d.ri[k]) }
		cases := []struct {
			name string
			lazy func() *Array
			want vals
		}{
			{"int+int", func() *Array { return d.xi().Add(d.xi()) }, mapI(n, func(k int) int64 { return 2 * d.ri[k] })},
			{"int-3", func() *Array { return d.xi().Sub(3) }, mapI(n, func(k int) int64 { return d.ri[k] - 3 })},
			{"int*int64(-2)", func() *Array { return d.xi().Mul(int64(-2)) }, mapI(n, func(k int) int64 { return -2 * d.ri[k] })},
			{"int/int", func() *Array { return d.xi().Div(d.xi()) }, mapF(n, func(k int) float64 { return fi(k) / fi(k) })},
			{"int/2", func() *Array { return d.xi().Div(2) }, mapF(n, func(k int) float64 { return fi(k) / 2 })},
			{"int+0.5", func() *Array { return d.xi().Add(0.5) }, mapF(n, func(k int) float64 { return fi(k) + 0.5 })},
			{"int+float", func() *Array { return d.xi().Add(d.xf()) }, mapF(n, func(k int) float64 { return fi(k) + d.rf[k] })},
			{"float-float", func() *Array { return d.xf().Sub(d.xg()) }, mapF(n, func(k int) float64 { return d.rf[k] - d.rg[k] })},
			{"float*float", func() *Array { return d.xf().Mul(d.xg()) }, mapF(n, func(k int) float64 { return d.rf[k] * d.rg[k] })},
			{"float/float", func() *Array { return d.xf().Div(d.xg()) }, mapF(n, func(k int) float64 { return d.rf[k] / d.rg[k] })},
			{"float*float32", func() *Array { return d.xf().Mul(float32(1.5)) }, mapF(n, func(k int) float64 { return d.rf[k] * 1.5 })},
			{"float-int", func() *Array { return d.xf().Sub(d.xi()) }, mapF(n, func(k int) float64 { return d.rf[k] - fi(k) })},
			{"bool+bool", func() *Array { return d.xb().Add(d.xc()) }, mapI(n, func(k int) int64 { return b2i(d.rb[k]) + b2i(d.rc[k]) })},
			{"bool*2.5", func() *Array { return d.xb().Mul(2.5) }, mapF(n, func(k int) float64 { return b2f(d.rb[k]) * 2.5 })},
			{"int<25", func() *Array { return d.xi().Less(25) }, mapB(n, func(k int) bool { return d.ri[k] < 25 })},
			{"int<=24.5", func() *Array { return d.xi().LessEq(24.5) }, mapB(n, func(k int) bool { return fi(k) <= 24.5 })},
			{"int>float", func() *Array { return d.xi().Greater(d.xf()) }, mapB(n, func(k int) bool { return fi(k) > d.rf[k] })},
			{"float>=float", func() *Array { return d.xf().GreaterEq(d.xg()) }, mapB(n, func(k int) bool { return d.rf[k] >= d.rg[k] })},
			{"float==0", func() *Array { return d.xf().Equal(0) }, mapB(n, func(k int) bool { return d.rf[k] == 0 })},
			{"float!=float", func() *Array { return d.xf().NotEqual(d.xg()) }, mapB(n, func(k int) bool { return d.rf[k] != d.rg[k] })},
			{"float<float", func() *Array { return d.xf().Less(d.xg()) }, mapB(n, func(k int) bool { return d.rf[k] < d.rg[k] })},
			{"int==int", func() *Array { return d.xi().Equal(d.xi().Mul(2).Sub(d.xi())) }, mapB(n, func(k int) bool { return true })},
			{"bool==bool", func() *Array { return d.xb().Equal(d.xc()) }, mapB(n, func(k int) bool { return d.rb[k] == d.rc[k] })},
			{"bool!=true", func() *Array { return d.xb().NotEqual(true) }, mapB(n, func(k int) bool { return !d.rb[k] })},
			{"bool<int", func() *Array { return d.xb().Less(d.xi()) }, mapB(n, func(k int) bool { return b2i(d.rb[k]) < d.ri[k] })},
			{"and", func() *Array { return d.xb().And(d.xc()) }, mapB(n, func(k int) bool { return d.rb[k] && d.rc[k] })},
			{"or", func() *Array { return d.xb().Or(d.xc()) }, mapB(n, func(k int) bool { return d.rb[k] || d.rc[k] })},
			{"and true", func() *Array { return d.xb().And(true) }, mapB(n, func(k int) bool { return d.rb[k] })},
			{"and false", func() *Array { return d.xb().And(false) }, mapB(n, func(k int) bool { return false })},
			{"or false", func() *Array { return d.xb().Or(false) }, mapB(n, func(k int) bool { return d.rb[k] })},
			{"or true", func() *Array { return d.xb().Or(true) }, mapB(n, func(k int) bool { return true })},
			{"not", func() *Array { return d.xb().Not() }, mapB(n, func(k int) bool { return !d.rb[k] })},
			{"not cmp", func() *Array { return d.xf().Less(0).Not() }, mapB(n, func(k int) bool { return !(d.rf[k] < 0) })},
			{"sqrt int", func() *Array { return d.xi().Sqrt() }, mapF(n, func(k int) float64 { return math.Sqrt(fi(k)) })},
			{"sqrt float", func() *Array { return d.xf().Sqrt() }, mapF(n, func(k int) float64 { return math.Sqrt(d.rf[k]) })},
			{"int**2", func() *Array { return d.xi().Pow(2) }, mapI(n, func(k int) int64 { return d.ri[k] * d.ri[k] })},
			{"int**3", func() *Array { return d.xi().Pow(3) }, mapI(n, func(k int) int64 { return d.ri[k] * d.ri[k] * d.ri[k] })},
			{"int**0", func() *Array { return d.xi().Pow(0) }, mapI(n, func(k int) int64 { return 1 })},
			{"int**1", func() *Array { return d.xi().Pow(1) }, mapI(n, func(k int) int64 { return d.ri[k] })},
			{"int**0.5", func() *Array { return d.xi().Pow(0.5) }, mapF(n, func(k int) float64 { return math.Sqrt(fi(k)) })},
			{"int**-1", func() *Array { return d.xi().Pow(-1) }, mapF(n, func(k int) float64 { return 1 / fi(k) })},
			{"bool**2", func() *Array { return d.xb().Pow(2) }, mapI(n, func(k int) int64 { return b2i(d.rb[k]) })},
			{"float**2", func() *Array { return d.xf().Pow(2) }, mapF(n, func(k int) float64 { return d.rf[k] * d.rf[k] })},
			{"float**3", func() *Array { return d.xf().Pow(3) }, mapF(n, func(k int) float64 { return d.rf[k] * d.rf[k] * d.rf[k] })},
			{"float**1", func() *Array { return d.xf().Pow(1) }, mapF(n, func(k int) float64 { return d.rf[k] })},
			{"float**0", func() *Array { return d.xg().Pow(0) }, mapF(n, func(k int) float64 { return 1 })},
			{"float**1.7", func() *Array { return d.xf().Pow(1.7) }, mapF(n, func(k int) float64 { return math.Pow(d.rf[k], 1.7) })},
			{"float**-1", func() *Array { return d.xf().Pow(-1) }, mapF(n, func(k int) float64 { return 1 / d.rf[k] })},
			{"float**0.5", func() *Array { return d.xf().Pow(0.5) }, mapF(n, func(k int) float64 { return math.Sqrt(d.rf[k]) })},
			{"chain", func() *Array {
				x := d.xf()
				return x.Mul(x).Add(x.Mul(3)).Sub(d.xi().Div(4)).Div(2)
			}, mapF(n, func(k int) float64 { x := d.rf[k]; return (x*x + x*3 - fi(k)/4) / 2 })},
			{"shared operand", func() *Array {
				x := d.xi().Add(1)
				return x.Mul(x).Sub(x)
			}, mapI(n, func(k int) int64 { x := d.ri[k] + 1; return x*x - x })},
			{"pow2 of source reused", func() *Array {
				x := Linspace(-1, 1, n, d.opts()...)
				return x.Pow(2).Add(x)
			}, mapF(n, func(k int) float64 { x := linspaceAt(-1, 1, n, k); return x*x + x })},
			{"mask arithmetic", func() *Array {
				return d.xf().Greater(0).And(d.xg().Less(5)).Mul(d.xi())
			}, mapI(n, func(k int) int64 { return b2i(d.rf[k] > 0 && d.rg[k] < 5) * d.ri[k] })},
			{"lazy scalar", func() *Array {
				x := d.xf()
				return x.Sub(x.Sum())
			}, mapF(n, func(k int) float64 { return d.rf[k] - refSum(d.rf) })},
			{"lazy int scalar", func() *Array { return d.xi().Sub(d.xi().Max()) }, mapI(n, func(k int) int64 { return d.ri[k] - int64(n-1) })},
			{"source", func() *Array { return d.xi() }, mapI(n, func(k int) int64 { return d.ri[k] })},
			{"bool source", func() *Array { return d.xb() }, mapB(n, func(k int) bool { return d.rb[k] })},
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/n=%d,chunk=%d", c.name, sz[0], sz[1]), func(t *testing.T) {
				a := c.lazy()
				if a.NumChunks() != (n+d.chunk-1)/d.chunk {
					t.Fatalf("NumChunks %d", a.NumChunks())
				}
				got := compute(t, a)
				if c.name == "lazy scalar" { // float sums differ in the last bits
					for k := range got.f {
						if !closeTo(got.f[k], c.want.f[k], 1e-12) {
							t.Fatalf("element %d: %v, want %v", k, got.f[k], c.want.f[k])
						}
					}
					return
				}
				checkVals(t, c.name, got, c.want)
			})
		}
	}
}

func refSum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

func linspaceAt(start, stop float64, n, k int) float64 {
	if n > 1 && k == n-1 {
		return stop
	}
	step := 0.0
	if n > 1 {
		step = (stop - start) / float64(n-1)
	}
	return float64(k)*step + start
}

func TestConstructors(t *testing.T) {
	for _, sz := range sizes {
		n, c := sz[0], sz[1]
		t.Run(fmt.Sprint(n, "/", c), func(t *testing.T) {
			checkVals(t, "Arange", compute(t, Arange(n, Chunks(c))), mapI(n, func(k int) int64 { return int64(k) }))
			checkVals(t, "Zeros", compute(t, Zeros(n, Chunks(c))), mapF(n, func(int) float64 { return 0 }))
			checkVals(t, "Ones", compute(t, Ones(n, Chunks(c))), mapF(n, func(int) float64 { return 1 }))
			checkVals(t, "Linspace", compute(t, Linspace(-2, 3, n, Chunks(c))), mapF(n, func(k int) float64 { return linspaceAt(-2, 3, n, k) }))
			ints := make([]int64, n)
			for k := range ints {
				ints[k] = int64(k*k) - 7
			}
			checkVals(t, "FromNp int", compute(t, FromNp(np.FromInt64(ints), Chunks(c))), vals{dt: np.Int64, i: ints})
			u := compute(t, Uniform(5, -2, 3, n, Chunks(c)))
			r := compute(t, Random(5, n, Chunks(c)))
			for k := range n {
				if r.f[k] < 0 || r.f[k] >= 1 {
					t.Fatalf("Random element %d = %v, not in [0, 1)", k, r.f[k])
				}
				if want := -2 + 5*r.f[k]; u.f[k] != want {
					t.Fatalf("Uniform element %d = %v, want -2+5*%v", k, u.f[k], r.f[k])
				}
			}
		})
	}
	if got := compute(t, Linspace(4, 9, 1)); got.f[0] != 4 {
		t.Fatalf("Linspace(4, 9, 1) = %v", got.f)
	}
	if got := compute(t, Arange(0)); got.len() != 0 {
		t.Fatalf("Arange(0) = %v", got.i)
	}
}

func TestAutoChunks(t *testing.T) {
	a := Arange(1_000_000_000)
	if a.NumChunks() != 60 || a.Chunks()[0] != 16777216 || a.Chunks()[59] != 1_000_000_000-59*16777216 {
		t.Fatalf("auto chunks of 1e9 int64: %d chunks, first %d", a.NumChunks(), a.Chunks()[0])
	}
	total := 0
	for _, c := range a.Chunks() {
		total += c
	}
	if total != a.Len() {
		t.Fatalf("chunks add up to %d", total)
	}
	if b := Random(1, 1000, ChunksAuto()); b.NumChunks() != 1 || b.Chunks()[0] != 1000 {
		t.Fatalf("auto chunks of 1000: %v", b.Chunks())
	}
	if b := Arange(100, Chunks(30), ChunksAuto()); b.NumChunks() != 1 {
		t.Fatalf("ChunksAuto after Chunks: %v", b.Chunks())
	}
	if b := FromNp(np.FromBool(make([]bool, 200<<20))); b.Chunks()[0] != 128<<20 {
		t.Fatalf("auto chunks of bool: %v", b.Chunks())
	}
	if got := Arange(0).Chunks(); len(got) != 0 {
		t.Fatalf("chunks of an empty array: %v", got)
	}
}

func TestNormal(t *testing.T) {
	const n = 200_001
	x := Normal(9, 3, 2, n, Chunks(10_001))
	v := compute(t, x)
	mean, m2 := 0.0, 0.0
	for _, f := range v.f {
		mean += f
	}
	mean /= n
	for _, f := range v.f {
		m2 += (f - mean) * (f - mean)
	}
	std := math.Sqrt(m2 / n)
	if math.Abs(mean-3) > 4*2/math.Sqrt(n) || math.Abs(std-2) > 0.02 {
		t.Fatalf("Normal(mean 3, std 2): mean %v, std %v", mean, std)
	}
	within := 0
	for _, f := range v.f {
		if math.Abs(f-3) < 2 {
			within++
		}
	}
	if p := float64(within) / n; math.Abs(p-0.6827) > 0.005 {
		t.Fatalf("Normal: %.4f within one std, want 0.6827", p)
	}
}

var reductions = []struct {
	name string
	red  func(*Array) *Scalar
}{
	{"Sum", (*Array).Sum},
	{"Mean", (*Array).Mean},
	{"Min", (*Array).Min},
	{"Max", (*Array).Max},
	{"CountNonzero", (*Array).CountNonzero},
}

// refReduce reduces v with plain loops.
func refReduce(name string, v vals) float64 {
	n := v.len()
	x := make([]float64, n)
	for k := range n {
		switch v.dt {
		case np.Float64:
			x[k] = v.f[k]
		case np.Int64:
			x[k] = float64(v.i[k])
		default:
			x[k] = b2f(v.b[k])
		}
	}
	switch name {
	case "Sum":
		return refSum(x)
	case "Mean":
		return refSum(x) / float64(n)
	case "Min", "Max":
		m := x[0]
		for _, f := range x {
			if math.IsNaN(f) {
				return f
			}
			if name == "Min" && f < m || name == "Max" && f > m {
				m = f
			}
		}
		return m
	}
	c := 0.0
	for _, f := range x {
		if f != 0 {
			c++
		}
	}
	return c
}

func TestReductions(t *testing.T) {
	for _, sz := range sizes {
		d := newData(sz[0], sz[1])
		arrays := []struct {
			name string
			a    func() *Array
		}{
			{"arange", d.xi},
			{"int expr", func() *Array { return d.xi().Mul(3).Sub(d.n) }},
			{"float", d.xf},
			{"float with NaN", d.xg},
			{"bool", d.xb},
			{"compare", func() *Array { return d.xf().Less(1) }},
			{"arith compare", func() *Array { return d.xf().Add(d.xf()).LessEq(0.25) }},
			{"arith compare ge", func() *Array { return d.xf().Mul(d.xg()).GreaterEq(-1) }},
			{"arith compare gt", func() *Array { return d.xf().Sub(d.xg()).Greater(2) }},
			{"arith compare lt", func() *Array { return d.xf().Div(d.xg()).Less(0) }},
			{"compare arrays", func() *Array { return d.xf().Less(d.xg()) }},
			{"compare eq", func() *Array { return d.xf().Add(d.xf()).Equal(0) }},
			{"compare int", func() *Array { return d.xi().Greater(d.n / 3) }},
			{"compare bool", func() *Array { return d.xb().Equal(d.xc()) }},
			{"random", func() *Array { return Random(3, d.n, d.opts()...) }},
			{"pi", func() *Array {
				return Random(3, d.n, d.opts()...).Pow(2).Add(Random(4, d.n, d.opts()...).Pow(2)).LessEq(1)
			}},
			{"random sum", func() *Array { return Random(3, d.n, d.opts()...).Add(Random(4, d.n, d.opts()...)).Less(1) }},
			{"random first", func() *Array { return Random(3, d.n, d.opts()...).Pow(2).Add(d.xf()).Greater(0.5) }},
			{"random first ge", func() *Array { return Random(3, d.n, d.opts()...).Add(d.xi()).GreaterEq(7) }},
			{"random reused", func() *Array {
				x := Random(3, d.n, d.opts()...)
				return x.Pow(2).Add(x).LessEq(1)
			}},
			{"random squared", func() *Array { return Random(3, d.n, d.opts()...).Pow(2) }},
			{"linspace", func() *Array { return Linspace(-5, 5, d.n, d.opts()...) }},
			{"ones", func() *Array { return Ones(d.n, d.opts()...) }},
		}
		for _, arr := range arrays {
			ref := compute(t, arr.a())
			for _, r := range reductions {
				t.Run(fmt.Sprintf("%s/%s/n=%d,chunk=%d", r.name, arr.name, d.n, d.chunk), func(t *testing.T) {
					s := r.red(arr.a())
					got, err := s.ComputeFloat()
					if err != nil {
						t.Fatal(err)
					}
					want := refReduce(r.name, ref)
					if !closeTo(got, want, 1e-12) {
						t.Fatalf("got %v, want %v", got, want)
					}
					wantDT := np.Int64
					switch {
					case r.name == "Mean" || ref.dt == np.Float64 && r.name != "CountNonzero":
						wantDT = np.Float64
					}
					if s.DType() != wantDT {
						t.Fatalf("DType %v, want %v", s.DType(), wantDT)
					}
					if wantDT == np.Int64 {
						gi, err := s.ComputeInt()
						if err != nil || float64(gi) != want {
							t.Fatalf("ComputeInt = %d, %v; want %v", gi, err, want)
						}
					}
				})
			}
		}
	}
}

func TestReductionsExactInt(t *testing.T) {
	got, err := Arange(3_000_000_001, Chunks(1<<28)).Sum().ComputeInt(Progress(false))
	if want := int64(3_000_000_000) * 3_000_000_001 / 2; err != nil || got != want {
		t.Fatalf("Arange(3e9+1).Sum() = %d, %v; want %d", got, err, want)
	}
	for _, c := range []struct {
		s    *Scalar
		want int64
	}{
		{Arange(1000, Chunks(7)).Min(), 0},
		{Arange(1000, Chunks(7)).Max(), 999},
		{Arange(1000, Chunks(7)).CountNonzero(), 999},
		{Arange(1000, Chunks(7)).Mean(), 499},
		{Arange(0).Sum(), 0},
		{Arange(0).CountNonzero(), 0},
	} {
		got, err := c.s.ComputeInt()
		if err != nil || got != c.want {
			t.Fatalf("%v = %d, %v; want %d", c.s, got, err, c.want)
		}
	}
	if m, err := Arange(0).Mean().ComputeFloat(); err != nil || !math.IsNaN(m) {
		t.Fatalf("mean of an empty array = %v, %v; want NaN", m, err)
	}
	if m, err := Arange(10).Mean().Compute(); err != nil || m != np.FloatScalar(4.5) {
		t.Fatalf("Arange(10).Mean() = %v, %v", m, err)
	}
	if m, err := Zeros(10).Sum().Compute(); err != nil || m != np.FloatScalar(0) {
		t.Fatalf("Zeros(10).Sum() = %v, %v", m, err)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		f    func()
		op   string
		msg  string
	}{
		{"negative length", func() { Arange(-1) }, "da.Arange", "negative length -1"},
		{"negative random", func() { Random(1, -5) }, "da.Random", "negative length"},
		{"zero chunks", func() { Chunks(0) }, "da.Chunks", "da.ChunksAuto()"},
		{"lengths", func() { Arange(10).Add(Arange(11)) }, "da.Array.Add", "different lengths 10 and 11"},
		{"chunks", func() { Arange(10, Chunks(3)).Mul(Arange(10, Chunks(4))) }, "da.Array.Mul", "different chunks (3,) and (4,): make both with the same da.Chunks option"},
		{"and float", func() { Ones(10).And(Ones(10).Less(1)) }, "da.Array.And", "needs bool arrays"},
		{"or int", func() { Arange(10).Less(3).Or(1) }, "da.Array.Or", "needs bool arrays"},
		{"not int", func() { Arange(10).Not() }, "da.Array.Not", "needs a bool array"},
		{"operand type", func() { Arange(10).Add("one") }, "da.Array.Add", "operand of type string"},
		{"nil operand", func() { Arange(10).Sub((*Array)(nil)) }, "da.Array.Sub", "nil array"},
		{"nil scalar", func() { Arange(10).Sub((*Scalar)(nil)) }, "da.Array.Sub", "nil *da.Scalar"},
		{"nil array", func() { (*Array)(nil).Sum() }, "da.Array.Sum", "nil array"},
		{"min of empty", func() { Arange(0).Min() }, "da.Array.Min", "zero-size array has no minimum"},
		{"max of empty", func() { Zeros(0).Max() }, "da.Array.Max", "zero-size array has no maximum"},
		{"nil np", func() { FromNp(nil) }, "da.FromNp", "nil"},
		{"workers", func() { Workers(-2) }, "da.Workers", "negative number of workers -2"},
		{"uniform NaN", func() { Uniform(1, math.NaN(), 1, 10) }, "da.Uniform", "finite"},
		{"normal std", func() { Normal(1, 0, -1, 10) }, "da.Normal", "standard deviation -1"},
		{"nil context", func() { Context(nil) }, "da.Context", "nil context"},
		{"nil scalar compute", func() { _, _ = (*Scalar)(nil).Compute() }, "da.Scalar.Compute", "nil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				e, ok := r.(*Error)
				if !ok {
					t.Fatalf("panic %v (%T), want *da.Error", r, r)
				}
				if e.Op != c.op || !strings.Contains(e.Msg, c.msg) {
					t.Fatalf("panic %q, want Op %q and a message with %q", e.Error(), c.op, c.msg)
				}
				if !strings.HasPrefix(e.Error(), c.op+": ") {
					t.Fatalf("Error() = %q", e.Error())
				}
			}()
			c.f()
		})
	}
	var err error = &Error{Op: "da.X", Msg: "m"}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal("errors.As")
	}
}

func TestDTypes(t *testing.T) {
	cases := []struct {
		a    *Array
		want np.DType
	}{
		{Arange(3).Add(1), np.Int64},
		{Arange(3).Add(1.0), np.Float64},
		{Arange(3).Div(1), np.Float64},
		{Arange(3).Less(1), np.Bool},
		{Arange(3).Less(1).Add(true), np.Int64},
		{Arange(3).Pow(2), np.Int64},
		{Arange(3).Pow(2.5), np.Float64},
		{Ones(3).Pow(2), np.Float64},
		{Arange(3).Sqrt(), np.Float64},
		{Arange(3).Sub(Arange(3).Mean()), np.Float64},
		{Arange(3).Sub(Arange(3).Sum()), np.Int64},
	}
	for i, c := range cases {
		if c.a.DType() != c.want {
			t.Errorf("case %d: %v has dtype %v, want %v", i, c.a, c.a.DType(), c.want)
		}
	}
}

func TestResultTooLarge(t *testing.T) {
	old := memAvailable
	memAvailable = func() int64 { return 1 << 30 }
	defer func() { memAvailable = old }()
	defer func() {
		e, ok := recover().(*Error)
		if !ok || e.Op != "da.Array.Compute" || !strings.Contains(e.Msg, "the result takes 7.45 GiB but the machine has 1.00 GiB available") {
			t.Fatalf("panic %v", e)
		}
	}()
	_, _ = Arange(1_000_000_000).Compute()
}
