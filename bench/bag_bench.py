#!/usr/bin/python3
"""gopar's bag package against Debian's dask.bag on the same pipeline, in
one run:

    /usr/bin/python3 bench/bag_bench.py [--gopar PATH] [--n 1000000]
                                        [--repeat 3] [--json PATH]

The pipeline is the lesson's map, filter and reduction over --n integers
(0, 1, ..., n-1): double every item, keep those divisible by 3, sum them.
Both sides cut the sequence as dask's from_sequence does by default (about
100 partitions), and both results are checked against the closed form.

gopar's side runs as cells of a real gopar kernel (through jupyter_client),
as a participant writes it: `func double(x int) int` and `func div3(x int)
bool` declared in a cell, which the kernel compiles, then

    bag.FromSequence(xs, 0).Map(double).Filter(div3).Sum().Compute()

timed with %timeit -o (its own choice of loops, 7 runs). For context, the
same with function literals assigned to variables at a cell's top level
(`double := func(x int) int { ... }`), which stay interpreted, timed with
%timeit -o -r 3 -n 1.

dask's side runs in a fresh /usr/bin/python3 (python3-dask) with the
equivalent Python functions, timed with timeit (--repeat runs of one call,
after one call to warm up): with its default scheduler for bags (processes),
and for context with threads, the kind of worker gopar uses.

Target: gopar with compiled cell functions takes at most 0.1x of dask.bag's
time with its default scheduler. Exits non-zero only when a side fails to
run.
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

TARGET = 0.1

# A file, not `python3 -c`: dask's process pool starts its workers with
# "spawn", which imports the main module again, so the work sits behind the
# main guard as a script using dask's processes must have it.
DASK_SCRIPT = r"""
import json, sys, timeit

import dask.bag as db


def double(x):
    return 2 * x


def div3(x):
    return x % 3 == 0


def main():
    n, repeat, want, scheduler = json.loads(sys.argv[1])
    xs = list(range(n))

    def run():
        v = db.from_sequence(xs).map(double).filter(div3).sum().compute(scheduler=scheduler)
        assert v == want, (v, want)

    run()  # warm up: imports, the pool
    runs = timeit.repeat(run, number=1, repeat=repeat)
    print(json.dumps({"runs": runs, "npartitions": db.from_sequence(xs).npartitions}))


if __name__ == "__main__":
    main()
"""

GOPAR_FUNCS = """
func double(x int) int { return 2 * x }

func div3(x int) bool { return x%3 == 0 }

func ints(n int) []int {
	xs := make([]int, n)
	for i := range xs {
		xs[i] = i
	}
	return xs
}

func checkSum(v any, err error, want int) {
	if err != nil || v != any(want) {
		panic(fmt.Sprintf("the pipeline gave %v (%T), %v; want %d", v, v, err, want))
	}
}
"""

PIPELINE = "bag.FromSequence(xs, 0).Map(%s).Filter(%s).Sum().Compute()"

# The same functions as literals at a cell's top level: interpreted.
GOPAR_LITERALS = """
doubleLit := func(x int) int { return 2 * x }
div3Lit := func(x int) bool { return x%3 == 0 }
"""


def expected(n):
    """The sum of 2x over x < n with 2x divisible by 3 (x divisible by 3)."""
    m = (n - 1) // 3  # the multiples of 3 below n are 0, 3, ..., 3m
    return 2 * 3 * m * (m + 1) // 2


def dask_side(n, repeat, scheduler, tmp):
    script = os.path.join(tmp, "dask_bag_peer.py")
    with open(script, "w") as f:
        f.write(DASK_SCRIPT)
    proc = subprocess.run(
        ["/usr/bin/python3", script, json.dumps([n, repeat, expected(n), scheduler])],
        capture_output=True, text=True, timeout=3600, cwd=tmp,
    )
    if proc.returncode != 0:
        raise RuntimeError("dask side (%s) failed:\n%s" % (scheduler, proc.stderr[-2000:]))
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return sum(out["runs"]) / len(out["runs"]), out["npartitions"]


def gopar_side(n, literal_repeat):
    """Seconds per run with compiled cell functions, with interpreted
    literals, and the number of partitions."""
    km = KernelManager(kernel_name=kb.GOPAR_NAME)
    km.start_kernel()
    kc = kb.new_client(km)
    try:
        kc.wait_for_ready(timeout=kb.TIMEOUT)
        run = kb.cell_runner(kc)

        want = expected(n)
        run('import "fmt"')
        run(GOPAR_FUNCS)
        # Waits for the kernel to compile the functions, checks, warms up.
        run("xs := ints(%d)\nv, err := %s\ncheckSum(v, err, %d)" % (n, PIPELINE % ("double", "div3"), want))
        native = run("%native")
        for fn in ("double", "div3"):
            if not any(line.split()[:2] == ["native", fn] for line in native.splitlines()):
                raise RuntimeError("%s was not compiled:\n%s" % (fn, native))
        parts = int(run("fmt.Println(bag.FromSequence(xs, 0).NPartitions())").strip())
        run("t := %%timeit -o -q %s" % (PIPELINE % ("double", "div3")))
        compiled = float(run("fmt.Println(t.Average)").strip())

        run(GOPAR_LITERALS)
        run("v, err = %s\ncheckSum(v, err, %d)" % (PIPELINE % ("doubleLit", "div3Lit"), want))
        run("tLit := %%timeit -o -q -r %d -n 1 %s" % (literal_repeat, PIPELINE % ("doubleLit", "div3Lit")))
        literals = float(run("fmt.Println(tLit.Average)").strip())
        return compiled, literals, parts
    finally:
        kb.stop(km, kc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--n", type=int, default=10**6, help="items in the bag (default 1000000)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs measured of dask and of gopar's interpreted literals (default 3)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gopar-bag-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        kb.log("gopar: map, filter, sum of %d ints" % args.n)
        compiled, literals, gparts = gopar_side(args.n, args.repeat)
        kb.log("dask.bag, default scheduler: %d runs" % args.repeat)
        dask_default, dparts = dask_side(args.n, args.repeat, None, tmp)
        kb.log("dask.bag, threads: %d runs" % args.repeat)
        dask_threads, _ = dask_side(args.n, args.repeat, "threads", tmp)
    except (RuntimeError, OSError, ValueError, subprocess.SubprocessError, TimeoutError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("map(double), filter(div3), sum() of %d ints; gopar %d partitions, dask %d"
          % (args.n, gparts, dparts))
    print("%-44s %12s" % ("side", "s per run"))
    sides = [
        ("gopar, cell functions (compiled)", compiled),
        ("gopar, function literals (interpreted)", literals),
        ("dask.bag, default scheduler (processes)", dask_default),
        ("dask.bag, threads", dask_threads),
    ]
    for name, seconds in sides:
        print("%-44s %12.4f" % (name, seconds))
    ratio = compiled / dask_default
    print()
    print("%-60s %8s  %s" % ("ratio", "value", "target"))
    print("%-60s %8.4f  <= %.2f %s" % ("gopar cell functions / dask.bag default", ratio, TARGET,
                                       "PASS" if ratio <= TARGET else "FAIL"))
    print("%-60s %8.4f" % ("gopar cell functions / dask.bag threads", compiled / dask_threads))
    print("%-60s %8.4f" % ("gopar function literals / dask.bag default", literals / dask_default))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({
                "n": args.n, "partitions": {"gopar": gparts, "dask": dparts},
                "seconds": {name: s for name, s in sides},
                "ratio": ratio, "target": TARGET,
            }, f, indent=2)


if __name__ == "__main__":
    main()
