#!/usr/bin/env bash
# Inputs that once cost quadratic (or worse) time, found by generating files
# against each rule family.  Each is scanned alone and must finish within a
# few seconds (the old code took 8 s to minutes on these sizes), with its
# findings, or with a note where a limit cut the analysis short.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pki.sh"

G=$T/growth
mkdir -p "$G"
python3 - "$G" <<'PY'
import os, random, string, sys
root = sys.argv[1]
rnd = random.Random(11)
alnum = string.ascii_letters + string.digits
def key():
    return 'sk_live_' + ''.join(rnd.choice(alnum) for _ in range(32))
def put(case, name, text):
    os.makedirs(os.path.join(root, case), exist_ok=True)
    with open(os.path.join(root, case, name), 'w') as f:
        f.write(text)
# "sk_" in ordinary names (task_id, disk_size): each one used to start an
# unanchored search to the end of the file (8 s at 500 kB)
put('sk-names', 'notes.txt', 'task_id = disk_size + risk_level\n' * 16000 + 'k = "%s"\n' % key())
# one long line of keys and a suppression comment elsewhere: every finding
# read the whole line (11 s at 1 MB)
put('suppressed-line', 'keys.txt', '# fourq-scan:ignore FQ062\n' + ' '.join(key() for _ in range(25000)) + '\n')
# an admin key read into thousands of variables: a whole-tree walk per
# holder, each with parent lookups from the root (10 s at 2,000)
put('admin-holders', 'app.js', 'const FOURQ_ADMIN_KEY = process.env.FOURQ_ADMIN_KEY;\n'
    'fourq.protect(x, "PII-001");\n' + ''.join('const h%d = FOURQ_ADMIN_KEY;\n' % i for i in range(2000)))
# thousands of declarations in the function of a protect call: a walk of
# the function per name (22 s at 5,000)
put('declarations', 'app.js', 'async function f(x) {\n  const s = await fourq.protect(x, "PII-001");\n'
    + ''.join('  let a%d = b;\n' % i for i in range(5000)) + '  s.extra = 1;\n  return s;\n}\n')
# thousands of protect calls: two scope walks per call (29 s at 4,800)
put('protect-calls', 'app.js', 'c.protect(x, "PII-DEV");\n' * 4800)
# a chain of names each made of many copies of the one before (19 s at 800)
put('name-chain', 'app.js', 'async function f(x) {\n  let a0 = x;\n' + ''.join(
    '  let a%d = [%s];\n' % (l, ', '.join(['a%d' % (l - 1)] * 800)) for l in range(1, 4))
    + '  return await fourq.protect(a3, "PII-001");\n}\n')
# policy settings next to thousands of protect calls: every setting was
# tested against every call (44 s at 30,000)
put('policy-settings', 'app.js', 'c.protect(x, "PII-DEV");\n' * 4900 + 'const cfg = [\n'
    + '{ policy: "PII-DEV" },\n' * 30000 + '];\n')
# audit: a security document on one line (3 s at 200 kB) and a commented
# line of environment reads (32 s at 2 MB)
put('doc-line', 'SECURITY.md', 'we rotate ' * 20000 + '\n')
put('commented-reads', 'app.go', '// ' + 'os.Getenv("FOURQ_API_KEY") ' * 40000 + '\n')
PY

# Seconds allowed: generous for a sanitizer build (about 4x slower) and
# scaled under valgrind.
limit=$((10 * FQ_TIME_SCALE))
[ -z "${FQ_SANITIZED:-}" ] || limit=$((limit * 4))

timed() { # NAME COMMAND ARGS...: runs fq, fails past the limit
	local name=$1 start took
	shift
	start=$(date +%s)
	fq "$name" "$@"
	took=$(( $(date +%s) - start ))
	[ "$FQ_RC" -le 1 ] || fail "exit $FQ_RC"
	[ "$took" -le "$limit" ] || fail "took ${took}s (limit ${limit}s)"
}

case_ "sk_ in ordinary names: linear, and the real key is still found"
timed sk-names scan "$G/sk-names" --format json
expect_n 1 '.rule_id == "FQ001" and .path == "notes.txt" and .line == 16001'

case_ "a long line of keys with a suppression comment elsewhere"
timed suppressed-line scan "$G/suppressed-line" --format json
jqt '[.findings[] | select(.path == "keys.txt" and .rule_id == "FQ001")] | length == 1000'

case_ "an admin key read into 2,000 variables"
timed admin-holders scan "$G/admin-holders" --format json

case_ "5,000 declarations in one function: a budget note, findings so far kept"
timed declarations scan "$G/declarations" --format json
jqt '[.errors[] | select(.path == "app.js" and (.message | test("analysis budget|time limit")))] | length == 1' "$OUT" "the budget note"
jqt '([.findings[] | select(.path == "app.js" and .line == 2)] | length >= 1) or ([.errors[] | select(.path == "app.js" and (.message | test("time limit")))] | length == 1)' "$OUT" "the protect call's findings kept"

case_ "4,800 protect calls"
timed protect-calls scan "$G/protect-calls" --format json
# (under valgrind the parse itself may hit its time limit first: also a note)
jqt '[.errors[] | select(.path == "app.js" and (.message | test("analysis budget|time limit")))] | length == 1' "$OUT" "the budget note"

case_ "a chain of names with 800 copies each"
timed name-chain scan "$G/name-chain" --format json

case_ "30,000 policy settings beside 4,900 protect calls"
timed policy-settings scan "$G/policy-settings" --format json
jqt '.stats.parsed_files == 1 or ([.errors[] | select(.path == "app.js" and (.message | test("time limit")))] | length == 1)'

case_ "audit: a one-line security document, a commented line of key reads"
timed doc-line audit "$G/doc-line" --format json
timed commented-reads audit "$G/commented-reads" --format json

case_ "the key API answers with 50,000 keys on one page"
# each key was compared with every key before it (a repeated page must not
# double the findings) and the list grew one key at a time
pki_init
pki_cert api localhost "DNS:localhost,IP:127.0.0.1"
mkkey APIKEY live growth-key
export FOURQ_API_KEY=$APIKEY
keyapi many MANY --many 50000
timed many-keys probe --keys --api-base "$MANY" --ca-file "$PKI/ca.pem" --format json --timeout 60
expect_rc 0
jqt '.probes[0].kind == "keys" and (.probes[0].keys | length) == 50000 and (.findings | length) == 0'

finish
