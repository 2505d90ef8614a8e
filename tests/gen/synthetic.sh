#!/usr/bin/env bash
# Builds (and caches) the synthetic bundle of N statements for measuring.
#
#   tests/gen/synthetic.sh BUILD_DIR N
#
# Prints the bundle's path, BUILD_DIR/synthetic/N.sqlite, on stdout; progress
# goes to stderr. Everything lives in BUILD_DIR/synthetic/:
#   src-N/          the generated source folder (gen_corpus --count N --seed 1)
#   src-N.stamp     written once src-N is complete
#   N.sqlite        the bundle, built with SOURCE_DATE_EPOCH=0
#   N.build.txt     "wall_seconds X" and "peak_rss_kb Y" of that build, as
#                   measured by the OS (read by the benchmark)
# Each step runs only when its output is missing or older than what it is made
# from, so a second run does nothing and prints the same path. The synthetic
# text is for measuring only and is never shipped as content. Disk space: about
# 3.7 KB of sources and 7.6 KB of bundle per statement (11 GB for 1,000,000).
set -euo pipefail

usage() { echo "usage: $0 BUILD_DIR N   (N = 1..1000000 statements)" >&2; exit 2; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
[ $# -eq 2 ] || usage
build=$1
n=$2
[[ $n =~ ^[1-9][0-9]{0,6}$ ]] && [ "$n" -le 1000000 ] || usage

gen="$build/tests/gen/gen_corpus"
tool="$build/db/rostrum-bundle"
for program in "$gen" "$tool"; do
  [ -x "$program" ] || { echo "$0: $program is missing; build first (cmake --build $build)" >&2; exit 1; }
done

mkdir -p "$build/synthetic"
work=$(cd "$build/synthetic" && pwd)   # absolute, so the printed path works from anywhere
src="$work/src-$n"
stamp="$work/src-$n.stamp"
bundle="$work/$n.sqlite"
stats="$work/$n.build.txt"

# One run at a time per N: a second caller waits, then finds everything fresh.
if command -v flock >/dev/null; then
  exec 9>"$work/$n.lock"
  flock 9
fi

# 1. Sources: generated into a temporary folder and renamed into place only
#    when complete, so an interrupted run never leaves a half-made src-N that
#    looks finished. Regenerated when missing or when gen_corpus has been
#    rebuilt since (its output may have changed).
if [ ! -d "$src" ] || [ ! -f "$stamp" ] || [ "$gen" -nt "$stamp" ]; then
  echo "synthetic: generating $n statements into $src ..." >&2
  rm -f "$stamp"
  tmp="$work/.src-$n.tmp-$$"
  trap 'rm -rf "$tmp"' EXIT
  rm -rf "$tmp" "$work"/.src-"$n".tmp-*
  start=$(date +%s.%N)
  "$gen" "$tmp" --count "$n" --seed 1
  rm -rf "$src"
  mv "$tmp" "$src"
  trap - EXIT
  touch "$stamp"
  echo "synthetic: generated in $(seconds_since "$start") s" >&2
fi

# 2. The bundle: built when missing, when the sources or the builder are newer
#    than it, or when its measurements are missing. rostrum-bundle writes
#    atomically (temporary file, fsync, rename), so N.sqlite is never half
#    written; the measurements are written only after a successful build.
if [ ! -f "$bundle" ] || [ ! -f "$stats" ] || [ "$stamp" -nt "$bundle" ] || [ "$tool" -nt "$bundle" ]; then
  echo "synthetic: building $bundle ..." >&2
  rm -f "$stats"
  measured="$work/.$n.build.txt.tmp"
  trap 'rm -f "$measured"' EXIT
  if [ -x /usr/bin/time ]; then
    # GNU time: %e is elapsed wall seconds, %M the peak resident set in KB (getrusage ru_maxrss).
    SOURCE_DATE_EPOCH=0 /usr/bin/time -o "$measured" -f $'wall_seconds %e\npeak_rss_kb %M' \
      "$tool" build "$src" -o "$bundle"
  elif command -v python3 >/dev/null; then
    # No GNU time: the same two figures from getrusage(RUSAGE_CHILDREN) in a tiny wrapper.
    SOURCE_DATE_EPOCH=0 python3 - "$measured" "$tool" build "$src" -o "$bundle" <<'EOF'
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
wall = time.monotonic() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if code == 0:
    open(sys.argv[1], "w").write("wall_seconds %.2f\npeak_rss_kb %d\n" % (wall, rss))
sys.exit(code)
EOF
  else
    # Last resort: wall time from the clock; peak memory unknown (the benchmark shows nan).
    start=$(date +%s.%N)
    SOURCE_DATE_EPOCH=0 "$tool" build "$src" -o "$bundle"
    printf 'wall_seconds %s\npeak_rss_kb nan\n' "$(seconds_since "$start")" >"$measured"
  fi
  mv "$measured" "$stats"
  trap - EXIT
  echo "synthetic: $(tr '\n' ' ' <"$stats")" >&2
fi

echo "$bundle"
