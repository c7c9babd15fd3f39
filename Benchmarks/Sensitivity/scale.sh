#!/usr/bin/env bash
# Whole-process timings of the sensitivity size targets (Guides/Sensitivity.md, "Scale"):
# synthetic datasets from `visitplan synth --seed 1`, release build, /usr/bin/time.
# Usage: Benchmarks/Sensitivity/scale.sh [RUNS]   (run from the repository root after `make build`)
# MILLION=1 adds 10^6 candidates x 1,000 samples (about 2 minutes and 3.7 GB a run; the dataset
# takes 700 MB in $WORK).
set -euo pipefail
runs=${1:-3}
bin=$PWD/.build/release/visitplan
work=${WORK:-/tmp/visitplan-scale}
mkdir -p "$work"
for n in 10000 100000; do
    [ -d "$work/s$n" ] || "$bin" synth --candidates $n --seed 1 --output "$work/s$n" --quiet
done
measure() {
    local label=$1; shift
    echo "== $label"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e s elapsed, %U s user, %S s sys, %M KB peak" "$@" --quiet 2>&1 | tail -1
    done
}
measure "shipped cycle, 10^6 samples" "$bin" sensitivity datasets/cycle-2023 --samples 1000000 --format json --output "$work/c.json"
measure "shipped cycle, --plan, 10^6 samples" "$bin" sensitivity datasets/cycle-2023 --samples 1000000 --plan --format json --output "$work/cp.json"
measure "10,000 candidates, --plan --sobol --oat" "$bin" sensitivity "$work/s10000" --plan --sobol --oat --format json --output "$work/s10k.json"
measure "100,000 candidates, 10,000 samples" "$bin" sensitivity "$work/s100000" --samples 10000 --format csv --output "$work/s100k.csv"
if [ "${MILLION:-0}" = 1 ]; then
    [ -d "$work/s1000000" ] || "$bin" synth --candidates 1000000 --seed 1 --output "$work/s1000000" --quiet
    measure "10^6 candidates, 1,000 samples" "$bin" sensitivity "$work/s1000000" --samples 1000 --format json --output "$work/s1m.json"
fi
