#!/usr/bin/python3
"""The granularity sweep of the lesson's Asyncio episode (its "Efficiency"
challenge), in Python's asyncio and in gopar's goroutines, in one run.

A fixed number of darts (2**25, the lesson's) is shared among 2**0, 2**1, ...
tasks, and each split is timed: the best of --repeat passes over all the
splits, so that a busy moment of the machine spoils a little of every split
rather than all of one. The time each task adds is the overhead per task,
computed as the lesson does: the extra time of the sweep's last split over its
best one, spread evenly over the last split's tasks.

  python   the lesson's code (Debian's /usr/bin/python3, asyncio and numba):
           calc_pi compiled with @numba.njit(nogil=True), each task an
           asyncio.to_thread call, gathered with asyncio.gather; 2**0 to
           2**12 tasks, as the lesson.
  gopar    notebooks/08-asyncio.ipynb's cells in a gopar kernel (through
           jupyter_client): calcPi compiled by the kernel, each task a
           goroutine delivering its estimate on a channel; 2**0 to 2**16
           tasks, since a goroutine costs too little for 2**12 of them to
           show over the run-to-run noise.

Writes both sweeps on log-log axes into build/bench/asyncio-granularity.png
(drawn by gopar's plot package in the same kernel) and prints both tables,
the overheads per task and their ratio. The level of the flat part is the
darts' own cost, not the tasks': numba's random numbers come quicker than
math/rand/v2's, so Python's flat part lies lower.

    /usr/bin/python3 bench/asyncio_bench.py [--gopar PATH] [--darts-log2 25]
        [--repeat 5] [--python-max-log2 12] [--gopar-max-log2 16] [--json PATH]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

PLOT = kb.REPO / "build" / "bench" / "asyncio-granularity.png"

# The lesson's code (Carpentries Incubator, Parallel Programming in Python,
# episode "Asyncio", CC BY 4.0): its timer, calc_pi and calc_pi_split, and
# its granularity sweep, which here takes the best of `repeat` passes over all
# the splits, as the Go sweep does.
PYTHON_SWEEP = r"""
import asyncio
import json
import random
import sys
from contextlib import asynccontextmanager
from dataclasses import dataclass
from time import perf_counter
from typing import Optional

import numba


@dataclass
class Elapsed:
    time: Optional[float] = None


@asynccontextmanager
async def timer():
    e = Elapsed()
    t = perf_counter()
    yield e
    e.time = perf_counter() - t


@numba.njit(nogil=True)
def calc_pi(N):
    M = 0
    for i in range(N):
        # Simulate impact coordinates
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)

        # True if impact happens inside the circle
        if x**2 + y**2 < 1.0:
            M += 1
    return 4 * M / N


async def calc_pi_split(N, M):
    lst = await asyncio.gather(*(asyncio.to_thread(calc_pi, N) for _ in range(M)))
    return sum(lst) / M


async def main(total, max_log2, repeat):
    calc_pi(1)  # compile the numba function
    tasks = [2**i for i in range(max_log2 + 1)]
    seconds = [float("inf")] * len(tasks)
    for _ in range(repeat):
        for i, njobs in enumerate(tasks):
            jobsize = total // njobs
            async with timer() as t:
                await calc_pi_split(jobsize, njobs)
            seconds[i] = min(seconds[i], t.time)
        print("pass: " + ", ".join(f"{n}: {s:.3f} s" for n, s in zip(tasks, seconds)), file=sys.stderr, flush=True)
    print(json.dumps({"tasks": tasks, "seconds": seconds}))


total, max_log2, repeat = json.loads(sys.argv[1])
asyncio.run(main(total, max_log2, repeat))
"""

# The cells of notebooks/08-asyncio.ipynb that the sweep uses.
GOPAR_CELLS = [
    r"""
import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

func calcPi(N int) float64 {
	M := 0
	for i := 0; i < N; i++ {
		x := -1 + 2*rand.Float64()
		y := -1 + 2*rand.Float64()
		if x*x+y*y < 1.0 {
			M++
		}
	}
	return 4 * float64(M) / float64(N)
}

func toThread(f func(int) float64, n int) <-chan float64 {
	result := make(chan float64, 1)
	go func() { result <- f(n) }()
	return result
}

func calcPiSplit(N, M int) float64 {
	results := make([]<-chan float64, M)
	for i := range results {
		results[i] = toThread(calcPi, N)
	}
	sum := 0.0
	for i := range results {
		sum += <-results[i]
	}
	return sum / float64(M)
}

func sweep(total, maxPow, repeat int) (tasks []int, seconds []float64) {
	for k := 0; k <= maxPow; k++ {
		tasks = append(tasks, 1<<k)
		seconds = append(seconds, math.Inf(1))
	}
	for range repeat {
		for i, n := range tasks {
			start := time.Now()
			calcPiSplit(total/n, n)
			seconds[i] = min(seconds[i], time.Since(start).Seconds())
		}
	}
	return tasks, seconds
}
""",
    # A first call waits for the native build of the functions above.
    "calcPiSplit(1000, 2)",
]


def python_sweep(total, max_log2, repeat):
    # Its progress, and any error, go to our stderr as they come.
    proc = subprocess.run(
        ["/usr/bin/python3", "-c", PYTHON_SWEEP, json.dumps([total, max_log2, repeat])],
        stdout=subprocess.PIPE, text=True, timeout=3600,
    )
    if proc.returncode != 0:
        raise RuntimeError("the Python sweep failed (exit status %d)" % proc.returncode)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def go_floats(xs):
    return "[]float64{%s}" % ", ".join(repr(float(x)) for x in xs)


def overhead_per_task(sweep):
    """The lesson's estimate: the last split's extra time over the best
    split, spread evenly over the last split's tasks."""
    seconds = sweep["seconds"]
    return (seconds[-1] - min(seconds)) / sweep["tasks"][-1]


def gopar_sweep_and_plot(total, max_log2, repeat, py, cores_note):
    """Runs the sweep in a gopar kernel, then draws both sweeps into PLOT."""
    km = KernelManager(kernel_name=kb.GOPAR_NAME)
    km.start_kernel()
    kc = kb.new_client(km)
    try:
        kc.wait_for_ready(timeout=kb.TIMEOUT)
        run = kb.cell_runner(kc)

        for cell in GOPAR_CELLS:
            run(cell)
        out = run("tasks, seconds := sweep(%d, %d, %d)\n"
                  "b, _ := json.Marshal(map[string]any{\"tasks\": tasks, \"seconds\": seconds})\n"
                  "fmt.Println(string(b))" % (total, max_log2, repeat))
        go = json.loads(out.strip().splitlines()[-1])
        PLOT.parent.mkdir(parents=True, exist_ok=True)
        run("""
p := plot.New(%s).XLabel("tasks").YLabel("seconds").LogX().LogY()
p.Line("asyncio + to_thread (CPython, numba)", %s, %s)
p.Line("goroutines (gopar)", %s, %s)
if err := p.Save(%s); err != nil {
	panic(err)
}
""" % (json.dumps("2**%d darts shared among tasks, best of %d, %s" % (total.bit_length() - 1, repeat, cores_note)),
            go_floats(py["tasks"]), go_floats(py["seconds"]), go_floats(go["tasks"]), go_floats(go["seconds"]),
            json.dumps(str(PLOT))))
        return go
    finally:
        kb.stop(km, kc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--darts-log2", type=int, default=25, help="total darts, as a power of two (the lesson's 25)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over all the splits; each split's best counts")
    ap.add_argument("--python-max-log2", type=int, default=12, help="Python's largest split, 2**N tasks")
    ap.add_argument("--gopar-max-log2", type=int, default=16, help="gopar's largest split, 2**N tasks")
    ap.add_argument("--json", metavar="PATH", help="write the results as JSON")
    args = ap.parse_args()

    total = 1 << args.darts_log2
    cores_note = "%d cores" % os.cpu_count()
    tmp = tempfile.mkdtemp(prefix="gopar-asyncio-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        kb.log("python: asyncio.to_thread sweep, 2**0 .. 2**%d tasks" % args.python_max_log2)
        py = python_sweep(total, args.python_max_log2, args.repeat)
        kb.log("gopar: goroutine sweep, 2**0 .. 2**%d tasks" % args.gopar_max_log2)
        go = gopar_sweep_and_plot(total, args.gopar_max_log2, args.repeat, py, cores_note)
    except RuntimeError as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("granularity sweep: 2**%d darts shared among 2**k tasks, best of %d passes, %s"
          % (args.darts_log2, args.repeat, cores_note))
    print("%8s %12s %12s" % ("tasks", "python s", "gopar s"))
    py_by_n = dict(zip(py["tasks"], py["seconds"]))
    go_by_n = dict(zip(go["tasks"], go["seconds"]))
    for n in sorted(set(py_by_n) | set(go_by_n)):
        print("%8d %12s %12s" % (n, "%.4f" % py_by_n[n] if n in py_by_n else "-",
                                 "%.4f" % go_by_n[n] if n in go_by_n else "-"))
    py_over, go_over = overhead_per_task(py), overhead_per_task(go)
    print("overhead per task, python (asyncio.to_thread, from %d tasks): %8.2f µs" % (py["tasks"][-1], py_over * 1e6))
    print("overhead per task, gopar (goroutines, from %d tasks):        %8.2f µs" % (go["tasks"][-1], go_over * 1e6))
    if go_over > 0:
        print("ratio python / gopar: %.0f" % (py_over / go_over))
    else:
        print("ratio python / gopar: not measurable (gopar's overhead is within the noise)")
    print("plot: %s" % PLOT)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"darts": total, "repeat": args.repeat, "python": py, "gopar": go,
                       "overhead_s": {"python": py_over, "gopar": go_over}, "plot": str(PLOT)}, f, indent=2)


if __name__ == "__main__":
    main()
