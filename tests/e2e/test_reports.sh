#!/usr/bin/env bash
# The audit report for people (SPEC §5) as HTML and Markdown, and JUnit XML,
# on a repository with findings of several rules, attestations (one current,
# one stale), a live TLS probe and hostile file names: <script>, quotes, |,
# backticks, a backslash before a pipe, Markdown specials, a newline, ANSI
# escapes and bytes that are not UTF-8.
#
# HTML: rendered by headless Chromium (every item C01..C10 with its status
# text, no element, attribute or script injected by a file name or a
# config note), well-formed (xmllint, XML and HTML parsers), self-contained
# (nothing to load), deterministic; a screenshot is taken (kept with
# FQ_KEEP=1, or copied to $FQ_SCREENSHOT when set).  Markdown: every item
# line, tables whose rows keep their column count.  JUnit: well-formed and
# valid against tests/e2e/reports_junit.xsd, counts that add up.  No output
# holds a whole key.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pki.sh"
# pki.sh's exit trap removes $T: keep it when asked, as lib.sh does
[ -z "${FQ_KEEP:-}" ] || trap 'for p in "${FQ_PIDS[@]}"; do kill "$p" 2>/dev/null; done' EXIT

CHROMIUM=${FQ_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] ||
	die "Chromium is needed to check the HTML report and was not found: run scripts/bootstrap --test"
command -v xmllint >/dev/null 2>&1 ||
	die "xmllint is needed to check the HTML and JUnit reports: run scripts/bootstrap --test"
XSD="$(dirname "$0")/reports_junit.xsd"

ITEMS=(C01 C02 C03 C04 C05 C06 C07 C08 C09 C10)
NOW=1780000000 # 2026-05-28: reports are dated by SOURCE_DATE_EPOCH, not the clock
export SOURCE_DATE_EPOCH=$NOW

# ------------------------------------------------------------ the repository

mkkey K_APP live rep-app
mkkey K_SCRIPT live rep-script
mkkey K_QUOTE test rep-quote
mkkey K_PIPE live rep-pipe
mkkey K_BSPIPE live rep-bspipe
mkkey K_TICK live rep-tick
mkkey K_BYTES live rep-bytes
mkkey K_ANSI live rep-ansi
mkkey K_NL live rep-newline
mkkey K_MD live rep-markdown
mkkey K_SNIP live rep-snippet
mkkey K_PROD live rep-prod

SCRIPT_DIR='<script>alert(1)<'          # with its file: <script>alert(1)</script>.py
QUOTE_NAME="it's \"quoted\" & <b>bold<b>.py"
PIPE_NAME='a|b|c.py'
BSPIPE_NAME='back\|slash.py'
TICK_NAME='tick`s``here.py'
BYTES_NAME=$'bytes\xff\xfe\xc3(.py'
ANSI_NAME=$'ansi\e[31mred\e[0m\a.py'
NL_NAME=$'new\nline.py'
MD_NAME='*star*_under_[link](x)~~$math$#.py'

R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/deploy/prod" "$R/$SCRIPT_DIR"
printf 'const key = "%s";\n' "$K_APP" >"$R/src/config.js"
printf 'k = "%s"\n' "$K_SCRIPT" >"$R/$SCRIPT_DIR/script>.py"
printf 'k = "%s"\n' "$K_QUOTE" >"$R/$QUOTE_NAME"
printf 'k = "%s"\n' "$K_PIPE" >"$R/$PIPE_NAME"
printf 'k = "%s"\n' "$K_BSPIPE" >"$R/$BSPIPE_NAME"
printf 'k = "%s"\n' "$K_TICK" >"$R/$TICK_NAME"
printf 'k = "%s"\n' "$K_BYTES" >"$R/$BYTES_NAME"
printf 'k = "%s"\n' "$K_ANSI" >"$R/$ANSI_NAME"
printf 'k = "%s"\n' "$K_NL" >"$R/$NL_NAME"
printf 'k = "%s"\n' "$K_MD" >"$R/$MD_NAME"
# a snippet with backticks, pipes, a backslash before a pipe, markup and an escape byte
printf 'const k = `%s` || ``; /* a|b \\| ```x``` <i>*y*</i> \033[2J */\n' "$K_SNIP" >"$R/src/tick.js"
printf 'FOURQ_API_KEY=%s\n' "$K_PROD" >"$R/deploy/prod/.env"
cat >"$R/src/transfer.js" <<'JS'
async function transfer(payload) {
  const s = await fourq.protect(payload, 'P-PROD-1'); logger.info(payload);
  return s;
}
JS
cat >"$R/.fourq-scan.yml" <<'YML'
attestations:
  C07: { by: "Security team <sec@example.com>", on: 2026-05-01, note: "IR plan v3 | reviewed *yearly* `ok`" }
  C08: { by: "Ops", on: 2025-01-15, note: "<img src=x onerror=alert(2)> access review", period_days: 90 }
YML
commit "$R" "findings and hostile names"

# a healthy TLS endpoint, so that C10 is verified and the probe facts show
pki_init
pki_cert good localhost "DNS:localhost,IP:127.0.0.1"
serve P_GOOD good
PROBE=(--tls "https://localhost:$P_GOOD" --ca-file "$PKI/ca.pem" --timeout 5)

H=$T/out/audit.html
M=$T/out/audit.md
J=$T/out/scan.xml

case_ "audit: JSON, HTML and Markdown"
fq json audit "$R" "${PROBE[@]}" --format json
expect_rc 1
JSON=$OUT
fq html audit "$R" "${PROBE[@]}" --format html --output "$H"
expect_rc 1
[ -s "$H" ] || fail "no HTML report written"
[ ! -s "$OUT" ] || fail "--output html also wrote to stdout"
fq md audit "$R" "${PROBE[@]}" --format markdown --output "$M"
expect_rc 1
[ -s "$M" ] || fail "no Markdown report written"

case_ "the model the reports show"
jqt '[.checklist[].id] == ["C01","C02","C03","C04","C05","C06","C07","C08","C09","C10"]' "$JSON"
# (statuses are the checklist's business; the reports must show whatever it says)
jqt '[.checklist[] | select(.id == "C01" or .id == "C04") | .status] == ["FAIL","FAIL"]' "$JSON"
jqt '(.checklist[] | select(.id == "C07") | .attestation.stale) == false' "$JSON" "current attestation"
jqt '(.checklist[] | select(.id == "C08") | .attestation.stale) == true' "$JSON" "stale attestation"
jqt '.probes[0].reachable == true' "$JSON" "TLS probe"
jqt '[.findings[].rule_id] | index("FQ020") != null' "$JSON" "payload logged"
jqt '[.findings[].path] | any(contains("<script>alert(1)</script>"))' "$JSON"
declare -A STATUS
for c in "${ITEMS[@]}"; do
	STATUS[$c]=$(jqv ".checklist[] | select(.id == \"$c\") | .status" "$JSON")
done

# ------------------------------------------------------------------- HTML

chrome() {
	local profile
	profile=$(mktemp -d "$T/chrome.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>>"$T/out/chromium.err"
}

# xp FILE XPATH: the string value of an XPath 1.0 expression on an HTML file.
xp() { xmllint --html --xpath "$2" "$1" 2>/dev/null || true; }

case_ "HTML: well-formed and self-contained"
xmllint --noout "$H" 2>"$T/out/xml.err" || { scrubbed <"$T/out/xml.err" >&2; fail "the HTML is not well-formed XML (polyglot markup)"; }
# libxml2's HTML parser predates HTML5: its only complaints may be the HTML5
# element names it does not know
xmllint --html --noout "$H" 2>"$T/out/html.err" || true
grep -E 'parser error' "$T/out/html.err" | grep -qv -E 'Tag (main|section|header|footer|time) invalid' &&
	{ scrubbed <"$T/out/html.err" >&2; fail "the HTML parser reports errors (above)"; }
head -c 15 "$H" | grep -qx '<!DOCTYPE html>' || fail "the HTML does not start with <!DOCTYPE html>"
grep -q '<meta charset="utf-8"/>' "$H" || fail "no charset declaration"
grep -q '@media print' "$H" || fail "no print styles"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$H" || fail "no Content-Security-Policy"
grep -qiE '<(script|link|img|iframe|object|embed|base)\b' "$H" && fail "the HTML holds a raw element that runs or loads something"
grep -qiE '(src|href)="[a-z]+:|url\(|@import' "$H" && fail "the HTML refers to something outside itself"
LC_ALL=C grep -qP '[\x00-\x08\x0B-\x1F\x7F]' "$H" && fail "the HTML holds C0 control characters"
grep -q 'alert(1)' "$H" || fail "the hostile path is missing from the HTML"

case_ "HTML: rendered by Chromium"
DOM=$T/out/dom.html
chrome --dump-dom "file://$H" >"$DOM" || true
if [ ! -s "$DOM" ]; then
	FQ_LAST=""
	scrubbed <"$T/out/chromium.err" >&2
	die "Chromium rendered nothing (above): run scripts/bootstrap --test"
fi
[ "$(xp "$DOM" 'count(//script)')" = 0 ] || fail "the rendered page holds a <script> element"
[ "$(xp "$DOM" 'count(//img | //iframe | //object | //embed)')" = 0 ] || fail "the rendered page holds an injected element"
[ "$(xp "$DOM" 'count(//@*[starts-with(name(), "on")])')" = 0 ] || fail "the rendered page holds an event handler attribute"
[ "$(xp "$DOM" 'count(//code[contains(., "<script>alert(1)</script>.py")])')" -ge 1 ] ||
	fail "the <script> path does not render as text"
[ "$(xp "$DOM" 'count(//p[contains(., "<img src=x onerror=alert(2)>")])')" -ge 1 ] ||
	fail "the attestation note does not render as text"
for c in "${ITEMS[@]}"; do
	got=$(xp "$DOM" "normalize-space(//section[@id='$c']//span[contains(concat(' ', @class, ' '), ' badge ')])")
	[ "$got" = "${STATUS[$c]}" ] || fail "item $c renders status '$got', expected '${STATUS[$c]}'"
	title=$(jqv ".checklist[] | select(.id == \"$c\") | .title" "$JSON")
	[ "$(xp "$DOM" "normalize-space(//section[@id='$c']//h3)")" = "$title" ] || fail "item $c lacks its title '$title'"
	# the overview row too
	[ "$(xp "$DOM" "normalize-space(//table[contains(@class, 'overview')]//tr[td[1] = '$c']/td[3])")" = "${STATUS[$c]}" ] ||
		fail "the summary row of $c does not show ${STATUS[$c]}"
done
n=$(jqv '[.checklist[] | select(.id == "C01") | .findings[]] | length' "$JSON")
[ "$(xp "$DOM" "count(//section[@id='C01']//table//tbody/tr)")" = "$n" ] || fail "C01 should list $n findings"
for s in payload-handling development-practices; do
	[ "$(xp "$DOM" "count(//section[@id='$s']//span[contains(@class, 'badge')])")" = 1 ] || fail "section $s is missing"
done
[ "$(xp "$DOM" 'count(//p[contains(., "Stale since")])')" -ge 1 ] || fail "the stale attestation is not shown"
[ "$(xp "$DOM" "count(//*[contains(., 'https://localhost:$P_GOOD')])")" -ge 1 ] || fail "the TLS probe facts are missing"
[ "$(xp "$DOM" 'normalize-space(//time)')" = "2026-05-28 20:26 UTC" ] || fail "the report is not dated by SOURCE_DATE_EPOCH"

case_ "HTML: screenshot"
PNG=$T/out/audit.png
chrome --screenshot="$PNG" --window-size=1280,2000 --hide-scrollbars "file://$H" >/dev/null || true
if [ ! -s "$PNG" ] || [ "$(head -c 8 "$PNG" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
	FQ_LAST=""
	scrubbed <"$T/out/chromium.err" >&2
	fail "Chromium took no screenshot (above): run scripts/bootstrap --test"
elif [ -n "${FQ_SCREENSHOT:-}" ]; then
	cp "$PNG" "$FQ_SCREENSHOT"
fi

case_ "HTML: the same scan gives the same bytes"
fq html2 audit "$R" "${PROBE[@]}" --format html --jobs 3 --output "$T/out/audit2.html"
# (the probe runs again, on the same server, and finds the same facts)
# same_report A B: equal bytes but for the certificate's days left, which
# the probe counts on the real clock (a run a second after the test's
# certificate was made sees 364 days, not 365)
same_report() { cmp -s <(sed -E 's/[0-9]+ days left/N days left/g' "$1") <(sed -E 's/[0-9]+ days left/N days left/g' "$2"); }
same_report "$H" "$T/out/audit2.html" || fail "two runs give different HTML"

# ----------------------------------------------------------------- Markdown

case_ "Markdown: items and sections"
for c in "${ITEMS[@]}"; do
	title=$(jqv ".checklist[] | select(.id == \"$c\") | .title" "$JSON")
	grep -qxF "### $c · $title — ${STATUS[$c]}" "$M" || fail "no heading line for $c (${STATUS[$c]})"
	counts=$(jqv ".checklist[] | select(.id == \"$c\") | \"\\(.findings | length) | \\(.evidence | length)\"" "$JSON")
	grep -qxF "| $c | $title | **${STATUS[$c]}** | $counts |" "$M" ||
		fail "no summary row for $c"
done
grep -qE '^### Payload handling — ' "$M" || fail "no payload-handling section"
grep -qE '^### Development practices — ' "$M" || fail "no development-practices section"
grep -q '^# Production-readiness audit$' "$M" || fail "no title"
grep -qF -- '- **Date:** 2026-05-28 20:26 UTC' "$M" || fail "the report is not dated by SOURCE_DATE_EPOCH"
grep -qF 'Stale since' "$M" || fail "the stale attestation is not shown"
LC_ALL=C grep -qP '[\x00-\x08\x0B-\x1F\x7F]' "$M" && fail "the Markdown holds C0 control characters"

case_ "Markdown: tables keep their shape with hostile names"
# Cells are split on pipes that are not backslash-escaped; a backslash
# escapes the next character (GFM's table scanner).  Every row of a table has
# the delimiter row's column count and starts and ends with a pipe.
awk '
function cells(line,   i, c, n) {
	n = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\\") { i++; continue }
		if (c == "|") n++
	}
	return n
}
/^\|/ {
	if (!intable) { intable = 1; want = cells($0); start = NR }
	if (cells($0) != want) { printf "line %d: %d pipes, the table at line %d has %d\n", NR, cells($0), start, want; bad = 1 }
	if ($0 !~ /[^\\]\|$/) { printf "line %d does not end with a cell boundary\n", NR; bad = 1 }
	rows++
	next
}
{ if (intable && $0 != "") { printf "line %d: text right after the table at line %d\n", NR, start; bad = 1 }; intable = 0 }
END { if (rows < 30) { print "too few table rows: " rows; bad = 1 }; exit bad }
' "$M" >"$T/out/md-tables.err" || { scrubbed <"$T/out/md-tables.err" >&2; fail "a Markdown table is broken (above)"; }
for c in C01 C02; do
	n=$(jqv "[.checklist[] | select(.id == \"$c\") | .findings[]] | length" "$JSON")
	got=$(awk -v h="### $c " 'index($0, h) == 1 { on = 1; next } on && /^### / { exit } on && /^\| (critical|high|medium|low|info) \|/ { n++ } END { print n + 0 }' "$M")
	[ "$got" = "$n" ] || fail "$c: $got finding rows in the Markdown, $n findings"
done
grep -qF '\<script\>' "$M" || grep -qF '`<script>alert(1)<' "$M" || fail "the <script> path is not shown"
grep -E '^\| ' "$M" | grep -F 'alert(1)' | grep -qvF '`' && fail "the <script> path is in a table cell outside a code span"
grep -qF '| `back\`\|`slash.py:1` |' "$M" || fail "a pipe after a backslash is not taken out of the code span"
grep -qF '| `new'$'\xEF\xBF\xBD''line.py:1` |' "$M" || fail "a newline in a path is not replaced"
grep -qF 'IR plan v3 \| reviewed \*yearly\* \`ok\`' "$M" || fail "the attestation note is not escaped"

# ------------------------------------------------------------------- JUnit

case_ "JUnit: well-formed, valid, counts that add up"
fq junit scan "$R" --format junit --output "$J"
expect_rc 1
xmllint --noout "$J" 2>"$T/out/junit.err" || { scrubbed <"$T/out/junit.err" >&2; fail "the JUnit report is not well-formed XML"; }
xmllint --noout --schema "$XSD" "$J" 2>"$T/out/junit-schema.err" ||
	{ scrubbed <"$T/out/junit-schema.err" >&2; fail "the JUnit report does not follow the JUnit schema"; }
[ "$(xmllint --xpath 'count(//testcase)' "$J")" = "$(xmllint --xpath 'string(/testsuites/@tests)' "$J")" ] ||
	fail "testsuites/@tests is not the number of test cases"
[ "$(xmllint --xpath 'count(//testcase[failure])' "$J")" = "$(xmllint --xpath 'string(/testsuites/testsuite/@failures)' "$J")" ] ||
	fail "testsuite/@failures is not the number of failed test cases"
[ "$(xmllint --xpath 'count(//testcase[@classname="fourq-scan.checklist"])' "$J")" = 10 ] || fail "not one test case per checklist item"
xmllint --xpath 'string(//testcase[starts-with(@name, "FQ001 ")]/failure)' "$J" | grep -qF '<script>alert(1)</script>.py' ||
	fail "the FQ001 failure does not list the <script> path"

case_ "every format at once with --report"
fq all audit "$R" "${PROBE[@]}" --format json --output "$T/out/all.json" \
	--report html="$T/out/all.html" --report markdown="$T/out/all.md" --report junit="$T/out/all.xml"
expect_rc 1
same_report "$H" "$T/out/all.html" || fail "--report html differs from --format html"
same_report "$M" "$T/out/all.md" || fail "--report markdown differs from --format markdown"
xmllint --noout --schema "$XSD" "$T/out/all.xml" 2>/dev/null || fail "the audit's JUnit report is not valid"

case_ "no output holds a key"
no_key_in "$H" "$M" "$J" "$JSON" "$DOM" "$T/out/all.html" "$T/out/all.md" "$T/out/all.xml" "$T/out/all.json"

finish
