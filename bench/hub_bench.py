#!/usr/bin/python3
"""Ten participants at once on one JupyterHub, gopar against ipykernel,
side by side in one run:

    sudo /usr/bin/python3 bench/hub_bench.py [--gopar PATH] [--users 10]
                                             [--size 10000000] [--json PATH]

The hub is integration/hub.py's (Debian's JupyterHub 3, configurable-http-
proxy from npm, local users, gopar installed system-wide). Each user's
server is started first; then, for each side, every user at once saves the
notebook scaled to --size through the contents API, starts a kernel and runs
every cell over its websocket, as JupyterLab's "Run All" does:

  gopar      notebooks/02-measuring-performance.ipynb
  ipykernel  bench/peers/02-measuring-performance.ipynb, the notes' Python
             cells with the same parameter (Debian's numpy, dask,
             memory_profiler, matplotlib, pandas)

Reported: the time until the last user's notebook finished, and the median
user's. gopar runs first, so its figure includes each user's first native
build into their own, empty Go build cache. Needs root. Exits non-zero when
a side fails to run.
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
import kernel_bench as kb  # noqa: E402
from hub import REPO, Hub, scaled  # noqa: E402

SIDES = (
    ("gopar", REPO / "notebooks" / "02-measuring-performance.ipynb"),
    ("ipykernel", REPO / "bench" / "peers" / "02-measuring-performance.ipynb"),
)


async def attend(participant, kernel_name, notebook):
    t0 = time.perf_counter()
    await participant.save("02-measuring-performance.ipynb", notebook)
    k = await participant.kernel(kernel_name)
    try:
        failed = await k.run_notebook(notebook)
    finally:
        k.close()
    if failed:
        i, reply, outputs = failed[0]
        raise RuntimeError("%s: cell %d failed: %s %s" % (participant.name, i, reply.get("ename"), reply.get("evalue")))
    return time.perf_counter() - t0


async def workshop(hub, users, size):
    participants = await asyncio.gather(*(hub.participant(u) for u in users))
    results = {}
    for label, path in SIDES:
        with open(path) as f:
            notebook = scaled(json.load(f), {"size": size})
        kernel_name = hub.kernel_name if label == "gopar" else "python3"
        kb.log("%s: %d users run %s" % (label, len(users), path.name))
        t0 = time.perf_counter()
        times = await asyncio.gather(*(attend(p, kernel_name, json.loads(json.dumps(notebook))) for p in participants))
        results[label] = {"last_s": time.perf_counter() - t0, "median_s": statistics.median(times)}
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopar", help="gopar binary (default: go build into a temp dir)")
    ap.add_argument("--users", type=int, default=10, help="participants at once (default 10)")
    ap.add_argument("--size", type=int, default=10_000_000, help="the notebooks' size parameter (default 10**7)")
    ap.add_argument("--json", metavar="PATH", help="write results as JSON")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("hub_bench: run as root (it adds users, and the hub starts servers as them)")

    tmp = tempfile.mkdtemp(prefix="gopar-hub-bench-")
    binary = os.path.abspath(args.gopar) if args.gopar else kb.build_gopar(tmp)
    users = ["gopar-bench-%02d" % i for i in range(1, args.users + 1)]
    hub = None
    try:
        hub = Hub(users, binary, kernel_name="gopar-hub-bench").start()
        results = asyncio.run(workshop(hub, users, args.size))
    except (RuntimeError, OSError, TimeoutError) as e:
        print("benchmark failed: %s\n%s" % (e, hub.log() if hub else ""), file=sys.stderr)
        sys.exit(1)
    finally:
        if hub:
            hub.stop()

    g, p = results["gopar"], results["ipykernel"]
    print("%d users at once on one JupyterHub, notebook 02 with size=%d" % (args.users, args.size))
    print("%-40s %10s %10s %8s" % ("", "gopar", "ipykernel", "ratio"))
    for key, what in (("last_s", "until the last user finished"), ("median_s", "the median user")):
        print("%-40s %8.1f s %8.1f s %8.2f" % (what, g[key], p[key], g[key] / p[key]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"users": args.users, "size": args.size, **results}, f, indent=2)


if __name__ == "__main__":
    main()
