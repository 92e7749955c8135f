#define _GNU_SOURCE
/*
 * FQ023 payloads not validated: a protect call's payload that no validator
 * (schema parse, validate*, assert*) checked in the function before it,
 * followed through bindings, loops and map callbacks.
 */
#include "code.h"
#include "payloads.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <ctype.h>
#include <string.h>

static const char *const validators[] = {
	"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync",
	"assert", "attempt", "cast", "model_validate", "model_validate_json", "parse_obj", "parse_raw",
	"load", "validate_python", "validate_json", "check", "is_valid", "full_clean",
};
/* validateTransfer(x), validate_transfer(x), assertValidNote(x),
 * validateOrReject(dto): a project's own validator by its name. */
static fq_regex validator_prefix = FQ_REGEX_INIT("^(?:validate|assert)(?:[A-Z_]|$)", 0);
/* parse and load also read data formats, which checks nothing:
 * JSON.parse, yaml.load, json.loads, qs.parse, Date.parse... */
static fq_regex format_module = FQ_REGEX_INIT(
	"(?i)^(?:json|yaml|toml|tomllib|tomli|pickle|marshal|qs|querystring|url|urlparse|path|date|et|etree|"
	"xml|parser|csv|ini|configparser|dotenv|papa|papaparse|cookie|ast|plistlib|base64|buffer)$", 0);

/* The last name segment of a callee's receiver: `yaml` in yaml.load,
 * `parser` in dateutil.parser.parse. */
static TSNode receiver_last(const fq_code *code, TSNode fn)
{
	TSNode obj = { 0 }, prop;

	fq_node_member(&code->syn, fn, &obj, NULL);
	obj = fq_node_unwrap(obj, 0);
	if (fq_node_member(&code->syn, obj, NULL, &prop))
		return prop;
	return obj;
}

/* Is fn (a callee, or a function given by name: items.map(Transfer.parse))
 * a validator? */
static int is_validator_fn(const fq_code *code, TSNode fn)
{
	const fq_profile *p = fq_syntax_profile(&code->syn);
	TSNode name;
	size_t i, len;
	const char *t;
	char buf[64];

	fn = fq_node_unwrap(fn, 1);
	if (!fq_node_member(&code->syn, fn, NULL, &name))
		name = fn;
	if (!fq_node_is_plain_name(name) && !fq_node_is_name_token(&code->syn, name))
		return 0;
	t = fq_node_text(&code->syn, name, &len);
	/* Go's Validate, ValidateStruct: compared with the first letter lowered */
	if (p->capitalised_methods && len && len < sizeof(buf) && isupper((unsigned char)t[0])) {
		memcpy(buf, t, len);
		buf[0] = (char)tolower((unsigned char)buf[0]);
		t = buf;
	}
	if (fq_regex_test(&validator_prefix, t, len))
		return 1;
	{
		const char *const *w = p->validators;
		int hit = 0;

		for (i = 0; i < FQ_ARRAY_LEN(validators) && !hit; i++)
			hit = len == strlen(validators[i]) && !memcmp(t, validators[i], len);
		for (; w && *w && !hit; w++)
			hit = len == strlen(*w) && !memcmp(t, *w, len);
		if (hit) {
			TSNode recv;
			size_t rlen;
			const char *r;

			if (ts_node_eq(name, fn))
				return 1;
			recv = receiver_last(code, fn);
			r = fq_node_text(&code->syn, recv, &rlen);
			return !fq_regex_test(&format_module, r, rlen);
		}
	}
	return 0;
}

static int expr_validated(const fq_code *code, TSNode expr, TSNode at, int depth);

/* Route middleware that validates the request before its handler runs:
 * celebrate({...}), validator.body(schema), validateBody(S), validateRequest,
 * checkSchema, a joi/zod/yup-named one. */
static fq_regex middleware_name = FQ_REGEX_INIT(
	"(?i)^(?:celebrate|validat[a-z_]*|checkschema|[a-z_]*(?:joi|zod|yup)[a-z_]*)$", 0);

/* Is the function fn a handler given to a call after a validating
 * middleware: router.post('/t', celebrate({...}), async (req, res) => ...)? */
static int after_validating_middleware(const fq_code *code, TSNode fn)
{
	TSNode args = fq_node_parent(&code->syn, fn);
	uint32_t i;

	if (ts_node_is_null(args) || !fq_node_is_args(&code->syn, args))
		return 0;
	for (i = 0; i < ts_node_named_child_count(args); i++) {
		TSNode a = ts_node_named_child(args, i), callee, name;
		size_t len;
		const char *t;

		if (ts_node_eq(a, fn))
			break;
		if (!fq_node_call(&code->syn, a, &callee, NULL))
			continue;
		if (!fq_node_member(&code->syn, callee, NULL, &name))
			name = callee;
		t = fq_node_text(&code->syn, name, &len);
		if (fq_regex_test(&middleware_name, t, len))
			return 1;
		name = receiver_last(code, callee); /* validator.body(schema) */
		if (ts_node_is_null(name) || ts_node_eq(name, callee))
			continue;
		t = fq_node_text(&code->syn, name, &len);
		if (fq_regex_test(&middleware_name, t, len))
			return 1;
	}
	return 0;
}

static int is_validator_call(const fq_code *code, TSNode n)
{
	TSNode fn;

	n = fq_node_unwrap(n, 1);
	if (!fq_node_call(&code->syn, n, &fn, NULL))
		return 0;
	/* JSON.parse(x) in Java, Ruby, PHP: the call is its own member access,
	 * whose receiver says whether it validates or only parses */
	if (fq_node_member(&code->syn, n, NULL, NULL))
		fn = n;
	return is_validator_fn(code, fn);
}

/* xs.map((x) => schema.parse(x)), xs.map(Transfer.parse): every element
 * comes out of a validator. */
static int maps_through_validator(const fq_code *code, TSNode n)
{
	const fq_profile *p = fq_syntax_profile(&code->syn);
	TSNode fn, args, cb, body, prop;
	size_t len;
	const char *name;

	n = fq_node_unwrap(n, 1);
	if (!p->map_methods || !fq_node_call(&code->syn, n, &fn, &args) || !fq_node_member(&code->syn, fn, NULL, &prop) ||
	    ts_node_is_null(args) || ts_node_named_child_count(args) < 1)
		return 0;
	name = fq_node_text(&code->syn, prop, &len);
	if (!fq_in_list_n(p->map_methods, name, len))
		return 0;
	cb = fq_node_unwrap(ts_node_named_child(args, 0), 0);
	if (!fq_node_is_function(cb))
		return is_validator_fn(code, cb);
	body = ts_node_child_by_field_name(cb, "body", 4);
	return !fq_in_types(p->blocks, ts_node_type(body)) && is_validator_call(code, body);
}

/* The receiver of a method call (form in form.is_valid()), or null. */
static TSNode call_receiver(const fq_code *code, TSNode call)
{
	TSNode fn = { 0 }, obj;

	fq_node_call(&code->syn, call, &fn, NULL);
	if (fq_node_member(&code->syn, fq_node_unwrap(fn, 1), &obj, NULL) || fq_node_member(&code->syn, call, &obj, NULL))
		return fq_node_unwrap(obj, 1);
	return (TSNode){ 0 };
}

typedef struct validated_walk {
	const fq_code *code;
	const char *name;
	size_t nlen;
	uint32_t before;
	int found;
} validated_walk;

static int same_name(const validated_walk *w, TSNode n)
{
	size_t len;
	const char *t;

	n = fq_node_unwrap(n, 1);
	{
		TSNode value;

		if (fq_node_shape(&w->code->syn, fq_syntax_profile(&w->code->syn)->keyword_arguments, n, NULL, &value))
			n = fq_node_unwrap(value, 1);
	}
	if (ts_node_is_null(n))
		return 0;
	t = fq_node_text(&w->code->syn, n, &len);
	return len == w->nlen && !memcmp(t, w->name, len);
}

/* validate(x), schema.validateSync(x), jsonschema.validate(instance=x),
 * serializer.is_valid(), assert isinstance(x, T) before the call */
static int validated_visit(void *payload, TSNode n)
{
	validated_walk *w = payload;
	uint32_t i;

	if (w->found || ts_node_start_byte(n) >= w->before)
		return 1;
	if (is_validator_call(w->code, n)) {
		TSNode args = { 0 };

		fq_node_call(&w->code->syn, n, NULL, &args);

		for (i = 0; !ts_node_is_null(args) && i < ts_node_named_child_count(args); i++) {
			if (same_name(w, ts_node_named_child(args, i)))
				w->found = 1;
		}
		if (!w->found && same_name(w, call_receiver(w->code, n)))
			w->found = 1;
	} else if (fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->asserts, n)) {
		size_t len;
		const char *t = fq_node_text(&w->code->syn, n, &len);

		if (memmem(t, len, w->name, w->nlen))
			w->found = 1;
	}
	return 0;
}

static int is_validated_name(const fq_code *code, TSNode ident, TSNode at, int depth);

typedef struct roots_walk {
	const fq_code *code;
	TSNode at;
	int depth;
	int any_validated;
} roots_walk;

/* Is the identifier a value the expression is made of (req in req.body.x,
 * t in JSON.stringify(t)), rather than a field or keyword name? */
static int is_root_identifier(const fq_code *code, TSNode n)
{
	TSNode p = fq_node_parent(&code->syn, n), prop, name;

	if (!fq_node_is_identifier(n))
		return 0;
	if (fq_node_member(&code->syn, p, NULL, &prop))
		return !ts_node_eq(prop, n);
	if (fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->keyword_arguments, p, &name, NULL))
		return !ts_node_eq(name, n);
	return 1;
}

static int roots_visit(void *payload, TSNode n)
{
	roots_walk *w = payload;

	if (w->any_validated)
		return 1;
	if (fq_node_is_function(n))
		return 1;
	if (is_validator_call(w->code, n) || maps_through_validator(w->code, n)) {
		w->any_validated = 1; /* protect({ data: schema.parse(x) }) */
		return 1;
	}
	if (is_root_identifier(w->code, n) && is_validated_name(w->code, n, w->at, w->depth + 1))
		w->any_validated = 1;
	return 0;
}

/* 1 when any value the expression is made of comes from a validation step
 * (the validated object, a field of it, a serialisation of it). */
static int expr_validated(const fq_code *code, TSNode expr, TSNode at, int depth)
{
	roots_walk w = { code, at, depth, 0 };

	if (depth > 4)
		return 0;
	expr = fq_node_unwrap(expr, 1);
	if (is_validator_call(code, expr))
		return 1;
	fq_node_walk(&code->syn, expr, roots_visit, &w);
	return w.any_validated;
}

/* Where a loop or callback variable takes its values from: the collection
 * of `for (const t of xs)`, `for t in xs`, `[... for t in xs]`, or the
 * receiver of `xs.map((t) => ...)`; null when `ident` is none of those. */
static TSNode loop_source(const fq_code *code, TSNode ident, TSNode at)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	size_t wantlen;
	const char *want = fq_node_text(&code->syn, ident, &wantlen);
	TSNode p;

	for (p = fq_node_parent(&code->syn, at); !ts_node_is_null(p); p = fq_node_parent(&code->syn, p)) {
		const char *t = ts_node_type(p);
		TSNode left, right;
		uint32_t i;

		if (fq_node_shape(&code->syn, prof->loops, p, &left, &right)) {
			if (!ts_node_is_null(left) && fq_code_binds_name(code, left, want, wantlen))
				return right;
		} else if (fq_in_types(prof->comprehensions, t)) {
			for (i = 0; i < ts_node_named_child_count(p); i++) {
				TSNode c = ts_node_named_child(p, i);

				if (fq_node_shape(&code->syn, prof->loops, c, &left, &right) && fq_code_binds_name(code, left, want, wantlen))
					return right;
			}
		} else if (fq_node_is_function(p)) {
			TSNode params = ts_node_child_by_field_name(p, "parameters", 10), first, args, call, fn, name, obj, pat;
			size_t len;
			const char *n;

			first = ts_node_is_null(params) ? ts_node_child_by_field_name(p, "parameter", 9) :
				ts_node_named_child(params, 0);
			/* TypeScript: required_parameter (pattern: x) */
			if (fq_node_shape(&code->syn, prof->parameters, first, &pat, NULL))
				first = pat;
			args = fq_node_parent(&code->syn, p);
			if (ts_node_is_null(first) || !fq_code_binds_name(code, first, want, wantlen) || !fq_node_is_args(&code->syn, args))
				return (TSNode){ 0 };
			call = fq_node_parent(&code->syn, args);
			if (!fq_node_call(&code->syn, call, &fn, NULL) || !fq_node_member(&code->syn, fn, &obj, &name))
				return (TSNode){ 0 };
			n = fq_node_text(&code->syn, name, &len);
			return fq_in_list_n(prof->iterator_methods, n, len) ? obj : (TSNode){ 0 };
		}
	}
	return (TSNode){ 0 };
}

/* Does the function read one of the profile's validation states before
 * `at` (the framework validated its parameters and the code looked)? */
static int checks_validation_state(const fq_code *code, TSNode at)
{
	const char *const *st = fq_syntax_profile(&code->syn)->validation_states;
	TSNode fn = fq_node_scope(&code->syn, at);
	const char *from = code->file->data + ts_node_start_byte(fn);
	size_t len = ts_node_start_byte(at) - ts_node_start_byte(fn);

	for (; st && *st; st++) {
		if (memmem(from, len, *st, strlen(*st)))
			return 1;
	}
	return 0;
}

static int is_validated_name(const fq_code *code, TSNode ident, TSNode at, int depth)
{
	TSNode v = fq_code_bound_value(code, ident, at, 0);
	validated_walk w;

	if (depth > 4)
		return 0;
	/* checked.map((t) => protect(t)), for t in checked: protect(t) */
	if (ts_node_is_null(v)) {
		TSNode src = loop_source(code, ident, at);

		if (!ts_node_is_null(src) && expr_validated(code, src, src, depth + 1))
			return 1;
		/* req of a route handler that a validating middleware runs before */
		if (after_validating_middleware(code, fq_node_scope(&code->syn, at)))
			return 1;
		/* if (!ModelState.IsValid) return BadRequest(); before the call */
		if (checks_validation_state(code, at))
			return 1;
	}
	/* const r = schema.safeParse(x) ... r.data; const { value } = schema.validate(x);
	 * const t = transfer.model_dump() */
	if (!ts_node_is_null(v) && expr_validated(code, v, v, depth + 1))
		return 1;
	memset(&w, 0, sizeof(w));
	w.code = code;
	w.name = fq_node_text(&code->syn, ident, &w.nlen);
	w.before = ts_node_start_byte(at);
	fq_node_walk(&code->syn, fq_node_scope(&code->syn, at), validated_visit, &w);
	if (w.found)
		return 1;
	/* @Valid @RequestBody TransferRequest req: the framework validates it */
	if (fq_code_annotated_with(code, ident, at, fq_syntax_profile(&code->syn)->validated_annotations))
		return 1;
	/* def f(t: TransferModel): a parameter typed with a (pydantic) class */
	if (fq_syntax_profile(&code->syn)->typed_parameters) {
		TSNode fn = fq_node_scope(&code->syn, at), params;
		uint32_t i;

		params = ts_node_child_by_field_name(fn, "parameters", 10);
		for (i = 0; !ts_node_is_null(params) && i < ts_node_named_child_count(params); i++) {
			TSNode p = ts_node_named_child(params, i), name, type;
			size_t len;
			const char *t;

			if (!fq_in_types(fq_syntax_profile(&code->syn)->typed_parameters, ts_node_type(p)))
				continue;
			name = ts_node_named_child(p, 0);
			type = ts_node_child_by_field_name(p, "type", 4);
			t = fq_node_text(&code->syn, name, &len);
			if (len == w.nlen && !memcmp(t, w.name, len) && !ts_node_is_null(type)) {
				t = fq_node_text(&code->syn, type, &len);
				if (len && isupper((unsigned char)t[0]) && strncmp(t, "Any", 3) != 0 &&
				    strncmp(t, "Dict", 4) != 0 && strncmp(t, "List", 4) != 0 &&
				    strncmp(t, "Optional[Dict", 13) != 0 && strncmp(t, "Mapping", 7) != 0 &&
				    strncmp(t, "Request", 7) != 0)
					return 1;
			}
		}
	}
	return 0;
}

void fq_payload_check_validated(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	size_t len;
	const char *text;

	if (expr_validated(code, c->payload, c->node, 0))
		return;
	text = fq_node_text(&code->syn, c->payload, &len);
	fq_code_report(ctx, code, fq_rule_find("FQ023"), c->payload,
		       "payload '%.*s' is protected without a validation step in this function: validate it first",
		       (int)(len > 48 ? 48 : len), text);
}
