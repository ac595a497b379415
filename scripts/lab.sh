#!/usr/bin/env bash
# gopar's JupyterLab 3.6.8 front end (lab/), for trying notebooks in a
# browser and for browser tests.
#
#   scripts/lab.sh build                      npm ci (when lab/node_modules does
#                                             not match the lock file), then
#                                             webpack into lab/build/ (when
#                                             older than its inputs)
#   scripts/lab.sh serve PORT TOKEN ROOTDIR [SERVER ARGS...]
#                                             build if needed, then run the
#                                             server in the foreground on
#                                             127.0.0.1:PORT, notebooks from
#                                             ROOTDIR; open
#                                             http://127.0.0.1:PORT/lab?token=TOKEN
#
# Needs node and npm (the npm registry only for the first install), and
# Debian's python3-jupyter-server and python3-jupyterlab-server.
set -euo pipefail

lab=$(cd "$(dirname "$0")/../lab" && pwd)
python=${PYTHON:-/usr/bin/python3}
stamp=$lab/node_modules/.gopar-lock.sha256
built=$lab/build/.gopar-built

# Whether lab/build is missing or older than one of its inputs.
stale() {
  [ -f "$built" ] || return 0
  [ -n "$(find "$lab/index.js" "$lab/webpack.config.js" "$lab/package.json" \
    "$lab/package-lock.json" "$stamp" -newer "$built" 2>/dev/null)" ]
}

build() {
  "$(dirname "$0")/npm-ci.sh" "$lab"
  if ! stale; then
    echo "lab: lab/build is up to date"
    return
  fi
  echo "lab: webpack"
  rm -rf "$lab/build"
  (cd "$lab" && node_modules/.bin/webpack --no-color --stats=errors-warnings)
  echo "lab: built lab/build ($(du -sh "$lab/build" | cut -f1))"
  touch "$built"
}

case "${1:-}" in
  build)
    build
    ;;
  serve)
    [ $# -ge 4 ] || { echo "usage: $0 serve PORT TOKEN ROOTDIR [SERVER ARGS...]" >&2; exit 2; }
    port=$2 token=$3 root=$4
    shift 4
    if stale; then build; fi
    args=(--no-browser --ServerApp.ip=127.0.0.1 "--port=$port" "--ServerApp.token=$token"
      "--ServerApp.root_dir=$(cd "$root" && pwd)")
    [ "$(id -u)" -eq 0 ] && args+=(--allow-root)
    exec "$python" "$lab/gopar_lab.py" "${args[@]}" "$@"
    ;;
  *)
    echo "usage: $0 build | serve PORT TOKEN ROOTDIR [SERVER ARGS...]" >&2
    exit 2
    ;;
esac
