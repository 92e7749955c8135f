# Shared helpers for the end-to-end tests.  Source it from a test script:
#
#   set -euo pipefail
#   . "$(dirname "$0")/lib.sh"
#
# It provides a scratch directory ($T, removed on exit), deterministic git
# commits, a key generator that never prints the keys it makes, a wrapper that
# runs the binary and records stdout, stderr and the exit code, and assertions
# that name the failing case.  Nothing here prints a whole key: failure output
# of the binary is shown with every generated key replaced by <KEY#n>.

set -euo pipefail

: "${FQ_BIN:?FQ_BIN must name the fourq-scan binary (run the tests through ctest)}"
[ -x "$FQ_BIN" ] || { echo "FAIL: FQ_BIN '$FQ_BIN' is not executable" >&2; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "FAIL: jq is required" >&2; exit 1; }

FQ_TEST=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/fq-e2e-$FQ_TEST.XXXXXX")
T=$(cd "$T" && pwd -P)
# Each test has a result cache of its own (the default folder, under $T):
# a second scan in a test reads it, as a user's second scan would.
export XDG_CACHE_HOME=$T/xdg-cache
# On exit: the scratch directory goes (unless FQ_KEEP is set), and a script
# that recorded a failure but never called `finish` still fails.
_fq_exit() {
	local rc=$?
	[ -n "${FQ_KEEP:-}" ] && echo "kept $T" >&2 || rm -rf "$T"
	if [ "$rc" -eq 0 ] && [ "${FQ_FAILS:-0}" -gt 0 ]; then
		echo "FAILED $FQ_TEST: $FQ_FAILS assertion(s) failed" >&2
		exit 1
	fi
	exit "$rc"
}
trap _fq_exit EXIT
mkdir -p "$T/home" "$T/out"

# Git must not read the user's or the system's configuration, and must make
# the same objects every time.
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
export TZ=UTC LC_ALL=C.UTF-8
# A sanitizer report must never look like "findings" (exit 1).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:detect_leaks=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:exitcode=87:print_stacktrace=1"

# FQ_VALGRIND=1 runs every fourq-scan under valgrind memcheck: any error or
# definite leak fails the test.  Time limits in the tests grow by
# FQ_TIME_SCALE, which is larger under valgrind.
FQ_RUN=()
FQ_TIME_SCALE=1
if [ -n "${FQ_VALGRIND:-}" ]; then
	command -v valgrind >/dev/null 2>&1 || { echo "FAIL: valgrind is required (scripts/bootstrap --test)" >&2; exit 1; }
	FQ_RUN=(valgrind -q --error-exitcode=88 --leak-check=full --show-leak-kinds=definite
		--errors-for-leak-kinds=definite --log-file="$T/valgrind.%p")
	FQ_TIME_SCALE=30
	# valgrind cannot follow PCRE2's JIT code (it reads past the subject on
	# purpose); the interpreter runs the same patterns
	export FOURQ_SCAN_NO_JIT=1
fi

FQ_CASE="setup"
FQ_COMMIT_N=0
FQ_KEYS=()

# ---------------------------------------------------------------- reporting

# case NAME: names the case that the next assertions belong to.
case_() { FQ_CASE="$*"; }

# scrubbed: copies stdin to stdout with every generated key (and anything
# else that looks like a whole key) replaced by <KEY#n> / <KEY>.
scrubbed() {
	local k i sedargs=()
	for i in "${!FQ_KEYS[@]}"; do
		k=${FQ_KEYS[$i]}
		# the body after the prefix is enough to recognise a key
		sedargs+=(-e "s/${k#sk_*_}/<KEY#$i>/g")
	done
	sed "${sedargs[@]}" -e 's/sk_\(live\|test\|admin\)_[A-Za-z0-9]\{16,\}/<KEY>/g'
}

# scrub FILE...: prints the start of each file, scrubbed, on stderr.
scrub() {
	local f
	for f in "$@"; do
		[ -f "$f" ] || continue
		echo "----- $f" >&2
		head -c 6000 "$f" | scrubbed >&2
	done
}

# fail MESSAGE: reports the failed case (and the output of the last run,
# scrubbed, once per run).  The test goes on so that one run shows every
# failure; `finish` exits 1 at the end.  `die` stops at once.
FQ_FAILS=0
FQ_SHOWN=""
fail() {
	echo "FAIL [$FQ_TEST: $FQ_CASE]: $*" | scrubbed >&2
	if [ -n "${FQ_LAST:-}" ]; then
		echo "  last command: fourq-scan ${FQ_LAST_ARGS:-} (exit $FQ_RC)" | scrubbed >&2
		if [ "$FQ_SHOWN" != "$FQ_LAST" ]; then
			scrub "$FQ_LAST.out" "$FQ_LAST.err" >&2
			FQ_SHOWN=$FQ_LAST
		fi
	fi
	FQ_FAILS=$((FQ_FAILS + 1))
	[ -n "${FQ_HARD:-}" ] && exit 1
	return 0
}
die() { FQ_HARD=1 fail "$@"; exit 1; }

# finish: the verdict of the whole script.
finish() {
	if [ "$FQ_FAILS" -gt 0 ]; then
		echo "FAILED $FQ_TEST: $FQ_FAILS assertion(s) failed (see FAIL lines above)" >&2
		exit 1
	fi
	echo "PASS $FQ_TEST"
}

# ------------------------------------------------------------------- keys

# mkkey VAR TYPE SEED [LEN]: sets VAR to a random-looking key sk_TYPE_<LEN
# alphanumerics> derived from SEED (deterministic), without printing it.
# Pure bash (FNV-1a of the seed, then xorshift64*): no process per key.
mkkey() {
	local __var=$1 type=$2 seed=$3 len=${4:-24}
	local alpha=ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789
	local str="$seed:$type:$len" body="" prev="" c i
	local -i h=-3750763034362895579 x
	for ((i = 0; i < ${#str}; i++)); do
		printf -v c '%d' "'${str:i:1}"
		h=$(((h ^ c) * 1099511628211))
	done
	x=$((h == 0 ? 88172645463325252 : h))
	while [ "${#body}" -lt "$len" ]; do
		x=$((x ^ ((x >> 12) & 0x000FFFFFFFFFFFFF)))
		x=$((x ^ (x << 25)))
		x=$((x ^ ((x >> 27) & 0x0000001FFFFFFFFF)))
		c=${alpha:$((((x * 2685821657736338717) >> 33) & 0x3FFFFFFF)) % ${#alpha}:1}
		# no doubled characters, so no key can look like a placeholder run
		[ "$c" = "$prev" ] && continue
		body+=$c
		prev=$c
	done
	FQ_KEYS+=("sk_${type}_$body")
	printf -v "$__var" '%s' "sk_${type}_$body"
}

# keybody KEY: the part of the key after the prefix and its first four characters
# (what must never appear in any output).
keybody() { local b=${1#sk_*_}; printf '%s' "${b:4}"; }

# redacted KEY: the start of the redacted form, "sk_live_Ab3d…(32 chars, sha256:".
redacted() {
	local p=${1%_*}_ b=${1#sk_*_}
	printf '%s%s…(%d chars, sha256:' "$p" "${b:0:4}" "${#1}"
}

# has KEY: a jq condition true for findings that show KEY (by its redacted
# form in the snippet or the message).
has() {
	local r
	r=$(redacted "$1")
	printf '((.snippet // "" | contains("%s")) or (.message // "" | contains("%s")))' "$r" "$r"
}

# ------------------------------------------------------------------- git

g() { git -c init.defaultBranch=main -c commit.gpgsign=false -c core.autocrlf=false -c gc.auto=0 -c maintenance.auto=false "$@"; }

# newrepo DIR: an empty repository.
newrepo() { mkdir -p "$1" && g init -q "$1"; }

# commit DIR MESSAGE: commits everything in DIR with a deterministic date;
# prints nothing.  The commit id is in $FQ_HEAD.
commit() {
	local dir=$1 msg=$2
	FQ_COMMIT_N=$((FQ_COMMIT_N + 1))
	local when="$((1700000000 + FQ_COMMIT_N * 3600)) +0000"
	g -C "$dir" add -A
	GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
		g -C "$dir" commit -q --allow-empty -m "$msg"
	FQ_HEAD=$(g -C "$dir" rev-parse HEAD)
	FQ_HEAD_TIME=$((1700000000 + FQ_COMMIT_N * 3600))
}

# ---------------------------------------------------------------- running

# fq NAME ARGS...: runs `fourq-scan ARGS...`, stdout to $T/out/NAME.out,
# stderr to $T/out/NAME.err, exit code in $FQ_RC; $OUT and $ERR name the files.
# Fails the test at once on a crash or a sanitizer report.
fq() {
	local name=$1
	shift
	FQ_LAST="$T/out/$name"
	FQ_LAST_ARGS="$*"
	OUT="$FQ_LAST.out"
	ERR="$FQ_LAST.err"
	set +e
	"${FQ_RUN[@]}" "$FQ_BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
	FQ_RC=$?
	set -e
	if [ "$FQ_RC" -eq 88 ] && [ -n "${FQ_VALGRIND:-}" ]; then
		cat "$T"/valgrind.* | scrubbed >&2
		die "valgrind memcheck reported errors (above)"
	fi
	if [ "$FQ_RC" -ge 4 ]; then
		die "fourq-scan exited $FQ_RC (crash or sanitizer report), never one of 0-3"
	fi
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$ERR"; then
		die "sanitizer report on stderr"
	fi
}

# ------------------------------------------------------------- assertions

expect_rc() {
	[ "$FQ_RC" -eq "$1" ] || fail "exit code: expected $1, got $FQ_RC"
}

# jqt FILTER [FILE]: the JSON FILE (default $OUT) must satisfy FILTER (jq -e).
jqt() {
	local filter=$1 file=${2:-$OUT}
	if ! jq -e "$filter" "$file" >/dev/null 2>"$T/jq.err"; then
		fail "JSON assertion failed: $filter${3:+ ($3)}$([ -s "$T/jq.err" ] && printf ' [jq: %s]' "$(head -c 300 "$T/jq.err")")"
	fi
}

# jqv FILTER [FILE]: prints the raw value of FILTER on FILE (default $OUT).
jqv() { jq -r "$1" "${2:-$OUT}"; }

# nfind FILTER [FILE]: the number of findings that satisfy a select() FILTER.
nfind() { jq "[.findings[] | select($1)] | length" "${2:-$OUT}"; }

# expect_n N FILTER [FILE] [WHAT]: exactly N findings satisfy FILTER.
expect_n() {
	local want=$1 filter=$2 file=${3:-$OUT} got
	got=$(nfind "$filter" "$file") || fail "not valid JSON: $file"
	[ "$got" -eq "$want" ] || fail "expected $want finding(s) with $filter, got $got${4:+ ($4)}"
}

# keypatterns: a file of every generated key body (after its first four
# characters), one a line, for grep -F -f; kept up to date with FQ_KEYS.
keypatterns() {
	local f=$T/keybodies.${#FQ_KEYS[@]} k
	if [ ! -f "$f" ]; then
		for k in "${FQ_KEYS[@]}"; do keybody "$k"; echo; done >"$f"
	fi
	printf '%s' "$f"
}

# leaked FILE: prints "#i (sk_type_…)" for each generated key whole in FILE.
leaked() {
	local f=$1 i m pat
	[ "${#FQ_KEYS[@]}" -gt 0 ] || return 0
	pat=$(keypatterns)
	# one grep for all keys; the matches are mapped back to their index here
	while read -r m; do
		for i in "${!FQ_KEYS[@]}"; do
			if [ "$(keybody "${FQ_KEYS[$i]}")" = "$m" ]; then
				printf '#%s (%s_…)\n' "$i" "${FQ_KEYS[$i]%_*}"
			fi
		done
	done < <(grep -ohF -f "$pat" -- "$f" | sort -u)
}

# no_key_in FILE...: no generated key's body (after its first four characters)
# appears in any FILE.
no_key_in() {
	local f pat
	[ "${#FQ_KEYS[@]}" -gt 0 ] || return 0
	for f in "$@"; do
		[ -f "$f" ] || fail "expected output file $f does not exist"
	done
	pat=$(keypatterns)
	while read -r f; do
		FQ_LAST=""
		fail "key(s) $(leaked "$f" | tr '\n' ' ')appear unredacted in $(basename "$f")"
	done < <(grep -lF -f "$pat" -- "$@" 2>/dev/null || true)
}

# validator_path: the Microsoft SARIF validator, or a failure telling how to get it.
validator_path() {
	local v="${FQ_GRAMMARS_DIR:-${FQ_SRC:-}/grammars/node_modules}/@microsoft/sarif-multitool-linux/Sarif.Multitool"
	if [ ! -x "$v" ]; then
		FQ_LAST=""
		die "SARIF validator not found or not executable at $v: run scripts/bootstrap"
	fi
	printf '%s' "$v"
}
