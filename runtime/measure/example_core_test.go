package measure_test

import (
	"fmt"
	"sync"
	"time"

	"gopar/runtime/measure"
)

// What a system monitor shows while two goroutines keep two cores busy:
// in a notebook, a bar per core while f runs, then the plot.
func ExampleMonitorCores() {
	spin := func(d time.Duration) {
		for end := time.Now().Add(d); time.Now().Before(end); {
		}
	}
	h := measure.MonitorCores(func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); spin(time.Second) }()
		}
		wg.Wait()
	}, 0.25)
	fmt.Println(h) // the mean and peak load of each core
}

// How busy each core is now, over a quarter of a second, as
// psutil.cpu_percent(0.25, percpu=True).
func ExampleCoreLoads() {
	fmt.Println(measure.CoreLoads(0.25)) // [97 12 100 3]: one per core, in percent
}
