#define _GNU_SOURCE
/*
 * Payload handling: FQ020 payloads or plaintext logged, FQ021 protected
 * payloads modified, FQ022 sensitive fields in payloads, FQ023 payloads not
 * validated.  All intra-procedural, on the bindings of rules/code.c.
 */
#include "code.h"
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
	} else if (fq_code_is_payload(w->code, w->log->scope, t, len)) {
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

/* ---- shared: the value a name was last given before a point ----------- */

typedef struct find_value {
	const fq_code *code;
	const char *name;
	size_t nlen;
	uint32_t before;
	int direct;              /* only `x = value`, not `{ x } = value` */
	TSNode value;
} find_value;

/* Does the target bind the name: x, or a destructuring that holds it
 * (const { value, error } = schema.validate(x); data, errors = load(x))? */
static int pattern_binds(const find_value *f, TSNode target)
{
	const fq_profile *p = fq_syntax_profile(&f->code->syn);
	const char *t = ts_node_type(target);
	TSNode value;
	size_t len;
	const char *s;
	uint32_t i;

	if (fq_node_is_plain_name(target) || fq_in_types(p->pattern_names, t)) {
		s = fq_node_text(&f->code->syn, target, &len);
		return len == f->nlen && !memcmp(s, f->name, len);
	}
	if (fq_node_shape(&f->code->syn, p->pattern_pairs, target, NULL, &value))
		return pattern_binds(f, value);
	if (fq_in_types(p->patterns, t)) {
		for (i = 0; i < ts_node_named_child_count(target); i++) {
			if (pattern_binds(f, ts_node_named_child(target, i)))
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

			if ((nv == nt || i == 0) && fq_node_is_plain_name(targets[i]) && pattern_binds(f, targets[i]))
				f->value = v;
		}
		return 0;
	}
	if (fq_node_is_list(syn, value))
		value = ts_node_named_child(value, 0); /* var x = v */
	if ((f->direct ? fq_node_is_plain_name(name) : 1) && pattern_binds(f, name))
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

static TSNode value_of(const fq_code *code, TSNode ident, TSNode at)
{
	return fq_code_bound_value(code, ident, at, 0);
}

/* ---- FQ022 ------------------------------------------------------------- */

static const char *const sensitive_fields[] = {
	"ssn", "socialsecuritynumber", "password", "passwd", "pin", "cvv", "cvc", "cardnumber", "pan",
	"fullcredithistory", "credithistory", "dateofbirth", "dob", "taxid", "creditcardnumber",
	"cardno",
};

/* A field name without case, quotes, _ and -: card_number, "cardNumber"
 * and CARD-NUMBER are one name.  0 when it does not fit. */
static int normalise_field(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '_' || s[i] == '-' || s[i] == '"' || s[i] == '\'')
			continue;
		if (n + 1 >= size)
			return 0;
		out[n++] = (char)tolower((unsigned char)s[i]);
	}
	out[n] = '\0';
	return 1;
}

/* The sensitive field names: the config's sensitive_fields when a config
 * is loaded (its defaults are the built-in list), else the built-in list. */
static int is_sensitive(const fq_code *code, const char *s, size_t len)
{
	char norm[64], item[64];
	size_t i;

	if (!normalise_field(s, len, norm, sizeof(norm)))
		return 0;
	if (code->config) {
		for (i = 0; i < code->config->sensitive_fields.count; i++) {
			const char *f = code->config->sensitive_fields.items[i];

			if (normalise_field(f, strlen(f), item, sizeof(item)) && !strcmp(norm, item))
				return 1;
		}
		return 0;
	}
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

/* A call that loads a whole user record (User.findById(id), getCurrentUser(),
 * db.user.findUnique(...)) and not a filtered view of one (pickUserFields,
 * toPublicUser, serializeUser). */
static fq_regex user_loader = FQ_REGEX_INIT("(?i)user", 0);
static fq_regex user_filter = FQ_REGEX_INIT(
	"(?i)pick|omit|seriali[sz]|saniti[sz]|public|safe|redact|strip|summary|dto|view", 0);

static int loads_user(const fq_code *code, TSNode value)
{
	TSNode fn, args;
	size_t len;
	const char *t;

	value = fq_node_unwrap(value, 1);
	if (!fq_node_call(&code->syn, value, &fn, &args))
		return 0;
	/* the callee as written, up to its arguments:
	 * users.findById(id).orElseThrow */
	t = fq_node_text(&code->syn, value, &len);
	if (!ts_node_is_null(args) && ts_node_start_byte(args) > ts_node_start_byte(value))
		len = ts_node_start_byte(args) - ts_node_start_byte(value);
	return fq_regex_test(&user_loader, t, len) && !fq_regex_test(&user_filter, t, len);
}

/* Serialisations keep every field of what they serialise: JSON.stringify(x),
 * json.dumps(x), Buffer.from(JSON.stringify(x)), dict(x), structuredClone(x). */
static const char *const serialisers[] = {
	"JSON.stringify", "json.dumps", "Buffer.from", "dict", "str", "jsonable_encoder", "structuredClone",
	"orjson.dumps", "ujson.dumps", "copy.deepcopy", "copy.copy", "deepcopy", "cloneDeep", "_.cloneDeep",
};

static int is_serialiser(const fq_code *code, const char *t, size_t len)
{
	const char *const *w;
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(serialisers); i++) {
		if (len == strlen(serialisers[i]) && !memcmp(t, serialisers[i], len))
			return 1;
	}
	for (w = fq_syntax_profile(&code->syn)->serialisers; w && *w; w++) {
		if (len == strlen(*w) && !memcmp(t, *w, len))
			return 1;
	}
	return 0;
}

static TSNode through_serialisation(const fq_code *code, TSNode n)
{
	int depth;

	for (depth = 0; depth < 4; depth++) {
		TSNode fn, args, first;
		size_t len;
		const char *t;

		TSNode prop;

		n = fq_node_unwrap(n, 1);
		if (!fq_node_call(&code->syn, n, &fn, &args))
			break;
		t = fq_node_text(&code->syn, fn, &len);
		first = ts_node_is_null(args) ? args : ts_node_named_child(args, 0);
		/* JSON.stringify(x), or a method by its name: mapper.writeValueAsString(x) */
		if (!is_serialiser(code, t, len) &&
		    !(fq_node_member(&code->syn, fn, NULL, &prop) &&
		      (t = fq_node_text(&code->syn, prop, &len), is_serialiser(code, t, len))))
			break;
		first = fq_node_unwrap(first, 1);
		if (ts_node_is_null(first) ||
		    fq_node_shape(&code->syn, fq_syntax_profile(&code->syn)->keyword_arguments, first, NULL, NULL))
			break;
		n = first;
	}
	return n;
}

/* The profile's own whole objects (Go's r.Body), compiled on first use. */
static fq_regex profile_whole[FQ_LANG_COUNT];
static pthread_once_t profile_whole_once = PTHREAD_ONCE_INIT;

static void init_profile_whole(void)
{
	size_t i;

	for (i = 0; i < fq_profiles_count; i++) {
		fq_regex *r = &profile_whole[fq_profiles[i]->lang];

		r->pattern = fq_profiles[i]->whole_objects;
		pthread_mutex_init(&r->lock, NULL);
	}
}

static int is_whole_object(const fq_code *code, const char *t, size_t len)
{
	fq_regex *r;

	if (fq_regex_test(&whole_object, t, len))
		return 1;
	pthread_once(&profile_whole_once, init_profile_whole);
	r = &profile_whole[code->syn.lang];
	return r->pattern && fq_regex_test(r, t, len);
}

/* Is the name a parameter bound to a whole request body by an annotation
 * (@RequestBody req)?  Read from the function's text before its body. */
static int annotated_with(const fq_code *code, TSNode ident, TSNode at, const char *const *a)
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

/* Is the expression a whole request body or user object: req.body,
 * request.json, a `user` (unless bound to a filtered view of one)? */
static int whole_object_value(const fq_code *code, TSNode e, TSNode at, const char **text, size_t *len)
{
	TSNode v = { 0 };

	e = fq_node_unwrap(e, 1);
	*text = fq_node_text(&code->syn, e, len);
	if (fq_node_is_identifier(e) &&
	    annotated_with(code, e, at, fq_syntax_profile(&code->syn)->whole_object_annotations))
		return 1; /* @RequestBody TransferRequest req */
	if (fq_node_is_identifier(e)) {
		v = fq_code_bound_value(code, e, at, 1);
		if (!ts_node_is_null(v)) {
			size_t vlen;
			const char *vt;

			v = through_serialisation(code, v);
			vt = fq_node_text(&code->syn, v, &vlen);
			if (is_whole_object(code, vt, vlen)) {
				*text = vt;
				*len = vlen;
				return 1;
			}
			/* the name says what a parameter holds; a bound value says it
			 * better: `const user = pick(...)` is filtered,
			 * `User.findById(id)` is not */
			if (!loads_user(code, v))
				return 0;
		}
	}
	return is_whole_object(code, *text, *len);
}

/* Checks an object or dict literal given as (part of) a payload; 1 when it
 * reported.  Nested literals are checked too ({ transfer: { ssn } }). */
static int check_literal(fq_rule_ctx *ctx, const fq_code *code, TSNode lit, TSNode at, int depth)
{
	const fq_rule *fq022 = fq_rule_find("FQ022");
	const fq_profile *p = fq_syntax_profile(&code->syn);
	const fq_shape *holder = fq_shape_of(p->literal_holders, ts_node_type(lit));
	TSNode fn, args;
	uint32_t i;
	int pairs = 0;

	/* dict(ssn=..., amount=...), mapOf("ssn" to x), Map.of("ssn", x),
	 * Transfer(cardNumber = c), Transfer{CardNumber: c} */
	if (holder && fq_node_call(&code->syn, lit, &fn, &args) && !ts_node_is_null(args)) {
		const char *const *c = p->literal_constructors;
		size_t len;
		const char *t = fq_node_text(&code->syn, lit, &len), *last;

		/* the callee as written, and its last name */
		if (ts_node_start_byte(args) > ts_node_start_byte(lit))
			len = ts_node_start_byte(args) - ts_node_start_byte(lit);
		while (len && (t[len - 1] == ' ' || t[len - 1] == '('))
			len--;
		for (last = t + len; last > t && (isalnum((unsigned char)last[-1]) || last[-1] == '_'); last--)
			;
		while (c && *c && !(strlen(*c) == len && !memcmp(t, *c, len)))
			c++;
		if (c && *c)
			pairs = p->pair_constructors && fq_in_list_n(p->pair_constructors, t, len);
		else if (!(p->capitalised_constructors && last < t + len && isupper((unsigned char)*last)))
			return 0;
		lit = args;
	} else if (holder) {
		lit = fq_node_field(lit, holder->b);
	} else if (!fq_in_types(p->object_literals, ts_node_type(lit))) {
		return 0;
	}
	for (i = 0; i < ts_node_named_child_count(lit); i++) {
		TSNode m = ts_node_named_child(lit, i), key = { 0 }, val = { 0 };
		const fq_shape *entry = fq_shape_of(p->entries, ts_node_type(m));
		const char *k;
		size_t klen;

		if (pairs) {
			/* Map.of(k1, v1, k2, v2) */
			if (i + 1 >= ts_node_named_child_count(lit))
				break;
			key = fq_node_unwrap(m, 0);
			val = fq_node_unwrap(ts_node_named_child(lit, ++i), 1);
		} else if (entry && p->entry_parts) {
			if (!p->entry_parts(m, &key, &val)) {
				/* a positional argument: a nested literal (ofEntries) */
				if (depth < 4 && check_literal(ctx, code, fq_node_unwrap(m, 1), at, depth + 1))
					return 1;
				continue;
			}
			key = fq_node_unwrap(key, 0);
			val = fq_node_unwrap(val, 1);
		} else if (entry && !p->entry_parts && !entry->a) {
			/* Map.ofEntries(Map.entry(k, v), ...): entries are literals */
			if (depth < 4 && check_literal(ctx, code, fq_node_unwrap(m, 1), at, depth + 1))
				return 1;
			continue;
		} else if (entry) {
			fq_node_entry(&code->syn, m, &key, &val);
			key = fq_node_unwrap(key, 0);
			val = fq_node_unwrap(val, 1);
		} else if (fq_in_types(p->shorthand_entries, ts_node_type(m))) {
			key = val = m;
		} else if (fq_in_types(p->spreads, ts_node_type(m))) {
			if (whole_object_value(code, ts_node_named_child(m, 0), at, &k, &klen)) {
				fq_code_report(ctx, code, fq022, m, "the whole '%.*s' object is spread into a payload",
					       (int)(klen > 48 ? 48 : klen), k);
				return 1;
			}
			continue;
		}
		if (ts_node_is_null(key))
			continue;
		k = fq_node_text(&code->syn, key, &klen);
		if (!is_sensitive(code, k, klen) && !ts_node_is_null(val)) {
			/* { id: user.ssn } */
			TSNode prop;

			if (fq_node_member(&code->syn, val, NULL, &prop)) {
				k = fq_node_text(&code->syn, prop, &klen);
				/* co.getTaxId(): the field behind a getter */
				if (klen > 3 && !memcmp(k, "get", 3) && isupper((unsigned char)k[3])) {
					k += 3;
					klen -= 3;
				}
			}
		}
		if (is_sensitive(code, k, klen)) {
			fq_code_report(ctx, code, fq022, m,
				       "the payload holds the sensitive field '%.*s': include only what the receiver needs",
				       (int)(klen > 48 ? 48 : klen), k);
			return 1;
		}
		if (ts_node_is_null(val))
			continue;
		/* { customer: user }, { body: req.body } */
		if (whole_object_value(code, val, at, &k, &klen)) {
			fq_code_report(ctx, code, fq022, m, "the whole '%.*s' object is put into a payload unfiltered",
				       (int)(klen > 48 ? 48 : klen), k);
			return 1;
		}
		/* { beneficiary } built a line before: its literal */
		if (fq_node_is_plain_name(val)) {
			TSNode bound = fq_code_bound_value(code, val, at, 1);

			if (!ts_node_is_null(bound))
				val = fq_node_unwrap(bound, 1);
		}
		if (depth < 4 && check_literal(ctx, code, val, at, depth + 1))
			return 1;
	}
	return 0;
}

typedef struct added_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
	const char *name;        /* the payload variable */
	size_t nlen;
	TSNode value;            /* its bound value (null when none) */
	uint32_t before;
	int builder;             /* the value is a builder chain ending in build() */
	int reported;
} added_walk;

/* Is obj the payload: its name, or this/it inside its own value
 * (mutableMapOf<...>().apply { put(...) }, buildMap { this["k"] = v })? */
static int is_payload_object(const added_walk *w, TSNode obj)
{
	if (ts_node_is_null(obj))
		return !ts_node_is_null(w->value); /* put(...) with no receiver, inside the value */
	if (fq_node_text_eq(&w->code->syn, obj, "this") || fq_node_text_eq(&w->code->syn, obj, "it"))
		return !ts_node_is_null(w->value) && fq_node_contains(w->value, obj);
	{
		size_t len;
		const char *t = fq_node_text(&w->code->syn, obj, &len);

		return fq_node_is_plain_name(obj) && len == w->nlen && !memcmp(t, w->name, len);
	}
}

static void added_key(added_walk *w, TSNode at, TSNode key)
{
	const char *k;
	size_t klen;

	if (w->reported || !fq_node_string_value(&w->code->syn, key, &k, &klen) || !is_sensitive(w->code, k, klen))
		return;
	fq_code_report(w->ctx, w->code, fq_rule_find("FQ022"), at,
		       "the payload gets the sensitive field '%.*s': include only what the receiver needs",
		       (int)(klen > 48 ? 48 : klen), k);
	w->reported = 1;
}

static int added_visit(void *payload, TSNode n)
{
	added_walk *w = payload;
	const fq_syntax *syn = &w->code->syn;
	TSNode fn, args, obj = { 0 }, prop = { 0 }, target, value, index;

	if (w->reported || ts_node_start_byte(n) >= w->before)
		return 1;
	if (fq_node_call(syn, n, &fn, &args)) {
		TSNode first = ts_node_is_null(args) ? args : ts_node_named_child(args, 0);
		size_t len;
		const char *name;

		if (!fq_node_member(syn, fn, &obj, &prop) && !fq_node_member(syn, n, &obj, &prop))
			prop = fn;
		name = fq_node_text(syn, prop, &len);
		/* payload.put("password", pw) */
		if (fq_in_list_n(fq_syntax_profile(syn)->put_methods, name, len) && is_payload_object(w, obj))
			added_key(w, n, fq_node_unwrap(first, 1));
		/* Transfer.builder().cardNumber(c).build(): the setters name the fields */
		else if (w->builder && fq_node_contains(w->value, n) && is_sensitive(w->code, name, len)) {
			fq_code_report(w->ctx, w->code, fq_rule_find("FQ022"), n,
				       "the payload is built with the sensitive field '%.*s': include only what the receiver needs",
				       (int)(len > 48 ? 48 : len), name);
			w->reported = 1;
		}
	} else if (fq_node_binding(syn, n, &target, &value) && fq_node_subscript(syn, target, &obj, &index) &&
		   is_payload_object(w, fq_node_unwrap(obj, 0))) {
		added_key(w, n, fq_node_unwrap(index, 1)); /* payload["cvv"] = x */
	}
	return 0;
}

/* Fields added to a payload variable before it is protected: put calls and
 * index assignments on it (or inside its value), and builder setters. */
static int check_added_keys(fq_rule_ctx *ctx, const fq_code *code, TSNode name, TSNode value, const fq_call *c)
{
	added_walk w;
	TSNode fn, prop;

	if (!fq_syntax_profile(&code->syn)->put_methods)
		return 0;
	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.code = code;
	w.name = fq_node_text(&code->syn, name, &w.nlen);
	w.value = value;
	w.before = ts_node_start_byte(c->node);
	value = fq_node_unwrap(value, 1);
	if (fq_node_call(&code->syn, value, &fn, NULL)) {
		if (!fq_node_member(&code->syn, fn, NULL, &prop) && !fq_node_member(&code->syn, value, NULL, &prop))
			prop = fn;
		w.builder = fq_node_text_eq(&code->syn, prop, "build");
	}
	fq_node_walk_kinds(&code->syn, c->scope, FQ_KIND_CALL | FQ_KIND_ASSIGN, added_visit, &w);
	return w.reported;
}

static void check_sensitive(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	TSNode p = through_serialisation(code, c->payload), lit = p;
	size_t len;
	const char *text;

	if (whole_object_value(code, p, c->node, &text, &len)) {
		fq_code_report(ctx, code, fq_rule_find("FQ022"), c->payload,
			       "the whole '%.*s' object is protected unfiltered: build the payload from the fields needed",
			       (int)(len > 48 ? 48 : len), text);
		return;
	}
	if (fq_node_is_plain_name(p)) {
		TSNode v = fq_code_bound_value(code, p, c->node, 1);

		if (!ts_node_is_null(v))
			lit = through_serialisation(code, v);
		if (check_added_keys(ctx, code, p, v, c))
			return;
	}
	check_literal(ctx, code, fq_node_unwrap(lit, 1), c->node, 0);
}

/* ---- FQ023 ------------------------------------------------------------- */

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
	find_value f;
	TSNode p;

	memset(&f, 0, sizeof(f));
	f.code = code;
	f.name = fq_node_text(&code->syn, ident, &f.nlen);
	for (p = fq_node_parent(&code->syn, at); !ts_node_is_null(p); p = fq_node_parent(&code->syn, p)) {
		const char *t = ts_node_type(p);
		TSNode left, right;
		uint32_t i;

		if (fq_node_shape(&code->syn, prof->loops, p, &left, &right)) {
			if (!ts_node_is_null(left) && pattern_binds(&f, left))
				return right;
		} else if (fq_in_types(prof->comprehensions, t)) {
			for (i = 0; i < ts_node_named_child_count(p); i++) {
				TSNode c = ts_node_named_child(p, i);

				if (fq_node_shape(&code->syn, prof->loops, c, &left, &right) && pattern_binds(&f, left))
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
			if (ts_node_is_null(first) || !pattern_binds(&f, first) || !fq_node_is_args(&code->syn, args))
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

static int is_validated_name(const fq_code *code, TSNode ident, TSNode at, int depth)
{
	TSNode v = value_of(code, ident, at);
	validated_walk w;

	if (depth > 4)
		return 0;
	/* checked.map((t) => protect(t)), for t in checked: protect(t) */
	if (ts_node_is_null(v)) {
		TSNode src = loop_source(code, ident, at);

		if (!ts_node_is_null(src) && expr_validated(code, src, src, depth + 1))
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
	if (annotated_with(code, ident, at, fq_syntax_profile(&code->syn)->validated_annotations))
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

static void check_validated(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
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
			check_sensitive(ctx, code, c);
			check_validated(ctx, code, c);
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
