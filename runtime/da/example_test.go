package da_test

import (
	"fmt"

	"gopar/runtime/da"
)

// A 2-D array is cut into chunks of whole rows; its axis reductions are
// lazy 1-D arrays that other operations can use.
func ExampleArray_SumAxis() {
	x := da.Arange(12, da.Chunks(4)).Reshape(3, 4) // chunks of one row
	fmt.Println(x)
	cols, _ := x.SumAxis(0).Compute()
	rows, _ := x.MeanAxis(1).Compute()
	total, _ := x.SumAxis(0).Mul(2).Sum().Compute()
	fmt.Println(cols, rows, total)
	// Output:
	// da.Array<shape=(3, 4), dtype=int64, chunks=(1, 4), tasks=3>
	// [12 15 18 21] [1.5 5.5 9.5] 132
}
