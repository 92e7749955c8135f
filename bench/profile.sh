#!/usr/bin/env bash
# Where fourq-scan spends its time: perf (cpu-clock samples, DWARF call
# stacks) on the worktree, --history and --since scans of REPO, summarised by
# bench/perfsum.py (CPU share per phase, top self symbols, timeline).
#
#   bench/profile.sh REPO          # REPO: a repository made by bench/gen.py
#
# Builds a Release binary with debug information (-g, same -O) from $FQ_SRC
# (default: this checkout) into bench/work/build-prof-*, or uses $FQ_PROF_BIN.
# perf must be allowed to sample (kernel.perf_event_paranoid <= 2 for user
# space); hardware counters are not needed.  With BENCH_CALLGRIND=1 it also
# runs valgrind --tool=callgrind on the worktree scan with --jobs 1 (slow:
# give it a small repository) and prints the inclusive costs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
repo=$(realpath "${1:?usage: bench/profile.sh REPO}")
work=$root/bench/work
command -v perf >/dev/null 2>&1 || { echo "profile: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
if [ -n "${FQ_PROF_BIN:-}" ]; then
  fq=$FQ_PROF_BIN
else
  src=$(realpath "${FQ_SRC:-$root}")
  dir=$work/build-prof-$(printf '%s' "$src" | sha1sum | cut -c1-8)
  cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DFQ_TESTS=OFF \
        -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" \
        -DFQ_GRAMMARS_DIR="$root/grammars/node_modules" >/dev/null
  cmake --build "$dir" -j"$(nproc)" >/dev/null
  fq=$dir/fourq-scan
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

profile() { # NAME REPEAT ARGS...
  local name=$1 n=$2
  shift 2
  echo "### $name: fourq-scan scan REPO $* (x$n)"
  perf record -q -e cpu-clock -F "${BENCH_PERF_FREQ:-499}" --call-graph dwarf,16384 -o "$tmp/$name.perf" -- \
    sh -c 'i=0; while [ $i -lt '"$n"' ]; do "$@" >/dev/null; i=$((i+1)); done' sh \
    "$fq" scan "$repo" --format json --no-progress --fail-on none "$@" 2>/dev/null
  perf script -F comm,pid,tid,time,period,event,ip,sym,dso -i "$tmp/$name.perf" 2>/dev/null |
    python3 bench/perfsum.py --top 12
  echo
}
profile worktree 1
profile history 1 --history
profile since 5 --since HEAD~10

if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
  echo "### callgrind: worktree scan, --jobs 1 (user-space instructions, inclusive)"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" --separate-threads=no \
    "$fq" scan "$repo" --format json --no-progress --fail-on none --jobs 1 >/dev/null 2>"$tmp/cg.err"
  callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null | sed -n '/PROGRAM TOTALS/,$p' | head -40
  echo
  echo "callers of memmem:"
  callgrind_annotate --tree=caller "$tmp/cg.out" 2>/dev/null | grep -B8 '\* .*memmem.c:memmem' | head -12
fi
