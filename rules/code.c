#define _GNU_SOURCE
/*
 * The code model (rules/code.h): the method tables, the calls and pattern
 * hits the queries find and their classification, building and freeing the
 * model, and reporting a finding at a node.  The bindings are in values.c,
 * error handling in handlers.c.
 */
#include "code.h"
#include "code_impl.h"
#include "../scanner/config.h"
#include "../scanner/profile.h"
#include "../scanner/query.h"
#include "../util/common.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Method tables of SPEC §3: one place, configurable later. */
static const char *const protect_names[] = { "protect" };
static const char *const unprotect_names[] = { "unprotect" };
static const char *const log_methods[] = {
	"log", "trace", "debug", "info", "warn", "warning", "error", "fatal", "critical", "exception",
};
/* Logger objects whose names do not contain "log". */
static const char *const logger_names[] = {
	"winston", "pino", "bunyan", "console", "signale", "consola", "structlog", "loguru",
};

int fq_code_in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	}
	return 0;
}

/* Is the node's text one of the list's words? */
int fq_code_text_in_list(const fq_code *code, TSNode n, const char *const *list)
{
	for (; list && *list; list++) {
		if (fq_node_text_eq(&code->syn, n, *list))
			return 1;
	}
	return 0;
}

/* A method's name as the tables spell it: Go and C# export methods with a
 * capital (Protect, Infow), compared with their first letter lowered. */
static const char *method_name(const fq_code *code, TSNode n, char *buf, size_t size, size_t *len)
{
	const char *t = fq_node_text(&code->syn, n, len);

	if (!fq_syntax_profile(&code->syn)->capitalised_methods || *len == 0 || *len >= size ||
	    !isupper((unsigned char)t[0]))
		return t;
	memcpy(buf, t, *len);
	buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

int fq_code_is_protect_name(const fq_config *cfg, const char *s, size_t len)
{
	return fq_code_in_list(protect_names, FQ_ARRAY_LEN(protect_names), s, len) ||
	       (cfg && fq_strlist_has(&cfg->protect_methods, s, len));
}

int fq_code_is_unprotect_name(const fq_config *cfg, const char *s, size_t len)
{
	return fq_code_in_list(unprotect_names, FQ_ARRAY_LEN(unprotect_names), s, len) ||
	       (cfg && fq_strlist_has(&cfg->unprotect_methods, s, len));
}

fq_env fq_policy_env(const char *name, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t s;
		fq_env e;

		while (i < len && !isalnum((unsigned char)name[i]))
			i++;
		s = i;
		while (i < len && isalnum((unsigned char)name[i]))
			i++;
		if (i > s && (e = fq_env_of_word(name + s, i - s)) != FQ_ENV_NONE) {
			/* LIVE is a production word for files, not a policy segment
			 * the guide names; keep it anyway: BANK-LIVE-001 is clear. */
			return e;
		}
	}
	return FQ_ENV_NONE;
}

/* ---- calls and pattern hits from the queries ---------------------------- */

/* One segment of a receiver names a logger when one of its words (split at
 * _ $ digits and camelCase) is log, logs, logger, logging... or a logger
 * library: req.log, this.auditLogger, AUDIT_LOG, getLogger(), pino.  A
 * plain substring test would take catalog, dialog and backlog for loggers. */
static int is_logger_segment(const fq_code *code, const char *s, size_t len)
{
	const char *const *extra = fq_syntax_profile(&code->syn)->logger_names;
	static const char *const words[] = { "log", "logs", "logger", "loggers", "logging", "logr", "syslog" };
	size_t i = 0;

	while (i < len) {
		size_t w = i, k;

		/* a word: an upper-case run, or a capital and lower case letters */
		if (isupper((unsigned char)s[i])) {
			i++;
			if (i < len && islower((unsigned char)s[i])) {
				while (i < len && islower((unsigned char)s[i]))
					i++;
			} else {
				while (i < len && isupper((unsigned char)s[i]) &&
				       !(i + 1 < len && islower((unsigned char)s[i + 1])))
					i++;
			}
		} else if (islower((unsigned char)s[i])) {
			while (i < len && islower((unsigned char)s[i]))
				i++;
		} else {
			i++;
			continue;
		}
		for (k = 0; k < FQ_ARRAY_LEN(words); k++) {
			if (i - w == strlen(words[k]) && !strncasecmp(s + w, words[k], i - w))
				return 1;
		}
		if (i - w > 6 && !strncasecmp(s + i - 6, "logger", 6))
			return 1; /* applogger, requestlogger */
		for (k = 0; k < FQ_ARRAY_LEN(logger_names); k++) {
			if (i - w == strlen(logger_names[k]) && !strncasecmp(s + w, logger_names[k], i - w))
				return 1;
		}
		for (k = 0; extra && extra[k]; k++) {
			if (i - w == strlen(extra[k]) && !strncasecmp(s + w, extra[k], i - w))
				return 1;
		}
	}
	return 0;
}

/* Any name segment of a receiver chain (this.logger.child({...}),
 * logging.getLogger(__name__)) that names a logger; arguments do not count. */
static int receiver_is_logger(const fq_code *code, TSNode r, int depth)
{
	TSNode obj, prop, fn;
	size_t len;
	const char *s;

	r = fq_node_unwrap(r, 1);
	if (ts_node_is_null(r) || depth > 16)
		return 0;
	if (fq_node_is_name_token(&code->syn, r)) {
		s = fq_node_text(&code->syn, r, &len);
		return is_logger_segment(code, s, len);
	}
	if (fq_node_member(&code->syn, r, &obj, &prop))
		return receiver_is_logger(code, prop, depth + 1) || receiver_is_logger(code, obj, depth + 1);
	if (fq_node_call(&code->syn, r, &fn, NULL))
		return receiver_is_logger(code, fn, depth + 1);
	return 0;
}

static int is_logging(const fq_code *code, const fq_call *c)
{
	const fq_profile *p = fq_syntax_profile(&code->syn);
	char buf[64];
	size_t nlen, flen;
	const char *name = method_name(code, c->name, buf, sizeof(buf), &nlen), *callee;
	const char *const *w;

	if (ts_node_is_null(c->receiver)) {
		for (w = p->bare_log_calls; w && *w; w++) {
			if (strlen(*w) == nlen && !memcmp(name, *w, nlen))
				return 1;
		}
		return 0;
	}
	if (fq_node_text_eq(&code->syn, c->receiver, "console"))
		return 1;
	/* fmt.Println, System.out.println: a callee that prints, whatever its
	 * receiver's name */
	callee = fq_node_text(&code->syn, c->receiver, &flen);
	for (w = p->print_calls; w && *w; w++) {
		const char *dot = strrchr(*w, '.');

		if (dot && (size_t)(dot - *w) == flen && !memcmp(callee, *w, flen) &&
		    fq_node_text_eq(&code->syn, c->name, dot + 1))
			return 1;
	}
	if (!fq_code_in_list(log_methods, FQ_ARRAY_LEN(log_methods), name, nlen)) {
		for (w = p->log_methods; w && *w; w++) {
			if (strlen(*w) == nlen && !memcmp(name, *w, nlen))
				break;
		}
		if (!w || !*w)
			return 0;
	}
	return receiver_is_logger(code, c->receiver, 0);
}

/* protectAsync: the name without the profile's async suffix. */
static size_t without_async(const fq_code *code, const char *name, size_t len)
{
	const char *const *s;

	for (s = fq_syntax_profile(&code->syn)->async_suffixes; s && *s; s++) {
		size_t sl = strlen(*s);

		if (len > sl && !memcmp(name + len - sl, *s, sl))
			return len - sl;
	}
	return len;
}

/* ctx, reqCtx, context.Background(), r.Context(), c.Request.Context() */
static fq_regex context_arg = FQ_REGEX_INIT(
	"^(?:[A-Za-z_]*[Cc]tx|ctx[A-Za-z_]*|context\\.(?:Background|TODO)\\(\\)|[A-Za-z_][A-Za-z0-9_.]*\\.Context\\(\\)|c|context)$", 0);

static int is_context_arg(const fq_code *code, TSNode a)
{
	size_t len;
	const char *t = fq_node_text(&code->syn, a, &len);

	return fq_regex_test(&context_arg, t, len);
}

/* The payload and policy of a protect/unprotect call: the first two
 * positional arguments, or Python keywords (protect(payload=p, policy="X")). */
static void find_operands(const fq_code *code, fq_call *c)
{
	static const char *const payload_words[] = { "payload", "data", "plaintext", "value" };
	static const char *const policy_words[] = { "policy", "policy_name", "policy_id", "policyName" };
	uint32_t i = 0, positional = 0;

	/* Go: Protect(ctx, payload, policy) */
	if (fq_syntax_profile(&code->syn)->context_first && c->nargs >= 2 && is_context_arg(code, c->arg[0]))
		i = 1;
	for (; i < c->nargs; i++) {
		TSNode a = c->arg[i], kw, value;

		/* payload=p, policy="X" (Python keywords, Kotlin named arguments) */
		if (fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->keyword_arguments, a, &kw, &value) ||
		    (fq_syntax_profile(&code->syn)->entry_parts && fq_node_entry(&code->syn, a, &kw, &value) &&
		     fq_node_is_name_token(&code->syn, kw))) {
			size_t len;
			const char *t = fq_node_text(&code->syn, kw, &len);

			if (fq_code_in_list(payload_words, FQ_ARRAY_LEN(payload_words), t, len))
				c->payload = value;
			else if (fq_code_in_list(policy_words, FQ_ARRAY_LEN(policy_words), t, len))
				c->policy = value;
			continue;
		}
		if (fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->spreads, a))
			break; /* positions unknown after *args */
		if (positional == 0 && ts_node_is_null(c->payload))
			c->payload = a;
		else if (positional == 1 && ts_node_is_null(c->policy))
			c->policy = a;
		positional++;
	}
}

static int on_match(void *payload, const fq_capture *caps, uint32_t ncaps, uint32_t pattern)
{
	fq_code *code = payload;
	fq_call c;
	uint32_t i;
	int is_call = 0;
	size_t first_hit = code->nhits;
	TSNode key = { 0 };

	(void)pattern;
	memset(&c, 0, sizeof(c));
	for (i = 0; i < ncaps; i++) {
		const char *n = caps[i].name;

		if (!strcmp(n, "call")) {
			c.node = caps[i].node;
			is_call = 1;
		} else if (!strcmp(n, "name")) {
			c.name = caps[i].node;
		} else if (!strcmp(n, "receiver")) {
			c.receiver = caps[i].node;
		} else if (!strcmp(n, "args")) {
			c.args = caps[i].node;
		} else if (!strcmp(n, "key")) {
			key = caps[i].node;
		} else if (n[0] == 'f' && n[1] == 'q' && strlen(n) == 5) {
			char id[6];
			const fq_rule *rule;

			snprintf(id, sizeof(id), "FQ%s", n + 2);
			rule = fq_rule_find(id);
			if (!rule)
				continue;
			code->hits = fq_grow_array(code->hits, &code->hits_alloc, code->nhits + 1, sizeof(*code->hits));
			code->hits[code->nhits].rule = rule;
			code->hits[code->nhits].node = caps[i].node;
			code->hits[code->nhits].key = (TSNode){ 0 };
			code->nhits++;
		}
	}
	for (; first_hit < code->nhits; first_hit++)
		code->hits[first_hit].key = key;
	/* one call that two patterns match (with and without its receiver):
	 * the first, which has it, counts */
	if (is_call && code->ncalls && ts_node_eq(code->calls[code->ncalls - 1].node, c.node))
		is_call = 0;
	if (is_call && !ts_node_is_null(c.name) && !ts_node_is_null(c.args)) {
		size_t nlen;
		const char *name;

		char buf[64];

		c.nargs = fq_node_args(c.args, c.arg, FQ_MAX_ARGS);
		c.scope = fq_node_scope(&code->syn, c.node);
		name = method_name(code, c.name, buf, sizeof(buf), &nlen);
		nlen = without_async(code, name, nlen);
		if (c.nargs >= 2 && fq_code_is_protect_name(code->config, name, nlen))
			c.kind = FQ_CALL_PROTECT;
		else if (c.nargs >= 2 && fq_code_is_unprotect_name(code->config, name, nlen))
			c.kind = FQ_CALL_UNPROTECT;
		else if (is_logging(code, &c))
			c.kind = FQ_CALL_LOG;
		if (c.kind == FQ_CALL_PROTECT || c.kind == FQ_CALL_UNPROTECT)
			find_operands(code, &c);
		code->calls = fq_grow_array(code->calls, &code->calls_alloc, code->ncalls + 1, sizeof(*code->calls));
		code->calls[code->ncalls++] = c;
		code->has_protect |= c.kind == FQ_CALL_PROTECT || c.kind == FQ_CALL_UNPROTECT;
	}
	return 0;
}

static int cmp_call(const void *a, const void *b)
{
	uint32_t x = ts_node_start_byte(((const fq_call *)a)->node);
	uint32_t y = ts_node_start_byte(((const fq_call *)b)->node);

	return x < y ? -1 : x > y;
}

int fq_code_build(fq_code *out, fq_rule_ctx *ctx, const fq_file *file, fq_lang lang)
{
	const fq_query *q = fq_query_for(lang);
	size_t pos = 0;
	fq_key_match m;

	memset(out, 0, sizeof(*out));
	if (!q)
		return fq_error_set(-1, "the %s rules' queries do not compile: %s", fq_lang_label(lang), fq_error_last());
	if (fq_syntax_parse(&out->syn, ctx->parser, lang, file->data, file->len) < 0)
		return fq_error_set(-1, "the parser gave up (time limit)");
	/* tree-sitter 0.20's ts_node_parent walks down from the root: on code
	 * nested thousands deep every parent lookup is slow, so such files get
	 * the text rules only, with a note */
	if (fq_syntax_index(&out->syn, FQ_MAX_NESTING) < 0)
		return fq_error_set(-1, "code rules not run: nesting deeper than %d levels", FQ_MAX_NESTING);
	out->file = file;
	out->config = ctx->opts ? ctx->opts->config : NULL;
	if (fq_query_run(q, &out->syn, on_match, out) < 0)
		ctx->match_limit_hit = 1;
	/* generated or minified code: the intra-procedural model is not meant
	 * for it, and its cost grows with calls times bindings */
	if (out->ncalls > FQ_MAX_CALLS)
		return fq_error_set(-1, "code rules not run: %zu calls in one file is over the limit of %d "
				    "(generated or minified code?)", out->ncalls, FQ_MAX_CALLS);
	if (out->ncalls > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(out->calls, out->ncalls, sizeof(*out->calls), cmp_call);
	fq_code_bind(out);
	while (fq_keydetect_next(ctx->kd, file->data, file->len, &pos, &m)) {
		if (!m.placeholder)
			out->key_kinds |= 1 << m.kind;
	}
	return 0;
}

void fq_code_free(fq_code *code)
{
	if (!code)
		return;
	free(code->bindings);
	free(code->calls);
	free(code->hits);
	fq_syntax_free(&code->syn);
	memset(code, 0, sizeof(*code));
}

fq_finding *fq_code_report(fq_rule_ctx *ctx, const fq_code *code, const fq_rule *rule,
			   TSNode at, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	fq_finding *f;
	size_t len;
	const char *text;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f = fq_findings_add(ctx->out, rule, code->file, ts_node_start_byte(at), ts_node_end_byte(at),
			    "%s", msg ? msg : "");
	free(msg);
	text = fq_node_text(&code->syn, at, &len);
	fq_fingerprint_code(f, text, len);
	return f;
}
