package magics

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gopar/runtime/display"
	"gopar/runtime/measure"
)

func init() {
	register(&Magic{Name: "monitor", Help: monitorHelp, Cell: monitor})
}

const monitorHelp = `%%monitor [-i<I>]
code...

Run the cell while showing how busy each CPU core is, as a system
monitor does.

Above the cell's output, a bar per logical core shows its load in
percent, updated in place after every sample. When the cell ends, also
with an error or by the interrupt button, the bars become a plot of each
core's load over time: one line per core, seconds across, percent up.
The cell's own output, errors and result are what they are without the
magic; its lines below the magic are a cell of their own, where line
magics (%time ...) and shell lines work too. The load is the whole
machine's: other programs' work counts too.

The load is read from /proc/stat on Linux and from the processors'
counters on Windows; elsewhere the cell runs without the monitor, and a
note says so. In a cell, measure.MonitorCores(f, interval) does the same
for a function, and measure.CoreLoads(interval) gives the loads now.

Options:
-i<I>: sample every <I> seconds, from 0.05 to 3600. Default: 0.25

Examples
--------
  %%monitor -i 0.1
  calcpi.Goroutines(200_000_000, 2, 1)
`

// defaultMonitorInterval samples four times a second, as system
// monitors refresh.
const defaultMonitorInterval = 0.25

// coreMonitor is what %%monitor needs of a *measure.CoreMonitor.
type coreMonitor interface {
	Stop() *measure.CoreHistory
}

// startCoreMonitor starts watching the cores; tests replace it.
var startCoreMonitor = func(interval float64) (coreMonitor, error) {
	m, err := measure.StartCoreMonitor(interval)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// monitor is %%monitor: the body runs as a cell while a
// measure.CoreMonitor shows the cores' load, live and then as a plot.
func monitor(ctx context.Context, env Env, args, body string, line int) (*Result, error) {
	interval, err := monitorOptions(args)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(body) == "" {
		return nil, usageError("%%%%monitor needs the code to watch on the lines below it, as in:\n%%%%monitor\ncalcpi.Goroutines(200_000_000, 2, 1)")
	}
	m, err := startCoreMonitor(interval)
	if err != nil {
		reason := err.Error()
		if e := (*measure.Error)(nil); errors.As(err, &e) {
			reason = e.Msg
		}
		fmt.Fprintf(env.Stderr(), "%%%%monitor: no per-core load here: %s. The cell runs without the monitor.\n", reason)
		m = nil
	}
	out, err := func() (*display.Bundle, error) {
		if m != nil {
			defer m.Stop() // also when the code panics
		}
		// The body is a cell of its own, line magics and shell lines
		// included, whose lines keep their numbers in the whole cell.
		return RunCell(ctx, env, strings.Repeat("\n", max(line-1, 0))+body)
	}()
	if err != nil {
		return nil, err
	}
	return &Result{Display: out}, nil
}

// monitorOptions reads %%monitor's line: -i and nothing else.
func monitorOptions(args string) (interval float64, err error) {
	opts, rest, err := parseOptions(args, "i:")
	if err != nil {
		return 0, err
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		return 0, usageError("%%%%monitor takes only options on its line, not %q: the code to watch goes on the lines below (usage: %%%%monitor [-i SECONDS])", rest)
	}
	v, ok := opts['i']
	if !ok {
		return defaultMonitorInterval, nil
	}
	interval, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || !(interval >= measure.MinCoreInterval && interval <= measure.MaxCoreInterval) {
		return 0, usageError("%%%%monitor: -i takes the seconds between samples, from %g to %g, not %q",
			measure.MinCoreInterval, float64(measure.MaxCoreInterval), v)
	}
	return interval, nil
}
