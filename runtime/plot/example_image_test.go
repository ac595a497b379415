package plot_test

import (
	"gopar/runtime/display"
	"gopar/runtime/np"
	"gopar/runtime/plot"
)

// The lesson's Mandelbrot figure (fig/mandelbrot-all.png): the iterations
// of z = z*z + c until |z| > 2, for c on a 256×256 grid around -0.8. In
// the lesson:
//
//	ax.imshow(result**(1/3), origin='lower', extent=(z1.real, z2.real, z1.imag, z2.imag))
//	ax.set_xlabel("$\Re(c)$")
//	ax.set_ylabel("$\Im(c)$")
func ExampleImage() {
	const width, height, maxIter = 256, 256, 256
	center, extent := complex(-0.8, 0), complex(3, 3)
	x, y := np.Grid(height, width, center, extent) // pixel (i, j) is complex(x[i], y[j])
	xs, ys := x.Float64s(), y.Float64s()

	result := np.Zeros(height, width)
	for j := range height {
		row := result.Row(j) // the array's own data: writing it fills the array
		for i := range width {
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

	img := plot.Image(result.Pow(1.0 / 3)).Origin("lower").
		Extent(np.GridExtent(height, width, center, extent)).
		XLabel("Re(c)").YLabel("Im(c)")
	display.Show(img)
	// Output: <image 256×256>
}
