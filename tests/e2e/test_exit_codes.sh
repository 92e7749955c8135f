#!/usr/bin/env bash
# Exit codes (SPEC §1: 0 clean, 1 findings at or above --fail-on, 2 usage or
# configuration error, 3 scan not completed) and inline suppression (§2).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KC live exit-critical
mkkey KM test exit-medium
mkkey KGONE live exit-missing-blob
mkkey KOTHER live exit-other-history
mkkey KS1 live exit-sup-same-line
mkkey KS2 live exit-sup-line-before
mkkey KS3 live exit-sup-all-rules
mkkey KS4 live exit-sup-other-rule
mkkey KS5 live exit-sup-too-far
mkkey KS6 live exit-sup-python
mkkey KARG live exit-arg

R=$T/crit
newrepo "$R"
mkdir -p "$R/src"
printf 'const k = "%s";\n' "$KC" >"$R/src/app.js"
commit "$R" "critical"

M=$T/medium
newrepo "$M"
mkdir -p "$M/src"
printf 'const k = "%s";\n' "$KM" >"$M/src/util.js"
commit "$M" "medium"

# ------------------------------------------------------------------ usage: 2
case_ "usage: unknown flag"
fq u1 scan --no-such-flag "$R"
expect_rc 2
[ -s "$ERR" ] || fail "no message on stderr"
[ ! -s "$OUT" ] || fail "a usage error writes no report on stdout"
case_ "usage: bad --fail-on"
fq u2 scan --fail-on severe "$R"
expect_rc 2
case_ "usage: --api-key is refused"
fq u3 scan --api-key "$KARG" "$R"
expect_rc 2
fq u3b scan "--api-key=$KARG" "$R"
expect_rc 2
case_ "usage: bad --format"
fq u4 scan --format yaml "$R"
expect_rc 2
case_ "usage: bad --jobs"
fq u5 scan --jobs 0 "$R"
expect_rc 2
case_ "usage: a mode option without its value"
fq u6 scan "$R" --rev
expect_rc 2
case_ "usage: two modes"
fq u7 scan --staged --history "$R"
expect_rc 2
case_ "usage: nonexistent path"
fq u8 scan "$T/does-not-exist"
expect_rc 2
[ -s "$ERR" ] || fail "no message on stderr"
case_ "usage: a PATH inside the .git folder"
fq u8b scan "$R/.git/objects"
expect_rc 2
grep -q "inside the repository's .git folder" "$ERR" || fail "the error does not say why"
case_ "usage: unreadable config file"
fq u9 scan --config "$T/no-such-config.yml" "$R"
expect_rc 2
case_ "usage: unreadable baseline"
fq u10 scan --baseline "$T/no-such-baseline.json" "$R"
expect_rc 2
case_ "usage: unknown command and unknown rule"
fq u11 frobnicate
expect_rc 2
fq u12 explain FQ999
expect_rc 2
case_ "usage: bad --report"
fq u13 scan --report sarif "$R"
expect_rc 2
case_ "informational commands exit 0"
fq i1 --version
expect_rc 0
fq i2 --help
expect_rc 0
fq i3 rules
expect_rc 0
fq i4 explain FQ001
expect_rc 0
for c in scan audit probe baseline rules explain review merge; do
	fq "h-$c" "$c" --help
	expect_rc 0
	grep -q '^usage: fourq-scan' "$OUT" || fail "$c --help prints no usage"
	[ ! -s "$ERR" ] || fail "$c --help wrote to stderr"
done
fq h-scan2 scan "$R" -h
expect_rc 0
grep -q -- '--scan-generated' "$OUT" || fail "scan -h does not list the scan options"
fq h-bogus bogus --help
expect_rc 2

# ------------------------------------------------------------ findings: 0/1
case_ "critical finding at the default --fail-on"
fq f1 scan --format json "$R"
expect_rc 1
case_ "--fail-on none"
fq f2 scan --fail-on none "$R"
expect_rc 0
case_ "--fail-on critical with a critical finding"
fq f3 scan --fail-on critical "$R"
expect_rc 1
case_ "only a medium finding: 0 by default"
fq f4 scan --format json "$M"
expect_rc 0
expect_n 1 '.rule_id == "FQ001" and .severity == "medium" and .path == "src/util.js"'
expect_n 0 '.rule_id == "FQ004"'
case_ "only a medium finding: 1 with --fail-on medium"
fq f5 scan --fail-on medium "$M"
expect_rc 1
case_ "only a medium finding: 1 with --fail-on low and info, 0 with critical"
fq f6 scan --fail-on low "$M"
expect_rc 1
fq f7 scan --fail-on info "$M"
expect_rc 1
fq f8 scan --fail-on critical "$M"
expect_rc 0
case_ "a clean repository"
C=$T/clean
newrepo "$C"
printf 'const k = process.env.FOURQ_API_KEY;\n' >"$C/app.js"
commit "$C" "clean"
fq f9 scan --format json --fail-on info "$C"
expect_rc 0
jqt '.findings == [] and .errors == []'
case_ "-q prints nothing but errors, the exit code still tells"
fq f10 scan -q "$R"
expect_rc 1
[ ! -s "$OUT" ] || fail "-q printed a report on stdout"

# ------------------------------------------------------ cannot complete: 3
P=$T/plain
mkdir -p "$P"
printf 'nothing\n' >"$P/a.txt"
case_ "--staged on a directory that is not a repository"
fq n1 scan --staged "$P"
expect_rc 3
[ -s "$ERR" ] || fail "no message on stderr"
case_ "--history, --rev, --since on a directory that is not a repository"
fq n2 scan --history "$P"
expect_rc 3
fq n3 scan --rev HEAD "$P"
expect_rc 3
fq n4 scan --since HEAD "$P"
expect_rc 3

case_ "missing blob: --history exits 3, names the object, keeps the other findings"
B=$T/missing
newrepo "$B"
printf 'const ok = 1;\n' >"$B/app.js"
commit "$B" "c1"
printf 'const gone = "%s";\n' "$KGONE" >"$B/secret.js"
printf 'const other = "%s";\n' "$KOTHER" >"$B/other.js"
commit "$B" "c2 keys"
BLOB=$(g -C "$B" rev-parse HEAD:secret.js)
g -C "$B" rm -q secret.js other.js
printf 'const k = "%s";\n' "$KC" >"$B/app.js"
commit "$B" "c3 remove"
[ -f "$B/.git/objects/${BLOB:0:2}/${BLOB:2}" ] || die "setup: blob $BLOB is not a loose object"
rm -f "$B/.git/objects/${BLOB:0:2}/${BLOB:2}"
fq m1 scan --history --format json "$B"
expect_rc 3
jq -e . "$OUT" >/dev/null 2>&1 || fail "the JSON report is not valid JSON"
jqt "[.errors[] | (.path // \"\") + \" \" + (.message // \"\")] | any(contains(\"${BLOB:0:7}\"))" "$OUT" "errors names the missing object $BLOB"
jqt "[.errors[] | (.path // \"\") + \" \" + (.message // \"\")] | any(contains(\"$BLOB\"))" "$OUT" "errors names the full object id $BLOB"
jqt '.stats.complete == false' "$OUT" "stats.complete is false"
expect_n 1 ".rule_id == \"FQ002\" and .path == \"other.js\"" "$OUT" "the other deleted key is still reported"
expect_n 1 ".rule_id == \"FQ001\" and .path == \"app.js\"" "$OUT" "the key at HEAD is still reported"
case_ "missing blob: --rev of the commit that holds it exits 3"
fq m2 scan --rev HEAD~1 --format json "$B"
expect_rc 3
jqt '.stats.complete == false'
expect_n 1 '.path == "other.js"' "$OUT" "the readable file is still scanned"
case_ "missing blob: text output says the scan is incomplete"
fq m3 scan --history --format text --no-color "$B"
expect_rc 3
grep -qi "${BLOB:0:7}" "$OUT" "$ERR" || fail "neither stdout nor stderr names the missing object"

# ---------------------------------------------------------------- suppression
S=$T/sup
newrepo "$S"
mkdir -p "$S/src"
{
	printf 'const a = "%s"; // fourq-scan:ignore FQ001\n' "$KS1"
	printf '// fourq-scan:ignore FQ001\n'
	printf 'const b = "%s";\n' "$KS2"
	printf '// fourq-scan:ignore\n'
	printf 'const c = "%s";\n' "$KS3"
	printf '// fourq-scan:ignore FQ020\n'
	printf 'const d = "%s";\n' "$KS4"
	printf '// fourq-scan:ignore FQ001\n'
	printf '\n'
	printf 'const e = "%s";\n' "$KS5"
} >"$S/src/keys.js"
printf '# fourq-scan:ignore FQ001\nKEY = "%s"\n' "$KS6" >"$S/src/keys.py"
commit "$S" "suppressions"

case_ "suppression: comments hide FQ001 on the line and the line after"
fq s1 scan --format json "$S"
expect_rc 1
expect_n 0 '.path == "src/keys.js" and (.line == 1 or .line == 3 or .line == 5)' "$OUT" "suppressed on lines 1, 3, 5"
expect_n 0 '.path == "src/keys.py"' "$OUT" "a Python comment suppresses too"
jqt '.stats.suppressed == 4' "$OUT" "stats.suppressed counts the four hidden findings"
case_ "suppression: another rule's ID does not hide FQ001"
expect_n 1 '.path == "src/keys.js" and .line == 7 and .rule_id == "FQ001" and .suppressed == false'
case_ "suppression: a comment two lines above does not hide it"
expect_n 1 '.path == "src/keys.js" and .line == 10 and .rule_id == "FQ001" and .suppressed == false'
case_ "suppression: --no-suppress shows them with suppressed=true and a reason"
fq s2 scan --no-suppress --format json "$S"
expect_n 4 '.rule_id == "FQ001" and .suppressed == true'
expect_n 4 '.rule_id == "FQ001" and .suppressed == true and (((.suppression // .suppression_reason // .reason // "") | tostring | length) > 0)' "$OUT" "suppressed findings carry the reason"
expect_n 2 '.rule_id == "FQ001" and .suppressed == false'
case_ "suppression: only suppressed findings exit 0"
O=$T/onlysup
newrepo "$O"
printf 'k = "%s"  # fourq-scan:ignore FQ001\n' "$KS1" >"$O/a.py"
commit "$O" "only suppressed"
fq s3 scan --format json "$O"
expect_rc 0
jqt '.findings == [] and .stats.suppressed == 1'

no_key_in "$T"/out/*
finish
