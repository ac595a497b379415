package da

import (
	"testing"
	"time"
)

// reportCPU adds the CPU time per operation, which the load of other
// processes on the machine changes less than the elapsed time.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
}

func BenchmarkArangeSum1e9(b *testing.B) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		s, err := Arange(1_000_000_000).Sum().ComputeInt(Progress(false))
		if err != nil || s != 499999999500000000 {
			b.Fatal(s, err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkPi1e8(b *testing.B) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		const n = 100_000_000
		x, y := Random(1, n), Random(2, n)
		if _, err := x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero().Compute(Progress(false)); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
