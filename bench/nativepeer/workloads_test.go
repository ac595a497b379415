package nativepeer

import (
	"math"
	"testing"
)

func TestWorkloads(t *testing.T) {
	if got := sumRange(10_000_000); got != 49999995000000 {
		t.Errorf("sumRange(10_000_000) = %d", got)
	}
	for _, got := range []float64{calcPi(1_000_000), calcPiGo(1_000_000, 1), calcPiGo(1_000_001, 3)} {
		if math.Abs(got-math.Pi) > 0.01 {
			t.Errorf("pi estimate %v", got)
		}
	}
}

var sink float64

func BenchmarkCalcPi(b *testing.B) {
	for b.Loop() {
		sink += calcPi(1_000_000)
	}
}

func BenchmarkSumRange(b *testing.B) {
	for b.Loop() {
		sink += float64(sumRange(10_000_000))
	}
}
