#!/usr/bin/env bash
# Redaction (SPEC §2): no output of any kind -- report in any format, stdout,
# stderr, error message, file written with --output/--report -- ever holds a
# whole key.  Every run is checked; all leaks are listed before failing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KL live red-code-live
mkkey KT test red-code-test
mkkey KA admin red-code-admin
mkkey KE live red-dotenv
mkkey KY live red-yaml
mkkey KF live red-filename
mkkey KF2 test red-filename-content
mkkey KS live red-suppressed
mkkey KH live red-history
mkkey KLONG live red-long 48
mkkey KQ test red-url
mkkey KBIG live red-bigname
mkkey KBIN admin red-binname
mkkey KSTG live red-staged
mkkey KARG live red-args
mkkey KDIR live red-dirname

LEAKS=()
CHECKED=()
# check NAME FILE...: the files are checked for whole keys at the end (one grep
# for all of them); a missing file is reported now.
check() {
	local name=$1 f
	shift
	for f in "$@"; do
		if [ -f "$f" ]; then
			CHECKED+=("$f")
		else
			LEAKS+=("$name: expected output file $(basename "$f") was not written")
		fi
	done
}
# run NAME WANT_RC ARGS...: runs the binary and checks stdout and stderr.
run() {
	local name=$1 want=$2
	shift 2
	fq "$name" "$@"
	case " $want " in
	*" $FQ_RC "*) ;;
	*) LEAKS+=("$name: exit code $FQ_RC, expected one of: $want") ;;
	esac
	check "$name" "$OUT" "$ERR"
}

R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/config" "$R/docs"
printf 'import os\n' >"$R/README.md"
printf 'const history = "%s";\n' "$KH" >"$R/src/old.js"
commit "$R" "old key"
rm "$R/src/old.js"
printf 'const live = "%s", test = "%s";\nconst admin = new Admin("%s");\n' "$KL" "$KT" "$KA" >"$R/src/client.js"
printf 'const longKey = "%s"; // trailing\n' "$KLONG" >>"$R/src/client.js"
printf 'FOURQ_API_KEY=%s\n' "$KE" >"$R/.env.staging"
printf 'fourq:\n  api_key: "%s"\n  url: "https://api.4quays.example/v1?key=%s&x=1"\n' "$KY" "$KQ" >"$R/config/app.yaml"
printf 'token: %s\n' "$KF2" >"$R/$KF.txt"
printf '// fourq-scan:ignore FQ001\nconst k = "%s";\n' "$KS" >"$R/docs/suppressed.js"
printf 'debug: "%s"\n' "$KL" >"$R/docs/$KBIG.yaml"
head -c 3000 /dev/zero | tr '\0' '#' >>"$R/docs/$KBIG.yaml"
{ printf 'BIN\0\0\1\2'; printf '%s' "$KBIN"; } >"$R/docs/$KBIN.bin"
commit "$R" "many keys"
# a key in the index only
printf 'k = "%s"\n' "$KSTG" >"$R/staged.py"
g -C "$R" add staged.py
rm "$R/staged.py"

case_ "the fixture yields findings for every kind of key"
fq base scan --format json --no-suppress "$R"
for k in "$KL" "$KT" "$KA" "$KE" "$KY" "$KF2" "$KS" "$KLONG" "$KQ"; do
	jqt "[.findings[] | select(.snippet // \"\" | contains(\"$(redacted "$k")\"))] | length >= 1" "$OUT" \
		"key ${k%_*}_… shown by its redacted form in a JSON snippet"
done
case_ "the redacted form is sk_live_XXXX…(N chars, sha256:hhhhhhhh)"
jqt '[.findings[] | select(.rule_id == "FQ001") | .snippet | test("sk_(live|test|admin)_[A-Za-z0-9]{4}…\\([0-9]+ chars, sha256:[0-9a-f]{8}\\)")] | all' "$OUT"
jqt "[.findings[] | select(.snippet // \"\" | contains(\"$(redacted "$KLONG")\"))] | length >= 1" "$OUT" \
	"a 48-character key body shows its full length"

FORMATS="text json sarif junit"
case_ "every format on stdout"
for f in $FORMATS; do
	run "stdout-$f" 1 scan --format "$f" "$R"
done
case_ "every format with --output"
for f in $FORMATS; do
	run "output-$f" 1 scan --format "$f" --output "$T/out/file.$f" "$R"
	check "output-$f" "$T/out/file.$f"
done
case_ "every format with --report"
run report 1 scan --format text --no-color \
	--report json="$T/out/rep.json" --report sarif="$T/out/rep.sarif" \
	--report junit="$T/out/rep.xml" --report text="$T/out/rep.txt" "$R"
check report "$T/out/rep.json" "$T/out/rep.sarif" "$T/out/rep.xml" "$T/out/rep.txt"

case_ "markdown and html reports (SPEC §1 OUTPUT)"
for f in markdown html; do
	run "stdout-$f" 1 scan --format "$f" "$R"
	run "output-$f" 1 scan --format "$f" --output "$T/out/file.$f" "$R"
	check "output-$f" "$T/out/file.$f"
	run "report-$f" 1 scan --history --no-suppress --format json --report "$f=$T/out/rep.$f" "$R"
	check "report-$f" "$T/out/rep.$f"
done

case_ "baseline files and scans against them"
run baseline "0 1" baseline "$R" --output "$T/out/baseline.json"
check baseline "$T/out/baseline.json"
run baseline-hist "0 1" baseline "$R" --history --output "$T/out/baseline-hist.json"
check baseline-hist "$T/out/baseline-hist.json"
run with-baseline "0 1" scan --baseline "$T/out/baseline.json" --no-suppress --format json "$R"

case_ "audit reports"
run audit "0 1 3" audit "$R" --format text --report json="$T/out/audit.json"
check audit "$T/out/audit.json"
run audit-md "0 1 3" audit "$R" --format markdown --report html="$T/out/audit.html"
check audit-md "$T/out/audit.html"

case_ "a configuration file with a key pasted into it"
mkdir -p "$T/cfg"
printf 'api_key: %s\nprobes:\n  api_base: "http://%s.example"\n' "$KARG" "$KARG" >"$T/cfg/bad.yml"
printf 'environments:\n  "%s/**": production\nignore_paths: ["%s["]\n' "$KARG" "$KARG" >"$T/cfg/bad2.yml"
run cfg-unknown 2 scan --config "$T/cfg/bad.yml" "$R"
run cfg-glob 2 scan --config "$T/cfg/bad2.yml" "$R"

case_ "--history in every format"
run history 1 scan --history --format text --report json="$T/out/hist.json" \
	--report sarif="$T/out/hist.sarif" --report junit="$T/out/hist.xml" "$R"
check history "$T/out/hist.json" "$T/out/hist.sarif" "$T/out/hist.xml"
run history-json 1 scan --history --format json "$R"
jqt "[.findings[] | select(.rule_id == \"FQ002\" and (.snippet // \"\" | contains(\"$(redacted "$KH")\")))] | length == 1" \
	"$OUT" "FQ002 snippet redacted"

case_ "--no-suppress, --include-placeholders, --staged, --since, --rev"
run nosup 1 scan --no-suppress --include-placeholders --format text --report json="$T/out/nosup.json" \
	--report sarif="$T/out/nosup.sarif" --report junit="$T/out/nosup.xml" "$R"
check nosup "$T/out/nosup.json" "$T/out/nosup.sarif" "$T/out/nosup.xml"
run staged 1 scan --staged --format json "$R"
run staged-text 1 scan --staged --format text "$R"
run since 1 scan --since HEAD~1 --format json "$R"
run rev 1 scan --rev HEAD --format sarif "$R"
run quiet 1 scan -q "$R"

case_ "skip notes: binary and over-size files named after keys"
run notes 1 scan --max-file-size 1000 --format text --report json="$T/out/notes.json" \
	--report sarif="$T/out/notes.sarif" --report junit="$T/out/notes.xml" "$R"
check notes "$T/out/notes.json" "$T/out/notes.sarif" "$T/out/notes.xml"
jqt '[.errors[] | select(.path | contains("'"$(redacted "$KBIG")"'"))] | length == 1' "$T/out/notes.json" \
	"the note for the over-size file names it by its redacted path"

case_ "error paths that echo their argument"
run err-rev "2 3" scan --rev "$KARG" "$R"
run err-rev-range "2 3" scan --rev "HEAD:$KARG" "$R"
run err-since "2 3" scan --since "$KARG" "$R"
run err-path 2 scan "$T/$KARG"
run err-apikey 2 scan --api-key "$KARG" "$R"
run err-apikey-eq 2 scan "--api-key=$KARG" "$R"
run err-flag 2 scan "--$KARG" "$R"
run err-flag-eq 2 scan "--token=$KARG" "$R"
run err-format 2 scan --format "$KARG" "$R"
run err-report 2 scan --report "$KARG" "$R"
run err-report-fmt 2 scan --report "$KARG=$T/out/x" "$R"
run err-fail-on 2 scan --fail-on "$KARG" "$R"
run err-config 2 scan --config "$T/$KARG.yml" "$R"
run err-output "2 3" scan --format json --output "$T/nodir/$KARG/out.json" "$R"
run err-extra 2 scan "$R" "$KARG"
run err-explain 2 explain "$KARG"
run err-command 2 "$KARG"
run err-rules 2 rules --format "$KARG"

case_ "a repository whose directory name holds a key"
D=$T/$KDIR
g clone -q "$R" "$D" >/dev/null 2>&1 || die "setup: cannot clone into a directory named after a key"
run dirname 1 scan --format text --report json="$T/out/dir.json" \
	--report sarif="$T/out/dir.sarif" --report junit="$T/out/dir.xml" "$D"
check dirname "$T/out/dir.json" "$T/out/dir.sarif" "$T/out/dir.xml"

case_ "no whole key in any output"
PAT=$(keypatterns)
while read -r f; do
	while read -r l; do
		[ -n "$l" ] && LEAKS+=("$(basename "${f%.*}"): key $l appears whole in $(basename "$f")")
	done < <(leaked "$f")
done < <(grep -lF -f "$PAT" -- "${CHECKED[@]}" || true)

if [ "${#LEAKS[@]}" -gt 0 ]; then
	case_ "summary"
	FQ_LAST=""
	printf '  %s\n' "${LEAKS[@]}" >&2
	fail "${#LEAKS[@]} redaction or exit-code failure(s), listed above"
fi
finish
