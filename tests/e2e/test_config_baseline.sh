#!/usr/bin/env bash
# The config file (strict: file, line and key in every error) and baselines
# (fingerprints only; line shifts and unrelated edits keep findings hidden,
# a new key is not hidden).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

R=$T/repo
newrepo "$R"
mkkey K1 live cfg-one
mkkey K2 live cfg-two
mkkey K3 test cfg-three
mkdir -p "$R/src" "$R/ops/main" "$R/vendor"
printf 'const a = "%s";\n' "$K1" >"$R/src/a.js"
printf 'KEY=%s\n' "$K3" >"$R/ops/main/app.cfg"
printf 'x = "%s"\n' "$K2" >"$R/vendor/lib.js"
commit "$R" "start"

case_ "no config: defaults"
fq plain scan "$R" --format json
expect_rc 1
expect_n 3 '.rule_id == "FQ001"'
expect_n 0 '.rule_id == "FQ004"'

case_ "environments globs decide the context; ignore_paths skip files; rules change severity"
cat >"$R/.fourq-scan.yml" <<'YAML'
environments:
  "ops/main/**": production
ignore_paths: ["vendor/**"]
rules:
  FQ001: { severity: low }
  FQ004: { enabled: true }
YAML
fq cfg scan "$R" --format json
expect_n 2 '.rule_id == "FQ001"'
expect_n 0 '.path == "vendor/lib.js"'
expect_n 1 '.rule_id == "FQ004" and .path == "ops/main/app.cfg"'
expect_n 2 '.rule_id == "FQ001" and .severity == "low"'

case_ "a disabled rule leaves no finding"
printf 'rules:\n  FQ001: { enabled: false }\n' >"$T/off.yml"
fq off scan "$R" --config "$T/off.yml" --format json
expect_rc 0
expect_n 0 '.rule_id == "FQ001"'
jqt '.findings | length == 0'

badcfg() { # NAME CONTENT EXPECTED-REGEX
	printf '%s\n' "$2" >"$T/$1.yml"
	case_ "bad config: $1"
	fq "bad-$1" scan "$R" --config "$T/$1.yml"
	expect_rc 2
	grep -qE "$3" "$ERR" || fail "message should match '$3'"
}
badcfg unknown-key $'environments: {}\nignore_path: []' "unknown-key.yml:2: key 'ignore_path'"
badcfg misspelt-rule $'rules:\n  FQ999: { enabled: false }' "misspelt-rule.yml:2: key 'FQ999'"
badcfg wrong-type $'ignore_paths: vendor' "wrong-type.yml:1: key 'ignore_paths': expected a list"
badcfg bad-glob $'ignore_paths: ["src/[abc"]' "bad-glob.yml:1: key 'ignore_paths': invalid glob"
badcfg bad-env $'environments:\n  "a/**": prodution' "bad-env.yml:2: .*unknown environment"
badcfg bad-yaml $'rules: [\n  - a' "bad-yaml.yml:[0-9]+: invalid YAML"
badcfg bad-severity $'rules:\n  FQ001: { severity: urgent }' "bad-severity.yml:2: key 'severity'"
badcfg bad-attest $'attestations:\n  C08: { by: me, on: yesterday }' "bad-attest.yml:2: key 'on'"
badcfg bad-bool $'rules:\n  FQ001: { enabled: maybe }' "bad-bool.yml:2: key 'enabled'"
case_ "missing config file"
fq nocfg scan "$R" --config "$T/nope.yml"
expect_rc 2
grep -q "nope.yml" "$ERR" || fail "message should name the file"
case_ "an invalid .fourq-scan.yml at the root is an error too"
printf 'bogus: 1\n' >"$R/.fourq-scan.yml"
fq rootbad scan "$R"
expect_rc 2
rm "$R/.fourq-scan.yml"

case_ "baseline round trip: shifted lines and unrelated edits stay hidden, a new key shows"
fq base baseline "$R" --output "$T/base.json"
expect_rc 0
no_key_in "$T/base.json"
jqt '.format == "fourq-scan-baseline/1" and (.entries | length) == 3' "$T/base.json"
# a line above every finding, an unrelated edit, and a new key
for f in src/a.js ops/main/app.cfg vendor/lib.js; do
	{ echo "// a new first line"; cat "$R/$f"; } >"$R/$f.tmp" && mv "$R/$f.tmp" "$R/$f"
done
echo 'console.log("unrelated");' >>"$R/src/a.js"
mkkey K4 live cfg-four
printf 'const b = "%s";\n' "$K4" >>"$R/src/a.js"
fq after scan "$R" --baseline "$T/base.json" --format json
expect_rc 1
expect_n 1 '.suppressed == false'
jqt '[.findings[] | select(.suppressed == false)][0] | .path == "src/a.js" and .line == 4'
jqt '.stats.suppressed == 3'
fq after-all scan "$R" --baseline "$T/base.json" --no-suppress --format json
expect_n 3 '.suppressed == true and .suppression == "baseline"'

case_ "a different key on the same line is not hidden"
mkkey K5 live cfg-five
sed -i "s/$K1/$K5/" "$R/src/a.js"
fq swapped scan "$R" --baseline "$T/base.json" --format json
expect_n 1 '.path == "src/a.js" and .line == 2 and .suppressed == false'

case_ "--report-unused-baseline lists entries that match nothing any more"
fq unused scan "$R" --baseline "$T/base.json" --report-unused-baseline --format json
jqt '[.errors[] | select(.message | test("unused baseline entry FQ001"))] | length == 1'

case_ "truncated and foreign baselines: exit 2 naming the file"
head -c 40 "$T/base.json" >"$T/trunc.json"
fq trunc scan "$R" --baseline "$T/trunc.json"
expect_rc 2
grep -q "trunc.json" "$ERR" || fail "message should name the file"
echo '{"version":"2.1.0","runs":[]}' >"$T/foreign.json"
fq foreign scan "$R" --baseline "$T/foreign.json"
expect_rc 2
grep -q "not a fourq-scan baseline" "$ERR" || fail "message should say it is not a baseline"
echo '{"format":"fourq-scan-baseline/1","entries":[{"fingerprint":"zz","rule_id":"FQ001"}]}' >"$T/badentry.json"
fq badentry scan "$R" --baseline "$T/badentry.json"
expect_rc 2
fq nobase scan "$R" --baseline "$T/missing.json"
expect_rc 2
fq baseout baseline "$R"
expect_rc 2

all=$T/all-output
cat "$T"/out/* >"$all"
no_key_in "$all"
finish
