#!/usr/bin/env bash
# One repository built to hurt a scanner, everything at once (issue 7):
# symlink loops and symlinks out of the repository, also a tracked folder
# replaced by one (a key planted outside must never appear), a 12 MB file, a 5 MB one-line script, 50,000-deep
# nesting in JavaScript, Python and JSON, invalid UTF-8 in content and in a
# file name, a file name with a newline, ANSI escapes and BEL in content,
# NUL bytes, a gitlink with no submodule.  It is scanned in every mode; each
# run must finish, exit 0/1, keep every report valid and print no raw control
# character and no whole key.  Then: an unborn HEAD, and 100,000 small files
# within the memory target.  (Empty repositories, shallow clones and a missing
# blob are in test_bad_input.sh and test_exit_codes.sh.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KOUT live outside 32
mkkey KBIG live big 32
mkkey KMIN live minified 32
mkkey KNL live newline 32
mkkey KBAD live badname 32
mkkey KCTL live control 32
mkkey KNUL live nul 32
mkkey KTAIL live tail 32
mkkey KLINK live waslink 32
mkkey KTYPE live typechange 32

X=$T/outside
mkdir -p "$X/dir"
printf 'FOURQ_API_KEY=%s\n' "$KOUT" >"$X/secret.env"
printf 'k = "%s"\n' "$KOUT" >"$X/dir/secret.py"
printf 'FOURQ_API_KEY=%s\n' "$KOUT" >"$X/dir/app.env"

R=$T/hostile
newrepo "$R"
mkdir -p "$R/src"
ln -s "$X/secret.env" "$R/out-file.env"
ln -s "../../outside/dir" "$R/src/out-dir"
ln -s loop-b "$R/loop-a"
ln -s loop-a "$R/loop-b"
ln -s . "$R/src/self"
KBIG=$KBIG KMIN=$KMIN KNL=$KNL KBAD=$KBAD KCTL=$KCTL KNUL=$KNUL KTAIL=$KTAIL python3 - "$R" <<'PY'
import os, sys
d = sys.argv[1]
e = os.environ
n = 50000
# 12 MB: over the default 10 MiB limit, skipped with a note
with open(d + '/big.log', 'w') as f:
    f.write(('x' * 99 + '\n') * 120000)
    f.write('key=%s\n' % e['KBIG'])
# 5 MB on one line: key rules run, the parser does not
open(d + '/src/vendor.min.js', 'w').write('var p=q.protect;' + 'var a=1;' * 320000 + 'var k="%s";' % e['KMIN'] + 'b=2;' * 600000)
open(d + '/src/deep.js', 'w').write('protect(' + '[' * n + ']' * n + ', "P");\n')
open(d + '/src/deep.py', 'w').write('x = protect(' + '(' * n + ')' * n + ', "P")\n')
open(d + '/deep.json', 'w').write('{"policy": ' + '[' * n + ']' * n + '}\n')
open(d + '/src/new\nline.js', 'w').write('const k = "%s";\n' % e['KNL'])
open(os.fsencode(d) + b'/src/bad-\xff\xfe-name.py', 'wb').write(b'k = "%s"  # caf\xe9 \xc3\x28\n' % e['KBAD'].encode())
open(d + '/src/ansi.js', 'w').write('log.info("\x1b[2J\x1b]0;pwned\x07\x1b[31m"); const k = "%s"; // \x07\x1b[0m\r\x08\n' % e['KCTL'])
# a NUL in the first 8 KiB: binary, read by the key rules only, and counted
open(d + '/blob.bin', 'wb').write(b'\x00\x01' + ('k=%s\n' % e['KNUL']).encode())
# a NUL after 8 KiB: text, and the key after it is still found
open(d + '/late-nul.txt', 'wb').write(b'a' * 9000 + b'\x00\n' + ('k=%s\n' % e['KTAIL']).encode())
PY
commit "$R" "hostile"
# a gitlink with no .gitmodules entry and no checkout
g -C "$R" update-index --add --cacheinfo 160000,1234567890abcdef1234567890abcdef12345678,vendor/sub
GIT_AUTHOR_DATE="1700090000 +0000" GIT_COMMITTER_DATE="1700090000 +0000" g -C "$R" commit -q -m "gitlink"
# a tracked folder replaced, in the working tree, by a symlink out of the
# repository: the tracked path cfg/app.env must not be read through it
mkdir -p "$R/cfg" && printf 'LOG_LEVEL=info\n' >"$R/cfg/app.env"
g -C "$R" add cfg/app.env
GIT_AUTHOR_DATE="1700090100 +0000" GIT_COMMITTER_DATE="1700090100 +0000" g -C "$R" commit -q -m "cfg"
rm -r "$R/cfg"
ln -s "$X/dir" "$R/cfg"
# a tracked symlink that is now a regular file holding a key: the working
# tree scan must read it (the index still says symlink)
ln -s app.env "$R/was-link.env"
g -C "$R" add was-link.env
GIT_AUTHOR_DATE="1700090200 +0000" GIT_COMMITTER_DATE="1700090200 +0000" g -C "$R" commit -q -m "link"
rm "$R/was-link.env"
printf 'FOURQ_API_KEY=%s\n' "$KLINK" >"$R/was-link.env"

check_run() {
	local mode=$1
	[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
	jq -e . "$OUT" >/dev/null 2>&1 || die "JSON report is not valid"
	jqt '.stats.complete == true'
	expect_n 0 "$(has "$KOUT")" "$OUT" "the key behind a symlink out of the repository"
	expect_n 0 "$(has "$KBIG")" "$OUT" "the key in the file over the size limit"
	expect_n 1 "$(has "$KNUL") and .path == \"blob.bin\"" "$OUT" "the key in the binary file"
	expect_n 1 "$(has "$KMIN") and .path == \"src/vendor.min.js\"" "$OUT" "the key in the 5 MB one-line script"
	expect_n 1 "$(has "$KNL") and .path == \"src/new\\nline.js\"" "$OUT" "the key in the file named with a newline"
	expect_n 1 "$(has "$KBAD") and (.path | startswith(\"src/bad-\"))" "$OUT" "the key in the file with a non-UTF-8 name"
	expect_n 1 "$(has "$KCTL") and .path == \"src/ansi.js\"" "$OUT" "the key next to ANSI escapes"
	expect_n 1 "$(has "$KTAIL") and .path == \"late-nul.txt\"" "$OUT" "the key after a NUL past 8 KiB"
	jqt '[.errors[] | select(.path == "big.log" and (.message | test("size limit")))] | length == 1'
	jqt '[.errors[] | select(.path == "vendor/sub" and (.message | test("submodule")))] | length == 1'
	if [ "$mode" != history ]; then
		jqt '[.errors[] | select(.path == "src/vendor.min.js" and (.message | test("parse limit")))] | length == 1'
		for f in src/deep.js src/deep.py; do
			jqt "[.errors[] | select(.path == \"$f\" and (.message | test(\"nesting deeper|time limit\")))] | length == 1" \
				"$OUT" "$f"
		done
	fi
	if [ "$mode" = worktree ]; then
		expect_n 1 "$(has "$KLINK") and .path == \"was-link.env\"" "$OUT" "a tracked symlink replaced by a file"
	else
		expect_n 0 "$(has "$KLINK")" "$OUT" "the worktree-only file in a blob mode"
	fi
	jqt '.stats.binary_files >= 1 and .stats.skipped_large == 1'
	no_key_in "$OUT" "$ERR"
}

for mode in worktree staged history rev; do
	case "$mode" in
	worktree) args=() ;;
	staged) args=(--staged) ;;
	history) args=(--history) ;;
	rev) args=(--rev HEAD) ;;
	esac
	case_ "hostile repository ($mode): bounded, complete, nothing from outside, nothing raw"
	start=$(date +%s)
	fq "h-$mode" scan "$R" "${args[@]}" --scan-generated --format json --report sarif="$T/out/h-$mode.sarif" \
		--report junit="$T/out/h-$mode.xml"
	took=$(($(date +%s) - start))
	[ "$took" -lt $((120 * FQ_TIME_SCALE)) ] || fail "took ${took}s"
	check_run "$mode"
	jq -e . "$T/out/h-$mode.sarif" >/dev/null 2>&1 || fail "SARIF report is not valid JSON"
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/out/h-$mode.xml" \
		2>/dev/null || fail "JUnit report is not well-formed XML"
	no_key_in "$T/out/h-$mode.sarif" "$T/out/h-$mode.xml"
done

case_ "hostile repository, text on a terminal: no raw control character, the newline name escaped"
fq h-text scan "$R" --format text --no-color
[ "$FQ_RC" -eq 1 ] || fail "exit $FQ_RC"
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$OUT" "$ERR"; then
	fail "raw control characters in the text output"
fi
grep -q '^line.js' "$OUT" && fail "the newline in a file name split a line of the text output"
no_key_in "$OUT" "$ERR"

case_ "hostile repository, every report format at once"
fq h-all audit "$R" --format json --report html="$T/out/h.html" --report markdown="$T/out/h.md"
[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
python3 -c 'import sys, html.parser; html.parser.HTMLParser().feed(open(sys.argv[1], encoding="utf-8").read())' \
	"$T/out/h.html" || fail "HTML report is not UTF-8"
LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$T/out/h.html" "$T/out/h.md" &&
	fail "raw control characters in the HTML or Markdown report"
no_key_in "$T/out/h.html" "$T/out/h.md"

# ------------------------------------------- --since and a type change
Y=$T/typechange
newrepo "$Y"
printf 'x\n' >"$Y/a.txt"
commit "$Y" "base"
ln -s "$KTYPE" "$Y/k.txt"
commit "$Y" "a symlink whose target is a key"
rm "$Y/k.txt"
printf '%s' "$KTYPE" >"$Y/k.txt"
commit "$Y" "the same bytes, now a file"
case_ "--since: a symlink that became a file with the same bytes is new content"
fq tc scan "$Y" --since HEAD~1 --format json
expect_rc 1
expect_n 1 "$(has "$KTYPE") and .path == \"k.txt\""

# --------------------------------------------------------------- unborn HEAD
U=$T/unborn
newrepo "$U"
printf 'const k = "%s";\n' "$KNL" >"$U/app.js"
g -C "$U" add app.js
case_ "unborn HEAD: the working tree and the index are scanned"
fq u-wt scan "$U" --format json
expect_rc 1
expect_n 1 "$(has "$KNL")"
fq u-st scan "$U" --staged --format json
expect_rc 1
expect_n 1 "$(has "$KNL")"
case_ "unborn HEAD: --history says there is nothing yet and passes"
fq u-hist scan "$U" --history --format json
expect_rc 0
jqt '[.errors[] | select(.message | test("no commits yet"))] | length == 1'
case_ "unborn HEAD: --rev HEAD is a usage error that says why"
fq u-rev scan "$U" --rev HEAD
expect_rc 2
grep -q 'no commits yet' "$ERR" || fail "the error does not say HEAD is unborn"

# -------------------------------------------------- 100,000 small files
M=$T/many
newrepo "$M"
mkkey KMANY live many 32
KMANY=$KMANY python3 - "$M" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(1000):
    sub = '%s/d%03d' % (d, i)
    os.mkdir(sub)
    for j in range(100):
        with open('%s/f%02d.js' % (sub, j), 'w') as f:
            f.write('export const v%d = %d;\n' % (j, i * 100 + j))
open(d + '/d500/f50.js', 'a').write('const k = "%s";\n' % os.environ['KMANY'])
PY
commit "$M" "many files"
# peak memory of a run, in KiB (the largest child's maximum resident set)
peak_kib() { python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$FQ_BIN" "$@"; }
# The memory target is 300 MB; a sanitizer build carries shadow memory and a
# quarantine, so it is allowed twice that.
limit=$((300 * 1024))
if [ "${FQ_SANITIZED:-OFF}" = ON ]; then
	limit=$((600 * 1024))
	export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16"
fi
for mode in worktree history; do
	case_ "100,000 small files ($mode): every file read, the key found, memory within the target"
	args=()
	[ "$mode" = history ] && args=(--history)
	fq "m-$mode" scan "$M" "${args[@]}" --format json
	expect_rc 1
	jqt '.stats.files == 100000'
	expect_n 1 "$(has "$KMANY") and .path == \"d500/f50.js\""
	kib=$(peak_kib scan "$M" "${args[@]}" --format json)
	echo "  $mode: peak RSS $((kib / 1024)) MiB" >&2
	[ "$kib" -lt "$limit" ] || fail "peak RSS ${kib} KiB is over ${limit} KiB"
done
finish
