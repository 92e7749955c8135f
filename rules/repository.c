/*
 * Repository checks (SPEC §3, FQ060-FQ068), run by `fourq-scan audit` only:
 * is there evidence in the repository that the guide's practices are in
 * place?  CI that scans for secrets, vulnerable dependencies and insecure
 * code; tests of the four failure scenarios; documents for key rotation,
 * compromised keys and log retention; alert rules for the five essential
 * alerts; an access review attested in the config.  On the way it records
 * where the API key comes from (the environment, a secrets manager) as C01
 * evidence.
 *
 * scan_text runs on every text file on the worker threads: it classifies the
 * file by its path, runs cheap literal pre-checks and only then the patterns,
 * and records what it finds as evidence ("FQ066:error-rate" at file:line) on
 * the worker's own list.  finish, once, on the merged evidence, turns every
 * piece that nobody found into one repository-level finding whose message
 * says what was looked for and how to provide it.  The patterns are shared
 * lazily compiled regexes (util/regex.h); nothing else here is mutable.
 */
#define _GNU_SOURCE
#include "family.h"
#include "../scanner/config.h"
#include "../util/common.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Lines this far apart still count as "together" in a document. */
#define WINDOW_LINES 10
#define WINDOW_BYTES 4096
/* Longest piece of matched text quoted in an evidence line. */
#define QUOTE_MAX 48

#define CI FQ_RE_CASELESS
/* A tool name standing alone: not part of a longer identifier. */
#define WORD(w) "(?<![A-Za-z0-9_])" w "(?![A-Za-z0-9_])"

/* ---- paths ------------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ext_in(const char *path, const char *const *exts, size_t n)
{
	const char *base = base_name(path);
	size_t i;

	for (i = 0; i < n; i++) {
		if (ends_with(base, exts[i]) && strlen(base) > strlen(exts[i]))
			return 1;
	}
	return 0;
}

static int is_yaml(const char *path)
{
	return ends_with(path, ".yml") || ends_with(path, ".yaml");
}

/* The CI system a file configures, or NULL. */
static const char *ci_name(const char *path)
{
	const char *base = base_name(path);

	if (starts_with(path, ".github/workflows/") && !strchr(path + 18, '/') && is_yaml(path))
		return "GitHub Actions";
	if (starts_with(path, ".github/actions/") && (!strcmp(base, "action.yml") || !strcmp(base, "action.yaml")))
		return "GitHub Actions";
	if (ends_with(base, ".gitlab-ci.yml") || ends_with(base, ".gitlab-ci.yaml") ||
	    (starts_with(path, ".gitlab/") && is_yaml(path) && !strstr(path, "renovate")))
		return "GitLab CI";
	if (starts_with(path, ".circleci/") && is_yaml(path))
		return "CircleCI";
	if (starts_with(base, "Jenkinsfile") || ends_with(base, ".jenkinsfile"))
		return "Jenkins";
	if ((starts_with(base, "azure-pipelines") && is_yaml(base)) ||
	    (starts_with(path, ".azure-pipelines/") && is_yaml(path)))
		return "Azure Pipelines";
	if (!strcmp(base, "bitbucket-pipelines.yml") || !strcmp(base, "bitbucket-pipelines.yaml"))
		return "Bitbucket Pipelines";
	if (!strcmp(path, ".pre-commit-config.yaml") || !strcmp(path, ".pre-commit-config.yml"))
		return "pre-commit";
	if (starts_with(path, ".husky/") || !strcmp(base, "lefthook.yml") || !strcmp(base, ".lefthook.yml"))
		return "Git hooks";
	if (!strcmp(path, ".travis.yml"))
		return "Travis CI";
	if (!strcmp(path, ".drone.yml"))
		return "Drone CI";
	if (starts_with(path, ".buildkite/") && is_yaml(path))
		return "Buildkite";
	if (!strcmp(path, ".woodpecker.yml") || (starts_with(path, ".woodpecker/") && is_yaml(path)))
		return "Woodpecker CI";
	return NULL;
}

static int is_dependabot(const char *path)
{
	return !strcmp(path, ".github/dependabot.yml") || !strcmp(path, ".github/dependabot.yaml");
}

static int is_renovate(const char *path)
{
	static const char *const names[] = {
		"renovate.json", "renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5",
		".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5",
	};
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(names); i++) {
		if (!strcmp(path, names[i]))
			return 1;
	}
	return 0;
}

/* An ESLint configuration, legacy or flat (or package.json's eslintConfig). */
static int is_eslint_config(const char *path)
{
	const char *base = base_name(path);

	return !strcmp(base, ".eslintrc") || starts_with(base, ".eslintrc.") || starts_with(base, "eslint.config.") ||
	       !strcmp(base, "package.json");
}

static const char *const doc_exts[] = {
	".md", ".markdown", ".mdx", ".rst", ".txt", ".adoc", ".asciidoc", ".org", ".wiki",
};

static int is_doc(const char *path)
{
	const char *base = base_name(path);

	if (ext_in(path, doc_exts, FQ_ARRAY_LEN(doc_exts)))
		return 1;
	/* SECURITY, RUNBOOK... without an extension */
	return !strchr(base, '.') && (!strncasecmp(base, "SECURITY", 8) || !strncasecmp(base, "RUNBOOK", 7) ||
				      !strncasecmp(base, "INCIDENT", 8) || !strncasecmp(base, "PLAYBOOK", 8));
}

/* Configuration that may set a log retention or a log export. */
static int is_config(const char *path)
{
	static const char *const exts[] = {
		".yml", ".yaml", ".json", ".tf", ".tfvars", ".hcl", ".toml", ".conf", ".cfg", ".ini",
		".properties", ".jsonnet", ".libsonnet",
	};

	return ext_in(path, exts, FQ_ARRAY_LEN(exts));
}

/* Files that can hold alert rules. */
static int is_alert_candidate(const char *path)
{
	static const char *const exts[] = {
		".yml", ".yaml", ".json", ".tf", ".hcl", ".jsonnet", ".libsonnet", ".rules",
	};

	return ext_in(path, exts, FQ_ARRAY_LEN(exts));
}

/* ---- comments ---------------------------------------------------------- */

enum { CS_HASH = 1, CS_SLASH = 2 };

/* Which comment syntax the file uses, so that a `# TODO: add gitleaks` is
 * not taken for a gitleaks step.  Documents and JSON have none. */
static unsigned comment_style(const char *path)
{
	static const char *const hash[] = {
		".yml", ".yaml", ".py", ".sh", ".bash", ".zsh", ".rb", ".toml", ".tf", ".tfvars", ".hcl",
		".conf", ".cfg", ".ini", ".properties", ".rules", ".pl", ".r", ".php",
	};
	static const char *const slash[] = {
		".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".go", ".java", ".kt", ".kts",
		".scala", ".groovy", ".gradle", ".c", ".h", ".cc", ".cpp", ".cs", ".swift", ".rs", ".php",
		".dart", ".json5", ".jsonnet", ".libsonnet", ".tf", ".hcl",
	};
	const char *base = base_name(path);
	unsigned s = 0;

	if (ext_in(path, hash, FQ_ARRAY_LEN(hash)) || !strcmp(base, "Dockerfile") || !strcmp(base, "Makefile") ||
	    starts_with(path, ".husky/"))
		s |= CS_HASH;
	if (ext_in(path, slash, FQ_ARRAY_LEN(slash)) || starts_with(base, "Jenkinsfile"))
		s |= CS_SLASH;
	return s;
}

/* 1 when the text at `off` is inside a line comment (or a block comment's
 * continuation line) of the given style. */
static int commented(const char *data, size_t off, unsigned style)
{
	size_t s = off, i, j;

	while (s > 0 && data[s - 1] != '\n')
		s--;
	for (i = s; i < off && (data[i] == ' ' || data[i] == '\t'); i++)
		;
	if (i < off && (style & CS_SLASH) &&
	    ((data[i] == '/' && (data[i + 1] == '/' || data[i + 1] == '*')) ||
	     (data[i] == '*' && (i + 1 == off || data[i + 1] == ' ' || data[i + 1] == '/'))))
		return 1;
	for (j = i; j < off; j++) {
		if ((style & CS_HASH) && data[j] == '#' && (j == s || data[j - 1] == ' ' || data[j - 1] == '\t'))
			return 1;
		/* not the // of a URL */
		if ((style & CS_SLASH) && data[j] == '/' && data[j + 1] == '/' && (j == s || data[j - 1] != ':'))
			return 1;
	}
	return 0;
}

/* The first match of re in data[from, to) that is not commented out: 1 with
 * [*ms, *me) set, or 0. */
static int find_live(fq_regex *re, const char *data, size_t to, size_t from, unsigned style, size_t *ms,
		     size_t *me)
{
	size_t ov[2];
	const char *nl;

	while (from < to && fq_regex_find(re, data, to, from, ov, 1)) {
		if (!style || !commented(data, ov[0], style)) {
			*ms = ov[0];
			*me = ov[1];
			return 1;
		}
		if (!(nl = memchr(data + ov[0], '\n', to - ov[0])))
			return 0;
		from = (size_t)(nl - data) + 1;
	}
	return 0;
}

/* [*ws, *we): the lines from WINDOW_LINES before the one holding `off` to
 * WINDOW_LINES after it, and at most WINDOW_BYTES on each side (a document
 * on one line is not one window per word of it). */
static void window_around(const char *data, size_t len, size_t off, size_t *ws, size_t *we)
{
	size_t lo = off > WINDOW_BYTES ? off - WINDOW_BYTES : 0;
	size_t hi = len - off > WINDOW_BYTES ? off + WINDOW_BYTES : len;
	size_t s = off, e = off;
	int n;

	/* back to the start of off's line, then WINDOW_LINES line starts more */
	for (n = 0;; n++) {
		const char *nl = s > lo ? memrchr(data + lo, '\n', s - lo) : NULL;

		if (!nl) {
			s = lo;
			break;
		}
		s = (size_t)(nl - data) + 1;
		if (n == WINDOW_LINES)
			break;
		s = (size_t)(nl - data); /* onto the newline: the line before */
	}
	for (n = 0; n <= WINDOW_LINES && e < hi; n++) {
		const char *nl = memchr(data + e, '\n', hi - e);

		e = nl ? (size_t)(nl - data) + 1 : hi;
	}
	*ws = s;
	*we = e;
}

/* ---- evidence ---------------------------------------------------------- */

static void evidence(fq_rule_ctx *ctx, const fq_file *file, const char *item, size_t off, const char *fmt, ...)
	FQ_PRINTF(5, 6);

static void evidence(fq_rule_ctx *ctx, const fq_file *file, const char *item, size_t off, const char *fmt, ...)
{
	char what[320];
	int line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	fq_file_line_col(file, off, &line, &col);
	fq_evidence_add(ctx->evidence, item, file->path, line, "%s", what);
}

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The matched text for a quote, widened to whole identifiers (the alert
 * FourQAuthenticationFailures, not AuthenticationFail): *ms moves back,
 * the length returned is at most QUOTE_MAX bytes on one line. */
static int quote(const char *data, size_t len, size_t *ms, size_t me)
{
	size_t s = *ms, n;
	const char *nl;

	while (s > 0 && ident_char(data[s - 1]) && *ms - s < QUOTE_MAX)
		s--;
	while (me < len && ident_char(data[me]) && me - s < QUOTE_MAX)
		me++;
	n = me - s;
	if ((nl = memchr(data + s, '\n', n)) != NULL)
		n = (size_t)(nl - (data + s));
	*ms = s;
	return (int)(n > QUOTE_MAX ? QUOTE_MAX : n);
}

/* ---- FQ060-FQ062: CI ----------------------------------------------------- */

typedef struct ci_tool {
	const char *item;        /* evidence item, "FQ060:gitleaks" */
	const char *name;        /* as the evidence names it */
	const char *literal;     /* case-insensitive pre-check */
	int eslint;              /* also looked for in ESLint configurations */
	fq_regex re;             /* the match proper */
} ci_tool;

static ci_tool ci_tools[] = {
	/* FQ060: secret scanning */
	{ "FQ060:fourq-scan", "fourq-scan", "fourq-scan", 0, FQ_REGEX_INIT(WORD("fourq-scan"), CI) },
	{ "FQ060:gitleaks", "gitleaks", "gitleaks", 0, FQ_REGEX_INIT(WORD("gitleaks"), CI) },
	{ "FQ060:trufflehog", "TruffleHog", "trufflehog", 0, FQ_REGEX_INIT(WORD("trufflehog3?"), CI) },
	{ "FQ060:detect-secrets", "detect-secrets", "detect-secrets", 0, FQ_REGEX_INIT(WORD("detect-secrets"), CI) },
	{ "FQ060:ggshield", "GitGuardian ggshield", "ggshield", 0, FQ_REGEX_INIT(WORD("ggshield"), CI) },
	{ "FQ060:secretlint", "secretlint", "secretlint", 0, FQ_REGEX_INIT(WORD("secretlint"), CI) },
	{ "FQ060:git-secrets", "git-secrets", "git-secrets", 0, FQ_REGEX_INIT(WORD("git-secrets"), CI) },
	{ "FQ060:gitlab-secret-detection", "GitLab Secret Detection", "secret", 0,
	  FQ_REGEX_INIT(WORD("secret[-_]detection"), CI) },
	/* FQ061: dependency vulnerability scanning */
	{ "FQ061:npm-audit", "npm audit", "audit", 0, FQ_REGEX_INIT(WORD("npm\\s+audit"), CI) },
	{ "FQ061:yarn-audit", "yarn audit", "audit", 0, FQ_REGEX_INIT(WORD("yarn(?:\\s+npm)?\\s+audit"), CI) },
	{ "FQ061:pnpm-audit", "pnpm audit", "audit", 0, FQ_REGEX_INIT(WORD("pnpm\\s+audit"), CI) },
	{ "FQ061:audit-ci", "audit-ci", "audit-ci", 0, FQ_REGEX_INIT(WORD("audit-ci"), CI) },
	{ "FQ061:dependabot", "Dependabot", "dependabot", 0, FQ_REGEX_INIT(WORD("dependabot"), CI) },
	{ "FQ061:renovate", "Renovate", "renovate", 0, FQ_REGEX_INIT(WORD("renovate(?:bot)?"), CI) },
	{ "FQ061:snyk", "Snyk", "snyk", 0, FQ_REGEX_INIT(WORD("snyk"), CI) },
	{ "FQ061:osv-scanner", "osv-scanner", "osv-scanner", 0, FQ_REGEX_INIT(WORD("osv-scanner"), CI) },
	{ "FQ061:pip-audit", "pip-audit", "pip-audit", 0, FQ_REGEX_INIT(WORD("pip-audit"), CI) },
	{ "FQ061:safety", "Safety", "safety", 0,
	  FQ_REGEX_INIT("(?<![A-Za-z0-9_-])safety\\s+(?:check|scan)(?![A-Za-z0-9_])|pyupio/safety", CI) },
	{ "FQ061:trivy", "Trivy", "trivy", 0, FQ_REGEX_INIT(WORD("trivy"), CI) },
	{ "FQ061:grype", "Grype", "grype", 0, FQ_REGEX_INIT(WORD("grype"), CI) },
	{ "FQ061:grype", "Grype", "anchore/scan-action", 0, FQ_REGEX_INIT("anchore/scan-action", CI) },
	{ "FQ061:govulncheck", "govulncheck", "govulncheck", 0, FQ_REGEX_INIT(WORD("govulncheck"), CI) },
	{ "FQ061:dependency-review", "GitHub dependency review", "dependency-review", 0,
	  FQ_REGEX_INIT("actions/dependency-review-action", CI) },
	{ "FQ061:dependency-check", "OWASP Dependency-Check", "dependency-check", 0,
	  FQ_REGEX_INIT(WORD("dependency-check"), CI) },
	{ "FQ061:gitlab-dependency-scanning", "GitLab Dependency Scanning", "dependency", 0,
	  FQ_REGEX_INIT(WORD("dependency[-_]scanning"), CI) },
	{ "FQ061:cargo-audit", "cargo audit", "audit", 0, FQ_REGEX_INIT(WORD("cargo[- ]audit"), CI) },
	{ "FQ061:bundler-audit", "bundler-audit", "audit", 0, FQ_REGEX_INIT(WORD("bundler?[- ]audit"), CI) },
	/* FQ062: static analysis for security */
	{ "FQ062:codeql", "CodeQL", "codeql", 0, FQ_REGEX_INIT(WORD("codeql"), CI) },
	{ "FQ062:semgrep", "Semgrep", "semgrep", 0, FQ_REGEX_INIT(WORD("semgrep"), CI) },
	{ "FQ062:bandit", "Bandit", "bandit", 0, FQ_REGEX_INIT(WORD("bandit"), CI) },
	{ "FQ062:gosec", "gosec", "gosec", 0, FQ_REGEX_INIT(WORD("gosec"), CI) },
	{ "FQ062:eslint-plugin-security", "eslint-plugin-security", "security", 1,
	  FQ_REGEX_INIT("eslint-plugin-security|plugin:security/", CI) },
	{ "FQ062:eslint-plugin-sdl", "@microsoft/eslint-plugin-sdl", "sdl", 1,
	  FQ_REGEX_INIT("eslint-plugin-sdl|plugin:@microsoft/sdl", CI) },
	{ "FQ062:sonarqube", "SonarQube", "sonar", 0,
	  FQ_REGEX_INIT("sonarqube|sonarcloud|sonar-scanner|sonarsource|sonar\\.projectKey", CI) },
	{ "FQ062:gitlab-sast", "GitLab SAST", "sast", 0, FQ_REGEX_INIT(WORD("sast"), CI) },
	{ "FQ062:njsscan", "njsscan", "njsscan", 0, FQ_REGEX_INIT(WORD("njsscan"), CI) },
	{ "FQ062:brakeman", "Brakeman", "brakeman", 0, FQ_REGEX_INIT(WORD("brakeman"), CI) },
};

static void scan_ci(fq_rule_ctx *ctx, const fq_file *file, const char *ci, int eslint_only)
{
	unsigned style = comment_style(file->path);
	size_t i, ms, me;

	for (i = 0; i < FQ_ARRAY_LEN(ci_tools); i++) {
		ci_tool *t = &ci_tools[i];

		if (eslint_only && !t->eslint)
			continue;
		if (!fq_memcasemem(file->data, file->len, t->literal, strlen(t->literal)) ||
		    !find_live(&t->re, file->data, file->len, 0, style, &ms, &me))
			continue;
		if (eslint_only)
			evidence(ctx, file, t->item, ms, "ESLint configuration loads %s", t->name);
		else
			evidence(ctx, file, t->item, ms, "%s runs %s", ci, t->name);
	}
}

/* ---- FQ063: failure scenarios in tests ------------------------------------ */

typedef struct scenario {
	const char *key;         /* "invalid-api-key": evidence item FQ063:<key>, fingerprint */
	const char *name;        /* "an invalid API key" */
	const char *looked_for;  /* for the finding's message */
	const char *fix;
	fq_regex re;
} scenario;

static scenario scenarios[] = {
	{ "invalid-api-key", "an invalid API key",
	  "INVALID_API_KEY, \"invalid API key\", Unauthorized, authentication error or status 401",
	  "call the client with a wrong key and check the 401 / INVALID_API_KEY error is handled",
	  FQ_REGEX_INIT("invalid[ _-]?api[ _-]?key|(?-i:INVALID_KEY|InvalidKey|invalidKey)|(?<![a-z])unauthori[sz]ed|unauthenticated|"
			"authentication[ _-]?(?:error|fail)|(?<![a-z])(?:bad|wrong|revoked)[ _-]?(?:api[ _-]?)?keys?"
			"(?![a-z])|(?<![A-Za-z0-9_.])401(?![A-Za-z0-9_.])", CI) },
	{ "network-failure", "a network failure",
	  "ECONNREFUSED, ETIMEDOUT, ENOTFOUND, ECONNRESET, \"network error\", \"connection refused\", "
	  "\"timed out\", TimeoutError or ConnectionError",
	  "make the 4Quays API unreachable (refused connection, timeout) and check the client fails safely",
	  FQ_REGEX_INIT("ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|"
			"(?i:network[ _-]?(?:error|failure|fail|down|unavailable|unreachable))|NetworkError|"
			"(?i:connection[ _-]?(?:error|refused|reset|timed?[ _-]?out|failed|failure))|"
			"Connection(?:Refused|Reset)?Error|ConnectError|ConnectTimeout|ReadTimeout|TimeoutError|"
			"TimeoutException|requests\\.exceptions\\.Timeout|socket\\.timeout|(?i:timed[ _-]out)|"
			"(?i:request[ _-]timeout)|replyWithError|(?i:failed to fetch)", 0) },
	{ "policy-not-found", "a policy that does not exist",
	  "POLICY_NOT_FOUND, \"policy not found\", \"unknown policy\" or \"no such policy\"",
	  "protect with a policy name that does not exist and expect POLICY_NOT_FOUND",
	  FQ_REGEX_INIT("policy[ _-]?not[ _-]?found|(?:unknown|missing|nonexistent|non-existent|invalid)[ _-]?"
			"policy|no[ _-]such[ _-]policy|policy[ _-](?:does[ _-]?not|doesn't)[ _-]exist", CI) },
	{ "key-expiration", "an expired key",
	  "KEY_EXPIRED, \"expired key\", \"key expired\" or \"key expiration\"",
	  "have the API reject an expired key and check the error is handled (and alerts)",
	  FQ_REGEX_INIT("(?-i:(?<![a-z]))keys?[ _-]?(?:has[ _-]?|is[ _-]?)?expir|api[ _-]?key[ _-]?expir|"
			"expired[ _-]?(?:api[ _-]?|signing[ _-]?|encryption[ _-]?)?keys?(?![a-z])", CI) },
};

/* Words that say a file is about the 4Quays integration. */
static int mentions_fourq(const fq_file *file, const fq_scan_options *opts)
{
	size_t i;

	if (fq_memcasemem(file->data, file->len, "fourq", 5) || fq_memcasemem(file->data, file->len, "4quays", 6))
		return 1;
	for (i = 0; opts->config && i < opts->config->key_env_vars.count; i++) {
		const char *v = opts->config->key_env_vars.items[i];

		if (memmem(file->data, file->len, v, strlen(v)))
			return 1;
	}
	return 0;
}

static void scan_test(fq_rule_ctx *ctx, const fq_file *file)
{
	unsigned style = comment_style(file->path);
	size_t i, ms, me;
	int q;

	if (!fq_memcasemem(file->data, file->len, "protect", 7) && !mentions_fourq(file, ctx->opts))
		return;
	for (i = 0; i < FQ_ARRAY_LEN(scenarios); i++) {
		scenario *s = &scenarios[i];
		char item[48];

		if (!find_live(&s->re, file->data, file->len, 0, style, &ms, &me))
			continue;
		snprintf(item, sizeof(item), "FQ063:%s", s->key);
		q = quote(file->data, file->len, &ms, me);
		evidence(ctx, file, item, ms, "test exercises %s (\"%.*s\")", s->name, q, file->data + ms);
	}
}

/* ---- FQ064, FQ065, FQ067: documents -------------------------------------- */

/* A document check: an anchor, then every `needs` pattern within
 * WINDOW_LINES lines of it. */
typedef struct doc_check {
	const char *item;
	const char *what;
	const char *literals[6];  /* pre-check: one of these (case-insensitive), NULL-ended */
	fq_regex anchor;
	fq_regex needs[2];
	int nneeds;
} doc_check;

#define KEY_WORD "(?<![a-z])(?:api[ _-]?)?(?:keys?|credentials?|secrets?)(?![a-z])"

static doc_check doc_checks[] = {
	{ "FQ064:rotation-plan", "documents key rotation (schedule, overlap or retirement)",
	  { "rotat", NULL },
	  FQ_REGEX_INIT("(?<![a-z])rotat(?:e|es|ed|ing|ion|ions)(?![a-z])", CI),
	  { FQ_REGEX_INIT(KEY_WORD, CI),
	    FQ_REGEX_INIT("quarterl|annual|yearly|monthly|every\\s+\\d+\\s*(?:days?|weeks?|months?)|"
			  "(?<![a-z0-9])\\d+[ -]days?(?![a-z])|schedul|overlap|grace[ _-]period|(?<![a-z])retir|"
			  "deprecat", CI) }, 2 },
	{ "FQ065:incident-response", "documents what to do when a key is compromised",
	  { "compromis", "leak", "exposed", "stolen", NULL },
	  FQ_REGEX_INIT("(?<![a-z])(?:compromis\\w*|leak(?:s|ed|ing|age)?|exposed|stolen)(?![a-z])", CI),
	  { FQ_REGEX_INIT(KEY_WORD, CI),
	    FQ_REGEX_INIT("(?<![a-z])(?:revok\\w*|revocation|rotat\\w*|replac\\w*|deactivat\\w*|disabl\\w*|"
			  "invalidat\\w*)(?![a-z])", CI) }, 2 },
	{ "FQ067:retention", "documents audit log retention or SIEM export",
	  { "retention", "retain", "siem", "splunk", "logs", NULL },
	  FQ_REGEX_INIT("(?<![a-z])(?:retention|retain(?:s|ed)?|siem|splunk|sumo ?logic|qradar)(?![a-z])|"
			"(?<![a-z])(?:export|forward|ship|stream)(?:s|ed|ing)?\\s+(?:the\\s+|all\\s+|our\\s+)?"
			"(?:audit\\s+)?logs?\\s+to(?![a-z])", CI),
	  { FQ_REGEX_INIT("(?<![a-z])(?:logs?|logging|audit)(?![a-z])", CI) }, 1 },
};

static void scan_doc(fq_rule_ctx *ctx, const fq_file *file)
{
	size_t i, k, from, ws, we, ms, me, ov[2];

	for (i = 0; i < FQ_ARRAY_LEN(doc_checks); i++) {
		doc_check *d = &doc_checks[i];
		int any = 0, ok = 0;

		for (k = 0; d->literals[k] && !any; k++)
			any = fq_memcasemem(file->data, file->len, d->literals[k], strlen(d->literals[k])) != NULL;
		for (from = 0; any && !ok && find_live(&d->anchor, file->data, file->len, from, 0, &ms, &me);
		     from = me) {
			window_around(file->data, file->len, ms, &ws, &we);
			ok = 1;
			for (k = 0; k < (size_t)d->nneeds && ok; k++)
				ok = fq_regex_find(&d->needs[k], file->data, we, ws, ov, 1);
		}
		if (ok)
			evidence(ctx, file, d->item, ms, "%s", d->what);
	}
}

/* FQ067 in configuration: a retention setting or a log export beside the
 * words log or audit. */
static fq_regex retention_setting = FQ_REGEX_INIT(
	"retention[_-]?(?:in[_-]?)?(?:days|period|hours|time|policy|ms)|log[_-]?retention|"
	"(?<![a-z])retention[\"']?\\s*[:=]\\s*[\"']?\\d", CI);
static fq_regex log_export = FQ_REGEX_INIT(
	"splunk|(?<![a-z])siem(?![a-z])|sumologic|qradar|log[_-]?subscription[_-]?filter|"
	"logging_(?:project|organization|folder)_sink|monitor_diagnostic_setting|logs?[_-](?:export|sink|forward)", CI);
static fq_regex log_word = FQ_REGEX_INIT("(?<![a-z])(?:logs?|logging|audit)(?![a-z])", CI);

static void scan_retention_config(fq_rule_ctx *ctx, const fq_file *file)
{
	static const char *const literals[] = { "retention", "splunk", "siem", "sumologic", "qradar", "sink",
						"subscription", "export", "forward", "diagnostic" };
	unsigned style = comment_style(file->path);
	size_t i, ms, me, ws, we, ov[2];
	int any = 0, q;

	for (i = 0; i < FQ_ARRAY_LEN(literals) && !any; i++)
		any = fq_memcasemem(file->data, file->len, literals[i], strlen(literals[i])) != NULL;
	if (!any)
		return;
	if (find_live(&retention_setting, file->data, file->len, 0, style, &ms, &me)) {
		window_around(file->data, file->len, ms, &ws, &we);
		if (fq_regex_find(&log_word, file->data, we, ws, ov, 1)) {
			q = quote(file->data, file->len, &ms, me);
			evidence(ctx, file, "FQ067:retention", ms, "configures log retention (\"%.*s\")", q,
				 file->data + ms);
			return;
		}
	}
	if (find_live(&log_export, file->data, file->len, 0, style, &ms, &me)) {
		q = quote(file->data, file->len, &ms, me);
		evidence(ctx, file, "FQ067:retention", ms, "configures a log export (\"%.*s\")", q, file->data + ms);
	}
}

/* ---- FQ066: alert rules ---------------------------------------------------- */

typedef struct alert_kind {
	const char *name;
	fq_regex re;
} alert_kind;

/* What makes a file a set of alert rules, and whose. */
static alert_kind alert_kinds[] = {
	{ "Prometheus", FQ_REGEX_INIT("^[ \\t]*-?[ \\t]*[\"']?alert[\"']?[ \\t]*:[ \\t]*\\S", FQ_RE_MULTILINE) },
	{ "Grafana", FQ_REGEX_INIT("noDataState|execErrState|grafana_rule_group|grafana_alert_rule", 0) },
	{ "Datadog", FQ_REGEX_INIT("datadog_monitor|[\"']?type[\"']?\\s*[:=]\\s*[\"'](?:metric|query|log|service "
				   "check|event|composite|trace-analytics|rum|slo) alert[\"']", 0) },
	{ "CloudWatch", FQ_REGEX_INIT("aws_cloudwatch_(?:metric|composite)_alarm|AWS::CloudWatch::(?:Composite)?Alarm", 0) },
	{ "Sentry", FQ_REGEX_INIT("sentry_(?:issue|metric)_alert", 0) },
	{ "PagerDuty", FQ_REGEX_INIT("pagerduty_(?:event_orchestration\\w*|ruleset_rule|service_event_rule|event_rule)", 0) },
	{ "New Relic", FQ_REGEX_INIT("newrelic_(?:nrql_)?alert_condition", 0) },
	{ "Azure Monitor", FQ_REGEX_INIT("azurerm_monitor_(?:metric_alert|scheduled_query_rules_alert\\w*|activity_log_alert)|"
					 "Microsoft\\.Insights/(?:metricAlerts|scheduledQueryRules)", CI) },
	{ "Google Cloud Monitoring", FQ_REGEX_INIT("google_monitoring_alert_policy|alertPolicies", 0) },
};

typedef struct alert {
	const char *key;         /* "error-rate": evidence item FQ066:<key>, fingerprint */
	const char *name;        /* "the error rate" */
	const char *looked_for;
	const char *fix;
	fq_regex re;
} alert;

static alert alerts[] = {
	{ "error-rate", "the error rate",
	  "an error rate (error rate, error ratio, failure rate, 5xx)",
	  "alert when 4Quays operations fail above 1% (investigate immediately)",
	  FQ_REGEX_INIT("error[ _-]?(?:rate|ratio|percent)|errors[ _-]?(?:rate|ratio)|failure[ _-]?(?:rate|ratio)|"
			"(?<![a-z0-9])5xx(?![a-z0-9])|(?:status|code)(?:_code)?=~?\\\\?[\"']5", CI) },
	{ "authentication-failures", "API key authentication failures",
	  "authentication failures (authentication failed, auth failures, unauthorized, 401, INVALID_API_KEY)",
	  "alert on API key authentication failures (check for attacks)",
	  FQ_REGEX_INIT("auth(?:entication|n)?[ _-]?(?:fail|error|denied|reject)|unauthori[sz]ed|unauthenticated|"
			"invalid[ _-]?api[ _-]?key|(?<![A-Za-z0-9_.])401(?![A-Za-z0-9_.])|login[ _-]?fail", CI) },
	{ "signature-failures", "signature verification failures",
	  "signature verification failures (SIGNATURE_INVALID, signature verification failed, invalid signature)",
	  "alert on signature verification failures (security review: possible tampering)",
	  FQ_REGEX_INIT("signature[ _-]?(?:verification[ _-]?)?(?:fail|invalid|error|mismatch)|invalid[ _-]?signature|"
			"signature[ _-]?verification", CI) },
	{ "key-expiration", "keys approaching expiration",
	  "key expiration (key expiry, key expiring, KEY_EXPIRED, days until key expiry)",
	  "alert when a 4Quays key approaches its expiry (plan the rotation)",
	  FQ_REGEX_INIT("(?-i:(?<![a-z]))keys?[\\w -]{0,20}expir|apikey[\\w -]{0,20}expir|"
			"expir[\\w -]{0,20}(?-i:(?<![a-z]))keys?(?![a-z])", CI) },
	{ "unusual-volume", "unusual operation volume",
	  "unusual volume (unusual, abnormal, anomalous, spike or surge in volume, traffic, requests or "
	  "operations; operation or request volume; Datadog anomalies())",
	  "alert on unusual 4Quays operation volume (verify it is legitimate)",
	  FQ_REGEX_INIT("(?:unusual|abnormal|anomal\\w*|spike|surge|excessive|sudden)[\\w -]{0,30}"
			"(?:volume|traffic|requests?|operations?|ops|throughput|calls|usage)|"
			"(?:volume|traffic|requests?|operations?|throughput|calls|usage)[\\w -]{0,20}"
			"(?:spike|surge|anomal|unusual|abnormal)|"
			"(?:operation|request|call|protect|traffic)s?[ _-]?volume|anomalies\\(", CI) },
};

static void scan_alerts(fq_rule_ctx *ctx, const fq_file *file)
{
	static const char *const literals[] = { "alert", "alarm", "noDataState", "execErrState", "pagerduty",
						"alertPolicies" };
	unsigned style = comment_style(file->path);
	const char *kind = NULL;
	size_t i, ms, me;
	int any = 0, q;

	for (i = 0; i < FQ_ARRAY_LEN(literals) && !any; i++)
		any = fq_memcasemem(file->data, file->len, literals[i], strlen(literals[i])) != NULL;
	for (i = 0; any && i < FQ_ARRAY_LEN(alert_kinds) && !kind; i++) {
		if (find_live(&alert_kinds[i].re, file->data, file->len, 0, style, &ms, &me))
			kind = alert_kinds[i].name;
	}
	if (!kind)
		return;
	for (i = 0; i < FQ_ARRAY_LEN(alerts); i++) {
		char item[48];

		if (!find_live(&alerts[i].re, file->data, file->len, 0, style, &ms, &me))
			continue;
		snprintf(item, sizeof(item), "FQ066:%s", alerts[i].key);
		q = quote(file->data, file->len, &ms, me);
		evidence(ctx, file, item, ms, "%s alert rule for %s (\"%.*s\")", kind, alerts[i].name, q,
			 file->data + ms);
	}
}

/* ---- C01: where the key comes from --------------------------------------- */

/* An environment read with the variable's name in a group: JavaScript,
 * Python, Go, Java, Ruby, Deno, Vite, C#, PHP/C, Rust. */
static fq_regex env_read = FQ_REGEX_INIT(
	"process\\.env(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"'`]([A-Za-z_][A-Za-z0-9_]*)[\"'`]\\s*\\])|"
	"import\\.meta\\.env\\.([A-Za-z_][A-Za-z0-9_]*)|"
	"(?:os\\.environ(?:\\.get)?\\s*[\\[(]|os\\.getenv\\(|os\\.Getenv\\(|os\\.LookupEnv\\(|System\\.getenv\\(|"
	"Deno\\.env\\.get\\(|GetEnvironmentVariable\\(|(?<![A-Za-z_.])getenv\\(|ENV\\.fetch\\(|ENV\\[|"
	"env::var\\()\\s*[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']", 0);

typedef struct manager {
	const char *name;
	const char *literal;
	fq_regex re;
} manager;

static manager managers[] = {
	{ "a Kubernetes secretKeyRef", "secret", FQ_REGEX_INIT("secretKeyRef|kind:\\s*(?:ExternalSecret|SecretProviderClass)", 0) },
	{ "AWS Secrets Manager", "secret", FQ_REGEX_INIT("secretsmanager|secrets-manager|GetSecretValue|get_secret_value", CI) },
	{ "HashiCorp Vault", "vault", FQ_REGEX_INIT("(?<![a-z])hvac(?![a-z])|node-vault|VAULT_ADDR|vault_(?:generic|kv)_secret|"
						 "vault\\.(?:read|kv|logical)|vault\\s+kv\\s+get|vaultrs|hashicorp/vault", CI) },
	{ "GCP Secret Manager", "secret", FQ_REGEX_INIT("secretmanager|secret-manager|access_secret_version|accessSecretVersion|"
							"google_secret_manager", CI) },
	{ "Azure Key Vault", "vault", FQ_REGEX_INIT("keyvault|key_vault|key-vault", CI) },
};

static int is_key_var(const fq_scan_options *opts, const char *name, size_t len)
{
	if (opts->config && fq_strlist_has(&opts->config->key_env_vars, name, len))
		return 1;
	if (!opts->config && len == 13 && !memcmp(name, "FOURQ_API_KEY", 13))
		return 1;
	return fq_memcasemem(name, len, "fourq", 5) &&
	       (fq_memcasemem(name, len, "key", 3) || fq_memcasemem(name, len, "secret", 6));
}

static void scan_key_source(fq_rule_ctx *ctx, const fq_file *file)
{
	unsigned style = comment_style(file->path);
	size_t ov[10], from = 0, i, ms, me;

	/* Both kinds of evidence need the key variable's name or 4Quays. */
	if (!mentions_fourq(file, ctx->opts))
		return;
	while (fq_regex_find(&env_read, file->data, file->len, from, ov, 5)) {
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		for (i = 1; i < 5; i++) {
			if (ov[2 * i] == SIZE_MAX)
				continue;
			if (!is_key_var(ctx->opts, file->data + ov[2 * i], ov[2 * i + 1] - ov[2 * i]))
				break;
			if (commented(file->data, ov[0], style)) {
				/* the rest of the line is comment too */
				const char *nl = memchr(file->data + ov[0], '\n', file->len - ov[0]);

				from = nl ? (size_t)(nl - file->data) + 1 : file->len;
				break;
			}
			{
				size_t a = ov[2 * i];

				/* the accessor without its punctuation: process.env, os.environ */
				while (a > ov[0] && strchr(".[(\"'` \t", file->data[a - 1]))
					a--;
				evidence(ctx, file, "C01", ov[0], "reads %.*s from the environment (%.*s)",
					 (int)(ov[2 * i + 1] - ov[2 * i]), file->data + ov[2 * i], (int)(a - ov[0]),
					 file->data + ov[0]);
				from = file->len;
			}
			break;
		}
		if (from >= file->len)
			break;
	}
	for (i = 0; i < FQ_ARRAY_LEN(managers); i++) {
		if (!fq_memcasemem(file->data, file->len, managers[i].literal, strlen(managers[i].literal)))
			continue;
		if (find_live(&managers[i].re, file->data, file->len, 0, style, &ms, &me)) {
			int q = quote(file->data, file->len, &ms, me);

			evidence(ctx, file, "C01", ms, "keeps the key in %s (\"%.*s\")", managers[i].name, q,
				 file->data + ms);
		}
	}
}

/* ---- the family -------------------------------------------------------------- */

static void repository_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	const char *path = file->path, *ci, *hit;
	int test, doc;

	if (!ctx->opts->repo_checks || !file->in_head)
		return;
	test = fq_env_is_test_path(path);
	doc = is_doc(path);
	if ((ci = ci_name(path)) != NULL)
		scan_ci(ctx, file, ci, 0);
	if (is_dependabot(path) && (hit = memmem(file->data, file->len, "updates", 7)) != NULL)
		evidence(ctx, file, "FQ061:dependabot", (size_t)(hit - file->data), "Dependabot is configured");
	if (is_renovate(path))
		evidence(ctx, file, "FQ061:renovate", 0, "Renovate is configured");
	if (is_eslint_config(path) && (strcmp(base_name(path), "package.json") ||
				      memmem(file->data, file->len, "\"eslintConfig\"", 14)))
		scan_ci(ctx, file, NULL, 1);
	if (test && !doc)
		scan_test(ctx, file);
	if (doc)
		scan_doc(ctx, file);
	if (is_config(path))
		scan_retention_config(ctx, file);
	if (is_alert_candidate(path))
		scan_alerts(ctx, file);
	if (!test && !doc && !fq_is_dotenv_path(path))
		scan_key_source(ctx, file);
}

static void missing(fq_findings *all, const char *id, const char *key, const char *fmt, ...) FQ_PRINTF(4, 5);

static void missing(fq_findings *all, const char *id, const char *key, const char *fmt, ...)
{
	char *msg = NULL;
	fq_finding *f;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f = fq_findings_add_repo(all, fq_rule_find(id), "", "%s", msg ? msg : "");
	fq_fingerprint_code(f, key, strlen(key));
	free(msg);
}

static void check_access_review(fq_findings *all, const fq_scan_options *opts)
{
	const fq_config *cfg = opts->config;
	const fq_attestation *a = NULL;
	size_t i;

	for (i = 0; cfg && i < cfg->nattestations; i++) {
		if (!strcmp(cfg->attestations[i].item, "C08"))
			a = &cfg->attestations[i];
	}
	if (!a) {
		missing(all, "FQ068", "FQ068:access-review",
			"no access-control review is recorded: review who holds 4Quays keys and admin access "
			"(least privilege, admin and operational access separate), then record it in "
			".fourq-scan.yml as attestations: C08: { by: \"...\", on: YYYY-MM-DD }");
		return;
	}
	{
		int64_t stale_at = a->on_time + (int64_t)a->period_days * 86400;
		time_t t = (time_t)stale_at;
		char since[16] = "";
		struct tm tm;

		if (opts->now < stale_at)
			return;
		if (gmtime_r(&t, &tm))
			strftime(since, sizeof(since), "%Y-%m-%d", &tm);
		missing(all, "FQ068", "FQ068:access-review",
			"the access-control review attested by %s on %s is older than its review period of %ld "
			"days (stale since %s): review access again and update attestations.C08.on in .fourq-scan.yml",
			a->by ? a->by : "?", a->on, a->period_days, since);
	}
}

static void repository_finish(fq_findings *all, const fq_evidence_list *ev, const fq_scan_options *opts)
{
	size_t i;

	if (!opts->repo_checks)
		return;
	if (!fq_evidence_has(ev, "FQ060:"))
		missing(all, "FQ060", "FQ060:secret-scanning",
			"no secret scanning: no CI configuration (.github/workflows/*.yml, .gitlab-ci.yml, "
			".circleci/config.yml, Jenkinsfile, azure-pipelines.yml, bitbucket-pipelines.yml, "
			".pre-commit-config.yaml...) runs fourq-scan, gitleaks, trufflehog, detect-secrets, ggshield, "
			"secretlint or git-secrets; add a step that runs one on every pull request");
	if (!fq_evidence_has(ev, "FQ061:"))
		missing(all, "FQ061", "FQ061:dependency-scanning",
			"no dependency vulnerability scanning: no Dependabot (.github/dependabot.yml) or Renovate "
			"(renovate.json) configuration, and no CI configuration runs npm/yarn/pnpm audit, Snyk, "
			"osv-scanner, pip-audit, safety, Trivy, Grype or govulncheck; enable one of them");
	if (!fq_evidence_has(ev, "FQ062:"))
		missing(all, "FQ062", "FQ062:static-analysis",
			"no static analysis for security: no CI configuration runs CodeQL (github/codeql-action), "
			"Semgrep, Bandit, gosec or SonarQube, and no ESLint configuration loads eslint-plugin-security "
			"or @microsoft/eslint-plugin-sdl; add one to CI");
	for (i = 0; i < FQ_ARRAY_LEN(scenarios); i++) {
		char item[48];

		snprintf(item, sizeof(item), "FQ063:%s", scenarios[i].key);
		if (!fq_evidence_has(ev, item))
			missing(all, "FQ063", item,
				"no test exercises %s: no test file (*.test.*, *.spec.*, test_*.py, *_test.go, "
				"tests/, __tests__/...) that mentions protect or 4Quays contains %s; add a test that "
				"does: %s",
				scenarios[i].name, scenarios[i].looked_for, scenarios[i].fix);
	}
	if (!fq_evidence_has(ev, "FQ064:"))
		missing(all, "FQ064", "FQ064:rotation-plan",
			"no key rotation plan: no document (SECURITY.md, docs/, runbooks, any .md, .rst, .txt or "
			".adoc file) mentions rotating keys within ten lines of a schedule (quarterly, every 90 days), "
			"an overlap or grace period, or retiring the old key; document the rotation: API keys "
			"quarterly, signing and encryption keys annually; generate, overlap, verify, deprecate, retire");
	if (!fq_evidence_has(ev, "FQ065:"))
		missing(all, "FQ065", "FQ065:incident-response",
			"no incident response plan for a compromised key: no document (SECURITY.md, docs/, runbooks, "
			"any .md, .rst, .txt or .adoc file) mentions a compromised, leaked or exposed key within ten "
			"lines of revoking, rotating, replacing or disabling it; write the runbook: revoke the key at once, issue a new "
			"one and update the applications, review the audit logs, assess the impact, document the "
			"incident");
	for (i = 0; i < FQ_ARRAY_LEN(alerts); i++) {
		char item[48];

		snprintf(item, sizeof(item), "FQ066:%s", alerts[i].key);
		if (!fq_evidence_has(ev, item))
			missing(all, "FQ066", item,
				"no alert for %s: no alert rule file (Prometheus or Grafana rules, Datadog monitors, "
				"CloudWatch alarms, Sentry, PagerDuty, New Relic, Azure Monitor or Google Cloud "
				"Monitoring alert policies, in YAML, JSON or Terraform) mentions %s; add one: %s",
				alerts[i].name, alerts[i].looked_for, alerts[i].fix);
	}
	if (!fq_evidence_has(ev, "FQ067:"))
		missing(all, "FQ067", "FQ067:retention",
			"no audit log retention or SIEM export: no configuration (retention_in_days, "
			"RetentionInDays, log_retention, retention_period... near the words log or audit, or a "
			"Splunk, SIEM or log sink export, in YAML, JSON, Terraform or TOML) and no document "
			"(log retention, retained audit logs, SIEM, exporting logs) was found; configure how long "
			"audit logs are kept and export them to your SIEM");
	check_access_review(all, opts);
}

const fq_family fq_family_repository = {
	"repository",
	repository_scan_text,
	NULL,
	repository_finish,
};
