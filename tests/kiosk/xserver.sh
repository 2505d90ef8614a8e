# Sourced by the kiosk tests: start_xserver starts an Xvfb of its own on a
# free display and exports DISPLAY, or fails after five tries. Tests run side
# by side, and two X servers starting at once can pick the same display
# number; the loser exits. So each try is checked by talking to the server,
# and a server that does not answer within 5 s is replaced.
#   start_xserver WIDTHxHEIGHT     sets xvfb (its pid) and DISPLAY
start_xserver() {
  local size=$1 display_file try
  for try in 1 2 3 4 5; do
    display_file=$(mktemp)
    # -noreset: an X server resets when its last client leaves, and a
    # client connecting during the reset is refused; the check below is
    # such a last client, so without it the viewer could find no display.
    Xvfb -displayfd 3 -noreset -screen 0 "${size}x24" -nolisten tcp 3>"$display_file" >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$display_file" ] && break; kill -0 "$xvfb" 2>/dev/null || break; sleep 0.05; done
    if [ -s "$display_file" ]; then
      export DISPLAY=:$(head -n 1 "$display_file")
      rm -f "$display_file"
      for _ in $(seq 50); do
        kill -0 "$xvfb" 2>/dev/null || break
        xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
        sleep 0.1
      done
    fi
    rm -f "$display_file"
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    echo "note: X server try $try did not answer; starting another" >&2
  done
  echo "FAIL: no X server would start (Xvfb)" >&2
  return 1
}
