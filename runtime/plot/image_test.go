package plot

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopar/runtime/np"
)

// mandelbrot is the lesson's Mandelbrot set, as a notebook cell computes
// it: iterations until |z| > 2, at most maxIter, for each pixel of a grid.
func mandelbrot(height, width int, center, extent complex128, maxIter int) *np.Array {
	x, y := np.Grid(height, width, center, extent)
	xs, ys := x.Float64s(), y.Float64s()
	result := np.Zeros(height, width)
	for j := range height {
		row := result.Row(j)
		for i := range row {
			c, z, k := complex(xs[i], ys[j]), complex(0, 0), 0
			for ; k < maxIter; k++ {
				z = z*z + c
				if real(z)*real(z)+imag(z)*imag(z) > 4 {
					break
				}
			}
			row[i] = float64(k)
		}
	}
	return result
}

// decodeImagePNG decodes the PNG an image shows as.
func decodeImagePNG(t *testing.T, p *ImagePlot) image.Image {
	t.Helper()
	b := p.MIMEBundle()
	data, err := base64.StdEncoding.DecodeString(b["image/png"].(string))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// coloured is the bounding box of the pixels that are clearly coloured
// (not white, grey or black): where a viridis image was drawn.
func coloured(img image.Image) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(r, g, bl)-min(r, g, bl) > 40<<8 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

func TestImageMandelbrot(t *testing.T) {
	// The lesson: ax.imshow(result**(1/3), origin='lower', extent=...).
	center, extent := complex(-0.8, 0), complex(3, 3)
	result := mandelbrot(64, 64, center, extent, 256)
	p := Image(result.Pow(1.0 / 3)).Colormap("viridis").Origin("lower").
		Extent(np.GridExtent(64, 64, center, extent)).XLabel("Re(c)").YLabel("Im(c)")
	if got := p.String(); got != "<image 64×64>" {
		t.Errorf("String() = %q", got)
	}
	img := decodeImagePNG(t, p)
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 500 {
		t.Errorf("PNG of %v, want 600×500", b)
	}
	box := coloured(img)
	if box.Dx() < 300 || math.Abs(float64(box.Dx()-box.Dy())) > 2 {
		t.Errorf("the image covers %v, want a square of at least 300 pixels", box)
	}
	// The set (the most iterations, yellow) is right of centre, where
	// Re(c) is about -0.25: the extent puts it there.
	r, g, b, _ := img.At(box.Min.X+box.Dx()*6/10, box.Min.Y+box.Dy()/2).RGBA()
	if r>>8 < 200 || g>>8 < 200 || b>>8 > 100 {
		t.Errorf("inside the set the colour is %d,%d,%d, want viridis' yellow", r>>8, g>>8, b>>8)
	}
	// Far left, Re(c) < -2, diverges at once: viridis' dark purple.
	r, g, b, _ = img.At(box.Min.X+2, box.Min.Y+box.Dy()/2).RGBA()
	if r>>8 > 90 || g>>8 > 30 || b>>8 < 60 {
		t.Errorf("outside the set the colour is %d,%d,%d, want viridis' purple", r>>8, g>>8, b>>8)
	}
}

func TestImageOrientation(t *testing.T) {
	// Values 0..5 in 2 rows of 3, in grey: 0 black, 5 white.
	vals := [][]float64{{0, 1, 2}, {3, 4, 5}}
	grey := func(p *ImagePlot, col, row int) int {
		x0, x1, y0, y1 := p.bounds()
		vmin, vmax := p.limits()
		stops, _ := lookupColormap(p.colormap)
		r := &raster{vals: p.vals, rows: p.rows, cols: p.cols, lower: p.lower, colours: newLUT(stops),
			vmin: vmin, vmax: vmax, x0: x0, x1: x1, y0: y0, y1: y1}
		pic := r.picture(3, 2)
		return int(pic.RGBAAt(col, row).R)
	}
	cases := []struct {
		name string
		p    *ImagePlot
		// The grey of the picture's top-left and bottom-right pixels.
		topLeft, bottomRight int
	}{
		{"upper", Image(vals).Colormap("gray"), 0, 255},
		{"lower", Image(vals).Colormap("gray").Origin("lower"), 153, 102},
		{"reversed", Image(vals).Colormap("Gray_r"), 255, 0},
		{"range", Image(vals).Colormap("grey").Range(1, 4), 0, 255},
	}
	for _, c := range cases {
		if tl, br := grey(c.p, 0, 0), grey(c.p, 2, 1); tl != c.topLeft || br != c.bottomRight {
			t.Errorf("%s: top left %d, bottom right %d; want %d and %d", c.name, tl, br, c.topLeft, c.bottomRight)
		}
	}
	// Default extents: cells centred on their indices, row 0 at the top
	// (the y axis counting down) or at the bottom.
	x0, x1, y0, y1 := Image(vals).bounds()
	if x0 != -0.5 || x1 != 2.5 || y0 != 1.5 || y1 != -0.5 {
		t.Errorf("upper extent (%v, %v, %v, %v)", x0, x1, y0, y1)
	}
	if _, _, y0, y1 := Image(vals).Origin("lower").bounds(); y0 != -0.5 || y1 != 1.5 {
		t.Errorf("lower extent y (%v, %v)", y0, y1)
	}
}

func TestRasterPicture(t *testing.T) {
	// NaN and infinities are transparent; the range clips.
	r := &raster{vals: []float64{math.NaN(), math.Inf(1), -10, 10}, rows: 1, cols: 4,
		colours: newLUT(colormaps["gray"]), vmin: 0, vmax: 1}
	pic := r.picture(4, 1)
	for i, want := range []uint8{0, 0, 255, 255} { // alpha
		if got := pic.RGBAAt(i, 0).A; got != want {
			t.Errorf("pixel %d alpha %d, want %d", i, got, want)
		}
	}
	if pic.RGBAAt(2, 0).R != 0 || pic.RGBAAt(3, 0).R != 255 {
		t.Errorf("clipped values: %v %v", pic.RGBAAt(2, 0), pic.RGBAAt(3, 0))
	}
	// Downsampling averages: a 1024-wide alternating stripe becomes grey.
	vals := make([]float64, 1024)
	for i := range vals {
		vals[i] = float64(i % 2)
	}
	r = &raster{vals: vals, rows: 1, cols: 1024, colours: newLUT(colormaps["gray"]), vmin: 0, vmax: 1}
	for x, px := range r.picture(100, 1).Pix[:400:400] {
		if x%4 != 3 && (px < 120 || px > 135) {
			t.Fatalf("downsampled stripes: channel %d is %d, want about 128", x, px)
		}
	}
}

func TestAreaWeights(t *testing.T) {
	cases := []struct {
		src, dst int
		want     []span
	}{
		{4, 2, []span{{0, []float32{0.5, 0.5}}, {2, []float32{0.5, 0.5}}}},
		{2, 4, []span{{0, []float32{1}}, {0, []float32{1}}, {1, []float32{1}}, {1, []float32{1}}}},
		{3, 2, []span{{0, []float32{2.0 / 3, 1.0 / 3}}, {1, []float32{1.0 / 3, 2.0 / 3}}}},
		{2, 3, []span{{0, []float32{1}}, {0, []float32{0.5, 0.5}}, {1, []float32{1}}}},
	}
	for _, c := range cases {
		got := areaWeights(c.src, c.dst)
		same := len(got) == len(c.want)
		for i := 0; same && i < len(got); i++ {
			same = got[i].first == c.want[i].first && slices.EqualFunc(got[i].weights, c.want[i].weights,
				func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-6 })
		}
		if !same {
			t.Errorf("areaWeights(%d, %d) = %v, want %v", c.src, c.dst, got, c.want)
		}
	}
}

// grid is a 2-D array of a type plot does not know.
type grid struct{ rows, cols int }

func (g grid) Shape() []int { return []int{g.rows, g.cols} }

func (g grid) Float64s() []float64 {
	v := make([]float64, g.rows*g.cols)
	for i := range v {
		v[i] = float64(i)
	}
	return v
}

func TestImageValues(t *testing.T) {
	want := []float64{0, 1, 2, 3, 4, 5}
	a := np.Arange(6).Reshape(2, 3)
	for _, c := range []struct {
		name string
		v    any
	}{
		{"np int64", a},
		{"np float64", a.AsType(np.Float64)},
		{"[][]float64", [][]float64{{0, 1, 2}, {3, 4, 5}}},
		{"[][]int", [][]int{{0, 1, 2}, {3, 4, 5}}},
		{"[2][3]int32", [2][3]int32{{0, 1, 2}, {3, 4, 5}}},
		{"[][]uint8", [][]uint8{{0, 1, 2}, {3, 4, 5}}},
		{"Shaped", grid{2, 3}},
	} {
		p := Image(c.v)
		if p.rows != 2 || p.cols != 3 || !slices.Equal(p.vals, want) {
			t.Errorf("%s: %d×%d %v", c.name, p.rows, p.cols, p.vals)
		}
	}
	// The image keeps a copy.
	f := np.Zeros(2, 2)
	p := Image(f)
	f.Row(0)[0] = 7
	if p.vals[0] != 0 {
		t.Error("the image shares the array's data")
	}
}

func TestImageErrors(t *testing.T) {
	var nilArray *np.Array
	for _, c := range []struct {
		f    func()
		want string
	}{
		{func() { Image(np.Arange(5)) },
			"plot.Image: the values have shape (5,), one dimension: an image needs rows and columns; give a 2-D np array (np.Zeros(rows, cols), x.Reshape(rows, cols)) or a [][]float64"},
		{func() { Image([]float64{1, 2}) },
			"plot.Image: the values are a []float64, one dimension: an image needs rows and columns; give a 2-D np array (np.Zeros(rows, cols), x.Reshape(rows, cols)) or a [][]float64"},
		{func() { Image(nil) }, "plot.Image: the values are nil: give a 2-D np array"},
		{func() { Image(nilArray) }, "plot.Image: the values are nil: give a 2-D np array"},
		{func() { Image(&np.Array{}) }, "plot.Image: the values have shape (), 0 dimensions"},
		{func() { Image([][]float64{{1, 2}, {3}}) },
			"plot.Image: row 1 has 1 values but row 0 has 2: the rows of an image must be of equal length"},
		{func() { Image([][]int{{1}, {}}) }, "plot.Image: row 1 has 0 values but row 0 has 1"},
		{func() { Image([][]float64{}) }, "plot.Image: the values have 0 rows and 0 columns: there is nothing to draw"},
		{func() { Image(np.Zeros(0, 3)) }, "plot.Image: the values have 0 rows and 3 columns"},
		{func() { Image("abc") }, "plot.Image: the values are a string: give a 2-D np array"},
		{func() { Image([][]string{{"a"}}) }, "plot.Image: the values are a [][]string: the elements must be integers or floats"},
		{func() { Image(struct{ V [][]float64 }{}) }, "(for a type declared in a notebook cell, pass its rows as a [][]float64)"},
		{func() { Image([][]int{{1}}).Colormap("jet") },
			`plot.Colormap("jet"): there is no colormap "jet": use one of gray, grey, greys, inferno, magma, viridis, or one of them with _r appended for the colours reversed`},
		{func() { Image([][]int{{1}}).Origin("top") }, `plot.Origin("top"): the origin is "upper" (row 0 at the top) or "lower" (row 0 at the bottom)`},
		{func() { Image([][]int{{1}}).Aspect("square") }, `plot.Aspect("square"): the aspect is "equal"`},
		{func() { Image([][]int{{1}}).Extent(0, 0, 0, 1) }, "plot.Extent: the extent (0, 0, 0, 1) is empty: give x0 ≠ x1 and y0 ≠ y1 (left, right, bottom, top)"},
		{func() { Image([][]int{{1}}).Extent(0, 1, math.NaN(), 1) }, "plot.Extent: the extent (0, 1, NaN, 1) must be finite numbers"},
		{func() { Image([][]int{{1}}).Range(2, 1) }, "plot.Range: vmin 2 must be less than vmax 1, both finite"},
		{func() { Image([][]int{{1}}).Size(3, 200) }, "plot.Size: the size must be between 0 and 100 inches each way, not 3×200"},
	} {
		if err := panics(t, c.f); !strings.HasPrefix(err.Error(), c.want) && !strings.Contains(err.Error(), c.want) {
			t.Errorf("got  %s\nwant %s", err, c.want)
		}
	}
}

func TestImageAspect(t *testing.T) {
	wide := [][]float64{{0, 1, 2, 3}} // one row of four square cells
	box := coloured(decodeImagePNG(t, Image(wide)))
	if ratio := float64(box.Dx()) / float64(box.Dy()); math.Abs(ratio-4) > 0.1 {
		t.Errorf("equal aspect: the image covers %v, ratio %.2f, want 4", box, ratio)
	}
	box = coloured(decodeImagePNG(t, Image(wide).Aspect("auto")))
	if box.Dy() < 350 {
		t.Errorf("auto aspect: the image covers %v, want the figure's height", box)
	}
	// An extent with x0 > x1 turns the x axis around: the first column
	// stays at the left.
	p := Image(wide).Extent(4, 0, 0, 1).Colormap("viridis")
	img := decodeImagePNG(t, p)
	box = coloured(img)
	r, _, _, _ := img.At(box.Min.X+3, box.Min.Y+box.Dy()/2).RGBA()
	if r>>8 > 100 {
		t.Errorf("the first column (viridis' purple) is not at the left: red %d", r>>8)
	}
}

func TestImageSVG(t *testing.T) {
	result := mandelbrot(32, 48, -0.5, 3+2i, 64)
	p := Image(result).Title("Mandelbrot").XLabel("Re(c)").YLabel("Im(c)").
		Extent(np.GridExtent(32, 48, -0.5, 3+2i)).Origin("lower").Colorbar("iterations").Colormap("magma").SVG()
	b := p.MIMEBundle()
	if _, ok := b["image/png"]; ok {
		t.Error("SVG image has a PNG")
	}
	svg := b["image/svg+xml"].(string)
	texts := svgTexts(t, svg)
	for _, want := range []string{"Mandelbrot", "Re(c)", "Im(c)", "iterations", "0", "60", "-1.0", "1.0"} {
		if !slices.Contains(texts, want) {
			t.Errorf("no text %q in the SVG's %q", want, texts)
		}
	}
	if n := strings.Count(svg, "<image "); n != 2 {
		t.Errorf("%d embedded pictures, want 2 (the image and the colour bar)", n)
	}
	if !strings.Contains(svg, `<path d="M0,0L432,0L432,360L0,360Z" style="fill:#FFFFFF" />`) {
		t.Error("the SVG's background is not white all over")
	}
	decodeImagePNG(t, p.PNG())
}

func TestImageSave(t *testing.T) {
	dir := t.TempDir()
	p := Image([][]int{{1, 2}, {3, 4}}).Colorbar("")
	for _, name := range []string{"i.png", "i.svg", "i.pdf", "i.jpg"} {
		if err := p.Save(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "i.png"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != 600 || cfg.Height != 500 {
		t.Errorf("saved PNG: %+v, %v", cfg, err)
	}
	if err := p.Save(filepath.Join(dir, "i.xyz")); err == nil || !strings.Contains(err.Error(), "use .png, .svg") {
		t.Errorf("unknown extension: %v", err)
	}
	if err := p.Save(filepath.Join(dir, "no", "such", "dir.png")); err == nil {
		t.Error("no error saving into a missing directory")
	}
}

func TestColormaps(t *testing.T) {
	near := func(c [4]float32, r, g, b float64) bool {
		return math.Abs(float64(c[0])-r) < 1e-6 && math.Abs(float64(c[1])-g) < 1e-6 && math.Abs(float64(c[2])-b) < 1e-6
	}
	for _, c := range []struct {
		name        string
		first, last [3]float64
		middle      [3]float64 // entry 128 of the published table, a control point
	}{
		{"viridis", [3]float64{0.267004, 0.004874, 0.329415}, [3]float64{0.993248, 0.906157, 0.143936}, [3]float64{0.127568, 0.566949, 0.550556}},
		{"magma", [3]float64{0.001462, 0.000466, 0.013866}, [3]float64{0.987053, 0.991438, 0.749504}, [3]float64{0.716387, 0.214982, 0.475290}},
		{"inferno", [3]float64{0.001462, 0.000466, 0.013866}, [3]float64{0.988362, 0.998364, 0.644924}, [3]float64{0.735683, 0.215906, 0.330245}},
		{"gray", [3]float64{0, 0, 0}, [3]float64{1, 1, 1}, [3]float64{128.0 / 255, 128.0 / 255, 128.0 / 255}},
	} {
		stops, ok := lookupColormap(c.name)
		if !ok {
			t.Fatalf("no colormap %q", c.name)
		}
		l := newLUT(stops)
		if !near(l[0], c.first[0], c.first[1], c.first[2]) || !near(l[255], c.last[0], c.last[1], c.last[2]) {
			t.Errorf("%s: ends %v and %v", c.name, l[0], l[255])
		}
		if !near(l[128], c.middle[0], c.middle[1], c.middle[2]) {
			t.Errorf("%s: entry 128 is %v, want %v", c.name, l[128], c.middle)
		}
		rev, _ := lookupColormap(strings.ToUpper(c.name) + "_r")
		if lr := newLUT(rev); lr[0] != l[255] || lr[255] != l[0] || lr[100] != l[155] {
			t.Errorf("%s_r is not %s reversed", c.name, c.name)
		}
	}
	if _, ok := lookupColormap("jet"); ok {
		t.Error("an unknown colormap was found")
	}
}

// TestImageRenderTime draws the lesson's 1024×1024 zoom, which must take
// well under a second (about 0.15 s of CPU here; the bound allows for a
// busy machine).
func TestImageRenderTime(t *testing.T) {
	center, extent := complex(-1.1195, 0.2718), complex(0.005, 0.005)
	values := mandelbrot(1024, 1024, center, extent, 64).Pow(1.0 / 3)
	start := time.Now()
	b := Image(values).Origin("lower").Extent(np.GridExtent(1024, 1024, center, extent)).Colorbar("").MIMEBundle()
	elapsed := time.Since(start)
	t.Logf("1024×1024 image drawn in %v as %d bytes of base64 PNG", elapsed, len(b["image/png"].(string)))
	if elapsed > 5*time.Second {
		t.Errorf("drawing a 1024×1024 image took %v", elapsed)
	}
}

func BenchmarkImage1024(b *testing.B) {
	center, extent := complex(-1.1195, 0.2718), complex(0.005, 0.005)
	values := mandelbrot(1024, 1024, center, extent, 64).Pow(1.0 / 3)
	for b.Loop() {
		Image(values).Origin("lower").Extent(np.GridExtent(1024, 1024, center, extent)).Colorbar("").MIMEBundle()
	}
}
