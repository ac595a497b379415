"""Programs of the conformance corpus whose functions run as native code,
pasted cell by cell into a real kernel: what they print is what go run
prints, so native functions keep Go's semantics (goroutines, defer,
closures, panics and recover, goto, context cancellation)."""

import json
import os
import subprocess

import pytest

from kernel_helpers import Kernel, error_text, stream_text

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(REPO, "kernel", "eval", "testdata", "conformance")

# Each has functions that %native reports native (checked below).
PROGRAMS = [
    "003_untyped_const_arith.go", "005_switch.go", "007_goto.go", "019_functions_variadic.go",
    "020_functions_named_results.go", "022_function_values.go", "023_closures_counter.go",
    "027_closures_defer_loopvar.go", "050_defer_order.go", "052_repanic.go",
    "053_goroutines_unbuffered.go", "056_waitgroup.go", "088_context_cancel.go",
    "089_memo_closure.go", "105_palindromes.go",
]


def go(*args, timeout=300):
    return subprocess.run(["go", *args], cwd=REPO, capture_output=True, text=True, timeout=timeout, check=True).stdout


@pytest.fixture(scope="module")
def splitter(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("splitcells") / "splitcells")
    go("build", "-o", out, "./integration/splitcells")
    return out


@pytest.mark.parametrize("program", PROGRAMS)
def test_native_program_prints_as_go_run(gopar_env, splitter, program):
    path = os.path.join(CORPUS, program)
    want = go("run", path)
    cells = json.loads(subprocess.run([splitter, path], capture_output=True, text=True, check=True).stdout)
    k = Kernel()
    try:
        got = []
        for cell in cells:
            reply, msgs = k.execute(cell, timeout=300)
            assert reply["content"]["status"] == "ok", error_text(reply["content"])
            got.append(stream_text(msgs))
        _, msgs = k.execute("%native", timeout=300)
        status = stream_text(msgs)
    finally:
        k.close()
    assert "".join(got) == want
    assert any(line.startswith("native ") for line in status.splitlines()), status
