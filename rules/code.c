#define _GNU_SOURCE
#include "code.h"
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

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
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
	return in_list(protect_names, FQ_ARRAY_LEN(protect_names), s, len) ||
	       (cfg && fq_strlist_has(&cfg->protect_methods, s, len));
}

int fq_code_is_unprotect_name(const fq_config *cfg, const char *s, size_t len)
{
	return in_list(unprotect_names, FQ_ARRAY_LEN(unprotect_names), s, len) ||
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

static int text_in_list(const fq_code *code, TSNode n, const char *const *list);

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
	c->protected_names += kind == FQ_VAL_PROTECTED && !payload;
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

typedef struct declares_walk {
	const fq_code *code;
	TSNode fn;
	const char *name;
	size_t nlen;
	int found;
} declares_walk;

static int same_text(const fq_code *code, TSNode n, const char *name, size_t nlen)
{
	size_t len;
	const char *t = fq_node_text(&code->syn, n, &len);

	return len == nlen && !memcmp(t, name, nlen);
}

/* Identifiers a declaration target binds: x, { x }, [x, y], (x, y). */
static int target_visit(void *payload, TSNode n)
{
	declares_walk *w = payload;

	if (w->found)
		return 1;
	if ((fq_node_is_plain_name(n) || fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->pattern_names, n)) &&
	    same_text(w->code, n, w->name, w->nlen))
		w->found = 1;
	/* defaults and types are not targets */
	return fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->type_annotations, n);
}

static int declares_visit(void *payload, TSNode n)
{
	declares_walk *w = payload;
	const fq_profile *p = fq_syntax_profile(&w->code->syn);
	TSNode target = { 0 };
	const char *t = ts_node_type(n);

	if (w->found)
		return 1;
	if (fq_node_is_function(n) && !ts_node_eq(n, w->fn))
		return 1; /* a nested function's names are its own */
	/* let x = ..., for (x in xs), and (Python) x = ... */
	if (fq_shape_of(p->declarations, t) || (p->assignment_declares && fq_shape_of(p->assignments, t)))
		fq_node_binding(&w->code->syn, n, &target, NULL);
	else
		fq_node_shape(&w->code->syn, p->loops, n, &target, NULL);
	if (!ts_node_is_null(target))
		fq_node_walk(&w->code->syn, target, target_visit, w);
	return 0;
}

/* Does the function declare the name itself (a parameter, a local), so
 * that the name inside it is not the enclosing function's variable? */
static int scope_declares(const fq_code *code, TSNode fn, const char *name, size_t nlen)
{
	declares_walk w = { code, fn, name, nlen, 0 };
	TSNode params;

	if (ts_node_eq(fn, code->syn.root) || memchr(name, '.', nlen))
		return 0;
	params = ts_node_child_by_field_name(fn, "parameters", 10);
	if (ts_node_is_null(params))
		params = ts_node_child_by_field_name(fn, "parameter", 9);
	if (!ts_node_is_null(params))
		fq_node_walk(&code->syn, params, target_visit, &w);
	if (!w.found)
		fq_node_walk(&code->syn, fn, declares_visit, &w);
	return w.found;
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
		if (scope_declares(code, s, name, nlen))
			return FQ_VAL_NONE; /* shadows the outer name */
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
		if (scope_declares(code, s, name, nlen))
			return 0; /* shadows the outer name */
		s = outer_scope(code, s);
	}
	return 0;
}

/* The call record of a call node, or NULL. */
static const fq_call *call_of(const fq_code *code, TSNode n)
{
	uint32_t start = ts_node_start_byte(n);
	size_t lo = 0, hi = code->ncalls;

	/* calls are sorted by start byte: a binary search, then the few calls
	 * that start there (a.b().c() has two) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ts_node_start_byte(code->calls[mid].node) < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < code->ncalls && ts_node_start_byte(code->calls[lo].node) == start; lo++) {
		if (ts_node_eq(code->calls[lo].node, n))
			return &code->calls[lo];
	}
	return NULL;
}

/* Is obj the object itself (this, self)? */
static int is_self(const fq_code *code, TSNode obj)
{
	const char *const *w = fq_syntax_profile(&code->syn)->self_names;

	for (; w && *w; w++) {
		if (fq_node_is(obj, *w) || fq_node_text_eq(&code->syn, obj, *w))
			return 1;
	}
	return 0;
}

int fq_code_is_name(const fq_code *code, TSNode n)
{
	TSNode obj, prop;

	if (fq_node_is_plain_name(n))
		return 1;
	if (!fq_node_member(&code->syn, n, &obj, &prop))
		return 0;
	return is_self(code, obj) && fq_node_is_name_token(&code->syn, prop);
}

/* What an expression evaluates to, in terms of protect results. */
static fq_value_kind classify_expr(const fq_code *code, TSNode expr, TSNode scope)
{
	TSNode e = fq_node_unwrap(expr, 1);
	const fq_call *c;

	if (ts_node_is_null(e))
		return FQ_VAL_NONE;
	if (fq_syntax_profile(&code->syn)->try_is_expression) {
		TSNode body, handler;
		uint32_t n;

		/* val r = try { fourq.protect(p, P) } catch ...: the body's last value */
		if (fq_node_try(&code->syn, e, &body, &handler) && (n = ts_node_named_child_count(body)) > 0)
			return classify_expr(code, ts_node_named_child(body, n - 1), scope);
	}
	if ((c = call_of(code, e)) != NULL) {
		if (c->kind == FQ_CALL_PROTECT)
			return FQ_VAL_PROTECTED;
		if (c->kind == FQ_CALL_UNPROTECT)
			return FQ_VAL_PLAINTEXT;
		/* protectAsync(...).join(), .await(): the result waited for */
		if (!ts_node_is_null(c->receiver) &&
		    text_in_list(code, c->name, fq_syntax_profile(&code->syn)->await_methods))
			return classify_expr(code, c->receiver, scope);
		return FQ_VAL_NONE;
	}
	if (fq_code_is_name(code, e)) {
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

	if (!fq_code_is_name(code, name_node))
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
		fq_node_is_plain_name(params) ? params : ts_node_named_child(params, 0); /* Java: s -> ... */
	if (ts_node_is_null(first))
		return;
	if (!fq_node_is_plain_name(first)) {
		/* TypeScript: required_parameter (pattern: identifier) */
		TSNode pat = ts_node_child_by_field_name(first, "pattern", 7);

		if (ts_node_is_null(pat) || !fq_node_is_plain_name(pat))
			return;
		first = pat;
	}
	t = fq_node_text(&code->syn, first, &len);
	add_binding(code, cb, t, len, ts_node_start_byte(cb),
		    inner->kind == FQ_CALL_PROTECT ? FQ_VAL_PROTECTED : FQ_VAL_PLAINTEXT, 0);
}

static fq_regex id_like = FQ_REGEX_INIT("^(?:id|uuid|guid|ref|reference)$|(?:Id|ID|_id|Uuid|_uuid|Ref|_ref)$", 0);

/* a.b.c: a member chain of plain names (no calls, no computed parts) */
static int is_plain_chain(const fq_code *code, TSNode n)
{
	TSNode obj;

	while (fq_node_member(&code->syn, n, &obj, NULL))
		n = obj;
	return fq_node_is_plain_name(n) || is_self(code, n);
}

int fq_code_is_payload_chain(const fq_code *code, TSNode n)
{
	return fq_node_member(&code->syn, n, NULL, NULL) && is_plain_chain(code, n);
}

static void mark_payload(fq_code *code, const fq_call *c)
{
	TSNode p = fq_node_unwrap(c->payload, 1);
	size_t len;
	const char *t;
	uint32_t i;

	if (fq_node_is_plain_name(p) || is_plain_chain(code, p)) {
		/* req.body given whole is a payload as much as a variable is */
		t = fq_node_text(&code->syn, p, &len);
		add_binding(code, c->scope, t, len, 0, FQ_VAL_PAYLOAD, 1);
		return;
	}
	/* an object built in place: the names it is made of are payload too */
	if (!fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->object_literals, p))
		return;
	for (i = 0; i < ts_node_named_child_count(p); i++) {
		TSNode m = ts_node_named_child(p, i), v = m;

		if (fq_node_entry(&code->syn, m, NULL, &v))
			v = fq_node_unwrap(v, 1);
		else if (fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->spreads, m))
			v = fq_node_unwrap(ts_node_named_child(m, 0), 1);
		if (fq_node_is_plain_name(v) || fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->shorthand_entries, v)) {
			t = fq_node_text(&code->syn, v, &len);
			/* identifiers of the data (transferId, request_id) are what
			 * the guide says to log; the data itself is not */
			if (!fq_regex_test(&id_like, t, len))
				add_binding(code, c->scope, t, len, 0, FQ_VAL_PAYLOAD, 1);
		}
	}
}

typedef struct build_walk {
	fq_code *code;
} build_walk;

/* Targets and values paired by position: `a, err := f()` binds a to the
 * call (a call's first result), `a, b = x, y` a to x and b to y. */
static void bind_pairs(fq_code *code, TSNode target, TSNode value, uint32_t at)
{
	uint32_t nt, nv, i;

	if (!fq_node_is_list(&code->syn, target)) {
		/* var x = f() and var x, err = f(): the first name, the first value */
		if (fq_node_is_list(&code->syn, value))
			value = ts_node_named_child_count(value) ? ts_node_named_child(value, 0) : (TSNode){ 0 };
		bind_name(code, target, value, at);
		return;
	}
	nt = ts_node_named_child_count(target);
	nv = fq_node_is_list(&code->syn, value) ? ts_node_named_child_count(value) : 1;
	for (i = 0; i < nt; i++) {
		TSNode v = { 0 };

		if (nv == nt)
			v = fq_node_is_list(&code->syn, value) ? ts_node_named_child(value, i) : value;
		else if (i == 0 && nv == 1)
			v = fq_node_is_list(&code->syn, value) ? ts_node_named_child(value, 0) : value;
		bind_name(code, ts_node_named_child(target, i), v, at);
	}
}

static int bindings_visit(void *payload, TSNode n)
{
	fq_code *code = ((build_walk *)payload)->code;
	TSNode target, value;

	if (fq_node_binding(&code->syn, n, &target, &value)) {
		bind_pairs(code, target, value, ts_node_end_byte(n));
	} else {
		const fq_call *c = call_of(code, n);

		if (c && c->kind == FQ_CALL_OTHER && text_in_list(code, c->name, fq_syntax_profile(&code->syn)->then_methods))
			bind_then_param(code, c);
	}
	return 0;
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
	if (!in_list(log_methods, FQ_ARRAY_LEN(log_methods), name, nlen)) {
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

			if (in_list(payload_words, FQ_ARRAY_LEN(payload_words), t, len))
				c->payload = value;
			else if (in_list(policy_words, FQ_ARRAY_LEN(policy_words), t, len))
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
	size_t i, pos = 0;
	fq_key_match m;
	build_walk bw;

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
	/* payload marks first: they hold for the whole function */
	for (i = 0; i < out->ncalls; i++) {
		if (out->calls[i].kind == FQ_CALL_PROTECT || out->calls[i].kind == FQ_CALL_UNPROTECT)
			mark_payload(out, &out->calls[i]);
	}
	if (out->has_protect) {
		bw.code = out;
		fq_node_walk_kinds(&out->syn, out->syn.root, FQ_KIND_DECL | FQ_KIND_ASSIGN | FQ_KIND_CALL, bindings_visit, &bw);
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

/* Does a rejection of `inner` (a call inside the callback `fn`) become a
 * rejection of the callback's promise?  `i => fourq.protect(i, P)`,
 * `async (i) => { await fourq.protect(i, P); }`, `return fourq.protect(...)`. */
static int rejection_escapes(const fq_code *code, TSNode fn, TSNode inner)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	TSNode body = ts_node_child_by_field_name(fn, "body", 4), n, p;
	int is_async = 0;
	uint32_t i;

	if (ts_node_eq(fq_node_unwrap(body, 1), inner))
		return 1;
	for (i = 0; i < ts_node_child_count(fn); i++)
		is_async |= fq_node_in(&code->syn, prof->async_keywords, ts_node_child(fn, i));
	for (n = inner, p = fq_node_parent(&code->syn, n); !ts_node_is_null(p) && !ts_node_eq(p, fn);
	     n = p, p = fq_node_parent(&code->syn, p)) {
		if (fq_node_in(&code->syn, prof->returns, p))
			return 1;
		if (is_async && fq_node_in(&code->syn, prof->awaits, p))
			return 1;
	}
	return 0;
}

/* The Promise.all/allSettled/any/race call that collects the promises of a
 * callback given to map (`Promise.all(items.map((i) => fourq.protect(i, P)))`),
 * so that its rejections reach the code around that call; null if none. */
static TSNode collecting_combinator(const fq_code *code, TSNode fn, TSNode inner)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	TSNode args = fq_node_parent(&code->syn, fn), map_call, p;
	const fq_call *mc, *cc;

	if (!prof->combinators || !fq_node_is_args(&code->syn, args) || !rejection_escapes(code, fn, inner))
		return (TSNode){ 0 };
	map_call = fq_node_parent(&code->syn, args);
	mc = call_of(code, map_call);
	if (!mc || ts_node_is_null(mc->receiver) || !text_in_list(code, mc->name, prof->map_methods))
		return (TSNode){ 0 };
	for (p = fq_node_parent(&code->syn, map_call); !ts_node_is_null(p); p = fq_node_parent(&code->syn, p)) {
		if (fq_node_in(&code->syn, prof->wrappers, p) || fq_node_in(&code->syn, prof->spreads, p) ||
		    fq_node_in(&code->syn, prof->arrays, p))
			continue;
		break;
	}
	if (!fq_node_is_args(&code->syn, p))
		return (TSNode){ 0 };
	cc = call_of(code, fq_node_parent(&code->syn, p));
	if (!cc || !text_in_list(code, cc->receiver, prof->combinator_receivers) ||
	    !text_in_list(code, cc->name, prof->combinators))
		return (TSNode){ 0 };
	return cc->node;
}

/* Is the node's text one of the list's words? */
static int text_in_list(const fq_code *code, TSNode n, const char *const *list)
{
	for (; list && *list; list++) {
		if (fq_node_text_eq(&code->syn, n, *list))
			return 1;
	}
	return 0;
}

typedef struct reads_walk {
	const fq_code *code;
	const char *name;
	size_t nlen;
	int found;
} reads_walk;

/* Does a check's test (not its body) read the name? */
static int reads_visit(void *payload, TSNode n)
{
	reads_walk *w = payload;
	const fq_profile *p = fq_syntax_profile(&w->code->syn);

	if (w->found || fq_in_types(p->blocks, ts_node_type(n)) || fq_node_is_function(n))
		return 1;
	if (fq_node_is_plain_name(n) && fq_node_text_eq(&w->code->syn, n, w->name))
		w->found = 1;
	return 0;
}

typedef struct check_walk {
	const fq_code *code;
	TSNode scope;
	uint32_t after;
	char name[64];
	TSNode found;
} check_walk;

static int check_visit(void *payload, TSNode n)
{
	check_walk *w = payload;
	reads_walk r = { w->code, w->name, strlen(w->name), 0 };

	if (!ts_node_is_null(w->found))
		return 1;
	if (fq_node_is_function(n) && !ts_node_eq(n, w->scope))
		return 1; /* a nested function's checks are its own */
	if (ts_node_end_byte(n) <= w->after ||
	    !fq_in_types(fq_syntax_profile(&w->code->syn)->error_checks, ts_node_type(n)))
		return 0;
	fq_node_walk(&w->code->syn, n, reads_visit, &r);
	if (r.found)
		w->found = n;
	return r.found;
}

/* Errors as values (Go): `res, err := client.Protect(...)` is handled by
 * the first check after it (if, switch) that reads err; the check is the
 * handler.  `return client.Protect(...)` hands the error to the caller: the
 * return is the handler.  `_`, a single result or a bare call drop it. */
static int error_value_handler(const fq_code *code, TSNode call, TSNode *handler)
{
	TSNode p = fq_node_parent(&code->syn, call), targets[8], err;
	uint32_t nt;
	check_walk w;
	size_t len;
	const char *t;

	while (fq_node_is_list(&code->syn, p) || fq_in_types(fq_syntax_profile(&code->syn)->wrappers, ts_node_type(p)))
		p = fq_node_parent(&code->syn, p);
	if (fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->returns, p)) {
		*handler = p;
		return 1;
	}
	nt = fq_node_targets(&code->syn, p, targets, 8);
	if (nt < 2)
		return 0;
	err = targets[nt - 1];
	t = fq_node_text(&code->syn, err, &len);
	if (!fq_node_is_plain_name(err) || (len == 1 && t[0] == '_') || len >= sizeof(w.name))
		return 0;
	memset(&w, 0, sizeof(w));
	w.code = code;
	w.after = ts_node_end_byte(p);
	memcpy(w.name, t, len);
	/* `if res, err := f(); err != nil`: the if around the binding */
	if (fq_in_types(fq_syntax_profile(&code->syn)->error_checks,
			ts_node_type(fq_node_parent(&code->syn, p)))) {
		reads_walk r = { code, w.name, len, 0 };

		fq_node_walk(&code->syn, fq_node_field(fq_node_parent(&code->syn, p), "condition"), reads_visit, &r);
		if (r.found) {
			*handler = fq_node_parent(&code->syn, p);
			return 1;
		}
	}
	w.scope = fq_node_scope(&code->syn, call);
	fq_node_walk(&code->syn, w.scope, check_visit, &w);
	if (ts_node_is_null(w.found))
		return 0;
	*handler = w.found;
	return 1;
}

/* Error handling for the promise or call at `start`: a .catch or .then
 * rejection handler on its chain, else an enclosing try with a handler in
 * the same function, else (for a map callback collected by Promise.all)
 * the handling around the combinator. */
static int handler_from(const fq_code *code, TSNode start, TSNode *handler, int depth)
{
	TSNode n = start, p = fq_node_parent(&code->syn, n);

	/* promise and future chains: x.then(ok, fail), x.catch(h),
	 * x.then(...).catch(h), future.exceptionally(h), .handle(h) */
	while (!ts_node_is_null(p)) {
		const fq_profile *prof = fq_syntax_profile(&code->syn);
		TSNode obj, prop, call = p;
		const fq_call *c;

		if (fq_node_in(&code->syn, prof->wrappers, p) || fq_node_in(&code->syn, prof->awaits, p)) {
			n = p;
			p = fq_node_parent(&code->syn, p);
			continue;
		}
		if (!fq_node_member(&code->syn, p, &obj, &prop) || !ts_node_eq(obj, n))
			break;
		/* a.b(...): the member, then the call (Java's is both at once) */
		if (!fq_node_call(&code->syn, call, NULL, NULL))
			call = fq_node_parent(&code->syn, p);
		c = call_of(code, call);
		if (!c)
			break;
		if (text_in_list(code, prop, prof->chain_handlers) && c->nargs >= 1) {
			*handler = c->arg[0];
			return 1;
		}
		if (text_in_list(code, prop, prof->then_methods) && c->nargs >= 2) {
			*handler = c->arg[1];
			return 1;
		}
		n = call;
		p = fq_node_parent(&code->syn, call);
	}
	/* an enclosing try (inside the same function) with a handler */
	n = start;
	for (p = fq_node_parent(&code->syn, n); !ts_node_is_null(p); n = p, p = fq_node_parent(&code->syn, p)) {
		TSNode fn;

		/* scope.launch { ... }: the callback runs elsewhere, where the try
		 * around the launch catches nothing */
		if (!ts_node_eq(p, start) && fq_node_call(&code->syn, p, &fn, NULL)) {
			TSNode name = fn, prop;

			if (fq_node_member(&code->syn, fn, NULL, &prop) || fq_node_member(&code->syn, p, NULL, &prop))
				name = prop;
			if (text_in_list(code, name, fq_syntax_profile(&code->syn)->detached_calls))
				return 0;
		}
		/* runCatching { ... }.onFailure { }: the chain after the call
		 * handles what its lambda throws */
		if (!ts_node_eq(p, start) && fq_node_call(&code->syn, p, &fn, NULL) &&
		    text_in_list(code, fn, fq_syntax_profile(&code->syn)->catching_calls)) {
			TSNode top = p, up = fq_node_parent(&code->syn, p);

			while (fq_node_member(&code->syn, up, NULL, NULL) || fq_node_call(&code->syn, up, NULL, NULL)) {
				top = up;
				up = fq_node_parent(&code->syn, up);
			}
			*handler = top;
			return !ts_node_eq(top, p);
		}
		if (fq_node_is_function(p)) {
			TSNode comb = depth < 4 ? collecting_combinator(code, p, start) : (TSNode){ 0 };

			return !ts_node_is_null(comb) && handler_from(code, comb, handler, depth + 1);
		}
		{
			TSNode body, h;

			/* only a call in the try's body is handled: not one inside a
			 * catch, except or finally block (when the try is its own
			 * body, not one of its handler clauses or tails) */
			if (!fq_node_try(&code->syn, p, &body, &h) || ts_node_is_null(h) ||
			    !(ts_node_eq(body, n) ||
			      (ts_node_eq(body, p) && !fq_node_is_clause(&code->syn, n) &&
			       !fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->try_tails, n))))
				continue;
			*handler = h;
			return 1;
		}
	}
	return 0;
}

int fq_code_handler(const fq_code *code, const fq_call *call, TSNode *handler)
{
	if (fq_syntax_profile(&code->syn)->error_values)
		return error_value_handler(code, call->node, handler);
	return handler_from(code, call->node, handler, 0);
}

int fq_code_is_whole_use(const fq_code *code, TSNode ident)
{
	TSNode p = fq_node_parent(&code->syn, ident), obj;
	const char *t;

	if (ts_node_is_null(p))
		return 1;
	/* payload.id reads a field, not the payload; payload.toString() reads
	 * all of it */
	{
		TSNode prop;

		if (fq_node_member(&code->syn, p, &obj, &prop) && ts_node_eq(obj, ident) &&
		    text_in_list(code, prop, fq_syntax_profile(&code->syn)->stringify_methods))
			return 1;
	}
	if (fq_node_member(&code->syn, p, &obj, NULL) || fq_node_subscript(&code->syn, p, &obj, NULL))
		return !ts_node_eq(obj, ident);
	(void)t;
	{
		TSNode key;

		/* name= of a keyword argument, a pair's key: not a use */
		if (fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->keyword_arguments, p, &key, NULL) ||
		    fq_node_entry(&code->syn, p, &key, NULL))
			return !ts_node_eq(key, ident);
	}
	return 1;
}

/* Functions whose result does not expose their argument: sizes, truth
 * values, masks and hashes (mask(apiKey), redactPayload(p), sha256(x)). */
static const char *const reducing_calls[] = {
	"len", "bool", "Boolean", "getsizeof", "byteLength", "Object.keys", "isinstance", "type",
	"callable", "hasattr", "id",
};
static fq_regex reducing_name = FQ_REGEX_INIT(
	"(?i)(?:mask|redact|hash|digest|fingerprint|obfuscat|anonymi[sz]|scrub|sha\\d|md5|hmac)", 0);
/* Members that read a size, not the value: x.length, JSON.stringify(x).length */
static const char *const size_members[] = { "length", "size", "byteLength", "Length", "Count", "count" };

int fq_code_is_reduced(const fq_code *code, TSNode n, TSNode stop)
{
	TSNode child = n, p = fq_node_parent(&code->syn, n);

	if (ts_node_eq(n, stop))
		return 0;
	while (!ts_node_is_null(p)) {
		const fq_profile *prof = fq_syntax_profile(&code->syn);
		const char *t = ts_node_type(p);
		TSNode obj, prop, fn, args, cond;

		if (fq_in_types(prof->reductions, t))
			return 1; /* apiKey[len(apiKey)-4:] */
		if (fq_node_member(&code->syn, p, &obj, &prop) && !fq_node_call(&code->syn, p, NULL, NULL)) {
			size_t len;
			const char *s = fq_node_text(&code->syn, prop, &len);

			if (ts_node_eq(obj, child) && in_list(size_members, FQ_ARRAY_LEN(size_members), s, len))
				return 1;
		} else if (fq_node_shape(&code->syn, prof->conditionals, p, &cond, NULL)) {
			/* apiKey ? 'set' : 'missing', 'set' if api_key else 'missing' */
			if (ts_node_eq(cond, child))
				return 1;
		} else if (fq_in_types(prof->comparisons, t)) {
			return 1; /* api_key is None, len(x) > 0 */
		} else if (fq_in_types(prof->binary_ops, t)) {
			static const char *const comparisons[] = {
				"===", "!==", "==", "!=", "<", ">", "<=", ">=", "instanceof", "in",
			};
			TSNode op = ts_node_child_by_field_name(p, "operator", 8);
			size_t olen;
			const char *o = fq_node_text(&code->syn, op, &olen);

			if (in_list(comparisons, FQ_ARRAY_LEN(comparisons), o, olen))
				return 1;
		} else if (fq_in_types(prof->unary_ops, t)) {
			TSNode op = ts_node_child(p, 0);

			if (fq_node_text_eq(&code->syn, op, "!") || fq_node_text_eq(&code->syn, op, "typeof") ||
			    fq_node_text_eq(&code->syn, op, "not") || fq_node_text_eq(&code->syn, op, "void"))
				return 1;
		} else if (fq_node_call(&code->syn, p, &fn, &args)) {
			TSNode name = fn;
			size_t len, flen;
			const char *s, *full;

			/* apiKey.length() (Java): a size read through a method */
			if (fq_node_member(&code->syn, p, &obj, &prop) && ts_node_eq(obj, child)) {
				s = fq_node_text(&code->syn, prop, &len);
				if (in_list(size_members, FQ_ARRAY_LEN(size_members), s, len))
					return 1;
			}
			/* only as an argument: x.slice() or f(x)() are not reductions of x */
			if (!fq_node_contains(args, child))
				goto next;
			full = fq_node_text(&code->syn, fn, &flen);
			fq_node_member(&code->syn, fn, NULL, &name);
			s = fq_node_text(&code->syn, name, &len);
			if (in_list(reducing_calls, FQ_ARRAY_LEN(reducing_calls), full, flen) ||
			    (fq_node_is_identifier(fn) &&
			     in_list(reducing_calls, FQ_ARRAY_LEN(reducing_calls), s, len)) ||
			    fq_in_list_n(prof->reducing_calls, s, len) ||
			    fq_regex_test(&reducing_name, s, len))
				return 1;
		}
next:
		if (ts_node_eq(p, stop))
			break;
		child = p;
		p = fq_node_parent(&code->syn, p);
	}
	return 0;
}
