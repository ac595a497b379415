#!/usr/bin/python3
"""Side-by-side latency benchmark of gopar and ipykernel through jupyter_client.

    /usr/bin/python3 bench/kernel_bench.py [--gopar PATH] [--n 1000]
                                           [--startup-runs 5] [--json PATH]

Measures, for both kernels in the same run:

  start-up   wall time from KernelManager.start_kernel() (process launch) to
             receiving the kernel_info_reply; median over --startup-runs.
  execute    round trip of executing `1+1`: send execute_request, wait for the
             execute_reply AND the idle status on iopub; median and p99 over
             --n executions after a short warm-up.
  %timeit    the per-loop time %timeit reports for an empty statement
             (`{}` in Go, `pass` in Python): the magic's own overhead.
  complete   round trip of a complete_request for a package member
             (`strings.Spl` in Go, `os.pa` in Python, after importing it);
             median over --complete-n requests after a warm-up.

Both kernels get a kernelspec in a temporary JUPYTER_DATA_DIR: gopar's via
`gopar install`, ipykernel's written by hand (argv: /usr/bin/python3 -m
ipykernel_launcher -f {connection_file}). Client sockets of both use a 5 ms
zmq reconnect interval, so the start-up figure is not quantised by zmq's
default 100 ms reconnect back-off while the kernel is still binding.

Targets: start-up ratio gopar/ipykernel <= 0.15, execute median ratio <= 0.5,
complete median ratio <= 0.2.
Must run under Debian's /usr/bin/python3 (it has jupyter_client and ipykernel).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parent.parent
IPY_NAME = "bench-ipykernel"
GOPAR_NAME = "gopar"
TARGETS = {"startup_ratio": 0.15, "execute_median_ratio": 0.5, "complete_median_ratio": 0.2, "timeit_empty_s": 1e-6}
RECONNECT_MS = 5
TIMEOUT = 60.0


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ set-up


def build_gopar(tmp):
    out = os.path.join(tmp, "gopar")
    log("building gopar ...")
    subprocess.run(["go", "build", "-trimpath", "-o", out, "."], cwd=REPO, check=True)
    return out


def setup_kernelspecs(gopar, tmp):
    data = os.path.join(tmp, "data")
    runtime = os.path.join(tmp, "runtime")
    os.makedirs(data)
    os.makedirs(runtime)
    os.environ["JUPYTER_DATA_DIR"] = data
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime
    # gopar keeps its history here, not in the user's store.
    os.environ["GOPAR_HISTORY"] = os.path.join(tmp, "history.sqlite")
    subprocess.run([gopar, "install"], check=True, capture_output=True)
    ipy = os.path.join(data, "kernels", IPY_NAME)
    os.makedirs(ipy)
    with open(os.path.join(ipy, "kernel.json"), "w") as f:
        json.dump(
            {
                "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (ipykernel, bench)",
                "language": "python",
            },
            f,
        )


# -------------------------------------------------------------- measuring


def new_client(km):
    kc = km.client()
    kc.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
    kc.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
    return kc


def wait_reply(kc, msg_id, deadline):
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError("no reply to %s" % msg_id)
        try:
            msg = kc.get_shell_msg(timeout=remaining)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, deadline):
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError("no idle status for %s" % msg_id)
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        if (
            msg["msg_type"] == "status"
            and msg["content"]["execution_state"] == "idle"
            and msg["parent_header"].get("msg_id") == msg_id
        ):
            return msg


def cell_runner(kc, timeout=3600):
    """A function that runs code as a cell through kc and returns what it
    printed on stdout; a failed cell raises RuntimeError with its
    traceback."""

    def run(code):
        out, err = [], []

        def hook(msg):
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                err.append("\n".join(msg["content"]["traceback"]))

        reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
        if reply["content"]["status"] != "ok":
            raise RuntimeError("gopar cell %r failed: %s" % (code[:60], "".join(err)))
        return "".join(out)

    return run


def stop(km, kc):
    try:
        kc.stop_channels()
        kc.context.destroy(linger=0)
    finally:
        km.shutdown_kernel(now=False)


def startup_once(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = new_client(km)
    try:
        deadline = t0 + TIMEOUT
        msg_id = kc.kernel_info()
        # A kernel_info_request sent before the kernel bound its shell socket
        # is queued by zmq and delivered on connect, so one request suffices;
        # re-send only as a fallback, every 2 s.
        while True:
            try:
                reply = wait_reply(kc, msg_id, min(deadline, time.perf_counter() + 2.0))
                break
            except TimeoutError:
                if time.perf_counter() >= deadline or not km.is_alive():
                    raise
                msg_id = kc.kernel_info()
        t1 = time.perf_counter()
        assert reply["msg_type"] == "kernel_info_reply"
        return t1 - t0
    finally:
        stop(km, kc)


def measure_startup(name, runs):
    times = []
    for i in range(runs):
        dt = startup_once(name)
        log("  %s start-up #%d: %.1f ms" % (name, i + 1, dt * 1e3))
        times.append(dt)
    return times


def execute_once(kc, code="1+1", store_history=True):
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=store_history)
    deadline = t0 + TIMEOUT
    reply = wait_reply(kc, msg_id, deadline)
    wait_idle(kc, msg_id, deadline)
    dt = time.perf_counter() - t0
    if reply["content"]["status"] != "ok":
        raise RuntimeError("execute failed: %r" % reply["content"])
    return dt


# What each kernel completes: a package member, after importing it.
COMPLETE_CASES = {
    "gopar": ('import "strings"', "strings.Spl"),
    "ipykernel": ("import os", "os.pa"),
}


def complete_once(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.complete(code, len(code))
    reply = wait_reply(kc, msg_id, t0 + TIMEOUT)
    dt = time.perf_counter() - t0
    if reply["content"]["status"] != "ok" or not reply["content"]["matches"]:
        raise RuntimeError("complete %r gave %r" % (code, reply["content"]))
    return dt


def measure_complete(label, name, n, warmup=20):
    setup, code = COMPLETE_CASES[label]
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = new_client(km)
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        execute_once(kc, setup)
        for _ in range(warmup):
            complete_once(kc, code)
        return [complete_once(kc, code) for _ in range(n)]
    finally:
        stop(km, kc)


# %timeit of an empty statement in each kernel: the magic's own cost per loop.
TIMEIT_EMPTY = {"gopar": "%timeit {}", "ipykernel": "%timeit pass"}
UNITS = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9}


def timeit_overhead(label, name):
    """Seconds per loop that %timeit reports for an empty statement."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = new_client(km)
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        out = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        kc.execute_interactive(TIMEIT_EMPTY[label], output_hook=hook, timeout=120)
        text = "".join(out)
        m = re.search(r"([\d.]+) (s|ms|µs|us|ns) ± .* per loop", text)
        if not m:
            raise RuntimeError("%s: %%timeit printed %r" % (label, text))
        return float(m.group(1)) * UNITS[m.group(2)]
    finally:
        stop(km, kc)


def measure_execute(name, n, warmup=20, store_history=True):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = new_client(km)
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        for _ in range(warmup):
            execute_once(kc, store_history=store_history)
        times = []
        for i in range(n):
            try:
                times.append(execute_once(kc, store_history=store_history))
            except Exception as e:
                raise RuntimeError(
                    "%s: timed execution #%d (after %d warm-up) failed: %s" % (name, i + 1, warmup, e)
                ) from None
        return times
    finally:
        stop(km, kc)


# ------------------------------------------------------------------ report


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def summarize(startup, execute):
    return {
        "startup_s": {"median": statistics.median(startup), "runs": startup},
        "execute_s": {
            "median": statistics.median(execute),
            "p99": pct(execute, 99),
            "mean": statistics.fmean(execute),
            "min": min(execute),
            "max": max(execute),
            "n": len(execute),
        },
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--n", type=int, default=1000, help="executions of 1+1 per kernel")
    ap.add_argument("--startup-runs", type=int, default=5)
    ap.add_argument("--complete-n", type=int, default=300, help="complete requests per kernel")
    ap.add_argument("--warmup", type=int, default=20, help="untimed executions before measuring")
    ap.add_argument(
        "--no-store-history",
        action="store_true",
        help="send the executes with store_history=False (default: True, like a notebook)",
    )
    ap.add_argument("--json", metavar="PATH", help="write results as JSON (e.g. bench/results/kernel.json)")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="gopar-bench-")
    try:
        gopar = os.path.abspath(args.gopar) if args.gopar else build_gopar(tmp)
        setup_kernelspecs(gopar, tmp)

        kernels = [("gopar", GOPAR_NAME), ("ipykernel", IPY_NAME)]
        startup = {}
        for label, name in kernels:
            log("start-up: %s" % label)
            startup[label] = measure_startup(name, args.startup_runs)
        execute = {}
        for label, name in kernels:
            log("execute 1+1 x %d: %s" % (args.n, label))
            execute[label] = measure_execute(
                name, args.n, warmup=args.warmup, store_history=not args.no_store_history
            )
        overhead = {}
        for label, name in kernels:
            log("%s: %s" % (TIMEIT_EMPTY[label], label))
            overhead[label] = timeit_overhead(label, name)
        complete = {}
        for label, name in kernels:
            log("complete %r x %d: %s" % (COMPLETE_CASES[label][1], args.complete_n, label))
            complete[label] = measure_complete(label, name, args.complete_n, warmup=args.warmup)
    except RuntimeError as e:
        print("benchmark failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    res = {label: summarize(startup[label], execute[label]) for label, _ in kernels}
    for label, _ in kernels:
        res[label]["complete_s"] = {"median": statistics.median(complete[label]), "p99": pct(complete[label], 99),
                                    "n": len(complete[label]), "code": COMPLETE_CASES[label][1]}
    for label, _ in kernels:
        res[label]["timeit_empty_s"] = overhead[label]
    g, p = res["gopar"], res["ipykernel"]
    ratio = {
        "startup": g["startup_s"]["median"] / p["startup_s"]["median"],
        "execute_median": g["execute_s"]["median"] / p["execute_s"]["median"],
        "execute_p99": g["execute_s"]["p99"] / p["execute_s"]["p99"],
        "complete_median": g["complete_s"]["median"] / p["complete_s"]["median"],
    }
    ok = {
        "startup": ratio["startup"] <= TARGETS["startup_ratio"],
        "execute_median": ratio["execute_median"] <= TARGETS["execute_median_ratio"],
        "complete_median": ratio["complete_median"] <= TARGETS["complete_median_ratio"],
        "timeit_empty": g["timeit_empty_s"] < TARGETS["timeit_empty_s"],
    }

    ms = lambda s: "%.2f ms" % (s * 1e3)  # noqa: E731
    rows = [
        ("start-up (median of %d)" % args.startup_runs, ms(g["startup_s"]["median"]), ms(p["startup_s"]["median"]),
         ratio["startup"], "<= %.2f %s" % (TARGETS["startup_ratio"], "PASS" if ok["startup"] else "FAIL")),
        ("execute 1+1 median (n=%d)" % args.n, ms(g["execute_s"]["median"]), ms(p["execute_s"]["median"]),
         ratio["execute_median"], "<= %.2f %s" % (TARGETS["execute_median_ratio"], "PASS" if ok["execute_median"] else "FAIL")),
        ("execute 1+1 p99", ms(g["execute_s"]["p99"]), ms(p["execute_s"]["p99"]), ratio["execute_p99"], ""),
        ("complete median (n=%d)" % args.complete_n, ms(g["complete_s"]["median"]), ms(p["complete_s"]["median"]),
         ratio["complete_median"], "<= %.2f %s" % (TARGETS["complete_median_ratio"], "PASS" if ok["complete_median"] else "FAIL")),
        ("%timeit empty statement", "%.1f ns" % (g["timeit_empty_s"] * 1e9), "%.1f ns" % (p["timeit_empty_s"] * 1e9),
         g["timeit_empty_s"] / p["timeit_empty_s"], "gopar < 1 µs %s" % ("PASS" if ok["timeit_empty"] else "FAIL")),
    ]
    print("%-28s %12s %12s %8s  %s" % ("metric", "gopar", "ipykernel", "ratio", "target"))
    for name, a, b, r, t in rows:
        print("%-28s %12s %12s %8.3f  %s" % (name, a, b, r, t))

    if args.json:
        out = {
            "gopar": g,
            "ipykernel": p,
            "ratio": ratio,
            "targets": TARGETS,
            "pass": ok,
            "config": {
                "n": args.n,
                "startup_runs": args.startup_runs,
                "code": "1+1",
                "store_history": not args.no_store_history,
                "warmup": args.warmup,
                "client_reconnect_ivl_ms": RECONNECT_MS,
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        }
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
        log("wrote %s" % args.json)


if __name__ == "__main__":
    main()
