#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer (ASan + UBSan, every file
# instrumented) and runs each for SECONDS (default 600), two at a time on a
# 2-core machine.  New inputs go to a scratch corpus (not committed); a crash
# leaves crash-* files in the scratch folder and makes the script fail.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(keydetect rules config baseline reports keyapi archive keyencode attrs gitindex)
BUILD=${FUZZ_BUILD:-build-fuzz}
WORK=${FUZZ_WORK:-$BUILD/fuzz-work}

CC=clang cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DFQ_FUZZ=ON -DFQ_SANITIZE=ON >/dev/null
cmake --build "$BUILD" -j"$(nproc)" $(printf -- '--target fuzz_%s ' "${TARGETS[@]}") >/dev/null
mkdir -p "$WORK"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

run() {
	local t=$1 dir=$WORK/$1
	mkdir -p "$dir/corpus"
	cp -n tests/fuzz/corpus/"$t"/* "$dir/corpus/" 2>/dev/null || true
	(cd "$dir" && "../../tests/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 corpus >"log" 2>&1) || true
	local runs crashes
	runs=$(grep -E '^stat::number_of_executed_units' "$dir/log" | awk '{print $2}')
	crashes=$(find "$dir" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l)
	printf '%-10s %12s executions, corpus %5s files, %s crash/timeout/leak files\n' \
		"$t" "${runs:-?}" "$(ls "$dir/corpus" | wc -l)" "$crashes"
	[ "$crashes" -eq 0 ]
}

status=0
jobs=${FUZZ_JOBS:-$(nproc)}
pids=()
for t in "${TARGETS[@]}"; do
	run "$t" &
	pids+=($!)
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
done
# every target's status, finished early or not: a crash fails the script
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
