"""Functions declared in plain cells run as native code, through a real
kernel: with no magic, sharing the session's variables, rebound when
declared again, interruptible, with panics in cell coordinates, falling back
to the interpreter (and saying why in %native) where they cannot be built."""

import os
import time

from kernel_helpers import Kernel, error_text, stream_text

BUILD = 300  # a first build of the runtime in plugin mode may be slow


def run(kernel, code, timeout=BUILD):
    reply, msgs = kernel.execute(code, timeout=timeout)
    assert reply["content"]["status"] == "ok", error_text(reply["content"])
    return stream_text(msgs)


def native_status(kernel):
    """%native as {name: "native" or why not}."""
    out = run(kernel, "%native")
    status = {}
    for line in out.splitlines():
        how, name, rest = (line.split(None, 2) + ["", ""])[:3]
        status[name] = "native" if how == "native" else rest
    return status


def test_plain_functions_run_native_and_share_variables(kernel):
    # n is also a session variable: the parameter n of sumRange is not it.
    run(kernel, "counter := 0\nscale := 2\nn := 5")
    run(kernel, "const offset = 1\n\n"
                "// sumRange adds 0..n-1, as the workshop's sum_range.\n"
                "func sumRange(n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t}\n"
                "\tcounter++\n\treturn s*scale + offset\n}")
    assert native_status(kernel)["sumRange"] == "native"
    assert kernel.value("sumRange(10_000_000)") == "99999990000001"
    # The native code changed the interpreter's counter, and sees a new
    # value of scale.
    assert kernel.value("counter") == "1"
    run(kernel, "scale = 1")
    assert kernel.value("sumRange(4)") == "7"
    assert kernel.value("counter") == "2"
    # counter declared again: the native code follows it.
    run(kernel, "counter := 10")
    kernel.value("sumRange(1)")
    assert kernel.value("counter") == "11"


def test_function_without_loops_shares_variables(kernel):
    run(kernel, "hits := 0\nfunc bump() int { hits++; return hits }")
    assert native_status(kernel)["bump"] == "native"
    assert kernel.value("bump()") == "1"
    # Other declarations leave the shared variable where it is; declaring
    # it again moves the native code to the new one.
    run(kernel, "a, b := 1, 2\nvar big = make([]int, 1000)")
    assert kernel.value("bump()") == "2"
    run(kernel, "hits := 100")
    assert kernel.value("bump()") == "101"
    # Another type: back to the interpreter, and %native says so.
    run(kernel, 'hits := "many"')
    assert "changed its type" in native_status(kernel)["bump"]


def test_redefinition_rebinds_every_caller(kernel):
    run(kernel, "func base(n int) int { return n }\nfunc twice(n int) int { return 2 * base(n) }")
    assert kernel.value("twice(4)") == "8"
    run(kernel, "func base(n int) int { return n + 1 }")
    assert kernel.value("twice(4)") == "10"
    assert native_status(kernel) == {"base": "native", "twice": "native"}
    # An interpreted caller reaches the new definition too.
    run(kernel, "type box struct{ n int }\nfunc viaBox(b box) int { return base(b.n) }")
    assert kernel.value("viaBox(box{4})") == "5"
    run(kernel, "func base(n int) int { return n + 2 }")
    assert kernel.value("viaBox(box{4}) + twice(4)") == "18"
    # A new signature: twice no longer fits, and runs interpreted until its
    # cell runs again.
    run(kernel, "func base(n, k int) int { return n * k }")
    status = native_status(kernel)
    assert status["base"] == "native" and "base" in status["twice"], status
    run(kernel, "func twice(n int) int { return 2 * base(n, 3) }")
    assert native_status(kernel)["twice"] == "native"
    assert kernel.value("twice(4)") == "24"


def test_what_cannot_be_native_runs_interpreted_and_says_why(kernel):
    # A field of interface type keeps Point interpreted.
    run(kernel, "type Point struct {\n\tX, Y float64\n\tNote any\n}")
    run(kernel, "func norm(p Point) float64 { return p.X*p.X + p.Y*p.Y }\n"
                "func normXY(x, y float64) float64 { return norm(Point{x, y, nil}) }\n"
                "func normOf(x float64) float64 { return normXY(x, 0) }\n"
                "func first[T any](xs []T) T { return xs[0] }\n"
                "var op = func(x int) int { return x + 1 }\n"
                "func apply(x int) int { return op(x) }\n"
                "func fine(x int) int { return x * x }\n"
                "func quit() { os.Exit(3) }\n"
                "func ask() string { var s string; fmt.Scanln(&s); return s }")
    status = native_status(kernel)
    assert "type Point" in status["norm"], status
    assert "calls normXY" in status["normOf"], status
    assert "generic" in status["first"], status
    assert "variable op" in status["apply"], status
    assert status["fine"] == "native", status
    assert "os.Exit" in status["quit"] and "standard input" in status["ask"], status
    # os.Exit, interpreted, ends the cell and not the kernel.
    reply, _ = kernel.execute("quit()")
    assert reply["content"]["ename"] == "Exit", reply["content"]
    assert kernel.value("normOf(3) + float64(first([]int{4})) + float64(apply(1)) + float64(fine(2))") == "19"


def test_interrupt_stops_a_native_loop_and_keeps_state(kernel):
    run(kernel, "kept := 42\nfunc spin() int {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}")
    assert native_status(kernel)["spin"] == "native"
    reply, seconds = kernel.interrupt_running("spin()")
    assert seconds < 2
    assert reply["content"]["status"] == "error"
    assert "Interrupt" in error_text(reply["content"])
    assert kernel.value("kept") == "42"
    # The loop itself ended: the kernel has a core free again.
    cpu0 = _cpu_seconds(kernel.pid)
    time.sleep(1.0)
    assert _cpu_seconds(kernel.pid) - cpu0 < 0.5


def _cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_panics_report_cell_lines_and_the_kernel_lives(kernel):
    reply, _ = kernel.execute("func at(i int) int {\n\txs := []int{1, 2}\n\treturn xs[i]\n}\n"
                              "func outer(i int) int { return at(i) + 1 }\n"
                              "func background() {\n\tgo func() {\n\t\tvar m map[string]int\n\t\tm[\"a\"] = 1\n\t}()\n}")
    decl = reply["content"]["execution_count"]
    reply, _ = kernel.execute("outer(5)", timeout=BUILD)
    c = reply["content"]
    assert c["status"] == "error" and c["evalue"] == "runtime error: index out of range [5] with length 2", c
    tb = "\n".join(c["traceback"])
    assert "In [%d], line 3, in at" % decl in tb and "In [%d], line 5, in outer" % decl in tb, tb
    _, msgs = kernel.execute("background()\ntime.Sleep(200 * time.Millisecond)")
    err = stream_text(msgs, "stderr")
    assert "panic in a goroutine: assignment to entry in nil map" in err, err
    assert "In [%d], line 9" % decl in err, err
    assert kernel.value("outer(0)") == "2"


def test_runaway_recursion_ends_the_cell_not_the_kernel(kernel):
    run(kernel, "kept := 7\nfunc rec(n int) int { return rec(n+1) + 1 }\n"
                "func even(n int) bool { if n == 0 { return true }; return odd(n - 1) }\n"
                "func odd(n int) bool { if n == 0 { return false }; return even(n - 1) }\n"
                "func deep(n int) int { if n == 0 { return 0 }; return deep(n-1) + 1 }")
    status = native_status(kernel)
    assert all(status[f] == "native" for f in ("rec", "even", "odd", "deep")), status
    for call, frames in (("rec(0)", ["line 2, in rec"]), ("even(1_000_000)", ["line 4, in odd", "line 3, in even"])):
        reply, _ = kernel.execute(call, timeout=30)
        c = reply["content"]
        assert c["status"] == "error" and c["ename"] == "RecursionError", c
        assert "200000 calls deep" in c["evalue"], c["evalue"]
        tb = "\n".join(c["traceback"])
        # The repeating frames once, then the cell's own line.
        for f in frames:
            assert tb.count(f) == 1, tb
        assert "repeat" in tb, tb
    # Deep recursion that fits still works, and the session lives on.
    assert kernel.value("deep(100_000) + kept") == "100007"


def test_native_code_is_cached_across_kernels(gopar_env):
    code = "func cachedSquare(x int) int { return x * x * 3 }"
    cache = os.path.join(os.environ["GOPAR_JIT_CACHE"], "plugins")
    for attempt in range(2):
        k = Kernel()
        try:
            run(k, code)
            assert native_status(k)["cachedSquare"] == "native"
            assert k.value("cachedSquare(3)") == "27"
            plugins = sorted(os.listdir(cache))
        finally:
            k.close()
        if attempt == 0:
            first = plugins
    assert plugins == first


def test_native_can_be_turned_off(gopar_env):
    os.environ["GOPAR_NATIVE"] = "0"
    try:
        k = Kernel()
    finally:
        del os.environ["GOPAR_NATIVE"]
    try:
        run(k, "func f(x int) int { return x + 1 }")
        out = run(k, "%native")
        assert "GOPAR_NATIVE=0" in out and "interpreted" in out, out
        assert k.value("f(1)") == "2"
    finally:
        k.close()
