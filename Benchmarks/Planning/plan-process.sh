#!/bin/sh
# Whole-process latency of `visitplan plan` on a dataset: what a user waits for at the prompt
# (start-up, loading, scoring, the explained plan, the output), not one function in a loop.
#
#   Benchmarks/Planning/plan-process.sh [BINARY] [DATASET] [RUNS]
#
# Defaults: .build/release/visitplan (build it with `swift build -c release`), the shipped
# datasets/cycle-2023, 11 runs after one untimed warm-up run. Prints each run's wall time and
# CPU time (user + system, from `perf stat` when it is installed, else /usr/bin/time's 10 ms
# resolution), then the medians. On a shared machine the wall time includes waiting for a core;
# the CPU time does not.
set -eu
bin=${1:-.build/release/visitplan}
dataset=${2:-datasets/cycle-2023}
runs=${3:-11}
[ -x "$bin" ] || { echo "error: $bin is not an executable; run \`swift build -c release\` first" >&2; exit 2; }
"$bin" plan "$dataset" > /dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    if command -v perf > /dev/null 2>&1; then
        perf stat -x, -e task-clock -o "$tmp/cpu" "$bin" plan "$dataset" > /dev/null
        cpu=$(awk -F, '/task-clock/ { printf "%.1f", $1 }' "$tmp/cpu")
    else
        /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$bin" plan "$dataset" > /dev/null
        cpu=$(awk '{ printf "%.1f", ($1 + $2) * 1000 }' "$tmp/cpu")
    fi
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    echo "run $((i + 1)): wall $wall ms, cpu $cpu ms"
    echo "$wall" >> "$tmp/walls"
    echo "$cpu" >> "$tmp/cpus"
    i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median of $runs: wall $(median "$tmp/walls") ms, cpu $(median "$tmp/cpus") ms ($bin plan $dataset)"
