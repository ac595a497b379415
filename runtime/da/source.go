package da

import (
	"math"
	"sync/atomic"

	"gopar/runtime/np"
)

// source generates the chunks of a graph's leaf: arange, random numbers, an
// eager array's data. Each worker makes its own gen with newGen.
type source interface {
	name() string
	newGen() gen
}

// gen is one worker's generator of a source. For each chunk it runs, the
// worker calls reset, then fill for consecutive blocks of the chunk: each
// fill call continues where the previous one stopped. Only the fill method
// of the source's dtype is called.
type gen interface {
	reset(chunk, lo int)
	fillF(dst []float64)
	fillI(dst []int64)
	fillB(dst []bool)
}

// directSource is a source that computes a reduction of the index range
// [lo, hi) without materialising it, block or chunk: the generator and the
// reduction fused in one loop. It returns false when stop was set.
type directSource interface {
	direct(r redOp, lo, hi int, stop *atomic.Bool) (partial, bool)
}

// squareGen is a gen that can fill a block with the squares of its
// values in one pass.
type squareGen interface {
	fillSquareF(dst []float64)
}

// noFill supplies the fill methods a gen does not use.
type noFill struct{}

func (noFill) fillF([]float64) { panic("da: internal error: fillF on a non-float64 source") }
func (noFill) fillI([]int64)   { panic("da: internal error: fillI on a non-int64 source") }
func (noFill) fillB([]bool)    { panic("da: internal error: fillB on a non-bool source") }

// ---- arange

type arangeSource struct{}

func (arangeSource) name() string { return "arange" }
func (arangeSource) newGen() gen  { return &arangeGen{} }

type arangeGen struct {
	noFill
	pos int64
}

func (g *arangeGen) reset(_, lo int) { g.pos = int64(lo) }

func (g *arangeGen) fillI(dst []int64) {
	p := g.pos
	for i := range dst {
		dst[i] = p + int64(i)
	}
	g.pos += int64(len(dst))
}

// directStep is how many elements a direct reduction handles between two
// looks at the stop flag (some 10 µs of work).
const directStep = 1 << 16

func (arangeSource) direct(r redOp, lo, hi int, stop *atomic.Bool) (partial, bool) {
	p := identity(r, np.Int64)
	for a := lo; a < hi; a += directStep {
		if stop.Load() {
			return p, false
		}
		b := min(a+directStep, hi)
		switch r {
		case redSum, redMean:
			p.i += sumRange(int64(a), int64(b))
		case redCount:
			p.i += countRange(int64(a), int64(b))
		case redMin:
			p.i = min(p.i, minRange(int64(a), int64(b)))
		case redMax:
			p.i = max(p.i, maxRange(int64(a), int64(b)))
		}
	}
	return p, true
}

// sumRange is lo + (lo+1) + ... + (hi-1), added up one by one: the fused
// arange-and-sum kernel, with eight accumulators to keep the CPU busy.
func sumRange(lo, hi int64) int64 {
	var s0, s1, s2, s3, s4, s5, s6, s7 int64
	i := lo
	for ; i+8 <= hi; i += 8 {
		s0 += i
		s1 += i + 1
		s2 += i + 2
		s3 += i + 3
		s4 += i + 4
		s5 += i + 5
		s6 += i + 6
		s7 += i + 7
	}
	for ; i < hi; i++ {
		s0 += i
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}

func countRange(lo, hi int64) int64 {
	var c int64
	for i := lo; i < hi; i++ {
		c += b2i(i != 0)
	}
	return c
}

func minRange(lo, hi int64) int64 {
	m := int64(math.MaxInt64)
	for i := lo; i < hi; i++ {
		m = min(m, i)
	}
	return m
}

func maxRange(lo, hi int64) int64 {
	m := int64(math.MinInt64)
	for i := lo; i < hi; i++ {
		m = max(m, i)
	}
	return m
}

// ---- zeros, ones

type fullSource struct {
	v     float64
	label string
}

func (s fullSource) name() string { return s.label }
func (s fullSource) newGen() gen  { return &fullGen{v: s.v} }

type fullGen struct {
	noFill
	v float64
}

func (g *fullGen) reset(int, int) {}

func (g *fullGen) fillF(dst []float64) {
	for i := range dst {
		dst[i] = g.v
	}
}

// ---- linspace

type linspaceSource struct {
	start, stop, step float64
	n                 int
}

func (linspaceSource) name() string  { return "linspace" }
func (s linspaceSource) newGen() gen { return &linspaceGen{s: s} }

type linspaceGen struct {
	noFill
	s   linspaceSource
	pos int
}

func (g *linspaceGen) reset(_, lo int) { g.pos = lo }

// fillF computes start + i*step as numpy does, with the last value exactly
// stop.
func (g *linspaceGen) fillF(dst []float64) {
	s := g.s
	for i := range dst {
		dst[i] = float64(g.pos+i)*s.step + s.start
	}
	if g.pos+len(dst) == s.n && s.n > 1 {
		dst[len(dst)-1] = s.stop
	}
	g.pos += len(dst)
}

// ---- random numbers

type randKind int

const (
	randUniform randKind = iota // a + (b-a)*u
	randNormal                  // mean a, standard deviation b
)

type randomSource struct {
	seed uint64
	kind randKind
	a, b float64
}

func (s *randomSource) name() string {
	if s.kind == randNormal {
		return "normal"
	}
	if s.a == 0 && s.b == 1 {
		return "random"
	}
	return "uniform"
}

func (s *randomSource) newGen() gen { return &randomGen{s: s} }

type randomGen struct {
	noFill
	s *randomSource
	g pcg
}

func (g *randomGen) reset(c, _ int) {
	g.g.seed(g.s.seed, c)
}

func (g *randomGen) fillF(dst []float64) {
	g.g.fillUnit(dst, false)
	s := g.s
	switch {
	case s.kind == randNormal:
		normalFromUnit(dst, s.a, s.b, &g.g)
	case s.a != 0 || s.b != 1:
		lo, w := s.a, s.b-s.a
		for i, u := range dst {
			dst[i] = lo + w*u
		}
	}
}

// fillSquareF fills dst with the squares of the next values: the generator
// fused with a following Pow(2).
func (g *randomGen) fillSquareF(dst []float64) {
	if s := g.s; s.kind == randUniform && s.a == 0 && s.b == 1 {
		g.g.fillUnit(dst, true)
		return
	}
	g.fillF(dst)
	powF(dst, dst, 2)
}

// normalFromUnit turns pairs of uniform values in dst into pairs of normal
// values (the Box-Muller transform). An odd last value takes one more
// uniform value from g as its partner.
func normalFromUnit(dst []float64, mean, std float64, g *pcg) {
	i := 0
	for ; i+2 <= len(dst); i += 2 {
		r := math.Sqrt(-2 * math.Log(1-dst[i]))
		sin, cos := math.Sincos(2 * math.Pi * dst[i+1])
		dst[i] = mean + std*r*cos
		dst[i+1] = mean + std*r*sin
	}
	if i < len(dst) {
		r := math.Sqrt(-2 * math.Log(1-dst[i]))
		dst[i] = mean + std*r*math.Cos(2*math.Pi*unit(g.next()))
	}
}

// ---- data of an eager array

type sliceSource struct {
	f     []float64
	i     []int64
	b     []bool
	label string // the name in graphs, "from-np" when empty
}

func (s *sliceSource) name() string {
	if s.label != "" {
		return s.label
	}
	return "from-np"
}
func (s *sliceSource) newGen() gen { return &sliceGen{s: s} }

type sliceGen struct {
	s   *sliceSource
	pos int
}

func (g *sliceGen) reset(_, lo int) { g.pos = lo }

func (g *sliceGen) fillF(dst []float64) { g.pos += copy(dst, g.s.f[g.pos:]) }
func (g *sliceGen) fillI(dst []int64)   { g.pos += copy(dst, g.s.i[g.pos:]) }
func (g *sliceGen) fillB(dst []bool)    { g.pos += copy(dst, g.s.b[g.pos:]) }
