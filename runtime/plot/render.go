package plot

import (
	"bytes"
	"fmt"
	"image/png"
	"os"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Drawing to PNG, SVG and files, shared by plots and images.

// drawFunc draws a figure on c. dpi is the resolution raster images
// should have on c: the pixels per inch of a PNG, or what an embedded
// image needs to stay sharp in a vector format.
type drawFunc func(c draw.Canvas, dpi float64)

// vectorDPI is the resolution of raster images embedded in SVG and other
// vector output: twice the PNG's, so that zooming in a little stays sharp.
const vectorDPI = 2 * DPI

// styledPlot is a gonum plot with the title and axis labels in sans serif
// at about matplotlib's sizes.
func styledPlot(title, xlabel, ylabel string) *gplot.Plot {
	g := gplot.New()
	g.Title.Text = title
	g.Title.TextStyle.Font.Variant = "Sans"
	g.Title.TextStyle.Font.Size = 12
	g.Title.Padding = vg.Points(6)
	g.X.Label.Text, g.Y.Label.Text = xlabel, ylabel
	for _, a := range []*gplot.Axis{&g.X, &g.Y} {
		a.Label.TextStyle.Font.Variant = "Sans"
		a.Label.TextStyle.Font.Size = 10
		a.Tick.Label.Font.Variant = "Sans"
		a.Tick.Label.Font.Size = 9
		a.Tick.Length = vg.Points(4)
		a.Padding = 0 // the axes meet at the data area's corner
	}
	g.Legend.TextStyle.Font.Variant = "Sans"
	g.Legend.TextStyle.Font.Size = 9
	return g
}

// renderPNG draws a figure of width×height inches as PNG, DPI pixels per
// inch, compressed at the given level: png.BestSpeed for pictures of data,
// which compress little and take three times as long at the default level
// (60 ms for a 600×500 fractal). op names the caller in a panic.
func renderPNG(op string, width, height float64, level png.CompressionLevel, f drawFunc) []byte {
	w, h := vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
	f(draw.New(c), DPI)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, c.Image()); err != nil {
		panic(&Error{Op: op, Msg: "could not encode the image: " + err.Error()})
	}
	return buf.Bytes()
}

// renderSVG draws a figure of width×height inches as SVG.
func renderSVG(op string, width, height float64, f drawFunc) []byte {
	w, h := vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch
	c := vgsvg.New(w, h)
	f(draw.New(c), vectorDPI)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		panic(&Error{Op: op, Msg: "could not write the image: " + err.Error()})
	}
	// The fonts are not embedded (that would add ~100 kB); browsers that
	// lack Liberation Sans get its metric twin Arial, or any sans serif.
	return bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// saveFormatted writes a figure of width×height inches to filename in
// format, one of gonum's (pdf, eps, jpg, tif, ...).
func saveFormatted(filename, format string, width, height float64, f drawFunc) error {
	w, h := vg.Length(width)*vg.Inch, vg.Length(height)*vg.Inch
	c, err := draw.NewFormattedCanvas(w, h, format)
	if err != nil {
		return fmt.Errorf("plot: saving %s: %w (use .png, .svg, .pdf, .eps, .jpg or .tif)", filename, err)
	}
	f(draw.New(c), vectorDPI)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plot: saving %s: %w", filename, err)
	}
	return writeFile(filename, buf.Bytes())
}

func writeFile(name string, data []byte) error {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	return nil
}
