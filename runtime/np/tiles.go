package np

import (
	"fmt"
	"math"
)

// Domain splitting: a 2-D array cut into tiles that goroutines compute,
// written back into one array (SetBlock) or stitched together (Block), and
// the coordinates of a picture of the complex plane (Grid), for the
// lesson's Mandelbrot exercise.

// Tile is a rectangle of a 2-D array: rows Row0 to Row1-1 and columns
// Col0 to Col1-1, as numpy's a[Row0:Row1, Col0:Col1].
type Tile struct {
	Row0, Row1 int
	Col0, Col1 int
}

// Rows is the number of rows of the tile.
func (t Tile) Rows() int { return t.Row1 - t.Row0 }

// Cols is the number of columns of the tile.
func (t Tile) Cols() int { return t.Col1 - t.Col0 }

// String is the tile as numpy's slice of it, "[0:128, 256:512]".
func (t Tile) String() string {
	return fmt.Sprintf("[%d:%d, %d:%d]", t.Row0, t.Row1, t.Col0, t.Col1)
}

// Tiles cuts an array of height rows and width columns into ny tiles down
// and nx across, and returns the ny·nx tiles row by row: first the top
// row of tiles from left to right. The tiles cover the array exactly once;
// their sizes differ by at most one row or column when height or width
// does not divide evenly. Goroutines may each compute one tile and write
// it into the same array at once (through Row, or SetBlock), as the tiles
// do not overlap:
//
//	result := np.Zeros(height, width)
//	var wg sync.WaitGroup
//	for _, t := range np.Tiles(height, width, 2, 2) {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			compute(result, t) // writes rows t.Row0..t.Row1-1, columns t.Col0..t.Col1-1
//		}()
//	}
//	wg.Wait()
func Tiles(height, width, ny, nx int) []Tile {
	const op = "np.Tiles"
	switch {
	case height < 0 || width < 0:
		throw(op, "the array's size %d×%d is negative; give its height and width (rows and columns)", height, width)
	case ny < 1 || nx < 1:
		throw(op, "%d×%d tiles: give at least one tile each way", ny, nx)
	case ny > height || nx > width:
		throw(op, "cannot cut %d rows and %d columns into %d×%d tiles: every tile needs a row and a column; give at most %d×%d tiles", height, width, ny, nx, height, width)
	}
	tiles := make([]Tile, 0, ny*nx)
	for ty := range ny {
		for tx := range nx {
			tiles = append(tiles, Tile{
				Row0: ty * height / ny, Row1: (ty + 1) * height / ny,
				Col0: tx * width / nx, Col1: (tx + 1) * width / nx,
			})
		}
	}
	return tiles
}

// SetBlock writes the 2-D array b into a, b's element [0, 0] at a's
// [row, col], as numpy's a[row:row+r, col:col+c] = b for b of shape
// (r, c). b's elements are converted to a's dtype as AsType converts
// them. Goroutines may write blocks that do not overlap at the same time.
func (a *Array) SetBlock(row, col int, b *Array) {
	const op = "Array.SetBlock"
	a.check(op)
	if b == nil {
		throw(op, "the block is nil; give a 2-D array")
	}
	b.check(op)
	if len(a.shape) != 2 || len(b.shape) != 2 {
		throw(op, "writes a 2-D block into a 2-D array, not shape %s into shape %s; make them 2-D with Reshape(rows, cols)", shapeString(b.shape), shapeString(a.shape))
	}
	r, c := b.shape[0], b.shape[1]
	if row < 0 || col < 0 || row+r > a.shape[0] || col+c > a.shape[1] {
		throw(op, "a block of shape %s at row %d, column %d does not fit in an array of shape %s", shapeString(b.shape), row, col, shapeString(a.shape))
	}
	if b.dtype != a.dtype {
		b = b.asType(op, a.dtype)
	}
	ac := a.shape[1]
	for i := range r {
		dst, src := (row+i)*ac+col, i*c
		switch a.dtype {
		case Float64:
			copy(a.f64[dst:dst+c], b.f64[src:src+c])
		case Int64:
			copy(a.i64[dst:dst+c], b.i64[src:src+c])
		default:
			copy(a.b[dst:dst+c], b.b[src:src+c])
		}
	}
}

// Block stitches 2-D arrays into one, as numpy's block: blocks[i] is a row
// of arrays of equal height, set side by side; the rows, of equal total
// width, are stacked from top to bottom. The result is float64 if any
// block is, else int64 if any block is, else bool.
func Block(blocks [][]*Array) *Array {
	const op = "np.Block"
	if len(blocks) == 0 {
		throw(op, "no blocks given; give rows of 2-D arrays, [][]*np.Array{{a, b}, {c, d}}")
	}
	height, width := 0, -1
	dtype := Bool
	for i, row := range blocks {
		if len(row) == 0 {
			throw(op, "row %d of blocks is empty; give at least one array in each row", i)
		}
		h, w := -1, 0
		for j, b := range row {
			if b == nil {
				throw(op, "block [%d][%d] is nil", i, j)
			}
			b.check(op)
			if len(b.shape) != 2 {
				throw(op, "block [%d][%d] has shape %s; blocks are 2-D arrays (Reshape(rows, cols))", i, j, shapeString(b.shape))
			}
			if h >= 0 && b.shape[0] != h {
				throw(op, "block [%d][%d] has %d rows but block [%d][0] has %d: the arrays of a row of blocks must be of equal height", i, j, b.shape[0], i, h)
			}
			h = b.shape[0]
			w += b.shape[1]
			switch {
			case b.dtype == Float64:
				dtype = Float64
			case b.dtype == Int64 && dtype == Bool:
				dtype = Int64
			}
		}
		if width >= 0 && w != width {
			throw(op, "row %d of blocks is %d columns wide but row 0 is %d: every row of blocks must be as wide", i, w, width)
		}
		width = w
		height += h
	}
	numel(op, []int{height, width})
	out := newArray(op, dtype, []int{height, width}, "")
	r := 0
	for _, row := range blocks {
		c := 0
		for _, b := range row {
			out.SetBlock(r, c, b)
			c += b.shape[1]
		}
		r += row[0].shape[0]
	}
	return out
}

// Grid is the points of a picture of the complex plane height pixels high
// and width wide, centred on center, at least extent wide (its real part)
// and high (its imaginary part), as the lesson's Mandelbrot exercise
// computes them: pixel (i, j), in column i and row j, is
//
//	center + complex(i - width/2, j - height/2) * scale
//
// with scale = max(real(extent)/width, imag(extent)/height) and integer
// division. x holds the width real parts and y the height imaginary parts:
// pixel (i, j) is complex(x[i], y[j]). GridExtent gives the rectangle they
// span, for plot.Image's Extent.
func Grid(height, width int, center, extent complex128) (x, y *Array) {
	const op = "np.Grid"
	scale := gridScale(op, height, width, center, extent)
	x = newArray(op, Float64, []int{width}, "")
	for i := range x.f64 {
		x.f64[i] = real(center) + float64(i-width/2)*scale
	}
	y = newArray(op, Float64, []int{height}, "")
	for j := range y.f64 {
		y.f64[j] = imag(center) + float64(j-height/2)*scale
	}
	return x, y
}

// GridExtent is the rectangle of the complex plane a Grid of the same
// arguments spans, as (x0, x1, y0, y1): from center - (width + i·height)·scale/2
// to center + (width + i·height)·scale/2, as the lesson plots it:
//
//	plot.Image(result).Origin("lower").Extent(np.GridExtent(height, width, center, extent))
func GridExtent(height, width int, center, extent complex128) (x0, x1, y0, y1 float64) {
	scale := gridScale("np.GridExtent", height, width, center, extent)
	w, h := float64(width)*scale/2, float64(height)*scale/2
	return real(center) - w, real(center) + w, imag(center) - h, imag(center) + h
}

// gridScale is the distance between neighbouring points of a grid.
func gridScale(op string, height, width int, center, extent complex128) float64 {
	if height < 1 || width < 1 {
		throw(op, "a grid of %d×%d points is empty; give a height and a width of at least 1", height, width)
	}
	for _, v := range []float64{real(center), imag(center), real(extent), imag(extent)} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			throw(op, "center %v and extent %v must be finite", center, extent)
		}
	}
	if real(extent) < 0 || imag(extent) < 0 || extent == 0 {
		throw(op, "extent %v must have a positive width (real part) or height (imaginary part), neither negative, e.g. 3+3i", extent)
	}
	return max(real(extent)/float64(width), imag(extent)/float64(height))
}
