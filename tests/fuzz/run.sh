#!/bin/sh
# Runs the libFuzzer targets of a -DROSTRUM_FUZZ=ON build (make fuzz).
#
#   tests/fuzz/run.sh BUILD_FUZZ SECONDS [TARGET...]
#
# Each target (default: source bundle wrap script) runs for SECONDS on a
# working corpus BUILD_FUZZ/fuzz-work/TARGET, which starts as a copy of the
# committed seeds (tests/fuzz/corpus/TARGET) and keeps what the fuzzer finds
# from one run to the next. FUZZ_JOBS targets run at a time (default 2, one
# per core of the build machine). Crashes, leaks, timeouts and out-of-memory
# inputs are written to BUILD_FUZZ/fuzz-work/artifacts/TARGET/; each log is
# BUILD_FUZZ/fuzz-work/TARGET.log.
#
# Prints per target: runs, runs per second, final coverage (libFuzzer's cov:
# and ft:), corpus size, and the inputs that crashed. Exits 1 if any target
# crashed or could not run, 2 on wrong usage.
#
# FUZZ_WORK=DIR uses DIR instead of BUILD_FUZZ/fuzz-work; FUZZ_FRESH=1 empties
# it first (smoke.sh does both). FUZZ_RUNS="TARGET=N ..." bounds a target's
# run by work instead of time: exactly N inputs from seed 1 (SECONDS is then
# only a cap against a hang), the same amount on a fast and a slow machine
# (smoke.sh does this; the path still varies a little with the order the
# seeds are read in).
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_FUZZ SECONDS [TARGET...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd) || exit 2
seconds=$2
shift 2
case $seconds in '' | *[!0-9]*)
    echo "$0: SECONDS must be a whole number, not '$seconds'" >&2
    exit 2
    ;;
esac
[ $# -gt 0 ] || set -- source bundle wrap script
here=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-$build/fuzz-work}
jobs=${FUZZ_JOBS:-2}

for target in "$@"; do
    if [ ! -x "$build/tests/fuzz/fuzz_$target" ] || [ ! -d "$here/corpus/$target" ]; then
        echo "$0: no fuzz target '$target' in $build (configure it with -DCMAKE_C_COMPILER=clang -DROSTRUM_FUZZ=ON and build it)" >&2
        exit 2
    fi
done

if [ "${FUZZ_FRESH:-0}" = 1 ]; then
    rm -rf "$work"
fi
mkdir -p "$work/tmp"
work=$(cd "$work" && pwd)
stamp=$work/.started
: >"$stamp"

# Largest input per target: statement files and texts are small, a bundle is
# a whole SQLite file.
max_len() {
    case $1 in
    bundle) echo 262144 ;;
    script) echo 16384 ;;
    *) echo 65536 ;;
    esac
}

run_one() {
    target=$1
    corpus=$work/$target
    artifacts=$work/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    cp -n "$here/corpus/$target"/* "$corpus"/ 2>/dev/null
    dict=
    [ -f "$here/$target.dict" ] && dict=-dict=$here/$target.dict
    limit=
    for pair in ${FUZZ_RUNS:-}; do
        [ "${pair%%=*}" = "$target" ] && limit="-runs=${pair#*=} -seed=1"
    done
    # UBSan recovers by default in this build; a fuzzer must stop at the
    # first report instead. fuzz_bundle's temporary file goes under TMPDIR.
    TMPDIR=$work/tmp \
        ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
        UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
        "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
        -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 $dict $limit \
        -artifact_prefix="$artifacts/" "$corpus" >"$work/$target.log" 2>&1 &
    echo $! >"$work/$target.pid"
    wait $!
    echo $? >"$work/$target.status"
    rm -f "$work/$target.pid"
}

pids=
# Ctrl-C or SIGTERM: stop the fuzzers this script started, by their ids.
stop() {
    for pidfile in "$work"/*.pid; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    done
    for pid in $pids; do
        kill "$pid" 2>/dev/null
    done
    exit 1
}
trap stop INT TERM

echo "Fuzzing $* for $seconds s each, $jobs at a time; work in $work"
while [ $# -gt 0 ]; do
    pids=
    n=0
    while [ $n -lt "$jobs" ] && [ $# -gt 0 ]; do
        run_one "$1" &
        pids="$pids $!"
        targets_done="${targets_done:-} $1"
        n=$((n + 1))
        shift
    done
    for pid in $pids; do
        wait "$pid"
    done
done

# ---- report ----
failed=0
printf '%-8s %12s %8s %6s %7s %18s  %s\n' target runs runs/s cov ft corpus crashes
for target in $targets_done; do
    log=$work/$target.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    # The last status line: "#N DONE cov: C ft: F corp: U/SIZE ..."
    last=$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
    files=$(find "$work/$target" -type f | wc -l)
    bytes=$(du -sh "$work/$target" | cut -f1)
    crashes=$(find "$work/artifacts/$target" -type f -newer "$stamp" \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    count=$(echo "$crashes" | grep -c . || true)
    status=$(cat "$work/$target.status" 2>/dev/null || echo 1)
    printf '%-8s %12s %8s %6s %7s %18s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
        "$files files, $bytes" "$count"
    [ -n "$corp" ] && printf '%-8s libFuzzer corpus (units/bytes in use): %s\n' "" "$corp"
    if [ "$count" -gt 0 ] || [ "$status" -ne 0 ]; then
        failed=1
        for crash in $crashes; do
            echo "         $crash"
        done
        if [ "$status" -ne 0 ]; then
            echo "         fuzz_$target exited with status $status; the report is in $log:"
            grep -E 'ERROR|SUMMARY|invariant failed|runtime error' "$log" | head -n 5 | sed 's/^/           /'
        fi
        echo "         replay: $build/tests/fuzz/fuzz_$target FILE (or fuzz_$target of a normal build, under gdb)"
    fi
done
rm -f "$stamp"
exit $failed
