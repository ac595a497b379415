"""Protocol-level tests of the real gopar kernel, driven through jupyter_client
and, where a test needs frames a well-behaved client never sends, raw zmq.

Every wait has a timeout; timing is asserted only where the test is about
liveness (first stream output before the reply, heartbeat, interrupts).
"""

import glob
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from queue import Empty

import pytest
import zmq

from kernel_helpers import (
    Kernel,
    RawSocket,
    error_text,
    frames,
    header,
    live_in_session,
    of_type,
    parse_frames,
    pid_alive,
    descendants,
    result_text,
    stream_text,
)

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------- kernel_info


def test_kernel_info_reply(kernel):
    reply = kernel.kernel_info()
    assert reply["msg_type"] == "kernel_info_reply"
    c = reply["content"]
    assert c["status"] == "ok"
    assert c["implementation"] == "gopar"
    assert isinstance(c.get("implementation_version"), str) and c["implementation_version"]
    proto = tuple(int(x) for x in c["protocol_version"].split(".")[:2])
    assert proto >= (5, 3), c["protocol_version"]
    li = c["language_info"]
    assert li["name"] == "go"
    assert li["mimetype"] == "text/x-go"
    assert li["file_extension"] == ".go"
    assert li["pygments_lexer"] == "go"
    assert li["codemirror_mode"] == "go"
    assert isinstance(li.get("version"), str)
    assert isinstance(c["banner"], str) and c["banner"].strip()
    assert isinstance(c["help_links"], list) and c["help_links"]
    for link in c["help_links"]:
        assert link.get("text") and link.get("url"), link
    # kernel_info is itself a request: it must be bracketed by busy/idle.
    msgs = kernel.iopub_until_idle(reply["parent_header"]["msg_id"])
    assert msgs[0]["msg_type"] == "status" and msgs[0]["content"]["execution_state"] == "busy"


def test_kernel_info_on_control(kernel):
    msg = kernel.kc.session.msg("kernel_info_request", {})
    kernel.kc.control_channel.send(msg)
    reply = kernel.kc.get_control_msg(timeout=10)
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
    assert reply["content"]["implementation"] == "gopar"


def test_reply_headers(kernel):
    msg_id = kernel.kc.kernel_info()
    reply = kernel.shell_reply(msg_id)
    h = reply["header"]
    for field in ("msg_id", "session", "username", "date", "msg_type", "version"):
        assert field in h, field
    assert h["msg_id"] and h["msg_id"] != msg_id
    assert h["version"].startswith("5.")
    # the reply's session is the kernel's, the parent is our request verbatim
    assert reply["parent_header"]["session"] == kernel.kc.session.session


# ---------------------------------------------------------- iopub / counting


def test_iopub_ordering_for_one_execute(kernel):
    code = 'import "fmt"\nfmt.Println("out")\n6 * 7'
    msg_id = kernel.kc.execute(code)
    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["status"] == "ok"
    # read everything until idle, without filtering, to check parents too
    msgs = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        m = kernel.kc.get_iopub_msg(timeout=30)
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    types = [m["msg_type"] for m in msgs]
    for m in msgs:
        assert m["parent_header"].get("msg_id") == msg_id, (m["msg_type"], m["parent_header"])
    assert types[0] == "status" and msgs[0]["content"]["execution_state"] == "busy", types
    assert types[1] == "execute_input", types
    assert msgs[1]["content"]["code"] == code
    n = reply["content"]["execution_count"]
    assert msgs[1]["content"]["execution_count"] == n
    assert types[-1] == "status" and msgs[-1]["content"]["execution_state"] == "idle", types
    middle = types[2:-1]
    assert "stream" in middle and "execute_result" in middle, types
    assert set(middle) <= {"stream", "execute_result"}, types
    # the result comes after the output printed before it
    assert middle.index("stream") < middle.index("execute_result"), types
    assert stream_text(msgs) == "out\n"
    res = of_type(msgs, "execute_result")[0]["content"]
    assert res["data"]["text/plain"] == "42"
    assert res["execution_count"] == n
    assert isinstance(res.get("metadata"), dict)


def test_execution_count(kernel):
    def count(**kw):
        reply, _ = kernel.execute("1", **kw)
        assert reply["content"]["status"] == "ok"
        return reply["content"].get("execution_count")

    assert count() == 1
    assert count() == 2
    count(store_history=False)
    assert count() == 3
    count(silent=True)
    assert count() == 4


def test_silent_execution_has_no_broadcast_but_runs(kernel):
    code = 'import "fmt"\nsilentVar := 17\nfmt.Println("hidden")\nsilentVar'
    reply, msgs = kernel.execute(code, silent=True)
    assert reply["content"]["status"] == "ok"
    kinds = {m["msg_type"] for m in msgs}
    assert kinds <= {"status"}, "silent cell broadcast %r" % sorted(kinds)
    # ...but the code did run
    assert kernel.value("silentVar + 1") == "18"
    # and execution_count was not consumed by the silent cell
    reply, _ = kernel.execute("2")
    assert reply["content"]["execution_count"] == 2  # the silentVar+1 cell was 1


def test_execute_input_and_result_counts_match(kernel):
    for i in range(1, 4):
        reply, msgs = kernel.execute("%d * 2" % i)
        n = reply["content"]["execution_count"]
        assert n == i
        assert of_type(msgs, "execute_input")[0]["content"]["execution_count"] == n
        res = of_type(msgs, "execute_result")[0]["content"]
        assert res["execution_count"] == n
        assert res["data"]["text/plain"] == str(i * 2)


# ---------------------------------------------------------- user_expressions


def test_user_expressions(kernel):
    reply, _ = kernel.execute(
        "ue := 5", user_expressions={"a": "6*7", "b": "ue + 1", "bad": "nosuchvar +"}
    )
    c = reply["content"]
    assert c["status"] == "ok"
    ue = c["user_expressions"]
    assert ue["a"]["status"] == "ok", ue["a"]
    assert ue["a"]["data"]["text/plain"] == "42"
    assert isinstance(ue["a"].get("metadata", {}), dict)
    assert ue["b"]["status"] == "ok", ue["b"]
    assert ue["b"]["data"]["text/plain"] == "6"
    assert ue["bad"]["status"] == "error", ue["bad"]
    assert ue["bad"].get("ename") and "evalue" in ue["bad"]


def test_user_expressions_error_does_not_fail_cell(kernel):
    reply, _ = kernel.execute("1", user_expressions={"x": "undefinedThing"})
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["user_expressions"]["x"]["status"] == "error"


# -------------------------------------------------------------- state / code


def test_state_persists(kernel):
    kernel.ok("x := 41")
    assert kernel.value("x + 1") == "42"
    kernel.ok("x = x + 1")
    assert kernel.value("x + 1") == "43"


def test_redefine_func(kernel):
    kernel.ok("func f() int { return 1 }")
    assert kernel.value("f()") == "1"
    kernel.ok("func f() int { return 2 }")
    assert kernel.value("f()") == "2"


def test_imports_decls_and_statements_in_one_cell(kernel):
    code = (
        'import (\n\t"fmt"\n\t"strings"\n)\n'
        "type point struct{ X, Y int }\n"
        "func (p point) sum() int { return p.X + p.Y }\n"
        "const greeting = \"hello\"\n"
        "p := point{3, 4}\n"
        'fmt.Println(strings.ToUpper(greeting), p.sum())\n'
    )
    msgs = kernel.ok(code)
    assert stream_text(msgs) == "HELLO 7\n"
    assert result_text(msgs) is None  # fmt.Println has two results: no execute_result
    assert kernel.value("p.sum() * 6") == "42"


def test_trailing_values(kernel):
    assert kernel.value('"a" + "b"') == '"ab"'
    assert kernel.value("6*7") == "42"
    # a call with no results shows nothing
    kernel.ok("func nothing() {}")
    assert kernel.value("nothing()") is None
    # a statement shows nothing
    assert kernel.value("y := 3") is None


def test_compile_error(kernel):
    kernel.ok("1")
    reply, msgs = kernel.execute('import "fmt"\n\nfmt.Println(notDefinedAnywhere)')
    c = reply["content"]
    assert c["status"] == "error"
    assert c["ename"] == "CompileError", c["ename"]
    errs = of_type(msgs, "error")
    assert len(errs) == 1
    e = errs[0]["content"]
    assert e["ename"] == c["ename"] and e["evalue"] == c["evalue"]
    assert "notDefinedAnywhere" in error_text(c)
    n = c["execution_count"]
    assert "In [%d], line 3" % n in "\n".join(c["traceback"]), c["traceback"]


@pytest.mark.parametrize("code", ["nosuch", "nosuch + 1", "x := nosuch"])
def test_undefined_identifier_is_compile_error(kernel, code):
    reply, msgs = kernel.execute(code)
    c = reply["content"]
    assert c["status"] == "error", "%r gave status %r and outputs %r" % (
        code, c["status"], [m["msg_type"] for m in msgs])
    assert c["ename"] == "CompileError"
    assert "undefined: nosuch" in c["evalue"], c["evalue"]


def test_panic_error(kernel):
    reply, msgs = kernel.execute('x := 1\n_ = x\npanic("boom")')
    c = reply["content"]
    assert c["status"] == "error"
    assert c["ename"] == "panic", c["ename"]
    assert "boom" in c["evalue"]
    n = c["execution_count"]
    assert "In [%d], line 3" % n in "\n".join(c["traceback"]), c["traceback"]
    assert len(of_type(msgs, "error")) == 1
    kernel.assert_responsive()


def test_panic_traceback_through_function(kernel):
    reply, _ = kernel.execute('func boom() {\n\tpanic("deep")\n}\nboom()')
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "panic"
    n = c["execution_count"]
    tb = "\n".join(c["traceback"])
    # The interpreter tells which function a panic went through, not the
    # line inside it; the cell's own line is tracked by the kernel.
    assert "In [%d], in boom" % n in tb, tb
    assert "In [%d], line 4" % n in tb, tb  # the call site
    assert tb.index("in boom") < tb.index("line 4"), tb  # innermost frame first


def test_runtime_error_panics_are_recovered(kernel):
    reply, _ = kernel.execute("var m map[string]int\nm[\"a\"] = 1")
    assert reply["content"]["status"] == "error"
    reply, _ = kernel.execute("var s []int\n_ = s[3]", retry_aborted=True)
    assert reply["content"]["status"] == "error"
    reply, _ = kernel.execute("var p *struct{ X int }\n_ = p.X", retry_aborted=True)
    assert reply["content"]["status"] == "error"
    kernel.assert_responsive()


def test_os_exit_replies_or_exits(kernel):
    """os.Exit in a cell must not leave the client hanging: either the kernel
    survives and reports, or (documented alternative) it dies. Here we only
    require that a reply arrives or the process exits within the timeout."""
    kernel.ok("keep := 1")
    msg_id = kernel.kc.execute('import "os"\nos.Exit(3)')
    deadline = time.monotonic() + 15
    got = None
    while time.monotonic() < deadline and kernel.is_alive():
        try:
            m = kernel.kc.get_shell_msg(timeout=0.5)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") == msg_id:
            got = m
            break
    assert got is not None or not kernel.is_alive()


# ------------------------------------------------------------------ streams


def _collect_with_times(kernel, msg_id, timeout=30):
    """Poll iopub and shell together, stamping each message with its arrival."""
    t0 = time.monotonic()
    iopub, reply = [], None
    idle = False
    while not (reply is not None and idle):
        if time.monotonic() - t0 > timeout:
            raise AssertionError("timed out; got %r" % [m["msg_type"] for _, m in iopub])
        try:
            m = kernel.kc.get_iopub_msg(timeout=0.005)
            if m["parent_header"].get("msg_id") == msg_id:
                iopub.append((time.monotonic() - t0, m))
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    idle = True
        except Empty:
            pass
        if reply is None:
            try:
                m = kernel.kc.get_shell_msg(timeout=0)
                if m["parent_header"].get("msg_id") == msg_id:
                    reply = (time.monotonic() - t0, m)
            except Empty:
                pass
    return iopub, reply


def test_stream_output_is_live(kernel):
    code = (
        'import (\n\t"fmt"\n\t"time"\n)\n'
        'fmt.Println("tick")\n'
        "time.Sleep(1500 * time.Millisecond)\n"
        'fmt.Println("tock")'
    )
    kernel.ok('import "time"\ntime.Sleep(time.Millisecond)')  # warm-up
    msg_id = kernel.kc.execute(code)
    iopub, (t_reply, reply) = _collect_with_times(kernel, msg_id)
    assert reply["content"]["status"] == "ok"
    streams = [(t, m) for t, m in iopub if m["msg_type"] == "stream"]
    assert streams, "no stream output"
    t_first, first = streams[0]
    assert first["content"]["text"].startswith("tick"), first["content"]
    assert "tock" not in first["content"]["text"]
    assert t_first < t_reply, (t_first, t_reply)
    # "well before the end": the cell sleeps 1.5 s between the two prints
    assert t_reply - t_first > 1.0, (t_first, t_reply)
    assert stream_text([m for _, m in iopub]) == "tick\ntock\n"


def test_goroutine_output_in_order(kernel):
    code = (
        'import "fmt"\n'
        "done := make(chan bool)\n"
        "go func() {\n"
        "\tfor i := 0; i < 200; i++ {\n"
        '\t\tfmt.Println("g", i)\n'
        "\t}\n"
        "\tdone <- true\n"
        "}()\n"
        "<-done\n"
        'fmt.Println("main done")'
    )
    msgs = kernel.ok(code)
    expected = "".join("g %d\n" % i for i in range(200)) + "main done\n"
    assert stream_text(msgs) == expected


def test_many_lines_batched(kernel):
    code = 'import "fmt"\nfor i := 0; i < 1000; i++ {\n\tfmt.Print("line ", i, "\\n")\n}'
    msgs = kernel.ok(code)
    expected = "".join("line %d\n" % i for i in range(1000))
    assert stream_text(msgs) == expected
    n = len([m for m in msgs if m["msg_type"] == "stream"])
    assert n <= 100, "1000 lines took %d stream messages" % n


def test_stdout_and_stderr_separate(kernel):
    code = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Println("to out")\nfmt.Fprintln(os.Stderr, "to err")'
    msgs = kernel.ok(code)
    assert stream_text(msgs, "stdout") == "to out\n"
    assert stream_text(msgs, "stderr") == "to err\n"


def test_output_from_late_goroutine_does_not_crash(kernel):
    """A goroutine that prints after its cell finished: the output may be
    attributed to any later request, but the kernel must keep working."""
    kernel.ok('import (\n\t"fmt"\n\t"time"\n)\ngo func() {\n\ttime.Sleep(300 * time.Millisecond)\n\tfmt.Println("late")\n}()')
    time.sleep(0.6)
    kernel.assert_responsive()


def test_goroutine_panic_does_not_kill_kernel(kernel):
    kernel.ok("survivor := 21")
    reply, _ = kernel.execute(
        'import "time"\ngo func() { panic("bg") }()\ntime.Sleep(200 * time.Millisecond)'
    )
    assert reply["content"]["status"] in ("ok", "error")
    time.sleep(0.3)
    assert kernel.is_alive(), "a panicking goroutine killed the kernel"
    assert kernel.value("survivor * 2", retry_aborted=True) == "42"


# ---------------------------------------------------------------- interrupt

INTERRUPT_CELLS = {
    "busy_loop": "for {}",
    "sleep": 'import "time"\ntime.Sleep(time.Hour)',
    "select": "select {}",
}


def _interrupt_and_check(kernel, code, do_interrupt):
    msg_id = kernel.kc.execute(code)
    time.sleep(0.5)
    t0 = time.monotonic()
    do_interrupt()
    reply = kernel.shell_reply(msg_id, timeout=15)
    elapsed = time.monotonic() - t0
    assert reply["content"]["status"] == "error", reply["content"]
    assert elapsed < 2.5, "interrupt took %.2fs" % elapsed
    kernel.iopub_until_idle(msg_id, timeout=10)


@pytest.mark.parametrize("name", sorted(INTERRUPT_CELLS))
def test_interrupt_message(kernel, name):
    kernel.ok("keep := 99")
    _interrupt_and_check(kernel, INTERRUPT_CELLS[name], kernel.km.interrupt_kernel)
    assert kernel.is_alive()
    assert kernel.value("keep", retry_aborted=True) == "99"
    assert kernel.value("keep - 57") == "42"


def test_interrupt_all_cells_in_a_row(kernel):
    kernel.ok("keep := 7")
    for name in sorted(INTERRUPT_CELLS):
        _interrupt_and_check(kernel, INTERRUPT_CELLS[name], kernel.km.interrupt_kernel)
        assert kernel.value("keep", retry_aborted=True) == "7", name


def test_interrupt_reply_while_busy(kernel):
    msg_id = kernel.kc.execute("for {}")
    time.sleep(0.5)
    req = kernel.kc.session.msg("interrupt_request", {})
    kernel.kc.control_channel.send(req)
    ctl = kernel.kc.get_control_msg(timeout=10)
    assert ctl["msg_type"] == "interrupt_reply"
    assert ctl["parent_header"]["msg_id"] == req["header"]["msg_id"]
    assert ctl["content"]["status"] == "ok"
    reply = kernel.shell_reply(msg_id, timeout=15)
    assert reply["content"]["status"] == "error"


def test_interrupt_while_idle(kernel):
    req = kernel.kc.session.msg("interrupt_request", {})
    kernel.kc.control_channel.send(req)
    reply = kernel.kc.get_control_msg(timeout=10)
    assert reply["msg_type"] == "interrupt_reply"
    assert reply["parent_header"]["msg_id"] == req["header"]["msg_id"]
    assert reply["content"]["status"] == "ok"
    # an interrupt with nothing running must not poison the next cell
    assert kernel.value("40 + 2") == "42"


def test_sigint_interrupts(kernel):
    kernel.ok("keep := 5")
    _interrupt_and_check(kernel, "for {}", lambda: os.kill(kernel.pid, signal.SIGINT))
    assert kernel.is_alive()
    assert kernel.value("keep", retry_aborted=True) == "5"


def test_sigint_while_idle_does_not_kill(kernel):
    os.kill(kernel.pid, signal.SIGINT)
    time.sleep(0.5)
    assert kernel.is_alive()
    kernel.settle()
    assert kernel.value("1 + 1") == "2"


# ------------------------------------------------------------ stop_on_error


def _queue_three(kernel, stop_on_error):
    kernel.ok("counter := 0")
    ids = [
        kernel.kc.execute('panic("first")', stop_on_error=stop_on_error),
        kernel.kc.execute('import "fmt"\ncounter++\nfmt.Println("two")'),
        kernel.kc.execute('import "fmt"\ncounter++\nfmt.Println("three")'),
    ]
    replies = [kernel.shell_reply(i, timeout=30) for i in ids]
    # Aborted requests need not be bracketed by busy/idle, so do not wait for
    # their idle: wait for the first request's idle, then drain for a while.
    first = kernel.iopub_until_idle(ids[0], timeout=30)
    rest = kernel.settle(quiet=1.0, limit=10.0)
    outs = [first] + [[m for m in rest if m["parent_header"].get("msg_id") == i] for i in ids[1:]]
    return replies, outs


def test_stop_on_error_aborts_queue(kernel):
    replies, outs = _queue_three(kernel, True)
    assert [r["content"]["status"] for r in replies] == ["error", "aborted", "aborted"]
    assert stream_text(outs[1] + outs[2]) == ""
    assert kernel.value("counter", retry_aborted=True) == "0"


def test_stop_on_error_false_runs_queue(kernel):
    replies, outs = _queue_three(kernel, False)
    assert [r["content"]["status"] for r in replies] == ["error", "ok", "ok"]
    assert stream_text(outs[1]) == "two\n"
    assert stream_text(outs[2]) == "three\n"
    assert kernel.value("counter", retry_aborted=True) == "2"


def test_aborted_replies_in_request_order(kernel):
    """Shell requests are handled in order: the failing request's reply (and
    its idle status) come before the replies/status of the requests aborted
    because of it."""
    kernel.ok("1")
    ids = [
        kernel.kc.execute('panic("first")'),
        kernel.kc.execute("2"),
        kernel.kc.execute("3"),
    ]
    order = []
    deadline = time.monotonic() + 30
    while len(order) < 3 and time.monotonic() < deadline:
        try:
            m = kernel.kc.get_shell_msg(timeout=1)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") in ids:
            order.append((ids.index(m["parent_header"]["msg_id"]), m["content"]["status"]))
    assert order == [(0, "error"), (1, "aborted"), (2, "aborted")], order
    status = [
        (ids.index(m["parent_header"]["msg_id"]), m["content"]["execution_state"])
        for m in kernel.settle(quiet=1.0)
        if m["msg_type"] == "status" and m["parent_header"].get("msg_id") in ids
    ]
    assert status[:2] == [(0, "busy"), (0, "idle")], status


@pytest.mark.parametrize("failure", ["panic", "compile_error", "runtime_error", "interrupt"])
def test_abort_does_not_outlive_queue(kernel, failure):
    """stop_on_error aborts only requests queued before the failed cell's
    reply; a request sent after the reply (and idle) was received must run,
    however soon after (ipykernel: stop_on_error_timeout defaults to 0)."""
    if failure == "interrupt":
        msg_id = kernel.kc.execute("for {}")
        time.sleep(0.3)
        kernel.km.interrupt_kernel()
        reply = kernel.shell_reply(msg_id, timeout=15)
        kernel.iopub_until_idle(msg_id)
    else:
        code = {
            "panic": 'panic("x")',
            "compile_error": "undefinedName + 1",
            "runtime_error": "var m map[string]int\nm[\"a\"] = 1",
        }[failure]
        reply, _ = kernel.execute(code)
    assert reply["content"]["status"] == "error"
    reply, msgs = kernel.execute("3 * 3")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(msgs) == "9"


# -------------------------------------------------------------------- stdin

STDIN_CELL = 'import "fmt"\nvar s string\nfmt.Print("name? ")\nfmt.Scanln(&s)\nfmt.Println("hi", s)'


def test_stdin_input_request(kernel):
    msg_id = kernel.kc.execute(STDIN_CELL, allow_stdin=True)
    req = kernel.kc.get_stdin_msg(timeout=20)
    assert req["msg_type"] == "input_request"
    assert req["parent_header"]["msg_id"] == msg_id
    assert "prompt" in req["content"]
    assert req["content"].get("password") in (False, None)
    kernel.kc.input("gopher")
    reply = kernel.shell_reply(msg_id, timeout=20)
    assert reply["content"]["status"] == "ok", reply["content"]
    msgs = kernel.iopub_until_idle(msg_id)
    out = stream_text(msgs)
    assert "hi gopher" in out, out
    # the value is usable afterwards
    assert kernel.value("s") == '"gopher"'


def test_stdin_not_allowed(kernel):
    reply, msgs = kernel.execute(STDIN_CELL, allow_stdin=False, timeout=20)
    c = reply["content"]
    assert c["status"] == "error", c
    assert "stdin" in c["evalue"].lower(), c["evalue"]
    with pytest.raises(Empty):
        kernel.kc.get_stdin_msg(timeout=0.3)
    kernel.assert_responsive()


def test_stdin_interrupted(kernel):
    msg_id = kernel.kc.execute(STDIN_CELL, allow_stdin=True)
    kernel.kc.get_stdin_msg(timeout=20)
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, timeout=10)
    assert reply["content"]["status"] == "error"
    kernel.iopub_until_idle(msg_id)
    kernel.assert_responsive()


# ----------------------------------------------------------------- shutdown


def test_shutdown_request(kernel):
    pid = kernel.pid
    kids = descendants(pid)
    kc = kernel.kc
    msg_id = kc.shutdown(restart=False)
    reply = kc.get_control_msg(timeout=10)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["restart"] is False
    assert reply["content"]["status"] == "ok"
    # the reply goes to control only
    with pytest.raises(Empty):
        while True:
            m = kc.get_shell_msg(timeout=0.5)
            assert m["msg_type"] != "shutdown_reply", "shutdown_reply also sent on shell"
    proc = kernel.km.provisioner.process
    deadline = time.monotonic() + 5
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is not None, "kernel still running 5 s after shutdown_reply"
    time.sleep(0.2)
    left = [p for p in kids if pid_alive(p)] + live_in_session(pid)
    assert not left, "processes left behind: %r" % left


def test_shutdown_with_running_goroutines(kernel):
    kernel.ok("go func() { for {} }()")
    proc = kernel.km.provisioner.process
    kernel.kc.shutdown(restart=False)
    reply = kernel.kc.get_control_msg(timeout=10)
    assert reply["msg_type"] == "shutdown_reply"
    deadline = time.monotonic() + 5
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is not None


def test_restart_gives_fresh_kernel(kernel):
    kernel.ok("old := 1")
    kernel.ok("old++")
    old_pid = kernel.pid
    kernel.km.restart_kernel()
    kernel.kc.wait_for_ready(timeout=60)
    kernel.settle()
    assert kernel.pid != old_pid
    assert not pid_alive(old_pid)
    reply, msgs = kernel.execute("1 + 1")
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["execution_count"] == 1
    # `old + 1` rather than a bare `old`: a bare undefined identifier is a
    # separate bug (test_undefined_identifier_is_compile_error).
    reply, _ = kernel.execute("old + 1")
    c = reply["content"]
    assert c["status"] == "error", "variable from before the restart still defined"


# ------------------------------------------------------------ authentication


def _raw_execute_frames(key, code, session):
    content = {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    return frames(key, header("execute_request", session), content)


def _signed_kernel_info(key, scheme, session):
    return frames(key, header("kernel_info_request", session), {}, scheme=scheme)


def _iopub_contains(kernel, needle, wait):
    deadline = time.monotonic() + wait
    seen = []
    while time.monotonic() < deadline:
        try:
            m = kernel.kc.get_iopub_msg(timeout=0.1)
        except Empty:
            continue
        seen.append(m)
    return [m for m in seen if needle in json.dumps(m["content"], default=str)], seen


@pytest.mark.parametrize("variant", ["wrong_key", "no_signature", "tampered"])
def test_bad_signature_rejected(kernel, variant):
    info = kernel.connection()
    key, scheme = info["key"], info.get("signature_scheme", "hmac-sha256")
    assert key, "connection file has no key; signatures cannot be tested"
    session = uuid.uuid4().hex
    with RawSocket(kernel.url("shell")) as raw:
        if variant == "wrong_key":
            parts = _raw_execute_frames("not-the-" + key, 'import "fmt"\nfmt.Println("forged")', session)
        elif variant == "no_signature":
            parts = _raw_execute_frames("", 'import "fmt"\nfmt.Println("forged")', session)
            assert parts[1] == b""
        else:  # signed for harmless code, then the content is swapped
            parts = _raw_execute_frames(key, "1", session)
            parts[5] = parts[5].replace(b'"1"', b'"import \\"fmt\\"\\nfmt.Println(\\"forged\\")"')
        raw.send(parts)
        assert raw.recv(1.0) is None, "kernel replied to a badly signed request"
        hits, seen = _iopub_contains(kernel, "forged", 0.5)
        assert not hits, "badly signed code ran: %r" % hits
        assert not [m for m in seen if m["msg_type"] == "execute_input"], "badly signed request was executed"
        # a properly signed request on the same socket is answered, signed
        raw.send(_signed_kernel_info(key, scheme, session))
        got = raw.recv(10.0)
        assert got is not None, "no reply to a properly signed kernel_info_request"
        reply = parse_frames(got, key=key, scheme=scheme)
        assert reply["msg_type"] == "kernel_info_reply"
    kernel.assert_responsive()


def test_bad_signature_on_control_rejected(kernel):
    info = kernel.connection()
    key = info["key"]
    with RawSocket(kernel.url("control")) as raw:
        raw.send(frames("wrong" + key, header("shutdown_request"), {"restart": False}))
        assert raw.recv(1.0) is None
        time.sleep(0.3)
        assert kernel.is_alive(), "forged shutdown_request shut the kernel down"
    kernel.assert_responsive()


# ---------------------------------------------------------------- bad input


def _malformed(key, scheme):
    def signed(h, c, parent=b"{}", md=b"{}"):
        return frames(key, h, c, parent=parent, metadata=md, scheme=scheme)

    hdr_no_type = header("x")
    del hdr_no_type["msg_type"]
    return {
        "no_delimiter": [b"hello", b"world"],
        "delimiter_only": [b"<IDS|MSG>"],
        "too_few_parts": [b"<IDS|MSG>", b"sig", b"{}"],
        "garbage_json_header": signed(b"{this is not json", {}),
        "header_is_array": signed(b"[1, 2, 3]", {}),
        "missing_msg_type": signed(hdr_no_type, {}),
        "garbage_json_content": signed(header("execute_request"), b"\xff\xfe not json"),
        "content_wrong_types": signed(header("execute_request"), {"code": 5, "silent": "yes"}),
        "content_is_string": signed(header("execute_request"), b'"just a string"'),
        "parent_is_number": signed(header("kernel_info_request"), {}, parent=b"42"),
        "huge_header_field": signed(header("kernel_info_request", session="s" * 1_000_000), {}),
    }


MALFORMED = [
    "no_delimiter",
    "delimiter_only",
    "too_few_parts",
    "garbage_json_header",
    "header_is_array",
    "missing_msg_type",
    "garbage_json_content",
    "content_wrong_types",
    "content_is_string",
    "parent_is_number",
    "huge_header_field",
]


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_frames_do_not_crash(kernel, case):
    info = kernel.connection()
    parts = _malformed(info["key"], info.get("signature_scheme", "hmac-sha256"))[case]
    with RawSocket(kernel.url("shell")) as raw:
        raw.send(parts)
        raw.recv(1.0)  # an error reply is fine, silence is fine
        for channel in ("control",):
            with RawSocket(kernel.url(channel)) as raw2:
                raw2.send(parts)
                raw2.recv(0.5)
    time.sleep(0.2)
    kernel.settle(quiet=0.2)
    kernel.assert_responsive()


def test_unknown_msg_type(kernel):
    msg = kernel.kc.session.msg("definitely_not_a_request", {"x": 1})
    kernel.kc.shell_channel.send(msg)
    try:
        r = kernel.kc.get_shell_msg(timeout=1.0)
        assert r["parent_header"].get("msg_id") == msg["header"]["msg_id"]
    except Empty:
        pass
    kernel.settle()
    kernel.assert_responsive()


def test_comm_info(kernel):
    msg_id = kernel.kc.comm_info()
    reply = kernel.shell_reply(msg_id)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}
    msg_id = kernel.kc.comm_info(target_name="jupyter.widget")
    reply = kernel.shell_reply(msg_id)
    assert reply["content"]["comms"] == {}


def test_comm_open_unknown_target(kernel):
    comm_id = uuid.uuid4().hex
    msg = kernel.kc.session.msg(
        "comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}}
    )
    kernel.kc.shell_channel.send(msg)
    deadline = time.monotonic() + 10
    close = None
    while time.monotonic() < deadline and close is None:
        try:
            m = kernel.kc.get_iopub_msg(timeout=0.5)
        except Empty:
            continue
        if m["msg_type"] == "comm_close" and m["content"].get("comm_id") == comm_id:
            close = m
    assert close is not None, "no comm_close for an unknown comm target"
    # comm_msg / comm_close for an unknown comm are ignored without crashing
    for t, c in (("comm_msg", {"comm_id": comm_id, "data": {"a": 1}}), ("comm_close", {"comm_id": comm_id, "data": {}})):
        kernel.kc.shell_channel.send(kernel.kc.session.msg(t, c))
    kernel.settle()
    msg_id = kernel.kc.comm_info()
    assert kernel.shell_reply(msg_id)["content"]["comms"] == {}
    kernel.assert_responsive()


def test_huge_cell(kernel):
    code = "// " + "x" * 100_000_000
    msg_id = kernel.kc.execute(code)
    code = None
    reply = kernel.shell_reply(msg_id, timeout=180)
    assert reply["content"]["status"] in ("ok", "error")
    kernel.iopub_until_idle(msg_id, timeout=180)
    kernel.assert_responsive()


def test_many_requests_pipelined(kernel):
    ids = [kernel.kc.execute("%d + 1" % i) for i in range(100)]
    replies = [kernel.shell_reply(i) for i in ids]
    assert all(r["content"]["status"] == "ok" for r in replies)
    counts = [r["content"]["execution_count"] for r in replies]
    assert counts == list(range(1, 101))
    results = [result_text(kernel.iopub_until_idle(i)) for i in ids]
    assert results == [str(i + 1) for i in range(100)]


def test_long_session(kernel):
    """A notebook session easily runs hundreds of cells; cell numbers must not
    run out (execution counts are part of positions in error messages)."""
    kernel.ok("total := 0")
    for i in range(2, 251):
        reply, msgs = kernel.execute("total += %d\ntotal" % i)
        c = reply["content"]
        assert c["status"] == "ok", "cell %d failed: %r" % (c.get("execution_count"), c)
        assert c["execution_count"] == i
    assert result_text(msgs) == str(sum(range(2, 251)))
    reply, _ = kernel.execute('panic("late")')
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "panic"


# ------------------------------------------------------------------ display


def test_display_show_html(kernel):
    msgs = kernel.ok('display.Show(display.HTML("<b>hi</b>"))')
    dd = of_type(msgs, "display_data")
    assert len(dd) == 1, [m["msg_type"] for m in msgs]
    c = dd[0]["content"]
    assert c["data"]["text/html"] == "<b>hi</b>"
    assert isinstance(c["metadata"], dict)
    assert not of_type(msgs, "execute_result")


def test_display_handle_update(kernel):
    msgs = kernel.ok('h := display.NewHandle()\nh.Show(display.Text("a"))\nh.Update(display.Text("b"))')
    kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("display_data", "update_display_data")]
    assert kinds == ["display_data", "update_display_data"], kinds
    first = of_type(msgs, "display_data")[0]["content"]
    upd = of_type(msgs, "update_display_data")[0]["content"]
    did = first["transient"]["display_id"]
    assert isinstance(did, str) and did
    assert upd["transient"]["display_id"] == did
    assert first["data"]["text/plain"] == "a"
    assert upd["data"]["text/plain"] == "b"
    # the handle keeps working from a later cell
    msgs = kernel.ok('h.Update(display.Text("c"))')
    upd = of_type(msgs, "update_display_data")
    assert len(upd) == 1 and upd[0]["content"]["transient"]["display_id"] == did
    assert upd[0]["content"]["data"]["text/plain"] == "c"


def test_two_handles_have_distinct_ids(kernel):
    msgs = kernel.ok('h1 := display.NewHandle()\nh2 := display.NewHandle()\nh1.Show(display.Text("1"))\nh2.Show(display.Text("2"))')
    ids = [m["content"]["transient"]["display_id"] for m in of_type(msgs, "display_data")]
    assert len(ids) == 2 and ids[0] != ids[1]


def test_clear_output_wait(kernel):
    msgs = kernel.ok('import "fmt"\nfmt.Println("before")\ndisplay.ClearOutput(true)\nfmt.Println("after")')
    clears = of_type(msgs, "clear_output")
    assert len(clears) == 1
    assert clears[0]["content"]["wait"] is True
    kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("stream", "clear_output")]
    # stdout printed before the clear must be flushed before it
    texts = [m["content"].get("text", "CLEAR") for m in msgs if m["msg_type"] in ("stream", "clear_output")]
    assert "".join(texts) == "before\nCLEARafter\n", kinds
    msgs = kernel.ok("display.ClearOutput(false)")
    assert of_type(msgs, "clear_output")[0]["content"]["wait"] is False


def test_mimebundle_value(kernel):
    kernel.ok(
        "type card struct{ Name string }\n"
        "func (c card) MIMEBundle() map[string]any {\n"
        '\treturn map[string]any{"text/html": "<i>" + c.Name + "</i>", "text/plain": "card " + c.Name}\n'
        "}"
    )
    msgs = kernel.ok('card{Name: "gopher"}')
    res = of_type(msgs, "execute_result")
    assert len(res) == 1, [m["msg_type"] for m in msgs]
    data = res[0]["content"]["data"]
    assert data["text/html"] == "<i>gopher</i>"
    assert data.get("text/plain") == "card gopher"


def test_mimebundle_value_same_cell(kernel):
    msgs = kernel.ok(
        "type badge string\n"
        'func (b badge) MIMEBundle() map[string]any { return map[string]any{"text/html": "<b>" + string(b) + "</b>"} }\n'
        'badge("ok")'
    )
    res = of_type(msgs, "execute_result")
    assert len(res) == 1
    assert res[0]["content"]["data"]["text/html"] == "<b>ok</b>"


# ---------------------------------------------------------------- heartbeat


def test_heartbeat_while_cpu_bound(kernel):
    code = (
        'import "runtime"\n'
        "for i := 0; i < runtime.NumCPU(); i++ {\n"
        "\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n"
        "}\n"
        "for {\n}"
    )
    with RawSocket(kernel.url("hb"), kind=zmq.REQ) as hb:
        hb.send([b"warmup"])
        assert hb.recv(10.0) == [b"warmup"], "heartbeat did not echo while idle"
        msg_id = kernel.kc.execute(code)
        time.sleep(1.0)
        try:
            times = []
            for i in range(5):
                payload = b"ping-%d" % i
                t0 = time.perf_counter()
                hb.send([payload])
                got = hb.recv(2.0)
                dt = time.perf_counter() - t0
                assert got == [payload], "heartbeat echo wrong or missing: %r" % got
                times.append(dt)
                time.sleep(0.05)
            slow = [t for t in times if t > 0.1]
            assert not slow, "heartbeat echoes took %r s" % times
        finally:
            kernel.km.interrupt_kernel()
            reply = kernel.shell_reply(msg_id, timeout=15)
            assert reply["content"]["status"] == "error"


def test_heartbeat_echoes_exact_bytes(kernel):
    with RawSocket(kernel.url("hb"), kind=zmq.REQ) as hb:
        for payload in (b"", b"\x00\xff binary", b"x" * 100000):
            hb.send([payload])
            assert hb.recv(10.0) == [payload]


# ----------------------------------------------------------------- nbconvert


def test_nbconvert_execute(tmp_path, gopar_env):
    src = HERE / "testdata" / "smoke.ipynb"
    proc = subprocess.run(
        [
            "/usr/bin/jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.kernel_name=gopar",
            "--ExecutePreprocessor.timeout=120",
            str(src),
            "--output-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = glob.glob(str(tmp_path / "*.ipynb"))
    assert len(out) == 1, out
    with open(out[0]) as f:
        nb = json.load(f)
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    outputs = [c["outputs"] for c in cells]

    streams = [o for o in outputs[0] if o["output_type"] == "stream"]
    assert streams and "".join(
        "".join(o["text"]) if isinstance(o["text"], list) else o["text"] for o in streams
    ) == "hello from gopar\n"
    assert outputs[1] == []
    results = [o for o in outputs[2] if o["output_type"] == "execute_result"]
    assert len(results) == 1
    text = results[0]["data"]["text/plain"]
    assert ("".join(text) if isinstance(text, list) else text) == "42"
    assert results[0]["execution_count"] == cells[2]["execution_count"]
    displays = [o for o in outputs[3] if o["output_type"] == "display_data"]
    assert len(displays) == 1 and "text/markdown" in displays[0]["data"]
    assert [c["execution_count"] for c in cells] == [1, 2, 3, 4]
    assert nb["metadata"]["kernelspec"]["name"] == "gopar"


# ---------------------------------------------------------------- transports


def test_ipc_transport(tmp_path):
    """The kernel serves the ipc transport: endpoints are files IP-PORT."""
    k = Kernel(transport="ipc", ip=str(tmp_path / "gopar-ipc"))
    try:
        assert k.km.transport == "ipc"
        reply, msgs = k.execute('import "fmt"\nfmt.Println("over ipc")\n6*7')
        assert reply["content"]["status"] == "ok"
        assert "over ipc" in "".join(m["content"]["text"] for m in of_type(msgs, "stream"))
        assert of_type(msgs, "execute_result")[0]["content"]["data"]["text/plain"] == "42"
        assert k.kc.is_alive()
        assert list(tmp_path.glob("gopar-ipc-*")), "no ipc endpoint files"
    finally:
        k.close()


def test_silent_tcp_peers_do_not_block_new_clients(kernel):
    """A port scanner or `nc` that connects to every kernel port and says
    nothing must not keep a new front end from connecting."""
    import socket

    info = kernel.connection()
    silent = []
    for channel in ("shell", "control", "stdin", "iopub", "hb"):
        s = socket.create_connection((info["ip"], info[channel + "_port"]))
        silent.append(s)
    try:
        from jupyter_client.session import Session

        # A front end of its own (its own session, so its own identity).
        kc = kernel.km.client(session=Session(key=kernel.km.session.key,
                                              signature_scheme=kernel.km.session.signature_scheme))
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=20)
            msg_id = kc.execute("6 * 7")
            reply = kc.get_shell_msg(timeout=20)
            assert reply["parent_header"]["msg_id"] == msg_id
            assert reply["content"]["status"] == "ok"
            assert kc.is_alive()
        finally:
            kc.stop_channels()
    finally:
        for s in silent:
            s.close()
    reply = kernel.kernel_info()
    assert reply["msg_type"] == "kernel_info_reply", reply
    assert kernel.value("20 + 22") == "42"
