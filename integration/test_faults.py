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
