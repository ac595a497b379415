#!/usr/bin/python3
"""The Mandelbrot exercise (notebook 07) in gopar against numba, in one run.

The lesson's benchmark case: 1024 × 1024 pixels around -1.1195+0.2718i,
0.005 wide and high, at most 1024 iterations.

gopar's side is the notebook's own Go code: the code cells of
notebooks/07-exercise-with-fractals.ipynb that declare the functions below
run, unchanged, in a real gopar kernel (through jupyter_client), and the
calls are timed there with %timeit -o, once %native says they are native:
  * serial: mandelbrotFast, the notebook's serial answer (two pixels at a
    time), and, for information, mandelbrotSerial (one pixel at a time);
  * parallel: mandelbrotRows on runtime.NumCPU() goroutines.
numba's side is the lesson's code in Debian's python3-numba, in a fresh
/usr/bin/python3: compute_mandelbrot_numba with @njit(nogil=True), and with
parallel=True and prange on all cores, compiled on a small case first (as
the lesson's bench_all does), then timed with timeit, one call per run.

The two sides alternate for --rounds rounds; each figure is the best run of
all rounds (the others were slowed by something else: the machine may be
shared). The escape times of both sides are compared by checksum.

Targets (from the exercise's issue): gopar serial at most 1x numba's serial
time, gopar parallel at most 0.6x numba parallel's. A missed target is
reported, not an error: the exit status is non-zero only when something
fails to run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jit_bench import Cells  # noqa: E402

NOTEBOOK = kb.REPO / "notebooks" / "07-exercise-with-fractals.ipynb"
# What gopar's timed calls need, declared by the notebook's cells.
DECLARED = ["BoundingBox", "newResult", "escape", "mandelbrotSerial", "escapePair", "mandelbrotRow",
            "mandelbrotFast", "mandelbrotRows"]
MAX_ITER = 1024

# name, gopar statement, numba function (None: information only), target ratio
WORKLOADS = [
    ("serial", "mandelbrotFast(r, testCase, %d)" % MAX_ITER, "serial", 1.0),
    ("serial, one pixel at a time", "mandelbrotSerial(r, testCase, %d)" % MAX_ITER, "serial", None),
    ("parallel", "mandelbrotRows(r, testCase, %d, runtime.NumCPU())" % MAX_ITER, "parallel", 0.6),
]

NUMBA = r"""
import hashlib, json, sys, timeit
import numba
import numpy as np
from numba import prange

@numba.njit(nogil=True)
def serial(result, width, height, center, scale, max_iter):
    for j in range(height):
        for i in range(width):
            c = center + (i - width // 2 + 1j * (j - height // 2)) * scale
            z = 0.0 + 0.0j
            for k in range(max_iter):
                z = z**2 + c
                if (z * z.conjugate()).real >= 4.0:
                    break
            result[j, i] = k
    return result

@numba.njit(nogil=True, parallel=True)
def parallel(result, width, height, center, scale, max_iter):
    for j in prange(height):
        for i in prange(width):
            c = center + (i - width // 2 + (j - height // 2) * 1j) * scale
            z = 0.0 + 0.0j
            for k in range(max_iter):
                z = z**2 + c
                if (z * z.conjugate()).real >= 4.0:
                    break
            result[j, i] = k
    return result

repeat, max_iter = json.loads(sys.argv[1])
width = height = 1024
center, extent = -1.1195 + 0.2718j, 0.005 + 0.005j
scale = max(extent.real / width, extent.imag / height)
out = {"threads": numba.get_num_threads()}
for name, f in (("serial", serial), ("parallel", parallel)):
    f(np.zeros((16, 16), np.int64), 16, 16, 0j, 1 / 16, 1)  # compiled before timing
    result = np.zeros((height, width), np.int64)
    runs = timeit.repeat(lambda: f(result, width, height, center, scale, max_iter), number=1, repeat=repeat)
    out[name] = {"best": min(runs), "mean": sum(runs) / len(runs),
                 "sha256": hashlib.sha256(result.astype("<i8").tobytes()).hexdigest()}
print(json.dumps(out))
"""


def notebook_cells():
    """The notebook's code cells that declare DECLARED, in order."""
    nb = json.loads(NOTEBOOK.read_text())
    cells, found = [], set()
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        names = {n for n in DECLARED if re.search(r"^(?:func|type) %s\b" % re.escape(n), src, re.M)}
        if names:
            cells.append(src)
            found |= names
    missing = [n for n in DECLARED if n not in found]
    if missing:
        raise RuntimeError("%s declares no %s" % (NOTEBOOK.name, ", ".join(missing)))
    return cells


def gopar_side(k, repeat):
    out = {}
    for name, stmt, _, _ in WORKLOADS:
        k.run("t := %%timeit -o -q -r %d -n 1 %s" % (repeat, stmt))
        best, mean = k.run("fmt.Println(t.Best, t.Average)").split()
        out[name] = {"best": float(best), "mean": float(mean), "sha256": checksum(k)}
    return out


def checksum(k):
    """The SHA-256 of the escape times in r, as little-endian int64s."""
    return k.run("h := sha256.New()\nbinary.Write(h, binary.LittleEndian, r.Int64s())\n"
                 "fmt.Printf(\"%x\\n\", h.Sum(nil))").strip()


def numba_side(repeat):
    proc = subprocess.run(["/usr/bin/python3", "-c", NUMBA, json.dumps([repeat, MAX_ITER])],
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError("numba failed:\n%s" % proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def merge(total, new):
    """Adds a round's figures to total: per workload, the best run and the
    mean of the rounds' means so far."""
    for name, v in new.items():
        if not isinstance(v, dict):
            total[name] = v
        elif name not in total:
            total[name] = dict(v, means=[v["mean"]])
        else:
            t = total[name]
            t["best"] = min(t["best"], v["best"])
            t["means"].append(v["mean"])
            t["mean"] = sum(t["means"]) / len(t["means"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build -trimpath into a temp dir)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of gopar then numba (default 3)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per workload and round (default 3)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gopar-fractal-bench-")
    g, n = {}, {}
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        os.environ["GOPAR_JIT_CACHE"] = os.path.join(tmp, "jit")
        cells = notebook_cells()
        k = Cells()
        try:
            kb.log("fractal: the notebook's cells")
            k.run('import (\n\t"crypto/sha256"\n\t"encoding/binary"\n\t"fmt"\n\t"runtime"\n)')
            for src in cells:
                k.run(src)
            status = k.run("%native")
            for name in DECLARED[1:]:
                if not re.search(r"^native\s+%s\b" % name, status, re.M):
                    raise RuntimeError("%s is not native:\n%s" % (name, status))
            k.run("r := newResult(testCase)")
            g["workers"] = int(k.run("fmt.Println(runtime.NumCPU())"))
            for i in range(args.rounds):
                kb.log("fractal: round %d of %d: gopar" % (i + 1, args.rounds))
                merge(g, gopar_side(k, args.repeat))
                kb.log("fractal: round %d of %d: numba" % (i + 1, args.rounds))
                merge(n, numba_side(args.repeat))
        finally:
            k.close()
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("Mandelbrot 1024x1024, %d iterations, the lesson's zoom; best of %d runs; parallel: gopar on %d "
          "goroutines, numba on %d threads" % (MAX_ITER, args.rounds * args.repeat, g["workers"], n["threads"]))
    print("%-46s %12s %12s %8s  %s" % ("workload", "gopar", "numba", "ratio", "target"))
    missed = []
    for name, _, peer, target in WORKLOADS:
        gs, ns = g[name]["best"], n[peer]["best"]
        ratio = gs / ns
        verdict = ""
        if target is not None:
            verdict = "<= %.1f %s" % (target, "PASS" if ratio <= target else "MISSED")
            if ratio > target:
                missed.append(name)
        print("%-46s %9.1f ms %9.1f ms %8.3f  %s" % (name + " vs numba " + peer, gs * 1e3, ns * 1e3, ratio, verdict))
    same = all(g[name]["sha256"] == n[peer]["sha256"] for name, _, peer, _ in WORKLOADS)
    print("escape times: %s" % ("the same on both sides (SHA-256 of the arrays)" if same
                                else "DIFFER between gopar and numba"))
    print("targets: %s" % ("all met" if not missed else
                           "missed for %s (reported, not an error: the exit status stays 0)" % ", ".join(missed)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"gopar": g, "numba": n, "same_escape_times": same, "missed": missed}, f, indent=2)


if __name__ == "__main__":
    main()
