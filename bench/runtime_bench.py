#!/usr/bin/python3
"""The workshop's workloads in gopar's runtime and in numpy, dask and numba,
side by side in one run: time, and for the memory lesson's workloads the
memory increment, printed as ratios gopar / peer.

gopar's side runs as cells of a real gopar kernel (through jupyter_client),
timed with %timeit -o (one loop per run for the long workloads, %timeit's
own choice of loops for the quick one, and the same for the peer) and
measured with %memit -o, as a participant would;
each workload in a fresh kernel, so that memory baselines are clean. The
peers run in a fresh /usr/bin/python3 process each (Debian's numpy, dask,
numba, memory_profiler), timed with timeit and measured with
memory_profiler.memory_usage, which is what %timeit and %memit use.

Targets (from the runtime's issue): dask sum <= 0.25x dask's time and
memory increment; pi 10**8 chunked or with goroutines <= 0.3x numba's time;
pi 10**6 with eager arrays <= 0.5x numpy's; eager Arange(10**9).Sum() not
slower than numpy (ratio <= 1), with about numpy's increment.
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

# name, gopar statement, peer, peer setup, peer statement, repeats, memory?, target time ratio
WORKLOADS = [
    ("chunked sum of 10**9", "da.Arange(1_000_000_000).Sum().Compute()",
     "dask", "import dask.array as da", "da.arange(10**9).sum().compute()", 3, True, 0.25),
    ("pi 10**8, chunked", "calcpi.Chunked(100_000_000, 0, 1)",
     "numba", "NUMBA_PI", "calc_pi_numba(10**8)", 3, False, 0.3),
    ("pi 10**8, goroutines", "calcpi.Goroutines(100_000_000, 0, 1)",
     "numba", "NUMBA_PI", "calc_pi_numba(10**8)", 3, False, 0.3),
    ("pi 10**6, eager arrays", "calcpi.Eager(1_000_000, 1)",
     "numpy", "NUMPY_PI", "calc_pi_numpy(10**6)", 7, False, 0.5),
    ("eager sum of Arange(10**9)", "np.Arange(1_000_000_000).Sum()",
     "numpy", "import numpy as np", "np.arange(10**9).sum()", 3, True, 1.0),
]

SETUPS = {
    "NUMBA_PI": """
import random, numba
@numba.jit
def calc_pi_numba(N):
    M = 0
    for i in range(N):
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)
        if x**2 + y**2 < 1.0:
            M += 1
    return 4 * M / N
calc_pi_numba(10)  # compile before timing, as the lesson's %timeit does after its first loop
""",
    "NUMPY_PI": """
import numpy as np
def calc_pi_numpy(N):
    pts = np.random.uniform(-1, 1, (2, N))
    M = np.count_nonzero((pts**2).sum(axis=0) < 1)
    return 4 * M / N
""",
}

PEER_SCRIPT = r"""
import json, sys, timeit
setup, stmt, repeat, memory = json.loads(sys.argv[1])
g = {}
exec(setup, g)
out = {}
if memory:
    from memory_profiler import memory_usage
    mem = memory_usage((lambda: eval(stmt, g), (), {}), interval=0.01)
    out["increment_mib"] = max(mem) - mem[0]
timer = timeit.Timer(stmt, globals=g)
number = 1
if repeat >= 7:
    # A quick statement: as %timeit, the first power of ten taking 0.2 s.
    for k in range(10):
        number = 10 ** k
        if timer.timeit(number) >= 0.2:
            break
runs = timer.repeat(number=number, repeat=repeat)
out["seconds"] = sum(runs) / len(runs) / number
print(json.dumps(out))
"""


def peer(setup, stmt, repeat, memory):
    setup = SETUPS.get(setup, setup)
    proc = subprocess.run(
        ["/usr/bin/python3", "-c", PEER_SCRIPT, json.dumps([setup, stmt, repeat, memory])],
        capture_output=True, text=True, timeout=1800,
    )
    if proc.returncode != 0:
        raise RuntimeError("peer %r failed:\n%s" % (stmt, proc.stderr[-2000:]))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def gopar(stmt, repeat, memory):
    km = KernelManager(kernel_name=kb.GOPAR_NAME)
    km.start_kernel()
    kc = kb.new_client(km)
    try:
        kc.wait_for_ready(timeout=kb.TIMEOUT)
        run = kb.cell_runner(kc, timeout=1800)

        run('import "fmt"')
        out = {}
        if memory:
            run("m := %%memit -o -q %s" % stmt)
            out["increment_mib"] = float(run("fmt.Println(m.Increment())").strip())
        # Long workloads once per run; quick ones as many loops as %timeit
        # chooses, as the peer does.
        loops = "-n 1 " if repeat < 7 else ""
        run("t := %%timeit -o -q %s-r %d %s" % (loops, repeat, stmt))
        out["seconds"] = float(run("fmt.Println(t.Average)").strip())
        return out
    finally:
        kb.stop(km, kc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--only", help="run only workloads whose name contains this")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gopar-runtime-bench-")
    rows, results = [], []
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        for name, gstmt, peer_name, psetup, pstmt, repeat, memory, target in WORKLOADS:
            if args.only and args.only not in name:
                continue
            kb.log("%s: gopar" % name)
            g = gopar(gstmt, repeat, memory)
            kb.log("%s: %s" % (name, peer_name))
            p = peer(psetup, pstmt, repeat, memory)
            ratio = g["seconds"] / p["seconds"]
            results.append({"workload": name, "gopar": g, peer_name: p, "time_ratio": ratio, "target": target})
            rows.append((name + " (time)", "%.4f s" % g["seconds"], "%.4f s" % p["seconds"], peer_name, ratio,
                         "<= %.2f %s" % (target, "PASS" if ratio <= target else "FAIL")))
            if memory:
                mratio = g["increment_mib"] / max(p["increment_mib"], 1e-9)
                mtarget = 0.25 if peer_name == "dask" else None
                verdict = ""
                if mtarget is not None:
                    verdict = "<= %.2f %s" % (mtarget, "PASS" if mratio <= mtarget else "FAIL")
                results[-1]["memory_ratio"] = mratio
                rows.append((name + " (memory)", "%.1f MiB" % g["increment_mib"], "%.1f MiB" % p["increment_mib"],
                             peer_name, mratio, verdict))
    except RuntimeError as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("%-36s %14s %14s %7s %8s  %s" % ("workload", "gopar", "peer", "peer", "ratio", "target"))
    for r in rows:
        print("%-36s %14s %14s %7s %8.3f  %s" % r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
