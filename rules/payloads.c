#define _GNU_SOURCE
/*
 * Payload handling: FQ020 payloads or plaintext logged, FQ021 protected
 * payloads modified, FQ022 sensitive fields in payloads, FQ023 payloads not
 * validated.  All intra-procedural, on the bindings of rules/code.c.
 */
#include "code.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <ctype.h>
#include <string.h>

/* ---- FQ020 ------------------------------------------------------------- */

typedef struct payload_walk {
	const fq_code *code;
	const fq_call *log;
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
	if (!fq_node_is_identifier(n) || !fq_code_is_whole_use(n))
		return 0;
	t = fq_node_text(&w->code->syn, n, &len);
	if (fq_code_value_at(w->code, w->log->scope, t, len, ts_node_start_byte(n)) == FQ_VAL_PLAINTEXT) {
		w->found = n;
		w->kind = FQ_VAL_PLAINTEXT;
	} else if (fq_code_is_payload(w->code, w->log->scope, t, len)) {
		w->found = n;
		w->kind = FQ_VAL_PAYLOAD;
	}
	return 0;
}

static void check_logged_payload(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	payload_walk w;

	memset(&w, 0, sizeof(w));
	w.code = code;
	w.log = c;
	uint32_t i;
	size_t len;
	const char *name;

	for (i = 0; i < c->nargs && ts_node_is_null(w.found); i++)
		fq_node_walk(c->arg[i], payload_visit, &w);
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

static const char *const mutating_statics[] = {
	"Object.assign", "Object.defineProperty", "Object.defineProperties", "Object.setPrototypeOf",
	"Reflect.set", "Reflect.deleteProperty", "Reflect.defineProperty", "setattr", "delattr",
};
static const char *const mutating_methods[] = {
	"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__",
};

/* The identifier at the root of x.a, x[k], (x as any).a, or null. */
static TSNode target_root(TSNode lhs)
{
	TSNode n = fq_node_unwrap(lhs, 0);
	const char *t = ts_node_type(n);

	if (!strcmp(t, "member_expression") || !strcmp(t, "subscript_expression")) {
		n = ts_node_child_by_field_name(n, "object", 6);
	} else if (!strcmp(t, "attribute")) {
		n = ts_node_child_by_field_name(n, "object", 6);
	} else if (!strcmp(t, "subscript")) {
		n = ts_node_child_by_field_name(n, "value", 5);
	} else {
		return (TSNode){ 0 };
	}
	n = fq_node_unwrap(n, 0);
	return fq_node_is(n, "identifier") ? n : (TSNode){ 0 };
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

	if (ts_node_is_null(ident) || !fq_node_is(ident, "identifier"))
		return;
	name = fq_node_text(&w->code->syn, ident, &len);
	scope = fq_node_scope(&w->code->syn, at);
	if (fq_code_value_at(w->code, scope, name, len, ts_node_start_byte(at)) != FQ_VAL_PROTECTED)
		return;
	fq_code_report(w->ctx, w->code, fq_rule_find("FQ021"), at,
		       "'%.*s' holds a protected payload and is %s: protected payloads are opaque, "
		       "wrap them instead", (int)(len > 64 ? 64 : len), name, how);
}

static int mutation_visit(void *payload, TSNode n)
{
	mutation_walk *w = payload;
	const char *t = ts_node_type(n);

	if (!strcmp(t, "assignment_expression") || !strcmp(t, "assignment")) {
		report_if_sealed(w, n, target_root(ts_node_child_by_field_name(n, "left", 4)), "assigned to");
	} else if (!strcmp(t, "augmented_assignment_expression") || !strcmp(t, "augmented_assignment")) {
		TSNode left = ts_node_child_by_field_name(n, "left", 4), root = target_root(left);

		report_if_sealed(w, n, ts_node_is_null(root) ? fq_node_unwrap(left, 0) : root, "changed in place");
	} else if (!strcmp(t, "update_expression")) {
		report_if_sealed(w, n, target_root(ts_node_child_by_field_name(n, "argument", 8)), "changed in place");
	} else if (!strcmp(t, "unary_expression")) {
		TSNode op = ts_node_child_by_field_name(n, "operator", 8);

		if (!ts_node_is_null(op) && fq_node_text_eq(&w->code->syn, op, "delete"))
			report_if_sealed(w, n, target_root(ts_node_child_by_field_name(n, "argument", 8)),
					 "losing a property to delete");
	} else if (!strcmp(t, "delete_statement")) {
		uint32_t i;

		for (i = 0; i < ts_node_named_child_count(n); i++) {
			TSNode c = ts_node_named_child(n, i);

			if (fq_node_is(c, "expression_list")) {
				uint32_t k;

				for (k = 0; k < ts_node_named_child_count(c); k++)
					report_if_sealed(w, n, target_root(ts_node_named_child(c, k)), "losing an item to del");
			} else {
				report_if_sealed(w, n, target_root(c), "losing an item to del");
			}
		}
	} else if (!strcmp(t, "call_expression") || !strcmp(t, "call")) {
		TSNode fn = ts_node_child_by_field_name(n, "function", 8);
		TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
		TSNode argv[2];
		size_t i, len;
		const char *text = fq_node_text(&w->code->syn, fn, &len);

		for (i = 0; i < FQ_ARRAY_LEN(mutating_statics); i++) {
			if (len == strlen(mutating_statics[i]) && !memcmp(text, mutating_statics[i], len) &&
			    fq_node_args(args, argv, 1) == 1) {
				report_if_sealed(w, n, fq_node_unwrap(argv[0], 0), "changed by a mutating call");
				return 0;
			}
		}
		if (w->code->syn.lang == FQ_LANG_PYTHON && fq_node_is(fn, "attribute")) {
			TSNode attr = ts_node_child_by_field_name(fn, "attribute", 9);
			const char *a = fq_node_text(&w->code->syn, attr, &len);

			for (i = 0; i < FQ_ARRAY_LEN(mutating_methods); i++) {
				if (len == strlen(mutating_methods[i]) && !memcmp(a, mutating_methods[i], len)) {
					report_if_sealed(w, n, fq_node_unwrap(ts_node_child_by_field_name(fn, "object", 6), 0),
							 "changed by a mutating method");
					break;
				}
			}
		}
	}
	return 0;
}

/* ---- shared: the value a name was last given before a point ----------- */

typedef struct find_value {
	const fq_code *code;
	const char *name;
	size_t nlen;
	uint32_t before;
	TSNode value;
} find_value;

static int find_value_visit(void *payload, TSNode n)
{
	find_value *f = payload;
	const char *t = ts_node_type(n);
	TSNode name = { 0 }, value = { 0 };

	if (ts_node_start_byte(n) >= f->before)
		return 1;
	if (!strcmp(t, "variable_declarator")) {
		name = ts_node_child_by_field_name(n, "name", 4);
		value = ts_node_child_by_field_name(n, "value", 5);
	} else if (!strcmp(t, "assignment_expression") || !strcmp(t, "assignment")) {
		name = ts_node_child_by_field_name(n, "left", 4);
		value = ts_node_child_by_field_name(n, "right", 5);
	}
	if (!ts_node_is_null(name) && !ts_node_is_null(value) && fq_node_is(name, "identifier") &&
	    ts_node_end_byte(n) <= f->before) {
		size_t len;
		const char *s = fq_node_text(&f->code->syn, name, &len);

		if (len == f->nlen && !memcmp(s, f->name, len))
			f->value = value;
	}
	return 0;
}

/* The last value bound to `ident` in its function before the node `at`. */
static TSNode value_of(const fq_code *code, TSNode ident, TSNode at)
{
	find_value f;

	memset(&f, 0, sizeof(f));
	f.code = code;
	f.name = fq_node_text(&code->syn, ident, &f.nlen);
	f.before = ts_node_start_byte(at);
	fq_node_walk(fq_node_scope(&code->syn, at), find_value_visit, &f);
	return f.value;
}

/* ---- FQ022 ------------------------------------------------------------- */

static const char *const sensitive_fields[] = {
	"ssn", "socialsecuritynumber", "password", "passwd", "pin", "cvv", "cvc", "cardnumber", "pan",
	"fullcredithistory", "credithistory", "dateofbirth", "dob", "taxid", "creditcardnumber",
	"cardno",
};

static int is_sensitive(const char *s, size_t len)
{
	char norm[64];
	size_t i, n = 0;

	for (i = 0; i < len && n < sizeof(norm) - 1; i++) {
		if (s[i] == '_' || s[i] == '-' || s[i] == '"' || s[i] == '\'')
			continue;
		norm[n++] = (char)tolower((unsigned char)s[i]);
	}
	norm[n] = '\0';
	for (i = 0; i < FQ_ARRAY_LEN(sensitive_fields); i++) {
		if (!strcmp(norm, sensitive_fields[i]))
			return 1;
	}
	return 0;
}

/* req.body, request.json, request.get_json(), user, req.user... */
static fq_regex whole_object = FQ_REGEX_INIT(
	"^(?:(?:req|request|ctx\\.request|event)\\.(?:body|user|json|data|form|POST|query)"
	"|(?:req|request)\\.(?:get_json|json)\\(\\)|user|currentUser|current_user|req\\.user)$", 0);

static void check_sensitive(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	const fq_rule *fq022 = fq_rule_find("FQ022");
	TSNode p = fq_node_unwrap(c->arg[0], 1), lit = p;
	size_t len;
	const char *text;
	uint32_t i;

	if (fq_node_is(p, "identifier")) {
		TSNode v = value_of(code, p, c->node);

		if (!ts_node_is_null(v))
			lit = fq_node_unwrap(v, 1);
	}
	text = fq_node_text(&code->syn, lit, &len);
	if (fq_regex_test(&whole_object, text, len)) {
		fq_code_report(ctx, code, fq022, c->arg[0],
			       "the whole '%.*s' object is protected unfiltered: build the payload from the fields needed",
			       (int)(len > 48 ? 48 : len), text);
		return;
	}
	if (!fq_node_is(lit, "object") && !fq_node_is(lit, "dictionary"))
		return;
	for (i = 0; i < ts_node_named_child_count(lit); i++) {
		TSNode m = ts_node_named_child(lit, i), key = { 0 }, val = { 0 };
		const char *k;
		size_t klen;

		if (fq_node_is(m, "pair")) {
			key = ts_node_child_by_field_name(m, "key", 3);
			val = fq_node_unwrap(ts_node_child_by_field_name(m, "value", 5), 1);
		} else if (fq_node_is(m, "shorthand_property_identifier")) {
			key = m;
		} else if (fq_node_is(m, "spread_element") || fq_node_is(m, "dictionary_splat")) {
			TSNode s = fq_node_unwrap(ts_node_named_child(m, 0), 1);

			k = fq_node_text(&code->syn, s, &klen);
			if (fq_regex_test(&whole_object, k, klen)) {
				fq_code_report(ctx, code, fq022, m, "the whole '%.*s' object is spread into a payload",
					       (int)(klen > 48 ? 48 : klen), k);
				return;
			}
			continue;
		}
		if (ts_node_is_null(key))
			continue;
		k = fq_node_text(&code->syn, key, &klen);
		if (!is_sensitive(k, klen) && !ts_node_is_null(val) &&
		    (fq_node_is(val, "member_expression") || fq_node_is(val, "attribute"))) {
			/* { id: user.ssn } */
			TSNode prop = ts_node_child_by_field_name(val, fq_node_is(val, "attribute") ? "attribute" : "property",
								  fq_node_is(val, "attribute") ? 9 : 8);

			k = fq_node_text(&code->syn, prop, &klen);
		}
		if (is_sensitive(k, klen)) {
			fq_code_report(ctx, code, fq022, m,
				       "the payload holds the sensitive field '%.*s': include only what the receiver needs",
				       (int)(klen > 48 ? 48 : klen), k);
			return;
		}
	}
}

/* ---- FQ023 ------------------------------------------------------------- */

static const char *const validators[] = {
	"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync",
	"assert", "attempt", "cast", "model_validate", "model_validate_json", "parse_obj", "parse_raw",
	"load", "validate_python", "validate_json", "check", "is_valid",
};

static int is_validator_call(const fq_code *code, TSNode n)
{
	TSNode fn, name;
	size_t i, len;
	const char *t;

	n = fq_node_unwrap(n, 1);
	if (!fq_node_is(n, "call_expression") && !fq_node_is(n, "call"))
		return 0;
	fn = ts_node_child_by_field_name(n, "function", 8);
	if (fq_node_is(fn, "member_expression"))
		name = ts_node_child_by_field_name(fn, "property", 8);
	else if (fq_node_is(fn, "attribute"))
		name = ts_node_child_by_field_name(fn, "attribute", 9);
	else
		name = fn;
	t = fq_node_text(&code->syn, name, &len);
	for (i = 0; i < FQ_ARRAY_LEN(validators); i++) {
		if (len == strlen(validators[i]) && !memcmp(t, validators[i], len))
			return 1;
	}
	return 0;
}

typedef struct validated_walk {
	const fq_code *code;
	const char *name;
	size_t nlen;
	uint32_t before;
	int found;
} validated_walk;

/* validate(x), schema.validateSync(x), assert isinstance(x, T) before the call */
static int validated_visit(void *payload, TSNode n)
{
	validated_walk *w = payload;
	uint32_t i;

	if (w->found || ts_node_start_byte(n) >= w->before)
		return 1;
	if (is_validator_call(w->code, n)) {
		TSNode args = ts_node_child_by_field_name(n, "arguments", 9);

		for (i = 0; !ts_node_is_null(args) && i < ts_node_named_child_count(args); i++) {
			TSNode a = fq_node_unwrap(ts_node_named_child(args, i), 1);
			size_t len;
			const char *t = fq_node_text(&w->code->syn, a, &len);

			if (len == w->nlen && !memcmp(t, w->name, len))
				w->found = 1;
		}
	} else if (fq_node_is(n, "assert_statement")) {
		size_t len;
		const char *t = fq_node_text(&w->code->syn, n, &len);

		if (memmem(t, len, w->name, w->nlen))
			w->found = 1;
	}
	return 0;
}

static int is_validated_name(const fq_code *code, TSNode ident, TSNode at, int depth)
{
	TSNode v = value_of(code, ident, at);
	validated_walk w;

	if (!ts_node_is_null(v)) {
		TSNode u = fq_node_unwrap(v, 1);

		if (is_validator_call(code, u))
			return 1;
		/* const r = schema.safeParse(x); ... r.data */
		if ((fq_node_is(u, "member_expression") || fq_node_is(u, "attribute")) && depth < 4) {
			TSNode obj = fq_node_unwrap(ts_node_child_by_field_name(u, "object", 6), 1);

			if (fq_node_is(obj, "identifier") && is_validated_name(code, obj, v, depth + 1))
				return 1;
		}
		if (fq_node_is(u, "identifier") && depth < 4)
			return is_validated_name(code, u, v, depth + 1);
	}
	memset(&w, 0, sizeof(w));
	w.code = code;
	w.name = fq_node_text(&code->syn, ident, &w.nlen);
	w.before = ts_node_start_byte(at);
	fq_node_walk(fq_node_scope(&code->syn, at), validated_visit, &w);
	if (w.found)
		return 1;
	/* def f(t: TransferModel): a parameter typed with a (pydantic) class */
	if (code->syn.lang == FQ_LANG_PYTHON) {
		TSNode fn = fq_node_scope(&code->syn, at), params;
		uint32_t i;

		params = ts_node_child_by_field_name(fn, "parameters", 10);
		for (i = 0; !ts_node_is_null(params) && i < ts_node_named_child_count(params); i++) {
			TSNode p = ts_node_named_child(params, i), name, type;
			size_t len;
			const char *t;

			if (!fq_node_is(p, "typed_parameter") && !fq_node_is(p, "typed_default_parameter"))
				continue;
			name = ts_node_named_child(p, 0);
			type = ts_node_child_by_field_name(p, "type", 4);
			t = fq_node_text(&code->syn, name, &len);
			if (len == w.nlen && !memcmp(t, w.name, len) && !ts_node_is_null(type)) {
				t = fq_node_text(&code->syn, type, &len);
				if (len && isupper((unsigned char)t[0]) && strncmp(t, "Any", 3) != 0 &&
				    strncmp(t, "Dict", 4) != 0)
					return 1;
			}
		}
	}
	return 0;
}

typedef struct literal_walk {
	const fq_code *code;
	TSNode at;
	int any_validated;
} literal_walk;

static int literal_visit(void *payload, TSNode n)
{
	literal_walk *w = payload;

	if (w->any_validated)
		return 1;
	if (fq_node_is(n, "identifier") && is_validated_name(w->code, n, w->at, 0))
		w->any_validated = 1;
	return 0;
}

static void check_validated(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	TSNode p = fq_node_unwrap(c->arg[0], 1);
	size_t len;
	const char *text;

	if (is_validator_call(code, p))
		return;
	if (fq_node_is(p, "identifier")) {
		if (is_validated_name(code, p, c->node, 0))
			return;
	} else if (fq_node_is(p, "object") || fq_node_is(p, "dictionary")) {
		literal_walk w = { code, c->node, 0 };

		fq_node_walk(p, literal_visit, &w);
		if (w.any_validated)
			return;
	} else if (fq_node_is(p, "member_expression") || fq_node_is(p, "attribute")) {
		TSNode obj = fq_node_unwrap(ts_node_child_by_field_name(p, "object", 6), 1);

		if (fq_node_is(obj, "identifier") && is_validated_name(code, obj, c->node, 0))
			return;
	}
	text = fq_node_text(&code->syn, c->arg[0], &len);
	fq_code_report(ctx, code, fq_rule_find("FQ023"), c->arg[0],
		       "payload '%.*s' is protected without a validation step in this function: validate it first",
		       (int)(len > 48 ? 48 : len), text);
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
		if (c->kind == FQ_CALL_PROTECT) {
			check_sensitive(ctx, code, c);
			check_validated(ctx, code, c);
		}
	}
	if (code->has_protect) {
		mutation_walk w = { ctx, code };

		fq_node_walk(code->syn.root, mutation_visit, &w);
	}
}

const fq_family fq_family_payloads = {
	"payloads",
	NULL,
	payloads_scan_code,
	NULL,
};
