"""The workshop's day-1 notebooks (notebooks/01-03) run top to bottom in a
fresh kernel, and show what the workshop shows.

Each notebook is executed by every runner: `jupyter nbconvert --execute`
through the installed kernelspec, and `gopar run`, which writes the same
executed .ipynb format. The checks read only the executed notebook's JSON,
so a runner is just a command that writes NAME.ipynb into a directory.

Cells carry tags saying what they must show:
  timeit   a %timeit/%%timeit line: "... ± ... per loop (mean ± std. dev. of ...)"
  pi       a result within 0.01 of π
  plot, diagram   an image (image/png or image/svg+xml)
  memory   the eager and chunked memory figures (02)

The lesson's later notebooks (04-) have a test file each
(test_notebook_NN.py) built on the functions here; every numbered notebook
must be committed without outputs.

These notebooks use the workshop's sizes (a 7.5 GiB array in 02) and take
about a minute each on a 2-core machine.
"""

import json
import math
import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = ["01-introduction.ipynb", "02-measuring-performance.ipynb", "03-computing-pi.ipynb"]
JUPYTER = os.environ.get("JUPYTER", "/usr/bin/jupyter")
TIMEOUT = 1200  # seconds per notebook, far above the ~1.5 min they take

TIMEIT_LINE = re.compile(r"\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of [\d,]+ runs?, [\d,]+ loops? each\)")
MEMORY_LINE = re.compile(r"^(np|da): baseline ([\d.]+) MiB, peak ([\d.]+) MiB, increment ([\d.]+) MiB", re.M)


def run_nbconvert(gopar_bin, nb, outdir):
    return [JUPYTER, "nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.kernel_name=gopar", "--ExecutePreprocessor.timeout=900",
            "--output-dir", str(outdir), str(nb)]


def run_gopar(gopar_bin, nb, outdir):
    return [gopar_bin, "run", "--output-dir", str(outdir), str(nb)]


RUNNERS = {"nbconvert": run_nbconvert, "gopar-run": run_gopar}


def execute(runner, gopar_bin, name, outdir):
    nb = REPO / "notebooks" / name
    cmd = RUNNERS[runner](gopar_bin, nb, outdir)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO / "notebooks")
    assert p.returncode == 0, "%s failed (%d):\n%s\n%s" % (" ".join(cmd), p.returncode, p.stdout[-3000:], p.stderr[-5000:])
    out = Path(outdir) / name
    assert out.is_file(), "%s wrote no %s (stderr: %s)" % (runner, out, p.stderr[-2000:])
    return json.loads(out.read_text())


def text(v):
    return "".join(v) if isinstance(v, list) else (v or "")


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def first_line(cell):
    return text(cell["source"]).splitlines()[0]


def streams(cell, name=None):
    return "".join(text(o["text"]) for o in cell["outputs"]
                   if o["output_type"] == "stream" and (name is None or o["name"] == name))


def rich(cell):
    return [o["data"] for o in cell["outputs"] if o["output_type"] in ("execute_result", "display_data")]


def cell_with(cells, snippet):
    """The one code cell whose source holds snippet."""
    found = [c for c in cells if snippet in text(c["source"])]
    assert len(found) == 1, "%d cells hold %r" % (len(found), snippet)
    return found[0]


def result(cell):
    """The text of the cell's result (Out[n])."""
    results = [d["text/plain"] for d in rich(cell) if "text/plain" in d]
    assert results, "no result"
    return text(results[-1])


def check_notebook(nb, name):
    """Every check of one executed notebook; returns nothing, asserts."""
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == "gopar"
    cells = code_cells(nb)
    assert cells, "no code cells"
    for c in cells:
        where = "%s, cell %r" % (name, first_line(c))
        assert c["execution_count"] is not None, "%s did not run" % where
        for o in c["outputs"]:
            assert o["output_type"] != "error", "%s: %s: %s" % (where, o.get("ename"), o.get("evalue"))
        err = streams(c, "stderr")
        assert "panic" not in err and "error:" not in err.lower(), "%s wrote on stderr: %s" % (where, err)
        tags = c["metadata"].get("tags", [])
        if "timeit" in tags:
            lines = TIMEIT_LINE.findall(streams(c, "stdout"))
            want = len(re.findall(r"%%?timeit", text(c["source"])))
            assert len(lines) >= want, "%s: %d timeit lines, want %d: %r" % (where, len(lines), want, streams(c))
        if "pi" in tags:
            results = [d["text/plain"] for d in rich(c) if "text/plain" in d]
            assert results, "%s shows no estimate of pi" % where
            v = float(text(results[-1]))
            assert abs(v - math.pi) < 0.01, "%s: %r is not within 0.01 of pi" % (where, v)
        if "plot" in tags or "diagram" in tags:
            images = [d for d in rich(c) if "image/png" in d or "image/svg+xml" in d]
            assert images, "%s shows no image" % where
        if "memory" in tags:
            figs = {m[0]: [float(x) for x in m[1:]] for m in MEMORY_LINE.findall(streams(c, "stdout"))}
            assert set(figs) == {"np", "da"}, "%s: memory figures %r" % (where, streams(c))
            # The eager sum of 10**9 int64 holds 7.45 GiB at its peak; the chunked one almost nothing.
            assert figs["np"][2] > 7000, "eager sum's increment %.0f MiB, want about 7630" % figs["np"][2]
            assert figs["da"][2] < 256, "chunked sum's increment %.0f MiB, want almost none" % figs["da"][2]
    return cells


def tagged(cells, tag):
    return [c for c in cells if tag in c["metadata"].get("tags", [])]


def check_introduction(cells):
    assert len(tagged(cells, "diagram")) == 3  # serial, parallel, pea soup
    by_first = {first_line(c): c for c in cells}
    assert "24" in text(rich(by_first["temp"])[0]["text/plain"])
    assert "[1 4 9 16]" in text(rich(by_first["y := []int{}"])[0]["text/plain"])
    soup = [c for c in cells if "pea soup" in text(c["source"]) and "diagram" in c["metadata"].get("tags", [])]
    assert soup and "image/svg+xml" in rich(soup[0])[0]


def check_measuring(cells):
    assert len(tagged(cells, "timeit")) == 2
    assert len(tagged(cells, "memory")) == 1
    assert len(tagged(cells, "plot")) >= 3  # memory, run time against workers, scaling
    src = [text(c["source"]) for c in cells]
    assert any(s.startswith("%%time\n") and "np.Arange(size)" in s for s in src)
    lscpu = [c for c in cells if first_line(c) == "!lscpu"]
    assert lscpu and "CPU(s):" in streams(lscpu[0])
    time_cell = [c for c in cells if first_line(c) == "%%time"][0]
    assert "Wall time:" in streams(time_cell)


def check_pi(cells):
    pis = tagged(cells, "pi")
    names = " ".join(text(c["source"]) for c in pis)
    for fn in ("calcPi(", "calcPiNp(", "calcPiDa(", "calcPiJit(", "calcPiGo(", "calcPiJitGo(", "calcpi.Goroutines("):
        assert fn in names, "no pi result from %s" % fn
    assert len(tagged(cells, "timeit")) >= 9
    assert any(first_line(c) == "%%jit" for c in cells)


CHECKS = {
    "01-introduction.ipynb": check_introduction,
    "02-measuring-performance.ipynb": check_measuring,
    "03-computing-pi.ipynb": check_pi,
}


ALL_NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("name", ALL_NOTEBOOKS)
def test_committed_without_outputs(name):
    nb = json.loads((REPO / "notebooks" / name).read_text())
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"] == {"name": "gopar", "display_name": "Go (gopar)", "language": "go"}
    for c in code_cells(nb):
        assert c["execution_count"] is None and c["outputs"] == [], first_line(c)


@pytest.mark.parametrize("runner", list(RUNNERS))
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(runner, name, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, name, tmp_path)
    cells = check_notebook(nb, name)
    CHECKS[name](cells)
