#define _GNU_SOURCE
/*
 * Error handling in the code model (rules/code.h): whether a call sits in a
 * try with a handler, has a .catch or an error-value check, and which node
 * handles it.
 */
#include "code.h"
#include "code_impl.h"
#include "../scanner/profile.h"
#include "../util/common.h"

#include <string.h>

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
	mc = fq_code_call_of(code, map_call);
	if (!mc || ts_node_is_null(mc->receiver) || !fq_code_text_in_list(code, mc->name, prof->map_methods))
		return (TSNode){ 0 };
	for (p = fq_node_parent(&code->syn, map_call); !ts_node_is_null(p); p = fq_node_parent(&code->syn, p)) {
		if (fq_node_in(&code->syn, prof->wrappers, p) || fq_node_in(&code->syn, prof->spreads, p) ||
		    fq_node_in(&code->syn, prof->arrays, p))
			continue;
		break;
	}
	if (!fq_node_is_args(&code->syn, p))
		return (TSNode){ 0 };
	cc = fq_code_call_of(code, fq_node_parent(&code->syn, p));
	if (!cc || !fq_code_text_in_list(code, cc->receiver, prof->combinator_receivers) ||
	    !fq_code_text_in_list(code, cc->name, prof->combinators))
		return (TSNode){ 0 };
	return cc->node;
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
		c = fq_code_call_of(code, call);
		if (!c)
			break;
		if (fq_code_text_in_list(code, prop, prof->chain_handlers) && c->nargs >= 1) {
			*handler = c->arg[0];
			return 1;
		}
		if (fq_code_text_in_list(code, prop, prof->then_methods) && c->nargs >= 2) {
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
			if (fq_code_text_in_list(code, name, fq_syntax_profile(&code->syn)->detached_calls))
				return 0;
		}
		/* runCatching { ... }.onFailure { }: the chain after the call
		 * handles what its lambda throws */
		if (!ts_node_eq(p, start) && fq_node_call(&code->syn, p, &fn, NULL) &&
		    fq_code_text_in_list(code, fn, fq_syntax_profile(&code->syn)->catching_calls)) {
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
