"""notebooks/04-threads-and-processes.ipynb runs top to bottom in a fresh
kernel, by every runner, and shows what the lesson's episode "Threads and
Processes" shows: two estimates of pi on two goroutines, the cores' load
watched by %%monitor, the sorting challenge, processes, a channel for a
queue, a shared counter with and without a lock, and a pool of goroutines
timed against N.

Timings vary with the machine's load, so only their presence and form are
checked; values that do not depend on timing (the estimates, the locked
counters) are checked exactly or to within 0.01 of pi."""

import math
import re

import pytest

from test_notebooks import RUNNERS, cell_with, check_notebook, execute, first_line, rich, streams, tagged, text

NAME = "04-threads-and-processes.ipynb"
INCREMENTS = 2 * 10_000_000  # two goroutines, ten million each


def images(cell):
    return [d for d in rich(cell) if "image/png" in d or "image/svg+xml" in d]


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_notebook_04(runner, gopar_bin, tmp_path):
    nb = execute(runner, gopar_bin, NAME, tmp_path)
    cells = check_notebook(nb, NAME)

    # Estimates of pi: the first call, serial, two goroutines, the quick
    # check, the %%jit function on goroutines, the pool's mean.
    assert len(tagged(cells, "pi")) == 6
    threaded = cell_with(cells, "pi1 = calcPi(n) }()")
    assert first_line(threaded) == "%%time"
    assert "pi" in threaded["metadata"]["tags"]
    assert re.search(r"CPU times: user .+\nWall time: ", streams(threaded, "stdout"))
    assert first_line(cell_with(cells, "pi1 = calcPiNogil(n) }()")) == "%%time"

    # %timeit: serial and threaded, GOMAXPROCS(1), one sort and two.
    assert len(tagged(cells, "timeit")) == 4
    speed = cell_with(cells, "tThreads := %timeit -o")
    assert re.search(r"best of 3: \d+ ms one after the other, \d+ ms on two goroutines: [\d.]+x faster on \d+ cores\n",
                     streams(speed, "stdout"))
    table = cell_with(cells, "threads := plot.NewTable(")
    html = text(rich(table)[0]["text/html"])
    assert html.count("</tr>") == 4 and "GOMAXPROCS(1)" in html
    sorts = [c for c in tagged(cells, "timeit") if "Sort()" in text(c["source"])]
    assert len(sorts) == 2
    for c in sorts:
        assert "(mean ± std. dev. of 3 runs, 3 loops each)" in streams(c, "stdout")

    # %%monitor: silent itself, it ends with the plot of each core's load.
    monitor = [c for c in cells if first_line(c).startswith("%%monitor -i 0.1")]
    assert len(monitor) == 1
    outputs = monitor[0]["outputs"]
    assert outputs and outputs[-1]["output_type"] == "display_data", outputs
    assert "image/png" in outputs[-1]["data"]
    summary = text(outputs[-1]["data"]["text/plain"])
    assert summary.startswith("CPU load per core over ") and re.search(r"^cpu0 +mean +\d+% +peak +\d+%$", summary, re.M)
    assert streams(monitor[0]) == ""

    # Multiprocessing: main runs once; a real process; the cost of one.
    assert streams(cell_with(cells, "package main")) == "both estimates done\n"
    assert streams(cell_with(cells, "!go version")).startswith("go version go1.")
    cost = streams(cell_with(cells, 'processCost("/bin/true", 20)'))
    assert re.fullmatch(r"a process: \S+; a goroutine: \S+; a process costs \d+ goroutines\n", cost), cost

    # The queue: two estimates back through a channel.
    got = re.findall(r"^\{Pi:([\d.]+) N:10000000\}$", streams(cell_with(cells, "que := make(chan estimate)")), re.M)
    assert len(got) == 2 and all(abs(float(v) - math.pi) < 0.01 for v in got), got

    # The shared counter: exact under a mutex and atomically; never more without.
    counts = streams(cell_with(cells, "countMutex(increments)"))
    assert "with a sync.Mutex: %d\n" % INCREMENTS in counts
    assert "with sync/atomic:  %d\n" % INCREMENTS in counts
    unlocked = re.search(r"^without a lock: +\[(\d+) (\d+) (\d+)\] in three runs, of %d$" % INCREMENTS, counts, re.M)
    assert unlocked, counts
    assert all(0 < int(v) <= INCREMENTS for v in unlocked.groups())

    # The pool: four estimates, then its times against N, a table and two plots.
    pool = cell_with(cells, "estimates := poolPi(1_000_000, 4, runtime.NumCPU())")
    assert len(re.fullmatch(r"\[(.*)\]\n", streams(pool)).group(1).split()) == 4
    scaling = cell_with(cells, "bestTime(N, 0, runs)")
    assert "plot" in scaling["metadata"]["tags"]
    shown = rich(scaling)
    rows = re.findall(r"<th>\d</th>\s*<td>(\d+)</td>", text(shown[0]["text/html"]))
    assert rows == ["1000", "10000", "100000", "1000000", "10000000"], rows
    assert len(images(scaling)) == 2
