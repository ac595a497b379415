package plot

import (
	"encoding/base64"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"path/filepath"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ImagePlot is a 2-D array drawn as an image, each element a cell coloured
// by a colormap, as matplotlib's imshow. Its methods change it and return
// it, so calls chain; showing it (display.Show, or as a cell's value)
// draws it. Make one with Image.
type ImagePlot struct {
	vals       []float64 // row-major copy of the values
	rows, cols int

	title, xlabel, ylabel string
	colormap              string
	extent                *[4]float64 // x0, x1, y0, y1; nil for the element indices
	lower                 bool
	autoAspect            bool
	vrange                *[2]float64 // vmin, vmax; nil for the values' own
	colorbar              bool
	colorbarLabel         string
	width, height         float64 // inches
	svg                   bool
}

// Image makes an image of values, a 2-D array of rows and columns: an
// *np.Array of shape (rows, cols), a [][]float64, or rows of any other
// integers or floats. Element [i][j] is the cell in row i, column j,
// coloured by the viridis colormap from the smallest value to the
// largest; NaN and infinite values are left transparent. By default row 0
// is at the top, the axes count columns and rows, and the image is 6×5
// inches, shown as PNG. As the lesson's
//
//	ax.imshow(result**(1/3), origin='lower', extent=(x0, x1, y0, y1))
//
// in Go:
//
//	plot.Image(result.Pow(1.0/3)).Origin("lower").Extent(x0, x1, y0, y1)
//
// The values are copied: changing the array afterwards does not change
// the image.
func Image(values any) *ImagePlot {
	vals, rows, cols := matrix("Image", values)
	return &ImagePlot{vals: vals, rows: rows, cols: cols, colormap: "viridis", width: 6, height: 5}
}

// Title sets the image's title.
func (p *ImagePlot) Title(title string) *ImagePlot { p.title = title; return p }

// XLabel sets the label of the x axis.
func (p *ImagePlot) XLabel(label string) *ImagePlot { p.xlabel = label; return p }

// YLabel sets the label of the y axis.
func (p *ImagePlot) YLabel(label string) *ImagePlot { p.ylabel = label; return p }

// Colormap sets the colours, matplotlib's cmap, by name: "viridis" (the
// default), "magma", "inferno" or "gray" (black to white; also "grey"),
// and any of them with "_r" appended, reversed.
func (p *ImagePlot) Colormap(name string) *ImagePlot {
	if _, ok := lookupColormap(name); !ok {
		fail(fmt.Sprintf("Colormap(%q)", name), "there is no colormap %q: use one of %s, or one of them with _r appended for the colours reversed",
			name, strings.Join(colormapNames(), ", "))
	}
	p.colormap = name
	return p
}

// Extent places the image on the axes in data coordinates, as
// matplotlib's extent=(x0, x1, y0, y1): its left edge at x = x0, its right
// edge at x1, its bottom at y = y0 and its top at y1. By default the axes
// count columns and rows, each cell one unit wide centred on its index.
// With x0 > x1 (or y0 > y1) that axis runs the other way.
func (p *ImagePlot) Extent(x0, x1, y0, y1 float64) *ImagePlot {
	const op = "Extent"
	for _, v := range []float64{x0, x1, y0, y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			fail(op, "the extent (%g, %g, %g, %g) must be finite numbers", x0, x1, y0, y1)
		}
	}
	if x0 == x1 || y0 == y1 {
		fail(op, "the extent (%g, %g, %g, %g) is empty: give x0 ≠ x1 and y0 ≠ y1 (left, right, bottom, top)", x0, x1, y0, y1)
	}
	p.extent = &[4]float64{x0, x1, y0, y1}
	return p
}

// Origin says where row 0 of the array goes: "upper" (the default, as an
// image file, and matplotlib's) puts it at the top, "lower" at the bottom,
// as a plot of y against x, where y grows upward.
func (p *ImagePlot) Origin(origin string) *ImagePlot {
	switch strings.ToLower(origin) {
	case "upper":
		p.lower = false
	case "lower":
		p.lower = true
	default:
		fail(fmt.Sprintf("Origin(%q)", origin), `the origin is "upper" (row 0 at the top) or "lower" (row 0 at the bottom)`)
	}
	return p
}

// Aspect says how the image fills the figure: "equal" (the default, as
// matplotlib's imshow) keeps one unit as long on the x axis as on the y
// axis, so that square cells stay square; "auto" stretches the image to
// fill the figure, for a heat map whose axes measure different things.
func (p *ImagePlot) Aspect(aspect string) *ImagePlot {
	switch strings.ToLower(aspect) {
	case "equal":
		p.autoAspect = false
	case "auto":
		p.autoAspect = true
	default:
		fail(fmt.Sprintf("Aspect(%q)", aspect), `the aspect is "equal" (one unit as long on both axes) or "auto" (fill the figure)`)
	}
	return p
}

// Range sets the values the colormap's ends stand for, matplotlib's vmin
// and vmax: values below vmin get the first colour, values above vmax the
// last. By default they are the smallest and the largest finite value.
func (p *ImagePlot) Range(vmin, vmax float64) *ImagePlot {
	if !(vmin < vmax) || math.IsInf(vmin, 0) || math.IsInf(vmax, 0) {
		fail("Range", "vmin %g must be less than vmax %g, both finite", vmin, vmax)
	}
	p.vrange = &[2]float64{vmin, vmax}
	return p
}

// Colorbar adds a colour bar at the right of the image, the scale from
// values to colours, with a label (which may be empty) along it.
func (p *ImagePlot) Colorbar(label string) *ImagePlot {
	p.colorbar, p.colorbarLabel = true, label
	return p
}

// Size sets the size of the figure in inches; PNG has DPI pixels per inch.
// Unless Aspect is "auto", the image keeps its proportions within it,
// leaving space at the sides or above and below.
func (p *ImagePlot) Size(width, height float64) *ImagePlot {
	if !(width > 0 && height > 0 && width <= 100 && height <= 100) {
		fail("Size", "the size must be between 0 and 100 inches each way, not %g×%g", width, height)
	}
	p.width, p.height = width, height
	return p
}

// SVG makes the image show as SVG (the array embedded as a picture, with
// text and axes that stay sharp when zoomed) rather than PNG.
func (p *ImagePlot) SVG() *ImagePlot { p.svg = true; return p }

// PNG makes the image show as PNG, the default.
func (p *ImagePlot) PNG() *ImagePlot { p.svg = false; return p }

// String is the text form of the image, "<image 256×256: title>".
func (p *ImagePlot) String() string {
	s := fmt.Sprintf("<image %d×%d", p.rows, p.cols)
	if p.title != "" {
		s += ": " + p.title
	}
	return s + ">"
}

// MIMEBundle draws the image: "image/png" (base64) or "image/svg+xml",
// with String as "text/plain".
func (p *ImagePlot) MIMEBundle() map[string]any {
	if p.svg {
		return map[string]any{"image/svg+xml": string(renderSVG("SVG", p.width, p.height, p.draw)), "text/plain": p.String()}
	}
	return map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(renderPNG("PNG", p.width, p.height, png.BestSpeed, p.draw)),
		"text/plain": p.String(),
	}
}

// Save writes the image to a file whose extension says the format: .png
// and .svg as shown in the notebook, or .pdf, .eps, .jpg, .jpeg, .tif,
// .tiff.
func (p *ImagePlot) Save(filename string) error {
	switch ext := strings.ToLower(filepath.Ext(filename)); ext {
	case ".png":
		return writeFile(filename, renderPNG("PNG", p.width, p.height, png.BestSpeed, p.draw))
	case ".svg":
		return writeFile(filename, renderSVG("SVG", p.width, p.height, p.draw))
	default:
		return saveFormatted(filename, strings.TrimPrefix(ext, "."), p.width, p.height, p.draw)
	}
}

// bounds is the extent, by default the cells' indices (row 0 at the top
// or at the bottom as the origin says).
func (p *ImagePlot) bounds() (x0, x1, y0, y1 float64) {
	if p.extent != nil {
		return p.extent[0], p.extent[1], p.extent[2], p.extent[3]
	}
	x0, x1 = -0.5, float64(p.cols)-0.5
	y0, y1 = float64(p.rows)-0.5, -0.5
	if p.lower {
		y0, y1 = y1, y0
	}
	return x0, x1, y0, y1
}

// limits is the range of values the colormap spans.
func (p *ImagePlot) limits() (vmin, vmax float64) {
	if p.vrange != nil {
		return p.vrange[0], p.vrange[1]
	}
	vmin, vmax = math.Inf(1), math.Inf(-1)
	for _, v := range p.vals {
		if v < vmin && !math.IsInf(v, -1) {
			vmin = v
		}
		if v > vmax && !math.IsInf(v, 1) {
			vmax = v
		}
	}
	if vmin > vmax { // no finite value
		return 0, 1
	}
	return vmin, vmax
}

// draw draws the image, its axes and its colour bar on c.
func (p *ImagePlot) draw(c draw.Canvas, dpi float64) {
	x0, x1, y0, y1 := p.bounds()
	vmin, vmax := p.limits()
	stops, _ := lookupColormap(p.colormap)
	colours := newLUT(stops)

	g := styledPlot(p.title, p.xlabel, p.ylabel)
	g.Add(&raster{
		vals: p.vals, rows: p.rows, cols: p.cols, lower: p.lower,
		colours: colours, vmin: vmin, vmax: vmax,
		x0: x0, x1: x1, y0: y0, y1: y1, dpi: dpi,
	})
	orient(&g.X, x0, x1)
	orient(&g.Y, y0, y1)
	widthIn, heightIn := p.width-1, p.height-1
	if p.colorbar {
		widthIn -= 1
	}
	indices := p.extent == nil
	g.X.Tick.Marker = linearTicks{max: min(max(int(widthIn/0.8), 3), 8), integer: indices}
	g.Y.Tick.Marker = linearTicks{max: min(max(int(heightIn/0.6), 3), 10), integer: indices}

	// White behind everything (gonum fills only the axes' canvas), and a
	// margin at the edges, as matplotlib leaves.
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, figureMargin, -figureMargin, figureMargin, -figureMargin)
	g.BackgroundColor = nil

	axes := c
	var bar colorbar
	if p.colorbar {
		bar = newColorbar(g, colours, vmin, vmax, p.colorbarLabel, min(max(int(heightIn/0.5), 3), 8))
		axes = draw.Crop(c, 0, -bar.width(), 0, 0)
	}
	if !p.autoAspect {
		axes = equalAspect(g, axes, math.Abs(x1-x0), math.Abs(y1-y0))
	}
	g.Draw(axes)
	area := g.DataCanvas(axes).Rectangle
	frame(c, area, g.X.LineStyle)
	if p.colorbar {
		bar.draw(c, area, dpi)
	}
}

// figureMargin is the blank border around an image's figure.
var figureMargin = vg.Points(5)

// orient sets an axis to run from the value from to the value to: left to
// right (bottom to top) when from < to, the other way when from > to.
func orient(a *gplot.Axis, from, to float64) {
	a.Min, a.Max = min(from, to), max(from, to)
	if from > to {
		a.Scale = gplot.InvertedScale{Normalizer: gplot.LinearScale{}}
	}
}

// equalAspect crops canvas c, centred, so that g's data area has the
// extent's proportions, dx wide and dy high: one unit is as long on both
// axes, and cells are square when their extent makes them so.
func equalAspect(g *gplot.Plot, c draw.Canvas, dx, dy float64) draw.Canvas {
	area := g.DataCanvas(c).Rectangle.Size()
	if area.X <= 0 || area.Y <= 0 {
		return c // too small a figure for the axes: draw what fits
	}
	ratio := vg.Length(dy / dx)
	if want := area.X * ratio; want < area.Y {
		cut := (area.Y - want) / 2
		return draw.Crop(c, 0, 0, cut, -cut)
	}
	cut := (area.X - area.Y/ratio) / 2
	return draw.Crop(c, cut, -cut, 0, 0)
}

// frame draws a rectangle around the data area, as matplotlib's spines.
func frame(c draw.Canvas, r vg.Rectangle, sty draw.LineStyle) {
	c.StrokeLines(sty, []vg.Point{
		r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min,
	})
}
