"""notebooks/07-exercise-with-fractals.ipynb runs top to bottom in a fresh
kernel, by every runner, and shows what the lesson's episode "Exercise with
Fractals" shows: the Mandelbrot set and its zoom as images, the serial,
row-parallel, tiled and vectorised solutions giving the same escape times,
their timings against the number of workers, and the Julia set."""

import re

import pytest

from test_notebooks import RUNNERS, cell_with, check_notebook, execute, rich, streams, tagged, text

NAME = "07-exercise-with-fractals.ipynb"


def image(cell):
    """The text form of the cell's one image ("<image 256×256>")."""
    images = [d for d in rich(cell) if "image/png" in d]
    assert len(images) == 1, "%d images" % len(images)
    assert len(text(images[0]["image/png"])) > 10_000, "a nearly empty image"
    return text(images[0]["text/plain"])


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_07(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # The images: the whole set, the zoom, a parallel result, the Julia set,
    # and the timings' plot.
    assert len(tagged(cells, "plot")) == 5
    assert image(cell_with(cells, "plot.Image(result.Pow(1.0/3))")) == "<image 256×256>"
    assert image(cell_with(cells, "plot.Image(zoom.Pow(1.0/3))")) == "<image 1024×1024>"
    assert image(cell_with(cells, "plotFractal(testCase, rows)")) == "<image 1024×1024>"
    assert image(cell_with(cells, "plotFractal(juliaBox, juliaSet.Pow(1.0/3))")) == "<image 256×256>"
    assert image(cell_with(cells, "timings.Plot(")).startswith("<plot: Mandelbrot 1024²")

    # The plain loops were timed.
    for snippet in ("result := mandelbrotPlain(", "zoom := mandelbrotPlain("):
        assert "Wall time:" in streams(cell_with(cells, snippet))
    assert len(tagged(cells, "timeit")) == 5

    # Every version gives the same escape times, pixel for pixel.
    same = streams(cell_with(cells, "slices.Equal(fast.Int64s(), serial.Int64s())"))
    assert "one pixel at a time = plain loop: true\n" in same
    assert "two pixels at a time = one at a time: true\n" in same
    # (how much faster depends on what else runs on the machine)
    assert re.search(r"^two at a time: [\d.]+ times as fast$", same, re.M)
    parallel = streams(cell_with(cells, '{"vectorised", vectorized}'))
    assert parallel.split("\n") == ["rows       = serial: true", "tiles      = serial: true",
                                    "vectorised = serial: true", ""]

    # The timing table: 1, 2, 4 and 8 workers, a time for each solution.
    table = cell_with(cells, 'timings := plot.NewTable("workers"')
    assert re.search(r"^\d+ logical cores, \d+ physical$", streams(table), re.M)
    assert "text/html" in rich(table)[0]
    rows = text(rich(table)[0]["text/plain"]).splitlines()[1:]
    assert [int(r.split()[1]) for r in rows] == [1, 2, 4, 8]
    assert all(len(r.split()) == 6 and all(float(v) > 0 for v in r.split()[2:]) for r in rows), rows
    summary = streams(cell_with(cells, 'timings.Columns()[2:]')).splitlines()
    assert [s.split()[0] for s in summary] == ["rows", "tiles", "vectorised"], summary
