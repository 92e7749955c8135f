#!/usr/bin/env bash
# Environments (SPEC §3 FQ004, FQ005, FQ050, placeholders; §4 contexts).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey K1 live env-shared
mkkey K2 live env-prod
mkkey K3 test env-prodjson
mkkey K4 test env-fixtures
mkkey K5 live env-deploy-staging
mkkey K6 live env-testfile
mkkey K7 admin env-admin
mkkey K8 live env-content
mkkey K9 live env-devoverlay
mkkey KC1 test env-config-ops
mkkey KC2 test env-config-tests
mkkey KC3 live env-config-dev

at() { printf '(.path == "%s")' "$1"; }

R=$T/envs
newrepo "$R"
mkdir -p "$R/config" "$R/tests" "$R/deploy/staging" "$R/src" "$R/k8s/overlays/dev"
printf 'FOURQ_API_KEY=%s\nFOURQ_ADMIN_KEY=%s\n' "$K1" "$K7" >"$R/.env.staging"
printf 'fourq:\n  api_key: %s\n  other_key: %s\n' "$K1" "$K2" >"$R/config/production.yaml"
printf 'FOURQ_API_KEY=%s\n' "$K2" >"$R/.env.production"
printf 'LOG_LEVEL=debug\n' >"$R/.env.development"
printf '{\n  "apiKey": "%s"\n}\n' "$K3" >"$R/config/prod.json"
printf 'module.exports = { key: "%s" };\n' "$K4" >"$R/tests/fixtures.js"
printf 'env:\n  - name: FOURQ_API_KEY\n    value: %s\n' "$K5" >"$R/deploy/staging/app.yaml"
printf 'test("pays", () => client("%s"));\n' "$K6" >"$R/src/pay.test.js"
printf 'ENVIRONMENT: staging\nkey: %s\n' "$K8" >"$R/settings.yaml"
printf 'stringData:\n  key: %s\n' "$K9" >"$R/k8s/overlays/dev/secret.yaml"
commit "$R" "environments"
printf 'LOG_LEVEL=trace\n' >"$R/.env.local" # untracked: not FQ050

fq envs scan --format json "$R"
expect_rc 1

case_ "FQ004: live key in .env.staging"
expect_n 1 ".rule_id == \"FQ004\" and $(at .env.staging) and $(has "$K1")"
jqt '[.findings[] | select(.rule_id == "FQ004")] | all(.severity == "high")'

case_ "FQ005: the same key in .env.staging and config/production.yaml"
N=$(nfind ".rule_id == \"FQ005\" and $(has "$K1")")
[ "$N" -ge 1 ] || fail "no FQ005 for the key shared by .env.staging and config/production.yaml"
jqt "[.findings[] | select(.rule_id == \"FQ005\" and $(has "$K1"))] | all(.severity == \"high\")"
jqt "[.findings[] | select(.rule_id == \"FQ005\" and $(has "$K1")) | .path] - [\".env.staging\", \"config/production.yaml\"] | length == 0"

case_ "FQ005: the same key twice in production is not shared across environments"
expect_n 0 ".rule_id == \"FQ005\" and $(has "$K2")"

case_ "FQ004: a live key in production files is not a mismatch"
expect_n 0 ".rule_id == \"FQ004\" and ($(at config/production.yaml) or $(at .env.production))"

case_ "FQ050: tracked .env.production holding a key is high"
expect_n 1 ".rule_id == \"FQ050\" and $(at .env.production) and .severity == \"high\""
expect_n 1 ".rule_id == \"FQ050\" and $(at .env.staging) and .severity == \"high\""
case_ "FQ050: tracked dotenv without a key is medium"
expect_n 1 ".rule_id == \"FQ050\" and $(at .env.development) and .severity == \"medium\""
case_ "FQ050: an untracked dotenv is not committed"
expect_n 0 "$(at .env.local)"

case_ "FQ004: test key in config/prod.json"
expect_n 1 ".rule_id == \"FQ004\" and $(at config/prod.json) and $(has "$K3")"
expect_n 1 ".rule_id == \"FQ001\" and $(at config/prod.json) and .severity == \"medium\""

case_ "FQ004: test key in tests/fixtures.js is not a mismatch"
expect_n 0 ".rule_id == \"FQ004\" and $(at tests/fixtures.js)"
expect_n 1 ".rule_id == \"FQ001\" and $(at tests/fixtures.js) and .severity == \"medium\""

case_ "FQ004: live key under deploy/staging/"
expect_n 1 ".rule_id == \"FQ004\" and $(at deploy/staging/app.yaml)"
case_ "FQ004: live key under k8s/overlays/dev/"
expect_n 1 ".rule_id == \"FQ004\" and $(at k8s/overlays/dev/secret.yaml)"
case_ "FQ004: live key in a test file (*.test.js)"
expect_n 1 ".rule_id == \"FQ004\" and $(at src/pay.test.js)"
case_ "FQ004: environment from the file's content (ENVIRONMENT: staging)"
expect_n 1 ".rule_id == \"FQ004\" and $(at settings.yaml)"
case_ "FQ004: an admin key carries no environment"
expect_n 0 ".rule_id == \"FQ004\" and $(has "$K7")"
expect_n 1 ".rule_id == \"FQ001\" and $(has "$K7") and .severity == \"critical\""

case_ "FQ004/FQ005 checklist item C02 fails"
jqt '.checklist[] | select(.id == "C02") | .status == "FAIL"'

# ------------------------------------------------------- config environments
case_ "config: environments globs come first (SPEC §4)"
R=$T/cfgenv
newrepo "$R"
mkdir -p "$R/ops" "$R/tests/prodlike" "$R/deploy/prod"
cat >"$R/.fourq-scan.yml" <<'YAML'
environments:
  "ops/**": production
  "tests/prodlike/**": production
  "deploy/prod/**": development
YAML
printf 'key: %s\n' "$KC1" >"$R/ops/app.yaml"
printf 'module.exports = "%s";\n' "$KC2" >"$R/tests/prodlike/keys.js"
printf 'key: %s\n' "$KC3" >"$R/deploy/prod/app.yaml"
commit "$R" "config environments"
fq cfg scan --format json "$R"
expect_rc 1
expect_n 1 '.rule_id == "FQ004" and .path == "ops/app.yaml"' "$OUT" "a test key in a path the config calls production"
expect_n 1 '.rule_id == "FQ004" and .path == "tests/prodlike/keys.js"' "$OUT" "the config glob wins over the tests/ path rule"
expect_n 1 '.rule_id == "FQ004" and .path == "deploy/prod/app.yaml"' "$OUT" "the config glob wins over the prod path rule: a live key in development"
fq cfg-explicit scan --config "$R/.fourq-scan.yml" --format json "$R"
expect_rc 1
expect_n 3 '.rule_id == "FQ004"' "$OUT" "the same with --config"

# ------------------------------------------------------------ placeholders
PH_YOUR="sk_live_""YOUR_KEY_HERE"
PH_X="sk_test_""xxxxxxxxxxxxxxxxxxxx"
PH_SEQ="sk_live_""1234567890abcdef1234"
PH_REP="sk_live_""abababababababababab"
PH_WORD="sk_test_""YourSecretKeyGoesHere"
R=$T/examples
newrepo "$R"
mkdir -p "$R/docs"
printf 'FOURQ_API_KEY=%s\n' "$PH_YOUR" >"$R/.env.example"
printf 'FOURQ_API_KEY=\n' >"$R/.env.sample"
printf 'FOURQ_API_KEY=<your key>\n' >"$R/.env.template"
printf 'Set `%s` or `%s` or `%s`.\n' "$PH_X" "$PH_SEQ" "$PH_REP" >"$R/docs/setup.md"
printf 'client = Client("%s")\n' "$PH_WORD" >"$R/docs/example.py"
commit "$R" "examples"

case_ ".env.example with a placeholder key gives nothing at all"
fq ex scan --format json "$R"
expect_rc 0
jqt '.findings == []' "$OUT" "no FQ001, FQ004 or FQ050 for example dotenv files and placeholders"

case_ "--include-placeholders reports placeholders as info"
fq ex-ph scan --include-placeholders --format json "$R"
expect_rc 0
jqt '(.findings | length) >= 3'
jqt '[.findings[] | select(.rule_id != "FQ001")] | length == 0' "$OUT" "placeholders are FQ001 only, no FQ004/FQ005/FQ050"
jqt '.findings | all(.severity == "info")'
expect_n 3 '.path == "docs/setup.md"'
expect_n 1 '.path == "docs/example.py"'

finish
