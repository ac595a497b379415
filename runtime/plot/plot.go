// Package plot draws line, scatter and bar charts and images of 2-D
// arrays in notebook cells, and holds small tables of results (the pandas
// DataFrame of a benchmark: n against time) that show as HTML and plot
// themselves.
//
// A *Plot is built with chained calls and shows itself inline, as PNG by
// default or as SVG:
//
//	p := plot.New("Memory use").XLabel("time step").YLabel("MiB")
//	p.Line("numpy", nil, memNumpy) // nil xs: 0, 1, 2, …
//	p.Line("dask", nil, memDask)
//	display.Show(p)
//
// Numbers may come as []float64, []int, []int64 or any other slice of
// integers or floats, as []time.Duration (plotted in seconds), or as any
// value with a Float64s() []float64 method such as an np.Array.
//
// Mistakes (lengths that differ, a log axis given zero, a missing table
// column) panic with an *Error saying what is wrong and what to do: in a
// notebook the panic ends the cell with that message, and chained calls
// stay short.
//
// An *ImagePlot shows a 2-D array (an np.Array of shape (rows, cols), or
// a [][]float64) as an image, each element a cell coloured by a colormap
// (viridis, magma, inferno, gray), with an optional colour bar, as
// matplotlib's imshow:
//
//	plot.Image(result.Pow(1.0/3)).Origin("lower").Extent(x0, x1, y0, y1).Colorbar("")
//
// A *Diagram is a dependency diagram (functions as circles, values as
// boxes, arrows from inputs to the steps that use them), laid out left to
// right and shown as SVG:
//
//	d := plot.NewDiagram("pea soup")
//	d.Func("peas", "add_peas").Data("pan", "").Func("simmer", "simmer")
//	d.Chain("peas", "pan", "simmer")
//
// Drawing of charts is done by gonum.org/v1/plot.
package plot

import (
	"encoding/base64"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Error is what this package panics with when a plot or table is misused.
type Error struct {
	Op  string // the call, e.g. `Line("eager")`
	Msg string // what is wrong, and what to do about it
}

func (e *Error) Error() string { return "plot." + e.Op + ": " + e.Msg }

func fail(op, format string, args ...any) {
	panic(&Error{Op: op, Msg: fmt.Sprintf(format, args...)})
}

// DPI is the resolution of PNG output: a 6×4 inch plot is 600×400 pixels.
const DPI = 100

type kind int

const (
	lineKind kind = iota
	scatterKind
	barKind
)

func (k kind) String() string {
	return [...]string{"Line", "Scatter", "Bar"}[k]
}

type series struct {
	kind   kind
	name   string
	xs, ys []float64
	labels []string // the bars' categories
}

// Plot is a chart under construction. Its methods change it and return it,
// so calls chain; showing it (display.Show, or as a cell's value) draws it.
// The zero value is not usable: make one with New.
type Plot struct {
	title, xlabel, ylabel string
	series                []series
	logX, logY            bool
	width, height         float64 // inches
	svg                   bool
}

// New starts a plot with the given title (which may be empty), 6×4
// inches, shown as PNG.
func New(title string) *Plot {
	return &Plot{title: title, width: 6, height: 4}
}

// XLabel sets the label of the x axis.
func (p *Plot) XLabel(label string) *Plot { p.xlabel = label; return p }

// YLabel sets the label of the y axis.
func (p *Plot) YLabel(label string) *Plot { p.ylabel = label; return p }

// Title sets the plot's title.
func (p *Plot) Title(title string) *Plot { p.title = title; return p }

// Size sets the size of the image in inches; PNG has DPI pixels per inch.
func (p *Plot) Size(width, height float64) *Plot {
	if !(width > 0 && height > 0 && width <= 100 && height <= 100) {
		fail("Size", "the size must be between 0 and 100 inches each way, not %g×%g", width, height)
	}
	p.width, p.height = width, height
	return p
}

// SVG makes the plot show as SVG, which stays sharp when zoomed, rather
// than PNG.
func (p *Plot) SVG() *Plot { p.svg = true; return p }

// PNG makes the plot show as PNG, the default.
func (p *Plot) PNG() *Plot { p.svg = false; return p }

// LogX makes the x axis logarithmic. Every x must then be positive.
func (p *Plot) LogX() *Plot {
	p.checkLog("LogX", p.series, true, false)
	p.logX = true
	return p
}

// LogY makes the y axis logarithmic. Every y must then be positive.
func (p *Plot) LogY() *Plot {
	p.checkLog("LogY", p.series, false, true)
	p.logY = true
	return p
}

// Line adds a line through the points (xs[i], ys[i]). A nil xs stands
// for 0, 1, 2, …, as matplotlib's plt.plot(ys). A non-empty name puts
// the line in the legend.
func (p *Plot) Line(name string, xs, ys any) *Plot {
	return p.add(lineKind, name, xs, ys)
}

// Scatter adds a dot at each point (xs[i], ys[i]); a nil xs stands for
// 0, 1, 2, …. A non-empty name puts the dots in the legend.
func (p *Plot) Scatter(name string, xs, ys any) *Plot {
	return p.add(scatterKind, name, xs, ys)
}

// Bar adds one bar per label, values[i] high. Several Bar calls with the
// same labels put their bars side by side. The bars stand at x = 0, 1, …,
// where a Line may be drawn over them.
func (p *Plot) Bar(name string, labels []string, values any) *Plot {
	op := fmt.Sprintf("Bar(%q)", name)
	ys := p.values(op, "values", values)
	if len(labels) != len(ys) {
		fail(op, "%s for %s: give one label per bar", count(len(labels), "label"), count(len(ys), "value"))
	}
	for _, s := range p.series {
		if s.kind == barKind && !slices.Equal(s.labels, labels) {
			fail(op, "the labels %q differ from those of the bars %q, %q: bars side by side need the same labels", labels, s.name, s.labels)
		}
	}
	xs := make([]float64, len(ys))
	for i := range xs {
		xs[i] = float64(i)
	}
	s := series{kind: barKind, name: name, xs: xs, ys: ys, labels: append([]string{}, labels...)}
	p.checkLog(op, []series{s}, p.logX, p.logY)
	p.series = append(p.series, s)
	return p
}

// count is "1 value", "2 values".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (p *Plot) add(k kind, name string, xv, yv any) *Plot {
	op := fmt.Sprintf("%v(%q)", k, name)
	ys := p.values(op, "ys", yv)
	var xs []float64
	if xv == nil {
		xs = make([]float64, len(ys))
		for i := range xs {
			xs[i] = float64(i)
		}
	} else {
		xs = p.values(op, "xs", xv)
		if len(xs) != len(ys) {
			fail(op, "xs has %s but ys has %d: give one x for each y", count(len(xs), "value"), len(ys))
		}
	}
	s := series{kind: k, name: name, xs: xs, ys: ys}
	p.checkLog(op, []series{s}, p.logX, p.logY)
	p.series = append(p.series, s)
	return p
}

// values converts one argument of Line, Scatter or Bar, which must be a
// non-empty sequence of finite numbers.
func (p *Plot) values(op, arg string, v any) []float64 {
	xs, ok := floats(v)
	switch {
	case !ok && reflect.ValueOf(v).Kind() == reflect.Struct:
		// Methods of a type declared in a cell are not seen through an
		// interface (a yaegi limit), so its Float64s goes unnoticed.
		fail(op, "%s is a %T: give a []float64, a []int, a []int64 or a value with a Float64s() []float64 method (for a type declared in a notebook cell, pass what its Float64s method returns)", arg, v)
	case !ok:
		fail(op, "%s is a %T: give a []float64, a []int, a []int64 or a value with a Float64s() []float64 method", arg, v)
	case len(xs) == 0:
		fail(op, "%s is empty: there is nothing to draw", arg)
	}
	if i := firstNonFinite(xs); i >= 0 {
		fail(op, "%s[%d] is %v: a plot needs finite numbers, leave that point out", arg, i, xs[i])
	}
	return xs
}

// checkLog panics if one of ss cannot be drawn on the log axes asked for.
func (p *Plot) checkLog(op string, ss []series, logX, logY bool) {
	for _, s := range ss {
		if s.kind == barKind && (logX || logY) {
			fail(op, "bars cannot go on a log axis (they start at 0, and stand at x = 0, 1, …): use Line or Scatter for a log plot")
		}
		for _, c := range []struct {
			on   bool
			axis string
			vals []float64
		}{{logX, "x", s.xs}, {logY, "y", s.ys}} {
			if !c.on {
				continue
			}
			for i, v := range c.vals {
				if v <= 0 {
					fail(op, "%s %q has %s[%d] = %v, which a log %s axis cannot show: keep only positive values, or leave the %s axis linear",
						s.kind, s.name, c.axis+"s", i, v, c.axis, c.axis)
				}
			}
		}
	}
}

// String is the text form of the plot, "<plot: title>".
func (p *Plot) String() string {
	if p.title == "" {
		return "<plot>"
	}
	return "<plot: " + p.title + ">"
}

// MIMEBundle draws the plot: "image/png" (base64) or "image/svg+xml",
// with String as "text/plain".
func (p *Plot) MIMEBundle() map[string]any {
	if p.svg {
		return map[string]any{"image/svg+xml": string(p.svgBytes()), "text/plain": p.String()}
	}
	return map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(p.pngBytes()),
		"text/plain": p.String(),
	}
}

// Save writes the plot to a file whose extension says the format: .png
// and .svg as shown in the notebook, or .pdf, .eps, .jpg, .jpeg, .tif,
// .tiff.
func (p *Plot) Save(filename string) error {
	w, h := vg.Length(p.width)*vg.Inch, vg.Length(p.height)*vg.Inch
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".png":
		return writeFile(filename, p.pngBytes())
	case ".svg":
		return writeFile(filename, p.svgBytes())
	}
	return p.gonum(w, h).Save(w, h, filename)
}

func (p *Plot) pngBytes() []byte {
	return renderPNG("PNG", p.width, p.height, png.DefaultCompression, p.draw)
}

func (p *Plot) svgBytes() []byte {
	return renderSVG("SVG", p.width, p.height, p.draw)
}

// draw draws the plot on c, the whole figure.
func (p *Plot) draw(c draw.Canvas, _ float64) {
	p.gonum(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y).Draw(c)
}

// palette is plotutil's dark colors in matplotlib's order: blue, orange,
// green, red, purple, …, so that figures read like the workshop's.
var palette = []color.Color{
	plotutil.DarkColors[2], plotutil.DarkColors[3], plotutil.DarkColors[1],
	plotutil.DarkColors[0], plotutil.DarkColors[4], plotutil.DarkColors[5],
	plotutil.DarkColors[6],
}

// gonum builds the gonum plot for an image of w×h.
func (p *Plot) gonum(w, h vg.Length) *gplot.Plot {
	g := styledPlot(p.title, p.xlabel, p.ylabel) // margins() leaves room around the data
	// About one label per 0.6 inch, as matplotlib.
	xInt, yInt := p.integers()
	g.X.Tick.Marker = linearTicks{max: min(max(int(p.width/0.6), 3), 10), integer: xInt}
	g.Y.Tick.Marker = linearTicks{max: min(max(int(p.height/0.6), 3), 10), integer: yInt}
	if p.logX {
		g.X.Scale, g.X.Tick.Marker = gplot.LogScale{}, logTicks{}
	}
	if p.logY {
		g.Y.Scale, g.Y.Tick.Marker = gplot.LogScale{}, logTicks{}
	}

	nbars := 0
	for _, s := range p.series {
		if s.kind == barKind {
			nbars++
		}
	}
	bar := 0
	for i, s := range p.series {
		c := palette[i%len(palette)]
		xys := make(plotter.XYs, len(s.xs))
		for j := range s.xs {
			xys[j] = plotter.XY{X: s.xs[j], Y: s.ys[j]}
		}
		var thumb gplot.Thumbnailer
		switch s.kind {
		case lineKind:
			l, err := plotter.NewLine(xys)
			check(err)
			l.Color, l.Width = c, vg.Points(1.5)
			g.Add(l)
			thumb = l
		case scatterKind:
			sc, err := plotter.NewScatter(xys)
			check(err)
			sc.Color, sc.Shape, sc.Radius = c, draw.CircleGlyph{}, vg.Points(2.5)
			g.Add(sc)
			thumb = sc
		case barKind:
			group := barGroupWidth(w, len(s.ys))
			b, err := plotter.NewBarChart(plotter.Values(s.ys), group/vg.Length(nbars))
			check(err)
			b.Color, b.LineStyle.Width = c, 0
			b.Offset = (vg.Length(bar) - vg.Length(nbars-1)/2) * group / vg.Length(nbars)
			bar++
			g.Add(b)
			g.NominalX(s.labels...)
			thumb = b
		}
		if s.name != "" {
			g.Legend.Add(s.name, thumb)
		}
	}
	if nbars > 0 {
		g.Y.Min = math.Min(g.Y.Min, 0) // bars stand on zero
	}
	margins(&g.X, p.logX, false)
	margins(&g.Y, p.logY, nbars > 0)
	p.placeLegend(g, w, h)
	return g
}

// integers reports whether all xs, and all ys, are whole numbers.
func (p *Plot) integers() (xs, ys bool) {
	whole := func(vs []float64) bool {
		for _, v := range vs {
			if v != math.Trunc(v) {
				return false
			}
		}
		return true
	}
	xs, ys = true, true
	for _, s := range p.series {
		xs = xs && whole(s.xs)
		ys = ys && whole(s.ys)
	}
	return xs, ys
}

// barGroupWidth is the width of the bars at one label: 80% of the
// distance between labels, estimating the data area as the image less an
// inch for the axes (gonum sizes bars in points, not in data units).
func barGroupWidth(w vg.Length, n int) vg.Length {
	area := max(w-vg.Inch, w/2)
	return 0.8 * area / vg.Length(float64(n-1)+0.8)
}

func check(err error) {
	if err != nil {
		panic(&Error{Op: "draw", Msg: err.Error()})
	}
}
