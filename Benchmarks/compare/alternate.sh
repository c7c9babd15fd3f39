#!/bin/bash
# Whole-process timings, alternated so that load falls on every command alike:
#   alternate.sh ROUNDS label="command" label="command" ...
# prints each run (wall seconds, max RSS KB from /usr/bin/time) and the medians.
trap 'rm -f ${TMPDIR:-/tmp}/alternate-*.$$' EXIT
rounds=$1; shift
declare -a labels cmds
for a in "$@"; do labels+=("${a%%=*}"); cmds+=("${a#*=}"); done
out=${TMPDIR:-/tmp}/alternate-bench.$$; : > $out
for ((r=0; r<rounds; r++)); do
  for k in "${!cmds[@]}"; do
    /usr/bin/time -f "%e %M" -o ${TMPDIR:-/tmp}/alternate-t.$$ bash -c "${cmds[$k]}" >/dev/null 2>${TMPDIR:-/tmp}/alternate-err.$$ || { echo "FAIL ${labels[$k]}"; cat ${TMPDIR:-/tmp}/alternate-err.$$; }
    read s m < ${TMPDIR:-/tmp}/alternate-t.$$
    echo "${labels[$k]} $s $m" | tee -a $out
  done
done
echo "--- medians (s, max RSS MB), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for l in "${labels[@]}"; do
  grep "^$l " $out | awk '{print $2, $3}' | sort -n | awk -v l="$l" '{s[NR]=$1; if($2>m)m=$2} END {med=(NR%2)?s[(NR+1)/2]:(s[NR/2]+s[NR/2+1])/2; printf "%-14s median %.3f s  peak %.0f MB  (n=%d)\n", l, med, m/1024, NR}'
done
