package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// logTicks marks a log axis at the powers of ten, with unlabelled ticks
// at their multiples. An axis that spans less than a decade or two, such
// as a speed-up from 1 to 8, also labels the 2s and 5s, or every tick,
// so that it has at least two labels: gonum's LogTicks would label only
// the powers of ten.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []gplot.Tick {
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	var ticks []gplot.Tick
	var mantissas []int
	for e := lo; e <= hi; e++ {
		for m := 1; m <= 9; m++ {
			v := float64(m) * math.Pow(10, e)
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			ticks = append(ticks, gplot.Tick{Value: v})
			mantissas = append(mantissas, m)
		}
	}
	label := func(keep func(m int) bool) int {
		n := 0
		for i := range ticks {
			if keep(mantissas[i]) {
				ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', 6, 64)
			}
			if ticks[i].Label != "" {
				n++
			}
		}
		return n
	}
	if label(func(m int) bool { return m == 1 }) < 2 &&
		label(func(m int) bool { return m == 2 || m == 5 }) < 2 {
		label(func(int) bool { return true })
	}
	return ticks
}

// placeLegend puts the legend in the corner of the data area that hides
// the fewest points, trying them in matplotlib's order for loc="best":
// upper right, upper left, lower left, lower right.
func (p *Plot) placeLegend(g *gplot.Plot, w, h vg.Length) {
	var names []string
	for _, s := range p.series {
		if s.name != "" {
			names = append(names, s.name)
		}
	}
	if len(names) == 0 {
		return
	}
	// The legend's size as a fraction of the data area, which is about
	// the image less an inch across and three quarters down for the axes.
	sty := g.Legend.TextStyle
	var textW vg.Length
	for _, n := range names {
		textW = max(textW, sty.Width(" "+n))
	}
	inset := vg.Points(8)
	areaW, areaH := max(w-vg.Inch, w/2), max(h-0.75*vg.Inch, h/2)
	lw := float64((g.Legend.ThumbnailWidth + textW + inset) / areaW)
	lh := float64((vg.Length(len(names))*sty.Height("Mg") + inset) / areaH)

	pts := p.samples()
	corners := []struct{ top, left bool }{{true, false}, {true, true}, {false, true}, {false, false}}
	best, fewest := 0, math.MaxInt
	for i, c := range corners {
		x0, y0 := 1-lw, 1-lh
		if c.left {
			x0 = 0
		}
		if !c.top {
			y0 = 0
		}
		n := 0
		for _, pt := range pts {
			if pt[0] >= x0 && pt[0] <= x0+lw && pt[1] >= y0 && pt[1] <= y0+lh {
				n++
			}
		}
		if n < fewest {
			best, fewest = i, n
		}
	}
	c := corners[best]
	g.Legend.Top, g.Legend.Left = c.top, c.left
	g.Legend.XOffs, g.Legend.YOffs = -inset, -inset/2
	if c.left {
		g.Legend.XOffs = inset
	}
	if !c.top {
		g.Legend.YOffs = inset
	}
}

// samples are points along everything drawn, scaled to [0, 1] within the
// data's range: the points of lines and scatters, points along the lines'
// segments, and points inside bars.
func (p *Plot) samples() [][2]float64 {
	var raw [][2]float64
	for _, s := range p.series {
		switch s.kind {
		case barKind:
			for i, y := range s.ys {
				for dx := -0.4; dx <= 0.4; dx += 0.2 {
					for f := 0.0; f <= 1; f += 0.1 {
						raw = append(raw, [2]float64{float64(i) + dx, y * f})
					}
				}
			}
		default:
			for i := range s.xs {
				raw = append(raw, [2]float64{s.xs[i], s.ys[i]})
				if s.kind == lineKind && i+1 < len(s.xs) {
					for f := 0.05; f < 1; f += 0.05 {
						raw = append(raw, [2]float64{
							s.xs[i] + f*(s.xs[i+1]-s.xs[i]),
							s.ys[i] + f*(s.ys[i+1]-s.ys[i]),
						})
					}
				}
			}
		}
	}
	lo := [2]float64{math.Inf(1), math.Inf(1)}
	hi := [2]float64{math.Inf(-1), math.Inf(-1)}
	logs := [2]bool{p.logX, p.logY}
	for i := range raw {
		for a := range 2 {
			if logs[a] {
				raw[i][a] = math.Log10(raw[i][a])
			}
			lo[a], hi[a] = min(lo[a], raw[i][a]), max(hi[a], raw[i][a])
		}
	}
	for i := range raw {
		for a := range 2 {
			if hi[a] > lo[a] {
				raw[i][a] = (raw[i][a] - lo[a]) / (hi[a] - lo[a])
			} else {
				raw[i][a] = 0.5
			}
		}
	}
	return raw
}

// linearTicks labels "nice" values, steps of 1, 2, 2.5 or 5 times a power
// of ten, as many as fit in at most max labels (matplotlib's MaxNLocator;
// gonum's DefaultTicks labels only about three). An integer axis, such as
// a number of workers, gets whole steps only.
type linearTicks struct {
	max     int
	integer bool
}

func (t linearTicks) Ticks(lo, hi float64) []gplot.Tick {
	span := hi - lo
	if !(span > 0) {
		return []gplot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
	}
	var step float64
	decimals := 0
	for e := math.Floor(math.Log10(span / float64(t.max))); ; e++ {
		found := false
		for _, m := range []float64{1, 2, 2.5, 5} {
			step = m * math.Pow(10, e)
			if t.integer && (step < 1 || m == 2.5 && e == 0) {
				continue
			}
			if math.Floor(hi/step)-math.Ceil(lo/step)+1 <= float64(t.max) {
				decimals = max(0, int(-e))
				if m == 2.5 {
					decimals++
				}
				found = true
				break
			}
		}
		if found {
			break
		}
	}
	big := max(math.Abs(lo), math.Abs(hi)) >= 1e6 || decimals > 4
	var ticks []gplot.Tick
	for k := math.Ceil(lo / step); k*step <= hi*(1+1e-12); k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		label := strconv.FormatFloat(v, 'f', decimals, 64)
		if big {
			label = strconv.FormatFloat(v, 'g', 6, 64)
		}
		ticks = append(ticks, gplot.Tick{Value: v, Label: label})
	}
	return ticks
}

// margins widens an axis by 5% of its range at each end, as matplotlib
// does, so that lines do not run along the frame; a log axis by 5% of its
// decades. sticky0 keeps a minimum of 0 where bars stand.
func margins(a *gplot.Axis, log, sticky0 bool) {
	lo, hi := a.Min, a.Max
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return // nothing drawn: gonum picks a range
	}
	if log {
		llo, lhi := math.Log10(lo), math.Log10(hi)
		pad := 0.05 * (lhi - llo)
		if pad == 0 {
			pad = 0.5
		}
		a.Min, a.Max = math.Pow(10, llo-pad), math.Pow(10, lhi+pad)
		return
	}
	pad := 0.05 * (hi - lo)
	if pad == 0 {
		pad = max(0.05*math.Abs(lo), 0.5)
	}
	a.Min, a.Max = lo-pad, hi+pad
	if sticky0 && lo == 0 {
		a.Min = 0
	}
}
