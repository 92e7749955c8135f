#define _GNU_SOURCE
#include "code.h"
#include "../scanner/query.h"
#include "../util/common.h"
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
static const char *const logger_names[] = { "winston", "pino", "bunyan", "console", "signale", "consola" };

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	}
	return 0;
}

int fq_code_is_protect_name(const char *s, size_t len)
{
	return in_list(protect_names, FQ_ARRAY_LEN(protect_names), s, len);
}

int fq_code_is_unprotect_name(const char *s, size_t len)
{
	return in_list(unprotect_names, FQ_ARRAY_LEN(unprotect_names), s, len);
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

/* ---- bindings ---------------------------------------------------------- */

typedef struct fq_binding {
	TSNode scope;
	const char *name;
	size_t nlen;
	uint32_t at;             /* effective from this offset */
	fq_value_kind kind;
	int payload;             /* a payload mark (whole function) */
} binding;

static void add_binding(const fq_code *code, TSNode scope, const char *name, size_t nlen,
			uint32_t at, fq_value_kind kind, int payload)
{
	fq_code *c = (fq_code *)code;
	binding *b;

	if (c->nbindings == c->abindings) {
		c->abindings = c->abindings ? c->abindings * 2 : 16;
		c->bindings = fq_realloc_array(c->bindings, c->abindings, sizeof(*c->bindings));
	}
	b = &c->bindings[c->nbindings++];
	b->scope = scope;
	b->name = name;
	b->nlen = nlen;
	b->at = at;
	b->kind = kind;
	b->payload = payload;
}

static int tracked_in(const fq_code *code, TSNode scope, const char *name, size_t nlen)
{
	size_t i;

	for (i = 0; i < code->nbindings; i++) {
		const binding *b = &code->bindings[i];

		if (ts_node_eq(b->scope, scope) && b->nlen == nlen && memcmp(b->name, name, nlen) == 0)
			return 1;
	}
	return 0;
}

static TSNode outer_scope(const fq_code *code, TSNode scope)
{
	if (ts_node_eq(scope, code->syn.root))
		return (TSNode){ 0 };
	return fq_node_scope(&code->syn, scope);
}

fq_value_kind fq_code_value_at(const fq_code *code, TSNode scope, const char *name, size_t nlen,
			       uint32_t at)
{
	TSNode s = scope;

	while (!ts_node_is_null(s)) {
		const binding *best = NULL;
		size_t i;

		for (i = 0; i < code->nbindings; i++) {
			const binding *b = &code->bindings[i];

			if (b->payload || !ts_node_eq(b->scope, s) || b->nlen != nlen ||
			    memcmp(b->name, name, nlen) != 0 || b->at > at)
				continue;
			if (!best || b->at >= best->at)
				best = b;
		}
		if (best)
			return best->kind;
		s = outer_scope(code, s);
	}
	return FQ_VAL_NONE;
}

int fq_code_is_payload(const fq_code *code, TSNode scope, const char *name, size_t nlen)
{
	TSNode s = scope;

	while (!ts_node_is_null(s)) {
		size_t i;

		for (i = 0; i < code->nbindings; i++) {
			const binding *b = &code->bindings[i];

			if (b->payload && ts_node_eq(b->scope, s) && b->nlen == nlen &&
			    memcmp(b->name, name, nlen) == 0)
				return 1;
		}
		s = outer_scope(code, s);
	}
	return 0;
}

/* The call record of a call node, or NULL. */
static const fq_call *call_of(const fq_code *code, TSNode n)
{
	size_t i;

	for (i = 0; i < code->ncalls; i++) {
		if (ts_node_eq(code->calls[i].node, n))
			return &code->calls[i];
	}
	return NULL;
}

/* What an expression evaluates to, in terms of protect results. */
static fq_value_kind classify_expr(const fq_code *code, TSNode expr, TSNode scope)
{
	TSNode e = fq_node_unwrap(expr, 1);
	const fq_call *c;

	if (ts_node_is_null(e))
		return FQ_VAL_NONE;
	if ((c = call_of(code, e)) != NULL) {
		if (c->kind == FQ_CALL_PROTECT)
			return FQ_VAL_PROTECTED;
		if (c->kind == FQ_CALL_UNPROTECT)
			return FQ_VAL_PLAINTEXT;
		return FQ_VAL_NONE;
	}
	if (fq_node_is(e, "identifier")) {
		size_t len;
		const char *t = fq_node_text(&code->syn, e, &len);

		return fq_code_value_at(code, scope, t, len, ts_node_start_byte(e));
	}
	return FQ_VAL_NONE;
}

static void bind_name(fq_code *code, TSNode name_node, TSNode value, uint32_t at)
{
	TSNode scope = fq_node_scope(&code->syn, name_node);
	fq_value_kind kind;
	size_t len;
	const char *t;

	if (!fq_node_is(name_node, "identifier"))
		return;
	t = fq_node_text(&code->syn, name_node, &len);
	kind = ts_node_is_null(value) ? FQ_VAL_NONE : classify_expr(code, value, scope);
	if (kind != FQ_VAL_NONE || tracked_in(code, scope, t, len))
		add_binding(code, scope, t, len, at, kind, 0);
}

/* `protect(...).then((sealed) => ...)`: the callback's first parameter. */
static void bind_then_param(fq_code *code, const fq_call *then_call)
{
	TSNode cb, params, first, recv;
	const fq_call *inner;
	size_t len;
	const char *t;

	if (then_call->nargs < 1 || ts_node_is_null(then_call->receiver))
		return;
	recv = fq_node_unwrap(then_call->receiver, 0);
	inner = call_of(code, recv);
	if (!inner || (inner->kind != FQ_CALL_PROTECT && inner->kind != FQ_CALL_UNPROTECT))
		return;
	cb = fq_node_unwrap(then_call->arg[0], 0);
	if (!fq_node_is_function(cb))
		return;
	params = ts_node_child_by_field_name(cb, "parameters", 10);
	first = ts_node_is_null(params) ? ts_node_child_by_field_name(cb, "parameter", 9) :
		ts_node_named_child(params, 0);
	if (ts_node_is_null(first))
		return;
	if (!fq_node_is(first, "identifier")) {
		/* TypeScript: required_parameter (pattern: identifier) */
		TSNode pat = ts_node_child_by_field_name(first, "pattern", 7);

		if (ts_node_is_null(pat) || !fq_node_is(pat, "identifier"))
			return;
		first = pat;
	}
	t = fq_node_text(&code->syn, first, &len);
	add_binding(code, cb, t, len, ts_node_start_byte(cb),
		    inner->kind == FQ_CALL_PROTECT ? FQ_VAL_PROTECTED : FQ_VAL_PLAINTEXT, 0);
}

static void mark_payload(fq_code *code, const fq_call *c)
{
	TSNode p = fq_node_unwrap(c->arg[0], 1);
	size_t len;
	const char *t;
	uint32_t i;

	if (fq_node_is(p, "identifier")) {
		t = fq_node_text(&code->syn, p, &len);
		add_binding(code, c->scope, t, len, 0, FQ_VAL_PAYLOAD, 1);
		return;
	}
	/* an object built in place: the names it is made of are payload too */
	if (!fq_node_is(p, "object") && !fq_node_is(p, "dictionary"))
		return;
	for (i = 0; i < ts_node_named_child_count(p); i++) {
		TSNode m = ts_node_named_child(p, i), v = m;

		if (fq_node_is(m, "pair"))
			v = fq_node_unwrap(ts_node_child_by_field_name(m, "value", 5), 1);
		else if (fq_node_is(m, "spread_element") || fq_node_is(m, "dictionary_splat"))
			v = fq_node_unwrap(ts_node_named_child(m, 0), 1);
		if (fq_node_is(v, "identifier") || fq_node_is(v, "shorthand_property_identifier")) {
			t = fq_node_text(&code->syn, v, &len);
			add_binding(code, c->scope, t, len, 0, FQ_VAL_PAYLOAD, 1);
		}
	}
}

typedef struct build_walk {
	fq_code *code;
} build_walk;

static int bindings_visit(void *payload, TSNode n)
{
	fq_code *code = ((build_walk *)payload)->code;
	const char *t = ts_node_type(n);

	if (!strcmp(t, "variable_declarator")) {
		bind_name(code, ts_node_child_by_field_name(n, "name", 4),
			  ts_node_child_by_field_name(n, "value", 5), ts_node_end_byte(n));
	} else if (!strcmp(t, "assignment_expression") || !strcmp(t, "assignment")) {
		TSNode left = ts_node_child_by_field_name(n, "left", 4);

		if (fq_node_is(left, "identifier"))
			bind_name(code, left, ts_node_child_by_field_name(n, "right", 5), ts_node_end_byte(n));
	} else if (!strcmp(t, "call_expression") || !strcmp(t, "call")) {
		const fq_call *c = call_of(code, n);

		if (c && c->kind == FQ_CALL_OTHER && fq_node_text_eq(&code->syn, c->name, "then"))
			bind_then_param(code, c);
	}
	return 0;
}

/* ---- calls and pattern hits from the queries ---------------------------- */

static int is_logging(const fq_code *code, const fq_call *c)
{
	size_t nlen, rlen, i;
	const char *name = fq_node_text(&code->syn, c->name, &nlen), *recv, *last;

	if (ts_node_is_null(c->receiver))
		return code->syn.lang == FQ_LANG_PYTHON && nlen == 5 && !memcmp(name, "print", 5);
	recv = fq_node_text(&code->syn, c->receiver, &rlen);
	if (rlen == 7 && !memcmp(recv, "console", 7))
		return 1;
	if (!in_list(log_methods, FQ_ARRAY_LEN(log_methods), name, nlen))
		return 0;
	if (fq_memcasemem(recv, rlen, "log", 3))
		return 1;
	/* the last segment of this.winston, req.pino... */
	last = recv + rlen;
	while (last > recv && (isalnum((unsigned char)last[-1]) || last[-1] == '_' || last[-1] == '$'))
		last--;
	for (i = 0; i < FQ_ARRAY_LEN(logger_names); i++) {
		if ((size_t)(recv + rlen - last) == strlen(logger_names[i]) &&
		    !strncasecmp(last, logger_names[i], strlen(logger_names[i])))
			return 1;
	}
	return 0;
}

static int on_match(void *payload, const fq_capture *caps, uint32_t ncaps, uint32_t pattern)
{
	fq_code *code = payload;
	fq_call c;
	uint32_t i;
	int is_call = 0;

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
		} else if (n[0] == 'f' && n[1] == 'q' && strlen(n) == 5) {
			char id[6];
			const fq_rule *rule;

			snprintf(id, sizeof(id), "FQ%s", n + 2);
			rule = fq_rule_find(id);
			if (!rule)
				continue;
			code->hits = fq_realloc_array(code->hits, code->nhits + 1, sizeof(*code->hits));
			code->hits[code->nhits].rule = rule;
			code->hits[code->nhits].node = caps[i].node;
			code->nhits++;
		}
	}
	if (is_call && !ts_node_is_null(c.name) && !ts_node_is_null(c.args)) {
		size_t nlen;
		const char *name;

		c.nargs = fq_node_args(c.args, c.arg, FQ_MAX_ARGS);
		c.scope = fq_node_scope(&code->syn, c.node);
		name = fq_node_text(&code->syn, c.name, &nlen);
		if (c.nargs >= 2 && fq_code_is_protect_name(name, nlen))
			c.kind = FQ_CALL_PROTECT;
		else if (c.nargs >= 2 && fq_code_is_unprotect_name(name, nlen))
			c.kind = FQ_CALL_UNPROTECT;
		else if (is_logging(code, &c))
			c.kind = FQ_CALL_LOG;
		code->calls = fq_realloc_array(code->calls, code->ncalls + 1, sizeof(*code->calls));
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
	size_t i, pos = 0;
	fq_key_match m;
	build_walk bw;

	memset(out, 0, sizeof(*out));
	if (!q)
		return -1;
	if (fq_syntax_parse(&out->syn, ctx->parser, lang, file->data, file->len) < 0)
		return -1;
	out->file = file;
	if (fq_query_run(q, ctx->cursor, out->syn.root, file->data, file->len, on_match, out) < 0)
		ctx->match_limit_hit = 1;
	qsort(out->calls, out->ncalls, sizeof(*out->calls), cmp_call);
	/* payload marks first: they hold for the whole function */
	for (i = 0; i < out->ncalls; i++) {
		if (out->calls[i].kind == FQ_CALL_PROTECT || out->calls[i].kind == FQ_CALL_UNPROTECT)
			mark_payload(out, &out->calls[i]);
	}
	if (out->has_protect) {
		bw.code = out;
		fq_node_walk(out->syn.root, bindings_visit, &bw);
	}
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

int fq_code_handler(const fq_code *code, const fq_call *call, TSNode *handler)
{
	TSNode n = call->node, p = ts_node_parent(n);

	/* promise chains: x.then(ok, fail), x.catch(h), x.then(...).catch(h) */
	while (!ts_node_is_null(p)) {
		const char *t = ts_node_type(p);

		if (!strcmp(t, "await_expression") || !strcmp(t, "parenthesized_expression") ||
		    !strcmp(t, "as_expression") || !strcmp(t, "non_null_expression")) {
			n = p;
			p = ts_node_parent(p);
			continue;
		}
		if (!strcmp(t, "member_expression")) {
			TSNode gp = ts_node_parent(p);
			const fq_call *c = call_of(code, gp);

			if (!c)
				break;
			if (fq_node_text_eq(&code->syn, c->name, "catch") && c->nargs >= 1) {
				*handler = c->arg[0];
				return 1;
			}
			if (fq_node_text_eq(&code->syn, c->name, "then") && c->nargs >= 2) {
				*handler = c->arg[1];
				return 1;
			}
			n = gp;
			p = ts_node_parent(gp);
			continue;
		}
		break;
	}
	/* an enclosing try (inside the same function) with a handler */
	n = call->node;
	for (p = ts_node_parent(n); !ts_node_is_null(p) && !fq_node_is_function(p); n = p, p = ts_node_parent(p)) {
		if (!fq_node_is(p, "try_statement"))
			continue;
		if (code->syn.lang == FQ_LANG_PYTHON) {
			uint32_t i;
			TSNode body = ts_node_child_by_field_name(p, "body", 4);

			if (!ts_node_eq(body, n))
				continue; /* inside an except or finally block */
			for (i = 0; i < ts_node_named_child_count(p); i++) {
				if (fq_node_is(ts_node_named_child(p, i), "except_clause") ||
				    fq_node_is(ts_node_named_child(p, i), "except_group_clause")) {
					*handler = p;
					return 1;
				}
			}
		} else {
			TSNode body = ts_node_child_by_field_name(p, "body", 4);
			TSNode h = ts_node_child_by_field_name(p, "handler", 7);

			if (ts_node_eq(body, n) && !ts_node_is_null(h)) {
				*handler = h;
				return 1;
			}
		}
	}
	return 0;
}

int fq_code_is_whole_use(TSNode ident)
{
	TSNode p = ts_node_parent(ident);
	const char *t;

	if (ts_node_is_null(p))
		return 1;
	t = ts_node_type(p);
	if (!strcmp(t, "member_expression") || !strcmp(t, "attribute") ||
	    !strcmp(t, "subscript_expression") || !strcmp(t, "subscript")) {
		/* payload.id reads a field, not the payload */
		TSNode obj = ts_node_child_by_field_name(p, "object", 6);

		if (ts_node_is_null(obj))
			obj = ts_node_child_by_field_name(p, "value", 5);
		return !ts_node_eq(obj, ident);
	}
	if (!strcmp(t, "keyword_argument")) {
		/* name= of a keyword argument is not a use */
		return !ts_node_eq(ts_node_child_by_field_name(p, "name", 4), ident);
	}
	if (!strcmp(t, "pair")) {
		return !ts_node_eq(ts_node_child_by_field_name(p, "key", 3), ident);
	}
	return 1;
}

