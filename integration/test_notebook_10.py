"""notebooks/10-using-modules.ipynb runs top to bottom in a fresh kernel, by
every runner: gonum's mat solves a linear system (and a 400x400 one to a
small residual), stat gives a sample's mean, standard deviation and
quartiles, floats its vector sums; a function over floats runs native;
samber/lo's generic functions and lib/pq's registration in init work; %go
list shows the versions %go get chose, which gopar run records in the
notebook's metadata."""

import re

import pytest

from test_notebooks import RUNNERS, cell_with, check_notebook, execute, result, streams

NAME = "10-using-modules.ipynb"
VERSIONS = {"gonum.org/v1/gonum": "v0.17.0", "github.com/samber/lo": "v1.53.0", "github.com/lib/pq": "v1.12.3"}


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_10(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    assert streams(cell_with(cells, "x.SolveVec(a, b)"), "stdout") == "x = ⎡0.800⎤\n    ⎣1.400⎦\n"
    assert streams(cell_with(cells, "r.SubVec(&r, b)"), "stdout") == "residual 0.0e+00\n"
    big = streams(cell_with(cells, "sol.SolveVec(big, rhs)"), "stdout")
    m = re.search(r"n = 400, residual (\S+)\n", big)
    assert m and float(m.group(1)) < 1e-8, big
    assert "Wall time:" in big, big

    m = re.search(r"mean (\S+)  sd (\S+)  quartiles (\S+) (\S+)\n", streams(cell_with(cells, "stat.MeanStdDev"), "stdout"))
    mean, sd, q1, q3 = map(float, m.groups())
    assert abs(mean - 10) < 0.1 and abs(sd - 2) < 0.1, (mean, sd)
    # A normal's quartiles lie 0.674 standard deviations from its mean.
    assert abs(q1 - (10 - 1.349)) < 0.15 and abs(q3 - (10 + 1.349)) < 0.15, (q1, q3)

    floats = cell_with(cells, "floats.Dot(u, v)")
    assert streams(floats, "stdout") == "dot: 32  norm of u: 3.741657386773941  max of v: 6\n"
    assert result(floats) == "[0 0.25 0.5 0.75 1]"
    assert re.fullmatch(r"rms \d+\.\d{3}\n", streams(cell_with(cells, "func rms("), "stdout"))
    assert re.search(r"^native\s+rms\s", streams(cell_with(cells, "%native"), "stdout"), re.M)

    assert result(cell_with(cells, "lo.Uniq(words)")) == "[the quick brown fox jumps over lazy dog and end]"
    counted = cell_with(cells, "lo.CountValues(words)")
    assert streams(counted, "stdout") == "the: 3  fox: 1\n"
    assert result(counted) == "[QUICK BROWN JUMPS]"
    assert "postgres" in result(cell_with(cells, "sql.Drivers()"))

    listed = streams(cell_with(cells, "%go list"), "stdout").split("\n")
    assert [l.split() for l in listed if l] == sorted([p, v] for p, v in VERSIONS.items()), listed
    if runner == "gopar-run":
        assert nb["metadata"]["gopar"]["modules"] == VERSIONS
