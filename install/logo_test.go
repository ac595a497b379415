package install

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestLogoPNG(t *testing.T) {
	for _, size := range []int{32, 64} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			data, err := logoPNG(size)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b != image.Rect(0, 0, size, size) {
				t.Fatalf("bounds = %v, want %dx%d", b, size, size)
			}
			// at returns the pixel at a point of the 64x64 design grid.
			at := func(x, y float64) color.NRGBA {
				s := float64(size) / logoGrid
				return color.NRGBAModel.Convert(img.At(int(x*s), int(y*s))).(color.NRGBA)
			}
			if c := at(0, 0); c.A != 0 {
				t.Errorf("corner = %v, want transparent", c)
			}
			if c := at(8, 32); c != (color.NRGBA{0x00, 0xAD, 0xD8, 0xFF}) {
				t.Errorf("background = %v, want opaque #00ADD8", c)
			}
			if c := at(32, 32); c != (color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}) {
				t.Errorf("middle bar = %v, want opaque white", c)
			}
			// Supersampling leaves partly covered pixels on the edges.
			partial := 0
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					if _, _, _, a := img.At(x, y).RGBA(); a != 0 && a != 0xFFFF {
						partial++
					}
				}
			}
			if partial == 0 {
				t.Error("no anti-aliased pixels on the rounded corners")
			}
		})
	}
}

func TestLogoPNGDeterministic(t *testing.T) {
	a, err := logoPNG(64)
	if err != nil {
		t.Fatal(err)
	}
	b, err := logoPNG(64)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the logo differ")
	}
}

func TestInstalledPNGSizes(t *testing.T) {
	dir, err := Install(Options{Prefix: t.TempDir(), Executable: "/x/gopar"})
	if err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"logo-32x32.png": 32, "logo-64x64.png": 64} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.Width != size || cfg.Height != size {
			t.Errorf("%s is %dx%d, want %dx%d", name, cfg.Width, cfg.Height, size, size)
		}
	}
}

// TestLogoSVGMatchesPNG checks that the hand-written SVG is well formed and
// has the geometry that logo.go draws.
func TestLogoSVGMatchesPNG(t *testing.T) {
	var svg struct {
		XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
		ViewBox string   `xml:"viewBox,attr"`
		Rect    struct {
			X      string `xml:"x,attr"`
			Y      string `xml:"y,attr"`
			Width  string `xml:"width,attr"`
			Height string `xml:"height,attr"`
			Rx     string `xml:"rx,attr"`
			Fill   string `xml:"fill,attr"`
		} `xml:"rect"`
		G struct {
			Stroke      string `xml:"stroke,attr"`
			StrokeWidth string `xml:"stroke-width,attr"`
			Linecap     string `xml:"stroke-linecap,attr"`
			Lines       []struct {
				X1 string `xml:"x1,attr"`
				Y1 string `xml:"y1,attr"`
				X2 string `xml:"x2,attr"`
				Y2 string `xml:"y2,attr"`
			} `xml:"line"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(logoSVG, &svg); err != nil {
		t.Fatalf("logo-svg.svg: %v", err)
	}
	g := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("SVG %s = %q, logo.go has %q", what, got, want)
		}
	}
	check("viewBox", svg.ViewBox, fmt.Sprintf("0 0 %s %s", g(logoGrid), g(logoGrid)))
	check("rect x", svg.Rect.X, g(boxMin))
	check("rect y", svg.Rect.Y, g(boxMin))
	check("rect width", svg.Rect.Width, g(boxMax-boxMin))
	check("rect height", svg.Rect.Height, g(boxMax-boxMin))
	check("rect rx", svg.Rect.Rx, g(boxRadius))
	check("rect fill", svg.Rect.Fill, fmt.Sprintf("#%02X%02X%02X", goCyan.R, goCyan.G, goCyan.B))
	check("stroke", svg.G.Stroke, "#FFFFFF")
	check("stroke-width", svg.G.StrokeWidth, g(2*barHalfWidth))
	check("stroke-linecap", svg.G.Linecap, "round")
	if len(svg.G.Lines) != len(logoBars) {
		t.Fatalf("SVG has %d bars, logo.go %d", len(svg.G.Lines), len(logoBars))
	}
	for i, l := range svg.G.Lines {
		b := logoBars[i]
		check(fmt.Sprintf("bar %d", i), fmt.Sprint(l.X1, l.Y1, l.X2, l.Y2), fmt.Sprint(g(b[0]), g(b[1]), g(b[2]), g(b[3])))
	}
}
