#define _GNU_SOURCE
/*
 * FQ022 sensitive fields in payloads: a protect call's payload that holds a
 * field the guide names (ssn, password, card number...), is built with one,
 * or is a whole user/customer object protected unfiltered.
 */
#include "code.h"
#include "code_impl.h"
#include "payloads.h"
#include "../scanner/config.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>

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
		/* payment.to_h, body.ToString(): the receiver as text */
		{
			TSNode obj;

			if (fq_node_member(&code->syn, n, &obj, &prop) &&
			    (ts_node_is_null(args) || ts_node_named_child_count(args) == 0) &&
			    fq_code_text_in_list(code, prop, fq_syntax_profile(&code->syn)->stringify_methods)) {
				n = obj;
				continue;
			}
		}
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
static fq_regex profile_whole[FQ_LANG_COUNT], profile_whole_payload[FQ_LANG_COUNT];
static pthread_once_t profile_whole_once = PTHREAD_ONCE_INIT;

static void init_profile_whole(void)
{
	size_t i;

	for (i = 0; i < fq_profiles_count; i++) {
		fq_regex *r = &profile_whole[fq_profiles[i]->lang];

		r->pattern = fq_profiles[i]->whole_objects;
		pthread_mutex_init(&r->lock, NULL);
		r = &profile_whole_payload[fq_profiles[i]->lang];
		r->pattern = fq_profiles[i]->whole_payloads;
		pthread_mutex_init(&r->lock, NULL);
	}
}

static int is_whole_object(const fq_code *code, const char *t, size_t len, int payload)
{
	fq_regex *r;

	if (fq_regex_test(&whole_object, t, len))
		return 1;
	pthread_once(&profile_whole_once, init_profile_whole);
	r = &profile_whole[code->syn.lang];
	if (r->pattern && fq_regex_test(r, t, len))
		return 1;
	r = &profile_whole_payload[code->syn.lang];
	return payload && r->pattern && fq_regex_test(r, t, len);
}

/* reader.ReadToEndAsync() where `reader = new StreamReader(Request.Body)`:
 * a method of a reader made over a whole object reads all of it */
static int reads_whole_object(const fq_code *code, TSNode v, TSNode at, const char **text, size_t *len)
{
	TSNode fn, obj, made, args, first;

	v = fq_node_unwrap(v, 1);
	if (!fq_node_call(&code->syn, v, &fn, NULL) ||
	    (!fq_node_member(&code->syn, fn, &obj, NULL) && !fq_node_member(&code->syn, v, &obj, NULL)) ||
	    !fq_node_is_plain_name(obj))
		return 0;
	made = fq_node_unwrap(fq_code_bound_value(code, obj, at, 1), 1);
	if (ts_node_is_null(made) || !fq_node_call(&code->syn, made, NULL, &args) || ts_node_is_null(args) ||
	    ts_node_named_child_count(args) != 1)
		return 0;
	first = fq_node_unwrap(ts_node_named_child(args, 0), 1);
	*text = fq_node_text(&code->syn, first, len);
	return is_whole_object(code, *text, *len, 0);
}

/* Is the expression a whole request body or user object: req.body,
 * request.json, a `user` (unless bound to a filtered view of one)? */
static int whole_object_value(const fq_code *code, TSNode e, TSNode at, const char **text, size_t *len, int payload)
{
	TSNode v = { 0 };

	e = fq_node_unwrap(e, 1);
	*text = fq_node_text(&code->syn, e, len);
	if (fq_node_is_identifier(e) &&
	    fq_code_annotated_with(code, e, at, fq_syntax_profile(&code->syn)->whole_object_annotations))
		return 1; /* @RequestBody TransferRequest req */
	if (fq_node_is_identifier(e)) {
		v = fq_code_bound_value(code, e, at, 1);
		if (!ts_node_is_null(v)) {
			size_t vlen;
			const char *vt;

			v = through_serialisation(code, v);
			vt = fq_node_text(&code->syn, v, &vlen);
			if (is_whole_object(code, vt, vlen, payload) || reads_whole_object(code, v, at, text, len)) {
				if (is_whole_object(code, vt, vlen, payload)) {
					*text = vt;
					*len = vlen;
				}
				return 1;
			}
			/* the name says what a parameter holds; a bound value says it
			 * better: `const user = pick(...)` is filtered,
			 * `User.findById(id)` is not */
			if (!loads_user(code, v))
				return 0;
		}
	}
	return is_whole_object(code, *text, *len, payload);
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

	/* compact('user', 'password'): the strings name the fields */
	if (fq_node_call(&code->syn, lit, &fn, &args) && !ts_node_is_null(args) &&
	    fq_code_text_in_list(code, fq_node_unwrap(fn, 0), p->field_collectors)) {
		for (i = 0; i < ts_node_named_child_count(args); i++) {
			TSNode a = fq_node_unwrap(ts_node_named_child(args, i), 1);
			const char *k;
			size_t klen;

			if (fq_node_string_value(&code->syn, a, &k, &klen) && is_sensitive(code, k, klen)) {
				fq_code_report(ctx, code, fq022, a,
					       "the payload holds the sensitive field '%.*s': include only what the receiver needs",
					       (int)(klen > 48 ? 48 : klen), k);
				return 1;
			}
		}
		return 0;
	}
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

		if (fq_in_types(p->flat_literals, ts_node_type(lit))) {
			/* new { Ssn = s, co.TaxId }: a name and "=", or a projection */
			TSNode next = ts_node_next_sibling(m);

			if (!ts_node_is_null(next) && !ts_node_is_named(next) && fq_node_text_eq(&code->syn, next, "=") &&
			    i + 1 < ts_node_named_child_count(lit)) {
				key = m;
				val = fq_node_unwrap(ts_node_named_child(lit, ++i), 1);
			} else {
				key = val = fq_node_unwrap(m, 1);
			}
		} else if (pairs) {
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
			if (whole_object_value(code, ts_node_named_child(m, 0), at, &k, &klen, 0)) {
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
		if (whole_object_value(code, val, at, &k, &klen, 0)) {
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
		const fq_profile *p = fq_syntax_profile(syn);

		/* C#'s data["cvv"]: the index inside its argument list */
		while ((fq_node_in(syn, p->passthrough, index) || fq_node_in(syn, p->wrappers_last, index)) &&
		       ts_node_named_child_count(index) > 0)
			index = ts_node_named_child(index, 0);
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

void fq_payload_check_sensitive(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	TSNode p = through_serialisation(code, c->payload), lit = p;
	size_t len;
	const char *text;

	if (whole_object_value(code, p, c->node, &text, &len, 1)) {
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
