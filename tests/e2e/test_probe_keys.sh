#!/usr/bin/env bash
# The key probe against a real HTTPS server on 127.0.0.1 (static JSON through
# openssl s_server -WWW for the happy path, tests/e2e/keyapi_server.py for
# pagination, 401, 500, malformed JSON, a slow answer and a redirect): every
# finding, with dates from the current time, and the key never in any output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pki.sh"

pki_init
pki_cert api localhost "DNS:localhost,IP:127.0.0.1"
mkkey APIKEY live probe-key
export FOURQ_API_KEY=$APIKEY

day() { date -u -d "$1 days" +%Y-%m-%dT%H:%M:%SZ; }
cat >"$T/keys.json" <<JSON
[
 {"id":"key_expired","type":"api","algorithm":"HMAC-SHA256","status":"active","created_at":"$(day -40)","expires_at":"$(day -3)"},
 {"id":"key_soon","type":"signing","algorithm":"Ed25519","status":"active","created_at":"$(day -20)","expires_at":"$(day 10)"},
 {"id":"key_old","type":"api","algorithm":"HMAC-SHA256","status":"active","created_at":"$(day -200)","expires_at":"$(day 300)"},
 {"id":"key_retired","type":"api","algorithm":"HMAC-SHA256","status":"retired","created_at":"$(day -500)","expires_at":"$(day -100)"},
 {"id":"key_fine","type":"encryption","algorithm":"AES-256-GCM","status":"active","created_at":"$(day -100)","expires_at":"$(day 200)"}
]
JSON

findings() { jq -c '[.findings[].rule_id] | sort' "$OUT"; }
all_out() { cat "$T"/out/*.out "$T"/out/*.err >"$T/all-output"; no_key_in "$T/all-output"; }

keyapi ok BASE --keys "$T/keys.json"
case_ "pages followed, every key judged from today's date"
fq ok probe --keys --api-base "$BASE" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ075","FQ076","FQ077"]' ] || fail "expected FQ075, FQ076, FQ077, got $(findings)"
jqt '.probes[0].kind == "keys" and .probes[0].pages == 3 and (.probes[0].keys | length) == 5'
jqt '[.findings[] | select(.rule_id == "FQ075")][0].message | test("key_expired")'
jqt '[.findings[] | select(.rule_id == "FQ076")][0].message | test("key_soon.*10 days|in (9|10) days")'
jqt '[.findings[] | select(.rule_id == "FQ077")][0].message | test("key_old")'
jqt '[.findings[].message | select(test("key_retired|key_fine"))] | length == 0'
grep -q "auth=ok" "$T/api.ok.log" || fail "the server never saw the bearer key"
grep -q "auth=bad" "$T/api.ok.log" && fail "a request went out without the right key"

case_ "the key name can be changed; a missing variable is FQ078 and exit 3"
(export FOURQ_ALT_KEY=$APIKEY; unset FOURQ_API_KEY
 fq alt probe --keys --api-base "$BASE" --api-key-env FOURQ_ALT_KEY --ca-file "$PKI/ca.pem" --format json --timeout 5
 expect_rc 1
 [ "$(findings)" = '["FQ075","FQ076","FQ077"]' ] || fail "--api-key-env: got $(findings)"
 exit "$FQ_FAILS")  || FQ_FAILS=$((FQ_FAILS + 1))
(unset FOURQ_API_KEY
 fq nokey probe --keys --api-base "$BASE" --ca-file "$PKI/ca.pem" --format json --timeout 5
 expect_rc 3
 [ "$(findings)" = '["FQ078"]' ] || fail "no key: got $(findings)"
 exit "$FQ_FAILS") || FQ_FAILS=$((FQ_FAILS + 1))

case_ "FOURQ_API_BASE is read from the environment"
(export FOURQ_API_BASE=$BASE
 fq envbase probe --keys --ca-file "$PKI/ca.pem" --format json --timeout 5
 expect_rc 1
 exit "$FQ_FAILS") || FQ_FAILS=$((FQ_FAILS + 1))

case_ "an untrusted server certificate: the key is not sent"
fq untrusted probe --keys --api-base "$BASE" --format json --timeout 5
expect_rc 3
[ "$(findings)" = '["FQ078"]' ] || fail "got $(findings)"

for mode in 401 500 malformed redirect loop; do
	keyapi "$mode" B --keys "$T/keys.json"
	case_ "key API answers $mode: FQ078, exit 3"
	fq "m$mode" probe --keys --api-base "$B" --ca-file "$PKI/ca.pem" --format json --timeout 5
	expect_rc 3
	if [ "$mode" = loop ]; then
		# the first page was read; the repeat is caught and nothing is doubled
		[ "$(findings)" = '["FQ075","FQ076","FQ078"]' ] || fail "got $(findings)"
	else
		[ "$(findings)" = '["FQ078"]' ] || fail "got $(findings)"
	fi
done
jqt '.findings[0].message | test("request id")' "$T/out/m401.out" "401 names the request id"
jqt '.findings[0].message | test("rejected")' "$T/out/m401.out"
jqt '.findings[0].message | test("redirect")' "$T/out/mredirect.out"

keyapi slow SLOW
case_ "an answer slower than --timeout: FQ078, exit 3, in bounded time"
start=$(date +%s)
fq slow probe --keys --api-base "$SLOW" --ca-file "$PKI/ca.pem" --format json --timeout 2
expect_rc 3
[ "$(findings)" = '["FQ078"]' ] || fail "got $(findings)"
[ $(( $(date +%s) - start )) -lt $((5 * FQ_TIME_SCALE)) ] || fail "the timeout was not honoured"

case_ "happy path through openssl s_server -WWW serving static JSON"
mkdir -p "$T/www/v1"
jq -c '{data: ., has_more: false}' "$T/keys.json" >"$T/www/v1/keys"
port=$(free_port)
(cd "$T/www" && exec openssl s_server -accept "127.0.0.1:$port" -cert "$PKI/api.pem" -key "$PKI/api.key" \
	-WWW -quiet >/dev/null 2>&1 </dev/null) &
FQ_PIDS+=($!)
for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
fq www probe --keys --api-base "https://localhost:$port" --ca-file "$PKI/ca.pem" --format json --timeout 5
[ "$(findings)" = '["FQ075","FQ076","FQ077"]' ] || fail "s_server -WWW: got $(findings)"

case_ "the key never reaches stdout or stderr in any format"
for f in text json sarif junit; do
	fq "fmt-$f" probe --keys --api-base "$BASE" --ca-file "$PKI/ca.pem" --format "$f" --timeout 5
done
all_out

finish
