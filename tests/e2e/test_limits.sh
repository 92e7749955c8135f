#!/usr/bin/env bash
# Limits that keep a run bounded on hostile code, each with a note in the
# report: 50,000-deep nesting in JavaScript, TypeScript, Python and JSON,
# a 3 MB minified bundle with 40,000 protect calls, a 5 MB one-line script,
# 4 MB of JSON settings on one line,
# a file with 1,500 keys (findings per file).  Each must finish quickly with
# exit 0/1, never hang or crash.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

R=$T/hostile
mkdir -p "$R"
python3 - "$R" <<'PY'
import sys
d = sys.argv[1]
n = 50000
open(d + '/deep.js', 'w').write('protect(' + '[' * n + ']' * n + ', "P");\n')
open(d + '/deep.ts', 'w').write('async function f(){ const s = await q.protect(p, "X");' + '{' * n + 's.x = 1;' + '}' * n + '}\n')
open(d + '/deep.py', 'w').write('x = protect(' + '(' * n + ')' * n + ', "P")\n')
open(d + '/deep.json', 'w').write('{"policy": ' + '[' * n + ']' * n + '}\n')
calls = ';'.join('function f%d(a){var s=q.protect(a,"P-PROD-%d");if(s){log.info(a)}return s}' % (i, i)
                 for i in range(40000))
open(d + '/bundle.min.js', 'w').write(calls)
open(d + '/huge.min.js', 'w').write('var protect=1;' + 'x=1;' * 1300000)
import random
rnd = random.Random(7)
alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
with open(d + '/dump.env', 'w') as f:
    for i in range(1500):
        f.write('KEY_%d=sk_live_%s\n' % (i, ''.join(rnd.choice(alnum) for _ in range(32))))
# 1,100 test keys, then one live key: the limit is per severity, so the
# live key is still reported
with open(d + '/mixed.env', 'w') as f:
    for i in range(1100):
        f.write('T_%d=sk_test_%s\n' % (i, ''.join(rnd.choice(alnum) for _ in range(32))))
    f.write('LIVE=sk_live_%s\n' % ''.join(rnd.choice(alnum) for _ in range(32)))
# minified JSON: 4 MB of settings on one line, then a TLS setting; each
# setting must not cost a pass over the line (it took minutes)
items = ','.join('{"id": %d, "sslMode": "on", "name": "n%d"}' % (i, i) for i in range(90000))
open(d + '/fixture.min.json', 'w').write('{"items": [' + items + '], "rejectUnauthorized": false}')
# 5 MB on one line with 2,000 keys: each finding must not cost a pass over the line
with open(d + '/keys.min.js', 'w') as f:
    for i in range(2000):
        f.write('var k%d="sk_live_%s";' % (i, ''.join(rnd.choice(alnum) for _ in range(32))) + 'x=1;' * 600)
PY

case_ "one-line code is minified: the key rules alone read it, one note counts it"
fq minified scan "$R" --format json --jobs 2
[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
for f in deep.js deep.ts deep.py bundle.min.js huge.min.js keys.min.js; do
	jqt "[.generated[] | select(.path == \"$f\" and .why == \"minified\")] | length == 1" "$OUT" "$f listed as minified"
done
jqt '[.errors[] | select(.message | test("nesting deeper|time limit|parse limit|calls in one file"))] | length == 0'
jqt '[.errors[] | select(.path == "" and (.message | test("minified, generated or vendored")))] | length == 1'
jqt '[.findings[] | select(.path == "keys.min.js" and .rule_id == "FQ001")] | length == 1000' "$OUT" "keys in minified code"
jqt '[.findings[] | select(.path == "fixture.min.json" and .rule_id == "FQ040")] | length == 1' "$OUT" "config is not code"

case_ "hostile code finishes in bounded time with notes (--scan-generated: parsed whole)"
start=$(date +%s)
fq hostile scan "$R" --format json --jobs 2 --scan-generated
took=$(( $(date +%s) - start ))
[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
[ "$took" -lt $((60 * FQ_TIME_SCALE)) ] || fail "took ${took}s"
for f in deep.js deep.ts deep.py; do
	jqt "[.errors[] | select(.path == \"$f\" and (.message | test(\"nesting deeper|time limit\")))] | length == 1" "$OUT" "$f"
done
jqt '[.errors[] | select(.path == "bundle.min.js" and (.message | test("calls in one file|time limit")))] | length == 1'
jqt '[.errors[] | select(.path == "huge.min.js" and (.message | test("parse limit")))] | length == 1'
jqt '.stats.complete == true'
jqt '[.findings[] | select(.path == "fixture.min.json" and .rule_id == "FQ040" and .line == 1)] | length == 1' "$OUT" "the setting at the end of a 4 MB line"

case_ "findings per file: 1,000 kept, the rest counted in a note"
jqt '[.findings[] | select(.path == "dump.env")] | length == 1000'
jqt '[.errors[] | select(.path == "dump.env" and (.message | test("500 more findings.*at most 1000 of each severity per file")))] | length == 1'
jqt '[.findings[] | select(.path == "dump.env")] | map(.line) | max == 1000'

case_ "findings per file: the limit is per severity, a live key after 1,100 test keys is kept"
jqt '[.findings[] | select(.path == "mixed.env" and .severity == "critical" and .line == 1101)] | length == 1'
jqt '[.findings[] | select(.path == "mixed.env" and .rule_id == "FQ001" and .severity != "critical")] | length == 1000'

case_ "a long line: each snippet is the window around its key, redacted and marked as cut"
jqt '[.findings[] | select(.path == "keys.min.js")] | length == 1000'
jqt '[.findings[] | select(.path == "keys.min.js" and (.snippet | test("sk_live_[A-Za-z0-9]{4}…\\([0-9]+ chars, sha256:[0-9a-f]{8}\\)")) and (.snippet | endswith("…")) and (.snippet | length) <= 250)] | length == 1000'
jqt '[.findings[] | select(.path == "keys.min.js" and .line == 1 and .column > 2000000)] | length >= 1'
jqt '[.errors[] | select(.path == "" and (.message | test("snippets come from lines longer than 240 bytes")))] | length == 1'
if grep -qE 'sk_live_[A-Za-z0-9]{16,}' "$OUT"; then
	fail "a whole key in the report"
fi

case_ "the same in a repository, in history mode"
g -C "$R" init -q
commit "$R" "hostile"
fq hostile-history scan "$R" --history --format json
[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
jqt '.stats.complete == true'
finish
