#!/usr/bin/env bash
# npm ci in DIR (lab/, hub/) when DIR/node_modules does not match its
# package.json and package-lock.json; a stamp in node_modules records the
# lock that was installed, so a second call costs nothing.
#
#   scripts/npm-ci.sh DIR
set -euo pipefail
dir=$(cd "${1:?usage: npm-ci.sh DIR}" && pwd)
command -v npm >/dev/null || { echo "$dir: npm not found (install nodejs and npm)" >&2; exit 1; }
stamp=$dir/node_modules/.gopar-lock.sha256
want=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "$(basename "$dir"): npm ci"
(cd "$dir" && npm ci --no-audit --no-fund --prefer-offline)
echo "$want" > "$stamp"
