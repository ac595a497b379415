package delayed

import "testing"

func inc(x int) int { return x + 1 }

// BenchmarkIndependentTasks builds and computes a graph of 10,000 tiny
// independent tasks and one that gathers them; ns/task is the cost of a
// task, building included. dask.delayed takes about 130 µs a task for the
// same graph (its threaded scheduler, on the same machine).
func BenchmarkIndependentTasks(b *testing.B) {
	const n = 10_000
	b.ReportAllocs()
	f := Func(inc)
	ds := make([]*Delayed, n)
	for b.Loop() {
		for i := range ds {
			ds[i] = f(i)
		}
		v, err := Gather(ds...).Compute()
		if err != nil || len(v.([]any)) != n || v.([]any)[n-1] != n {
			b.Fatal(v, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(n+1), "ns/task")
}

// BenchmarkChain is a chain of 10,000 tasks, each taking the last one's
// result: nothing to run in parallel, and no trip through the queue.
func BenchmarkChain(b *testing.B) {
	const n = 10_000
	b.ReportAllocs()
	f := Func(inc)
	for b.Loop() {
		d := Value(0)
		for range n {
			d = f(d)
		}
		if v, err := d.Compute(); err != nil || v != n {
			b.Fatal(v, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/task")
}
