"""Images of 2-D arrays (plot.Image), as the lesson's fractal exercise
draws them, through a real kernel: a Mandelbrot set computed by a cell's
function with a plain loop, shown with viridis, origin lower and the
extent of its grid; the domain split into tiles computed by goroutines;
a clear error for a 1-D array, after which the kernel carries on; and the
time a 1024x1024 image takes to draw."""

import base64
import re
import struct

from kernel_helpers import error_text, of_type, stream_text

BUILD = 300  # the first native build of a kernel may be slow

MANDELBROT = """
// mandelbrot writes into result, row by row, the iterations until |z| > 2
// (at most maxIter) of z = z*z + c, for c on the grid x + iy.
func mandelbrot(result, x, y *np.Array, maxIter int) {
	xs, ys := x.Float64s(), y.Float64s()
	for j := range ys {
		row := result.Row(j)
		for i := range xs {
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
}
"""


def png_of(data):
    """The PNG of a display's data, checked, and its width and height."""
    assert "image/png" in data, sorted(data)
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return png, width, height


def shown(msgs):
    """The data of the display_data messages a cell published."""
    return [m["content"]["data"] for m in of_type(msgs, "display_data")]


def test_mandelbrot_image(kernel):
    kernel.ok(MANDELBROT, timeout=BUILD)
    kernel.ok(
        "const width, height = 128, 128\n"
        "center, extent := complex(-0.8, 0), complex(3, 3)\n"
        "x, y := np.Grid(height, width, center, extent)\n"
        "result := np.Zeros(height, width)\n"
        "mandelbrot(result, x, y, 256)",
        timeout=BUILD,
    )
    # Inside the set (the centre, -0.8) every iteration runs; far left
    # (Re(c) < -2) none.
    assert kernel.value("result.At(height/2, width/2)") == "256"
    assert kernel.value("result.At(height/2, 0)") == "0"

    # The lesson: ax.imshow(result**(1/3), origin='lower', extent=..., cmap=viridis).
    msgs = kernel.ok(
        "img := plot.Image(result.Pow(1.0/3)).Colormap(\"viridis\").Origin(\"lower\").\n"
        "\tExtent(np.GridExtent(height, width, center, extent)).XLabel(\"Re(c)\").YLabel(\"Im(c)\")\n"
        "display.Show(img)"
    )
    (data,) = shown(msgs)
    png, width, height = png_of(data)
    assert (width, height) == (600, 500)
    assert len(png) > 10_000, len(png)  # a picture, not an empty frame
    assert data["text/plain"] == "<image 128×128>"

    # As a cell's value, with a colour bar, and as SVG.
    msgs = kernel.ok('img.Colorbar("iterations^(1/3)").Title("Mandelbrot")')
    (result,) = of_type(msgs, "execute_result")
    png_of(result["content"]["data"])
    (data,) = shown(kernel.ok("display.Show(img.SVG())"))
    svg = data["image/svg+xml"]
    assert svg.count("<image ") == 2 and "Mandelbrot" in svg and "iterations^(1/3)" in svg

    # A 1-D array is refused with a message that says what to give; the
    # kernel and its variables carry on.
    reply, _ = kernel.execute("plot.Image(np.Arange(10))")
    assert reply["content"]["status"] == "error"
    text = error_text(reply["content"])
    assert "plot.Image: the values have shape (10,), one dimension: an image needs rows and columns" in text, text
    assert "x.Reshape(rows, cols)" in text, text
    kernel.assert_responsive()
    assert kernel.value("img.String()") == '"<image 128×128: Mandelbrot>"'
    (data,) = shown(kernel.ok("display.Show(img.PNG())"))
    png_of(data)


def test_domain_splitting_with_tiles(kernel):
    # The lesson's domain splitting: tiles computed by goroutines, each
    # written back into one array, equal to the serial result.
    kernel.ok(MANDELBROT, timeout=BUILD)
    kernel.ok(
        "const width, height = 96, 80\n"
        "x, y := np.Grid(height, width, complex(-0.8, 0), complex(3, 3))\n"
        "serial := np.Zeros(height, width)\n"
        "mandelbrot(serial, x, y, 128)",
        timeout=BUILD,
    )
    kernel.ok(
        'import "sync"\n'
        "tiled := np.Zeros(height, width)\n"
        "var wg sync.WaitGroup\n"
        "for _, t := range np.Tiles(height, width, 2, 3) {\n"
        "\twg.Add(1)\n"
        "\tgo func() {\n"
        "\t\tdefer wg.Done()\n"
        "\t\tpart := np.Zeros(t.Rows(), t.Cols())\n"
        "\t\ttx := np.FromFloat64(x.Float64s()[t.Col0:t.Col1])\n"
        "\t\tty := np.FromFloat64(y.Float64s()[t.Row0:t.Row1])\n"
        "\t\tmandelbrot(part, tx, ty, 128)\n"
        "\t\ttiled.SetBlock(t.Row0, t.Col0, part)\n"
        "\t}()\n"
        "}\n"
        "wg.Wait()"
    )
    assert kernel.value("tiled.NotEqual(serial).CountNonzero()") == "0"
    assert kernel.value("np.Tiles(height, width, 2, 3)[4].String()") == '"[40:80, 32:64]"'
    # Set writes one element, as numpy's a[j, i] = v.
    kernel.ok("tiled.Set(-1, 0, 0)")
    assert kernel.value("tiled.At(0, 0)") == "-1"


def test_1024_image_renders_fast(kernel):
    # The lesson's zoom at 1024x1024 (with fewer iterations, to keep the
    # test short), drawn and published from a cell; the cell reports how
    # long the drawing took.
    kernel.ok(MANDELBROT, timeout=BUILD)
    kernel.ok(
        "const size = 1024\n"
        "center, extent := complex(-1.1195, 0.2718), complex(0.005, 0.005)\n"
        "x, y := np.Grid(size, size, center, extent)\n"
        "zoom := np.Zeros(size, size)\n"
        "mandelbrot(zoom, x, y, 256)",
        timeout=BUILD,
    )
    msgs = kernel.ok(
        'import "time"\n'
        "start := time.Now()\n"
        "display.Show(plot.Image(zoom.Pow(1.0/3)).Origin(\"lower\").\n"
        "\tExtent(np.GridExtent(size, size, center, extent)).Colorbar(\"\"))\n"
        'fmt.Println("render:", time.Since(start).Seconds())'
    )
    (data,) = shown(msgs)
    png, width, height = png_of(data)
    assert (width, height) == (600, 500)
    seconds = float(re.search(r"render: (\S+)", stream_text(msgs)).group(1))
    print("1024x1024 image drawn and published in %.3f s (PNG of %d bytes)" % (seconds, len(png)))
    # Well under a second on a quiet machine (about 0.1 s); the bound
    # allows for a busy one.
    assert seconds < 3, seconds
