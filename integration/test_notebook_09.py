"""notebooks/09-external-c.ipynb runs top to bottom in a fresh kernel, by every
runner, and shows what the lesson's episode "Calling External C and C++
Libraries from Python" shows, with cgo in %%jit cells: sum_range in C from the
cell's preamble and from a written file, checked against the formula; its
timing against a Go loop, np and the closed form; conditional_sum_range in C
and Go; the vectorised wrapper (a Go loop over C, a slice passed to C); 20
calls from two goroutines against one at a time. The C file it writes is
gone afterwards."""

import re

import pytest

from test_notebooks import REPO, RUNNERS, cell_with, check_notebook, execute, first_line, result, rich, streams, tagged, text

NAME = "09-external-c.ipynb"
SUM_1E7 = 10**7 * (10**7 - 1) // 2
SUM_1E9 = 10**9 * (10**9 - 1) // 2
CONDITIONAL_1E7 = sum(range(0, 10**7, 3))


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_09(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # C in %%jit cells: in the preamble and from the written file.
    jit_c = [c for c in cells if first_line(c).startswith("%%jit") and 'import "C"' in text(c["source"])]
    assert len(jit_c) == 4, [first_line(c) for c in jit_c]
    assert any('#include "sum_range.c"' in text(c["source"]) for c in jit_c)
    assert "Writing sum_range.c" in streams(cell_with(cells, "%%writefile sum_range.c"))
    assert "Appending to sum_range.c" in streams(cell_with(cells, "%%writefile -a sum_range.c"))

    # The brute-force sum of 10**9 numbers agrees with the formula, both routes.
    first = streams(cell_with(cells, "bruteForceSum := sumRange(high)"))
    assert "brute force:  %d\n" % SUM_1E9 in first and "difference:   0\n" in first, first
    again = streams(cell_with(cells, "bruteForceSum = sumRange(high)"))
    assert again.startswith("difference: 0\n"), again

    # The C sum of 10**7 numbers equals the Go loop's and the closed form's.
    assert "C: %d  Go: %d\n" % (SUM_1E7, SUM_1E7) in streams(cell_with(cells, "tGo := %timeit"))
    assert "closed form: %d\n" % SUM_1E7 in streams(cell_with(cells, "tFormula := %timeit"))
    assert len(tagged(cells, "timeit")) == 7
    for snippet in ("tC := %timeit", "tGo := %timeit", "tNp := %timeit", "tFormula := %timeit", "tCondC := %timeit"):
        assert "per loop (mean ± std. dev. of" in streams(cell_with(cells, snippet)), snippet
    table = text(rich(cell_with(cells, "sums := plot.NewTable("))[0]["text/plain"]).splitlines()[1:]
    assert len(table) == 4 and all(float(r.split()[-1]) > 0 for r in table), table

    # conditional_sum_range, in C and in Go.
    cond = streams(cell_with(cells, "tCondGo := %timeit"))
    assert "C: %d  Go: %d\n" % (CONDITIONAL_1E7, CONDITIONAL_1E7) in cond, cond
    assert re.search(r"C takes [\d.]+ times as long as Go", cond), cond

    # The vectorised wrapper, both ways, and the differences of the sums.
    vec = cell_with(cells, "out := sumRanges(ys)")
    sums = "[0 0 1 3 6 10 15 21 28 36]"
    assert streams(vec) == "Go loop over C: %s\none C call:     %s\n" % (sums, sums), streams(vec)
    assert result(vec) == "[0 1 2 3 4 5 6 7 8]"
    per_call = re.search(r"about (-?\d+) ns a Go-to-C call", streams(cell_with(cells, "tPerCall := %timeit")))
    assert per_call and int(per_call.group(1)) > 0, per_call

    # 20 calls one at a time and two at a time, timed; no GIL in the way.
    runs = streams(cell_with(cells, "parallel := twoAtATime(highGIL)"))
    found = dict((label, (float(wall), float(cpu), float(busy))) for label, wall, cpu, busy in re.findall(
        r"^(one|two) at a time: Time elapsed = ([\d.]+)s \(processor time ([\d.]+)s: ([\d.]+) cores busy\)$", runs, re.M))
    assert set(found) == {"one", "two"}, runs
    for wall, cpu, busy in found.values():
        assert wall > 0 and cpu > 0 and 0 < busy < 2.5, runs
    assert re.search(r"^speed-up [\d.]+ with 2 goroutines on \d+ cores$", runs, re.M), runs
    together = re.search(r"^both calls inside C at once for (\d+)% of that time$", runs, re.M)
    # With a lock around C calls (a GIL) the two calls would never be inside C together.
    assert together and int(together.group(1)) > 0, runs

    # The notebook cleaned up after itself.
    assert not (REPO / "notebooks" / "sum_range.c").exists()
    assert not list((REPO / "notebooks").glob("*.[cho]")) and not list((REPO / "notebooks").glob("*.so"))
