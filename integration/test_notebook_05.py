"""notebooks/05-delayed-evaluation.ipynb runs top to bottom in a fresh kernel,
by every runner, and shows what the lesson's episode "Delayed Evaluation"
shows: promises, their graphs, shared tasks computed once, gather, and the
mean of ten delayed estimates of pi timed against the same done serially (the
speed-up is not asserted: on a busy machine it may not show)."""

import re

import pytest

from test_notebooks import RUNNERS, cell_with, check_notebook, execute, first_line, rich, streams, tagged, text

NAME = "05-delayed-evaluation.ipynb"


def results(cell):
    """The text of the cell's execute_result, or None."""
    for o in cell["outputs"]:
        if o["output_type"] == "execute_result":
            return text(o["data"].get("text/plain"))
    return None


def svgs(cell):
    return [text(d["image/svg+xml"]) for d in rich(cell) if "image/svg+xml" in d]


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_05(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # The promise: its type, its key, and nothing run before Compute.
    made = cell_with(cells, 'add := delayed.Named("add", addNow)')
    assert streams(made) == ""
    shown = cell_with(cells, 'fmt.Printf("%T\\n", x_p)')
    assert streams(shown) == "*delayed.Delayed\n"
    assert re.fullmatch(r"Delayed\('add-[0-9a-f]{16}'\)", results(shown))
    first = [c for c in cells if first_line(c) == "x_p.Compute()"][0]
    assert (streams(first), results(first)) == ("1 + 2 = 3\n", "(3, <nil>)")

    # The workflow, drawn left to right: three tasks, three results.
    workflow = [c for c in cells if text(c["source"]).endswith('z_p.Visualize("LR")')][0]
    data = rich(workflow)[0]
    assert text(data["text/plain"]) == "task graph: 3 tasks, 3 values, 6 edges"
    svg = text(data["image/svg+xml"])
    assert svg.startswith("<svg") and svg.count("<ellipse") == 3
    width, height = (float(v) for v in re.match(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert width > 3 * height, "not left to right: %s x %s" % (width, height)
    assert svg.count(">add</text>") == 3

    # The challenge: computed on their own, y_p and z_p run x_p twice;
    # together, and z_p = add(x_p, y_p) alone, once.
    assert len(svgs(cell_with(cells, 'display.Show(y_p.Visualize("LR"))'))) == 2
    assert "y_p = 6, z_p = 0: x_p ran 2 times\n" in streams(cell_with(cells, "y, _ := y_p.Compute()"))
    together = streams(cell_with(cells, "delayed.Compute(y_p, z_p)"))
    assert together.count("1 + 2 = 3") == 1 and "y_p, z_p = [6 0]: x_p ran 1 time\n" in together
    shared = cell_with(cells, "z_p = add(x_p, y_p)")
    assert streams(shared) == "1 + 2 = 3\n3 + 3 = 6\n3 + 6 = 9\nz_p = 9: x_p ran 1 time\n"
    assert len(svgs(shared)) == 1

    # delayed(calc_pi)(N): unnamed, named, and a compiled package's function.
    named = cell_with(cells, "fmt.Println(delayed.Call(calcPi, N))")
    # (calcPi is named after itself when compiled, "func" if it stayed interpreted.)
    assert re.fullmatch(r"Delayed\('(calcPi|func)-[0-9a-f]{16}'\)\nDelayed\('pi\.Loop-[0-9a-f]{16}'\)\n", streams(named))
    assert ">calc_pi</text>" in svgs(named)[0]
    assert len(tagged(cells, "pi")) == 2  # x_p, and the mean of ten

    # The callouts.
    assert results(cell_with(cells, 'sqr := delayed.Named("sqr", sqrNow)')) == "(49, <nil>)"
    assert streams(cell_with(cells, "addAll(numbers...)")) == "10 10\n"
    assert results(cell_with(cells, "(terms...)")) == "(15, <nil>)"

    # Gather: the lesson's add(n, n) gives 0, 2, ..., 18; its squares need mul.
    gathered = cells[cells.index(cell_with(cells, "x_p = gather(promises...)")) + 1]
    assert first_line(gathered) == "x_p.Compute()"
    assert results(gathered) == "([0 2 4 6 8 10 12 14 16 18], <nil>)"
    assert sorted(streams(gathered).splitlines()) == sorted("%d + %d = %d" % (n, n, 2 * n) for n in range(10))
    assert svgs(cell_with(cells, "x_p = gather(promises...)"))[0].count("<ellipse") == 11
    assert results(cell_with(cells, "mul(n, n)")) == "([0 1 4 9 16 25 36 49 64 81], <nil>)"

    # The mean, and its speed against the serial loop.
    assert results(cell_with(cells, "mean(1, 2, 3, 4).Compute()")) == "(2.5, <nil>)"
    graph = svgs(cell_with(cells, "pi_p := mean(estimates...)"))[0]
    assert graph.count("<ellipse") == 11 and graph.count(">calc_pi</text>") == 10 and ">mean</text>" in graph
    assert len(tagged(cells, "timeit")) == 1
    speed = re.search(r"on (\d+) cores, best of 5: ([\d.]+) ms one after another, ([\d.]+) ms as delayed tasks, a speed-up of ([\d.]+)",
                      streams(cell_with(cells, "tSerial.Best/tDelayed.Best")))
    assert speed, "no speed-up line"
    serial, parallel, speedup = (float(speed.group(i)) for i in (2, 3, 4))
    assert abs(serial / parallel - speedup) < 0.01 + 0.001 * speedup
    timed = [c for c in cells if first_line(c) == "%%time"][0]
    assert "Wall time:" in streams(timed) and re.match(r"\(3\.1\d*, <nil>\)", results(timed))
