#!/usr/bin/env bash
# make bench: every benchmark of the suite (tools/bench_*.sh), or only those
# named in BENCH (e.g. `make bench BENCH="intake miko"`). Each prints its
# figures and the ratio to a baseline measured in the same run.
cd "$(dirname "$0")" || exit 1
names="${BENCH:-$(ls bench_*.sh | sed -E 's/^bench_(.*)\.sh$/\1/')}"
rc=0
for name in $names; do
    [ -f "bench_$name.sh" ] || { echo "Error: no benchmark named $name (tools/bench_$name.sh)." >&2; exit 1; }
    echo "=== benchmark: $name"
    bash "bench_$name.sh" || rc=1
done
exit $rc
