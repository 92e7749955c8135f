#define _GNU_SOURCE
/*
 * Payload handling: FQ020 payloads or plaintext logged, FQ021 protected
 * payloads modified, and the scan that runs them with FQ022 (sensitive.c)
 * and FQ023 (validation.c).  All intra-procedural, on the bindings of the
 * code model (rules/code.h).
 */
#include "code.h"
#include "payloads.h"
#include "../scanner/config.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

/* ---- FQ020 ------------------------------------------------------------- */

typedef struct payload_walk {
	const fq_code *code;
	const fq_call *log;
	TSNode arg;              /* the argument being walked */
	TSNode found;
	fq_value_kind kind;
} payload_walk;

static int payload_visit(void *payload, TSNode n)
{
	payload_walk *w = payload;
	size_t len;
	const char *t;

	if (!ts_node_is_null(w->found))
		return 1;
	if (fq_node_is_function(n))
		return 1;
	if ((!fq_node_is_identifier(n) && !fq_code_is_payload_chain(w->code, n)) || !fq_code_is_whole_use(w->code, n) ||
	    fq_code_is_reduced(w->code, n, w->arg))
		return 0;
	t = fq_node_text(&w->code->syn, n, &len);
	if (fq_code_value_at(w->code, w->log->scope, t, len, ts_node_start_byte(n)) == FQ_VAL_PLAINTEXT) {
		w->found = n;
		w->kind = FQ_VAL_PLAINTEXT;
	} else if (fq_code_is_payload(w->code, w->log->scope, t, len) && !fq_code_shadowed(w->code, n)) {
		w->found = n;
		w->kind = FQ_VAL_PAYLOAD;
	}
	return 0;
}

static void check_logged_payload(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	payload_walk w;
	uint32_t i;
	size_t len;
	const char *name;

	memset(&w, 0, sizeof(w));
	w.code = code;
	w.log = c;

	for (i = 0; i < c->nargs && ts_node_is_null(w.found); i++) {
		w.arg = c->arg[i];
		fq_node_walk(&code->syn, c->arg[i], payload_visit, &w);
	}
	if (ts_node_is_null(w.found))
		return;
	name = fq_node_text(&code->syn, w.found, &len);
	fq_code_report(ctx, code, fq_rule_find("FQ020"), c->node,
		       w.kind == FQ_VAL_PLAINTEXT ?
		       "logging call receives '%.*s', the plaintext returned by unprotect: log error codes and request IDs only" :
		       "logging call receives '%.*s', a payload given to protect/unprotect: log error codes and request IDs only",
		       (int)(len > 64 ? 64 : len), name);
}

/* ---- FQ021 ------------------------------------------------------------- */

/* The name at the root of x.a, x[k], x.a.b[k], (x as any).a, this.x.a,
 * or null. */
static TSNode target_root(const fq_code *code, TSNode lhs)
{
	TSNode n = fq_node_unwrap(lhs, 0), obj;
	int parts = 0;

	while (fq_node_member(&code->syn, n, &obj, NULL) || fq_node_subscript(&code->syn, n, &obj, NULL)) {
		/* this.x.a: the field of the object is the name */
		if (fq_code_is_name(code, n) && parts)
			return n;
		n = fq_node_unwrap(obj, 0);
		parts++;
	}
	return parts && fq_code_is_name(code, n) ? n : (TSNode){ 0 };
}

typedef struct mutation_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
} mutation_walk;

static void report_if_sealed(mutation_walk *w, TSNode at, TSNode ident, const char *how)
{
	size_t len;
	const char *name;
	TSNode scope;

	if (ts_node_is_null(ident) || !fq_code_is_name(w->code, ident))
		return;
	name = fq_node_text(&w->code->syn, ident, &len);
	scope = fq_node_scope(&w->code->syn, at);
	if (fq_code_value_at(w->code, scope, name, len, ts_node_start_byte(at)) != FQ_VAL_PROTECTED)
		return;
	fq_code_report(w->ctx, w->code, fq_rule_find("FQ021"), at,
		       "'%.*s' holds a protected payload and is %s: protected payloads are opaque, "
		       "wrap them instead", (int)(len > 64 ? 64 : len), name, how);
}

/* What a changing node changes: the left of an assignment or a +=, the
 * operand of ++ and delete (a field, argument or the first child). */
static TSNode changed_part(TSNode n, int *whole_ok)
{
	TSNode t = fq_node_field(n, "left");

	*whole_ok = !ts_node_is_null(t);
	if (ts_node_is_null(t))
		t = fq_node_field(n, "argument");
	if (ts_node_is_null(t))
		t = ts_node_named_child(n, 0);
	return t;
}

static int mutation_visit(void *payload, TSNode n)
{
	mutation_walk *w = payload;
	const fq_syntax *syn = &w->code->syn;
	const fq_profile *p = fq_syntax_profile(syn);
	unsigned kind = fq_node_kind(syn, n);
	TSNode left, right, fn, args, obj, attr;
	int whole_ok;

	if (kind & FQ_KIND_ASSIGN) {
		uint32_t i;

		fq_node_binding(syn, n, &left, &right);
		for (i = 0; i < (fq_node_is_list(syn, left) ? ts_node_named_child_count(left) : 1); i++) {
			TSNode t = fq_node_is_list(syn, left) ? ts_node_named_child(left, i) : left;

			/* *sealed = T{}: written through the pointer */
			if (fq_in_types(p->derefs, ts_node_type(t)))
				report_if_sealed(w, n, fq_node_unwrap(t, 0), "overwritten through its pointer");
			else
				report_if_sealed(w, n, target_root(w->code, t), "assigned to");
		}
	} else if (kind & FQ_KIND_AUGMENTED) {
		TSNode target = changed_part(n, &whole_ok), root = target_root(w->code, target);

		/* x += 1 changes x itself; x++ only counts on a field */
		report_if_sealed(w, n, ts_node_is_null(root) && whole_ok ? fq_node_unwrap(target, 0) : root,
				 "changed in place");
	} else if (kind & FQ_KIND_DELETE) {
		TSNode op = fq_node_field(n, "operator");
		uint32_t i;

		if (!ts_node_is_null(op)) {
			/* a unary operator: only delete */
			if (fq_node_text_eq(syn, op, "delete"))
				report_if_sealed(w, n, target_root(w->code, fq_node_field(n, "argument")),
						 "losing a property to delete");
			return 0;
		}
		for (i = 0; i < ts_node_named_child_count(n); i++) {
			TSNode c = ts_node_named_child(n, i);

			/* del a[k], b[j]: the targets come in a list */
			if (ts_node_named_child_count(c) > 1 && !fq_node_member(syn, c, NULL, NULL) &&
			    !fq_node_subscript(syn, c, NULL, NULL)) {
				uint32_t k;

				for (k = 0; k < ts_node_named_child_count(c); k++)
					report_if_sealed(w, n, target_root(w->code, ts_node_named_child(c, k)), "losing an item to del");
			} else {
				report_if_sealed(w, n, target_root(w->code, c), "losing an item to del");
			}
		}
	} else if ((kind & FQ_KIND_CALL) && fq_node_call(syn, n, &fn, &args)) {
		const char *const *m;
		TSNode argv[1];
		size_t len;
		const char *text = fq_node_text(syn, fn, &len);

		/* Object.assign(x, ...), setattr(x, ...), delete(x.headers, k) */
		for (m = p->mutating_functions; m && *m; m++) {
			if (len == strlen(*m) && !memcmp(text, *m, len) && fq_node_args(args, argv, 1) == 1) {
				TSNode a = fq_node_unwrap(argv[0], 0);

				report_if_sealed(w, n, fq_code_is_name(w->code, a) ? a : target_root(w->code, a),
						 "changed by a mutating call");
				return 0;
			}
		}
		/* methods that change their receiver (Python's dict.update, a
		 * setter, sealed.getHeaders().remove(k)); Java's invocation is its
		 * own member access */
		if (!fq_node_member(syn, fn, &obj, &attr) && !fq_node_member(syn, n, &obj, &attr))
			return 0;
		text = fq_node_text(syn, attr, &len);
		obj = fq_node_unwrap(obj, 0);
		for (m = p->mutating_methods; m && *m; m++) {
			if (len == strlen(*m) && !memcmp(text, *m, len)) {
				report_if_sealed(w, n, fq_code_is_name(w->code, obj) ? obj : target_root(w->code, obj),
						 "changed by a mutating method");
				return 0;
			}
		}
		for (m = p->mutating_suffixes; m && *m; m++) {
			size_t sl = strlen(*m);

			if (len > sl && !memcmp(text + len - sl, *m, sl)) {
				report_if_sealed(w, n, fq_code_is_name(w->code, obj) ? obj : target_root(w->code, obj),
						 "changed by a mutating method");
				return 0;
			}
		}
		for (m = p->mutating_prefixes; m && *m; m++) {
			size_t pl = strlen(*m);

			if (len > pl && !memcmp(text, *m, pl) && isupper((unsigned char)text[pl])) {
				report_if_sealed(w, n, fq_code_is_name(w->code, obj) ? obj : target_root(w->code, obj),
						 "changed by a setter");
				return 0;
			}
		}
	}
	return 0;
}

static void payloads_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	size_t i;
	/* Test code calls protect without handling on purpose, tampers with
	 * sealed payloads to test SIGNATURE_INVALID, logs fixtures: the guide's
	 * payload and error advice is about the code that ships. */
	if (fq_env_is_test_path(code->file->path))
		return;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];

		if (c->kind == FQ_CALL_LOG && code->has_protect)
			check_logged_payload(ctx, code, c);
		if (c->kind == FQ_CALL_PROTECT && !ts_node_is_null(c->payload)) {
			fq_payload_check_sensitive(ctx, code, c);
			fq_payload_check_validated(ctx, code, c);
		}
	}
	/* only a name that holds a protect() result can be mutated */
	if (code->has_protect && code->protected_names) {
		mutation_walk w = { ctx, code };

		fq_node_walk_kinds(&code->syn, code->syn.root, FQ_KIND_ASSIGN | FQ_KIND_AUGMENTED | FQ_KIND_DELETE | FQ_KIND_CALL,
				   mutation_visit, &w);
	}
}

const fq_family fq_family_payloads = {
	"payloads",
	NULL,
	payloads_scan_code,
	NULL,
};
