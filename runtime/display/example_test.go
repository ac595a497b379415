package display_test

import "gopar/runtime/display"

// Without a publisher installed, as in this ordinary Go program, Show prints
// the text/plain form of each value.
func ExampleShow() {
	display.Show(display.HTML("<b>bold</b>"), "text", 42, display.JSON([]int{1, 2}))
	// Output:
	// <b>bold</b>
	// "text"
	// 42
	// [
	//   1,
	//   2
	// ]
}

// A Handle names a display so that it can be replaced in place, for example
// to report progress.
func ExampleHandle() {
	h := display.NewHandle()
	h.Show(display.Markdown("step 1 of 2"))
	h.Update(display.Markdown("step 2 of 2"))
	// Output:
	// step 1 of 2
	// step 2 of 2
}
