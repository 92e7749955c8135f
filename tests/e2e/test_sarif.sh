#!/usr/bin/env bash
# SARIF 2.1.0 output (SPEC §1 OUTPUT, §2 fingerprints): valid according to the
# Microsoft SARIF validator, with rules, fingerprints and severities, also for
# paths with spaces, non-ASCII characters and a colon.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VALIDATOR=$(validator_path)

mkkey K1 live sarif-app
mkkey K2 live sarif-shared
mkkey K3 test sarif-space
mkkey K4 admin sarif-cjk
mkkey K5 live sarif-colon
mkkey K6 live sarif-history
mkkey K7 live sarif-suppressed

R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/config" "$R/docs/my notes ü" "$R/日本語"
printf 'k = "%s"\n' "$K6" >"$R/gone.py"
commit "$R" "history key"
rm "$R/gone.py"
printf 'const key = "%s";\n' "$K1" >"$R/src/app.js"
printf 'FOURQ_API_KEY=%s\n' "$K2" >"$R/.env.staging"
printf 'fourq:\n  key: %s\n' "$K2" >"$R/config/production.yaml"
printf '# Clé privée\n\nUse `%s` in the fixtures.\n' "$K3" >"$R/docs/my notes ü/clé privée.md"
printf 'admin: %s\n' "$K4" >"$R/日本語/設定.yaml"
printf 'key=%s\n' "$K5" >"$R/notes:v2 draft.txt"
printf '# fourq-scan:ignore FQ001\nk = "%s"\n' "$K7" >"$R/src/sup.py"
printf 'See `sk_test_''xxxxxxxxxxxxxxxxxxxxxxxx`.\n' >"$R/docs/placeholder.md"
commit "$R" "findings"

case_ "the rule catalogue"
fq rules rules --format json
expect_rc 0
ALL_RULES=$(jq -c '[.. | objects | (.id // .rule_id // empty)] | map(select(test("^FQ[0-9]+$"))) | unique' "$OUT") ||
	die "'fourq-scan rules --format json' is not valid JSON"
[ "$(jq 'length' <<<"$ALL_RULES")" -ge 30 ] || fail "'fourq-scan rules --format json' lists too few rules"

# check_sarif FILE: structural checks on a SARIF log with jq.
check_sarif() {
	local f=$1
	jqt '.version == "2.1.0" and (."$schema" | type) == "string"' "$f" "version and \$schema"
	jqt '.runs | length == 1' "$f"
	jqt '.runs[0].tool.driver.name == "fourq-scan" and (.runs[0].tool.driver.version | type) == "string"' "$f"
	jqt "([.runs[0].tool.driver.rules[].id] | unique) == $ALL_RULES" "$f" "driver.rules holds every rule of the catalogue"
	jqt '.runs[0].tool.driver.rules | all((.shortDescription.text | length) > 0)' "$f" "every rule has a shortDescription"
	jqt '(.runs[0].results | length) > 0' "$f"
	jqt '.runs[0] as $r | $r.results | all(.ruleIndex == null or $r.tool.driver.rules[.ruleIndex].id == .ruleId)' "$f" "ruleIndex points at its rule"
	jqt '.runs[0].results | all(.partialFingerprints | type == "object" and length > 0 and all(.[]; type == "string" and length > 0))' "$f" "partialFingerprints on every result"
	jqt '.runs[0].results | all(.properties.severity | IN("critical", "high", "medium", "low", "info"))' "$f" "properties.severity on every result"
	jqt '.runs[0].results | all(.level | IN("error", "warning", "note", "none"))' "$f"
	jqt '.runs[0].results | all(if .properties.severity | IN("critical", "high") then .level == "error" elif .properties.severity == "medium" then .level == "warning" else .level == "note" or .level == "none" end)' "$f" "level follows severity"
	jqt '.runs[0].results | all(.message.text | length > 0)' "$f"
	jqt '[.runs[0].results[].locations[]?.physicalLocation.artifactLocation.uri] | all(test("^[A-Za-z][A-Za-z0-9+.-]*:") | not)' "$f" "artifact URIs are relative references without a scheme"
	jqt '[.runs[0].results[].locations[]?.physicalLocation.artifactLocation.uri] | all(test("^[!-~]+$"))' "$f" "artifact URIs are ASCII with no spaces (percent-encoded)"
}

# validate FILE...: the Microsoft validator reports no error for any log.
# The validator is slow to start, so the logs are merged into one log of
# several runs (each run stays what it was) and validated once.
validate() {
	local merged=$T/out/merged.sarif vout=$T/out/validation.sarif vlog=$T/out/validation.log rc=0 i=0 f
	jq -s '{"$schema": .[0]["$schema"], version: .[0].version, runs: [.[].runs[]]}' "$@" >"$merged" ||
		{ fail "cannot merge the SARIF logs (not valid JSON?)"; return 0; }
	"$VALIDATOR" validate "$merged" --output "$vout" >"$vlog" 2>&1 || rc=$?
	FQ_LAST=""
	if grep -q ': error ' "$vlog"; then
		for f in "$@"; do
			echo "  runs[$i] is $(basename "$f")" >&2
			i=$((i + 1))
		done
		grep ': error ' "$vlog" | scrubbed >&2
		fail "the SARIF validator reports errors (above)"
	fi
	if [ ! -f "$vout" ]; then
		scrubbed <"$vlog" >&2
		fail "the SARIF validator wrote no output (exit $rc)"
		return 0
	fi
	local nerr
	nerr=$(jq '[.runs[].results[]? | select(.level == "error")] | length' "$vout")
	[ "$nerr" -eq 0 ] || fail "the SARIF validator's output holds $nerr error result(s)"
	[ "$rc" -eq 0 ] || fail "the SARIF validator exited $rc"
}

case_ "sarif: worktree scan to stdout"
fq wt scan --format sarif "$R"
expect_rc 1
cp "$OUT" "$T/out/wt.sarif"
check_sarif "$T/out/wt.sarif"
case_ "sarif: URIs of paths with spaces and non-ASCII characters"
URIS=$(jq -r '.runs[0].results[].locations[].physicalLocation.artifactLocation.uri' "$T/out/wt.sarif" |
	python3 -c 'import sys, urllib.parse; [print(urllib.parse.unquote(l.rstrip("\n"))) for l in sys.stdin]')
for p in "src/app.js" "docs/my notes ü/clé privée.md" "日本語/設定.yaml" "notes:v2 draft.txt" ".env.staging"; do
	grep -qxF -- "$p" <<<"$URIS" || fail "no result whose decoded URI is '$p'"
done
case_ "sarif: the same key in two files has the same fingerprint"
N=$(jq '[.runs[0].results[] | select(.ruleId == "FQ001") | .locations[0].physicalLocation.artifactLocation.uri as $u | select($u == ".env.staging" or $u == "config/production.yaml") | .partialFingerprints | tojson] | unique | length' "$T/out/wt.sarif")
[ "$N" -eq 1 ] || fail "FQ001 for one key in two files has $N distinct partialFingerprints, expected 1"
case_ "sarif: severity and level of a live key"
jqt '[.runs[0].results[] | select(.ruleId == "FQ001" and .locations[0].physicalLocation.artifactLocation.uri == "src/app.js")] | length == 1 and (.[0].level == "error") and (.[0].properties.severity == "critical")' "$T/out/wt.sarif"
jqt '[.runs[0].results[] | select(.ruleId == "FQ001" and (.locations[0].physicalLocation.artifactLocation.uri | startswith("docs/my")))] | length == 1 and (.[0].level == "warning") and (.[0].properties.severity == "medium")' "$T/out/wt.sarif"

case_ "sarif: --history, --no-suppress and --include-placeholders to files"
fq hist scan --history --format sarif --output "$T/out/hist.sarif" "$R"
expect_rc 1
check_sarif "$T/out/hist.sarif"
jqt '[.runs[0].results[] | select(.ruleId == "FQ002")] | length == 1' "$T/out/hist.sarif" "one FQ002 for the deleted key"
fq all scan --no-suppress --include-placeholders --format json --report sarif="$T/out/all.sarif" "$R"
expect_rc 1
check_sarif "$T/out/all.sarif"
jqt '[.runs[0].results[] | select(.properties.severity == "info")] | length >= 1 and all(.level == "note" or .level == "none")' "$T/out/all.sarif" "a placeholder is info, level note"
jqt '[.runs[0].results[] | select((.suppressions // []) | length > 0)] | length >= 1' "$T/out/all.sarif" "a suppressed finding shown by --no-suppress carries SARIF suppressions"
case_ "sarif: a clean scan is still a valid log"
C=$T/clean
newrepo "$C"
printf 'print("hi")\n' >"$C/a.py"
commit "$C" "clean"
fq clean scan --format sarif --output "$T/out/clean.sarif" "$C"
expect_rc 0
jqt '.version == "2.1.0" and (.runs[0].results == [])' "$T/out/clean.sarif"

case_ "sarif: a path and a snippet that are not valid UTF-8 (SPEC §8)"
U=$T/latin
newrepo "$U"
printf 'caf\xe9 = "%s" # \xff\xfe\n' "$K1" >"$U/$(printf 'caf\xe9.py')"
commit "$U" "latin-1"
fq latin scan --format sarif --output "$T/out/latin.sarif" "$U"
expect_rc 1
jq -e . "$T/out/latin.sarif" >/dev/null 2>&1 || fail "SARIF is not valid JSON when a path is not UTF-8"
check_sarif "$T/out/latin.sarif"

case_ "sarif: the Microsoft validator accepts every log"
validate "$T/out/wt.sarif" "$T/out/hist.sarif" "$T/out/all.sarif" "$T/out/clean.sarif" "$T/out/latin.sarif"

no_key_in "$T"/out/*.sarif

finish
