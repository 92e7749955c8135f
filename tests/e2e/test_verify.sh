#!/usr/bin/env bash
# scan --verify against a real HTTPS key API on 127.0.0.1
# (tests/e2e/keyapi_server.py): each distinct key found is asked about once;
# 200 is live, 401 rejected, anything else unknown.  Live keys sort first,
# `verified` is in the JSON and SARIF, and no key reaches any output.  Plain
# http, a missing API base, an untrusted certificate and a redirect never
# send a key anywhere else.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pki.sh"

pki_init
pki_cert api localhost "DNS:localhost,IP:127.0.0.1"
mkkey KLIVE live verify-live
mkkey KDEAD live verify-dead
mkkey KTEST test verify-test
export KTEST

R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/deploy"
printf 'const a = "%s";\n' "$KDEAD" >"$R/src/a.js"
printf 'API_KEY = "%s"\n' "$KLIVE" >"$R/src/z.py"
printf 'FOURQ_API_KEY=%s\n' "$KLIVE" >"$R/deploy/prod.txt"
python3 -c 'import base64, os; print("key: " + base64.b64encode(os.environ["KTEST"].encode()).decode())' \
	>"$R/deploy/secret.txt"
commit "$R" "keys"

# the server accepts KLIVE only: every other bearer gets 401
FOURQ_API_KEY=$KLIVE keyapi ok BASE
unset FOURQ_API_KEY
verdict() { nfind "$(has "$1") and .verified == \"$2\""; }

case_ "live, rejected, each key asked once, live first"
fq v1 scan --verify --api-base "$BASE" --ca-file "$PKI/ca.pem" --timeout 5 --format json "$R"
expect_rc 1
[ "$(verdict "$KLIVE" live)" = 2 ] || fail "KLIVE should be live in both files"
[ "$(verdict "$KDEAD" rejected)" = 1 ] || fail "KDEAD should be rejected"
[ "$(verdict "$KTEST" rejected)" = 1 ] || fail "the base64-encoded test key should be rejected"
jqt '[.findings[:2][] | .verified] == ["live", "live"]' "$OUT" "live keys first"
jqt '[.findings[] | select(.verified == "live") | .message | test("verified: live")] | all'
[ "$(grep -c '^GET /v1/keys' "$T/api.ok.log")" = 3 ] || fail "expected 3 requests (3 distinct keys), got $(grep -c '^GET' "$T/api.ok.log")"
no_key_in "$OUT" "$ERR"

case_ "every format says it, and none shows a key"
for f in text sarif junit markdown html; do
	fq "fmt-$f" scan --verify --api-base "$BASE" --ca-file "$PKI/ca.pem" --timeout 5 --format "$f" "$R"
	expect_rc 1
	grep -q 'verified: live' "$OUT" || fail "$f report does not say verified: live"
	no_key_in "$OUT" "$ERR"
done
jqt '[.runs[0].results[] | select(.properties.verified == "live")] | length == 2' "$T/out/fmt-sarif.out"
head -c 2000 "$T/out/fmt-text.out" | grep -m1 -q 'verified: live' || fail "the text report does not show the live key first"

case_ "--history verifies too"
fq hist scan --history --verify --api-base "$BASE" --ca-file "$PKI/ca.pem" --timeout 5 --format json "$R"
expect_rc 1
[ "$(verdict "$KLIVE" live)" = 2 ] || fail "--history: KLIVE should be live"
no_key_in "$OUT" "$ERR"

case_ "an API that errs: unknown, with a note that names no key"
FOURQ_API_KEY=$KLIVE keyapi 500 B500
unset FOURQ_API_KEY
fq u500 scan --verify --api-base "$B500" --ca-file "$PKI/ca.pem" --timeout 5 --format json "$R"
expect_rc 1
[ "$(verdict "$KLIVE" unknown)" = 2 ] || fail "a 500 answer should leave KLIVE unknown"
[ "$(verdict "$KDEAD" rejected)" = 1 ] || fail "401 is still rejected"
jqt '[.errors[] | select(.message | test("could not be verified: HTTP 500"))] | length == 1'
no_key_in "$OUT" "$ERR"

case_ "a redirect is not followed: unknown"
FOURQ_API_KEY=$KLIVE keyapi redirect BREDIR
unset FOURQ_API_KEY
fq redir scan --verify --api-base "$BREDIR" --ca-file "$PKI/ca.pem" --timeout 5 --format json "$R"
expect_rc 1
[ "$(verdict "$KLIVE" unknown)" = 2 ] || fail "a redirect should leave KLIVE unknown"
jqt '[.errors[] | select(.message | test("redirect not followed"))] | length == 1'
no_key_in "$OUT" "$ERR"

case_ "an untrusted certificate: unknown, the key is not sent"
n=$(grep -c '^GET' "$T/api.ok.log")
fq untrusted scan --verify --api-base "$BASE" --timeout 5 --format json "$R"
expect_rc 1
jqt '[.findings[] | select(.verified) | .verified] | unique == ["unknown"]'
[ "$(grep -c '^GET' "$T/api.ok.log")" = "$n" ] || fail "a request reached the server through an untrusted certificate"
no_key_in "$OUT" "$ERR"

case_ "plain http and a missing API base are refused before the scan (exit 2)"
fq http scan --verify --api-base "http://127.0.0.1:9" --format json "$R"
expect_rc 2
grep -q 'https://' "$ERR" || fail "the error should say the API base must be https"
(unset FOURQ_API_BASE; fq nobase scan --verify --format json "$R"; expect_rc 2; exit "$FQ_FAILS") || FQ_FAILS=$((FQ_FAILS + 1))
fq tlsopt scan --tls "https://localhost:1" "$R"
expect_rc 2
no_key_in "$T"/out/*.out "$T"/out/*.err

case_ "without --verify no request is made and no verified field is written"
n=$(grep -c '^GET' "$T/api.ok.log")
fq plain scan --format json "$R"
jqt '[.findings[] | select(has("verified"))] | length == 0'
[ "$(grep -c '^GET' "$T/api.ok.log")" = "$n" ] || fail "a scan without --verify sent a request"

finish
