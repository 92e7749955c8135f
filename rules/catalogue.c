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
	  ".template) are fine. High when it holds a 4Quays key, else medium.",
	  "git rm --cached the file, add it to .gitignore and commit a .env.example instead.",
	  NULL, NULL },
	{ "FQ060", "ci-secret-scanning-missing", FQ_SEV_MEDIUM, "development-practices", 0, REPO, 0,
	  "No secret scanning in CI", "No CI configuration runs a secret scanner.",
	  "Run fourq-scan (or gitleaks, trufflehog...) in CI on every pull request.", NULL, NULL },
	{ "FQ061", "ci-dependency-scanning-missing", FQ_SEV_LOW, "development-practices", 0, REPO, 0,
	  "No dependency vulnerability scanning", "No dependency scanning (npm audit, Dependabot...).",
	  "Enable Dependabot, Renovate or an audit step in CI.", NULL, NULL },
	{ "FQ062", "ci-static-analysis-missing", FQ_SEV_LOW, "development-practices", 0, REPO, 0,
	  "No static analysis for security", "No CodeQL, Semgrep, Bandit, gosec or ESLint security plugin.",
	  "Add a static analysis step to CI.", NULL, NULL },
	{ "FQ063", "failure-scenarios-untested", FQ_SEV_MEDIUM, "C03", 0, REPO, 0,
	  "A failure scenario of the guide is untested",
	  "Tests never exercise one of: invalid API key, network failure, policy not found, key expiration.",
	  "Add a test for each failure scenario.", NULL, NULL },
	{ "FQ064", "key-rotation-plan-missing", FQ_SEV_MEDIUM, "C06", 0, REPO, 0,
	  "No key rotation plan", "No document describes rotating 4Quays keys.",
	  "Document schedule, overlap and retirement of keys.", NULL, NULL },
	{ "FQ065", "incident-response-plan-missing", FQ_SEV_MEDIUM, "C07", 0, REPO, 0,
	  "No incident response plan", "No document says what to do when a key is compromised.",
	  "Write a runbook: revoke, replace, review audit logs, assess, document.", NULL, NULL },
	{ "FQ066", "alerts-missing", FQ_SEV_LOW, "C05", 0, REPO, 0,
	  "An essential alert is missing", "No alert rule for one of the guide's five essential alerts.",
	  "Add alert rules for error rate, authentication failures, signature failures, key "
	  "expiration and unusual volume.", NULL, NULL },
	{ "FQ067", "audit-log-retention-missing", FQ_SEV_LOW, "C09", 0, REPO, 0,
	  "No audit log retention", "No configuration of audit log retention or SIEM export.",
	  "Configure retention and export to your SIEM.", NULL, NULL },
	{ "FQ068", "access-review-missing", FQ_SEV_INFO, "C08", 0, REPO, 0,
	  "No recorded access review", "No attestation of an access-control review.",
	  "Record the review as an attestation in .fourq-scan.yml.", NULL, NULL },
	{ "FQ070", "tls-legacy-protocol-accepted", FQ_SEV_HIGH, "C10", 326, PROBE, 0,
	  "Endpoint accepts TLS 1.0 or 1.1", "The endpoint completes a handshake at TLS 1.0 or 1.1.",
	  "Disable TLS 1.0 and 1.1 on the server.", NULL, NULL },
	{ "FQ071", "tls13-not-supported", FQ_SEV_LOW, "C10", 0, PROBE, 0,
	  "Endpoint does not support TLS 1.3", "The endpoint cannot negotiate TLS 1.3.",
	  "Enable TLS 1.3.", NULL, NULL },
	{ "FQ072", "certificate-invalid", FQ_SEV_CRITICAL, "C10", 295, PROBE, 0,
	  "Certificate invalid", "Chain or host name verification fails, or the certificate expired.",
	  "Install a valid certificate for the host name.", NULL, NULL },
	{ "FQ073", "certificate-expiring", FQ_SEV_MEDIUM, "C10", 298, PROBE, 0,
	  "Certificate expiring soon", "The certificate expires within the warning window.",
	  "Renew the certificate.", NULL, NULL },
	{ "FQ074", "weak-cipher-negotiated", FQ_SEV_MEDIUM, "C10", 327, PROBE, 0,
	  "Weak cipher suite negotiated", "The suite lacks forward secrecy or has under 128-bit strength.",
	  "Allow only ECDHE/DHE AEAD suites.", NULL, NULL },
	{ "FQ075", "key-expired", FQ_SEV_CRITICAL, "C06", 324, PROBE, 0,
	  "4Quays key expired but active", "A key past its expiry is still active.",
	  "Rotate the key and retire the old one.", NULL, NULL },
	{ "FQ076", "key-expiring", FQ_SEV_MEDIUM, "C06", 0, PROBE, 0,
	  "4Quays key expiring soon", "A key expires within the warning window.",
	  "Plan the rotation now.", NULL, NULL },
	{ "FQ077", "key-rotation-overdue", FQ_SEV_MEDIUM, "C06", 0, PROBE, 0,
	  "4Quays key rotation overdue",
	  "A key is older than the guide's schedule: API keys 90 days, signing and encryption keys 365 days.",
	  "Rotate the key.", NULL, NULL },
	{ "FQ078", "probe-failed", FQ_SEV_HIGH, "C10", 0, PROBE, 0,
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
