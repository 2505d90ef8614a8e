#!/usr/bin/env bash
# A bundle replaced under a running kiosk (in Xvfb): a broken one is refused
# and the old one keeps serving; a good one is checked, then shown at the
# next return home, not in the middle of a visit. Nothing is written beside
# the bundle.
#   hotswap.sh VIEWER BUNDLE_TOOL SAMPLE FIXTURES FONTS
set -euo pipefail
viewer=$1 tool=$2 sample=$3 fixtures=$4 fonts=$5

work=$(mktemp -d)
source "$(dirname "$0")/xserver.sh"
xvfb=
viewer_pid=
cleanup() {
  [ -n "$viewer_pid" ] && kill -TERM "$viewer_pid" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
start_xserver 800x480
fail() { echo "FAIL: $*"; echo "--- viewer said:"; cat "$work/viewer.err"; exit 1; }
# Waits for a line in the viewer's log (a fixed string), 20 s at most: the
# watcher looks every 200 ms, but under emulation (qemu-user) the check of a
# new bundle on its thread takes seconds.
wait_for() {
  for _ in $(seq 400); do grep -qF -- "$1" "$work/viewer.err" && return 0; sleep 0.05; done
  return 1
}

mkdir "$work/usb" "$work/staging"
cp "$sample" "$work/usb/statements.sqlite"
"$tool" build "$fixtures/sources/languages" -o "$work/staging/other.sqlite"
head -c 8192 "$sample" > "$work/staging/broken.sqlite"

ROSTRUM_TRACE_STARTUP=1 ROSTRUM_WATCH_MS=200 "$viewer" --kiosk --config /dev/null --software --fonts "$fonts" --route countries \
  "$work/usb/statements.sqlite" 2>"$work/viewer.err" &
viewer_pid=$!
window=$(timeout 20 xdotool search --sync --onlyvisible --name '^Rostrum$' | tail -n 1) || true
[ -n "$window" ] || fail "the viewer's window never appeared"
# The window appears before the bundle is open: wait for the first frame.
wait_for "first frame presented" || fail "no first frame"

# A broken file arrives (copied beside, then moved over, as an operator should).
cp "$work/staging/broken.sqlite" "$work/usb/.incoming" && mv "$work/usb/.incoming" "$work/usb/statements.sqlite"
wait_for "the new bundle at $work/usb/statements.sqlite was refused; still showing the previous one. Cannot open the bundle $work/usb/statements.sqlite: the file is truncated" \
  || fail "the broken bundle was not refused with its reason"
kill -0 "$viewer_pid" || fail "the viewer stopped"

# A good one arrives while a visitor is on the Countries screen: checked, held back.
cp "$work/staging/other.sqlite" "$work/usb/.incoming" && mv "$work/usb/.incoming" "$work/usb/statements.sqlite"
wait_for "passed its checks; it will be shown at the next return home" || fail "the good bundle was not checked"
grep -q "now showing the new bundle" "$work/viewer.err" && fail "switched in the middle of a visit"

# The visitor goes home: now it switches.
xdotool key --window "$window" Home
wait_for "now showing the new bundle $work/usb/statements.sqlite (Test collection in three languages)" \
  || fail "the good bundle was not shown at home"

kill -TERM "$viewer_pid"
status=0
wait "$viewer_pid" || status=$?
viewer_pid=
[ "$status" -eq 0 ] || fail "exit status $status"
[ "$(ls -A "$work/usb")" = "statements.sqlite" ] || fail "something was written beside the bundle: $(ls -A "$work/usb")"
echo "PASS: broken bundle refused, good bundle switched in at home, nothing written"
