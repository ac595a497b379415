#!/usr/bin/env bash
# Installs the Debian packages that gopar's tests and demo use (Jupyter),
# and with the argument "bench" also the Python peers the benchmarks
# compare with (numpy, dask, numba, memory_profiler), when they are
# missing. As root it runs apt-get itself; otherwise it prints the command
# to run and fails.
set -euo pipefail

packages=(
  jupyter-client jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test
  jupyter-notebook jupyter-console python3-ipykernel python3-zmq python3-pytest python3-pexpect
  # The browser tests: JupyterLab's servers (its front end is built from
  # npm, see scripts/lab.sh) and Chromium.
  python3-jupyter-server python3-jupyterlab-server chromium
  # The hub test (integration/test_hub.py) and bench: Debian's JupyterHub 3.
  jupyterhub
)
# Node.js and npm build the JupyterLab front end; Debian's, where the
# machine has none of its own.
if ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [ "${1:-}" = bench ]; then
  packages+=(python3-numpy python3-dask python3-numba python3-memory-profiler python3-matplotlib python3-pandas)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
