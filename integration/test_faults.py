"""The fault corpus: each fault runs in one kernel, after which the kernel
must answer and the variables set before must hold. FAULTS lists what is
tried; README's "Reliability" section gives the figures."""

import time

import pytest

from kernel_helpers import error_text, stream_text

# name, cell, how it must end: "error" (an error reply naming ename),
# "ok", or "interrupt" (interrupted after a second)
FAULTS = [
    ("panic in the cell", 'panic("boom")', "error", "panic"),
    ("panic in a goroutine", 'import "time"\ngo func() { panic("bg") }()\ntime.Sleep(300 * time.Millisecond)', "ok", None),
    ("panic in a deferred function", 'func() { defer func() { panic("in defer") }() }()', "error", "panic"),
    ("nil map write", "var m map[string]int\nm[\"a\"] = 1", "error", "panic"),
    ("index out of range", "s := []int{}\n_ = s[3]", "error", "panic"),
    ("integer divide by zero", "a, b := 1, 0\n_ = a / b", "error", "panic"),
    ("os.Exit", 'import "os"\nos.Exit(3)', "error", "Exit"),
    ("log.Fatal", 'import "log"\nlog.Fatal("fatal")', "error", "Exit"),
    ("infinite loop", "for {\n}", "interrupt", None),
    ("deadlock: select {}", "select {}", "interrupt", None),
    ("deadlock: WaitGroup", 'import "sync"\nvar wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()', "interrupt", None),
    ("eager array of 10**11", "x := np.Arange(100_000_000_000)", "error", "panic"),
    ("10,000 leaked goroutines", "for i := 0; i < 10_000; i++ {\n\tgo func() { select {} }()\n}", "ok", None),
    ("100 MB of output", 'import ("fmt"; "strings")\nfor i := 0; i < 1_000_000; i++ {\n\tfmt.Println(strings.Repeat("x", 99))\n}', "ok", None),
    # Memory a cell asks for at once: refused before Go's runtime tries.
    ("make of 745 GiB", "huge := make([]int64, 100_000_000_000)", "error", "MemoryError"),
    ("make of a map with a huge size hint", "n := 100_000_000_000\nm := make(map[int]int, n)", "error", "MemoryError"),
    ("make of a computed size in a function", "func alloc(n int) []float64 { return make([]float64, n) }\nx := alloc(200_000_000_000)", "error", "MemoryError"),
    ("new of a huge array", "ptr := new([100_000_000_000]int64)", "error", "MemoryError"),
    ("a slice converted to a huge array", "small := make([]int64, 4)\narr := [100_000_000_000]int64(small)", "error", "MemoryError"),
    ("strings.Repeat of 2 TiB", 'import "strings"\nrep := strings.Repeat("ab", 1<<40)', "error", "MemoryError"),
    ("a huge np result of an operation", "col := np.Ones(100_000).Reshape(100_000, 1)\nsq := col.Add(np.Ones(100_000))", "error", "panic"),
    # Recursion without end, native and interpreted (a type with an
    # interface field stays interpreted, and so do functions using it).
    ("runaway recursion", "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)", "error", "RecursionError"),
    ("runaway recursion, interpreted", "type link struct{ next any }\nfunc walk(l link) int { return walk(l) + 1 }\nwalk(link{})", "error", "RecursionError"),
    ("runaway mutual recursion, interpreted", "type ring struct{ next any }\nfunc ping(r ring) int { return pong(r) + 1 }\nfunc pong(r ring) int { return ping(r) + 1 }\nping(ring{})", "error", "RecursionError"),
    ("runaway recursion of a method, interpreted", "type tree struct{ kids any }\nfunc (t tree) depth() int { return t.depth() + 1 }\ntree{}.depth()", "error", "RecursionError"),
    ("runaway recursion in a goroutine", 'import "sync"\nfunc spin(n int) int { return spin(n+1) + 1 }\nvar wg sync.WaitGroup\nwg.Add(1)\ngo func() {\n\tdefer wg.Done()\n\tspin(0)\n}()\nwg.Wait()', "ok", None),
    ("deep recursion that fits", "func deep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deep(n-1) + 1\n}\nif deep(100_000) != 100_000 {\n\tpanic(\"wrong depth\")\n}", "ok", None),
]


@pytest.fixture(scope="module")
def faulty(gopar_env):
    from kernel_helpers import Kernel

    k = Kernel()
    k.ok("kept := 41\ntype point struct{ X int }\np := point{X: 1}")
    yield k
    k.close()


@pytest.mark.parametrize("name,code,ending,ename", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_leaves_kernel_and_state(faulty, name, code, ending, ename):
    if ending == "interrupt":
        msg_id = faulty.kc.execute(code)
        time.sleep(1.0)
        faulty.km.interrupt_kernel()
        reply = faulty.shell_reply(msg_id, timeout=15)
        msgs = faulty.iopub_until_idle(msg_id)
        assert reply["content"]["status"] == "error", name
        assert "Interrupt" in error_text(reply["content"]), error_text(reply["content"])
    else:
        reply, msgs = faulty.execute(code, timeout=120)
        content = reply["content"]
        if ending == "ok":
            assert content["status"] == "ok", "%s: %s" % (name, error_text(content))
        else:
            assert content["status"] == "error", name
            assert content["ename"] == ename, error_text(content)
            assert isinstance(content["traceback"], list)
    if name == "runaway recursion in a goroutine":
        assert "maximum recursion depth exceeded" in stream_text(msgs, "stderr"), stream_text(msgs, "stderr")
    if ename == "MemoryError" or name in ("runaway recursion", "runaway recursion, interpreted"):
        assert "GOPAR_" in error_text(content), error_text(content)
    if name == "100 MB of output":
        out = stream_text(msgs)
        assert 10_000_000 <= len(out) <= 10_600_000, len(out)
        assert "GOPAR_OUTPUT_LIMIT" in stream_text(msgs, "stderr")
    # The kernel answers and the state holds.
    assert faulty.is_alive(), "%s killed the kernel" % name
    assert faulty.value("kept + p.X", retry_aborted=True) == "42", name


def test_client_disconnects_mid_cell_and_reconnects(faulty):
    """The front end goes away while a cell runs (a closed laptop, a browser
    tab reloaded) and a new client connects: the cell runs to its end, its
    reply to the gone client is dropped, and the new client finds the
    kernel and the state."""
    k = faulty
    code = 'import ("fmt"; "time")\nfor i := 0; i < 20; i++ {\n\tfmt.Println(i)\n\ttime.Sleep(100 * time.Millisecond)\n}\nfinished := true'
    k.kc.execute(code)
    time.sleep(0.7)
    k.kc.stop_channels()

    k.kc = k.km.client()
    k.kc.start_channels()
    k.kc.wait_for_ready(timeout=30)
    k.settle()
    assert k.is_alive()
    # wait_for_ready's kernel_info is answered after the running cell, so
    # the cell has finished by now.
    assert k.value("finished") == "true"
    assert k.value("kept + p.X") == "42"


# Memory that grows step by step, in a kernel whose limit is 1 GiB: the
# cell is stopped once the kernel holds more, and the state holds.
GROWTH = [
    ("append forever", "var xs []int64\nfor {\n\txs = append(xs, 1)\n}"),
    ("a map filled forever", "m := map[int]int{}\nfor i := 0; ; i++ {\n\tm[i] = i\n}"),
    ("a bytes.Buffer grown forever", 'import "bytes"\nvar buf bytes.Buffer\nfor {\n\tbuf.WriteString("0123456789abcdef")\n}'),
    ("append forever in a native function", "func grow() int {\n\tvar xs []int64\n\tfor {\n\t\txs = append(xs, 1)\n\t}\n}\n%native\n"),
]


@pytest.fixture(scope="module")
def limited(gopar_env):
    import os

    from kernel_helpers import Kernel

    os.environ["GOPAR_MEMORY_LIMIT"] = "1GiB"
    try:
        k = Kernel()
    finally:
        del os.environ["GOPAR_MEMORY_LIMIT"]
    k.ok("kept := 41")
    yield k
    k.close()


@pytest.mark.parametrize("name,code", GROWTH, ids=[g[0] for g in GROWTH])
def test_growth_stopped_at_the_limit(limited, name, code):
    if "native" in name:
        limited.ok(code)
        code = "grow()"
    reply, msgs = limited.execute(code, timeout=120)
    content = reply["content"]
    assert content["status"] == "error", name
    assert content["ename"] == "MemoryError", error_text(content)
    assert "GOPAR_MEMORY_LIMIT=1GiB" in error_text(content), error_text(content)
    assert limited.is_alive(), "%s killed the kernel" % name
    assert limited.value("kept", retry_aborted=True) == "41", name
