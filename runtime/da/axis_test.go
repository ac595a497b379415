package da

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/display"
	"gopar/runtime/internal/progress/progresstest"
	"gopar/runtime/np"
)

// npVals is an eager array's shape and values.
func npVals(a *np.Array) ([]int, vals) {
	switch a.DType() {
	case np.Float64:
		return a.Shape(), vals{dt: np.Float64, f: a.Float64s()}
	case np.Int64:
		return a.Shape(), vals{dt: np.Int64, i: a.Int64s()}
	}
	return a.Shape(), vals{dt: np.Bool, b: a.Bools()}
}

// computeNp computes a and checks the result's shape and dtype.
func computeNp(t *testing.T, a *Array, opts ...ComputeOption) *np.Array {
	t.Helper()
	r, err := a.Compute(opts...)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if !slices.Equal(r.Shape(), a.Shape()) || r.DType() != a.DType() {
		t.Fatalf("Compute: shape %v dtype %v, want %v %v", r.Shape(), r.DType(), a.Shape(), a.DType())
	}
	return r
}

// checkClose compares values, floats to rel (exactly when rel is 0).
func checkClose(t *testing.T, name string, got, want vals, rel float64) {
	t.Helper()
	if got.dt != want.dt || got.len() != want.len() {
		t.Fatalf("%s: %v of %d, want %v of %d", name, got.dt, got.len(), want.dt, want.len())
	}
	for k := range got.len() {
		if got.dt == np.Float64 && rel > 0 {
			if !closeTo(got.f[k], want.f[k], rel) {
				t.Fatalf("%s: element %d is %v, want %v", name, k, got.f[k], want.f[k])
			}
			continue
		}
		if !sameValue(got.at(k), want.at(k)) {
			t.Fatalf("%s: element %d is %v, want %v", name, k, got.at(k), want.at(k))
		}
	}
}

var axisReductions = []struct {
	name string
	lazy func(*Array, int) *Array
	ref  func(*np.Array, int) *np.Array
}{
	{"SumAxis", (*Array).SumAxis, (*np.Array).SumAxis},
	{"MeanAxis", (*Array).MeanAxis, (*np.Array).MeanAxis},
	{"MinAxis", (*Array).MinAxis, (*np.Array).MinAxis},
	{"MaxAxis", (*Array).MaxAxis, (*np.Array).MaxAxis},
	{"CountNonzeroAxis", (*Array).CountNonzeroAxis, (*np.Array).CountNonzeroAxis},
}

// 2-D test data of r×c elements: floats of mixed signs with zeros (and a
// NaN when nan is set), ints, bools.
func floats2(r, c int, nan bool) *np.Array {
	f := make([]float64, r*c)
	for k := range f {
		f[k] = float64((k*7919)%201-100) / 8
	}
	if nan && len(f) > 0 {
		f[len(f)/2] = math.NaN()
	}
	return np.FromFloat64(f, r, c)
}

func ints2(r, c int) *np.Array {
	v := make([]int64, r*c)
	for k := range v {
		v[k] = int64((k*104729)%97 - 48)
	}
	return np.FromInt64(v, r, c)
}

func bools2(r, c int) *np.Array {
	v := make([]bool, r*c)
	for k := range v {
		v[k] = k%3 != 0
	}
	return np.FromBool(v, r, c)
}

// shapes2 are (rows, cols, chunk) triples: chunks of whole rows, chunks
// that are not (rechunked), smaller than a row, one chunk, rows longer than
// a block, blocks that end within rows.
var shapes2 = [][3]int{
	{7, 5, 10}, {7, 5, 12}, {7, 5, 3}, {7, 5, 100}, {1, 9, 4}, {9, 1, 2},
	{300, 7, 1000}, {3, 2500, 2500}, {40, 1100, 3300}, {64, 33, 1 << 20}, {200, 3, 5},
}

// Every axis reduction of 2-D arrays gives np's result on the same data,
// whatever the chunks and the number of workers.
func TestAxisReductions(t *testing.T) {
	for _, sh := range shapes2 {
		r, c, chunk := sh[0], sh[1], sh[2]
		n := r * c
		opt := Chunks(chunk)
		arrays := []struct {
			name string
			lazy func() *Array
		}{
			{"float", func() *Array { return FromNp(floats2(r, c, false), opt) }},
			{"float NaN", func() *Array { return FromNp(floats2(r, c, true), opt) }},
			{"int", func() *Array { return FromNp(ints2(r, c), opt) }},
			{"bool", func() *Array { return FromNp(bools2(r, c), opt) }},
			{"arange", func() *Array { return Arange(n, opt).Reshape(r, c) }},
			{"arange -1", func() *Array { return Arange(n, opt).Reshape(-1, c) }},
			{"random", func() *Array { return Random(7, n, opt).Reshape(r, c) }},
			{"expr", func() *Array {
				return FromNp(floats2(r, c, false), opt).Mul(2).Add(FromNp(ints2(r, c), opt)).Sqrt()
			}},
			{"reshaped expr", func() *Array { return Arange(n, opt).Mul(3).Sub(n).Reshape(r, c) }},
			{"compare", func() *Array { return FromNp(ints2(r, c), opt).Less(FromNp(floats2(r, c, false), opt)) }},
			{"pi", func() *Array {
				x, y := Random(1, n, opt).Reshape(r, c), Random(2, n, opt).Reshape(r, c)
				return x.Pow(2).Add(y.Pow(2)).LessEq(1)
			}},
			{"lazy scalar", func() *Array {
				x := FromNp(ints2(r, c), opt)
				return x.Sub(x.Mean())
			}},
		}
		for _, arr := range arrays {
			x := arr.lazy()
			if !slices.Equal(x.Shape(), []int{r, c}) || x.Ndim() != 2 || x.Len() != r || x.Size() != n {
				t.Fatalf("%s: shape %v ndim %d len %d size %d", arr.name, x.Shape(), x.Ndim(), x.Len(), x.Size())
			}
			rows := 0
			for _, k := range x.Chunks() {
				rows += k
				if k < 1 || k*c > max(chunk, c) {
					t.Fatalf("%s Chunks(%d) of (%d, %d): chunks of %v rows", arr.name, chunk, r, c, x.Chunks())
				}
			}
			if rows != r {
				t.Fatalf("%s: chunks %v", arr.name, x.Chunks())
			}
			eager := computeNp(t, x)
			for _, red := range axisReductions {
				for _, axis := range []int{0, 1, -1} {
					name := fmt.Sprintf("%s(%d)/%s/(%d,%d)/chunk=%d", red.name, axis, arr.name, r, c, chunk)
					t.Run(name, func(t *testing.T) {
						want := red.ref(eager, axis)
						wshape, wv := npVals(want)
						lazy := red.lazy(x, axis)
						if lazy.DType() != want.DType() || !slices.Equal(lazy.Shape(), wshape) {
							t.Fatalf("lazy %v %v, np %v %v", lazy.DType(), lazy.Shape(), want.DType(), wshape)
						}
						_, ref := npVals(computeNp(t, lazy, Workers(1)))
						rel := 0.0
						if red.name == "SumAxis" || red.name == "MeanAxis" {
							rel = 1e-9 // np adds in another order, and sums cancel out
						}
						checkClose(t, name, ref, wv, rel)
						for _, w := range []int{2, 3, 8} {
							_, got := npVals(computeNp(t, red.lazy(x, axis), Workers(w)))
							checkClose(t, fmt.Sprintf("%s Workers(%d)", name, w), got, ref, 0)
						}
					})
				}
			}
		}
	}
}

// Reshape keeps the row-major order; a chunk size that is not a whole
// number of rows is rounded down to one, and random arrays then have the
// values of that chunking.
func TestReshape(t *testing.T) {
	a := Arange(12, Chunks(5))
	b := a.Reshape(3, 4)
	if got := b.String(); got != "da.Array<shape=(3, 4), dtype=int64, chunks=(1, 4), tasks=3>" {
		t.Fatalf("String %s", got)
	}
	if !slices.Equal(b.Chunks(), []int{1, 1, 1}) || b.NumChunks() != 3 {
		t.Fatalf("chunks %v", b.Chunks())
	}
	got := computeNp(t, b)
	if !slices.Equal(got.Shape(), []int{3, 4}) || got.At(2, 1) != 9.0 {
		t.Fatalf("Arange(12).Reshape(3, 4) = %v", got)
	}
	back := b.Reshape(12)
	if back.Ndim() != 1 || back.Chunks()[0] != 4 {
		t.Fatalf("back to 1-D: %v %v", back, back.Chunks())
	}
	checkVals(t, "back", compute(t, back), mapI(12, func(k int) int64 { return int64(k) }))
	if c := Arange(12, Chunks(8)).Reshape(4, 3).Reshape(-1, 6); !slices.Equal(c.Chunks(), []int{1, 1}) {
		t.Fatalf("(4, 3) chunks of 2 rows as (2, 6): %v", c.Chunks())
	}
	if c := Arange(12, Chunks(8)).Reshape(4, 3); !slices.Equal(c.Chunks(), []int{2, 2}) {
		t.Fatalf("Chunks(8) as (4, 3): %v", c.Chunks())
	}
	if a.Reshape(12) != a {
		t.Fatal("Reshape to the same shape makes another array")
	}
	// Random values follow the chunks.
	r := computeNp(t, Random(3, 120, Chunks(25)).Reshape(10, 12))
	want := computeNp(t, Random(3, 120, Chunks(24)))
	checkVals(t, "rechunked random", vals{dt: np.Float64, f: r.Float64s()}, vals{dt: np.Float64, f: want.Float64s()})
	// A rechunked graph with shared operands and a lazy scalar.
	x := Linspace(0, 1, 60, Chunks(7))
	e := x.Mul(x).Sub(x.Mean()).Reshape(6, 10)
	if !slices.Equal(e.Chunks(), []int{1, 1, 1, 1, 1, 1}) {
		t.Fatalf("chunks %v", e.Chunks())
	}
	ev := computeNp(t, e).Float64s()
	for k := range 60 {
		v := linspaceAt(0, 1, 60, k)
		if !closeTo(ev[k], v*v-0.5, 1e-12) {
			t.Fatalf("element %d: %v", k, ev[k])
		}
	}
	// 2-D FromNp chunks, and operations between 2-D arrays.
	f := FromNp(floats2(6, 4, false), Chunks(9))
	if f.String() != "da.Array<shape=(6, 4), dtype=float64, chunks=(2, 4), tasks=3>" {
		t.Fatalf("FromNp 2-D: %s", f)
	}
	sum := computeNp(t, f.Add(Arange(24, Chunks(9)).Reshape(6, 4)))
	ref := floats2(6, 4, false).Add(np.Arange(24).Reshape(6, 4))
	checkVals(t, "2-D add", vals{dt: np.Float64, f: sum.Float64s()}, vals{dt: np.Float64, f: ref.Float64s()})
	// Empty arrays.
	z := Zeros(0).Reshape(0, 3)
	if !slices.Equal(z.Shape(), []int{0, 3}) || z.NumChunks() != 0 || z.String() != "da.Array<shape=(0, 3), dtype=float64, chunks=(0, 3), tasks=0>" {
		t.Fatalf("empty: %s %v", z, z.Shape())
	}
	if got := computeNp(t, Zeros(0).Reshape(3, 0)); !slices.Equal(got.Shape(), []int{3, 0}) {
		t.Fatalf("(3, 0): %v", got.Shape())
	}
}

// Axis reductions of 1-D arrays, and of empty axes, as np's.
func TestAxisEdges(t *testing.T) {
	for _, c := range []struct {
		name string
		lazy *Array
		want *np.Array
	}{
		{"1-D sum", Arange(10, Chunks(3)).SumAxis(0), np.Arange(10).SumAxis(0)},
		{"1-D mean -1", Arange(10, Chunks(3)).MeanAxis(-1), np.Arange(10).MeanAxis(-1)},
		{"1-D min bool", Arange(10, Chunks(3)).Greater(0).MinAxis(0), np.Arange(10).Greater(0).MinAxis(0)},
		{"1-D max bool", Arange(10, Chunks(3)).Greater(0).MaxAxis(0), np.Arange(10).Greater(0).MaxAxis(0)},
		{"1-D count", Arange(10, Chunks(3)).CountNonzeroAxis(0), np.Arange(10).CountNonzeroAxis(0)},
		{"1-D empty sum", Arange(0).SumAxis(0), np.Arange(0).SumAxis(0)},
		{"1-D empty mean", Arange(0).MeanAxis(0), np.Arange(0).MeanAxis(0)},
		{"(0, 3) sum 0", Zeros(0).Reshape(0, 3).SumAxis(0), np.Zeros(0, 3).SumAxis(0)},
		{"(0, 3) mean 0", Zeros(0).Reshape(0, 3).MeanAxis(0), np.Zeros(0, 3).MeanAxis(0)},
		{"(0, 3) sum 1", Zeros(0).Reshape(0, 3).SumAxis(1), np.Zeros(0, 3).SumAxis(1)},
		{"(0, 3) min 1", Zeros(0).Reshape(0, 3).MinAxis(1), np.Zeros(0, 3).MinAxis(1)},
		{"(3, 0) mean 1", Zeros(0).Reshape(3, 0).MeanAxis(1), np.Zeros(3, 0).MeanAxis(1)},
		{"(3, 0) count 1", Zeros(0).Reshape(3, 0).CountNonzeroAxis(1), np.Zeros(3, 0).CountNonzeroAxis(1)},
		{"NaN min", FromNp(np.FromFloat64([]float64{1, math.NaN(), 3, 4, 5, 6}, 3, 2), Chunks(2)).MinAxis(0),
			np.FromFloat64([]float64{1, math.NaN(), 3, 4, 5, 6}, 3, 2).MinAxis(0)},
		{"NaN max", FromNp(np.FromFloat64([]float64{1, 2, 3, math.NaN(), 5, 6}, 3, 2), Chunks(2)).MaxAxis(1),
			np.FromFloat64([]float64{1, 2, 3, math.NaN(), 5, 6}, 3, 2).MaxAxis(1)},
		{"inf", FromNp(np.FromFloat64([]float64{math.Inf(1), 2, math.Inf(-1), 4}, 2, 2)).MinAxis(0),
			np.FromFloat64([]float64{math.Inf(1), 2, math.Inf(-1), 4}, 2, 2).MinAxis(0)},
		{"int extremes", FromNp(np.FromInt64([]int64{math.MaxInt64, math.MinInt64, 0, 1}, 2, 2)).MaxAxis(0),
			np.FromInt64([]int64{math.MaxInt64, math.MinInt64, 0, 1}, 2, 2).MaxAxis(0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := computeNp(t, c.lazy)
			gs, gv := npVals(got)
			ws, wv := npVals(c.want)
			if !slices.Equal(gs, ws) || got.DType() != c.want.DType() {
				t.Fatalf("%v %v, np %v %v", got.DType(), gs, c.want.DType(), ws)
			}
			checkVals(t, c.name, gv, wv)
		})
	}
}

// An axis reduction is an array like any other: operations, reductions
// and other axis reductions use it.
func TestAxisChained(t *testing.T) {
	const r, c = 50, 12
	e := ints2(r, c)
	x := FromNp(e, Chunks(100))
	for _, k := range []struct {
		name string
		got  func() (float64, error)
		want float64
	}{
		{"SumAxis(0).Mul(2).Sum()", func() (float64, error) { return x.SumAxis(0).Mul(2).Sum().ComputeFloat() }, 2 * e.Sum().Float()},
		{"MeanAxis(1).Max()", func() (float64, error) { return x.MeanAxis(1).Max().ComputeFloat() }, e.MeanAxis(1).Max()},
		{"SumAxis(1).Add(Arange).Sum()", func() (float64, error) { return x.SumAxis(1).Add(Arange(r)).Sum().ComputeFloat() },
			e.SumAxis(1).Add(np.Arange(r)).Sum().Float()},
		{"Sub(MeanAxis(0).Mean())", func() (float64, error) { return x.Sub(x.MeanAxis(0).Mean()).Sum().ComputeFloat() },
			e.Sub(e.MeanAxis(0).Mean()).Sum().Float()},
		{"nested", func() (float64, error) { return x.SumAxis(1).Reshape(10, 5).MaxAxis(0).Sum().ComputeFloat() },
			e.SumAxis(1).Reshape(10, 5).MaxAxis(0).Sum().Float()},
		{"shared", func() (float64, error) {
			s := x.SumAxis(0)
			return s.Mul(s).Sub(s).Sum().ComputeFloat()
		}, e.SumAxis(0).Mul(e.SumAxis(0)).Sub(e.SumAxis(0)).Sum().Float()},
		{"2-D sum", func() (float64, error) { return x.Sum().ComputeFloat() }, e.Sum().Float()},
		{"2-D count", func() (float64, error) { return x.Greater(0).CountNonzero().ComputeFloat() }, float64(e.Greater(0).CountNonzero())},
	} {
		v, err := k.got()
		if err != nil || !closeTo(v, k.want, 1e-9) {
			t.Errorf("%s = %v, %v; want %v", k.name, v, err, k.want)
		}
	}
	// The column means, subtracted from each row: a Reshape of a column
	// vector is not broadcast, but the reduction of a reduction works.
	got := computeNp(t, x.MeanAxis(0).Sub(x.MeanAxis(0).Mean()))
	want := e.MeanAxis(0).Sub(e.MeanAxis(0).Mean())
	checkClose(t, "centred means", vals{dt: np.Float64, f: got.Float64s()}, vals{dt: np.Float64, f: want.Float64s()}, 1e-12)
}

func TestAxisErrors(t *testing.T) {
	x := Arange(12).Reshape(3, 4)
	for _, c := range []struct {
		name string
		f    func()
		op   string
		msg  string
	}{
		{"row against 2-D", func() { x.Add(Arange(4)) }, "da.Array.Add", "shapes (3, 4) (4,): da does not broadcast arrays"},
		{"transposed", func() { x.Mul(Arange(12).Reshape(4, 3)) }, "da.Array.Mul", "shapes (3, 4) (4, 3)"},
		{"flat", func() { x.Less(Arange(12)) }, "da.Array.Less", "shapes (3, 4) (12,)"},
		{"2-D chunks", func() { x.Add(Arange(12, Chunks(4)).Reshape(3, 4)) }, "da.Array.Add", "different chunks (3, 4) and (1, 4)"},
		{"reshape size", func() { Arange(12).Reshape(5, 3) }, "da.Array.Reshape", "cannot reshape array of size 12 into shape (5, 3)"},
		{"reshape -1", func() { Arange(12).Reshape(5, -1) }, "da.Array.Reshape", "12 is not a multiple of 5"},
		{"reshape 0 and -1", func() { Zeros(0).Reshape(0, -1) }, "da.Array.Reshape", "the -1 one cannot be worked out"},
		{"reshape two -1", func() { Arange(12).Reshape(-1, -1) }, "da.Array.Reshape", "can only specify one unknown dimension (-1)"},
		{"reshape negative", func() { Arange(12).Reshape(-3, -4) }, "da.Array.Reshape", "negative dimensions"},
		{"reshape 3-D", func() { Arange(12).Reshape(2, 2, 3) }, "da.Array.Reshape", "3 dimensions: da arrays have 1 or 2"},
		{"reshape none", func() { Arange(12).Reshape() }, "da.Array.Reshape", "0 dimensions"},
		{"axis 2", func() { x.SumAxis(2) }, "da.Array.SumAxis", "axis 2 is out of bounds for array of dimension 2: give 0"},
		{"axis -3", func() { x.MeanAxis(-3) }, "da.Array.MeanAxis", "axis -3 is out of bounds"},
		{"axis 1 of 1-D", func() { Arange(3).MinAxis(1) }, "da.Array.MinAxis", "axis 1 is out of bounds for array of dimension 1: give 0 (or make the array 2-D with Reshape)"},
		{"min empty axis", func() { Zeros(0).Reshape(0, 3).MinAxis(0) }, "da.Array.MinAxis", "zero-size array to reduction operation minimum"},
		{"max empty axis", func() { Zeros(0).Reshape(3, 0).MaxAxis(1) }, "da.Array.MaxAxis", "zero-size array to reduction operation maximum"},
		{"max empty 1-D", func() { Zeros(0).MaxAxis(0) }, "da.Array.MaxAxis", "zero-size array"},
		{"nil", func() { (*Array)(nil).CountNonzeroAxis(0) }, "da.Array.CountNonzeroAxis", "nil array"},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				e, ok := recover().(*Error)
				if !ok || e.Op != c.op || !strings.Contains(e.Msg, c.msg) {
					t.Fatalf("panic %v, want %s: ...%s...", e, c.op, c.msg)
				}
			}()
			c.f()
		})
	}
}

func TestRepr2D(t *testing.T) {
	x := Random(1, 1_000_000, Chunks(250_000)).Reshape(1000, 1000)
	for _, c := range []struct{ got, want string }{
		{x.String(), "da.Array<shape=(1000, 1000), dtype=float64, chunks=(250, 1000), tasks=4>"},
		{x.Mul(2).Less(1).String(), "da.Array<shape=(1000, 1000), dtype=bool, chunks=(250, 1000), tasks=12>"},
		// 4 random chunks, 4 partial sums, their tree's aggregate, and the result's chunk.
		{x.SumAxis(0).String(), "da.Array<shape=(1000,), dtype=float64, chunks=(1000,), tasks=10>"},
		{x.MeanAxis(1).Sum().String(), "da.Scalar<sum, dtype=float64, tasks=12>"},
		{Arange(7000).Reshape(7, 1000).MinAxis(1).String(), "da.Array<shape=(7,), dtype=int64, chunks=(7,), tasks=4>"},
	} {
		if c.got != c.want {
			t.Errorf("got %s\nwant %s", c.got, c.want)
		}
	}
	b := x.MIMEBundle()
	html, _ := b[display.MIMEHTML].(string)
	for _, want := range []string{"<th>Shape</th><td>(1000, 1000)</td><td>(250, 1000)</td>", "<th>Bytes</th><td>7.63 MiB</td><td>1.91 MiB</td>", "4 chunks in 1 graph layer"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	wellFormed(t, html)
	for name, v := range map[string]struct {
		b    display.Bundle
		want []string
	}{
		"2-D":       {x.Add(1).Visualize(), []string{"shape (1000, 1000) in chunks of (250, 1000)", "add(1) float64", "4 fused tasks"}},
		"axis":      {x.SumAxis(0).Mul(2).Visualize(), []string{"sum(axis=0) float64", "mul(2) float64", "sum(axis=0) computed first"}},
		"axis 1":    {x.MaxAxis(1).Sum().Visualize(), []string{"max(axis=1) float64", "sum-aggregate"}},
		"many rows": {Arange(1000).Reshape(1000, 1).Add(1).Visualize(), []string{"shape (1000, 1)"}},
	} {
		svg, _ := v.b.Data[display.MIMESVG].(string)
		wellFormed(t, svg)
		text := svgText(svg)
		for _, w := range v.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: SVG lacks %q", name, w)
			}
		}
	}
}

// An axis reduction generates each chunk of its input once, block by
// block, and computes nothing else.
func TestAxisFusion(t *testing.T) {
	type key struct {
		id    int64
		chunk int
	}
	var mu sync.Mutex
	gen := map[key]int{}
	testHooks.gen = func(nd *node, chunk, n int) {
		mu.Lock()
		gen[key{nd.id, chunk}] += n
		mu.Unlock()
	}
	defer func() { testHooks.gen = nil }()
	const r, c = 300, 70
	x := Random(1, r*c, Chunks(2000)).Reshape(r, c) // chunks of 28 rows
	for _, axis := range []int{0, 1} {
		gen = map[key]int{}
		if _, err := x.Mul(x).Add(1).SumAxis(axis).Compute(Workers(3)); err != nil {
			t.Fatal(err)
		}
		if len(gen) != x.NumChunks() {
			t.Fatalf("axis %d: generated %d (node, chunk) pairs, want %d", axis, len(gen), x.NumChunks())
		}
		for k, got := range gen {
			if want := min(1960, r*c-k.chunk*1960); got != want {
				t.Fatalf("axis %d: chunk %d generated %d elements, want %d", axis, k.chunk, got, want)
			}
		}
	}
}

// Memory stays at a few blocks per worker, and the result, whatever the
// size of the chunks.
func TestAxisMemory(t *testing.T) {
	for _, c := range []struct {
		name  string
		f     func() error
		limit uint64
	}{
		{"SumAxis(0) of (50000, 1000)", func() error {
			s, err := Arange(50_000_000, Chunks(1<<24)).Reshape(-1, 1000).SumAxis(0).Compute(Workers(2))
			if err == nil && s.Int64s()[999] != 999*50000+1000*(50000*49999/2) {
				err = fmt.Errorf("column 999: %d", s.Int64s()[999])
			}
			return err
		}, 1 << 20},
		{"MeanAxis(1) of (50000, 1000)", func() error {
			_, err := Random(1, 50_000_000, Chunks(1<<24)).Reshape(-1, 1000).Mul(2).MeanAxis(1).Compute(Workers(2))
			return err
		}, 2 << 20},
		{"SumAxis(0) of (1000, 50000) chained", func() error {
			_, err := Random(1, 50_000_000, Chunks(1<<24)).Reshape(-1, 50_000).SumAxis(0).Sum().Compute(Workers(2))
			return err
		}, 4 << 20},
	} {
		var err error
		d := allocDelta(func() { err = c.f() })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		t.Logf("%s: %d bytes allocated", c.name, d)
		if d > c.limit {
			t.Errorf("%s allocated %d bytes, more than %d", c.name, d, c.limit)
		}
	}
}

// Long axis reductions stop within a second when cancelled, by the
// Context option or an interrupt of the cell.
func TestAxisCancel(t *testing.T) {
	long := map[string]func(ctx context.Context) error{
		"axis 0": func(ctx context.Context) error {
			_, err := Random(1, 1<<36, Chunks(1<<22)).Reshape(-1, 1<<16).SumAxis(0).Compute(Context(ctx), Progress(false))
			return err
		},
		"axis 1": func(ctx context.Context) error {
			_, err := Random(1, 1<<36, Chunks(1<<22)).Reshape(1<<20, -1).MaxAxis(1).Compute(Context(ctx), Progress(false))
			return err
		},
		"axis 0 one row per chunk": func(ctx context.Context) error {
			_, err := Random(1, 1<<36, Chunks(1<<14)).Reshape(-1, 1<<14).MeanAxis(0).Compute(Context(ctx), Progress(false), Workers(4))
			return err
		},
		"chained": func(ctx context.Context) error {
			_, err := Normal(1, 0, 1, 1<<36, Chunks(1<<22)).Reshape(-1, 1<<10).SumAxis(0).Mul(2).Sum().Compute(Context(ctx), Progress(false))
			return err
		},
	}
	stopsWhenCancelled(t, long)

	// An interrupt of the cell stops it too.
	stopsWhenInterrupted(t, func() error {
		_, err := Random(1, 1<<36, Chunks(1<<22)).Reshape(-1, 1<<12).SumAxis(0).Compute(Progress(false))
		return err
	})
	if s, err := Arange(12).Reshape(3, 4).SumAxis(1).Sum().ComputeInt(); err != nil || s != 66 {
		t.Fatalf("after the interrupt: %v, %v", s, err)
	}
}

// A long axis reduction shows the progress bar of its chunks.
func TestAxisProgress(t *testing.T) {
	out := progresstest.Terminal(t, &progressConfig, 30*time.Millisecond)
	x := Normal(1, 0, 1, 6_000_000, Chunks(200_000)).Reshape(-1, 1000)
	if _, err := x.SumAxis(0).Compute(Workers(1)); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.HasPrefix(s, "\r[") || !strings.Contains(s, "] 100% 30/30 chunks ") {
		t.Fatalf("terminal bar %q", s)
	}
}
