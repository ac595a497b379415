package plot_test

import (
	"fmt"

	"gopar/runtime/display"
	"gopar/runtime/plot"
)

// The workshop's memory figure (fig/memory.png): memory over time of a
// numpy sum, which holds the whole array, and of a dask sum, which works
// in chunks. In the workshop:
//
//	plt.plot(memory_numpy, label='numpy')
//	plt.plot(memory_dask, label='dask')
//	plt.xlabel('Time step')
//	plt.ylabel('Memory / MB')
//	plt.legend()
func ExamplePlot_memory() {
	// What measure.MemoryUsage(f, 0.01) returns, in MiB.
	memoryNumpy := []float64{110, 110, 160, 215, 280, 345, 420, 500, 580, 660, 740, 820, 870, 870, 870, 870, 870, 870, 870, 110, 110}
	memoryDask := []float64{110, 110, 150, 185, 110}

	p := plot.New("").XLabel("Time step").YLabel("Memory / MiB")
	p.Line("numpy", nil, memoryNumpy) // nil: x is the sample number
	p.Line("dask", nil, memoryDask)
	display.Show(p)
	// Output: <plot>
}

// The workshop's more-cores figure (fig/more-cores.svg): run time against
// the number of dask workers on a machine with 8 logical, 4 physical
// cores. In the workshop:
//
//	data = pd.DataFrame({'n': range(1,9), 't': x})
//	data.set_index('n').plot()
func ExampleTable_moreCores() {
	// Seconds for n = 1..8 workers, as measure.Scaling(...).Seconds.
	x := []float64{9.74, 5.65, 4.83, 4.56, 4.86, 5.11, 5.14, 5.46}

	data := plot.NewTable()
	data.AddColumn("n", []int{1, 2, 3, 4, 5, 6, 7, 8})
	data.AddColumn("t", x)
	display.Show(data, data.Plot("n").SVG())
	// Output:
	//    n     t
	// 0  1  9.74
	// 1  2  5.65
	// 2  3  4.83
	// 3  4  4.56
	// 4  5  4.86
	// 5  6  5.11
	// 6  7  5.14
	// 7  8  5.46
	// <plot>
}

func ExamplePlot_Bar() {
	p := plot.New("Sum of 10⁸ numbers").YLabel("seconds")
	p.Bar("serial", []string{"loop", "numpy", "dask"}, []float64{8.2, 0.35, 0.12})
	p.Bar("parallel", []string{"loop", "numpy", "dask"}, []float64{2.3, 0.35, 0.05})
	display.Show(p)
	// Output: <plot: Sum of 10⁸ numbers>
}

func ExamplePlot_LogX() {
	sizes := []int{1e3, 1e4, 1e5, 1e6, 1e7}
	seconds := []float64{2e-6, 1.9e-5, 2.1e-4, 2.3e-3, 2.4e-2}
	p := plot.New("Run time").XLabel("n").YLabel("seconds").LogX().LogY()
	p.Scatter("measured", sizes, seconds)
	display.Show(p)
	// Output: <plot: Run time>
}

// The workshop's serial sum (fig/serial.png) as a dependency diagram: each
// addition waits for the one before.
func ExampleDiagram() {
	d := plot.NewDiagram("serial sum")
	d.Func("zero", "zero").Data("v0", "0")
	d.Chain("zero", "v0")
	prev := "v0"
	for i, total := range []int{1, 3, 6, 10} {
		add, v := "add"+string(rune('1'+i)), "v"+string(rune('1'+i))
		d.Func(add, "add").Data(v, fmt.Sprint(total)).Chain(prev, add, v)
		prev = v
	}
	display.Show(d) // SVG in a notebook; text here
	// Output: <diagram: serial sum, 10 nodes, 9 arrows>
}
