#!/usr/bin/env bash
# Fails when a gopar kernel started by this run of the tests is still
# alive: every process of the run carries GOPAR_TEST_MARK=$1 in its
# environment (the Makefile exports it), and so does each kernel they
# start. The kernels found are listed and killed. Linux only (/proc);
# elsewhere it says so and passes.
set -uo pipefail
mark=${1:?usage: leftover-kernels.sh MARK}
[ -d /proc/self ] || { echo "no /proc: leftover kernels not checked"; exit 0; }

find_left() {
  local d pid cmd
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" = "$$" ] && continue
    { tr '\0' '\n' < "$d/environ"; } 2>/dev/null | grep -qxF "GOPAR_TEST_MARK=$mark" || continue
    cmd=$({ tr '\0' ' ' < "$d/cmdline"; } 2>/dev/null)
    case "$cmd" in
      *gopar\ kernel\ *) echo "$pid $cmd" ;;
    esac
  done
}

# A kernel asked to shut down just now may take a moment to exit.
for _ in $(seq 1 20); do
  left=$(find_left)
  [ -z "$left" ] && { echo "no kernel started by the tests is left running"; exit 0; }
  sleep 0.5
done
echo "kernels started by the tests are still running:" >&2
echo "$left" >&2
echo "$left" | while read -r pid _; do kill -9 "$pid" 2>/dev/null; done
exit 1
