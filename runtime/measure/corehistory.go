package measure

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/color"
	"strings"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"gopar/runtime/plot"
)

// CoreHistory is the load of each logical CPU over time, what a system
// monitor draws: Load[c][i] is core c's load in percent over the sample
// that ended Seconds[i] seconds after the start. It shows as a plot of
// every core's load against time.
type CoreHistory struct {
	Names    []string    // the cores: "cpu0", "cpu1", …
	Seconds  []float64   // the end of each sample, from the start
	Load     [][]float64 // per core, per sample, from 0 to 100
	Interval float64     // the seconds asked for between samples
}

// add records the loads of a sample that ended at seconds.
func (h *CoreHistory) add(seconds float64, loads []float64) {
	h.Seconds = append(h.Seconds, seconds)
	for c := range h.Load {
		h.Load[c] = append(h.Load[c], loads[c])
	}
}

// Duration is the time the history covers, in seconds.
func (h *CoreHistory) Duration() float64 {
	if len(h.Seconds) == 0 {
		return 0
	}
	return h.Seconds[len(h.Seconds)-1]
}

// Mean is each core's load over the whole history, in percent: the
// samples weighted by their length.
func (h *CoreHistory) Mean() []float64 {
	means := make([]float64, len(h.Load))
	if h.Duration() <= 0 {
		return means
	}
	for c, loads := range h.Load {
		start, sum := 0.0, 0.0
		for i, l := range loads {
			sum += l * (h.Seconds[i] - start)
			start = h.Seconds[i]
		}
		means[c] = sum / h.Duration()
	}
	return means
}

// Peak is each core's highest load of any sample, in percent.
func (h *CoreHistory) Peak() []float64 {
	peaks := make([]float64, len(h.Load))
	for c, loads := range h.Load {
		for _, l := range loads {
			peaks[c] = max(peaks[c], l)
		}
	}
	return peaks
}

// String sums the history up, one line per core:
//
//	CPU load per core over 1.02 s (10 samples, every 0.1 s):
//	cpu0  mean  97%  peak 100%
func (h *CoreHistory) String() string {
	if len(h.Seconds) == 0 {
		return "CPU load per core: no samples (the run ended before the first)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CPU load per core over %s (%s, every %s):",
		FormatTime(h.Duration(), 3), plural(len(h.Seconds), "sample"), FormatTime(h.Interval, 3))
	width := nameWidth(h.Names)
	mean, peak := h.Mean(), h.Peak()
	for c, name := range h.Names {
		fmt.Fprintf(&b, "\n%-*s  mean %3.0f%%  peak %3.0f%%", width, name, mean[c], peak[c])
	}
	return b.String()
}

func nameWidth(names []string) int {
	w := 0
	for _, n := range names {
		w = max(w, len(n))
	}
	return w
}

// Table is the history as a table, a column of seconds and one of each
// core's load, which plots itself: Table().Plot("seconds", "cpu0").
func (h *CoreHistory) Table() *plot.Table {
	t := plot.NewTable()
	t.AddColumn("seconds", h.Seconds)
	for c, name := range h.Names {
		t.AddColumn(name, h.Load[c])
	}
	return t
}

// MIMEBundle draws the history as PNG, with String as its text form.
func (h *CoreHistory) MIMEBundle() map[string]any {
	if len(h.Seconds) == 0 {
		return map[string]any{"text/plain": h.String()}
	}
	return map[string]any{
		"image/png":  base64.StdEncoding.EncodeToString(h.PNG()),
		"text/plain": h.String(),
	}
}

// coreColors are matplotlib's default colors, which the live view's bars
// share with the plot's lines.
var coreColors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff},
}

func coreColor(c int) color.RGBA { return coreColors[c%len(coreColors)] }

// The plot is small, as a system monitor's: a legend beside it names the
// cores, up to maxLegend of them (more would not fit its height).
const (
	chartWidth, chartHeight = 6 * vg.Inch, 2.5 * vg.Inch
	maxLegend               = 12
)

// PNG draws the history: each core's load, 0 to 100%, against time in
// seconds, one line per core.
func (h *CoreHistory) PNG() []byte {
	c := vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(plot.DPI))
	h.draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		panic(&Error{Op: "CoreHistory.PNG", Msg: "could not encode the image: " + err.Error(), Err: err})
	}
	return buf.Bytes()
}

func (h *CoreHistory) draw(dc draw.Canvas) {
	g := gplot.New()
	g.Title.Text = "CPU load per core"
	if len(h.Names) > maxLegend {
		g.Title.Text = fmt.Sprintf("CPU load of %d cores", len(h.Names))
	}
	g.Title.TextStyle.Font.Variant = "Sans"
	g.Title.TextStyle.Font.Size = 11
	g.X.Label.Text, g.Y.Label.Text = "time (s)", "load (%)"
	for _, a := range []*gplot.Axis{&g.X, &g.Y} {
		a.Label.TextStyle.Font.Variant = "Sans"
		a.Label.TextStyle.Font.Size = 9
		a.Tick.Label.Font.Variant = "Sans"
		a.Tick.Label.Font.Size = 8
	}
	g.X.Min, g.X.Max = 0, max(h.Duration(), h.Interval)
	// A little room above 100%, so that a busy core's line stays visible.
	g.Y.Min, g.Y.Max = 0, 104
	g.Y.Tick.Marker = gplot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25}, {Value: 50, Label: "50"}, {Value: 75}, {Value: 100, Label: "100"}}
	g.Add(plotter.NewGrid())

	legend := gplot.NewLegend()
	legend.TextStyle.Font.Variant = "Sans"
	legend.TextStyle.Font.Size = 8
	legend.Top, legend.Left = true, true
	legend.Padding = vg.Points(3)
	for c, name := range h.Names {
		xys := make(plotter.XYs, len(h.Seconds))
		for i, s := range h.Seconds {
			xys[i] = plotter.XY{X: s, Y: h.Load[c][i]}
		}
		style := draw.LineStyle{Color: coreColor(c), Width: vg.Points(1.5)}
		line := &plotter.Line{XYs: xys, LineStyle: style}
		g.Add(line)
		if len(xys) == 1 { // a line of one point draws nothing
			dot, err := plotter.NewScatter(xys)
			if err == nil {
				dot.GlyphStyle = draw.GlyphStyle{Color: style.Color, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
				g.Add(dot)
			}
		}
		legend.Add(name, line)
	}
	if len(h.Names) > maxLegend {
		g.Draw(dc)
		return
	}
	var textW vg.Length
	for _, n := range h.Names {
		textW = max(textW, legend.TextStyle.Width(n))
	}
	legendW := legend.ThumbnailWidth + textW + vg.Points(12)
	g.Draw(draw.Crop(dc, 0, -legendW, 0, 0))
	legend.Draw(draw.Crop(dc, chartWidth-legendW+vg.Points(6), 0, 0, -vg.Points(20)))
}
