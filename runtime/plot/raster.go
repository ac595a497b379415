package plot

import (
	"image"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// raster is the gonum plotter of an Image: the values coloured by a
// colormap, filling the rectangle of the extent. It is drawn as one
// picture of exactly the pixels it covers on the canvas, resampled by
// area (each pixel the average of the values' colours under it), so that
// a large array is not aliased and a small one keeps sharp cells.
type raster struct {
	vals       []float64 // row-major
	rows, cols int
	lower      bool // row 0 at the bottom (y0), not at the top
	colours    *lut
	vmin, vmax float64
	// The extent: column 0 toward x0, column cols-1 toward x1; the image's
	// bottom edge at y0 and its top at y1. The axes are oriented so that
	// x0 is at the left and y0 at the bottom.
	x0, x1, y0, y1 float64
	dpi            float64 // pixels per inch to draw at
}

// Plot implements gonum's plot.Plotter.
func (r *raster) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	rect := vg.Rectangle{
		Min: vg.Point{X: trX(r.x0), Y: trY(r.y0)},
		Max: vg.Point{X: trX(r.x1), Y: trY(r.y1)},
	}
	size := rect.Size()
	w := max(1, int(math.Round(size.X.Dots(r.dpi))))
	h := max(1, int(math.Round(size.Y.Dots(r.dpi))))
	c.DrawImage(rect, r.picture(w, h))
}

// DataRange implements gonum's plot.DataRanger.
func (r *raster) DataRange() (xmin, xmax, ymin, ymax float64) {
	return min(r.x0, r.x1), max(r.x0, r.x1), min(r.y0, r.y1), max(r.y0, r.y1)
}

// picture is the coloured values resampled to w×h pixels, top row first.
func (r *raster) picture(w, h int) *image.RGBA {
	across := areaWeights(r.cols, w)
	down := areaWeights(r.rows, h)

	// Colour each row of values and resample it across, into rows of w
	// premultiplied RGBA pixels.
	wide := make([]float32, r.rows*w*4)
	colours := make([]float32, r.cols*4)
	scale := 0.0
	if r.vmax > r.vmin {
		scale = lutSize / (r.vmax - r.vmin)
	}
	for s := range r.rows {
		for i, v := range r.vals[s*r.cols : (s+1)*r.cols] {
			px := colours[4*i : 4*i+4 : 4*i+4]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				px[0], px[1], px[2], px[3] = 0, 0, 0, 0 // bad values show the background
				continue
			}
			k := min(max(int((v-r.vmin)*scale), 0), lutSize-1)
			c := r.colours[k]
			px[0], px[1], px[2], px[3] = c[0], c[1], c[2], c[3]
		}
		resampleRow(wide[s*w*4:(s+1)*w*4], colours, across)
	}

	// Resample down the columns into the picture.
	pic := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]float32, w*4)
	for y, wt := range down {
		clear(acc)
		for k, f := range wt.weights {
			s := wt.first + k
			if r.lower {
				s = r.rows - 1 - s // the picture's top is the last row
			}
			src := wide[s*w*4 : (s+1)*w*4]
			for i := range acc {
				acc[i] += f * src[i]
			}
		}
		row := pic.Pix[y*pic.Stride : y*pic.Stride+w*4]
		for i, v := range acc {
			row[i] = uint8(min(max(v*255+0.5, 0), 255))
		}
	}
	return pic
}

// resampleRow writes into dst (pixels of 4 channels) the weighted sums of
// src's pixels given by weights, one per pixel of dst.
func resampleRow(dst, src []float32, weights []span) {
	for d, wt := range weights {
		var r, g, b, a float32
		for k, f := range wt.weights {
			p := src[4*(wt.first+k) : 4*(wt.first+k)+4 : 4*(wt.first+k)+4]
			r += f * p[0]
			g += f * p[1]
			b += f * p[2]
			a += f * p[3]
		}
		out := dst[4*d : 4*d+4 : 4*d+4]
		out[0], out[1], out[2], out[3] = r, g, b, a
	}
}

// span is the source pixels one destination pixel covers: first and the
// ones after it, with the fraction of the destination pixel each covers.
type span struct {
	first   int
	weights []float32
}

// areaWeights maps src pixels onto dst pixels of the same total length:
// destination pixel d covers source positions [d·src/dst, (d+1)·src/dst),
// and each source pixel counts with the part of that interval it fills.
func areaWeights(src, dst int) []span {
	spans := make([]span, dst)
	ratio := float64(src) / float64(dst)
	for d := range spans {
		lo, hi := float64(d)*ratio, float64(d+1)*ratio
		first := min(int(lo), src-1)
		last := min(max(int(math.Ceil(hi))-1, first), src-1)
		ws := make([]float32, last-first+1)
		for s := first; s <= last; s++ {
			overlap := min(hi, float64(s+1)) - max(lo, float64(s))
			ws[s-first] = float32(max(overlap, 0) / ratio)
		}
		spans[d] = span{first: first, weights: ws}
	}
	return spans
}
