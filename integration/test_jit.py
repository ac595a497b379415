"""%%jit through a real kernel: functions compiled by the Go toolchain,
bound by name, rebound, cached across restarts, with errors in cell
coordinates and interrupts through the runtime's interrupt package."""

import os
import time

from kernel_helpers import Kernel, error_text, stream_text

CALC_PI = """%%jit
import "math/rand/v2"

// calcPi estimates pi from n random points, as the workshop's calc_pi.
func calcPi(n int, seed uint64) float64 {
\tr := rand.NewPCG(seed, 1)
\tm := 0
\tfor range n {
\t\tx := float64(r.Uint64()>>11) / (1 << 53)
\t\ty := float64(r.Uint64()>>11) / (1 << 53)
\t\tif x*x+y*y < 1 {
\t\t\tm++
\t\t}
\t}
\treturn 4 * float64(m) / float64(n)
}

func sumRange(n int) int {
\ts := 0
\tfor i := range n {
\t\ts += i
\t}
\treturn s
}
"""


def test_jit_functions_are_correct_and_rebound(kernel):
    kernel.ok(CALC_PI, timeout=300)
    assert kernel.value("sumRange(10_000_000)") == "49999995000000"
    pi = float(kernel.value("calcPi(1_000_000, 7)"))
    assert abs(pi - 3.14159) < 0.01, pi
    # Reproducible with a seed; a function of a later cell calls earlier ones
    # and uses the runtime's packages without an import line.
    assert kernel.value("calcPi(1000, 3) == calcPi(1000, 3)") == "true"
    kernel.ok("%%jit\nfunc both(n int) float64 { return float64(sumRange(n)) + np.Arange(n).Sum().Float() }", timeout=300)
    assert kernel.value("both(4)") == "12"
    # Declaring sumRange again rebinds it, also for both, even with a new
    # signature.
    kernel.ok("%%jit\nfunc sumRange(n int) int { return n * (n - 1) / 2 }", timeout=300)
    assert kernel.value("sumRange(10_000_000)") == "49999995000000"
    assert kernel.value("both(4)") == "12"
    kernel.ok("%%jit\nfunc sumRange(n int, k int) int { return k }\nfunc both(n int) float64 { return float64(sumRange(n, 1)) }", timeout=300)
    assert kernel.value("sumRange(1, 5)") == "5"
    assert kernel.value("both(4)") == "1"
    # Jitted functions are values cells can pass around.
    assert kernel.value("f := calcPi\nf(100, 1) > 2") == "true"


def test_jit_errors_point_at_the_cell(kernel):
    kernel.ok("counter := 3")
    cases = [
        ("%%jit\nfunc f(n int) int {\n\treturn n + counter\n}", "CompileError",
         ["line 3, col 13: undefined: counter", "pass the value as an argument"]),
        ("%%jit\nfunc f(n int) string {\n\treturn n\n}", "CompileError", ["line 3, col 9: cannot use n"]),
        ("%%jit\nx := 3", "CompileError", ["line 2, col 1: expected declaration", "only declarations"]),
        ("%%jit\nconst k = 2", "JITError", ["declares no function"]),
        ("%%jit -O2\nfunc f() {}", "UsageError", ["unknown option"]),
    ]
    for code, ename, parts in cases:
        reply, _ = kernel.execute(code, timeout=300)
        content = reply["content"]
        assert content["status"] == "error", code
        text = error_text(content)
        assert content["ename"] == ename, text
        for part in parts:
            assert part in text, (part, text)
    # The kernel and its state live on.
    assert kernel.value("counter") == "3"


def test_jit_cache_survives_a_restart(gopar_env):
    code = "%%jit -v\nfunc cachedTwice(n int) int { return 3 * n }"
    first = Kernel()
    try:
        out = stream_text(first.ok(code, timeout=300))
        assert first.value("cachedTwice(5)") == "15"
    finally:
        first.close()
    second = Kernel()
    try:
        t0 = time.monotonic()
        again = stream_text(second.ok(code, timeout=300))
        elapsed = time.monotonic() - t0
        assert "loaded from the cache" in again, (out, again)
        assert second.value("cachedTwice(5)") == "15"
    finally:
        second.close()
    assert elapsed < 5, elapsed  # a loose bound: no build happened
    # Plugins are in the cache directory, nothing in the working directory.
    plugins = os.listdir(os.path.join(os.environ["GOPAR_JIT_CACHE"], "plugins"))
    assert any(p.endswith(".so") for p in plugins), plugins
    assert not [p for p in os.listdir(".") if p.endswith(".so")]


def test_jit_plain_loop_is_interruptible(kernel):
    # No check written by the user: the kernel adds one to every loop.
    kernel.ok("%%jit\nfunc forever() int {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}", timeout=300)
    reply, seconds = kernel.interrupt_running("forever()")
    assert seconds < 2
    assert reply["content"]["status"] == "error"
    assert "Interrupt" in error_text(reply["content"])
    assert kernel.value("2 * 21") == "42"


def test_jit_runaway_recursion_ends_the_cell(kernel):
    kernel.ok("kept := 5", timeout=60)
    kernel.ok("%%jit\nfunc rec(n int) int { return rec(n+1) + 1 }\n"
              "func deep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deep(n-1) + 1\n}", timeout=300)
    reply, _ = kernel.execute("rec(0)", timeout=30)
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "RecursionError", c
    assert "\n".join(c["traceback"]).count("in rec") == 1, c["traceback"]
    assert kernel.value("deep(100_000) + kept") == "100005"


def test_jit_call_is_interruptible(kernel):
    kernel.ok("""%%jit
func spin() int {
\tn := 0
\tfor !interrupt.Interrupted() {
\t\tfor range 1_000_000 {
\t\t\tn++
\t\t}
\t}
\treturn n
}""", timeout=300)
    reply, seconds = kernel.interrupt_running("spin()")
    assert seconds < 2
    assert reply["content"]["status"] == "error"
    assert "Interrupt" in error_text(reply["content"])
    assert kernel.value("2 * 21") == "42"
