"""The runtime packages, used from cells of a real gopar kernel without an
import line: each is preloaded under its short name."""

import re
import time

from kernel_helpers import error_text, of_type, result_text, stream_text


def test_np_eager_arrays(kernel):
    assert kernel.value("np.Arange(10).SumInt()") == "45"
    assert kernel.value("np.Arange(5).Mul(2)") == "[0 2 4 6 8]"
    assert kernel.value("np.Linspace(0, 1, 5).Mean()") == "0.5"


def test_np_too_large_is_a_clear_error(kernel):
    reply, msgs = kernel.execute("x := np.Arange(100_000_000_000)")
    assert reply["content"]["status"] == "error"
    assert "da.Arange" in error_text(reply["content"])
    assert kernel.value("1 + 1") == "2"


def test_da_chunked_arrays(kernel):
    # A sum of int64 is an exact int64, as numpy's; the mean a float64.
    assert kernel.value("s, err := da.Arange(1_000_000, da.Chunks(100_000)).Sum().Compute()\ns") == "499999500000"
    assert kernel.value("np.Arange(100_000_000).Sum()") == "4999999950000000"
    assert kernel.value("fmt.Sprintf(\"%T %.1f\", s, s)") == '"np.Scalar 499999500000.0"'
    assert kernel.value("np.Linspace(0, 1, 5).Sum()") == "2.5"
    assert kernel.value("m, _ := da.Arange(10).Mean().Compute()\nm") == "4.5"
    assert kernel.value("err == nil") == "true"
    msgs = kernel.ok("display.Show(da.Arange(100, da.Chunks(10)).Sum().Visualize())")
    shown = of_type(msgs, "display_data")
    assert shown and "image/svg+xml" in shown[0]["content"]["data"]


def test_da_two_dimensional_axis_reductions(kernel):
    # A 2-D chunked array (2 rows per chunk) and its axis reductions, lazy
    # 1-D arrays, against np's on the same data.
    kernel.ok("e := np.Arange(24).Reshape(4, 6)\nx := da.FromNp(e, da.Chunks(12))")
    assert kernel.value("x.Shape()") == "[4 6]"
    assert kernel.value("x.Chunks()") == "[2 2]"
    kernel.ok("cols, err := x.SumAxis(0).Compute()")
    assert kernel.value("err == nil") == "true"
    assert kernel.value("cols") == "[36 40 44 48 52 56]"
    assert kernel.value("cols.String() == e.SumAxis(0).String()") == "true"
    kernel.ok("rows, err := x.MeanAxis(1).Compute()")
    assert kernel.value("err == nil") == "true"
    assert kernel.value("rows.String() == e.MeanAxis(1).String()") == "true"
    # Random values, rechunked to whole rows by Reshape, and an axis
    # reduction used by further operations.
    kernel.ok("r := da.Random(1, 600, da.Chunks(100)).Reshape(20, 30)\nfull, _ := r.Compute()\nm, _ := r.MeanAxis(1).Compute()")
    assert kernel.value("m.Sub(full.MeanAxis(1)).Abs().Max() < 1e-12") == "true"
    assert kernel.value("s, _ := r.SumAxis(0).Mul(2).Sum().Compute()\nmath.Abs(s.Float() - 2*full.Sum().Float()) < 1e-9") == "true"


def test_calcpi_estimators(kernel):
    for call in ("calcpi.Loop(100_000, 1)", "calcpi.Eager(100_000, 1)",
                 "calcpi.Chunked(100_000, 0, 1)", "calcpi.Goroutines(100_000, 0, 1)"):
        v = float(kernel.value(call))
        assert abs(v - 3.14159) < 0.05, (call, v)


def test_measure_and_plot(kernel):
    assert int(kernel.value("measure.LogicalCores()")) >= 1
    assert int(kernel.value("measure.PhysicalCores()")) >= 1
    msgs = kernel.ok('p := plot.New("t").XLabel("x").YLabel("y")\np.Line("a", []float64{1, 2, 3}, []float64{1, 4, 9})\ndisplay.Show(p)')
    shown = of_type(msgs, "display_data")
    assert shown and "image/png" in shown[0]["content"]["data"]
    msgs = kernel.ok('t := plot.NewTable("n", "t")\nt.AddRow(1, 0.5)\nt.AddRow(2, 0.3)\nt')
    assert "<table" in of_type(msgs, "execute_result")[0]["content"]["data"]["text/html"]


def test_timeit_result_is_measure_type(kernel):
    kernel.ok("r := %timeit -o -q -n 10 -r 2 calcpi.Loop(1000, 1)")
    assert kernel.value("len(r.Timings)") == "2"


def test_interrupt_stops_a_long_compute(kernel):
    msg_id = kernel.kc.execute("v, err := da.Random(1, 20_000_000_000, da.Chunks(1<<22)).Sum().Compute()\nfmt.Println(err)")
    time.sleep(1.5)
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=15)
    msgs = kernel.iopub_until_idle(msg_id)
    assert time.monotonic() - t0 < 5
    # Compute returns the interrupt as its error, which the cell prints; or
    # the cell itself ends interrupted.
    text = stream_text(msgs) + error_text(reply["content"])
    assert re.search(r"interrupt", text), text
    assert kernel.value("2 * 21") == "42"


def test_cell_temporaries_are_freed(kernel):
    # Each cell makes a 400 MB array only to sum it: once the cell is done,
    # the array is garbage, so six runs do not hold six arrays.
    kernel.ok('import ("runtime"; "runtime/debug")\nbase := measure.RSS()')
    for _ in range(6):
        assert kernel.value("np.Arange(50_000_000).Sum()") == "1249999975000000"
    grown = float(kernel.value("runtime.GC()\ndebug.FreeOSMemory()\nmeasure.RSS() - base"))
    assert grown < 600, "resident memory grew by %.0f MiB over six cells" % grown
