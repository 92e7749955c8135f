#!/usr/bin/env bash
# The TLS probe against real openssl s_server instances on 127.0.0.1: legacy
# versions, no TLS 1.3, expired and wrong-host certificates, a closed port,
# and a healthy server that passes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pki.sh"

pki_init
pki_cert good localhost "DNS:localhost,IP:127.0.0.1"
pki_cert other other.example "DNS:other.example"
pki_cert expired localhost "DNS:localhost,IP:127.0.0.1" 20240101000000Z 20250101000000Z
pki_cert soon localhost "DNS:localhost,IP:127.0.0.1" 20250101000000Z "$(date -u -d '+10 days' +%Y%m%d%H%M%SZ)"

serve P_GOOD good
serve P_OLD good -tls1_1 -cipher DEFAULT@SECLEVEL=0
serve P_12 good -no_tls1_3
serve P_EXPIRED expired
serve P_OTHER other
serve P_SOON soon
P_CLOSED=$(free_port)

findings() { jq -c '[.findings[].rule_id] | sort' "$OUT"; }

case_ "healthy modern server with the test CA"
fq good probe --tls "https://localhost:$P_GOOD" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 0
[ "$(findings)" = "[]" ] || fail "expected no finding, got $(findings)"
jqt '.probes[0].versions["TLSv1.3"] == "accepted" and .probes[0].versions["TLSv1.0"] == "refused"'
jqt '.probes[0].verified == true and .probes[0].certificate.days_left > 300'
jqt '.probes[0].negotiated.version == "TLSv1.3" and .probes[0].negotiated.forward_secrecy == true'

case_ "without --ca-file the test CA is not trusted"
fq noca probe --tls "https://localhost:$P_GOOD" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ072"]' ] || fail "expected FQ072, got $(findings)"

case_ "TLS 1.1 server: FQ070 (the client lowered its security level), FQ071"
fq old probe --tls "https://localhost:$P_OLD" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ070","FQ071"]' ] || fail "expected FQ070 and FQ071, got $(findings)"
jqt '.probes[0].versions["TLSv1.1"] == "accepted" and .probes[0].versions["TLSv1.2"] == "refused"'

case_ "TLS 1.2 only: FQ071"
fq tls12 probe --tls "https://localhost:$P_12" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 0
[ "$(findings)" = '["FQ071"]' ] || fail "expected FQ071, got $(findings)"

case_ "certificate expired last year: FQ072 with its dates"
fq expired probe --tls "https://localhost:$P_EXPIRED" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ072"]' ] || fail "expected FQ072, got $(findings)"
jqt '.probes[0].certificate.not_after | startswith("2025-01-01")'
jqt '.probes[0].certificate.days_left < 0 and .probes[0].verified == false'
jqt '.findings[0].message | test("expired")'

case_ "certificate for another host name: FQ072"
fq other probe --tls "https://localhost:$P_OTHER" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ072"]' ] || fail "expected FQ072, got $(findings)"

case_ "host name mismatch through --resolve (CURLOPT_RESOLVE)"
fq resolve probe --tls "https://api.4quays.test:$P_GOOD" --resolve "api.4quays.test:$P_GOOD:127.0.0.1" \
	--ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 1
[ "$(findings)" = '["FQ072"]' ] || fail "expected FQ072 for a name the certificate lacks, got $(findings)"
jqt '.probes[0].verify_error | test("mismatch|name")'

case_ "certificate expiring in 10 days: FQ073"
fq soon probe --tls "https://localhost:$P_SOON" --ca-file "$PKI/ca.pem" --format json --timeout 5
expect_rc 0
[ "$(findings)" = '["FQ073"]' ] || fail "expected FQ073, got $(findings)"
fq soon5 probe --tls "https://localhost:$P_SOON" --ca-file "$PKI/ca.pem" --format json --expiry-warn-days 5
[ "$(findings)" = '[]' ] || fail "expected nothing with a 5-day window, got $(findings)"

case_ "closed port: FQ078 and exit 3, never a pass"
fq closed probe --tls "https://localhost:$P_CLOSED" --format json --timeout 2
expect_rc 3
[ "$(findings)" = '["FQ078"]' ] || fail "expected FQ078, got $(findings)"
fq closed2 probe --tls "https://localhost:$P_CLOSED" --fail-on none --timeout 2
expect_rc 3

case_ "a server that never answers after the handshake does not hang the probe"
# s_server -www never closes on a HEAD: the probe makes no request at all
start=$(date +%s)
fq hang probe --tls "https://localhost:$P_GOOD" --ca-file "$PKI/ca.pem" --timeout 3
[ $(( $(date +%s) - start )) -lt $((20 * FQ_TIME_SCALE)) ] || fail "probe took too long"

case_ "audit: C10 is UNVERIFIED without a probe, PASS with a TLS probe of a healthy server"
A=$T/clean
newrepo "$A"
echo 'export const base = process.env.FOURQ_API_BASE;' >"$A/index.js"
commit "$A" "clean"
fq audit-noprobe audit "$A" --format json
jqt '(.checklist[] | select(.id == "C10") | .status) == "UNVERIFIED"'
fq audit-probe audit "$A" --tls "https://localhost:$P_GOOD" --ca-file "$PKI/ca.pem" --format json --timeout 5
jqt '(.checklist[] | select(.id == "C10") | .status) == "PASS"'
jqt '.probes[0].kind == "tls"'
fq audit-old audit "$A" --tls "https://localhost:$P_OLD" --ca-file "$PKI/ca.pem" --format json --timeout 5
jqt '(.checklist[] | select(.id == "C10") | .status) == "FAIL"'
fq audit-closed audit "$A" --tls "https://localhost:$P_CLOSED" --format json --timeout 2
expect_rc 3
jqt '(.checklist[] | select(.id == "C10") | .status) == "FAIL"'

case_ "bad probe invocations"
fq noargs probe
expect_rc 2
fq apikey probe --keys --api-key sk_live_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2
expect_rc 2
grep -q "refused" "$ERR" || fail "--api-key refusal should say why"
fq http probe --keys --api-base http://127.0.0.1:1
expect_rc 2
fq badtimeout probe --tls https://localhost:1 --timeout 0
expect_rc 2

case_ "libcurl is loaded by the probes only; without it they stop with exit 3 and say why"
FOURQ_SCAN_LIBCURL=/nonexistent/libcurl.so.4 fq nocurl probe --tls "https://127.0.0.1:1/"
expect_rc 3
grep -q "cannot load libcurl" "$ERR" || fail "the message should say libcurl could not be loaded"
FOURQ_SCAN_LIBCURL=/nonexistent/libcurl.so.4 fq nocurl-scan scan "$T" --format json
[ "$FQ_RC" -le 1 ] || fail "a scan needs no libcurl: exit $FQ_RC"

finish
