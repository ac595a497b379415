package np

import (
	"math"
	"slices"
	"sync"
	"testing"
)

func TestTiles(t *testing.T) {
	cases := []struct {
		h, w, ny, nx int
		want         []string
	}{
		{4, 6, 1, 1, []string{"[0:4, 0:6]"}},
		{4, 6, 2, 3, []string{"[0:2, 0:2]", "[0:2, 2:4]", "[0:2, 4:6]", "[2:4, 0:2]", "[2:4, 2:4]", "[2:4, 4:6]"}},
		{5, 3, 2, 1, []string{"[0:2, 0:3]", "[2:5, 0:3]"}},
		{3, 3, 3, 3, []string{"[0:1, 0:1]", "[0:1, 1:2]", "[0:1, 2:3]", "[1:2, 0:1]", "[1:2, 1:2]", "[1:2, 2:3]", "[2:3, 0:1]", "[2:3, 1:2]", "[2:3, 2:3]"}},
	}
	for _, c := range cases {
		var got []string
		for _, tile := range Tiles(c.h, c.w, c.ny, c.nx) {
			got = append(got, tile.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Tiles(%d, %d, %d, %d) = %q, want %q", c.h, c.w, c.ny, c.nx, got, c.want)
		}
	}
	// Uneven sizes cover every element once, sizes differing by at most 1.
	const h, w = 1000, 77
	count := make([]int, h*w)
	rows, cols := map[int]bool{}, map[int]bool{}
	for _, tile := range Tiles(h, w, 7, 6) {
		rows[tile.Rows()], cols[tile.Cols()] = true, true
		for j := tile.Row0; j < tile.Row1; j++ {
			for i := tile.Col0; i < tile.Col1; i++ {
				count[j*w+i]++
			}
		}
	}
	if slices.ContainsFunc(count, func(n int) bool { return n != 1 }) {
		t.Error("the tiles do not cover the array exactly once")
	}
	if len(rows) > 2 || len(cols) > 2 {
		t.Errorf("tile heights %v, widths %v: want sizes differing by at most one", rows, cols)
	}

	for _, e := range []struct {
		f    func()
		want string
	}{
		{func() { Tiles(4, 4, 0, 2) }, "0×2 tiles: give at least one tile each way"},
		{func() { Tiles(-1, 4, 1, 1) }, "the array's size -1×4 is negative"},
		{func() { Tiles(4, 2, 2, 3) }, "cannot cut 4 rows and 2 columns into 2×3 tiles"},
	} {
		mustFail(t, "np.Tiles", e.f, e.want)
	}
}

func TestSetBlock(t *testing.T) {
	a := Zeros(3, 4)
	a.SetBlock(1, 2, FromSlice([][]float64{{1, 2}, {3, 4}}))
	a.SetBlock(0, 0, FromSlice([][]int64{{7, 8}})) // converted to float64
	if got, want := a.String(), "[[7. 8. 0. 0.]\n [0. 0. 1. 2.]\n [0. 0. 3. 4.]]"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	b := Arange(4).Reshape(2, 2)
	b.SetBlock(0, 1, FromSlice([][]float64{{-1.5}, {2.9}})) // truncated, as AsType
	if got := b.String(); got != "[[ 0 -1]\n [ 2  2]]" {
		t.Errorf("int64 SetBlock:\n%s", got)
	}

	for _, e := range []struct {
		f    func()
		want string
	}{
		{func() { a.SetBlock(2, 3, Zeros(2, 2)) }, "a block of shape (2, 2) at row 2, column 3 does not fit in an array of shape (3, 4)"},
		{func() { a.SetBlock(-1, 0, Zeros(1, 1)) }, "at row -1, column 0 does not fit"},
		{func() { a.SetBlock(0, 0, Zeros(2)) }, "not shape (2,) into shape (3, 4)"},
		{func() { a.SetBlock(0, 0, nil) }, "the block is nil"},
	} {
		mustFail(t, "Array.SetBlock", e.f, e.want)
	}
}

// TestTilesInGoroutines computes every tile in a goroutine of its own and
// writes it back with SetBlock, and again through Row, against a serial
// computation (the race detector checks the writes).
func TestTilesInGoroutines(t *testing.T) {
	const h, w = 45, 61
	f := func(j, i int) float64 { return float64(j*1000 + i) }
	want := Zeros(h, w)
	for j := range h {
		for i := range w {
			want.Set(f(j, i), j, i)
		}
	}
	viaBlocks, viaRows := Zeros(h, w), Zeros(h, w)
	var wg sync.WaitGroup
	for _, tile := range Tiles(h, w, 4, 3) {
		wg.Add(2)
		go func() {
			defer wg.Done()
			part := Zeros(tile.Rows(), tile.Cols())
			for j := range tile.Rows() {
				row := part.Row(j)
				for i := range row {
					row[i] = f(tile.Row0+j, tile.Col0+i)
				}
			}
			viaBlocks.SetBlock(tile.Row0, tile.Col0, part)
		}()
		go func() {
			defer wg.Done()
			for j := tile.Row0; j < tile.Row1; j++ {
				row := viaRows.Row(j)
				for i := tile.Col0; i < tile.Col1; i++ {
					row[i] = f(j, i)
				}
			}
		}()
	}
	wg.Wait()
	for _, got := range []*Array{viaBlocks, viaRows} {
		if !slices.Equal(got.Float64s(), want.Float64s()) {
			t.Error("tiles computed in goroutines differ from the serial result")
		}
	}
}

func TestBlock(t *testing.T) {
	a := FromSlice([][]int64{{1, 2}, {5, 6}})
	b := FromSlice([][]int64{{3}, {7}})
	c := FromSlice([][]float64{{9, 10, 11}})
	got := Block([][]*Array{{a, b}, {c}})
	checkShape(t, got, Float64, 3, 3)
	if want := "[[ 1.  2.  3.]\n [ 5.  6.  7.]\n [ 9. 10. 11.]]"; got.String() != want {
		t.Errorf("Block:\n%s\nwant\n%s", got, want)
	}
	checkShape(t, Block([][]*Array{{a, b}}), Int64, 2, 3)
	checkShape(t, Block([][]*Array{{bramp(4, 2, 2)}}), Bool, 2, 2)

	for _, e := range []struct {
		f    func()
		want string
	}{
		{func() { Block(nil) }, "no blocks given"},
		{func() { Block([][]*Array{{}}) }, "row 0 of blocks is empty"},
		{func() { Block([][]*Array{{a, c}}) }, "block [0][1] has 1 rows but block [0][0] has 2"},
		{func() { Block([][]*Array{{a}, {c}}) }, "row 1 of blocks is 3 columns wide but row 0 is 2"},
		{func() { Block([][]*Array{{a, nil}}) }, "block [0][1] is nil"},
		{func() { Block([][]*Array{{Arange(3)}}) }, "block [0][0] has shape (3,)"},
	} {
		mustFail(t, "np.Block", e.f, e.want)
	}
}

func TestGrid(t *testing.T) {
	// The lesson's first picture: 256×256 around -0.8, 3 wide and high.
	center, extent := complex(-0.8, 0), complex(3, 3)
	x, y := Grid(256, 256, center, extent)
	checkShape(t, x, Float64, 256)
	checkShape(t, y, Float64, 256)
	scale := 3.0 / 256
	for _, c := range []struct{ i, j int }{{0, 0}, {128, 128}, {255, 17}} {
		// The lesson: c = center + (i - width // 2 + 1j * (j - height // 2)) * scale
		want := center + complex(float64(c.i-128), float64(c.j-128))*complex(scale, 0)
		if got := complex(x.At(c.i), y.At(c.j)); math.Abs(real(got-want)) > 1e-15 || math.Abs(imag(got-want)) > 1e-15 {
			t.Errorf("pixel (%d, %d) = %v, want %v", c.i, c.j, got, want)
		}
	}
	x0, x1, y0, y1 := GridExtent(256, 256, center, extent)
	if x0 != -2.3 || x1 != 0.7 || y0 != -1.5 || y1 != 1.5 {
		t.Errorf("GridExtent = (%v, %v, %v, %v), want (-2.3, 0.7, -1.5, 1.5)", x0, x1, y0, y1)
	}

	// A wide picture: the scale comes from the height, so the width spans more.
	x, y = Grid(10, 40, 0, complex(1, 1))
	if got := x.At(1) - x.At(0); math.Abs(got-0.1) > 1e-15 {
		t.Errorf("step %v, want 0.1", got)
	}
	if x0, x1, y0, y1 := GridExtent(10, 40, 0, complex(1, 1)); x0 != -2 || x1 != 2 || y0 != -0.5 || y1 != 0.5 {
		t.Errorf("wide GridExtent = (%v, %v, %v, %v)", x0, x1, y0, y1)
	}

	for _, e := range []struct {
		op   string
		f    func()
		want string
	}{
		{"np.Grid", func() { Grid(0, 5, 0, 1+1i) }, "a grid of 0×5 points is empty"},
		{"np.Grid", func() { Grid(5, 5, 0, -1+1i) }, "must have a positive width"},
		{"np.Grid", func() { Grid(5, 5, 0, 0) }, "must have a positive width"},
		{"np.GridExtent", func() { GridExtent(5, 5, complex(math.NaN(), 0), 1) }, "must be finite"},
	} {
		mustFail(t, e.op, e.f, e.want)
	}
}
