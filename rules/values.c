#define _GNU_SOURCE
/*
 * The bindings of the code model (rules/code.h): which names hold a protect
 * result, a plaintext or a payload at a point of a function, the value a
 * name was last given, and whether a use reads the whole value or reduces it.
 */
#include "code.h"
#include "code_impl.h"
#include "../scanner/config.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
const fq_call *fq_code_call_of(const fq_code *code, TSNode n)
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
/* The call at n, past the failure handlers chained on it: for
 * fourq.unprotect(s, P).catch(onError), the unprotect call; a handler
 * passes its receiver's value on when nothing fails. */
static const fq_call *past_handlers(const fq_code *code, TSNode n)
{
	const fq_call *c = fq_code_call_of(code, fq_node_unwrap(n, 0));
	int depth = 0;

	while (c && !ts_node_is_null(c->receiver) && depth++ < 8 &&
	       fq_code_text_in_list(code, c->name, fq_syntax_profile(&code->syn)->chain_handlers))
		c = fq_code_call_of(code, fq_node_unwrap(c->receiver, 0));
	return c;
}

/* Promise.all(xs.map((x) => fourq.protect(x, P))): a combinator over a map
 * whose callback makes a protect call collects protect results; each
 * element of what it gives is one. */
static int collects_protect(const fq_code *code, const fq_call *c)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	const fq_call *map;
	TSNode fn;
	size_t i;

	if (c->nargs < 1 || ts_node_is_null(c->receiver) ||
	    !fq_code_text_in_list(code, c->receiver, prof->combinator_receivers) ||
	    !fq_code_text_in_list(code, c->name, prof->combinators))
		return 0;
	map = fq_code_call_of(code, fq_node_unwrap(c->arg[0], 1));
	if (!map || map->nargs < 1 || !fq_code_text_in_list(code, map->name, prof->map_methods))
		return 0;
	fn = fq_node_unwrap(map->arg[map->nargs - 1], 1);
	if (!fq_node_is_function(fn))
		return 0;
	for (i = 0; i < code->ncalls; i++) {
		if (code->calls[i].kind == FQ_CALL_PROTECT && ts_node_eq(code->calls[i].scope, fn))
			return 1;
	}
	return 0;
}

static fq_value_kind classify_expr(const fq_code *code, TSNode expr, TSNode scope)
{
	TSNode e = fq_node_unwrap(expr, 1);
	const fq_call *c;

	if (ts_node_is_null(e))
		return FQ_VAL_NONE;
	if (fq_syntax_profile(&code->syn)->try_is_expression) {
		TSNode body, handler;
		uint32_t n;

		/* val r = try { fourq.protect(p, P) } catch ...: the body's last
		 * value; r = begin ... rescue ... ensure ... end holds its clauses
		 * and tails as children */
		if (fq_node_try(&code->syn, e, &body, &handler)) {
			for (n = ts_node_named_child_count(body); n > 0; n--) {
				TSNode last = ts_node_named_child(body, n - 1);

				if (!fq_node_is_clause(&code->syn, last) &&
				    !fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->try_tails, last))
					return classify_expr(code, last, scope);
			}
		}
	}
	if ((c = past_handlers(code, e)) != NULL) {
		if (c->kind == FQ_CALL_PROTECT)
			return FQ_VAL_PROTECTED;
		if (c->kind == FQ_CALL_UNPROTECT)
			return FQ_VAL_PLAINTEXT;
		/* protectAsync(...).join(), .await(): the result waited for */
		if (!ts_node_is_null(c->receiver) &&
		    fq_code_text_in_list(code, c->name, fq_syntax_profile(&code->syn)->await_methods))
			return classify_expr(code, c->receiver, scope);
		return collects_protect(code, c) ? FQ_VAL_PROTECTED : FQ_VAL_NONE;
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
	inner = past_handlers(code, recv);
	if (!inner || (inner->kind != FQ_CALL_PROTECT && inner->kind != FQ_CALL_UNPROTECT))
		return;
	cb = fq_node_unwrap(then_call->arg[0], 0);
	/* a block given as the arguments: its parameters come first */
	if (!fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->param_blocks, cb, NULL, NULL) &&
	    fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->param_blocks, fq_node_parent(&code->syn, cb), NULL, NULL))
		cb = fq_node_parent(&code->syn, cb);
	if (fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->param_blocks, cb, &params, NULL)) {
		/* x.tap do |y| ... end: a block of its function's own scope */
		first = ts_node_is_null(params) ? params : ts_node_named_child(params, 0);
		if (ts_node_is_null(first) || !fq_node_is_plain_name(first))
			return;
		t = fq_node_text(&code->syn, first, &len);
		add_binding(code, then_call->scope, t, len, ts_node_start_byte(cb),
			    inner->kind == FQ_CALL_PROTECT ? FQ_VAL_PROTECTED : FQ_VAL_PLAINTEXT, 0);
		return;
	}
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
	} else if (fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->loops, n, &target, &value)) {
		/* for (const s of sealed): each element holds what the collection holds */
		if (!ts_node_is_null(target) && !ts_node_is_null(value))
			bind_name(code, target, value, ts_node_end_byte(value));
	} else {
		const fq_call *c = fq_code_call_of(code, n);

		if (c && c->kind == FQ_CALL_OTHER && fq_code_text_in_list(code, c->name, fq_syntax_profile(&code->syn)->then_methods))
			bind_then_param(code, c);
	}
	return 0;
}

/* The bindings of every function: payload marks first (they hold for the
 * whole function), then declarations, assignments and .then parameters in
 * source order; only a file that calls protect/unprotect has any. */
void fq_code_bind(fq_code *code)
{
	build_walk bw = { code };
	size_t i;

	for (i = 0; i < code->ncalls; i++) {
		if (code->calls[i].kind == FQ_CALL_PROTECT || code->calls[i].kind == FQ_CALL_UNPROTECT)
			mark_payload(code, &code->calls[i]);
	}
	if (code->has_protect)
		fq_node_walk_kinds(&code->syn, code->syn.root, FQ_KIND_DECL | FQ_KIND_ASSIGN | FQ_KIND_CALL | FQ_KIND_LOOP,
				   bindings_visit, &bw);
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
		    fq_code_text_in_list(code, prop, fq_syntax_profile(&code->syn)->stringify_methods))
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

			if (ts_node_eq(obj, child) && fq_code_in_list(size_members, FQ_ARRAY_LEN(size_members), s, len))
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

			if (fq_code_in_list(comparisons, FQ_ARRAY_LEN(comparisons), o, olen))
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
				if (fq_code_in_list(size_members, FQ_ARRAY_LEN(size_members), s, len))
					return 1;
			}
			/* only as an argument: x.slice() or f(x)() are not reductions of x */
			if (!fq_node_contains(args, child))
				goto next;
			full = fq_node_text(&code->syn, fn, &flen);
			fq_node_member(&code->syn, fn, NULL, &name);
			s = fq_node_text(&code->syn, name, &len);
			if (fq_code_in_list(reducing_calls, FQ_ARRAY_LEN(reducing_calls), full, flen) ||
			    (fq_node_is_identifier(fn) &&
			     fq_code_in_list(reducing_calls, FQ_ARRAY_LEN(reducing_calls), s, len)) ||
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

typedef struct find_value {
	const fq_code *code;
	const char *name;
	size_t nlen;
	uint32_t before;
	int direct;              /* only `x = value`, not `{ x } = value` */
	TSNode value;
} find_value;

int fq_code_shadowed(const fq_code *code, TSNode n)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	size_t nlen;
	const char *name = fq_node_text(&code->syn, n, &nlen);
	TSNode p, params;

	if (!prof->param_blocks)
		return 0;
	for (p = fq_node_parent(&code->syn, n); !ts_node_is_null(p) && !fq_node_is_function(p);
	     p = fq_node_parent(&code->syn, p)) {
		uint32_t i;

		if (!fq_node_shape(&code->syn, prof->param_blocks, p, &params, NULL) || ts_node_is_null(params))
			continue;
		for (i = 0; i < ts_node_named_child_count(params); i++) {
			if (fq_code_binds_name(code, ts_node_named_child(params, i), name, nlen))
				return 1;
		}
	}
	return 0;
}

int fq_code_binds_name(const fq_code *code, TSNode target, const char *name, size_t nlen)
{
	const fq_profile *p = fq_syntax_profile(&code->syn);
	const char *t = ts_node_type(target);
	TSNode value;
	size_t len;
	const char *s;
	uint32_t i;

	if (fq_node_is_plain_name(target) || fq_in_types(p->pattern_names, t)) {
		s = fq_node_text(&code->syn, target, &len);
		return len == nlen && !memcmp(s, name, len);
	}
	if (fq_node_shape(&code->syn, p->pattern_pairs, target, NULL, &value))
		return fq_code_binds_name(code, value, name, nlen);
	if (fq_in_types(p->patterns, t)) {
		for (i = 0; i < ts_node_named_child_count(target); i++) {
			if (fq_code_binds_name(code, ts_node_named_child(target, i), name, nlen))
				return 1;
			/* { value = {} } = x: the default is not the target */
			if (fq_in_types(p->pattern_defaults, t))
				break;
		}
	}
	return 0;
}

static int find_value_visit(void *payload, TSNode n)
{
	find_value *f = payload;
	const fq_syntax *syn = &f->code->syn;
	TSNode name, value, targets[8];
	uint32_t nt, nv, i;

	if (ts_node_start_byte(n) >= f->before)
		return 1;
	if (!fq_node_binding(syn, n, &name, &value) || ts_node_is_null(name) || ts_node_is_null(value) ||
	    ts_node_end_byte(n) > f->before)
		return 0;
	nt = fq_node_targets(syn, n, targets, 8);
	if (nt > 1 || fq_node_is_list(syn, name)) {
		/* a, b := x, y pairs by position; a, err := f() gives a the call */
		nv = fq_node_is_list(syn, value) ? ts_node_named_child_count(value) : 1;
		for (i = 0; i < nt; i++) {
			TSNode v = fq_node_is_list(syn, value) ? ts_node_named_child(value, nv == nt ? i : 0) : value;

			if ((nv == nt || i == 0) && fq_node_is_plain_name(targets[i]) && fq_code_binds_name(f->code, targets[i], f->name, f->nlen))
				f->value = v;
		}
		return 0;
	}
	if (fq_node_is_list(syn, value))
		value = ts_node_named_child(value, 0); /* var x = v */
	if ((f->direct ? fq_node_is_plain_name(name) : 1) && fq_code_binds_name(f->code, name, f->name, f->nlen))
		f->value = value;
	return 0;
}

/* The last value bound to `ident` in its function before the node `at`;
 * with `direct`, only a value bound to the name itself (a destructured
 * name holds a part of its value). */
TSNode fq_code_bound_value(const fq_code *code, TSNode ident, TSNode at, int direct)
{
	find_value f;

	memset(&f, 0, sizeof(f));
	f.direct = direct;
	f.code = code;
	f.name = fq_node_text(&code->syn, ident, &f.nlen);
	f.before = ts_node_start_byte(at);
	fq_node_walk(&code->syn, fq_node_scope(&code->syn, at), find_value_visit, &f);
	return f.value;
}

/* Read from the function's text before its body: @Name, [Name] or #[Name]
 * before the parameter, up to the , or ) that ends it. */
int fq_code_annotated_with(const fq_code *code, TSNode ident, TSNode at, const char *const *a)
{
	TSNode fn = fq_node_scope(&code->syn, at);
	size_t nlen, len, i;
	const char *name = fq_node_text(&code->syn, ident, &nlen), *t, *end;

	if (!a || ts_node_eq(fn, code->syn.root))
		return 0;
	t = fq_node_text(&code->syn, fn, &len);
	end = memchr(t, '{', len);
	len = end ? (size_t)(end - t) : len;
	for (; *a; a++) {
		size_t al = strlen(*a);

		for (i = 0; i + al + 1 < len; i++) {
			size_t k;

			/* @RequestBody (Java, Kotlin), [FromBody] (C#), #[MapRequestPayload] (PHP) */
			if ((t[i] != '@' && t[i] != '[') || memcmp(t + i + 1, *a, al) != 0)
				continue;
			/* the name before the parameter ends (, or ) */
			for (k = i + 1 + al; k + nlen <= len && t[k] != ',' && t[k] != ')'; k++) {
				if (!memcmp(t + k, name, nlen) && !isalnum((unsigned char)t[k - 1]) &&
				    (k + nlen == len || !isalnum((unsigned char)t[k + nlen])))
					return 1;
			}
		}
	}
	return 0;
}
