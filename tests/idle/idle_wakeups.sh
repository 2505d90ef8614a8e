#!/usr/bin/env bash
# An idle viewer on a display driver without a wait of its own (SDL's
# offscreen, the stand-in for kmsdrm) must sleep: it may wake a few times a
# second at most, and SIGTERM must still end it at once.
# Usage: idle_wakeups.sh VIEWER BUNDLE [SECONDS]
# Counts the voluntary context switches of all the viewer's threads (each
# sleep that ends is one) between two readings SECONDS apart, after its
# first frame. SDL 2's own loop there makes about 1,000 a second.
set -euo pipefail
viewer=$1 bundle=$2 seconds=${3:-3}
limit_per_second=3
work=$(mktemp -d)
trap 'kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
mkfifo "$work/err"
# --software: the GPU path loads Mesa's EGL, whose own allocations
# LeakSanitizer reports at exit (the sanitizer build runs this too).
SDL_VIDEODRIVER=offscreen ROSTRUM_FIRST_FRAME_STAMP=1 ROSTRUM_INPUT_DIR="$work/no-input" \
  "$viewer" "$bundle" --size 800x480 --software 2>"$work/err" &
pid=$!
exec 3<"$work/err"
# Wait (up to 60 s: sanitizers and emulators are slow) for the first frame.
ready=
while IFS= read -r -t 60 line <&3; do
  case $line in first-frame-ns*) ready=1; break ;; esac
  echo "viewer: $line"
done
[ -n "$ready" ] || { echo "FAIL: no first frame within 60 s"; exit 1; }
cat <&3 >"$work/rest.log" &   # keep draining its stderr
switches() {
  local total=0 n
  for t in /proc/"$pid"/task/*/status; do
    n=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t" 2>/dev/null || echo 0)
    total=$((total + ${n:-0}))
  done
  echo "$total"
}
sleep 0.5 # let start-up's last sleeps (the first frame's threads) settle
before=$(switches)
sleep "$seconds"
after=$(switches)
woke=$((after - before))
echo "idle under offscreen: $woke wake-ups in $seconds s (limit $((limit_per_second * seconds)))"
status=0
if [ "$woke" -gt $((limit_per_second * seconds)) ]; then
  echo "FAIL: the idle viewer wakes $woke times in $seconds s; it should sleep until input or a timer"
  status=1
fi
t0=$(date +%s%N)
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "SIGTERM: exit status $rc after $ms ms"
if [ "$rc" -ne 0 ] || [ "$ms" -gt 5000 ]; then
  echo "FAIL: SIGTERM should end the sleeping viewer at once with status 0"
  status=1
fi
exit $status
