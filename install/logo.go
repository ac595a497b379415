package install

import (
	"bytes"
	_ "embed"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
)

// logoSVG is the vector logo, written by hand; logo.go draws the same
// geometry for the PNG files.
//
//go:embed logo-svg.svg
var logoSVG []byte

// The logo is designed on a 64x64 grid: a rounded square in Go cyan with
// three slanted white bars, lanes running side by side. These values must
// agree with logo-svg.svg.
const (
	logoGrid = 64.0

	boxMin    = 2.0  // rounded square spans boxMin..boxMax on both axes
	boxMax    = 62.0 //
	boxRadius = 14.0 // corner radius

	barHalfWidth = 3.5 // half the stroke width; the bar ends are round
)

// logoBars are the bars' centre lines, from (x1, y1) to (x2, y2).
var logoBars = [][4]float64{
	{15, 46, 23, 18},
	{28, 46, 36, 18},
	{41, 46, 49, 18},
}

var (
	goCyan = color.RGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF}
	white  = color.RGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// supersample is how many samples per pixel are taken along each axis.
const supersample = 8

// inBox reports whether the grid point (x, y) lies in the rounded square.
func inBox(x, y float64) bool {
	const c = (boxMin + boxMax) / 2
	const half = (boxMax - boxMin) / 2
	dx, dy := math.Abs(x-c), math.Abs(y-c)
	if dx > half || dy > half {
		return false
	}
	qx := math.Max(dx-(half-boxRadius), 0)
	qy := math.Max(dy-(half-boxRadius), 0)
	return qx*qx+qy*qy <= boxRadius*boxRadius
}

// inBars reports whether the grid point (x, y) lies on one of the bars,
// each a segment thickened by barHalfWidth with round ends.
func inBars(x, y float64) bool {
	for _, b := range logoBars {
		if segmentDist(x, y, b[0], b[1], b[2], b[3]) <= barHalfWidth {
			return true
		}
	}
	return false
}

// segmentDist is the distance from (px, py) to the segment (ax, ay)-(bx, by).
func segmentDist(px, py, ax, ay, bx, by float64) float64 {
	vx, vy := bx-ax, by-ay
	t := ((px-ax)*vx + (py-ay)*vy) / (vx*vx + vy*vy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*vx), py-(ay+t*vy))
}

// shapeMask is an all-or-nothing alpha mask of a shape on the logo grid,
// sampled at the centres of a size x size raster.
type shapeMask struct {
	size   int
	inside func(x, y float64) bool
}

func (m shapeMask) ColorModel() color.Model { return color.AlphaModel }

func (m shapeMask) Bounds() image.Rectangle { return image.Rect(0, 0, m.size, m.size) }

func (m shapeMask) At(x, y int) color.Color {
	scale := logoGrid / float64(m.size)
	if m.inside((float64(x)+0.5)*scale, (float64(y)+0.5)*scale) {
		return color.Opaque
	}
	return color.Transparent
}

// renderLogo draws the logo as a size x size image. The shapes are drawn
// with hard edges on a raster supersample times larger, which is then
// averaged down, so the edges come out anti-aliased.
func renderLogo(size int) *image.RGBA {
	big := size * supersample
	canvas := image.NewRGBA(image.Rect(0, 0, big, big))
	draw.DrawMask(canvas, canvas.Bounds(), image.NewUniform(goCyan), image.Point{},
		shapeMask{big, inBox}, image.Point{}, draw.Over)
	draw.DrawMask(canvas, canvas.Bounds(), image.NewUniform(white), image.Point{},
		shapeMask{big, inBars}, image.Point{}, draw.Over)

	// Average each supersample x supersample block. image.RGBA holds
	// premultiplied colour, so a plain mean is the right filter.
	out := image.NewRGBA(image.Rect(0, 0, size, size))
	const n = supersample * supersample
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var sum [4]int
			for sy := 0; sy < supersample; sy++ {
				row := canvas.PixOffset(x*supersample, y*supersample+sy)
				for sx := 0; sx < supersample; sx++ {
					p := canvas.Pix[row+4*sx : row+4*sx+4]
					for i := range sum {
						sum[i] += int(p[i])
					}
				}
			}
			o := out.PixOffset(x, y)
			for i := range sum {
				out.Pix[o+i] = uint8((sum[i] + n/2) / n)
			}
		}
	}
	return out
}

// logoPNG returns the logo as a size x size PNG file.
func logoPNG(size int) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, renderLogo(size)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
