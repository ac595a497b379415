package bag_test

import (
	"testing"

	"gopar/runtime/bag"
)

// The pipeline of the performance target: map, filter and a reduction of a
// million ints, as dask.bag's
// from_sequence(range(10**6)).map(double).filter(div3).sum().compute().
// cpu-ns/item, the CPU time of all cores, moves less with the machine's
// load than ns/item.
func BenchmarkMapFilterSum1e6(b *testing.B) {
	const n = 1_000_000
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	double := func(x int) int { return 2 * x }
	div3 := func(x int) bool { return x%3 == 0 }
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		s, err := bag.FromSequence(xs, 0).Map(double).Filter(div3).Sum().Compute()
		if err != nil || s != 333333666666 {
			b.Fatal(s, err)
		}
	}
	items := float64(b.N) * n
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/items, "ns/item")
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/items, "cpu-ns/item")
}
