/*
 * The rule table.  Texts paraphrase the 4Quays security best-practices guide;
 * `implemented` says whether this build emits the rule's findings, so that the
 * checklist can tell "nothing found" apart from "never looked".
 */
#include "rule.h"

#include <string.h>
#include <strings.h>

#define TEXT FQ_STAGE_TEXT
#define CODE FQ_STAGE_CODE
#define REPO FQ_STAGE_REPO
#define PROBE FQ_STAGE_PROBE

const fq_rule fq_rules[] = {
	{ "FQ001", "hardcoded-api-key", FQ_SEV_CRITICAL, "C01", 798, TEXT, 1,
	  "4Quays API key hard-coded in a tracked file",
	  "A 4Quays secret key literal (sk_live_, sk_test_ or sk_admin_ followed by 16 or more "
	  "letters and digits) appears in a file. The guide: store API keys in environment "
	  "variables or a secrets manager, never commit them to source control. Live and admin "
	  "keys are critical, test keys medium. Obvious placeholders (sk_live_xxxxxxxx, "
	  "sequential or repeated characters, low entropy) are ignored unless "
	  "--include-placeholders is given.",
	  "Revoke the key in the 4Quays console now, issue a new one, store it in a secrets "
	  "manager and read it at run time (process.env.FOURQ_API_KEY, os.environ[\"FOURQ_API_KEY\"]).",
	  "const apiKey = 'sk_live_...'; // hard-coded",
	  "const apiKey = process.env.FOURQ_API_KEY;" },
	{ "FQ002", "api-key-in-history", FQ_SEV_CRITICAL, "C01", 798, TEXT, 1,
	  "4Quays API key still present in git history",
	  "A key that was committed and later deleted: it is no longer at HEAD but every clone "
	  "still holds it. Deleting a key does not un-leak it. Reported once per key with the "
	  "commit that introduced it.",
	  "Revoke and rotate the key; rewriting history is optional once the key is dead.",
	  NULL, NULL },
	{ "FQ003", "api-key-logged", FQ_SEV_HIGH, "C04", 532, CODE, 1,
	  "API key passed to a logging call",
	  "A logging call receives an API key (an apiKey/secretKey identifier, the key environment "
	  "variable or a key literal). The guide: never log API keys.",
	  "Log a key identifier or nothing; never the key.",
	  "logger.info('using key', apiKey);", "logger.info('client ready');" },
	{ "FQ004", "key-environment-mismatch", FQ_SEV_HIGH, "C02", 0, TEXT, 1,
	  "Live key outside production, or test key in production",
	  "An sk_live_ key appears in a development or staging context, or an sk_test_ key in a "
	  "production context. The guide: use test keys for development and live keys only in "
	  "production.",
	  "Use an sk_test_ key from a separate 4Quays organisation for non-production "
	  "environments and an sk_live_ key only in production.",
	  "# .env.staging\nFOURQ_API_KEY=sk_live_...", "# .env.staging\nFOURQ_API_KEY=${FOURQ_STAGING_KEY}" },
	{ "FQ005", "key-shared-across-environments", FQ_SEV_HIGH, "C02", 0, TEXT, 1,
	  "The same key is used in several environments",
	  "One key appears in the contexts of two or more environments. The guide: use separate "
	  "keys (and organisations) for development, staging and production, so audit trails stay "
	  "isolated and no operation crosses environments.",
	  "Issue one key per environment and rotate the shared one.", NULL, NULL },
	{ "FQ006", "admin-key-for-operations", FQ_SEV_MEDIUM, "C08", 250, CODE, 1,
	  "Admin key used for protect/unprotect operations",
	  "An sk_admin_ key (or an environment variable whose name holds ADMIN) configures the "
	  "client that makes protect/unprotect calls. The guide: use admin keys only for "
	  "administrative operations.",
	  "Give operational clients an sk_live_/sk_test_ key with the least privilege.", NULL, NULL },
	{ "FQ010", "policy-name-without-environment", FQ_SEV_MEDIUM, "C02", 0, CODE, 1,
	  "Policy name has no environment segment",
	  "A policy name such as BANK-TRANSFER-001 does not say which environment it belongs to. "
	  "The guide: use consistent naming that includes the environment (BANK-TRANSFER-PROD-001).",
	  "Rename the policy with DEV, STAGE or PROD in it.", "protect(p, 'BANK-TRANSFER-001')",
	  "protect(p, 'BANK-TRANSFER-PROD-001')" },
	{ "FQ011", "policy-environment-mismatch", FQ_SEV_HIGH, "C02", 0, CODE, 1,
	  "Policy environment differs from the file's environment",
	  "A policy's environment segment (e.g. DEV) differs from the environment of the file it "
	  "is used in (e.g. a production config, or beside an sk_live_ key).",
	  "Use the policy of the environment the code runs in, chosen by configuration.", NULL, NULL },
	{ "FQ020", "payload-logged", FQ_SEV_HIGH, "C04", 532, CODE, 1,
	  "Payload or plaintext passed to a logging call",
	  "A logging call receives a payload given to protect/unprotect or the plaintext returned "
	  "by unprotect. The guide: log errors without exposing sensitive data; never log the payload.",
	  "Log the error code and request ID only.", "logger.error({ payload });",
	  "logger.error({ code: error.code, requestId: error.requestId });" },
	{ "FQ021", "protected-payload-mutated", FQ_SEV_HIGH, "payload-handling", 345, CODE, 1,
	  "Protected payload modified after protect",
	  "A value returned by protect is changed afterwards. The guide: treat protected payloads "
	  "as opaque; modifying them corrupts the payload.",
	  "Wrap the protected payload in a new object instead of changing it.",
	  "protected.extra = 'field';", "await send({ data: protected, extra: 'field' });" },
	{ "FQ022", "sensitive-field-in-payload", FQ_SEV_MEDIUM, "payload-handling", 359, CODE, 1,
	  "Unnecessary sensitive field in a payload",
	  "A payload holds fields such as ssn, password or a full credit history, or a whole "
	  "request body. The guide: minimise sensitive data, include only what is needed.",
	  "Build the payload from the fields the receiver needs.", NULL, NULL },
	{ "FQ023", "payload-not-validated", FQ_SEV_LOW, "payload-handling", 20, CODE, 1,
	  "Payload protected without validation",
	  "The payload does not come from a validation step in the same function. The guide: "
	  "validate data before protecting.",
	  "Validate with a schema (zod, Joi, pydantic...) and protect the validated value.",
	  "await fourq.protect(req.body, 'P');",
	  "const v = schema.parse(req.body); await fourq.protect(v, 'P');" },
	{ "FQ030", "signature-failure-unhandled", FQ_SEV_MEDIUM, "C03", 347, CODE, 1,
	  "Signature verification failure not handled",
	  "An unprotect call's error handling does not tell SIGNATURE_INVALID apart. The guide: "
	  "signature failures may indicate tampering; alert the security team.",
	  "Catch errors and branch on error.code === 'SIGNATURE_INVALID'.", NULL, NULL },
	{ "FQ031", "crypto-error-unhandled", FQ_SEV_LOW, "C03", 755, CODE, 1,
	  "protect call without error handling",
	  "A protect call has no try/catch or .catch in its function.",
	  "Handle errors and log the error code and request ID.", NULL, NULL },
	{ "FQ040", "tls-verification-disabled", FQ_SEV_HIGH, "C10", 295, CODE, 1,
	  "TLS certificate verification disabled",
	  "Certificate checks are turned off (rejectUnauthorized: false, verify=False, "
	  "CERT_NONE, curl -k...). The guide requires certificate validation.",
	  "Keep verification on; add an internal CA with a CA bundle instead.", NULL, NULL },
	{ "FQ041", "weak-tls-version", FQ_SEV_HIGH, "C10", 326, CODE, 1,
	  "Minimum TLS version below 1.2",
	  "TLS 1.0 or 1.1 is allowed. The guide: minimum TLS 1.2, prefer 1.3.",
	  "Set the minimum to TLS 1.2 or 1.3.", NULL, NULL },
	{ "FQ042", "plaintext-api-endpoint", FQ_SEV_HIGH, "C10", 319, CODE, 1,
	  "4Quays API base URL uses http://",
	  "The 4Quays API is addressed over plain HTTP to a non-local host.",
	  "Use https://.", NULL, NULL },
	{ "FQ050", "env-file-committed", FQ_SEV_HIGH, "C01", 538, TEXT, 1,
	  "dotenv file tracked by git",
	  "A dotenv file (.env, .env.production...) is committed. Such files hold secrets and "
	  "belong in the environment or a secrets manager. Templates (.env.example, .sample, "
	  ".template) are fine. High when it holds a 4Quays key, else medium. A Rails credentials "
	  "key (config/master.key, config/credentials/<env>.key) committed is high: it decrypts the "
	  "credentials beside it.",
	  "git rm --cached the file, add it to .gitignore and commit a .env.example instead.",
	  NULL, NULL },
	{ "FQ060", "ci-secret-scanning-missing", FQ_SEV_MEDIUM, "development-practices", 0, REPO, 1,
	  "No secret scanning in CI",
	  "The guide: include secret scanning for API keys in CI/CD. `fourq-scan audit` reads the CI "
	  "configurations - GitHub Actions (.github/workflows/*.yml, .github/actions/*/action.yml), GitLab CI "
	  "(.gitlab-ci.yml, .gitlab/*.yml), CircleCI (.circleci/config.yml), Jenkinsfile, Azure Pipelines "
	  "(azure-pipelines*.yml), Bitbucket Pipelines (bitbucket-pipelines.yml), pre-commit "
	  "(.pre-commit-config.yaml), Git hooks (.husky/, lefthook.yml), Travis, Drone, Buildkite, Woodpecker - "
	  "for a secret scanner: fourq-scan, gitleaks, trufflehog, detect-secrets, ggshield, secretlint, "
	  "git-secrets or GitLab Secret Detection (a name in a comment does not count). One finding when none "
	  "runs one; each scanner found is listed as evidence under Development practices.",
	  "Run fourq-scan (or gitleaks, trufflehog...) on every pull request, e.g. a GitHub Actions step "
	  "`run: fourq-scan scan --since origin/main` or the gitleaks/gitleaks-action, or a pre-commit hook. If "
	  "secret scanning runs outside the repository (GitHub secret scanning), say so by disabling the rule: "
	  "rules: { FQ060: { enabled: false } } in .fourq-scan.yml.",
	  NULL, "- uses: gitleaks/gitleaks-action@v2" },
	{ "FQ061", "ci-dependency-scanning-missing", FQ_SEV_LOW, "development-practices", 0, REPO, 1,
	  "No dependency vulnerability scanning",
	  "The guide: include dependency vulnerability scanning in CI/CD. Found by a Dependabot configuration "
	  "(.github/dependabot.yml with updates), a Renovate configuration (renovate.json, renovate.json5, "
	  ".renovaterc, .github/renovate.json), or a CI configuration (as for FQ060) that runs npm audit, yarn "
	  "audit, pnpm audit, audit-ci, Dependabot, Renovate, Snyk, osv-scanner, pip-audit, safety check/scan, "
	  "Trivy, Grype, govulncheck, actions/dependency-review-action, OWASP Dependency-Check, GitLab "
	  "Dependency Scanning, cargo audit or bundler-audit. One finding when there is none.",
	  "Add .github/dependabot.yml (or renovate.json), or a CI step such as `npm audit --audit-level=high`, "
	  "`pip-audit`, `osv-scanner` or `govulncheck ./...`.",
	  NULL, "- run: npm audit --audit-level=high" },
	{ "FQ062", "ci-static-analysis-missing", FQ_SEV_LOW, "development-practices", 0, REPO, 1,
	  "No static analysis for security",
	  "The guide: include static analysis for security issues in CI/CD. Found by a CI configuration (as "
	  "for FQ060) that runs CodeQL (github/codeql-action), Semgrep, Bandit, gosec, SonarQube/SonarCloud, "
	  "GitLab SAST, njsscan or Brakeman, or by an ESLint configuration (.eslintrc*, eslint.config.*, or "
	  "package.json eslintConfig) that loads eslint-plugin-security or @microsoft/eslint-plugin-sdl. One "
	  "finding when there is none.",
	  "Add a static analysis step to CI: github/codeql-action/init + analyze, `semgrep ci`, `bandit -r src`, "
	  "`gosec ./...`, or plugin:security/recommended in the ESLint configuration that CI runs. If it runs "
	  "outside the repository (CodeQL default setup), disable the rule in .fourq-scan.yml.",
	  NULL, "- uses: github/codeql-action/analyze@v3" },
	{ "FQ063", "failure-scenarios-untested", FQ_SEV_MEDIUM, "C03", 0, REPO, 1,
	  "A failure scenario of the guide is untested",
	  "The guide: test the failure scenarios - invalid API key, network failures, policy not found, key "
	  "expiration. Test files (*.test.*, *.spec.*, test_*.py, *_test.py, *_test.go, *Test.java, "
	  "conftest.py, and anything under test/, tests/, __tests__/, spec/, e2e/) that mention protect, "
	  "fourq, 4quays or the key variable are searched, outside comments, for: invalid API key "
	  "(INVALID_API_KEY, \"invalid API key\", Unauthorized, authentication error, 401); network failure "
	  "(ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ECONNRESET, \"network error\", \"connection refused\", \"timed "
	  "out\", TimeoutError, ConnectionError, nock replyWithError); policy not found (POLICY_NOT_FOUND, "
	  "\"policy not found\", \"unknown policy\", \"no such policy\"); key expiration (KEY_EXPIRED, "
	  "\"expired key\", \"key expired\", \"key expiration\"). One finding per scenario no test covers.",
	  "Add a test per missing scenario that makes the client fail that way and checks the error is "
	  "handled (and, for an invalid or expired key, alerted on).",
	  NULL,
	  "await expect(fourq.protect(payload, 'INVALID-POLICY')).rejects.toThrow('POLICY_NOT_FOUND');" },
	{ "FQ064", "key-rotation-plan-missing", FQ_SEV_MEDIUM, "C06", 0, REPO, 1,
	  "No key rotation plan",
	  "The guide: rotate API keys at least quarterly, signing and encryption keys annually, with an "
	  "overlap period before the old key is deprecated and retired. A document (SECURITY.md, docs/, "
	  "runbooks: any .md, .markdown, .mdx, .rst, .txt, .adoc, .org file, or SECURITY/RUNBOOK without an "
	  "extension) counts when a word of rotation (rotate, rotation) has, within ten lines, a key word (key, "
	  "API key, credential, secret) and a plan word (quarterly, annually, monthly, every N days, N days, "
	  "schedule, overlap, grace period, retire, deprecate). One finding when no document has them.",
	  "Write down the rotation: which keys, how often (API keys quarterly, signing and encryption keys "
	  "annually), and the transition: generate the new key, update policies, overlap, verify, deprecate "
	  "and retire the old key after a grace period.",
	  NULL, "API keys are rotated quarterly; the old key stays valid for a 7-day overlap, then it is retired." },
	{ "FQ065", "incident-response-plan-missing", FQ_SEV_MEDIUM, "C07", 0, REPO, 1,
	  "No incident response plan",
	  "The guide: if an API key is compromised, revoke it immediately, generate a new key and update the "
	  "applications, review the audit logs, assess the impact and document the incident. A document (as "
	  "for FQ064) counts when a word of compromise (compromised, leaked, exposed, stolen) has, within ten "
	  "lines, a key word (key, API key, credential, secret) and an action on the key (revoke, revocation, "
	  "rotate, replace, deactivate, disable, invalidate). One finding when no document has them.",
	  "Write the runbook for a compromised key (in SECURITY.md or docs/runbooks/): revoke, replace, review "
	  "audit logs, assess, document - and who is on call for it.",
	  NULL, "If an API key is compromised: revoke it in the 4Quays console at once, then ..." },
	{ "FQ066", "alerts-missing", FQ_SEV_LOW, "C05", 0, REPO, 1,
	  "An essential alert is missing",
	  "The guide's essential alerts: error rate > 1%, API key authentication failures, signature "
	  "verification failures, key approaching expiration, unusual operation volume. Alert rule files are "
	  "YAML, JSON, Terraform, HCL or Jsonnet files holding Prometheus/Alertmanager rules (alert:), Grafana "
	  "alert rules (noDataState, grafana_rule_group), Datadog monitors (datadog_monitor, \"metric alert\"), "
	  "CloudWatch alarms (aws_cloudwatch_metric_alarm, AWS::CloudWatch::Alarm), Sentry (sentry_issue_alert, "
	  "sentry_metric_alert), PagerDuty event rules, New Relic, Azure Monitor or Google Cloud Monitoring "
	  "alert policies. In them, outside comments: error rate (error rate/ratio, failure rate, 5xx); "
	  "authentication failures (auth failure, unauthorized, 401, INVALID_API_KEY); signature failures "
	  "(SIGNATURE_INVALID, signature verification failed, invalid signature); key expiration (key "
	  "expiry/expiring/expired, days until key expiry); unusual volume (unusual, abnormal, anomalous, spike "
	  "or surge in volume, traffic, requests or operations; operation or request volume; Datadog "
	  "anomalies()). One finding per alert not found.",
	  "Add the missing alert rules next to the others, e.g. Prometheus: alert: FourQSignatureFailures, "
	  "expr: increase(fourq_errors_total{code=\"SIGNATURE_INVALID\"}[5m]) > 0.",
	  NULL, "{ alert: FourQHighErrorRate, expr: rate(fourq_errors_total[5m]) / rate(fourq_requests_total[5m]) > 0.01 }" },
	{ "FQ067", "audit-log-retention-missing", FQ_SEV_LOW, "C09", 0, REPO, 1,
	  "No audit log retention",
	  "The guide: configure log retention, export logs to your SIEM if required, document retention for "
	  "compliance audits. Found by configuration (YAML, JSON, Terraform, HCL, TOML, INI...) that sets a "
	  "retention (retention_in_days, RetentionInDays, retention_days, retention_period, log_retention, "
	  "retention: 30d) within ten lines of the word log, logging or audit, or exports logs (Splunk, SIEM, "
	  "Sumo Logic, QRadar, a CloudWatch log subscription filter, a logging sink, an Azure diagnostic "
	  "setting); or by a document (as for FQ064) that mentions retention, SIEM, Splunk or exporting logs "
	  "within ten lines of log or audit. One finding when there is none.",
	  "Set how long audit logs are kept (e.g. retention_in_days = 365 on the log group) and export them to "
	  "your SIEM; document the retention for compliance audits.",
	  NULL, "resource \"aws_cloudwatch_log_group\" \"audit\" { retention_in_days = 365 }" },
	{ "FQ068", "access-review-missing", FQ_SEV_INFO, "C08", 0, REPO, 1,
	  "No recorded access review",
	  "The guide: least privilege, admin and operational access separate, regular access reviews. Only a "
	  "person can review access, so the review is recorded as an attestation of checklist item C08 in "
	  ".fourq-scan.yml (who, when, period_days, default 90). One finding when there is none, or when it is "
	  "older than its review period (the checklist shows it stale, with the date it went stale).",
	  "Review who holds 4Quays keys and admin access, then record it: attestations: C08: { by: \"Security "
	  "team\", on: 2026-10-01, note: \"quarterly access review\", period_days: 90 }.",
	  NULL, NULL },
	{ "FQ070", "tls-legacy-protocol-accepted", FQ_SEV_HIGH, "C10", 326, PROBE, 1,
	  "Endpoint accepts TLS 1.0 or 1.1", "The endpoint completes a handshake at TLS 1.0 or 1.1.",
	  "Disable TLS 1.0 and 1.1 on the server.", NULL, NULL },
	{ "FQ071", "tls13-not-supported", FQ_SEV_LOW, "C10", 0, PROBE, 1,
	  "Endpoint does not support TLS 1.3", "The endpoint cannot negotiate TLS 1.3.",
	  "Enable TLS 1.3.", NULL, NULL },
	{ "FQ072", "certificate-invalid", FQ_SEV_CRITICAL, "C10", 295, PROBE, 1,
	  "Certificate invalid", "Chain or host name verification fails, or the certificate expired.",
	  "Install a valid certificate for the host name.", NULL, NULL },
	{ "FQ073", "certificate-expiring", FQ_SEV_MEDIUM, "C10", 298, PROBE, 1,
	  "Certificate expiring soon", "The certificate expires within the warning window.",
	  "Renew the certificate.", NULL, NULL },
	{ "FQ074", "weak-cipher-negotiated", FQ_SEV_MEDIUM, "C10", 327, PROBE, 1,
	  "Weak cipher suite negotiated", "The suite lacks forward secrecy or has under 128-bit strength.",
	  "Allow only ECDHE/DHE AEAD suites.", NULL, NULL },
	{ "FQ075", "key-expired", FQ_SEV_CRITICAL, "C06", 324, PROBE, 1,
	  "4Quays key expired but active", "A key past its expiry is still active.",
	  "Rotate the key and retire the old one.", NULL, NULL },
	{ "FQ076", "key-expiring", FQ_SEV_MEDIUM, "C06", 0, PROBE, 1,
	  "4Quays key expiring soon", "A key expires within the warning window.",
	  "Plan the rotation now.", NULL, NULL },
	{ "FQ077", "key-rotation-overdue", FQ_SEV_MEDIUM, "C06", 0, PROBE, 1,
	  "4Quays key rotation overdue",
	  "A key is older than the guide's schedule: API keys 90 days, signing and encryption keys 365 days.",
	  "Rotate the key.", NULL, NULL },
	{ "FQ078", "probe-failed", FQ_SEV_HIGH, "C10", 0, PROBE, 1,
	  "Probe could not run", "An endpoint or the key API could not be reached or answered badly.",
	  "Check the URL, network and credentials; a probe that cannot run is never a pass.", NULL, NULL },
};

const size_t fq_rules_count = sizeof(fq_rules) / sizeof(fq_rules[0]);

const fq_rule *fq_rule_find(const char *id_or_slug)
{
	size_t i;

	for (i = 0; i < fq_rules_count; i++) {
		if (strcasecmp(fq_rules[i].id, id_or_slug) == 0 ||
		    strcmp(fq_rules[i].slug, id_or_slug) == 0)
			return &fq_rules[i];
	}
	return NULL;
}

size_t fq_rule_index(const fq_rule *rule)
{
	return (size_t)(rule - fq_rules);
}

static const char *const severity_names[] = { "info", "low", "medium", "high", "critical", "none" };

const char *fq_severity_name(fq_severity s)
{
	return (unsigned)s < (sizeof(severity_names) / sizeof(severity_names[0])) ? severity_names[s] : "unknown";
}

int fq_severity_parse(const char *name, fq_severity *out)
{
	size_t i;

	for (i = 0; i < sizeof(severity_names) / sizeof(severity_names[0]); i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (fq_severity)i;
			return 0;
		}
	}
	return -1;
}

const char *fq_confidence_name(fq_confidence c)
{
	switch (c) {
	case FQ_CONF_HIGH: return "high";
	case FQ_CONF_MEDIUM: return "medium";
	default: return "low";
	}
}
