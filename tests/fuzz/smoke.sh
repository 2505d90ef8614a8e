#!/bin/sh
# The fuzz targets for a short while each, as part of `make test`: a fixed
# number of inputs per target from seed 1 (about 20 s each here), two at a
# time, from the committed seeds in a fresh working folder
# (BUILD_FUZZ/fuzz-smoke). The same amount of work on every machine, and
# far less room for a chance find than a timed run: libFuzzer's path still
# depends on the order it reads the seed folder, so two clean runs reach
# close but not identical coverage (seen: 1095 and 1100 edges for the source
# target). Open-ended fuzzing is `make fuzz`. Same report and exit status as
# run.sh; 120 s per target is a cap against a hang.
#
#   tests/fuzz/smoke.sh BUILD_FUZZ
if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_FUZZ" >&2
    exit 2
fi
FUZZ_RUNS=${FUZZ_RUNS:-"source=200000 bundle=2500 wrap=4000 script=500000"} \
    FUZZ_WORK=$1/fuzz-smoke FUZZ_FRESH=1 exec "$(dirname "$0")/run.sh" "$1" 120
