"""Completion, inspection, the pager, is_complete and history, through
jupyter_client against a real gopar kernel."""

import os

import pytest

from kernel_helpers import Kernel, stream_text


def complete(kernel, code, cursor=None):
    if cursor is None:
        cursor = len(code)  # jupyter_client counts code points, as Python's len
    msg_id = kernel.kc.complete(code, cursor)
    return kernel.shell_reply(msg_id)["content"]


def inspect(kernel, code, cursor=None, detail=0):
    if cursor is None:
        cursor = len(code)
    msg_id = kernel.kc.inspect(code, cursor, detail)
    return kernel.shell_reply(msg_id)["content"]


def history(kernel, **kw):
    kw.setdefault("raw", True)
    kw.setdefault("output", False)
    msg_id = kernel.kc.history(**kw)
    return kernel.shell_reply(msg_id)["content"]


# ---------------------------------------------------------------- completion


def test_complete_package_members(kernel):
    c = complete(kernel, "x := strings.Spl")
    assert {"Split", "SplitAfter", "SplitAfterN", "SplitN"} <= set(c["matches"])
    assert c["cursor_start"] == len("x := strings.")
    assert c["cursor_end"] == len("x := strings.Spl")
    types = c["metadata"]["_jupyter_types_experimental"]
    split = [t for t in types if t["text"] == "Split"][0]
    assert split["type"] == "function"
    assert "string" in split["signature"]


def test_complete_user_names_and_fields(kernel):
    kernel.ok(
        "type Point struct{ X, Y int }\n"
        "func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }\n"
        "origin := Point{}\n"
        "const answer = 42\n"
        "func anotherFunc() {}"
    )
    assert {"answer", "anotherFunc", "append"} <= set(complete(kernel, "an")["matches"] + complete(kernel, "a")["matches"])
    c = complete(kernel, "origin.")
    assert {"X", "Y", "Norm"} <= set(c["matches"])
    assert c["cursor_start"] == c["cursor_end"] == len("origin.")


def test_complete_counts_code_points_and_mid_line(kernel):
    code = 'fmt.Println("héllo", strings.ToU)'
    cursor = code.index("ToU") + 3
    c = complete(kernel, code, cursor)
    assert "ToUpper" in c["matches"]
    assert c["cursor_start"] == cursor - 3
    assert c["cursor_end"] == cursor


def test_complete_import_path(kernel):
    c = complete(kernel, 'import (\n\t"encoding/j')
    assert "encoding/json" in c["matches"]
    assert c["cursor_start"] == len('import (\n\t"')


def test_complete_runtime_package(kernel):
    assert "HTML" in complete(kernel, "display.HT")["matches"]


def test_complete_nothing(kernel):
    c = complete(kernel, "zzqx")
    assert c["matches"] == []
    assert c["status"] == "ok"


# ---------------------------------------------------------------- inspection


def test_inspect_stdlib_doc(kernel):
    c = inspect(kernel, "fmt.Println(")
    assert c["found"]
    assert "Println formats using the default formats" in c["data"]["text/plain"]


def test_inspect_runtime_doc(kernel):
    # Read from the runtime's sources the binary embeds (for %%jit too).
    c = inspect(kernel, "np.Arange")
    assert c["found"]
    assert "func Arange(" in c["data"]["text/plain"]
    assert "Arange is the int64 array" in c["data"]["text/plain"]
    c = inspect(kernel, "da", detail=1)
    assert c["found"]
    assert "Package da is" in c["data"]["text/plain"]


def test_inspect_user_declaration(kernel):
    kernel.ok("func double(x int) int {\n\treturn 2 * x\n}")
    c = inspect(kernel, "double", detail=1)
    assert c["found"]
    text = c["data"]["text/plain"]
    assert "func double(x int) int" in text
    assert "In [1]" in text


def test_inspect_not_found(kernel):
    c = inspect(kernel, "noSuchThing")
    assert c["status"] == "ok"
    assert c["found"] is False


@pytest.mark.parametrize("code", ["fmt.Println?", "?fmt.Println", "fmt.Println??"])
def test_pager(kernel, code):
    reply, msgs = kernel.execute(code)
    assert reply["content"]["status"] == "ok"
    payload = reply["content"]["payload"]
    assert len(payload) == 1 and payload[0]["source"] == "page"
    assert "Println" in payload[0]["data"]["text/plain"]
    # The same help as inspect_request.
    assert payload[0]["data"]["text/plain"] == inspect(
        kernel, "fmt.Println", detail=1 if "??" in code else 0
    )["data"]["text/plain"]


def test_pager_not_found(kernel):
    reply, msgs = kernel.execute("nothingHere?")
    assert reply["content"]["status"] == "ok"
    assert reply["content"].get("payload", []) == []
    assert "Object `nothingHere` not found." in stream_text(msgs)


# ---------------------------------------------------------------- is_complete


@pytest.mark.parametrize(
    "code,status,indent",
    [
        ("x := 1", "complete", None),
        ("func f() {", "incomplete", "\t"),
        ("for {\n\tif x {", "incomplete", "\t\t"),
        ("s := `raw", "incomplete", ""),
        ("x := 1 +", "incomplete", "\t"),
        ("}", "invalid", None),
        ("%%time", "incomplete", ""),
    ],
)
def test_is_complete(kernel, code, status, indent):
    msg_id = kernel.kc.is_complete(code)
    c = kernel.shell_reply(msg_id)["content"]
    assert c["status"] == status
    if indent is not None:
        assert c["indent"] == indent


# ---------------------------------------------------------------- history


def test_history_persists_across_restarts(gopar_env):
    first = Kernel()
    try:
        first.ok("historyMarker := 1")
        first.ok("historyMarker + 1")
        first.ok("hidden := 3", store_history=False)
        session = history(first, hist_access_type="tail", n=1)["history"][0][0]
    finally:
        first.close()
    second = Kernel()
    try:
        second.ok("historyMarker2 := 2")
        h = history(second, hist_access_type="search", pattern="historyMarker*")["history"]
        inputs = [e[2] for e in h]
        assert inputs[-3:] == ["historyMarker := 1", "historyMarker + 1", "historyMarker2 := 2"]
        assert "hidden := 3" not in [e[2] for e in history(second, hist_access_type="tail", n=50)["history"]]
        sessions = {e[0] for e in h[-3:]}
        assert sessions == {session, session + 1}
        # The previous session by relative number, with outputs.
        prev = history(second, hist_access_type="range", session=-1, start=1, stop=0, output=True)["history"]
        assert [e[2][0] for e in prev] == ["historyMarker := 1", "historyMarker + 1"]
        assert prev[1][2][1] == "2"
    finally:
        second.close()


def test_history_with_kernels_writing_at_once(gopar_env):
    kernels = [Kernel() for _ in range(3)]
    try:
        ids = []
        for i in range(10):
            for j, k in enumerate(kernels):
                ids.append(k.kc.execute("concurrent%d := %d" % (j, i)))
        for k in kernels:
            k.settle(quiet=0.5, limit=30)
        sessions = set()
        for j, k in enumerate(kernels):
            h = history(k, hist_access_type="range", session=0, start=1, stop=0)["history"]
            assert [e[2] for e in h] == ["concurrent%d := %d" % (j, i) for i in range(10)]
            sessions |= {e[0] for e in h}
        assert len(sessions) == 3
    finally:
        for k in kernels:
            k.close()


def test_history_survives_a_killed_kernel(gopar_env):
    k = Kernel()
    try:
        k.ok("beforeKill := 1")
        os.kill(k.pid, 9)
    finally:
        k.close()
    k = Kernel()
    try:
        h = history(k, hist_access_type="search", pattern="beforeKill*")["history"]
        assert [e[2] for e in h] == ["beforeKill := 1"]
    finally:
        k.close()
