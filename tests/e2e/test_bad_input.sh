#!/usr/bin/env bash
# Bad input (SPEC §8): binary files, files over --max-file-size, symlinks out
# of the repository, symlink loops, control characters, invalid UTF-8, an
# empty repository, a detached HEAD and a shallow clone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KBIN live bad-binary
mkkey KBIN2 live bad-binary-2
mkkey KBIG live bad-big
mkkey KEDGE live bad-edge
mkkey KOUT live bad-outside
mkkey KTXT live bad-text
mkkey KCTL live bad-control
mkkey KUTF live bad-utf8
mkkey KDET live bad-detached


# ---------------------------------------------------------------- binaries
R=$T/bin
newrepo "$R"
mkdir -p "$R/assets"
printf 'const k = "%s";\n' "$KTXT" >"$R/app.js"
{ printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR'; printf 'key=%s\n' "$KBIN"; } >"$R/assets/logo.png"
{ head -c 5000 /dev/zero | tr '\0' 'a'; printf '\n\0'; printf 'key=%s\n' "$KBIN2"; } >"$R/assets/data.bin"
commit "$R" "binaries"

case_ "binary: files with a NUL in the first 8 KiB are read by the key rules only, and counted"
fq b1 scan --format json "$R"
expect_rc 1
expect_n 1 "$(has "$KBIN") and .path == \"assets/logo.png\" and .rule_id == \"FQ001\" and .line == 3" "$OUT" "the key in the PNG"
expect_n 1 "$(has "$KBIN2") and .path == \"assets/data.bin\" and .rule_id == \"FQ001\"" "$OUT" "the key after a NUL"
jqt '.stats.binary_files == 2 and .stats.files == 1'
jqt '[.findings[] | select(.path != "app.js") | .rule_id] | unique == ["FQ001"]' "$OUT" "only the key rules read binaries"
jqt '[.findings[].snippet | explode[] | select(. < 32 and . != 9)] | length == 0' "$OUT" "no control characters in binary snippets"
expect_n 1 "$(has "$KTXT") and .path == \"app.js\""
no_key_in "$OUT" "$ERR"
for m in history staged rev; do
	case_ "binary: read the same way in --$m"
	if [ $m = rev ]; then fq "b-$m" scan --rev HEAD --format json "$R"; else fq "b-$m" scan --$m --format json "$R"; fi
	expect_rc 1
	expect_n 1 "$(has "$KBIN") and .path == \"assets/logo.png\""
	expect_n 1 "$(has "$KBIN2") and .path == \"assets/data.bin\""
	jqt '.stats.binary_files == 2'
	no_key_in "$OUT" "$ERR"
done

# ---------------------------------------------------------------- size limit
R=$T/big
newrepo "$R"
{ printf 'const k = "%s";\n' "$KBIG"; head -c 3000 /dev/zero | tr '\0' '/'; printf '\n'; } >"$R/big.js"
line=$(printf 'const e = "%s";' "$KEDGE")
{ printf '%s\n' "$line"; head -c $((1000 - ${#line} - 2)) /dev/zero | tr '\0' '/'; printf '\n'; } >"$R/edge.js"
[ "$(stat -c %s "$R/edge.js")" -eq 1000 ] || die "setup: edge.js is not 1000 bytes"
commit "$R" "big"

case_ "size: a file over --max-file-size is skipped with a note in errors"
fq s1 scan --max-file-size 1000 --format json "$R"
[ "$FQ_RC" -ne 2 ] || fail "exit 2 for a valid --max-file-size"
expect_n 0 "$(has "$KBIG")" "$OUT" "the key in the skipped file"
jqt '[.errors[] | select(.path == "big.js")] | length == 1 and (.[0].message | length > 0)' "$OUT" "a note for big.js in errors"
jqt '.stats.skipped_large == 1'
case_ "size: a file of exactly --max-file-size bytes is scanned"
expect_n 1 "$(has "$KEDGE") and .path == \"edge.js\""
case_ "size: the default limit (10 MiB) scans both"
fq s2 scan --format json "$R"
expect_rc 1
expect_n 1 "$(has "$KBIG")"
jqt '.stats.skipped_large == 0 and ([.errors[] | select(.path != "")] == [])'
case_ "size: the limit holds in --history"
fq s3 scan --history --max-file-size 1000 --format json "$R"
expect_n 0 "$(has "$KBIG")"
jqt '[.errors[] | select(.path == "big.js")] | length >= 1'
case_ "size: text output mentions the skipped file"
fq s4 scan --max-file-size 1000 --format text --no-color "$R"
grep -q 'big.js' "$OUT" "$ERR" || fail "the text report does not mention the skipped big.js"

# ---------------------------------------------------------------- symlinks
X=$T/outside
mkdir -p "$X/dir"
printf 'FOURQ_API_KEY=%s\n' "$KOUT" >"$X/secret.env"
printf 'k = "%s"\n' "$KOUT" >"$X/dir/secret.py"
R=$T/links
newrepo "$R"
mkdir -p "$R/sub"
printf 'const k = "%s";\n' "$KTXT" >"$R/app.js"
ln -s "$X/secret.env" "$R/config.env"
ln -s "../../outside/secret.env" "$R/sub/rel.env"
ln -s "$X/dir" "$R/outdir"
ln -s . "$R/loop"
ln -s "$R/sub" "$R/sub/up"
commit "$R" "symlinks"

for mode in "" --staged "--rev HEAD" --history; do
	case_ "symlink out of the repository is never followed (${mode:-worktree})"
	# shellcheck disable=SC2086
	fq "l${mode//[ -]/}" scan $mode --format json "$R"
	expect_rc 1
	expect_n 0 "$(has "$KOUT")" "$OUT" "the key behind a symlink out of the repository"
	expect_n 1 "$(has "$KTXT") and .path == \"app.js\"" "$OUT" "the ordinary file (and only once: no loop through loop/ or sub/up/)"
done
case_ "symlink out of a plain directory is never followed"
P=$T/plainlinks
mkdir -p "$P"
printf 'const k = "%s";\n' "$KTXT" >"$P/app.js"
ln -s "$X/secret.env" "$P/config.env"
ln -s "$X/dir" "$P/outdir"
ln -s . "$P/loop"
fq lp scan --format json "$P"
expect_rc 1
expect_n 0 "$(has "$KOUT")"
expect_n 1 "$(has "$KTXT")"

# ---------------------------------------------------- control characters
R=$T/ctl
newrepo "$R"
printf 'const k = "%s"; // \x1b[2J\x1b]0;pwned\x07 \x1b[31mred\x1b[0m \r\x08\n' "$KCTL" >"$R/evil.js"
printf 'const k = "%s";\n' "$KCTL" >"$R/$(printf 'evil\x1b[31mname.js')"
commit "$R" "control characters"
case_ "control characters from scanned files never reach the terminal raw (text)"
fq c1 scan --format text --no-color "$R"
expect_rc 1
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$OUT" "$ERR"; then
	fail "raw control characters in the text output"
fi
case_ "control characters: JSON, SARIF and JUnit stay valid"
fq c2 scan --format json --report sarif="$T/out/ctl.sarif" --report junit="$T/out/ctl.xml" "$R"
expect_rc 1
jq -e . "$OUT" >/dev/null 2>&1 || fail "JSON report not valid"
jq -e . "$T/out/ctl.sarif" >/dev/null 2>&1 || fail "SARIF report not valid JSON"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/out/ctl.xml" 2>/dev/null ||
	fail "JUnit report is not well-formed XML"
expect_n 2 "$(has "$KCTL")"

# ------------------------------------------------------------ invalid UTF-8
R=$T/utf
newrepo "$R"
printf 'const k = "%s"; // caf\xe9 \xc3\x28 \xff\n' "$KUTF" >"$R/$(printf 'na\xefve-\xff.js')"
commit "$R" "latin-1"
case_ "invalid UTF-8 in a path and a snippet: every report stays valid"
fq u1 scan --format json --report sarif="$T/out/utf.sarif" --report junit="$T/out/utf.xml" --report text="$T/out/utf.txt" "$R"
expect_rc 1
jq -e . "$OUT" >/dev/null 2>&1 || fail "JSON report not valid when a path is not UTF-8"
jq -e . "$T/out/utf.sarif" >/dev/null 2>&1 || fail "SARIF report not valid JSON when a path is not UTF-8"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/out/utf.xml" 2>/dev/null ||
	fail "JUnit report is not well-formed XML when a path is not UTF-8"
expect_n 1 "$(has "$KUTF")"
fq u2 scan --history --format json "$R"
jq -e . "$OUT" >/dev/null 2>&1 || fail "JSON report not valid in --history"

# ------------------------------------------------------- repository shapes
case_ "an empty repository"
E=$T/empty
newrepo "$E"
fq e1 scan --format json "$E"
expect_rc 0
jqt '.findings == []'
fq e2 scan --staged --format json "$E"
expect_rc 0
fq e3 scan --history --format json "$E"
[ "$FQ_RC" -eq 0 ] || [ "$FQ_RC" -eq 3 ] || fail "--history on an empty repository: exit $FQ_RC, expected 0 (or 3 with a note)"
jq -e . "$OUT" >/dev/null 2>&1 || fail "JSON report not valid"

case_ "a detached HEAD"
D=$T/detached
newrepo "$D"
printf 'x\n' >"$D/a.txt"
commit "$D" "c1"
g -C "$D" checkout -q --detach
printf 'k = "%s"\n' "$KDET" >"$D/d.py"
commit "$D" "detached commit"
fq d1 scan --format json "$D"
expect_rc 1
expect_n 1 "$(has "$KDET") and .rule_id == \"FQ001\""
fq d2 scan --history --format json "$D"
expect_rc 1
expect_n 1 "$(has "$KDET") and .rule_id == \"FQ001\"" "$OUT" "the detached HEAD's commit is scanned by --history"
fq d3 scan --rev HEAD --format json "$D"
expect_rc 1
expect_n 1 "$(has "$KDET")"

case_ "a shallow clone"
S=$T/shallow
g clone -q --depth 1 "file://$T/links" "$S"
fq sh1 scan --history --format json "$S"
[ "$FQ_RC" -eq 1 ] || [ "$FQ_RC" -eq 3 ] || fail "--history on a shallow clone: exit $FQ_RC, expected 1 (or 3 with a note)"
jq -e . "$OUT" >/dev/null 2>&1 || fail "JSON report not valid"
expect_n 1 "$(has "$KTXT") and .rule_id == \"FQ001\""
expect_n 0 "$(has "$KOUT")"

no_key_in "$T"/out/*
finish
