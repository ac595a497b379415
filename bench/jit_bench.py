#!/usr/bin/python3
"""%%jit against compiled Go and numba, side by side in one run.

The workshop's calc_pi(10**6) and sum_range(10**7), written once in Go in
bench/jitpeer/workloads.go, run three ways:
  * as %%jit functions in a real gopar kernel, timed with %timeit -o;
  * as the same file compiled into a Go test binary (go test -bench);
  * as the workshop's numba functions (Debian's python3-numba), timed with
    timeit as %timeit would (after a first call compiled them).
And %%jit's compile times: a warm build (Go's build cache warm, the source
new to gopar's plugin cache), and a cached one (the same source in a new
kernel: the plugin is loaded from the cache, with no build).

Targets (from the %%jit issue): within 1.2x of compiled Go; at least as fast
as numba; a warm new-source build under 1 s; a cached one under 50 ms.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS_GO = os.path.join(HERE, "jitpeer", "workloads.go")

# name, Go call, Go benchmark, numba call
WORKLOADS = [
    ("calc_pi(10**6)", "calcPi(1_000_000)", "BenchmarkCalcPi", "calc_pi(10**6)"),
    ("sum_range(10**7)", "sumRange(10_000_000)", "BenchmarkSumRange", "sum_range(10**7)"),
]

NUMBA = r"""
import json, random, sys, timeit
import numba

@numba.jit
def calc_pi(N):
    M = 0
    for i in range(N):
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)
        if x**2 + y**2 < 1.0:
            M += 1
    return 4 * M / N

@numba.jit
def sum_range(n):
    s = 0
    for i in range(n):
        s += i
    return s

calc_pi(10); sum_range(10)  # compiled before timing
out = {}
for stmt in json.loads(sys.argv[1]):
    timer = timeit.Timer(stmt, globals=globals())
    for k in range(10):  # as %timeit: the first power of ten taking 0.2 s
        number = 10 ** k
        if timer.timeit(number) >= 0.2:
            break
    runs = timer.repeat(number=number, repeat=7)
    out[stmt] = sum(runs) / len(runs) / number
print(json.dumps(out))
"""


def jit_cell(extra=""):
    """The workloads' declarations as a %%jit cell."""
    with open(WORKLOADS_GO) as f:
        src = f.read()
    body = re.sub(r"(?s)^.*?\npackage \w+\n", "", src)
    return "%%jit -v\n" + body + extra


class Cells:
    """A gopar kernel to run cells in."""

    def __init__(self):
        self.km = KernelManager(kernel_name=kb.GOPAR_NAME)
        self.km.start_kernel()
        self.kc = kb.new_client(self.km)
        self.kc.wait_for_ready(timeout=kb.TIMEOUT)

    def run(self, code):
        out, err = [], []

        def hook(msg):
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                err.append("\n".join(msg["content"]["traceback"]))

        reply = self.kc.execute_interactive(code, output_hook=hook, timeout=900)
        if reply["content"]["status"] != "ok":
            raise RuntimeError("gopar cell %r failed: %s" % (code[:80], "".join(err)))
        return "".join(out)

    def close(self):
        kb.stop(self.km, self.kc)


UNITS = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "ns": 1e-9}


def compile_seconds(out):
    """The time in %%jit -v's 'compiled in 412 ms: ...' line."""
    m = re.search(r"(?:compiled|loaded from the cache) in ([\d.]+) (s|ms|µs|ns)", out)
    if not m:
        raise RuntimeError("no compile time in %r" % out)
    return float(m.group(1)) * UNITS[m.group(2)], out.startswith("loaded")


def gopar_side():
    out = {}
    k = Cells()
    try:
        # The first build of a session may compile the runtime in plugin
        # mode into Go's build cache: not what is measured.
        k.run(jit_cell())
        warm = []
        for _ in range(3):
            t, cached = compile_seconds(k.run(jit_cell('\nconst nonce = "%s"\n' % uuid.uuid4().hex)))
            assert not cached
            warm.append(t)
        out["warm_build_s"] = statistics.median(warm)
        k.run('import "fmt"')
        for name, call, _, _ in WORKLOADS:
            k.run("t := %%timeit -o -q %s" % call)
            out[name] = float(k.run("fmt.Println(t.Average)").strip())
    finally:
        k.close()
    cached = []
    for _ in range(3):
        k = Cells()
        try:
            t, was_cached = compile_seconds(k.run(jit_cell()))
            assert was_cached
            cached.append(t)
        finally:
            k.close()
    out["cached_build_s"] = statistics.median(cached)
    return out


def go_bench_seconds(package, workloads, reduce):
    """Seconds per call of each workload's go test benchmark in package, by
    workload name: reduce (mean, min) of five counts."""
    proc = subprocess.run(
        ["go", "test", "-run", "^$", "-bench", ".", "-count", "5", package],
        cwd=kb.REPO, capture_output=True, text=True, timeout=900, check=True,
    )
    out = {}
    for name, _, bench, _ in workloads:
        ns = [float(m) for m in re.findall(r"^%s-\d+\s+\d+\s+([\d.]+) ns/op" % bench, proc.stdout, re.M)]
        if not ns:
            raise RuntimeError("no %s in go test output:\n%s" % (bench, proc.stdout))
        out[name] = reduce(ns) * 1e-9
    return out


def python_seconds(script, workloads, what):
    """Seconds per call of each workload's Python call, timed by script
    (which takes the calls as JSON and prints their times as JSON)."""
    proc = subprocess.run(
        ["/usr/bin/python3", "-c", script, json.dumps([w[3] for w in workloads])],
        capture_output=True, text=True, timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (what, proc.stderr[-2000:]))
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    return {name: res[call] for name, _, _, call in workloads}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build -trimpath into a temp dir)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gopar-jit-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        os.environ["GOPAR_JIT_CACHE"] = os.path.join(tmp, "jit")
        kb.log("jit: gopar %%jit")
        g = gopar_side()
        kb.log("jit: compiled Go")
        c = go_bench_seconds("./bench/jitpeer", WORKLOADS, statistics.mean)
        kb.log("jit: numba")
        n = python_seconds(NUMBA, WORKLOADS, "numba")
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = []
    for name, _, _, _ in WORKLOADS:
        rows.append((name + " vs compiled Go", g[name], c[name], g[name] / c[name], 1.2))
        rows.append((name + " vs numba", g[name], n[name], g[name] / n[name], 1.0))
    print("%-34s %12s %12s %9s  %s" % ("workload", "%%jit", "peer", "ratio", "target"))
    for label, gs, ps, ratio, target in rows:
        print("%-34s %10.3f ms %10.4f ms %9.3f  <= %.1f %s" % (label, gs * 1e3, ps * 1e3, ratio, target,
                                                             "PASS" if ratio <= target else "FAIL"))
    for label, key, target in (("warm build, new source", "warm_build_s", 1.0),
                               ("cached build, new kernel", "cached_build_s", 0.05)):
        print("%-34s %10.3f ms %12s %9s  <= %g ms %s" % (label, g[key] * 1e3, "", "", target * 1e3,
                                                        "PASS" if g[key] <= target else "FAIL"))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"gopar": g, "go": c, "numba": n}, f, indent=2)


if __name__ == "__main__":
    main()
