#!/usr/bin/python3
"""How long a cell that imports a Go module's package takes, in a new
gopar kernel:

    /usr/bin/python3 bench/modules_bench.py [--gopar PATH] [--repeat 3]
                                            [--json PATH]

The cell is `import "gonum.org/v1/gonum/mat"` and a use of it. The module is
put in the module cache first (go mod download), and one kernel with a cache
of its own imports the package, which warms Go's build cache. Then:

  first import   a new kernel with an empty gopar cache: the go command
                 resolves the module, yaegi's extract writes the symbols,
                 the plugin is linked (its packages come from the warm
                 build cache) and loaded
  next kernel    a new kernel with that gopar cache: the resolution and
                 the plugin are read from it (median of --repeat kernels)

Beside them, for scale, the cell `import numpy.linalg` in a new ipykernel
(python3-ipykernel, python3-numpy).

Targets: the first import within 20 s, the next kernel's within 0.5 s.
Exits non-zero only when a side fails to run.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

MODULE = "gonum.org/v1/gonum@v0.17.0"
CELL = 'import "gonum.org/v1/gonum/mat"\n\nmat.NewDense(2, 2, []float64{1, 2, 3, 4}).At(1, 1)'
TARGET_FIRST, TARGET_NEXT = 20.0, 0.5


def timed_cell(kernel_name, code, expect, env=None):
    """Seconds from sending code to a new kernel until its reply."""
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(env={**os.environ, **(env or {})})
    kc = kb.new_client(km)
    try:
        kc.wait_for_ready(timeout=kb.TIMEOUT)
        out, err = [], []

        def hook(msg):
            if msg["msg_type"] == "execute_result":
                out.append(msg["content"]["data"].get("text/plain", ""))
            elif msg["msg_type"] == "error":
                err.append("\n".join(msg["content"]["traceback"]))

        start = time.monotonic()
        reply = kc.execute_interactive(code, output_hook=hook, timeout=600)
        elapsed = time.monotonic() - start
        if reply["content"]["status"] != "ok":
            raise RuntimeError("%s cell failed: %s" % (kernel_name, "".join(err)))
        if expect is not None and "".join(out) != expect:
            raise RuntimeError("%s cell gave %r, want %r" % (kernel_name, "".join(out), expect))
        return elapsed
    finally:
        kb.stop(km, kc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--repeat", type=int, default=3, help="new kernels timed with the cache filled (default 3)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gopar-modules-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        kb.log("go mod download %s" % MODULE)
        subprocess.run(["go", "mod", "download", MODULE], check=True, cwd=tmp, capture_output=True, timeout=600,
                       env={**os.environ, "GOFLAGS": "-mod=mod"})
        kb.log("warming Go's build cache with a kernel of its own")
        timed_cell(kb.GOPAR_NAME, CELL, "4", {"GOPAR_JIT_CACHE": os.path.join(tmp, "warm")})
        cache = {"GOPAR_JIT_CACHE": os.path.join(tmp, "cache")}
        kb.log("first import in a new kernel with an empty gopar cache")
        first = timed_cell(kb.GOPAR_NAME, CELL, "4", cache)
        kb.log("the same import in %d new kernels" % args.repeat)
        nexts = [timed_cell(kb.GOPAR_NAME, CELL, "4", cache) for _ in range(args.repeat)]
        kb.log("import numpy.linalg in new ipykernels")
        numpy = [timed_cell(kb.IPY_NAME, "import numpy.linalg", None) for _ in range(args.repeat)]
    except (RuntimeError, OSError, subprocess.SubprocessError, TimeoutError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    nxt, py = statistics.median(nexts), statistics.median(numpy)
    print("a cell importing gonum.org/v1/gonum/mat in a new kernel (module cached, Go build cache warm)")
    print("%-34s %10s  %s" % ("", "seconds", "target"))
    print("%-34s %10.2f  <= %.1f %s" % ("first import (gopar cache empty)", first, TARGET_FIRST, "PASS" if first <= TARGET_FIRST else "FAIL"))
    print("%-34s %10.3f  <= %.1f %s" % ("next kernel (median of %d)" % args.repeat, nxt, TARGET_NEXT, "PASS" if nxt <= TARGET_NEXT else "FAIL"))
    print("%-34s %10.3f  (for scale)" % ("ipykernel: import numpy.linalg", py))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"first_s": first, "next_s": nexts, "numpy_s": numpy,
                       "targets": {"first_s": TARGET_FIRST, "next_s": TARGET_NEXT}}, f, indent=2)


if __name__ == "__main__":
    main()
