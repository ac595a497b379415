"""Package delayed from cells of a real kernel: the cells and challenges of
the lesson's episode "Delayed evaluation" (dask.delayed), written in Go."""

import re
import time

from kernel_helpers import error_text, of_type, result_text, stream_text

ADD = """
func addPlain(a, b int) int {
	result := a + b
	fmt.Printf("%d + %d = %d\\n", a, b, result)
	return result
}
"""

KEY = r"Delayed\('addPlain-[0-9a-f]{16}'\)"


def computed(kernel, code):
    """Run a cell ending in a Compute call; its output and its value."""
    msgs = kernel.ok(code)
    return stream_text(msgs), result_text(msgs)


def test_lesson_workflow(shared_kernel):
    k = shared_kernel
    k.ok('import "fmt"')
    k.ok(ADD)
    # @delayed: add is a function that makes promises.
    k.ok("add := delayed.Func(addPlain)\nx_p := add(1, 2)")
    assert k.value('fmt.Sprintf("%T", x_p)') == '"*delayed.Delayed"'
    assert re.fullmatch(KEY, k.value("x_p"))
    # Nothing ran yet; Compute runs it.
    assert computed(k, "x_p.Compute()") == ("1 + 2 = 3\n", "(3, <nil>)")

    # The workflow, drawn left to right: three tasks, results as boxes.
    msgs = k.ok('y_p := add(x_p, 3)\nz_p := add(x_p, y_p)\nz_p.Visualize("LR")')
    data = of_type(msgs, "execute_result")[0]["content"]["data"]
    svg = data["image/svg+xml"]
    assert svg.startswith("<svg") and svg.count("<ellipse") == 3 and svg.count("<polygon") >= 3
    assert data["text/plain"] == "task graph: 3 tasks, 3 values, 6 edges"

    # The challenge: x_p is computed once, though y_p and z_p both use it.
    assert computed(k, "z_p.Compute()") == ("1 + 2 = 3\n3 + 3 = 6\n3 + 6 = 9\n", "(9, <nil>)")
    # Computed separately, y_p and z_p each compute x_p; together, once.
    k.ok("z_p = add(x_p, -3)")
    out, value = computed(k, "y_p.Compute()\nz_p.Compute()")
    assert out.count("1 + 2 = 3") == 2 and value == "(0, <nil>)"
    out, value = computed(k, "delayed.Compute(y_p, z_p)")
    assert out.count("1 + 2 = 3") == 1 and value == "([6 0], <nil>)"


def test_gather(shared_kernel):
    k = shared_kernel
    k.ok('import "fmt"')
    k.ok(ADD)
    k.ok("ds := []*delayed.Delayed{}\nfor n := range 10 {\n\tds = append(ds, delayed.Call(addPlain, n, n))\n}")
    out, value = computed(k, "x_p := delayed.Gather(ds...)\nx_p.Compute()")
    assert value == "([0 2 4 6 8 10 12 14 16 18], <nil>)"
    assert sorted(out.splitlines()) == sorted("%d + %d = %d" % (n, n, 2 * n) for n in range(10))
    # The lesson's own gather, a delayed function of its arguments.
    k.ok("gather := delayed.Func(func(args ...any) []any { return args })")
    k.ok("ps := make([]any, 10)\nfor n := range 10 {\n\tps[n] = delayed.Call(addPlain, n, n)\n}\ng_p := gather(ps...)")
    assert computed(k, "g_p.Compute()")[1] == "([0 2 4 6 8 10 12 14 16 18], <nil>)"
    msgs = k.ok("g_p.Visualize()")
    svg = of_type(msgs, "execute_result")[0]["content"]["data"]["image/svg+xml"]
    assert svg.count("<ellipse") == 11


def test_calc_pi_and_mean(shared_kernel):
    k = shared_kernel
    k.ok(
        """
import "math/rand/v2"

func calcPi(N int) float64 {
	M := 0
	for i := 0; i < N; i++ {
		x := rand.Float64()*2 - 1
		y := rand.Float64()*2 - 1
		if x*x+y*y < 1 {
			M++
		}
	}
	return 4 * float64(M) / float64(N)
}

func mean(xs ...float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
"""
    )
    k.ok("N := 1_000_000\nx_p := delayed.Call(calcPi, N)")
    k.ok("v, err := x_p.Compute()")
    assert k.value("err") == "<nil>"
    assert abs(float(k.value("v")) - 3.14159) < 0.05
    # The challenge: the mean of ten estimates, in one promise; and with
    # the runtime's calcpi.
    for estimate in ("delayed.Call(calcPi, N)", "delayed.Call(calcpi.Loop, N, i)"):
        k.ok(
            "pis := make([]any, 10)\nfor i := range pis {\n\tpis[i] = %s\n}\n"
            "pi_p := delayed.Func(mean)(pis...)\nm, err := pi_p.Compute()" % estimate
        )
        assert k.value("err") == "<nil>"
        assert abs(float(k.value("m")) - 3.14159) < 0.01
    # Named gives a cell's function its name in the graph and the keys.
    assert re.fullmatch(r"Delayed\('calc_pi-[0-9a-f]{16}'\)", k.value('delayed.Named("calc_pi", calcPi)(N)'))
    msgs = k.ok('delayed.Named("calc_pi", calcPi)(N).Visualize()')
    assert ">calc_pi</text>" in of_type(msgs, "execute_result")[0]["content"]["data"]["image/svg+xml"]


def test_names_of_cell_functions(shared_kernel):
    k = shared_kernel
    # A cell's function passed from a cell reaches the package as the
    # compiled function itself: its tasks carry its name.
    k.ok("func addInts(a, b int) int { return a + b }")
    assert re.fullmatch(r"Delayed\('addInts-[0-9a-f]{16}'\)", k.value("delayed.Call(addInts, 1, 2)"))
    msgs = k.ok("delayed.Call(addInts, 1, 2).Visualize()")
    assert ">addInts</text>" in of_type(msgs, "execute_result")[0]["content"]["data"]["image/svg+xml"]
    # A function literal has no name: its tasks are named after its type.
    assert re.fullmatch(r"Delayed\('func-[0-9a-f]{16}'\)", k.value("delayed.Call(func(a, b int) int { return a * b }, 1, 2)"))
    # Passed from a function the kernel compiled, it keeps its name.
    k.ok("func build() *delayed.Delayed { return delayed.Call(addInts, delayed.Call(addInts, 1, 2), 4) }")
    assert "native  build" in stream_text(k.ok("%native"))
    assert re.fullmatch(r"Delayed\('addInts-[0-9a-f]{16}'\)", k.value("b := build()\nb"))
    assert k.value("b.Compute()") == "(7, <nil>)"


def test_mistakes_are_clear_errors(shared_kernel):
    k = shared_kernel
    k.ok('import "fmt"')
    k.ok(ADD)
    k.ok("add := delayed.Func(addPlain)")
    # A bad call shows its error at once, and Compute returns it.
    shown = k.value('bad := add(1, "two")\nbad')
    assert re.match(KEY, shown) and 'cannot use "two" (string) as int' in shown
    for code, message in (
        ("bad.Compute()", 'argument 2 of addPlain: cannot use "two" (string) as int'),
        ("add(1, 2, 3).Compute()", "takes 2 arguments, got 3"),
        ("delayed.Call(5, 1).Compute()", "5 (int) is not a function"),
        ("add(add(1, 2), 2.5).Compute()", "cannot use 2.5 (float64) as int"),
        ("delayed.Call(func(a, b int) int { return a / b }, 1, 0).Compute()", "panicked: runtime error: integer divide by zero"),
        ('delayed.Call(func() (int, error) { return 0, fmt.Errorf("no data") }).Compute()', "failed: no data"),
        ("delayed.Call(calcpi.Loop, 0, 1).Compute()", "task pi.Loop"),
    ):
        out, value = computed(k, code)
        assert value.startswith("(<nil>, delayed: ") and message in value, (code, value)
    # The kernel lives on, with its variables.
    assert computed(k, "add(20, 22).Compute()") == ("20 + 22 = 42\n", "(42, <nil>)")
    assert k.value("1 + 1") == "2"


def test_interrupt_stops_a_long_compute(kernel):
    k = kernel
    k.ok('import "fmt"')
    msg_id = k.kc.execute(
        "ds := []*delayed.Delayed{}\nfor i := range 40 {\n\tds = append(ds, delayed.Call(calcpi.Loop, 200_000_000, i))\n}\n"
        "v, err := delayed.Gather(ds...).Compute()\nfmt.Println(err)"
    )
    time.sleep(2.5)
    t0 = time.monotonic()
    k.km.interrupt_kernel()
    reply = k.shell_reply(msg_id, timeout=15)
    msgs = k.iopub_until_idle(msg_id)
    assert time.monotonic() - t0 < 5
    # The progress bar was shown, in place, and says how it ended.
    bars = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    assert bars and re.search(r"/41 tasks", bars[0]), bars
    text = stream_text(msgs) + error_text(reply["content"])
    assert re.search(r"interrupt", text, re.I), text
    assert k.value("2 * 21") == "42"
