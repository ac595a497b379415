// Package bag is a parallel collection of arbitrary items split into
// partitions, as dask.bag is: map, filter and reduce lazily, compute on all
// cores.
//
// A [Bag] is made from a slice with [FromSequence] (or from text files with
// [ReadText]). Its operations return new bags and run nothing: [Bag.Map],
// [Bag.Filter], [Bag.Pluck], [Bag.Flatten], [Bag.GroupBy],
// [Bag.Frequencies] and [Bag.TopK]. Reductions give an [Item], a lazy
// single value: [Bag.Sum], [Bag.Count], [Bag.Mean] and [Bag.Reduction].
// Compute runs the work:
//
//	b := bag.FromSequence([]string{"mary", "had", "a", "little", "lamb"}, 0)
//	upper, err := b.Map(strings.ToUpper).Compute()  // [MARY HAD A LITTLE LAMB] <nil>
//	n, err := b.Filter(func(w string) bool { return strings.Contains(w, "a") }).Count().Compute() // 4 <nil>
//
// Functions. Map, Filter and the key of GroupBy and TopK take any Go
// function of one parameter and one result (and optionally an error as a
// second result, which fails the computation when not nil): strings.ToUpper,
// func(int) bool, func(any) any. The items are given to it as its
// parameter's type asks: as they are when they fit, a number converted to
// another numeric type when its value stays the same (an int to a float64);
// anything else is an error that names the operation and the item. The
// usual shapes (func(int) int, func(string) string, func(float64) bool,
// func(any) any, ...) are called directly, without reflect, over typed
// partitions ([]int, []string), so a pipeline on a million ints takes
// milliseconds.
//
// Computing. The partitions are computed in parallel on
// runtime.GOMAXPROCS(0) goroutines, each partition through all the
// operations that need no other partition (map, filter, pluck, flatten and
// the first step of a reduction) at once. A computation stops at the first
// error (an error result, or a panic of a function, reported with the
// operation, the partition and the item) and when the notebook cell is
// interrupted. A computation longer than a second shows a progress bar.
//
// Mistakes (a value that is not a function, a function of the wrong
// shape, a slice that is not one) never panic: the bag keeps the error,
// shows it, and Compute returns it before running anything.
//
// Drawing. [Bag.Visualize] and [Item.Visualize] draw the task graph as
// dask's visualize does: one task per partition per operation, and for a
// reduction the per-partition tasks ("sum-part") feeding one aggregate
// ("sum-aggregate").
//
// Text. The package ships a short English text for word counts, [Text],
// and splits text into words with [Words]:
//
//	text, _ := bag.Text("kitchen")
//	words := bag.FromSequence(strings.Split(text, "\n"), 0).Map(bag.Words).Flatten()
//	top, err := words.Frequencies().TopK(5, "Value").Compute()
package bag
