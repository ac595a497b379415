"""Session setup for the gopar integration tests.

* GOPAR_BIN (env) names a prebuilt gopar binary; otherwise `go build` builds
  one from the repository into a temporary directory.
* JUPYTER_DATA_DIR and JUPYTER_RUNTIME_DIR point at fresh temporary
  directories, GOPAR_HISTORY at a history store in one and GOPAR_JIT_CACHE
  at a %%jit plugin cache in one (set in
  os.environ before any kernel starts), and
  `gopar install` writes the `gopar` kernelspec there.

Run with:  /usr/bin/python3 -m pytest integration -q
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kernel_helpers import KERNEL_NAME, Kernel  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def _build(tmp):
    out = Path(tmp) / "gopar"
    proc = subprocess.run(
        ["go", "build", "-trimpath", "-o", str(out), "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0:
        pytest.exit("go build failed:\n" + proc.stdout + proc.stderr, returncode=3)
    return str(out)


@pytest.fixture(scope="session", autouse=True)
def gopar_env():
    """Build (or locate) gopar, isolate Jupyter dirs, install the kernelspec."""
    tmp = tempfile.mkdtemp(prefix="gopar-it-")
    saved = {k: os.environ.get(k) for k in ("JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "GOPAR_HISTORY", "GOPAR_JIT_CACHE")}

    binary = os.environ.get("GOPAR_BIN")
    if binary:
        binary = str(Path(binary).resolve())
        if not os.access(binary, os.X_OK):
            pytest.exit("GOPAR_BIN=%s is not an executable file" % binary, returncode=3)
    else:
        binary = _build(tmp)

    data_dir = os.path.join(tmp, "data")
    runtime_dir = os.path.join(tmp, "runtime")
    os.makedirs(data_dir)
    os.makedirs(runtime_dir)
    os.environ["JUPYTER_DATA_DIR"] = data_dir
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir
    # Kernels keep their history here, not in the user's own store.
    os.environ["GOPAR_HISTORY"] = os.path.join(tmp, "history.sqlite")
    # and their %%jit plugins here (Go's own build cache stays the user's).
    os.environ["GOPAR_JIT_CACHE"] = os.path.join(tmp, "jit")

    proc = subprocess.run([binary, "install"], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        pytest.exit("`gopar install` failed:\n" + proc.stdout + proc.stderr, returncode=3)
    spec = Path(data_dir) / "kernels" / KERNEL_NAME / "kernel.json"
    if not spec.is_file():
        pytest.exit("`gopar install` did not write %s" % spec, returncode=3)

    yield {"bin": binary, "data_dir": data_dir, "runtime_dir": runtime_dir, "tmp": tmp}

    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    shutil.rmtree(tmp, ignore_errors=True)


def _kernels_of(runtime_dir):
    """The pids and command lines of gopar kernels whose connection file
    is in runtime_dir: those the tests started."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        cmd = [a.decode(errors="replace") for a in argv if a]
        if len(cmd) >= 4 and cmd[1] == "kernel" and cmd[2] == "-f" and cmd[3].startswith(runtime_dir) and "gopar" in cmd[0]:
            found.append((int(entry), " ".join(cmd)))
    return found


@pytest.fixture(scope="module", autouse=True)
def no_kernel_left(gopar_env):
    """After each module, no kernel its tests started may still run: a
    kernel left behind would outlive `make test` (it is killed, and the
    module errors)."""
    yield
    if not os.path.isdir("/proc"):
        return
    deadline = time.monotonic() + 10
    left = _kernels_of(gopar_env["runtime_dir"])
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _kernels_of(gopar_env["runtime_dir"])
    for pid, _ in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not left, "kernels left running by this module's tests: %s" % left


@pytest.fixture
def gopar_bin(gopar_env):
    return gopar_env["bin"]


@pytest.fixture
def kernel(gopar_env):
    """A fresh, started gopar kernel with a connected client; always shut down."""
    k = Kernel()
    try:
        yield k
    finally:
        k.close()


@pytest.fixture(scope="module")
def shared_kernel(gopar_env):
    """One kernel shared by a module's tests that do not disturb its state."""
    k = Kernel()
    try:
        yield k
    finally:
        k.close()


@pytest.fixture
def km_kc(kernel):
    """The (KernelManager, BlockingKernelClient) pair of a fresh kernel."""
    return kernel.km, kernel.kc
