#!/usr/bin/python3
"""What thirty kernels on one server cost: a gopar kernel against ipykernel
(Debian's python3-ipykernel), side by side in one run:

    /usr/bin/python3 bench/server_bench.py [--gopar PATH] [--kernels 10]
                                           [--json PATH]

  idle memory   the resident memory (VmRSS) of a kernel that started and
                ran one cell (1+1), then sat idle for two seconds; the
                median over --kernels kernels
  start-up      --kernels kernels started at once, each until its
                kernel_info_reply: the time until the last one answered

Target: an idle gopar kernel holds at most ipykernel's memory. Exits
non-zero only when a side fails to run.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_bench as kb  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for process %d" % pid)


def start(name):
    """A started kernel and its client, once it answered kernel_info."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = kb.new_client(km)
    deadline = time.perf_counter() + kb.TIMEOUT
    msg_id = kc.kernel_info()
    while True:
        try:
            kb.wait_reply(kc, msg_id, min(deadline, time.perf_counter() + 2.0))
            return km, kc
        except TimeoutError:
            if time.perf_counter() >= deadline or not km.is_alive():
                kb.stop(km, kc)
                raise
            msg_id = kc.kernel_info()


def side(name, n):
    """Seconds until n kernels started at once all answered, and the
    median resident memory (KiB) of those kernels once idle."""
    t0 = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        kernels = list(pool.map(lambda _: start(name), range(n)))
    startup = time.perf_counter() - t0
    try:
        for km, kc in kernels:
            msg_id = kc.execute("1+1")
            kb.wait_idle(kc, msg_id, time.perf_counter() + kb.TIMEOUT)
        time.sleep(2)
        rss = [rss_kib(km.provisioner.process.pid) for km, _ in kernels]
    finally:
        for km, kc in kernels:
            kb.stop(km, kc)
    return startup, statistics.median(rss)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--kernels", type=int, default=10, help="kernels started at once (default 10)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gopar-server-bench-")
    try:
        binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
        kb.setup_kernelspecs(binary, tmp)
        results = {}
        for label, name in (("gopar", kb.GOPAR_NAME), ("ipykernel", kb.IPY_NAME)):
            kb.log("%s: %d kernels at once" % (label, args.kernels))
            results[label] = side(name, args.kernels)
    except (RuntimeError, OSError, TimeoutError) as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    (g_start, g_rss), (p_start, p_rss) = results["gopar"], results["ipykernel"]
    print("%d kernels on one machine" % args.kernels)
    print("%-36s %12s %12s %8s  %s" % ("", "gopar", "ipykernel", "ratio", "target"))
    print("%-36s %9.1f MiB %9.1f MiB %8.2f  <= 1 %s" % ("idle kernel's resident memory, median", g_rss / 1024, p_rss / 1024,
                                                        g_rss / p_rss, "PASS" if g_rss <= p_rss else "FAIL"))
    print("%-36s %10.2f s %10.2f s %8.2f" % ("%d kernels started at once" % args.kernels, g_start, p_start, g_start / p_start))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"kernels": args.kernels, "idle_rss_mib": {"gopar": g_rss / 1024, "ipykernel": p_rss / 1024},
                       "startup_s": {"gopar": g_start, "ipykernel": p_start}}, f, indent=2)


if __name__ == "__main__":
    main()
