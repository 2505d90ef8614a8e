#!/bin/sh
# The fuzz targets for a short while each, as part of `make test`: about
# 20 s per target, two at a time, from the committed seeds in a fresh
# working folder (BUILD_FUZZ/fuzz-smoke), so the result does not depend on
# earlier runs. Same report and exit status as run.sh.
#
#   tests/fuzz/smoke.sh BUILD_FUZZ
if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_FUZZ" >&2
    exit 2
fi
FUZZ_WORK=$1/fuzz-smoke FUZZ_FRESH=1 exec "$(dirname "$0")/run.sh" "$1" "${FUZZ_SMOKE_SECONDS:-20}"
