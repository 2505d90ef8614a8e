#!/usr/bin/env bash
# make bench: builds (or reuses) the synthetic bundles, then measures every
# figure with its budget. Usage: tests/bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$build/bench"
mkdir -p "$work"

# The synthetic corpora are only for measuring; they are cached in BUILD/synthetic.
# ROSTRUM_BENCH_LARGE / ROSTRUM_BENCH_HUGE name existing 100k / 1M bundles to
# measure as they are. Without them, BUILD/synthetic is brought up to date,
# which rebuilds its bundles (8 minutes and 11 GB for 1M) whenever BUILD's
# gen_corpus or rostrum-bundle is newer: never point BUILD/synthetic at a
# folder that other people use (a symbolic link to build/synthetic would
# rebuild theirs).
large=${ROSTRUM_BENCH_LARGE:-$("$root/tests/gen/synthetic.sh" "$build" 100000)}
huge=${ROSTRUM_BENCH_HUGE:-$("$root/tests/gen/synthetic.sh" "$build" 1000000)}
stats="$build/synthetic/100000.build.txt"
[ -z "${ROSTRUM_BENCH_LARGE:-}" ] || stats="${ROSTRUM_BENCH_LARGE%.sqlite}.build.txt"

# A real X server for the windowed figures, when there is no display.
xvfb_pid=
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  display=:$((90 + RANDOM % 100))
  # The frames are presented to it, so it gets the real-time priority the
  # benchmark gives itself for them (bench.c realtime_priority), when allowed.
  rt=
  if [ "${ROSTRUM_BENCH_NO_RT:-0}" != 1 ] && chrt -f 1 true 2>/dev/null; then rt="chrt -f 1"; fi
  $rt Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=$display
  sleep 1
fi
[ -n "${DISPLAY:-}" ] || export SDL_VIDEODRIVER=offscreen
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

echo "Measuring (display: ${DISPLAY:-offscreen driver}); this takes about two minutes." >&2
"$build/tests/bench/bench" all \
  --sample "$build/sample.sqlite" --large "$large" --huge "$huge" \
  --viewer "$build/app/rostrum" --fonts "$root/assets/fonts" --work "$work" \
  --builder "$build/db/rostrum-bundle" --corpus "$root/db/corpus" \
  --build-stats "$stats" --json "$build/bench.json"
echo "Written: $build/bench.json"
