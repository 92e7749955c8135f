#!/usr/bin/env bash
# The audit: repository checks FQ060-FQ068 (SPEC §3), the checklist they
# feed (§5) and attestations (§6).  Three repositories: one that fails most
# items, one that passes all of them, one of near misses.  The whole
# checklist is compared with the expected JSON, findings named by rule and
# place instead of by hash.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# "Today" for the run and for the attestations in the configs.
TODAY=$(date -u +%F)
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date -u -d "$TODAY 12:00" +%s)
days_ago() { date -u -d "$TODAY - $1 days" +%F; }
days_after() { date -u -d "$1 + $2 days" +%F; }

# The fingerprint of a repository-level finding: rule, empty path, check key.
repofp() { printf '%s\n\n%s' "$1" "$2" | sha256sum | cut -c1-64; }
REPO_KEYS=(FQ060:secret-scanning FQ061:dependency-scanning FQ062:static-analysis
	FQ063:invalid-api-key FQ063:network-failure FQ063:policy-not-found FQ063:key-expiration
	FQ064:rotation-plan FQ065:incident-response FQ066:error-rate FQ066:authentication-failures
	FQ066:signature-failures FQ066:key-expiration FQ066:unusual-volume FQ067:retention
	FQ068:access-review)
REPO_FPS=$(for k in "${REPO_KEYS[@]}"; do printf '{"%s":"%s"}\n' "$(repofp "${k%%:*}" "$k")" "$k"; done | jq -s add)

# checklist FILE: the checklist and its sections, each finding's fingerprint
# replaced by RULE@path:line (code) or its check key (repository level).
checklist() {
	jq --argjson repo "$REPO_FPS" '
		(.findings | map({key: .fingerprint,
			value: (if .line then "\(.rule_id)@\(.path):\(.line)" else ($repo[.fingerprint] // "\(.rule_id)@?") end)})
		 | from_entries) as $m
		| {checklist: [.checklist[] | del(.coverage) | .findings |= map($m[.] // .)],
		   checklist_sections: [.checklist_sections[] | del(.coverage) | .findings |= map($m[.] // .)]}' "$1"
}

# expect_checklist NAME FILE: the checklist of report FILE, one item a line,
# must be the expected lines on stdin (@TODAY@, @STALE_ON@ and @STALE_SINCE@
# stand for the dates of this run).
expect_checklist() {
	local name=$1 file=$2
	sed -e "s/@TODAY@/$TODAY/g" -e "s/@STALE_ON@/${STALE_ON:-}/g" -e "s/@STALE_SINCE@/${STALE_SINCE:-}/g" \
		>"$T/$name.expected"
	checklist "$file" | jq -c '.checklist[], .checklist_sections[]' >"$T/$name.actual"
	if ! diff -u "$T/$name.expected" "$T/$name.actual" >"$T/$name.diff"; then
		fail "the checklist differs from the expected one (- expected, + actual):"
		scrubbed <"$T/$name.diff" >&2
	fi
}

# --------------------------------------------------------------- (a) failing
mkkey KA live audit-a
A=$T/failing
newrepo "$A"
mkdir -p "$A/src" "$A/tests" "$A/monitoring"
cat >"$A/src/client.js" <<EOF
const { FourQ } = require('@4quays/sdk');

const apiKey = '$KA';
const fourq = new FourQ({ apiKey });

module.exports = { fourq };
EOF
cat >"$A/src/transfer.js" <<'EOF'
const https = require('https');
const { fourq } = require('./client');
const logger = require('./logger');

const agent = new https.Agent({ rejectUnauthorized: false });

async function sendTransfer(payload) {
  const protectedPayload = await fourq.protect(payload, 'BANK-TRANSFER-001');
  logger.info({ payload });
  return protectedPayload;
}

module.exports = { sendTransfer, agent };
EOF
cat >"$A/tests/transfer.test.js" <<'EOF'
const { sendTransfer } = require('../src/transfer');

describe('4Quays integration', () => {
  it('handles policy not found', async () => {
    await expect(sendTransfer({ amount: 1 })).rejects.toThrow('POLICY_NOT_FOUND');
  });
});
EOF
cat >"$A/monitoring/alerts.yml" <<'EOF'
groups:
  - name: fourq
    rules:
      - alert: FourQHighErrorRate
        expr: sum(rate(fourq_errors_total[5m])) / sum(rate(fourq_requests_total[5m])) > 0.01
      - alert: FourQAuthenticationFailures
        expr: increase(fourq_errors_total{code="INVALID_API_KEY"}[5m]) > 0
EOF
printf '# payments\n\nSends transfers through 4Quays.\n' >"$A/README.md"
commit "$A" "failing"

# --------------------------------------------------------------- (b) passing
B=$T/passing
newrepo "$B"
mkdir -p "$B/.github/workflows" "$B/src" "$B/tests" "$B/monitoring"
cat >"$B/.github/workflows/ci.yml" <<'EOF'
name: ci
on: [pull_request]
jobs:
  security:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: gitleaks/gitleaks-action@v2
      - uses: github/codeql-action/init@v3
        with:
          languages: javascript
      - uses: github/codeql-action/analyze@v3
EOF
cat >"$B/.github/dependabot.yml" <<'EOF'
version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule:
      interval: weekly
EOF
cat >"$B/src/client.js" <<'EOF'
const { FourQ } = require('@4quays/sdk');

const fourq = new FourQ({ apiKey: process.env.FOURQ_API_KEY });

module.exports = { fourq };
EOF
cat >"$B/src/transfer.js" <<'EOF'
const { z } = require('zod');
const { fourq } = require('./client');
const logger = require('./logger');
const { securityAlert } = require('./alerts');

const schema = z.object({ transferId: z.string(), amount: z.number(), destination: z.string() });

async function protectTransfer(input) {
  const payload = schema.parse(input);
  try {
    return await fourq.protect(payload, 'BANK-TRANSFER-PROD-001');
  } catch (error) {
    logger.error({ code: error.code, requestId: error.requestId });
    throw error;
  }
}

async function readTransfer(data) {
  try {
    return await fourq.unprotect(data, 'BANK-TRANSFER-PROD-001');
  } catch (error) {
    if (error.code === 'SIGNATURE_INVALID') {
      securityAlert('Signature verification failed', { requestId: error.requestId });
    }
    throw error;
  }
}

module.exports = { protectTransfer, readTransfer };
EOF
cat >"$B/tests/transfer.test.js" <<'EOF'
const nock = require('nock');
const { protectTransfer } = require('../src/transfer');

const sample = { transferId: 't1', amount: 10, destination: 'acct' };

describe('4Quays integration', () => {
  it('rejects an invalid API key', async () => {
    await expect(protectTransfer(sample)).rejects.toThrow('INVALID_API_KEY');
  });

  it('fails safely when the API cannot be reached', async () => {
    nock('https://api.4quays.example').post('/v1/protect').replyWithError({ code: 'ECONNREFUSED' });
    await expect(protectTransfer(sample)).rejects.toThrow();
  });

  it('handles policy not found', async () => {
    await expect(protectTransfer(sample)).rejects.toThrow('POLICY_NOT_FOUND');
  });

  it('handles an expired key', async () => {
    await expect(protectTransfer(sample)).rejects.toThrow('KEY_EXPIRED');
  });
});
EOF
cat >"$B/SECURITY.md" <<'EOF'
# Security

## Key rotation

- API keys are rotated quarterly, signing and encryption keys annually.
- The old and the new key overlap for 7 days; then the old key is retired.

## If an API key is compromised

1. Revoke the compromised key in the 4Quays console immediately.
2. Generate a new key and update the applications.
3. Review the audit logs for unauthorized operations.
4. Assess the impact and document the incident.

## Audit logs

Audit logs are kept for 400 days (log retention) and exported to our SIEM (Splunk).
EOF
cat >"$B/monitoring/alerts.yml" <<'EOF'
groups:
  - name: fourq
    rules:
      - alert: FourQHighErrorRate
        expr: sum(rate(fourq_errors_total[5m])) / sum(rate(fourq_requests_total[5m])) > 0.01
        for: 5m
      - alert: FourQAuthenticationFailures
        expr: increase(fourq_errors_total{code="INVALID_API_KEY"}[5m]) > 0
      - alert: FourQSignatureVerificationFailures
        expr: increase(fourq_errors_total{code="SIGNATURE_INVALID"}[5m]) > 0
      - alert: FourQKeyExpiringSoon
        expr: min(fourq_key_days_until_expiry) < 14
      - alert: FourQUnusualOperationVolume
        expr: sum(rate(fourq_requests_total[10m])) > 3 * sum(rate(fourq_requests_total[10m] offset 1w))
EOF
cat >"$B/.fourq-scan.yml" <<EOF
attestations:
  C08: { by: "Security team", on: $TODAY, note: "quarterly access review" }
EOF
commit "$B" "passing"


# ------------------------------------------------------------ (c) near misses
C=$T/nearmiss
newrepo "$C"
mkdir -p "$C/.github/workflows" "$C/tests" "$C/monitoring" "$C/monitors" "$C/infra" "$C/docs" "$C/k8s" "$C/app"
cat >"$C/.github/workflows/ci.yml" <<'EOF'
name: ci
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      # TODO: run gitleaks here too
      - run: npm ci
      - run: npm test # semgrep later
      - run: npm audit --audit-level=high
EOF
cat >"$C/package.json" <<'EOF'
{
  "name": "nearmiss",
  "eslintConfig": { "extends": ["eslint:recommended", "plugin:security/recommended"] }
}
EOF
cat >"$C/tests/client.test.js" <<'EOF'
const { run } = require('../src/protect');

jest.setTimeout(10000);

test('protects', async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  // TODO: test an expired key and POLICY_NOT_FOUND
  expect(await run({ amount: 1 })).toBeDefined();
});
EOF
cat >"$C/tests/test_client.py" <<'EOF'
import pytest
from app import fourq


def test_bad_key(httpserver):
    httpserver.expect_request("/v1/protect").respond_with_data(status=401)
    with pytest.raises(fourq.Unauthorized):
        fourq.client().protect({"amount": 1}, "TRANSFER-DEV-001")
EOF
cat >"$C/monitoring/k8s.rules.yml" <<'EOF'
groups:
  - name: infra
    rules:
      - alert: KubePersistentVolumeFillingUp
        expr: kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.03
      - alert: HighDiskVolumeUsage
        expr: disk_used_percent > 90
      - alert: SSLCertificateExpiringSoon
        expr: probe_ssl_earliest_cert_expiry - time() < 86400 * 14
      # - alert: FourQSignatureFailures
EOF
cat >"$C/monitors/fourq.json" <<'EOF'
{
  "name": "4Quays error rate above 1%",
  "type": "query alert",
  "query": "sum(last_5m):sum:fourq.errors{*}.as_count() / sum:fourq.requests{*}.as_count() > 0.01"
}
EOF
cat >"$C/infra/alarms.tf" <<'EOF'
resource "aws_cloudwatch_metric_alarm" "fourq_auth" {
  alarm_name  = "fourq-authentication-failures"
  metric_name = "AuthFailures"
  threshold   = 1
}
EOF
cat >"$C/infra/logs.tf" <<'EOF'
resource "aws_cloudwatch_log_group" "fourq_audit" {
  name              = "/fourq/audit"
  retention_in_days = 365
}
EOF
printf '# Operations\n\nWe rotate the application logs daily.\n' >"$C/docs/ops.md"
{
	echo "Keys are rotated."
	for i in $(seq 1 14); do echo "Filler line $i."; done
	echo "Access reviews happen quarterly."
} >"$C/docs/far.md"
printf '# Incidents\n\nIf a key leaks, tell the team.\n' >"$C/docs/incident.md"
cat >"$C/k8s/deployment.yaml" <<'EOF'
env:
  - name: FOURQ_API_KEY
    valueFrom:
      secretKeyRef:
        name: fourq
        key: api-key
EOF
cat >"$C/app/settings.py" <<'EOF'
import os

# ADMIN = os.environ["FOURQ_ADMIN_KEY"]
API_KEY = os.getenv("FOURQ_API_KEY")
EOF
STALE_ON=$(days_ago 200)
STALE_SINCE=$(days_after "$STALE_ON" 90)
cat >"$C/.fourq-scan.yml" <<EOF
attestations:
  C08: { by: "Security team", on: $STALE_ON, note: "quarterly access review", period_days: 90 }
EOF
commit "$C" "near misses"

# ====================================================================== runs

case_ "(a) audit of a repository that fails most items"
fq a audit --format json "$A"
expect_rc 1
expect_checklist failing "$OUT" <<'EOF'
{"id":"C01","title":"API keys stored in secrets manager","status":"FAIL","findings":["FQ001@src/client.js:3"],"reason":"a high or critical finding stands against it","evidence":[]}
{"id":"C02","title":"Separate keys for each environment","status":"WARN","findings":["FQ010@src/transfer.js:8"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C03","title":"Error handling implemented","status":"WARN","findings":["FQ063:invalid-api-key","FQ063:network-failure","FQ063:key-expiration","FQ031@src/transfer.js:8"],"reason":"medium or lower findings stand against it","evidence":[{"path":"tests/transfer.test.js","line":4,"what":"test exercises a policy that does not exist (\"policy not found\")"}]}
{"id":"C04","title":"No payloads logged","status":"FAIL","findings":["FQ020@src/transfer.js:9"],"reason":"a high or critical finding stands against it","evidence":[]}
{"id":"C05","title":"Alerts configured","status":"WARN","findings":["FQ066:signature-failures","FQ066:key-expiration","FQ066:unusual-volume"],"reason":"medium or lower findings stand against it","evidence":[{"path":"monitoring/alerts.yml","line":6,"what":"Prometheus alert rule for API key authentication failures (\"FourQAuthenticationFailures\")"},{"path":"monitoring/alerts.yml","line":4,"what":"Prometheus alert rule for the error rate (\"FourQHighErrorRate\")"}]}
{"id":"C06","title":"Key rotation plan documented","status":"WARN","findings":["FQ064:rotation-plan"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C07","title":"Incident response plan documented","status":"WARN","findings":["FQ065:incident-response"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C08","title":"Access controls reviewed","status":"WARN","findings":["FQ068:access-review"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C09","title":"Audit log retention configured","status":"WARN","findings":["FQ067:retention"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C10","title":"TLS configuration verified","status":"FAIL","findings":["FQ040@src/transfer.js:5"],"reason":"a high or critical finding stands against it","evidence":[]}
{"id":"payload-handling","title":"Payload handling","status":"WARN","findings":["FQ023@src/transfer.js:8"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"development-practices","title":"Development practices","status":"WARN","findings":["FQ060:secret-scanning","FQ061:dependency-scanning","FQ062:static-analysis"],"reason":"medium or lower findings stand against it","evidence":[]}
EOF

case_ "(a) repository-level findings: one per missing piece, the catalogue's severity, no line"
for rs in FQ060:medium FQ061:low FQ062:low FQ064:medium FQ065:medium FQ067:low FQ068:info; do
	expect_n 1 ".rule_id == \"${rs%%:*}\" and .severity == \"${rs#*:}\" and .path == \"\" and (has(\"line\") | not)"
done
expect_n 3 '.rule_id == "FQ063" and .severity == "medium" and .checklist == "C03"'
expect_n 3 '.rule_id == "FQ066" and .severity == "low" and .checklist == "C05"'
case_ "(a) each message names what is missing and what was looked for"
for m in "an invalid API key" "a network failure" "an expired key"; do
	expect_n 1 ".rule_id == \"FQ063\" and (.message | startswith(\"no test exercises $m\")) and (.message | contains(\"test_*.py\"))"
done
expect_n 0 '.rule_id == "FQ063" and (.message | contains("policy that does not exist"))'
for m in "signature verification failures" "keys approaching expiration" "unusual operation volume"; do
	expect_n 1 ".rule_id == \"FQ066\" and (.message | startswith(\"no alert for $m\")) and (.message | contains(\"Prometheus\"))"
done
expect_n 1 '.rule_id == "FQ060" and (.message | contains(".github/workflows/*.yml")) and (.message | contains("gitleaks"))'
expect_n 1 '.rule_id == "FQ068" and (.message | contains("attestations: C08"))'
case_ "(a) the fingerprint of a repository finding is its rule, the empty path and its check key"
jq -e --argjson repo "$REPO_FPS" \
	'[.findings[] | select(.rule_id | test("^FQ06")) | .fingerprint] | length == 13 and (. - ($repo | keys) == [])' \
	"$OUT" >/dev/null || fail "repository findings: not 13, or a fingerprint that is not rule + \"\" + check key"
no_key_in "$OUT"

case_ "(b) audit of a repository that passes every item (C10 needs a probe)"
fq b audit --format json "$B"
expect_rc 0
expect_n 0 'true'
expect_checklist passing "$OUT" <<'EOF'
{"id":"C01","title":"API keys stored in secrets manager","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"src/client.js","line":3,"what":"reads FOURQ_API_KEY from the environment (process.env)"}]}
{"id":"C02","title":"Separate keys for each environment","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"C03","title":"Error handling implemented","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"tests/transfer.test.js","line":7,"what":"test exercises an invalid API key (\"invalid API key\")"},{"path":"tests/transfer.test.js","line":20,"what":"test exercises an expired key (\"expired key\")"},{"path":"tests/transfer.test.js","line":12,"what":"test exercises a network failure (\"replyWithError\")"},{"path":"tests/transfer.test.js","line":16,"what":"test exercises a policy that does not exist (\"policy not found\")"}]}
{"id":"C04","title":"No payloads logged","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"C05","title":"Alerts configured","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"monitoring/alerts.yml","line":7,"what":"Prometheus alert rule for API key authentication failures (\"FourQAuthenticationFailures\")"},{"path":"monitoring/alerts.yml","line":4,"what":"Prometheus alert rule for the error rate (\"FourQHighErrorRate\")"},{"path":"monitoring/alerts.yml","line":11,"what":"Prometheus alert rule for keys approaching expiration (\"FourQKeyExpiringSoon\")"},{"path":"monitoring/alerts.yml","line":9,"what":"Prometheus alert rule for signature verification failures (\"FourQSignatureVerificationFailures\")"},{"path":"monitoring/alerts.yml","line":13,"what":"Prometheus alert rule for unusual operation volume (\"FourQUnusualOperationVolume\")"}]}
{"id":"C06","title":"Key rotation plan documented","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"SECURITY.md","line":3,"what":"documents key rotation (schedule, overlap or retirement)"}]}
{"id":"C07","title":"Incident response plan documented","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"SECURITY.md","line":8,"what":"documents what to do when a key is compromised"}]}
{"id":"C08","title":"Access controls reviewed","status":"PASS","findings":[],"reason":"attested, and nothing stands against it","evidence":[],"attestation":{"by":"Security team","on":"@TODAY@","note":"quarterly access review","stale":false,"stale_since":null}}
{"id":"C09","title":"Audit log retention configured","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"SECURITY.md","line":17,"what":"documents audit log retention or SIEM export"}]}
{"id":"C10","title":"TLS configuration verified","status":"UNVERIFIED","findings":[],"reason":"a live TLS probe (--tls URL or probes.tls) is needed to verify it","evidence":[]}
{"id":"payload-handling","title":"Payload handling","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"development-practices","title":"Development practices","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":".github/workflows/ci.yml","line":10,"what":"GitHub Actions runs gitleaks"},{"path":".github/dependabot.yml","line":2,"what":"Dependabot is configured"},{"path":".github/workflows/ci.yml","line":11,"what":"GitHub Actions runs CodeQL"}]}
EOF

case_ "(c) near misses: comments, setTimeout, disk volume and certificate alerts, words far apart; a stale attestation"
fq c audit --format json "$C"
expect_rc 0
expect_checklist nearmiss "$OUT" <<'EOF'
{"id":"C01","title":"API keys stored in secrets manager","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"app/settings.py","line":4,"what":"reads FOURQ_API_KEY from the environment (os.getenv)"},{"path":"k8s/deployment.yaml","line":4,"what":"keeps the key in a Kubernetes secretKeyRef (\"secretKeyRef\")"}]}
{"id":"C02","title":"Separate keys for each environment","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"C03","title":"Error handling implemented","status":"WARN","findings":["FQ063:network-failure","FQ063:policy-not-found","FQ063:key-expiration"],"reason":"medium or lower findings stand against it","evidence":[{"path":"tests/test_client.py","line":5,"what":"test exercises an invalid API key (\"test_bad_key\")"}]}
{"id":"C04","title":"No payloads logged","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"C05","title":"Alerts configured","status":"WARN","findings":["FQ066:signature-failures","FQ066:key-expiration","FQ066:unusual-volume"],"reason":"medium or lower findings stand against it","evidence":[{"path":"infra/alarms.tf","line":2,"what":"CloudWatch alert rule for API key authentication failures (\"authentication-failures\")"},{"path":"monitors/fourq.json","line":2,"what":"Datadog alert rule for the error rate (\"error rate\")"}]}
{"id":"C06","title":"Key rotation plan documented","status":"WARN","findings":["FQ064:rotation-plan"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C07","title":"Incident response plan documented","status":"WARN","findings":["FQ065:incident-response"],"reason":"medium or lower findings stand against it","evidence":[]}
{"id":"C08","title":"Access controls reviewed","status":"WARN","findings":["FQ068:access-review"],"reason":"its attestation is older than its review period","evidence":[],"attestation":{"by":"Security team","on":"@STALE_ON@","note":"quarterly access review","stale":true,"stale_since":"@STALE_SINCE@"}}
{"id":"C09","title":"Audit log retention configured","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[{"path":"infra/logs.tf","line":3,"what":"configures log retention (\"retention_in_days\")"}]}
{"id":"C10","title":"TLS configuration verified","status":"UNVERIFIED","findings":[],"reason":"a live TLS probe (--tls URL or probes.tls) is needed to verify it","evidence":[]}
{"id":"payload-handling","title":"Payload handling","status":"PASS","findings":[],"reason":"the evidence is there and nothing stands against it","evidence":[]}
{"id":"development-practices","title":"Development practices","status":"WARN","findings":["FQ060:secret-scanning"],"reason":"medium or lower findings stand against it","evidence":[{"path":".github/workflows/ci.yml","line":10,"what":"GitHub Actions runs npm audit"},{"path":"package.json","line":3,"what":"ESLint configuration loads eslint-plugin-security"}]}
EOF
case_ "(c) a stale attestation: FQ068 says since when"
expect_n 1 ".rule_id == \"FQ068\" and .severity == \"info\" and (.message | contains(\"on $STALE_ON\")) and (.message | contains(\"stale since $STALE_SINCE\"))"

case_ "an attestation exactly one period old is stale; one day younger is fresh"
mkdir -p "$T/cfg"
printf 'attestations:\n  C08: { by: "x", on: %s, period_days: 30 }\n' "$(days_ago 30)" >"$T/cfg/edge.yml"
fq edge audit --format json --config "$T/cfg/edge.yml" "$B"
jqt '.checklist[] | select(.id == "C08") | .status == "WARN" and .attestation.stale'
expect_n 1 '.rule_id == "FQ068"'
printf 'attestations:\n  C08: { by: "x", on: %s, period_days: 30 }\n' "$(days_ago 29)" >"$T/cfg/fresh.yml"
fq fresh audit --format json --config "$T/cfg/fresh.yml" "$B"
jqt '.checklist[] | select(.id == "C08") | .status == "PASS" and (.attestation.stale | not)'
expect_n 0 '.rule_id == "FQ068"'

case_ "rules disabled in the config leave no finding (scanning that runs outside the repository)"
printf 'rules:\n  FQ060: { enabled: false }\n  FQ061: { enabled: false }\n  FQ062: { enabled: false }\n' >"$T/cfg/off.yml"
fq off audit --format json --config "$T/cfg/off.yml" "$A"
expect_n 0 '.rule_id == "FQ060" or .rule_id == "FQ061" or .rule_id == "FQ062"'
jqt '.checklist_sections[] | select(.id == "development-practices") | .status == "PASS"'

case_ "scan (not audit) runs no repository check"
for r in "$A" "$B" "$C"; do
	fq "scan-$(basename "$r")" scan --format json "$r"
	expect_n 0 '.rule_id | test("^FQ06")'
	# without findings, an item whose evidence is a repository check was not verified
	jqt '[.checklist[] | select(.id == "C03" or .id == "C05" or .id == "C06" or .id == "C07" or .id == "C09")
	      | select(.findings == []) | .status] | all(. == "UNVERIFIED")'
	jqt '.checklist_sections[] | select(.id == "development-practices") | .status == "UNVERIFIED"'
	jqt '[.checklist[], .checklist_sections[] | .evidence[]] == []' "$OUT" "no repository evidence outside audit"
done

case_ "audit --rev reads the tree of a revision"
fq rev audit --format json --rev HEAD "$B"
expect_rc 0
jqt '[.checklist[] | .status] == ["PASS","PASS","PASS","PASS","PASS","PASS","PASS","PASS","PASS","UNVERIFIED"]'

case_ "the report does not depend on --jobs"
fq j1 audit --format json --jobs 1 "$C"
J1=$OUT
fq j8 audit --format json --jobs 8 "$C"
diff <(jq 'del(.stats.elapsed_ms)' "$J1") <(jq 'del(.stats.elapsed_ms)' "$OUT") >/dev/null ||
	fail "audit --jobs 1 and --jobs 8 differ"

case_ "SARIF, text and JUnit carry the repository findings"
fq sarif audit --format sarif "$A"
expect_rc 1
jqt '[.runs[0].results[] | select(.ruleId | test("^FQ06"))] | length == 13'
jqt '[.runs[0].results[] | select(.ruleId | test("^FQ06")) | .locations[0].physicalLocation.artifactLocation.uri] | all(. == ".")'
fq text audit --format text --no-color "$A"
expect_rc 1
grep -q 'FQ066' "$OUT" || fail "the text report lacks FQ066"
fq junit audit --format junit "$A"
expect_rc 1
grep -q 'FQ064' "$OUT" || fail "the JUnit report lacks FQ064"
no_key_in "$T/out/sarif.out" "$T/out/text.out" "$T/out/junit.out"

case_ "explain says what each repository check looks for"
for spec in "FQ060:.github/workflows gitleaks pre-commit" "FQ061:dependabot.yml renovate.json pip-audit" \
	"FQ062:codeql-action eslint-plugin-security Bandit" "FQ063:INVALID_API_KEY ECONNREFUSED POLICY_NOT_FOUND KEY_EXPIRED" \
	"FQ064:SECURITY.md quarterly overlap" "FQ065:compromised revoke" \
	"FQ066:Prometheus CloudWatch SIGNATURE_INVALID" "FQ067:retention_in_days SIEM" "FQ068:attestations period_days"; do
	id=${spec%%:*}
	fq "explain-$id" explain "$id"
	expect_rc 0
	if grep -q 'does not run this rule yet' "$OUT"; then fail "explain $id says the rule does not run"; fi
	for word in ${spec#*:}; do
		grep -qF -- "$word" "$OUT" || fail "explain $id does not mention $word"
	done
done

finish
