/*
 * TLS configuration: FQ040 certificate checks turned off, FQ041 a minimum
 * TLS version below 1.2, FQ042 a plain-http 4Quays API base.  In code the
 * patterns are tree-sitter queries (rules/queries/<language>/tls.scm); in
 * shell scripts, Dockerfiles, dotenv, YAML and nginx/Apache configuration
 * they are line patterns.
 */
#define _GNU_SOURCE
#include "code.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <string.h>

static const char *message_of(const char *id)
{
	if (!strcmp(id, "FQ040"))
		return "TLS certificate verification is turned off: keep it on and trust an internal CA instead";
	return "a TLS version below 1.2 is allowed: require TLS 1.2 at least (1.3 preferred)";
}

/* http:// to a host that is not this machine */
static fq_regex remote_http = FQ_REGEX_INIT(
	"^http://(?!(?:localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\]|0\\.0\\.0\\.0|host\\.docker\\.internal)"
	"(?:[:/]|$))[^\\s\"'`]+", FQ_RE_CASELESS);
static fq_regex fourq_host = FQ_REGEX_INIT("^http://[^/\\s\"'`]*(4quays|fourq)", FQ_RE_CASELESS);
/* names of settings that hold an API base */
static fq_regex base_name = FQ_REGEX_INIT(
	"(fourq|4quays|quays).*(url|base|endpoint|host|server)|^(api_?base|base_?url|api_?url|endpoint)$",
	FQ_RE_CASELESS);
static fq_regex file_mentions_fourq = FQ_REGEX_INIT("fourq|4quays", FQ_RE_CASELESS);

/* The name a string is given to: a pair key, a declarator, an assignment
 * target or a keyword argument. */
static TSNode name_of_value(TSNode str)
{
	TSNode p = ts_node_parent(str);
	const char *t;

	if (ts_node_is_null(p))
		return p;
	t = ts_node_type(p);
	if (!strcmp(t, "pair"))
		return ts_node_child_by_field_name(p, "key", 3);
	if (!strcmp(t, "variable_declarator"))
		return ts_node_child_by_field_name(p, "name", 4);
	if (!strcmp(t, "assignment_expression") || !strcmp(t, "assignment"))
		return ts_node_child_by_field_name(p, "left", 4);
	if (!strcmp(t, "keyword_argument"))
		return ts_node_child_by_field_name(p, "name", 4);
	return (TSNode){ 0 };
}

typedef struct http_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
	int fourq_file;
} http_walk;

static int http_visit(void *payload, TSNode n)
{
	http_walk *w = payload;
	const char *s;
	size_t len;
	TSNode name;

	if (!fq_node_is(n, "string") && !fq_node_is(n, "template_string"))
		return 0;
	if (!fq_node_string_value(&w->code->syn, n, &s, &len) || len < 8 || memcmp(s, "http://", 7) != 0)
		return 1;
	if (!fq_regex_test(&remote_http, s, len))
		return 1;
	if (!fq_regex_test(&fourq_host, s, len)) {
		size_t nlen;
		const char *nt;

		name = name_of_value(n);
		if (ts_node_is_null(name) || !w->fourq_file)
			return 1;
		nt = fq_node_text(&w->code->syn, name, &nlen);
		/* the last segment of this.fourqBaseUrl / config.api_base */
		while (nlen && memchr(nt, '.', nlen)) {
			const char *dot = memchr(nt, '.', nlen);

			nlen -= (size_t)(dot + 1 - nt);
			nt = dot + 1;
		}
		if (nlen && (nt[0] == '"' || nt[0] == '\'')) {
			nt++;
			nlen = nlen >= 2 ? nlen - 2 : 0;
		}
		if (!fq_regex_test(&base_name, nt, nlen))
			return 1;
	}
	fq_code_report(w->ctx, w->code, fq_rule_find("FQ042"), n,
		       "the 4Quays API is addressed over plain http://: use https://");
	return 1;
}

static void tls_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	size_t i;

	for (i = 0; i < code->nhits; i++) {
		const fq_pattern_hit *h = &code->hits[i];

		if (!strcmp(h->rule->id, "FQ040") || !strcmp(h->rule->id, "FQ041"))
			fq_code_report(ctx, code, h->rule, h->node, "%s", message_of(h->rule->id));
	}
	if (memmem(code->file->data, code->file->len, "http://", 7)) {
		http_walk w = { ctx, code, fq_regex_test(&file_mentions_fourq, code->file->data, code->file->len) };

		fq_node_walk(code->syn.root, http_visit, &w);
	}
}

/* ---- configuration and scripts ---------------------------------------- */

typedef struct line_rule {
	const char *rule;
	const char *literal;       /* cheap pre-check */
	fq_regex *re;              /* group 0 is the finding */
	const char *message;
} line_rule;

static fq_regex env_reject = FQ_REGEX_INIT(
	"(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?\\s*[=:]\\s*[\"']?0(?![0-9.])", 0);
static fq_regex curl_insecure = FQ_REGEX_INIT(
	"\\bcurl\\b[^\\n]*?\\s(--insecure\\b|-[a-zA-Z]*k[a-zA-Z]*\\b)", 0);
static fq_regex wget_insecure = FQ_REGEX_INIT("\\bwget\\b[^\\n]*?\\s--no-check-certificate\\b", 0);
static fq_regex nginx_protocols = FQ_REGEX_INIT(
	"^[ \\t]*ssl_protocols\\b[^;\\n]*\\b(TLSv1|TLSv1\\.1|SSLv3)(?![.\\d])[^;\\n]*;?", FQ_RE_MULTILINE);
static fq_regex apache_protocols = FQ_REGEX_INIT(
	"^[ \\t]*SSLProtocol\\b[^\\n]*?(?<![-\\w.])\\+?(TLSv1|TLSv1\\.1|SSLv3)(?![.\\d])[^\\n]*",
	FQ_RE_MULTILINE | FQ_RE_CASELESS);
static fq_regex env_http_base = FQ_REGEX_INIT(
	"\\b[A-Za-z0-9_]*(FOURQ|4QUAYS|QUAYS)[A-Za-z0-9_]*(URL|BASE|ENDPOINT|HOST)[A-Za-z0-9_]*[\"']?\\s*[=:]\\s*[\"']?"
	"(http://(?!(?:localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\]|0\\.0\\.0\\.0)(?:[:/\"'\\s]|$))[^\\s\"']+)",
	FQ_RE_CASELESS);
static fq_regex http_fourq_host = FQ_REGEX_INIT("http://[^/\\s\"']*(4quays|fourq)[^\\s\"']*", FQ_RE_CASELESS);

static const line_rule line_rules[] = {
	{ "FQ040", "0", &env_reject, "certificate verification is turned off for every TLS connection of the process" },
	{ "FQ040", "curl", &curl_insecure, "curl runs with -k/--insecure: certificate checks are off" },
	{ "FQ040", "wget", &wget_insecure, "wget runs with --no-check-certificate" },
	{ "FQ041", "ssl_protocols", &nginx_protocols, "nginx allows a TLS version below 1.2" },
	{ "FQ041", "SSLProtocol", &apache_protocols, "Apache allows a TLS version below 1.2" },
	{ "FQ042", "http://", &env_http_base, "the 4Quays API base uses plain http://" },
	{ "FQ042", "http://", &http_fourq_host, "the 4Quays API is addressed over plain http://" },
};

static void tls_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	size_t i;

	/* Source files get the tree-sitter rules instead. */
	if (fq_lang_detect(file->path, file->data, file->len) != FQ_LANG_NONE)
		return;
	for (i = 0; i < FQ_ARRAY_LEN(line_rules); i++) {
		const line_rule *r = &line_rules[i];
		size_t pos = 0, ov[2];

		if (!memmem(file->data, file->len, r->literal, strlen(r->literal)))
			continue;
		while (pos < file->len && fq_regex_find(r->re, file->data, file->len, pos, ov, 1)) {
			fq_finding *f;

			f = fq_findings_add(ctx->out, fq_rule_find(r->rule), file, ov[0], ov[1], "%s", r->message);
			fq_fingerprint_code(f, file->data + ov[0], ov[1] - ov[0]);
			/* one finding per line and rule */
			pos = ov[1] > pos ? ov[1] : pos + 1;
			while (pos < file->len && file->data[pos] != '\n')
				pos++;
		}
	}
}

const fq_family fq_family_tls = {
	"tls",
	tls_scan_text,
	tls_scan_code,
	NULL,
};
