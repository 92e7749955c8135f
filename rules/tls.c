/*
 * TLS configuration: FQ040 certificate checks turned off, FQ041 a minimum
 * TLS version below 1.2, FQ042 a plain-http 4Quays API base.  In code the
 * patterns are tree-sitter queries (rules/queries/<language>/tls.scm); in
 * shell scripts, Dockerfiles and nginx/Apache/HAProxy configuration they
 * are line patterns; in YAML, JSON, dotenv, TOML and properties files they
 * are also checks of the settings (rules/config_walk.c fq_config_walk), so that
 * nested keys (fourq: { base_url: ... }) and Kubernetes name/value pairs
 * count.  Prose (Markdown, text) describes settings and is not checked.
 */
#define _GNU_SOURCE
#include "code.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <string.h>
#include <strings.h>

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
static fq_regex fourq_host = FQ_REGEX_INIT("^http://[^/\\s\"'`]*(?:4quays|fourq)", FQ_RE_CASELESS);
/* names of settings that hold an API base */
static fq_regex base_name = FQ_REGEX_INIT(
	"(?:fourq|4quays|quays).*(?:url|base|endpoint|host|server)|^(?:api_?base|base_?url|api_?url|endpoint)$",
	FQ_RE_CASELESS);

/* The name a string is given to: a pair key, a declarator, an assignment
 * target, a keyword argument, a JSX attribute, a class field, or the
 * variable an environment lookup falls back from (FOURQ_API_BASE in
 * process.env.FOURQ_API_BASE || 'http://...', os.getenv("FOURQ_API_BASE",
 * "http://...")). */
/* What a lookup a default falls back from names: the member of
 * process.env.FOURQ_API_BASE, the string of getenv('FOURQ_API_BASE'). */
static TSNode lookup_name(const fq_code *code, TSNode e)
{
	TSNode prop, args, first;
	const char *s;
	size_t len;

	if (fq_node_call(&code->syn, e, NULL, &args)) {
		first = ts_node_is_null(args) ? args : fq_node_unwrap(ts_node_named_child(args, 0), 0);
		return !ts_node_is_null(first) && fq_node_string_value(&code->syn, first, &s, &len) ? first : (TSNode){ 0 };
	}
	if (fq_node_member(&code->syn, e, NULL, &prop))
		return prop;
	return (TSNode){ 0 };
}

static TSNode name_of_value(const fq_code *code, TSNode str)
{
	TSNode n = str, p;

	for (p = fq_node_parent(&code->syn, n); !ts_node_is_null(p); n = p, p = fq_node_parent(&code->syn, p)) {
		const char *t = ts_node_type(p);
		const fq_profile *prof = fq_syntax_profile(&code->syn);
		const fq_shape *entry = fq_shape_of(prof->entries, t);
		TSNode target, targets[8];

		/* the profile's wrappers and lists; an entry's key and a
		 * declaration's first target name the value (Go's
		 * Config{BaseURL: "http://..."}, const fourqBase = "http://...") */
		TSNode kw;

		if (fq_node_is_list(&code->syn, p) || fq_in_types(prof->wrappers, t) ||
		    (fq_in_types(prof->wrappers_last, t) && !entry &&
		     !(fq_node_shape(&code->syn, prof->keyword_arguments, p, &kw, NULL) && !ts_node_is_null(kw))))
			continue;
		if (entry && prof->entry_parts) {
			TSNode key, value;

			/* Kotlin: baseUrl = "http://..." */
			if (prof->entry_parts(p, &key, &value) && !ts_node_eq(key, n))
				return key;
		} else if (entry) {
			TSNode key;

			if (fq_node_entry(&code->syn, p, &key, NULL) && !ts_node_eq(key, n) && !ts_node_is_null(key))
				return fq_node_unwrap(key, 0);
		}
		if (fq_node_binding(&code->syn, p, &target, NULL) && !ts_node_eq(target, n) &&
		    !fq_node_contains(target, n))
			return fq_node_targets(&code->syn, p, targets, 8) ? targets[0] : target;
		if (fq_shape_of(prof->conditionals, t)) {
			TSNode cond, name;

			/* getenv('FOURQ_API_BASE') ?: 'http://...' names the default */
			if (fq_node_shape(&code->syn, prof->conditionals, p, &cond, NULL) && !ts_node_eq(cond, n) &&
			    !ts_node_is_null(name = lookup_name(code, fq_node_unwrap(cond, 0))))
				return name;
			continue;
		}
		if (fq_in_types(prof->defaults, t))
			continue;
		if (fq_in_types(prof->binary_ops, t)) {
			TSNode left = fq_node_unwrap(ts_node_child_by_field_name(p, "left", 4), 0), name;

			/* process.env.FOURQ_API_BASE || 'http://...',
			 * getenv('FOURQ_API_BASE') ?? 'http://...' name the default */
			if (!ts_node_eq(left, n) && !ts_node_is_null(name = lookup_name(code, left)))
				return name;
			continue;
		}
		if (fq_node_is_args(&code->syn, p)) {
			TSNode first = fq_node_unwrap(ts_node_named_child(p, 0), 0), call = fq_node_parent(&code->syn, p);
			TSNode prop;
			const char *sv;
			size_t sl;

			/* os.getenv("FOURQ_API_BASE", "http://...") */
			if (!ts_node_eq(first, n) && !fq_node_contains(first, n) && fq_node_string_value(&code->syn, first, &sv, &sl))
				return first;
			/* builder.baseUrl("http://..."): the method names it (Kotlin's
			 * arguments sit in a call suffix) */
			if (!fq_node_call(&code->syn, call, NULL, NULL))
				call = fq_node_parent(&code->syn, call);
			if (fq_node_member(&code->syn, call, NULL, &prop))
				return prop;
			/* new Uri("http://..."): the value is the construction's */
			if (fq_node_call(&code->syn, call, NULL, NULL) || fq_in_types(prof->constructions, ts_node_type(call))) {
				n = call;
				p = call;
				continue;
			}
			return (TSNode){ 0 };
		}
		{
			TSNode name;

			/* keyword arguments, class fields, JSX attributes */
			if (fq_node_shape(&code->syn, prof->keyword_arguments, p, &name, NULL) ||
			    fq_node_shape(&code->syn, prof->class_fields, p, &name, NULL))
				return name;
			if (fq_in_types(prof->jsx_attributes, t))
				return ts_node_named_child(p, 0);
		}
		return (TSNode){ 0 };
	}
	(void)code;
	return (TSNode){ 0 };
}

/* The URL a string starts with, when its host is literal text: all of a
 * plain string, or the part of a template or f-string before its first
 * substitution if the host ends before it (`http://host/${path}` yes,
 * `http://${host}` no). */
static int literal_url(const fq_code *code, TSNode n, const char **out, size_t *len)
{
	const char *t, *h;
	size_t tl, i;

	if (fq_node_string_value(&code->syn, n, out, len))
		return 1;
	t = fq_node_text(&code->syn, n, &tl);
	h = memmem(t, tl, "http://", 7);
	if (!h || h - t > 3)
		return 0; /* not at the start: f"...", `...` */
	for (i = (size_t)(h - t) + 7; i < tl; i++) {
		char c = t[i];

		if (c == '/' || c == ':' || c == '?' || c == '#')
			break;
		if (c == '{' || c == '$' || c == '"' || c == '\'' || c == '`')
			return 0;
	}
	*out = h;
	*len = i - (size_t)(h - t);
	return i < tl;
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

	if (!fq_in_types(fq_syntax_profile(&w->code->syn)->strings, ts_node_type(n)))
		return 0;
	/* a TypeScript literal type ('http://a' | 'https://a') is no value */
	if (fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->literal_types, fq_node_parent(&w->code->syn, n)))
		return 1;
	if (!literal_url(w->code, n, &s, &len) || len < 8 || memcmp(s, "http://", 7) != 0)
		return 1;
	if (!fq_regex_test(&remote_http, s, len))
		return 1;
	{
		size_t i;

		/* sprintf('http://%s:8080', $host), "http://{host}": a template */
		for (i = 7; i < len && s[i] != '/' && s[i] != ':' && s[i] != '?' && s[i] != '#'; i++) {
			if (s[i] == '%' || s[i] == '{' || s[i] == '$' || s[i] == '<')
				return 1;
		}
	}
	if (!fq_regex_test(&fourq_host, s, len)) {
		size_t nlen;
		const char *nt;

		name = name_of_value(w->code, n);
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
		http_walk w = { ctx, code, fq_file_names_fourq(code->file) };

		fq_node_walk(&code->syn, code->syn.root, http_visit, &w);
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
	"(?:NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[\"']?\\s*[=:]\\s*[\"']?0(?![0-9.])", 0);
/* Dockerfile `ENV NAME value` (no =) */
static fq_regex docker_env_reject = FQ_REGEX_INIT(
	"^[ \\t]*ENV[ \\t]+(?:NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)[ \\t]+[\"']?0(?![0-9.])",
	FQ_RE_MULTILINE | FQ_RE_CASELESS);
/* within curl's own command: `curl ... && kubectl apply -k x` is not curl -k */
static fq_regex curl_insecure = FQ_REGEX_INIT(
	"\\bcurl\\b[^\\n|;&]*?\\s(?:--insecure\\b|-[a-zA-Z]*k[a-zA-Z]*\\b)", 0);
/* libcurl bindings (PHP, C, Ruby...): CURLOPT_SSL_VERIFYPEER/VERIFYHOST off */
static fq_regex curlopt_off = FQ_REGEX_INIT(
	"CURLOPT_SSL_VERIFY(?:PEER|HOST)\\b[\"']?\\s*(?:,|=>|=)\\s*(?:0|0L|false|FALSE|False)\\b", 0);
static fq_regex wget_insecure = FQ_REGEX_INIT("\\bwget\\b[^\\n|;&]*?\\s--no-check-certificate\\b", 0);
static fq_regex nginx_protocols = FQ_REGEX_INIT(
	"^[ \\t]*ssl_protocols\\b[^;\\n]*\\b(?:TLSv1|TLSv1\\.1|SSLv3)(?![.\\d])[^;\\n]*;?", FQ_RE_MULTILINE);
static fq_regex haproxy_min_ver = FQ_REGEX_INIT(
	"\\bssl-min-ver[ \\t]+(?:TLSv1\\.0|TLSv1\\.1|SSLv3)\\b", 0);
static fq_regex env_http_base = FQ_REGEX_INIT(
	"\\b[A-Za-z0-9_]*(?:FOURQ|4QUAYS|QUAYS)[A-Za-z0-9_]*(?:URL|BASE|ENDPOINT|HOST)[A-Za-z0-9_]*[\"']?\\s*[=:]\\s*[\"']?"
	"(?:http://(?!(?:localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\]|0\\.0\\.0\\.0|host\\.docker\\.internal)"
	"(?:[:/\"'\\s]|$))[^\\s\"']+)",
	FQ_RE_CASELESS);
static fq_regex http_fourq_host = FQ_REGEX_INIT("http://[^/\\s\"']*(?:4quays|fourq)[^\\s\"']*", FQ_RE_CASELESS);

static const line_rule line_rules[] = {
	{ "FQ040", "0", &env_reject, "certificate verification is turned off for every TLS connection of the process" },
	{ "FQ040", "ENV", &docker_env_reject, "certificate verification is turned off for every TLS connection of the process" },
	{ "FQ040", "curl", &curl_insecure, "curl runs with -k/--insecure: certificate checks are off" },
	{ "FQ040", "wget", &wget_insecure, "wget runs with --no-check-certificate" },
	{ "FQ040", "CURLOPT_SSL_VERIFY", &curlopt_off, "libcurl runs with certificate or host name checks off" },
	{ "FQ041", "ssl_protocols", &nginx_protocols, "nginx allows a TLS version below 1.2" },
	{ "FQ041", "ssl-min-ver", &haproxy_min_ver, "HAProxy allows a TLS version below 1.2" },
	{ "FQ042", "http://", &env_http_base, "the 4Quays API base uses plain http://" },
	{ "FQ042", "http://", &http_fourq_host, "the 4Quays API is addressed over plain http://" },
};

/* Prose describes settings, it does not make them ("never set
 * NODE_TLS_REJECT_UNAUTHORIZED=0"). */
static int is_prose(const char *path)
{
	static const char *const exts[] = { ".md", ".markdown", ".rst", ".txt", ".adoc", ".html", ".htm" };
	size_t n = strlen(path), i;

	for (i = 0; i < FQ_ARRAY_LEN(exts); i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcasecmp(path + n - e, exts[i]))
			return 1;
	}
	return 0;
}

/* Findings of this file so far, one per rule and line. */
typedef struct text_scan {
	fq_rule_ctx *ctx;
	const fq_file *file;
	size_t lines[256];
	const char *rules[256];
	size_t n;
} text_scan;

static size_t line_start(const fq_file *file, size_t off)
{
	size_t start, end;

	fq_file_line_bounds(file, off, &start, &end);
	return start;
}

/* A line that is a comment: # (shell, YAML, dotenv, nginx), ; (INI), //. */
static int comment_line(const fq_file *file, size_t off)
{
	size_t i = line_start(file, off);

	while (i < file->len && (file->data[i] == ' ' || file->data[i] == '\t'))
		i++;
	return i < file->len && (file->data[i] == '#' || file->data[i] == ';' ||
				 (file->data[i] == '/' && i + 1 < file->len && file->data[i + 1] == '/'));
}

static void text_report(text_scan *t, const char *rule, size_t start, size_t end, const char *message)
{
	size_t line = line_start(t->file, start), i;
	fq_finding *f;

	for (i = 0; i < t->n; i++) {
		if (t->lines[i] == line && !strcmp(t->rules[i], rule))
			return;
	}
	if (t->n < FQ_ARRAY_LEN(t->lines)) {
		t->lines[t->n] = line;
		t->rules[t->n++] = rule;
	}
	f = fq_findings_add(t->ctx->out, fq_rule_find(rule), t->file, start, end, "%s", message);
	fq_fingerprint_code(f, t->file->data + start, end - start);
}

/* Apache `SSLProtocol all -SSLv3`: `all` still holds TLS 1.0 and 1.1, so
 * the set the tokens leave is what counts, not the words on the line. */
static fq_regex apache_line = FQ_REGEX_INIT("^[ \\t]*SSLProtocol\\b[^\\n]*", FQ_RE_MULTILINE | FQ_RE_CASELESS);

enum { P_SSL2 = 1, P_SSL3 = 2, P_TLS1 = 4, P_TLS11 = 8, P_TLS12 = 16, P_TLS13 = 32, P_WEAK = 15 };

static unsigned apache_protocol(const char *s, size_t len)
{
	static const struct { const char *name; unsigned bits; } names[] = {
		{ "all", P_SSL3 | P_TLS1 | P_TLS11 | P_TLS12 | P_TLS13 }, { "SSLv2", P_SSL2 }, { "SSLv3", P_SSL3 },
		{ "TLSv1", P_TLS1 }, { "TLSv1.0", P_TLS1 }, { "TLSv1.1", P_TLS11 }, { "TLSv1.2", P_TLS12 },
		{ "TLSv1.3", P_TLS13 },
	};
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(names); i++) {
		if (strlen(names[i].name) == len && !strncasecmp(s, names[i].name, len))
			return names[i].bits;
	}
	return 0;
}

static void apache_scan(text_scan *t)
{
	size_t pos = 0, ov[2];

	while (pos < t->file->len && fq_regex_find(&apache_line, t->file->data, t->file->len, pos, ov, 1)) {
		const char *s = t->file->data + ov[0], *e = t->file->data + ov[1];
		unsigned set = 0;
		int first = 1;

		pos = ov[1] + 1;
		s = (const char *)fq_memcasemem(s, (size_t)(e - s), "SSLProtocol", 11) + 11;
		while (s < e) {
			const char *w;
			char sign = 0;
			unsigned bits;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			if (s < e && *s == '#')
				break;
			if (s < e && (*s == '+' || *s == '-'))
				sign = *s++;
			for (w = s; s < e && *s != ' ' && *s != '\t' && *s != '\r'; s++)
				;
			bits = apache_protocol(w, (size_t)(s - w));
			if (sign == '-')
				set &= ~bits;
			else if (!sign && first)
				set = bits; /* a bare first protocol is the whole set */
			else
				set |= bits;
			if (s > w)
				first = 0;
		}
		if (set & P_WEAK)
			text_report(t, "FQ041", ov[0], ov[1], "Apache allows a TLS version below 1.2");
	}
}

/* ---- settings of configuration files (YAML, JSON, dotenv, TOML...) ---- */

static fq_regex reject_env_name = FQ_REGEX_INIT("^(?:NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)$", FQ_RE_CASELESS);
static fq_regex verify_name = FQ_REGEX_INIT(
	"^(?:rejectUnauthorized|strict[-_]?ssl|ssl[-_]?verify(?:[-_]?peer)?|verify[-_]?ssl|tls[-_]?verify|"
	"verify[-_]?certs?|verify[-_]?peer)$", FQ_RE_CASELESS);
static fq_regex skip_verify_name = FQ_REGEX_INIT(
	"^(?:insecure[-_]?skip[-_]?verify|tls[-_]?skip[-_]?verify|skip[-_]?tls[-_]?verify|skip[-_]?ssl[-_]?verify)$",
	FQ_RE_CASELESS);
static fq_regex version_name = FQ_REGEX_INIT(
	"^(?:min|max|minimum|maximum)[-_]?(?:tls[-_]?|ssl[-_]?)?(?:version|ver|protocol(?:[-_]?version)?)$|"
	"^(?:tls|ssl)[-_]?(?:min|max|minimum|maximum)[-_]?(?:version|ver|protocol(?:[-_]?version)?)$|"
	"^(?:tls|ssl)[-_]?(?:minimum|maximum)[-_]?protocol[-_]?version$|^(?:ssl|tls)[-_]?(?:protocols?|versions?)$",
	FQ_RE_CASELESS);
/* TLSv1, TLSv1.0, TLS1_1, TLS10, VersionTLS11, SSLv3: below 1.2 */
static fq_regex weak_version = FQ_REGEX_INIT(
	"^(?:version)?tls[ _]?v?1(?:[._]?[01])?$|^(?:version)?ssl[ _]?v?[23]$", FQ_RE_CASELESS);
static fq_regex bare_weak_version = FQ_REGEX_INIT("^1(?:\\.[01])?$", 0);
static fq_regex fourq_name = FQ_REGEX_INIT("fourq|4quays|quays", FQ_RE_CASELESS);
static fq_regex url_word = FQ_REGEX_INIT("url|base|endpoint|host|server", FQ_RE_CASELESS);
static fq_regex generic_base_name = FQ_REGEX_INIT(
	"^(?:api[-_]?base|base[-_]?url|api[-_]?url|endpoint|url|host|server|base|api[-_]?endpoint)$", FQ_RE_CASELESS);

static int value_is(const fq_setting *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(words[i]) == s->vlen && !strncasecmp(s->value, words[i], s->vlen))
			return 1;
	}
	return 0;
}

/* The name a setting goes by: its key, its last dotted segment, or for a
 * list item the key of the list. */
static void setting_name(const fq_setting *s, const char **name, size_t *len)
{
	const char *k = s->key, *dot;
	size_t kl = s->klen;

	if (kl == 0 && s->nparents > 0) {
		k = s->parent[s->nparents - 1];
		kl = s->plen[s->nparents - 1];
	}
	while ((dot = memchr(k, '.', kl)) != NULL) {
		kl -= (size_t)(dot + 1 - k);
		k = dot + 1;
	}
	*name = k;
	*len = kl;
}

static int weak_tokens(const fq_setting *s, int bare_ok)
{
	const char *p = s->value, *e = s->value + s->vlen;

	while (p < e) {
		const char *w;

		while (p < e && (*p == ' ' || *p == ',' || *p == ':'))
			p++;
		if (p < e && (*p == '-' || *p == '!')) {
			while (p < e && *p != ' ' && *p != ',')
				p++; /* a protocol turned off */
			continue;
		}
		for (w = p; p < e && *p != ' ' && *p != ','; p++)
			;
		if (p > w && (fq_regex_test(&weak_version, w, (size_t)(p - w)) ||
			      (bare_ok && fq_regex_test(&bare_weak_version, w, (size_t)(p - w)))))
			return 1;
	}
	return 0;
}

static int name_may_be_tls(const char *name, size_t nlen)
{
	static const char *const words[] = { "ver", "reject", "ssl", "tls", "protocol" };
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(words); i++) {
		if (fq_memcasemem(name, nlen, words[i], strlen(words[i])))
			return 1;
	}
	return 0;
}

static void tls_setting(void *payload, const fq_setting *s)
{
	static const char *const falsy[] = { "false", "0", "no", "off" };
	static const char *const truthy[] = { "true", "1", "yes", "on" };
	text_scan *t = payload;
	const char *name;
	size_t nlen;
	int i;

	setting_name(s, &name, &nlen);
	if (!nlen)
		return;
	/* every name the patterns below accept holds one of these words: most
	 * settings of a large JSON or YAML file are done here */
	if (!name_may_be_tls(name, nlen) && !(s->vlen > 7 && !strncasecmp(s->value, "http://", 7)))
		return;
	if (comment_line(t->file, s->value_off))
		return;
	if ((fq_regex_test(&reject_env_name, name, nlen) && s->vlen == 1 && s->value[0] == '0') ||
	    (fq_regex_test(&verify_name, name, nlen) && value_is(s, falsy, FQ_ARRAY_LEN(falsy))) ||
	    (fq_regex_test(&skip_verify_name, name, nlen) && value_is(s, truthy, FQ_ARRAY_LEN(truthy)))) {
		text_report(t, "FQ040", s->value_off, s->value_off + s->vlen,
			    "the setting turns TLS certificate verification off");
		return;
	}
	if (fq_regex_test(&version_name, name, nlen) &&
	    weak_tokens(s, fq_memcasemem(name, nlen, "tls", 3) || fq_memcasemem(name, nlen, "ssl", 3))) {
		text_report(t, "FQ041", s->value_off, s->value_off + s->vlen,
			    "the setting allows a TLS version below 1.2: require TLS 1.2 at least");
		return;
	}
	if (s->vlen > 7 && !strncasecmp(s->value, "http://", 7) && fq_regex_test(&remote_http, s->value, s->vlen)) {
		/* a 4Quays host, a 4Quays setting name (FOURQ_API_URL, fourq.base_url),
		 * or a base URL under a 4Quays section (fourq: { base_url: ... }) */
		int fourq = fq_regex_test(&fourq_host, s->value, s->vlen) ||
			    (fq_regex_test(&fourq_name, s->key, s->klen) && fq_regex_test(&url_word, name, nlen));

		for (i = s->nparents - 1; i >= 0 && !fourq; i--) {
			if (fq_regex_test(&fourq_name, s->parent[i], s->plen[i]) &&
			    fq_regex_test(&generic_base_name, name, nlen))
				fourq = 1;
		}
		if (fourq)
			text_report(t, "FQ042", s->value_off, s->value_off + s->vlen,
				    "the 4Quays API base uses plain http://: use https://");
	}
}

/* Words every setting that tls_setting reports has, in its name or value:
 * a config file without any of them is not parsed. */
static int may_hold_tls_setting(const fq_file *file)
{
	static const char *const words[] = { "verif", "reject", "ssl", "tls", "http://" };
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(words); i++) {
		if (fq_memcasemem(file->data, file->len, words[i], strlen(words[i])))
			return 1;
	}
	return 0;
}

static void tls_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	text_scan t;
	size_t i;

	/* Source files get the tree-sitter rules instead. */
	if (fq_file_lang(file) != FQ_LANG_NONE)
		return;
	if (is_prose(file->path))
		return;
	memset(&t, 0, sizeof(t));
	t.ctx = ctx;
	t.file = file;
	for (i = 0; i < FQ_ARRAY_LEN(line_rules); i++) {
		const line_rule *r = &line_rules[i];
		size_t pos = 0, ov[2];

		if (!memmem(file->data, file->len, r->literal, strlen(r->literal)))
			continue;
		while (pos < file->len && fq_regex_find(r->re, file->data, file->len, pos, ov, 1)) {
			if (!comment_line(file, ov[0]))
				text_report(&t, r->rule, ov[0], ov[1], r->message);
			/* one finding per line and rule */
			pos = ov[1] > pos ? ov[1] : pos + 1;
			while (pos < file->len && file->data[pos] != '\n')
				pos++;
		}
	}
	if (fq_memcasemem(file->data, file->len, "SSLProtocol", 11))
		apache_scan(&t);
	if (fq_is_config_path(file->path) && may_hold_tls_setting(file))
		fq_config_walk(file, tls_setting, &t);
}

const fq_family fq_family_tls = {
	"tls",
	tls_scan_text,
	tls_scan_code,
	NULL,
};
