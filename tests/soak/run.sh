#!/usr/bin/env bash
# make soak: the long runs of the monkey (tests/soak/monkey.c).
# Usage: tests/soak/run.sh BUILD_SAN BUILD
#   BUILD_SAN  a tree built with -DROSTRUM_SANITIZE=ON (AddressSanitizer + UBSan)
#   BUILD      a normal tree; its sample.sqlite is the bundle of every run
#
#   (each bug the monkey found is a test beside its module's: test_session's
#   attract-loop timeouts and PIN dots, test_text's larger text; make test runs them)
#   1. 1,000,000 events under ASan+UBSan on the sample bundle with --rss-report:
#      the heap in use after 10,000 events and at the end at most 1 MB apart
#      (under ASan the RSS is reported but holds the sanitizer's own memory);
#      then 50,000 events on BUILD/synthetic/100000.sqlite when that exists
#   2. 1,000,000 events on the normal build with --rss-report: the RSS after
#      10,000 events and at the end at most 1 MB apart (what a kiosk sees)
#   3. 20,000 events under valgrind memcheck (normal build): no errors, no
#      definite or indirect leaks
#   4. a month of kiosk use (30 days on the virtual clock), on the normal build
#      (RSS judged) and under ASan+UBSan (heap judged): the end of day 30 at
#      most 1 MB above the end of day 1
#
# The environment can change the figures: SOAK_EVENTS (1000000),
# SOAK_LARGE_EVENTS (50000), SOAK_VALGRIND_EVENTS (20000), SOAK_SEED (1),
# SOAK_RENDER_EVERY (1: valgrind, month), SOAK_SAN_RENDER_EVERY (2: ASan runs on the
# sample), SOAK_RSS_RENDER_EVERY (25), SOAK_LARGE_RENDER_EVERY (5),
# SOAK_DAYS (30), SOAK_LARGE (BUILD/synthetic/100000.sqlite). See monkey --help.
# Logs go to BUILD/soak/. Exit status 0 only if every run passed.
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "Usage: $0 BUILD_SAN BUILD" >&2
  exit 2
fi
san=$1
build=$2
here=$(cd "$(dirname "$0")" && pwd)
events=${SOAK_EVENTS:-1000000}
large_events=${SOAK_LARGE_EVENTS:-50000}
valgrind_events=${SOAK_VALGRIND_EVENTS:-20000}
seed=${SOAK_SEED:-1}
render_every=${SOAK_RENDER_EVERY:-1}
san_render_every=${SOAK_SAN_RENDER_EVERY:-2}
rss_render_every=${SOAK_RSS_RENDER_EVERY:-25}
large_render_every=${SOAK_LARGE_RENDER_EVERY:-5}
days=${SOAK_DAYS:-30}
sample=$build/sample.sqlite
large=${SOAK_LARGE:-$build/synthetic/100000.sqlite}
logs=$build/soak
mkdir -p "$logs"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export TZ=UTC

for f in "$san/tests/soak/monkey" "$build/tests/soak/monkey" "$sample"; do
  if [ ! -e "$f" ]; then
    echo "soak: $f is missing; build both trees first (make soak does)" >&2
    exit 2
  fi
done

summary=()
failed=0
total_start=$SECONDS

# run NAME LOG COMMAND...: runs it with its output in LOG, shows the figures,
# and records the one-line summary, the exit status and the wall time.
run() {
  local name=$1 log=$2
  shift 2
  echo "== soak: $name" >&2
  echo "   $*" >&2
  local start=$SECONDS
  "$@" >"$log" 2>&1
  local status=$?
  local took=$((SECONDS - start))
  local line
  line=$(grep -E '^monkey: (PASS|FAIL)' "$log" | tail -n 1)
  [ -n "$line" ] || line="no summary: $(grep -m1 -E 'ERROR: AddressSanitizer|runtime error|ERROR SUMMARY' "$log" || tail -n 1 "$log")"
  grep -E '^monkey: (memory|growth|screens by route|modes entered|month of|problems by kind|PROBLEM)' "$log" \
    | sed 's/^/   /' | head -n 40 >&2
  echo "   exit $status after ${took}s; log: $log" >&2
  echo "   $line" >&2
  summary+=("$(printf '%-24s %-4s %6ss  %s' "$name" "$([ $status -eq 0 ] && echo ok || echo FAIL)" "$took" "$line")")
  [ $status -eq 0 ] || failed=1
  return 0
}

# 1. The long runs under the sanitizers.
run "asan sample" "$logs/asan-sample.log" \
  "$san/tests/soak/monkey" --bundle "$sample" --events "$events" --seed "$seed" \
  --render-every "$san_render_every" --rss-report
if [ -e "$large" ]; then
  run "asan large" "$logs/asan-large.log" \
    "$san/tests/soak/monkey" --bundle "$large" --events "$large_events" --seed "$seed" \
    --render-every "$large_render_every" --rss-report
else
  echo "== soak: $large does not exist (tests/gen/synthetic.sh BUILD 100000 makes it); skipped" >&2
  summary+=("$(printf '%-24s %-4s' "asan large" skip)          no $large")
fi

# 2. The RSS a kiosk would see, on the normal build.
run "rss normal build" "$logs/rss-normal.log" \
  "$build/tests/soak/monkey" --bundle "$sample" --events "$events" --seed "$seed" \
  --render-every "$rss_render_every" --rss-report

# 3. valgrind memcheck on the normal build. FreeType and SDL keep some memory
# until exit ("still reachable"); only definite and indirect leaks count.
# valgrind.supp would hold suppressions for proven third-party issues.
if command -v valgrind >/dev/null; then
  run "valgrind" "$logs/valgrind.log" \
    valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect --error-exitcode=9 --suppressions="$here/valgrind.supp" \
    "$build/tests/soak/monkey" --bundle "$sample" --events "$valgrind_events" --seed "$seed" \
    --render-every "$render_every"
  figure() { grep -E "$1" "$logs/valgrind.log" | tail -n 1 | sed -E "s/.*$1 ([0-9,]+).*/\\1/"; }
  summary+=("$(printf '%-24s errors %s (from %s contexts); definitely lost %s B, indirectly lost %s B, still reachable %s B' \
    "  valgrind figures" "$(figure 'ERROR SUMMARY:')" \
    "$(grep -E 'ERROR SUMMARY' "$logs/valgrind.log" | tail -n 1 | sed -E 's/.* from ([0-9,]+) contexts.*/\1/')" \
    "$(figure 'definitely lost:')" "$(figure 'indirectly lost:')" "$(figure 'still reachable:')")")
else
  echo "== soak: valgrind is not installed (make soak installs it)" >&2
  summary+=("$(printf '%-24s %-4s' valgrind FAIL)          valgrind is not installed")
  failed=1
fi

# 4. A month of opening hours and nights.
run "month ($days days)" "$logs/month-normal.log" \
  "$build/tests/soak/monkey" --bundle "$sample" --month --days "$days" --seed "$seed" --render-every "$render_every"
run "month ($days d) asan" "$logs/month-asan.log" \
  "$san/tests/soak/monkey" --bundle "$sample" --month --days "$days" --seed "$seed" --render-every "$san_render_every"

echo
echo "== soak summary ($((SECONDS - total_start)) s in all; logs in $logs)"
for line in "${summary[@]}"; do
  echo "$line"
done
if [ $failed -eq 0 ]; then
  echo "soak: all runs passed"
else
  echo "soak: FAILED"
fi
exit $failed
