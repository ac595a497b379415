#!/usr/bin/python3
"""The cost of a task in gopar's delayed package against Debian's
dask.delayed, on the same graph, in one run:

    /usr/bin/python3 bench/delayed_bench.py [--gopar PATH] [--tasks 10000]
                                            [--repeat 5] [--json PATH]

The graph is the lesson's gather pattern at scale: --tasks tiny independent
tasks (x + 1 of their index) and one task that gathers their results into a
list. Each run builds the graph and computes it; its time divided by the
number of tasks (the gathering one included) is the cost of a task. The
figure is the mean over --repeat runs, after one run to warm up.

gopar's side runs as cells of a real gopar kernel (through jupyter_client),
with a function declared in a cell, compiled by the kernel, as the task:

  cell statements    the graph built by a loop at a cell's top level, which
                     the interpreter runs, as a participant writes it; each
                     run timed with time.Since in the cell
  compiled function  the graph built by a function declared in a cell,
                     which the kernel compiles; timed with %timeit -o

dask's side runs in a fresh /usr/bin/python3 (python3-dask): @delayed
functions, the lesson's delayed gather(*args), compute() with dask's default
(threaded) scheduler, timed with timeit.

Target: a task costs at most 0.05x of dask's. Exits non-zero only when a
side fails to run.
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

TARGET = 0.05

DASK_SCRIPT = r"""
import json, sys, timeit
from dask import delayed

n, repeat = json.loads(sys.argv[1])


@delayed
def inc(x):
    return x + 1


@delayed
def gather(*args):
    return list(args)


def run():
    v = gather(*[inc(i) for i in range(n)]).compute()
    assert len(v) == n and v[-1] == n, v[-3:]


run()  # warm up: imports, the thread pool
runs = timeit.repeat(run, number=1, repeat=repeat)
print(json.dumps({"runs": runs}))
"""

# The task, and the graph built by a compiled function.
GOPAR_FUNCS = """
func inc(x int) int { return x + 1 }

func buildGraph(n int) *delayed.Delayed {
	incP := delayed.Func(inc)
	ds := make([]*delayed.Delayed, n)
	for i := range ds {
		ds[i] = incP(i)
	}
	return delayed.Gather(ds...)
}

func checkGather(v any, err error, n int) {
	xs, ok := v.([]any)
	if err != nil || !ok || len(xs) != n || xs[n-1] != n {
		panic(fmt.Sprintf("gather of %d tasks gave %T of %d, %v", n, v, len(xs), err))
	}
}
"""

# The graph built by the cell's own statements; %d: tasks, runs.
GOPAR_CELL_LOOP = """
n, repeat := %d, %d
incP := delayed.Func(inc)
runs := make([]float64, 0, repeat)
for range repeat {
	start := time.Now()
	ds := make([]*delayed.Delayed, n)
	for i := range ds {
		ds[i] = incP(i)
	}
	v, err := delayed.Gather(ds...).Compute()
	runs = append(runs, time.Since(start).Seconds())
	checkGather(v, err, n)
}
fmt.Println(runs)
"""


def dask_side(n, repeat):
    proc = subprocess.run(
        ["/usr/bin/python3", "-c", DASK_SCRIPT, json.dumps([n, repeat])],
        capture_output=True, text=True, timeout=3600,
    )
    if proc.returncode != 0:
        raise RuntimeError("dask side failed:\n%s" % proc.stderr[-2000:])
    runs = json.loads(proc.stdout.strip().splitlines()[-1])["runs"]
    return sum(runs) / len(runs)


def gopar_side(n, repeat):
    """Seconds per run of the graph: built by cell statements, and by a
    compiled function."""
    km = KernelManager(kernel_name=kb.GOPAR_NAME)
    km.start_kernel()
    kc = kb.new_client(km)
    try:
        kc.wait_for_ready(timeout=kb.TIMEOUT)
        run = kb.cell_runner(kc)

        run('import "fmt"\nimport "time"')
        run(GOPAR_FUNCS)
        # Waits for the kernel to compile the functions, and warms up.
        run("v, err := buildGraph(%d).Compute()\ncheckGather(v, err, %d)" % (n, n))
        native = run("%native")
        for fn in ("inc", "buildGraph"):
            if not any(line.split()[:2] == ["native", fn] for line in native.splitlines()):
                raise RuntimeError("%s was not compiled:\n%s" % (fn, native))
        runs = [float(x) for x in run(GOPAR_CELL_LOOP % (n, repeat)).strip().strip("[]").split()]
        cell = sum(runs) / len(runs)
        run("t := %%timeit -o -q -r %d buildGraph(%d).Compute()" % (repeat, n))
        compiled = float(run("fmt.Println(t.Average)").strip())
        return cell, compiled
    finally:
        kb.stop(km, kc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--tasks", type=int, default=10_000, help="independent tasks in the graph (default 10000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs measured on each side (default 5)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()

    n, tasks = args.tasks, args.tasks + 1  # the gathering task counts too
    tmp = tempfile.mkdtemp(prefix="gopar-delayed-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        kb.log("gopar: %d tasks and a gather, %d runs" % (n, args.repeat))
        cell, compiled = gopar_side(n, args.repeat)
        kb.log("dask: %d tasks and a gather, %d runs" % (n, args.repeat))
        dask = dask_side(n, args.repeat)
    except (RuntimeError, OSError, subprocess.SubprocessError, TimeoutError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = [("built by cell statements", cell), ("built by a compiled function", compiled)]
    results = {"tasks": tasks, "repeat": args.repeat, "dask_us_per_task": 1e6 * dask / tasks, "target": TARGET}
    print("%d independent tasks and one gather, built and computed; mean of %d runs" % (n, args.repeat))
    print("%-30s %16s %16s %8s  %s" % ("gopar's graph", "gopar µs/task", "dask µs/task", "ratio", "target"))
    for name, seconds in rows:
        ratio = seconds / dask
        verdict = "<= %.2f %s" % (TARGET, "PASS" if ratio <= TARGET else "FAIL")
        print("%-30s %16.2f %16.2f %8.4f  %s" % (name, 1e6 * seconds / tasks, 1e6 * dask / tasks, ratio, verdict))
        results[name] = {"us_per_task": 1e6 * seconds / tasks, "ratio": ratio}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
