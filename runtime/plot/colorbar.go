package plot

import (
	"image"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// colorbar is the scale of an image's colours, drawn at the right of its
// data area as matplotlib's: a bar of the colormap, the values marked on
// its right, and a label along it.
type colorbar struct {
	colours    *lut
	vmin, vmax float64
	ticks      []gplot.Tick
	tickStyle  text.Style
	label      string
	labelStyle text.Style
	line       draw.LineStyle
	tickLength vg.Length
}

var (
	colorbarGap   = vg.Points(12) // between the image and the bar
	colorbarWidth = vg.Points(14)
	colorbarPad   = vg.Points(4) // between a tick and its label, and at the right
)

// newColorbar is the colour bar of values vmin..vmax, styled as g's axes,
// with at most maxTicks values marked.
func newColorbar(g *gplot.Plot, colours *lut, vmin, vmax float64, label string, maxTicks int) colorbar {
	labelStyle := g.Y.Label.TextStyle
	labelStyle.Rotation = math.Pi / 2
	labelStyle.XAlign, labelStyle.YAlign = text.XCenter, text.YTop
	tickStyle := g.Y.Tick.Label
	tickStyle.XAlign, tickStyle.YAlign = text.XLeft, text.YCenter
	var ticks []gplot.Tick
	for _, t := range (linearTicks{max: maxTicks}).Ticks(vmin, vmax) {
		if t.Label != "" && t.Value >= vmin && t.Value <= vmax {
			ticks = append(ticks, t)
		}
	}
	return colorbar{
		colours: colours, vmin: vmin, vmax: vmax, ticks: ticks,
		tickStyle: tickStyle, label: label, labelStyle: labelStyle,
		line: g.Y.LineStyle, tickLength: g.Y.Tick.Length,
	}
}

// width is the room the bar takes at the right of the figure.
func (b colorbar) width() vg.Length {
	var labels vg.Length
	for _, t := range b.ticks {
		labels = max(labels, b.tickStyle.Width(t.Label))
	}
	w := colorbarGap + colorbarWidth + b.tickLength + colorbarPad + labels + colorbarPad
	if b.label != "" {
		w += b.labelStyle.Height(b.label) + colorbarPad
	}
	return w
}

// draw draws the bar beside area, the image's data area on c, with its
// picture at dpi pixels per inch.
func (b colorbar) draw(c draw.Canvas, area vg.Rectangle, dpi float64) {
	rect := vg.Rectangle{
		Min: vg.Point{X: area.Max.X + colorbarGap, Y: area.Min.Y},
		Max: vg.Point{X: area.Max.X + colorbarGap + colorbarWidth, Y: area.Max.Y},
	}
	size := rect.Size()
	w := max(1, int(math.Round(size.X.Dots(dpi))))
	h := max(1, int(math.Round(size.Y.Dots(dpi))))
	pic := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		// Pixel row y shows the value at its centre; the top is vmax.
		k := min(int((1-(float64(y)+0.5)/float64(h))*lutSize), lutSize-1)
		col := b.colours[k]
		row := pic.Pix[y*pic.Stride : y*pic.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			row[x] = uint8(col[0]*255 + 0.5)
			row[x+1] = uint8(col[1]*255 + 0.5)
			row[x+2] = uint8(col[2]*255 + 0.5)
			row[x+3] = 255
		}
	}
	c.DrawImage(rect, pic)
	frame(c, rect, b.line)

	right := rect.Max.X
	var labels vg.Length
	for _, t := range b.ticks {
		y := rect.Min.Y
		if b.vmax > b.vmin {
			y += vg.Length((t.Value-b.vmin)/(b.vmax-b.vmin)) * size.Y
		}
		c.StrokeLine2(b.line, right, y, right+b.tickLength, y)
		c.FillText(b.tickStyle, vg.Point{X: right + b.tickLength + colorbarPad, Y: y}, t.Label)
		labels = max(labels, b.tickStyle.Width(t.Label))
	}
	if b.label != "" {
		x := right + b.tickLength + colorbarPad + labels + colorbarPad
		c.FillText(b.labelStyle, vg.Point{X: x, Y: rect.Min.Y + size.Y/2}, b.label)
	}
}
