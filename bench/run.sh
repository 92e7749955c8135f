#!/usr/bin/env bash
# The fourq-scan benchmark (docs/performance.md explains it and holds results).
#
#   bench/run.sh                       # 20,000 files, 2,000 commits (~110 MB)
#   BENCH_FILES=5000 BENCH_COMMITS=500 bench/run.sh     # other sizes
#
# It builds a Release fourq-scan (or uses $FQ_BIN), generates the repository
# into bench/work/ when it is missing (bench/gen.py, seeded), checks the
# findings against the generator's manifest (bench/verify.py: fails, exit 1,
# when a planted key is missed or a report differs between --jobs 1 and 2),
# then times with hyperfine (each command once, warm-up, >= 5 runs) and
# prints these comparisons side by side (bench/report.py):
#   worktree      fourq-scan scan REPO          vs  rg over the same files
#   history       fourq-scan scan --history     vs  git cat-file --batch-all-objects | rg -a
#   since         fourq-scan scan --since HEAD~10  vs  the full worktree scan
#   jobs          --jobs 2 vs --jobs 1 (worktree and history)
#   floor         parsing only the files the scan parses (bench/exp/parseonly.c)
#                 vs rg, and the worktree scan vs that floor
#   ast-grep      fourq-scan's worktree scan vs ast-grep scan with the
#                 bench/astgrep rules (when @ast-grep/cli installs from npm)
#   cache         the worktree and --history scans again with the result
#                 cache warm (--cache), against the cold ones (--no-cache:
#                 every other fourq-scan command here runs cold); the cached
#                 reports must equal the cold ones (bench/verify.py --same)
# and records the peak RSS of every command with /usr/bin/time -v.  Results:
# bench/work/results/<size>/ (hyperfine JSON and Markdown, the reports,
# summary.md, which it also prints).
#
# Environment: BENCH_FILES (20000), BENCH_COMMITS (2000), BENCH_SEED (4242),
# BENCH_MB (MB at HEAD, default 5.5 KB per file), BENCH_RUNS (5),
# BENCH_WARMUP (1), BENCH_JOBS (2: the "many jobs" side), FQ_BIN (a binary to
# use instead of building), BENCH_REV (build that commit from a clean snapshot
# instead of the working tree), BENCH_BASELINE_REV (also time that commit's
# worktree and --history scans), BENCH_ASTGREP (1; 0 skips it), BENCH_PROFILE
# (0; 1 also runs bench/profile.sh: slow, perf with DWARF stacks).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/bench/work
files=${BENCH_FILES:-20000}
commits=${BENCH_COMMITS:-2000}
seed=${BENCH_SEED:-4242}
runs=${BENCH_RUNS:-5}
warmup=${BENCH_WARMUP:-1}
jobs_n=${BENCH_JOBS:-2}
mb_arg=()
size_name="$files-$commits-$seed"
if [ -n "${BENCH_MB:-}" ]; then
  mb_arg=(--mb "$BENCH_MB")
  size_name="$size_name-${BENCH_MB}mb"
fi
data=$work/data-$size_name
repo=$data/repo
out=$work/results/$size_name
pattern='sk_(live|test|admin)_[A-Za-z0-9]{16,}'
mkdir -p "$work" "$out"
# results of an earlier run (another revision's baseline) must not mix in
rm -f "$out"/*.json "$out"/*.md "$out"/*.txt "$out"/*.tsv

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# ---- tools -------------------------------------------------------------------
for t in hyperfine rg git python3 cmake; do
  command -v "$t" >/dev/null 2>&1 || die "$t is missing (Debian: apt-get install hyperfine ripgrep git python3 cmake)"
done
if [ ! -x /usr/bin/time ]; then
  say "installing the Debian package 'time' for peak RSS"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null ||
    die "cannot install 'time' (/usr/bin/time)"
fi

# ---- the binary: Release, in its own build folder (build/ is left to developers)
build() { # SRC BUILD_DIR [extra cmake args]
  local src=$1 dir=$2; shift 2
  [ -f "$root/grammars/node_modules/tree-sitter-javascript/src/parser.c" ] || scripts/bootstrap
  cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DFQ_TESTS=OFF \
        -DFQ_GRAMMARS_DIR="$root/grammars/node_modules" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)" >/dev/null
}
if [ -n "${FQ_BIN:-}" ]; then
  fq=$(realpath "$FQ_BIN")
  src_desc="binary $fq"
elif [ -n "${BENCH_REV:-}" ]; then
  rev=$(git rev-parse --verify "$BENCH_REV^{commit}")
  src=$work/src-$rev
  if [ ! -f "$src/CMakeLists.txt" ]; then
    mkdir -p "$src"
    git archive "$rev" | tar -x -C "$src"
  fi
  say "building $rev (Release)"
  build "$src" "$work/build-$rev"
  fq=$work/build-$rev/fourq-scan
  fq_build=$work/build-$rev fq_src=$src
  src_desc="commit $rev"
else
  say "building the working tree (Release)"
  build "$root" "$work/build-release"
  fq=$work/build-release/fourq-scan
  fq_build=$work/build-release fq_src=$root
  src_desc="working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' + local changes')"
fi
[ -x "$fq" ] || die "no fourq-scan binary at $fq"

# ---- the repository ----------------------------------------------------------------
if [ ! -f "$data/expected.json" ]; then
  say "generating $files files over $commits commits (seed $seed) into $data"
  python3 bench/gen.py --files "$files" --commits "$commits" --seed "$seed" ${mb_arg[@]+"${mb_arg[@]}"} --out "$data"
fi

# ---- correctness first: a fast wrong scanner is no result -------------------------------
: > "$out/rss.tsv"
rss() { # LABEL: append the peak RSS /usr/bin/time wrote to $out/time.tmp
  printf '%s\t%s\n' "$1" "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.tmp")" >> "$out/rss.tsv"
}
say "verifying findings against $data/expected.json"
# These runs also warm the page cache and give fourq-scan's peak RSS.
for run in "worktree-j$jobs_n:--jobs $jobs_n:fourq-scan worktree" \
           "worktree-j1:--jobs 1:fourq-scan worktree --jobs 1" \
           "history-j$jobs_n:--history --jobs $jobs_n:fourq-scan --history" \
           "history-j1:--history --jobs 1:fourq-scan --history --jobs 1" \
           "since:--since HEAD~10 --jobs $jobs_n:fourq-scan --since HEAD~10"; do
  IFS=: read -r file opts label <<< "$run"
  # shellcheck disable=SC2086 # the options are words
  /usr/bin/time -v -o "$out/time.tmp" "$fq" scan "$repo" --format json --no-progress --fail-on none --no-cache \
    $opts > "$out/$file.json" || die "fourq-scan $opts failed (exit $?)"
  rss "$label"
done
# the result cache: filled once, then read; both reports must be the cold one
cache_dir=$out/cache
rm -rf "$cache_dir"
for m in worktree history; do
  mo=""; [ $m = history ] && mo=--history
  for pass in fill warm; do
    # shellcheck disable=SC2086
    "$fq" scan "$repo" --format json --no-progress --fail-on none --cache "$cache_dir" --jobs "$jobs_n" $mo \
      > "$out/$m-cache-$pass.json" || die "fourq-scan $mo --cache failed (exit $?)"
  done
done
if ! python3 bench/verify.py "$data/expected.json" \
  --worktree "$out/worktree-j$jobs_n.json" --history "$out/history-j$jobs_n.json" \
  --since "$out/since.json" \
  --same "$out/worktree-j1.json" "$out/worktree-j$jobs_n.json" \
  --same "$out/history-j1.json" "$out/history-j$jobs_n.json" \
  --same "$out/worktree-j$jobs_n.json" "$out/worktree-cache-fill.json" \
  --same "$out/worktree-j$jobs_n.json" "$out/worktree-cache-warm.json" \
  --same "$out/history-j$jobs_n.json" "$out/history-cache-fill.json" \
  --same "$out/history-j$jobs_n.json" "$out/history-cache-warm.json" | tee "$out/verify.txt"; then
  die "fourq-scan missed planted findings, reported what it must not, or is not deterministic (see above)"
fi

# ---- the commands -------------------------------------------------------------------
q() { printf '%q' "$1"; }
FQ="$(q "$fq") scan $(q "$repo") --format json --no-progress --fail-on none --no-cache"
FQC="$(q "$fq") scan $(q "$repo") --format json --no-progress --fail-on none --cache $(q "$cache_dir")"
# rg honours .gitignore as we do; --hidden and !.git so that it reads the
# dotfiles we read (.env.staging, .github/) and not the object store.
RG="rg -c --no-messages --hidden -g '!.git' -e '$pattern' $(q "$repo")"
RG_PLAIN="rg -c --no-messages -e '$pattern' $(q "$repo")"
CATFILE="git -C $(q "$repo") cat-file --batch-all-objects --batch | rg -a -c -e '$pattern'"
CATFILE_U="git -C $(q "$repo") cat-file --batch-all-objects --batch --unordered | rg -a -c -e '$pattern'"
sg=$work/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep
if [ "${BENCH_ASTGREP:-1}" = 1 ] && [ ! -x "$sg" ]; then
  say "installing @ast-grep/cli into bench/work (npm)"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work" @ast-grep/cli >/dev/null 2>&1 || true
  [ -x "$sg" ] || sg=$(ls "$work"/node_modules/@ast-grep/cli-*/ast-grep 2>/dev/null | head -1 || true)
fi
SG=""
if [ "${BENCH_ASTGREP:-1}" = 1 ] && [ -n "$sg" ] && [ -x "$sg" ]; then
  SG="$(q "$sg") scan -c $(q "$root/bench/astgrep/sgconfig.yml") --json=compact $(q "$repo")"
else
  say "ast-grep comparison skipped (BENCH_ASTGREP=0 or @ast-grep/cli did not install)"
fi

# The floor of the worktree scan: only parsing the files fourq-scan parses
# (bench/exp/parseonly.c, linked with the measured build; reading those 3 MB
# is in its time too).  Not with FQ_BIN, or when it does not build against
# that revision's headers.
PARSE=""
if [ -n "${fq_build:-}" ] && [ -f "$fq_build/libfourq_core.a" ]; then
  po=$fq_build/parseonly
  # shellcheck disable=SC2046 # pkg-config prints words
  if cc -O2 -I"$fq_src" bench/exp/parseonly.c -o "$po" "$fq_build/libfourq_core.a" \
       "$fq_build/libfq_grammars.a" $(pkg-config --libs libgit2 libpcre2-8 tree-sitter jansson \
       yaml-0.1 libcrypto) -lpthread -lm 2>/dev/null; then
    git -C "$repo" ls-files | sed "s|^|$repo/|" | "$po" select > "$out/parsed-files.txt"
    PARSE="$(q "$po") parse $jobs_n < $(q "$out/parsed-files.txt")"
  else
    say "parse-only floor skipped: bench/exp/parseonly.c does not build against $fq_src"
  fi
fi

# ---- timing: each command once; report.py pairs them ------------------------------------
group() { # NAME LABEL COMMAND [LABEL COMMAND]...
  local name=$1 label cmd args=()
  shift
  while [ $# -gt 0 ]; do
    label=$1 cmd=$2
    shift 2
    args+=(-n "$label" "$cmd")
    # peak RSS of one run; for a pipeline, of its largest process
    if ! cut -f1 "$out/rss.tsv" | grep -qxF "$label"; then
      /usr/bin/time -v -o "$out/time.tmp" sh -c "$cmd" > /dev/null 2>&1 || true
      rss "$label"
    fi
  done
  say "timing: $name ($(cut -d' ' -f1-3 /proc/loadavg) load)"
  echo "$name: load average before $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
  hyperfine --style basic --output pipe --warmup "$warmup" --runs "$runs" \
    --export-json "$out/$name.json" --export-markdown "$out/$name.md" "${args[@]}" >&2
  echo "$name: load average after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
}
: > "$out/load.txt"
floor=()
[ -n "$PARSE" ] && floor=("parse only (the files fourq-scan parses)" "$PARSE")
group worktree "fourq-scan worktree" "$FQ --jobs $jobs_n" "fourq-scan worktree --jobs 1" "$FQ --jobs 1" \
  "rg (same files)" "$RG" "rg (defaults: skips dotfiles)" "$RG_PLAIN" ${floor[@]+"${floor[@]}"}
group history "fourq-scan --history" "$FQ --history --jobs $jobs_n" \
  "fourq-scan --history --jobs 1" "$FQ --history --jobs 1" \
  "git cat-file --batch-all-objects --batch | rg -a" "$CATFILE" \
  "same, cat-file --unordered" "$CATFILE_U"
group since "fourq-scan --since HEAD~10" "$FQ --since HEAD~10 --jobs $jobs_n"
if [ -n "${BENCH_BASELINE_REV:-}" ]; then
  # another revision on the same repository: regressions, or the key-only
  # scanner of before the code rules (49059fb) against rg
  brev=$(git rev-parse --verify "$BENCH_BASELINE_REV^{commit}")
  bsrc=$work/src-$brev
  if [ ! -f "$bsrc/CMakeLists.txt" ]; then
    mkdir -p "$bsrc"
    git archive "$brev" | tar -x -C "$bsrc"
  fi
  say "building the baseline $brev (Release)"
  build "$bsrc" "$work/build-$brev"
  BASE="$(q "$work/build-$brev/fourq-scan") scan $(q "$repo") --format json --no-progress --fail-on none"
  # a build with the result cache runs cold, as every command above does
  if "$work/build-$brev/fourq-scan" --help 2>&1 | grep -q -- '--no-cache'; then
    BASE="$BASE --no-cache"
  fi
  group baseline "fourq-scan@${brev:0:7} worktree" "$BASE --jobs $jobs_n" \
    "fourq-scan@${brev:0:7} --history" "$BASE --history --jobs $jobs_n"
fi
group cache "fourq-scan worktree, cached" "$FQC --jobs $jobs_n" \
  "fourq-scan --history, cached" "$FQC --history --jobs $jobs_n"
if [ -n "$SG" ]; then
  # the hook for the code rules: ast-grep parses every JS/TS/TSX/Python file
  # with two rules; fourq-scan's worktree scan (above) runs all its rules
  group ast-grep "ast-grep scan (2 rules x 4 languages)" "$SG"
fi
rm -f "$out/time.tmp"

# ---- the machine and the summary -----------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) online CPUs"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "fourq-scan: $("$fq" --version 2>/dev/null | head -1) ($src_desc)"
  echo "libgit2: $(pkg-config --modversion libgit2 2>/dev/null || echo ?), pcre2: $(pkg-config --modversion libpcre2-8 2>/dev/null || echo ?)"
  echo "git: $(git --version | awk '{print $3}'), ripgrep: $(rg --version | awk 'NR==1 {print $2}'), hyperfine: $(hyperfine --version | awk '{print $2}')"
  [ -n "$SG" ] && echo "ast-grep: $("$sg" --version | awk '{print $2}')"
  echo "runs: $runs after $warmup warm-up, page cache warm; fourq-scan --jobs $jobs_n unless said"
  echo "load average (other work on the machine), per group:"
  sed 's/^/  /' "$out/load.txt"
} > "$out/machine.txt"
python3 bench/report.py "$out" "$data/expected.json" | tee "$out/summary.md"

if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  FQ_SRC=${src:-$root} bench/profile.sh "$repo" | tee "$out/profile.txt"
fi
