#!/usr/bin/python3
"""Functions of plain cells, run as native code, against compiled Go and
CPython, side by side in one run.

The workshop's loops as notebook 03 writes them (bench/nativepeer/
workloads.go) run:
  * as a plain cell in a real gopar kernel (no magic), timed with %timeit -o
    once %native says they are native; and, for context, in a kernel with
    GOPAR_NATIVE=0, where they are interpreted;
  * as the same file compiled into a Go test binary (go test -bench);
  * as the workshop's Python functions in CPython, timed as %timeit would.
Also: how long the declaring cell takes to return, how long until its
functions are native, and the kernel's memory after 200 redefinitions of
one function.

Targets (from the native-by-default issue): calc_pi(10**6) within 1.5x of
compiled Go and at most 0.05x of CPython; sum_range(10**7) within 1.5x of
compiled Go; calcPiGo on 2 workers at least 1.8x faster than on 1; the
declaring cell back within 1 s; at most 200 MB more after 200
redefinitions.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jit_bench import Cells, go_bench_seconds, python_seconds  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS_GO = os.path.join(HERE, "nativepeer", "workloads.go")

# name, Go call, Go benchmark, Python call
WORKLOADS = [
    ("calc_pi(10**6)", "calcPi(1_000_000)", "BenchmarkCalcPi", "calc_pi(10**6)"),
    ("sum_range(10**7)", "sumRange(10_000_000)", "BenchmarkSumRange", "sum_range(10**7)"),
]

PYTHON = r"""
import json, random, sys, timeit

def calc_pi(N):
    M = 0
    for i in range(N):
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)
        if x**2 + y**2 < 1.0:
            M += 1
    return 4 * M / N

def sum_range(a):
    x = 0
    for i in range(a):
        x += i
    return x

out = {}
for stmt in json.loads(sys.argv[1]):
    timer = timeit.Timer(stmt, globals=globals())
    runs = timer.repeat(number=1, repeat=3)
    out[stmt] = min(runs)
print(json.dumps(out))
"""


def plain_cell():
    """The workloads' declarations as a plain cell."""
    with open(WORKLOADS_GO) as f:
        src = f.read()
    return re.sub(r"(?s)^.*?\npackage \w+\n", "", src)


def rss_mib(pid, field="VmRSS"):
    """Resident memory (VmRSS), or its anonymous part (RssAnon), in MiB."""
    with open("/proc/%d/status" % pid) as f:
        m = re.search(field + r":\s+(\d+) kB", f.read())
    return int(m.group(1)) / 1024


def timeit(k, call, opts=""):
    k.run("t := %%timeit -o -q %s %s" % (opts, call))
    return float(k.run("fmt.Println(t.Best)").strip())


def gopar_side(redefinitions):
    out = {}
    k = Cells()
    try:
        k.run('import "fmt"')
        # The first build of a kernel may compile the runtime in plugin mode
        # into Go's build cache: not what is measured.
        k.run("func warm() int { return 1 }\n%native")
        t0 = time.perf_counter()
        k.run(plain_cell())
        out["declare_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        status = k.run("%native")
        out["until_native_s"] = time.perf_counter() - t0
        for name in ("calcPi", "sumRange", "calcPiGo"):
            if not re.search(r"^native\s+%s\b" % name, status, re.M):
                raise RuntimeError("%s is not native:\n%s" % (name, status))
        for name, call, _, _ in WORKLOADS:
            out[name] = timeit(k, call)
        out["calcPiGo 1 worker"] = timeit(k, "calcPiGo(10_000_000, 1)")
        out["calcPiGo 2 workers"] = timeit(k, "calcPiGo(10_000_000, 2)")
        if redefinitions:
            pid = k.km.provisioner.process.pid
            before, before_anon = rss_mib(pid), rss_mib(pid, "RssAnon")
            for i in range(redefinitions):
                k.run("func redefined(x int) int { return x + %d }\n%%native" % i)
            out["rss_growth_mib"] = rss_mib(pid) - before
            out["anon_growth_mib"] = rss_mib(pid, "RssAnon") - before_anon
    finally:
        k.close()
    os.environ["GOPAR_NATIVE"] = "0"
    try:
        k = Cells()
    finally:
        del os.environ["GOPAR_NATIVE"]
    try:
        k.run('import "fmt"')
        k.run(plain_cell())
        out["interpreted calc_pi(10**6)"] = timeit(k, "calcPi(1_000_000)", "-r 3 -n 1")
    finally:
        k.close()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build -trimpath into a temp dir)")
    ap.add_argument("--redefinitions", type=int, default=200, help="redefinitions for the memory figure (0: skip)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gopar-native-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        os.environ["GOPAR_JIT_CACHE"] = os.path.join(tmp, "jit")
        kb.log("native: gopar plain cells")
        g = gopar_side(args.redefinitions)
        kb.log("native: compiled Go")
        c = go_bench_seconds("./bench/nativepeer", WORKLOADS, min)
        kb.log("native: CPython")
        p = python_seconds(PYTHON, WORKLOADS, "python")
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = [
        ("calc_pi(10**6) vs compiled Go", g["calc_pi(10**6)"], c["calc_pi(10**6)"], 1.5),
        ("calc_pi(10**6) vs CPython", g["calc_pi(10**6)"], p["calc_pi(10**6)"], 0.05),
        ("sum_range(10**7) vs compiled Go", g["sum_range(10**7)"], c["sum_range(10**7)"], 1.5),
        ("calcPiGo(10**7) 2 workers vs 1", g["calcPiGo 2 workers"], g["calcPiGo 1 worker"], 1 / 1.8),
        ("interpreted calc_pi(10**6) vs CPython", g["interpreted calc_pi(10**6)"], p["calc_pi(10**6)"], None),
    ]
    print("%-40s %12s %12s %9s  %s" % ("workload", "gopar", "peer", "ratio", "target"))
    for label, gs, ps, target in rows:
        verdict = "" if target is None else "<= %.3g %s" % (target, "PASS" if gs / ps <= target else "FAIL")
        print("%-40s %9.3f ms %9.3f ms %9.3f  %s" % (label, gs * 1e3, ps * 1e3, gs / ps, verdict))
    print("%-40s %9.3f ms %34s" % ("declaring cell returns", g["declare_s"] * 1e3,
                                   "<= 1000 ms " + ("PASS" if g["declare_s"] <= 1 else "FAIL")))
    print("%-40s %9.3f ms" % ("until its functions are native", g["until_native_s"] * 1e3))
    if "rss_growth_mib" in g:
        print("%-40s %9.1f MiB %33s" % ("memory after %d redefinitions" % args.redefinitions, g["rss_growth_mib"],
                                        "<= 200 MB " + ("PASS" if g["rss_growth_mib"] * 1.048576 <= 200 else "FAIL")))
        print("%-40s %9.1f MiB" % ("  of it anonymous (the rest: plugin files)", g["anon_growth_mib"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"gopar": g, "go": c, "python": p}, f, indent=2)


if __name__ == "__main__":
    main()
