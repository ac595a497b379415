"""`gopar run`: executing notebooks in the gopar process, with no Jupyter
and no Python, as `jupyter nbconvert --to notebook --execute` would."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

TESTDATA = Path(__file__).resolve().parent / "testdata"
FIXTURE = TESTDATA / "run.ipynb"

# Cell indices of the fixture (see testdata/run.ipynb).
MARKDOWN, IMPORT, PARAMS, PRINT, PLOT, TIME, RESULT, ERROR, AFTER = range(9)


def _run(args, cwd, env=None, timeout=120):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def _read_valid(path):
    nb = nbformat.read(str(path), 4)
    nbformat.validate(nb)
    return nb


def _text(cell, name="stdout"):
    return "".join(o["text"] for o in cell["outputs"] if o["output_type"] == "stream" and o["name"] == name)


def _of_type(cell, output_type):
    return [o for o in cell["outputs"] if o["output_type"] == output_type]


@pytest.fixture
def workdir(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "run.ipynb")
    return tmp_path


def test_stops_at_the_first_error(gopar_bin, workdir):
    p = _run([gopar_bin, "run", "run.ipynb"], workdir)
    assert p.returncode != 0, p.stderr
    assert "panic" not in p.stdout
    # Progress per cell on stderr, and which cell failed.
    assert re.search(r"^\[1/8\] cell 2: import \"fmt\" \.\.\. \d+\.\d\d s$", p.stderr, re.M), p.stderr
    assert "[7/8] cell 8" in p.stderr and "[8/8]" not in p.stderr
    assert "cell 8 (In [7]) failed" in p.stderr
    # The traceback's colors are for front ends, not for these lines.
    assert "\x1b[" not in p.stderr, p.stderr
    out = workdir / "run.nbconvert.ipynb"
    assert out.is_file(), "the notebook up to the failing cell was not written"
    nb = _read_valid(out)
    cells = nb.cells
    assert _text(cells[PRINT]) == "n is 3 label is default\nrate is 0.5\n"
    assert [c.execution_count for c in cells[IMPORT:]] == [1, 2, 3, 4, 5, 6, 7, None]
    err = _of_type(cells[ERROR], "error")
    assert len(err) == 1 and err[0]["ename"] and err[0]["traceback"]
    assert _text(cells[ERROR]) == "before the error\n"
    assert cells[AFTER].outputs == []
    # The input is left alone.
    assert json.loads(FIXTURE.read_text()) == json.loads((workdir / "run.ipynb").read_text())


def test_allow_errors_parameters_and_html(gopar_bin, workdir):
    p = _run([gopar_bin, "run", "--allow-errors", "--html", "--output-dir", "out",
              "-p", "n", "5", "-p", "label", "hello world", "-p", "rate", "2", "run.ipynb"], workdir)
    assert p.returncode == 0, p.stderr
    assert not (workdir / "run.nbconvert.ipynb").exists()
    nb = _read_valid(workdir / "out" / "run.ipynb")
    cells = nb.cells
    assert len(cells) == 10, "the injected-parameters cell is missing"
    injected = cells[PARAMS + 1]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert injected.source == '// Parameters\nn = 5\nlabel = "hello world"\nrate = 2'
    assert cells[PARAMS].metadata["tags"] == ["parameters"]
    shift = lambda i: i + 1 if i > PARAMS else i  # noqa: E731
    # Markdown kept as is; metadata kept; language_info from the kernel.
    assert cells[MARKDOWN].cell_type == "markdown" and cells[MARKDOWN].source.startswith("# Headless run")
    assert nb.metadata["kernelspec"]["name"] == "gopar"
    assert nb.metadata["language_info"]["name"] == "go" and nb.metadata["language_info"]["file_extension"] == ".go"
    # Outputs in place.
    assert _text(cells[shift(PRINT)]) == "n is 5 label is hello world\nrate is 2\n"
    shown = _of_type(cells[shift(PLOT)], "display_data")
    assert len(shown) == 1 and "image/png" in shown[0]["data"]
    timed = cells[shift(TIME)]
    assert re.search(r"^CPU times: user .+, sys: .+, total: .+\nWall time: .+\n$", _text(timed)), _text(timed)
    result = _of_type(timed, "execute_result")
    assert result and result[0]["data"]["text/plain"] == "499500" and result[0]["execution_count"] == timed.execution_count
    assert _of_type(cells[shift(RESULT)], "execute_result")[0]["data"]["text/plain"] == "70"
    assert _of_type(cells[shift(ERROR)], "error")
    assert _text(cells[shift(AFTER)]) == "after the error\n"
    counts = [c.execution_count for c in cells if c.cell_type == "code"]
    assert counts == list(range(1, 10))
    for c in cells:
        if c.cell_type == "code":
            assert set(c.metadata["execution"]) == {
                "iopub.status.busy", "iopub.execute_input", "shell.execute_reply", "iopub.status.idle"}
    # The page: markdown rendered, the plot inline, the error shown.
    page = (workdir / "out" / "run.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Headless run</h1>" in page and "<em>markdown</em>" in page
    assert '<img src="data:image/png;base64,' + shown[0]["data"]["image/png"][:40] in page
    assert "Wall time:" in page and "before the error" in page and "In [8]:" in page


def test_written_like_nbconvert(gopar_bin, gopar_env, workdir):
    """The same notebook executed by nbconvert with the gopar kernel and by
    gopar run gives the same cells, but for timings."""
    p = _run(["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
              "--ExecutePreprocessor.kernel_name=gopar", "--output", "by-nbconvert", "run.ipynb"],
             workdir, env=dict(os.environ), timeout=300)
    assert p.returncode == 0, p.stderr
    p = _run([gopar_bin, "run", "--allow-errors", "run.ipynb"], workdir)
    assert p.returncode == 0, p.stderr

    def normal(path):
        nb = json.loads(path.read_text())
        for c in nb["cells"]:
            c["metadata"].pop("execution", None)
            for o in c.get("outputs", []):
                if o["output_type"] == "stream":
                    o["text"] = [re.sub(r"[\d.]+ [mµn]?s\b", "T", line) for line in o["text"]]
        return nb

    ours, theirs = normal(workdir / "run.nbconvert.ipynb"), normal(workdir / "by-nbconvert.ipynb")
    assert ours["metadata"] == theirs["metadata"]
    for i, (a, b) in enumerate(zip(ours["cells"], theirs["cells"])):
        assert a == b, "cell %d differs" % i
    assert len(ours["cells"]) == len(theirs["cells"])


def test_runs_without_python_or_jupyter(gopar_bin, workdir):
    env = {"PATH": "/nonexistent", "HOME": str(workdir)}
    p = _run([os.path.abspath(gopar_bin), "run", "--allow-errors", "--html", "run.ipynb"], workdir, env=env)
    assert p.returncode == 0, p.stderr
    nb = _read_valid(workdir / "run.nbconvert.ipynb")
    assert _text(nb.cells[PRINT]) == "n is 3 label is default\nrate is 0.5\n"
    assert (workdir / "run.html").is_file()


def test_interrupt_writes_and_fails(gopar_bin, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import "fmt"\nimport "time"\nfmt.Println("start")'),
                nbformat.v4.new_code_cell('fmt.Println("sleeping")\ntime.Sleep(time.Hour)'),
                nbformat.v4.new_code_cell('fmt.Println("never")')]
    nbformat.write(nb, str(tmp_path / "sleep.ipynb"))
    proc = subprocess.Popen([gopar_bin, "run", "sleep.ipynb"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    # Wait for the second cell to start before interrupting.
    seen = ""
    while "[2/3]" not in seen and time.monotonic() < deadline:
        seen += proc.stderr.read(1)
    time.sleep(0.5)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - t0 < 10
    assert proc.returncode != 0
    assert "interrupted" in (seen + err)
    out = _read_valid(tmp_path / "sleep.nbconvert.ipynb")
    assert _text(out.cells[1]) == "sleeping\n"
    assert _of_type(out.cells[1], "error")[0]["ename"] == "Interrupted"
    assert out.cells[2].execution_count is None and out.cells[2].outputs == []


@pytest.mark.parametrize("content, args, message", [
    (None, ["missing.ipynb"], "missing.ipynb: no such file"),
    ('{"cells": [\n  {"a": 1,}\n]}', ["bad.ipynb"], "bad.ipynb: invalid JSON at line 2, column 11"),
    ("[1, 2]", ["bad.ipynb"], "bad.ipynb: not a Jupyter notebook"),
    ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}', ["-p", "n", "1", "bad.ipynb"],
     'no cell tagged "parameters"'),
    ("", ["--bogus", "bad.ipynb"], "unknown flag --bogus"),
])
def test_clear_errors(gopar_bin, tmp_path, content, args, message):
    if content is not None:
        (tmp_path / "bad.ipynb").write_text(content)
    p = _run([gopar_bin, "run"] + args, tmp_path)
    assert p.returncode != 0
    assert message in p.stderr, p.stderr
    assert "goroutine" not in p.stderr and "panic" not in p.stderr
    assert not list(tmp_path.glob("*.nbconvert.ipynb"))
