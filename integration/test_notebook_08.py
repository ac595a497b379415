"""notebooks/08-asyncio.ipynb runs top to bottom in a fresh kernel, by every
runner, and shows what the lesson's episode "Asyncio" shows: generators (here
iterators and goroutines feeding channels) and islice, coroutines that receive
values, two counters interleaving, the timer, π from one task and from ten,
the script, and the granularity sweep with its log-log plot and the overhead
per task."""

import re

import pytest

from test_notebooks import REPO, RUNNERS, cell_with, check_notebook, execute, result, rich, streams, tagged, text

NAME = "08-asyncio.ipynb"


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_08(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # Generators: the iterator, islice (lazy, then collected), the channel.
    assert streams(cell_with(cells, "// or this would take a while")) == "".join("%d\n" % i for i in range(1, 12))
    assert result(cell_with(cells, "\nislice(integers(), 0, 10)")).startswith("0x")
    assert result(cell_with(cells, "slices.Collect(islice(integers(), 0, 10))")) == "[1 2 3 4 5 6 7 8 9 10]"
    assert streams(cell_with(cells, "for i := range integersChan(done)")) == "".join("%d " % i for i in range(1, 12))
    costs = streams(cell_with(cells, "func sumIter("))
    assert "5000050000 5000050000\n" in costs
    per_value = re.search(r"per value: iterator ([\d.]+) ns, channel ([\d.]+) ns", costs)
    assert per_value and all(float(v) > 0 for v in per_value.groups()), costs
    assert len(tagged(cells, "timeit")) == 1

    # The challenge: even numbers and Fibonacci.
    assert result(cell_with(cells, "slices.Collect(islice(evenIntegers(), 0, 10))")) == "[2 4 6 8 10 12 14 16 18 20]"
    assert result(cell_with(cells, "slices.Collect(islice(fib(), 0, 20))")) == (
        "[1 1 2 3 5 8 13 21 34 55 89 144 233 377 610 987 1597 2584 4181 6765]")

    # Sending to a coroutine, then with line numbers.
    assert streams(cell_with(cells, "p, stopPrinter := printer()")) == "Mercury\nVenus\nEarth\n"
    assert streams(cell_with(cells, "p, stopPrinter = printer()")) == "001 Mercury\n002 Venus\n003 Earth\n"

    # The counters: Venus alone, then Earth and Moon interleaving, round by round.
    assert streams(cell_with(cells, '\ncounter("Venus")')) == "".join("Venus      %03d\n" % i for i in range(5))
    lines = streams(cell_with(cells, 'gather(func() { counter("Earth") }')).splitlines()
    assert len(lines) == 10, lines
    for i in range(5):
        pair = sorted(lines[2 * i:2 * i + 2])
        assert pair == ["Earth      %03d" % i, "Moon       %03d" % i], lines

    # The timer measures the sleep.
    took = re.search(r"^sleeping 0\.2 s took ([\d.]+) s$", streams(cell_with(cells, 'defer timer("sleeping 0.2 s")()')), re.M)
    assert took and 0.19 < float(took.group(1)) < 2, took

    # π from one goroutine (10**7, then 10**8), from ten, and from ten on one
    # thread, with their times.
    assert len(tagged(cells, "pi")) == 4
    assert re.fullmatch(r"\[3\.1\d* 3\.1\d*\]", result(cell_with(cells, "[]float64{<-a, <-b}")))
    speedups = cell_with(cells, 'speedups := plot.NewTable("tasks"')
    rows = text(rich(speedups)[0]["text/plain"]).splitlines()[1:]
    assert len(rows) == 3 and all(float(r.split()[-1]) > 0 and float(r.split()[-2]) > 0 for r in rows), rows

    # The script ran with go run, and its file is gone.
    script = streams(cell_with(cells, "!go run asyncpi.go"))
    assert script.count("Value of π: 3.1") == 2 and script.count(" took ") == 2, script
    assert not (REPO / "notebooks" / "asyncpi.go").exists()

    # The granularity sweep: its table, its log-log plot, the overhead per task.
    table = cell_with(cells, "tasks, seconds := sweep(totalDarts, 15, 4)")
    rows = text(rich(table)[0]["text/plain"]).splitlines()[1:]
    assert [int(r.split()[1]) for r in rows] == [2 ** k for k in range(16)], rows
    assert all(float(r.split()[3]) > 0 for r in rows), rows
    plots = tagged(cells, "plot")
    assert len(plots) == 1
    images = [d for d in rich(plots[0]) if "image/png" in d]
    assert images and text(images[0]["text/plain"]).startswith("<plot: 2²¹ darts shared among more and more goroutines")
    overhead = re.search(r"overhead per task: ([-\d.]+) µs", streams(cell_with(cells, "overhead := (seconds[last] - best)")))
    assert overhead, "no overhead printed"
    # Positive, and far below the lesson's 100 µs per asyncio task.
    assert 0 < float(overhead.group(1)) < 100, overhead.group(0)
