#!/usr/bin/env bash
# review and merge (SPEC §1, §7): 21 repositories built here - keys at HEAD,
# a key only in the history, payloads logged, clean ones, a bare mirror, a
# relative path - listed by local path and by file:// URL with names and
# comments, plus two that cannot be fetched (a missing path; a URL carrying
# a key as its password).  Checks each row, the HTML, Markdown and text
# reports, what a second review says changed after one new commit in two
# repositories, that three shards merged are the single review, the shard
# partition, SARIF per repository, usage errors, and that no key is shown.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767182400   # the review time of every run: merge == review
R=$T/repos
mkdir -p "$R" "$T/list"

# mkjs DIR: a JS file that logs the payload it protects (FQ020, high: C04 FAIL).
mkjs() {
	mkdir -p "$1/src"
	cat >"$1/src/transfer.js" <<'EOF'
const { fourq } = require('./client');
const logger = require('./logger');

async function send(payload) {
  const protectedPayload = await fourq.protect(payload, 'BANK-TRANSFER-PROD-001');
  logger.info({ payload });
  return protectedPayload;
}

module.exports = { send };
EOF
}
# clean DIR: a repository with nothing against C01.
clean() {
	newrepo "$1"
	printf '# %s\n\nReads FOURQ_API_KEY from the environment.\n' "$(basename "$1")" >"$1/README.md"
	commit "$1" "init"
}

KEYED=(key-api key-web key-batch key-ops)
for i in "${!KEYED[@]}"; do
	d=$R/${KEYED[$i]}
	newrepo "$d"
	mkkey k live "review-key-$i"
	mkdir -p "$d/config"
	printf "module.exports = { apiKey: '%s' };\n" "$k" >"$d/config/client.js"
	commit "$d" "add client"
done
# a key only in the history: FQ002
newrepo "$R/history-only"
mkkey HK live review-history
printf 'FOURQ_KEY=%s\n' "$HK" >"$R/history-only/settings.txt"
commit "$R/history-only" "oops"
rm "$R/history-only/settings.txt"
echo "moved to the vault" >"$R/history-only/README.md"
commit "$R/history-only" "remove the key"
for n in code-a code-b; do
	newrepo "$R/$n"
	mkjs "$R/$n"
	commit "$R/$n" "transfer"
done
CLEAN=()
for i in $(seq 1 11); do
	clean "$R/clean-$i"
	CLEAN+=("clean-$i")
done
# a repository with a blob missing from its objects (and its working tree):
# reviewed, but incomplete; one whose .fourq-scan.yml is invalid
clean "$R/damaged"
echo "notes" >"$R/damaged/notes.txt"
commit "$R/damaged" "notes"
obj=$(g -C "$R/damaged" rev-parse HEAD:notes.txt)
rm -f "$R/damaged/.git/objects/${obj:0:2}/${obj:2}" "$R/damaged/notes.txt"
clean "$R/bad-config"
echo "no_such_setting: 1" >"$R/bad-config/.fourq-scan.yml"
commit "$R/bad-config" "config"
# a bare mirror given by path, and a working tree named by a relative path
g clone -q --bare "$R/clean-1" "$R/mirror.git"
clean "$T/list/relative-repo"

mkkey CK live review-credential
cat >"$T/list/repos.txt" <<EOF
# the organisation's repositories
# local paths
$R/key-api
$R/key-web            web        # a name of our own
$R/code-b
$R/mirror.git                    # a bare mirror: named "mirror"
relative-repo                    # relative to this file's folder
$R/damaged
$R/bad-config

# file:// URLs
file://$R/key-batch   key-batch
file://$R/key-ops
file://$R/history-only  history-only
file://$R/code-a      code-a
EOF
for c in "${CLEAN[@]}"; do
	printf 'file://%s/%s %s\n' "$R" "$c" "$c" >>"$T/list/repos.txt"
done
cat >>"$T/list/repos.txt" <<EOF
file://$R/does-not-exist.git   unreachable
file://user:$CK@/nowhere/secret.git   with-credentials
EOF
NAMES=(key-api web key-batch key-ops history-only code-a code-b mirror relative-repo damaged bad-config "${CLEAN[@]}" unreachable with-credentials)
NREPOS=${#NAMES[@]}
LIST=$T/list/repos.txt
row() { printf '.repositories[] | select(.name == "%s")' "$1"; }

# ------------------------------------------------------------- first review
case_ "first review"
fq review1 review --repos "$LIST" --cache "$T/cache" --jobs 2 --format json \
	--report html="$T/out/review.html" --report markdown="$T/out/review.md" --report text="$T/out/review.txt" \
	--report sarif="$T/out/sarif/"
expect_rc 3
cp "$OUT" "$T/out/first.json"
jqt '.tool.name == "fourq-scan" and .kind == "review" and .shard == null'
jqt "(.repositories | length) == $NREPOS"
jqt '[.repositories[].name] == ([.repositories[].name] | sort)' "$OUT" "rows sorted by name"
for n in "${NAMES[@]}"; do
	jqt "[$(row "$n")] | length == 1" "$OUT" "row $n"
done
grep -q 'repositories could not be reviewed' "$ERR" || fail "no word on stderr of the incomplete rows"
[ -z "$(grep -F '[1/' "$ERR" || true)" ] || fail "progress lines on stderr that is not a terminal"
# the unreachable ones: incomplete, with a reason, nothing else
for n in unreachable with-credentials; do
	jqt "$(row $n) | .complete == false and (.error | type == \"string\" and length > 0) and .head == null and .checklist == [] and .findings == [] and (.counts | add) == 0"
done
jqt "$(row unreachable) | .error | test(\"does-not-exist\")"
jqt "$(row with-credentials) | (.source | test(\"user:\\\\*\\\\*\\\\*@\")) and (.error | contains(\"$(keybody "$CK")\") | not)" \
	"$OUT" "the password of a URL is never shown"
# a missing object: scanned as far as it goes, incomplete, with the reason
jqt "$(row damaged) | .complete == false and (.error | test(\"missing or corrupt blob\")) and (.checklist | length) == 10 and (.head | length) == 40"
jqt "$(row damaged) | .changes == {\"new\": [], \"fixed\": [], \"open\": []}" "$OUT" "an incomplete row says nothing of changes"
jqt "$(row bad-config) | .complete == false and (.error | test(\"configuration error: .fourq-scan.yml.*no_such_setting\"))"
jqt ".totals.repositories == $NREPOS and .totals.complete == $((NREPOS - 4))"
# every other row complete, with its HEAD and ten checklist items
jqt '.totals.complete as $n | [.repositories[] | select(.complete) | select(.error == null and (.head | test("^[0-9a-f]{40}$")) and ([.checklist[].id] == ["C01","C02","C03","C04","C05","C06","C07","C08","C09","C10"]))] | length == $n'
for n in key-api web key-batch key-ops; do
	jqt "$(row $n) | (.checklist[] | select(.id == \"C01\") | .status) == \"FAIL\" and .counts.critical == 1 and ([.findings[] | select(.rule_id == \"FQ001\")] | length) == 1" "$OUT" "keyed $n"
done
jqt "$(row history-only) | (.checklist[] | select(.id == \"C01\").status) == \"FAIL\" and ([.findings[].rule_id] | index(\"FQ002\")) != null and ([.findings[].rule_id] | index(\"FQ001\")) == null" \
	"$OUT" "a key only in the history is FQ002"
for n in code-a code-b; do
	jqt "$(row $n) | (.checklist[] | select(.id == \"C04\").status) == \"FAIL\" and ([.findings[] | select(.rule_id == \"FQ020\")] | length) == 1 and .counts.high == 1" "$OUT" "code $n"
done
for n in "${CLEAN[@]}" mirror relative-repo; do
	jqt "$(row "$n") | (.checklist[] | select(.id == \"C01\").status) == \"PASS\" and .counts.critical == 0 and .counts.high == 0" "$OUT" "clean $n"
done
jqt "$(row mirror) | .head == \"$(g -C "$R/clean-1" rev-parse HEAD)\"" "$OUT" "a bare mirror's HEAD"
# counts are the findings by severity; totals the sum of the rows
jqt '[.repositories[] | .counts == (reduce .findings[] as $f ({"critical":0,"high":0,"medium":0,"low":0,"info":0}; .[$f.severity] += 1))] | all'
jqt '.totals.findings == (reduce .repositories[].counts as $c ({"critical":0,"high":0,"medium":0,"low":0,"info":0}; with_entries(.value += $c[.key])))'
jqt '.totals.ready == ([.repositories[] | select(.complete and ([.checklist[].status] | (index("FAIL") == null and index("UNVERIFIED") == null)))] | length)'
# the first review: everything is new
jqt '[.repositories[] | select(.complete) | .changes.fixed == [] and .changes.open == [] and .changes.new == ([.findings[].fingerprint] | unique)] | all'
jqt '.stats | (.elapsed_ms | type == "number") and .time == "2025-12-31T12:00:00Z"'
# findings as in a scan report
jqt "$(row key-api) | .findings[] | select(.rule_id == \"FQ001\") | .path == \"config/client.js\" and .line == 1 and (.fingerprint | length == 64) and .checklist == \"C01\" and .suppressed == false"

case_ "the reports for people"
for n in "${NAMES[@]}"; do
	grep -q "id=\"repo-$n\"" "$T/out/review.html" || fail "HTML: no details section for $n"
	grep -q "href=\"#repo-$n\"" "$T/out/review.html" || fail "HTML: no table row for $n"
	grep -qF "| $n " "$T/out/review.md" || fail "Markdown: no row for $n"
	grep -qE "^$n " "$T/out/review.txt" || fail "text: no row for $n"
done
[ "$(grep -c '<td class="cell st-fail">FAIL</td>' "$T/out/review.html")" -ge 7 ] || fail "HTML: fewer FAIL cells than failing items"
grep -q '<script' "$T/out/review.html" && fail "HTML: a script"
grep -qE '(src|href)="https?:' "$T/out/review.html" && fail "HTML: an external resource"
grep -q 'Content-Security-Policy' "$T/out/review.html" || fail "HTML: no Content-Security-Policy"
[ "$(grep -c '^| ' "$T/out/review.md")" -eq $((NREPOS + 1)) ] || fail "Markdown: not one table row per repository"
# an incomplete row is not compared with the previous review, and says so
for n in damaged unreachable; do
	grep -F "| $n (**incomplete**) " "$T/out/review.md" | grep -qF '| not compared (incomplete) |' ||
		fail "Markdown: the incomplete row $n does not say it was not compared"
	grep -qE "^$n .* - +- *$" "$T/out/review.txt" || grep -qE "^$n +incomplete:" "$T/out/review.txt" ||
		fail "text: the incomplete row $n shows change counts"
done
[ "$(grep -c 'not compared (incomplete)</td>' "$T/out/review.html")" -eq \
	"$(jq '[.repositories[] | select(.complete | not)] | length' "$T/out/first.json")" ] ||
	fail "HTML: the incomplete rows do not say they were not compared"
grep -F "| key-api " "$T/out/review.md" | grep -qE '\| [0-9]+ new, 0 fixed, [0-9]+ open \|$' ||
	fail "Markdown: a complete row lost its changes"
if command -v chromium >/dev/null 2>&1; then
	case_ "the HTML renders in headless Chromium"
	timeout $((60 * FQ_TIME_SCALE)) chromium --headless --no-sandbox --disable-gpu --dump-dom \
		"file://$T/out/review.html" >"$T/out/dom.html" 2>/dev/null || fail "chromium could not render the page"
	for n in "${NAMES[@]}"; do
		grep -q "href=\"#repo-$n\"" "$T/out/dom.html" || fail "rendered DOM: no row for $n"
	done
	[ "$(grep -o '<tr>' "$T/out/dom.html" | wc -l)" -gt "$NREPOS" ] || fail "rendered DOM: rows missing"
else
	echo "SKIP: chromium is not installed (scripts/bootstrap --test): the HTML was not rendered"
fi

case_ "SARIF per repository"
for n in "${NAMES[@]}"; do
	f=$T/out/sarif/$n.sarif
	if [ "$n" = unreachable ] || [ "$n" = with-credentials ] || [ "$n" = bad-config ]; then
		[ ! -e "$f" ] || fail "a SARIF file for $n, which could not be reviewed"
		continue
	fi
	jq -e '.version == "2.1.0" and (.runs | length) == 1' "$f" >/dev/null 2>&1 || fail "$n.sarif is not a valid SARIF log"
done
[ "$(jq '[.runs[0].results[] | select(.ruleId == "FQ001")] | length' "$T/out/sarif/key-api.sarif")" -eq 1 ] ||
	fail "key-api.sarif lacks its FQ001 result"

# --------------------------------------------- a second review, two commits later
case_ "second review"
mkkey NK live review-new-key
printf "export const apiKey = '%s';\n" "$NK" >"$R/clean-3/settings.js"
commit "$R/clean-3" "a key"                       # fetched through its file:// URL
sed -i '/logger.info/d' "$R/code-b/src/transfer.js"
commit "$R/code-b" "stop logging the payload"     # read in place (a local path)
fq review2 review --repos "$LIST" --cache "$T/cache" --format json
expect_rc 3
NEWFP=$(jq -r "$(row clean-3) | .findings[] | select(.rule_id == \"FQ001\") | .fingerprint" "$OUT")
OLDFP=$(jq -r "$(row code-b) | .findings[] | select(.rule_id == \"FQ020\") | .fingerprint" "$T/out/first.json")
[ -n "$NEWFP" ] && [ -n "$OLDFP" ] || fail "the new key or the old FQ020 is not in the reports"
jqt "$(row clean-3) | .changes.new == [\"$NEWFP\"] and .changes.fixed == [] and (.checklist[] | select(.id == \"C01\").status) == \"FAIL\""
jqt "$(row code-b) | .changes.fixed == [\"$OLDFP\"] and .changes.new == [] and (.checklist[] | select(.id == \"C04\").status) == \"PASS\""
jqt "[.repositories[] | select(.complete and .name != \"clean-3\" and .name != \"code-b\") | .changes.new == [] and .changes.fixed == [] and .changes.open == ([.findings[].fingerprint] | unique)] | all" \
	"$OUT" "nothing new or fixed elsewhere"
jqt "$(row clean-3) | .head == \"$(g -C "$R/clean-3" rev-parse HEAD)\"" "$OUT" "the mirror was fetched"
jqt '[.repositories[] | select(.complete | not) | .changes == {"new": [], "fixed": [], "open": []}] | all'
# a third review, nothing changed: everything open
fq review3 review --repos "$LIST" --cache "$T/cache" --format json -q --output "$T/out/review3.json"
OUT=$T/out/review3.json
jqt '[.repositories[] | select(.complete) | .changes.new == [] and .changes.fixed == []] | all'
jqt "$(row code-b) | .changes.fixed == []" "$OUT" "fixed is against the previous review, not the first"

# -------------------------------------------------------------- shards
case_ "shards and merge"
fq whole review --repos "$LIST" --no-cache --format json --output "$T/out/whole.json"
expect_rc 3
[ ! -s "$OUT" ] || fail "--output FILE, yet something on stdout"
for k in 1 2 3; do
	fq "shard$k" review --repos "$LIST" --no-cache --shard "$k/3" --format json --output "$T/out/shard$k.json"
	jqt ".shard == {\"index\": $k, \"count\": 3}" "$T/out/shard$k.json"
done
jq -s '[.[].repositories[].name] | sort' "$T/out/shard1.json" "$T/out/shard2.json" "$T/out/shard3.json" >"$T/out/names.shards"
jq '[.repositories[].name] | sort' "$T/out/whole.json" >"$T/out/names.whole"
cmp -s "$T/out/names.shards" "$T/out/names.whole" || fail "the shards do not partition the list (each repository in exactly one)"
for k in 1 2 3; do
	[ "$(jq '.repositories | length' "$T/out/shard$k.json")" -lt "$NREPOS" ] || fail "shard $k has every repository"
done
# shard K holds the names whose SHA-256, a big-endian number, is K-1 modulo 3
for n in "${NAMES[@]}"; do
	k=$(python3 -c 'import hashlib, sys; print(int(hashlib.sha256(sys.argv[1].encode()).hexdigest(), 16) % 3 + 1)' "$n")
	jq -e --arg n "$n" 'any(.repositories[]; .name == $n)' "$T/out/shard$k.json" >/dev/null || fail "$n is not in shard $k/3"
done
fq merge merge "$T/out/shard2.json" "$T/out/shard3.json" "$T/out/shard1.json" --format json --output "$T/out/merged.json" \
	--report html="$T/out/merged.html" --report markdown="$T/out/merged.md"
expect_rc 3
jq -S 'del(.stats.elapsed_ms)' "$T/out/merged.json" >"$T/out/merged.cmp"
jq -S 'del(.stats.elapsed_ms)' "$T/out/whole.json" >"$T/out/whole.cmp"
if ! diff -u "$T/out/whole.cmp" "$T/out/merged.cmp" >"$T/out/merge.diff"; then
	fail "merge of the three shards differs from the single review:"
	head -40 "$T/out/merge.diff" | scrubbed >&2
fi
jqt '.shard == null' "$T/out/merged.json"
for n in "${NAMES[@]}"; do
	grep -q "id=\"repo-$n\"" "$T/out/merged.html" || fail "merged HTML: no row for $n"
done
# a missing shard: the organisation report says so (exit 3)
fq merge2 merge "$T/out/shard1.json" "$T/out/shard2.json" --format json
expect_rc 3
grep -q 'shard reports missing: 3/3' "$ERR" || fail "no word of the missing shard"
# the same shard twice, or a report that is not a review's
fq merge3 merge "$T/out/shard1.json" "$T/out/shard1.json"
expect_rc 2
fq scanrep scan "$R/clean-2" --format json --output "$T/out/scan.json"
fq merge4 merge "$T/out/shard1.json" "$T/out/scan.json"
expect_rc 2
grep -q 'scan.json is not a report of fourq-scan review' "$ERR" || fail "merge does not name the file that is not a review report"
fq merge5 merge
expect_rc 2
echo '{"kind": "review", "repositories": [' >"$T/out/broken.json"
fq merge6 merge "$T/out/broken.json"
expect_rc 2
# the exit code follows --fail-on: without the incomplete rows, findings decide
jq 'del(.shard) | .repositories |= map(select(.complete)) | .shard = null' "$T/out/whole.json" >"$T/out/complete.json"
fq merge7 merge "$T/out/complete.json" --format text
expect_rc 1
grep -q '^key-api ' "$OUT" || fail "merge --format text has no key-api row"
fq merge8 merge "$T/out/complete.json" --fail-on none -q
expect_rc 0
[ ! -s "$OUT" ] || fail "-q without --output printed the report"

# ----------------------------------------------------------- usage errors
case_ "usage errors"
for bad in 0/3 4/3 1/0 3 a/b 1/3/2 -1/3 ""; do
	fq badshard review --repos "$LIST" --no-cache --shard "$bad"
	expect_rc 2
done
fq norepos review --no-cache
expect_rc 2
fq missing review --repos "$T/list/nope.txt" --no-cache
expect_rc 2
printf '%s/key-api\n%s/clean-1 key-api\n' "$R" "$R" >"$T/list/dup.txt"
fq dup review --repos "$T/list/dup.txt" --no-cache
expect_rc 2
grep -q 'dup.txt:2: duplicate name' "$ERR" || fail "a duplicate name is not named with its line"
printf 'ftp://example.invalid/x.git\n' >"$T/list/scheme.txt"
fq scheme review --repos "$T/list/scheme.txt" --no-cache
expect_rc 2
fq sarifformat review --repos "$LIST" --no-cache --format sarif
expect_rc 2
fq sariffile review --repos "$LIST" --no-cache --report sarif="$T/out/one.sarif"
expect_rc 2

# ------------------------------------------------------ progress on a terminal
if command -v script >/dev/null 2>&1; then
	case_ "progress lines on a terminal"
	printf 'file://%s/key-api key-api\n%s/clean-2\n' "$R" "$R" >"$T/list/two.txt"
	script -qec "'$FQ_BIN' review --repos '$T/list/two.txt' --no-cache --format json --output '$T/out/two.json'" \
		/dev/null >"$T/out/tty.txt" 2>&1 </dev/null || true
	grep -qE '^\[[12]/2\] key-api \.\.\. 1 critical' "$T/out/tty.txt" || fail "no progress line for key-api on a terminal"
	grep -qE '^\[[12]/2\] clean-2 \.\.\. ' "$T/out/tty.txt" || fail "no progress line for clean-2 on a terminal"
fi

case_ "no key anywhere"
no_key_in "$T"/out/*.out "$T"/out/*.err "$T"/out/*.json "$T"/out/*.html "$T"/out/*.md "$T"/out/*.txt "$T"/out/sarif/*.sarif
finish
