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
