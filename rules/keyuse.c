/*
 * How code uses keys: FQ003 keys passed to logging calls (not a size, mask
 * or truth value of one) and FQ006 admin keys given to the client that
 * makes protect/unprotect calls, followed through variables, options
 * objects, fields and factory functions to the client's name.
 */
#include "code.h"
#include "../scanner/profile.h"
#include "../scanner/config.h"
#include "../util/common.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* apiKey, api_key, FOURQ_API_KEY, secretKey, fourqApiKey... (a name that
 * ends in one; apiKeyId does not). */
static fq_regex key_name = FQ_REGEX_INIT("(?:api_?key|secret_?key|access_?key)$", FQ_RE_CASELESS);
/* FOURQ_ADMIN_KEY, ADMIN_API_KEY, FOURQ_ADMIN_TOKEN... */
static fq_regex admin_env = FQ_REGEX_INIT("^[A-Z0-9_]*ADMIN[A-Z0-9_]*(?:KEY|TOKEN|SECRET)[A-Z0-9_]*$", 0);

typedef struct log_walk {
	const fq_code *code;
	TSNode arg;              /* the logging call's argument being walked */
	TSNode found;
	const char *why;
} log_walk;

static int text_matches(const fq_code *code, TSNode n, fq_regex *re)
{
	size_t len;
	const char *t = fq_node_text(&code->syn, n, &len);

	return fq_regex_test(re, t, len);
}

/* A name that holds an API key: apiKey, api_key, FOURQ_API_KEY..., or one
 * of the config's key_env_vars (FQ_TOKEN). */
static int is_key_name(const fq_code *code, const char *s, size_t len)
{
	return fq_regex_test(&key_name, s, len) ||
	       (code->config && fq_strlist_has(&code->config->key_env_vars, s, len));
}

/* The name of an environment variable (FOURQ_API_KEY) or of a
 * configuration path (FourQ:ApiKey, fourq.api-key): no spaces, no
 * sentence. */
static int is_setting_name(const char *s, size_t len)
{
	size_t i;
	int upper = 1, path = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':' || c == '.')
			path = 1;
		else if (!isalnum(c) && c != '_' && c != '-')
			return 0;
		if (islower(c))
			upper = 0;
	}
	return len > 0 && (upper || path);
}

static int node_is_key_name(const fq_code *code, TSNode n)
{
	size_t len;
	const char *t = fq_node_text(&code->syn, n, &len);

	return is_key_name(code, t, len);
}

/* A member access read as a value (config.apiKey), not as an object
 * (config.apiKey.length) or a callee (apiKey.slice()). */
static int member_read_whole(const fq_code *code, TSNode member)
{
	TSNode p = fq_node_parent(&code->syn, member);
	const char *t;

	if (ts_node_is_null(p))
		return 1;
	{
		TSNode obj;

		if (fq_node_member(&code->syn, p, &obj, NULL) || fq_node_call(&code->syn, p, &obj, NULL) ||
		    fq_node_subscript(&code->syn, p, &obj, NULL))
			return !ts_node_eq(obj, member);
	}
	(void)t;
	return 1;
}

/* The expression that reads an environment variable (or setting) named by
 * the string: process.env['X'], os.environ["X"], os.getenv("X"),
 * os.environ.get("X"), config.get('X'); null when the string is not such a
 * name. */
static TSNode env_lookup(const fq_code *code, TSNode str)
{
	TSNode p = fq_node_parent(&code->syn, str), q;
	int k;

	if (ts_node_is_null(p))
		return p;
	/* config["FourQ:ApiKey"]: C# wraps a subscript's argument twice */
	while (fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->wrappers_last, p) ||
	       fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->passthrough, p))
		p = fq_node_parent(&code->syn, p);
	if (fq_node_subscript(&code->syn, p, NULL, NULL))
		return p;
	/* os.getenv, os.Getenv, System.getenv, os.LookupEnv, settings.get: the
	 * call whose arguments hold the string (Kotlin wraps each argument) */
	for (q = p, k = 0; k < 4 && !ts_node_is_null(q); k++, q = fq_node_parent(&code->syn, q)) {
		TSNode fn, args;
		size_t len;
		const char *t;

		if (!fq_node_call(&code->syn, q, &fn, &args))
			continue;
		if (!fq_node_contains(args, str) || ts_node_eq(args, str))
			return (TSNode){ 0 };
		/* the callee as written, up to its arguments: os.getenv,
		 * ENV.fetch, System.getenv */
		if (fq_node_member(&code->syn, q, NULL, NULL)) {
			/* a call that is its own member access (Java, Ruby):
			 * from its start to its arguments */
			t = fq_node_text(&code->syn, q, &len);
			if (ts_node_start_byte(args) > ts_node_start_byte(q))
				len = ts_node_start_byte(args) - ts_node_start_byte(q);
			while (len && (t[len - 1] == '(' || t[len - 1] == ' '))
				len--;
		} else {
			t = fq_node_text(&code->syn, fq_node_unwrap(fn, 1), &len);
		}
		if ((len >= 6 && !strncasecmp(t + len - 6, "getenv", 6)) ||
		    (len >= 9 && !strncasecmp(t + len - 9, "lookupenv", 9)) ||
		    (len >= 4 && !memcmp(t + len - 4, ".get", 4)) || (len >= 9 && !memcmp(t + len - 9, "ENV.fetch", 9)) ||
		    (len >= 3 && !memcmp(t + len - 3, "env", 3)) || (len == 6 && !memcmp(t, "config", 6)) ||
		    (len >= 22 && !memcmp(t + len - 22, "GetEnvironmentVariable", 22)))
			return q;
		return (TSNode){ 0 };
	}
	return (TSNode){ 0 };
}

/* Records a key reaching the logging call, unless only a reduction of it
 * does (apiKey.length, mask(apiKey), !!apiKey). */
static void found_key(log_walk *w, TSNode value, const char *why)
{
	if (fq_code_is_reduced(w->code, value, w->arg))
		return;
	w->found = value;
	w->why = why;
}

typedef struct env_walk {
	const fq_code *code;
	int found;
} env_walk;

/* A string naming the key variable in an environment lookup. */
static int env_visit(void *payload, TSNode n)
{
	env_walk *e = payload;
	const char *s;
	size_t len;

	if (e->found)
		return 1;
	if (fq_node_string_value(&e->code->syn, n, &s, &len) && is_key_name(e->code, s, len) &&
	    is_setting_name(s, len) && !ts_node_is_null(env_lookup(e->code, n)))
		e->found = 1;
	return e->found;
}

/* Was the name given the key environment variable (k := os.Getenv(...))? */
static int holds_env_key(const fq_code *code, TSNode ident)
{
	TSNode v = fq_code_bound_value(code, ident, ident, 1);
	env_walk e = { code, 0 };

	if (!ts_node_is_null(v))
		fq_node_walk(&code->syn, v, env_visit, &e);
	return e.found;
}

static int log_arg_visit(void *payload, TSNode n)
{
	log_walk *w = payload;
	const char *s;
	size_t len;

	if (!ts_node_is_null(w->found))
		return 1;
	if (fq_node_is_function(n))
		return 1; /* a callback is not what gets logged */
	if (fq_node_is_identifier(n) && fq_code_is_whole_use(w->code, n) && node_is_key_name(w->code, n)) {
		found_key(w, n, "an API key variable");
	} else if (fq_node_is_plain_name(n) && fq_code_is_whole_use(w->code, n) && holds_env_key(w->code, n)) {
		found_key(w, n, "a variable holding the API key environment variable");
	} else if (fq_node_is_name_token(&w->code->syn, n) && node_is_key_name(w->code, n)) {
		TSNode p = fq_node_parent(&w->code->syn, n), prop;

		if (fq_node_member(&w->code->syn, p, NULL, &prop) && member_read_whole(w->code, p) && ts_node_eq(prop, n))
			found_key(w, p, "an API key property");
	} else if (fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->symbols, n)) {
		/* credentials.dig(:fourq, :api_key), ENV.fetch(:api_key) */
		TSNode p = fq_node_parent(&w->code->syn, n), call = fq_node_parent(&w->code->syn, p);

		s = fq_node_text(&w->code->syn, n, &len);
		if (len > 1 && s[0] == ':' && is_key_name(w->code, s + 1, len - 1) &&
		    ((fq_node_is_args(&w->code->syn, p) && fq_node_call(&w->code->syn, call, NULL, NULL)) ||
		     fq_node_subscript(&w->code->syn, p, NULL, NULL)))
			found_key(w, fq_node_is_args(&w->code->syn, p) ? call : p, "the API key setting");
	} else if (fq_node_string_value(&w->code->syn, n, &s, &len)) {
		fq_keydetect *kd = NULL;

		if (fq_keydetect_maybe(s, len) && (kd = fq_keydetect_new()) != NULL) {
			fq_key_match m;
			size_t pos = 0;

			/* sk_test_xxxxxxxxxxxxxxxx in a usage message is no key */
			while (fq_keydetect_next(kd, s, len, &pos, &m) && ts_node_is_null(w->found)) {
				if (!m.placeholder)
					found_key(w, n, "a key literal");
			}
			fq_keydetect_free(kd);
		} else if (is_key_name(w->code, s, len) && is_setting_name(s, len)) {
			TSNode lookup = env_lookup(w->code, n);

			if (!ts_node_is_null(lookup))
				found_key(w, lookup, "the API key environment variable");
		}
	}
	return 0;
}

static void check_logged_keys(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c)
{
	const fq_rule *fq003 = fq_rule_find("FQ003");
	log_walk w;

	memset(&w, 0, sizeof(w));
	w.code = code;
	uint32_t i;

	for (i = 0; i < c->nargs && ts_node_is_null(w.found); i++) {
		w.arg = c->arg[i];
		fq_node_walk(&code->syn, c->arg[i], log_arg_visit, &w);
	}
	if (ts_node_is_null(w.found))
		return;
	fq_code_report(ctx, code, fq003, c->node, "logging call receives %s: never log API keys", w.why);
}

/* ---- FQ006: does an admin key reach the client that protects? --------- */

/* fourq_admin_key, adminApiKey, FOURQ_ADMIN_TOKEN: names that hold one */
static fq_regex admin_name = FQ_REGEX_INIT("^[a-z0-9_$]*admin[a-z0-9_]*(?:key|token|secret)$", FQ_RE_CASELESS);

#define FLOW_DEPTH 4

/* The last name segment of a name, member, or call: client in
 * this.client, get_client in get_client(), fourq in fourq. */
static int last_segment(const fq_code *code, TSNode n, const char **s, size_t *len)
{
	TSNode fn, prop;

	n = fq_node_unwrap(n, 1);
	while (fq_node_call(&code->syn, n, &fn, NULL))
		n = fq_node_unwrap(fn, 1);
	if (fq_node_member(&code->syn, n, NULL, &prop))
		n = prop;
	if (!fq_node_is_name_token(&code->syn, n))
		return 0;
	*s = fq_node_text(&code->syn, n, len);
	return *len > 0;
}

static int same_segment(const fq_code *code, TSNode n, const char *name, size_t nlen)
{
	const char *s;
	size_t len;

	return last_segment(code, n, &s, &len) && len == nlen && !memcmp(s, name, len);
}

typedef struct flow {
	fq_rule_ctx *ctx;
	const fq_code *code;
	const char *name;        /* holder being followed */
	size_t nlen;
	TSNode skip;             /* the holder's own binding */
	int depth;
	int hit;
} flow;

static int flows_to_client(const fq_code *code, TSNode src, int client_seen, int depth);
static int is_operational_client(const fq_code *code, const char *name, size_t nlen, TSNode binding, int depth);

/* Values bound from the holder (`const fourq = useFourQ()`, `c = client`)
 * are the same client under another name. */
static int alias_visit(void *payload, TSNode n)
{
	flow *f = payload;
	TSNode name = { 0 }, value = { 0 };

	if (f->hit)
		return 1;
	const fq_shape *entry = fq_shape_of(fq_syntax_profile(&f->code->syn)->entries, ts_node_type(n));

	if (entry) {
		/* &Service{fourq: c}: the field holds the client */
		fq_node_entry(&f->code->syn, n, &name, &value);
		name = fq_node_unwrap(name, 0);
		value = fq_node_unwrap(value, 0);
	} else if (fq_node_binding(&f->code->syn, n, &name, &value)) {
		TSNode targets[8];

		if (fq_node_targets(&f->code->syn, n, targets, 8))
			name = targets[0];
		if (fq_node_is_list(&f->code->syn, value))
			value = ts_node_named_child(value, 0);
	}
	if (!ts_node_is_null(value) && !ts_node_eq(n, f->skip) && same_segment(f->code, value, f->name, f->nlen)) {
		const char *s;
		size_t len;

		if (last_segment(f->code, name, &s, &len) && !(len == f->nlen && !memcmp(s, f->name, len))) {
			flow g = *f;

			g.name = s;
			g.nlen = len;
			g.skip = n;
			g.depth++;
			if (g.depth < FLOW_DEPTH) {
				size_t i;

				for (i = 0; i < f->code->ncalls && !g.hit; i++) {
					const fq_call *c = &f->code->calls[i];

					if ((c->kind == FQ_CALL_PROTECT || c->kind == FQ_CALL_UNPROTECT) &&
					    same_segment(f->code, c->receiver, s, len))
						g.hit = 1;
				}
				if (!g.hit)
					fq_node_walk(&f->code->syn, f->code->syn.root, alias_visit, &g);
			}
			f->hit = g.hit;
		}
	}
	return 0;
}

/* Does the holder name the client of a protect/unprotect call, directly
 * (fourq.protect, this.client.protect, get_client().protect) or through
 * an alias? */
static int is_operational_client(const fq_code *code, const char *name, size_t nlen, TSNode binding, int depth)
{
	flow f;
	size_t i;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];

		if ((c->kind == FQ_CALL_PROTECT || c->kind == FQ_CALL_UNPROTECT) &&
		    same_segment(code, c->receiver, name, nlen))
			return 1;
	}
	memset(&f, 0, sizeof(f));
	f.code = code;
	f.name = name;
	f.nlen = nlen;
	f.skip = binding;
	f.depth = depth;
	fq_node_walk(&code->syn, code->syn.root, alias_visit, &f);
	return f.hit;
}

/* Reads of a holder that keeps the key itself or an options object holding
 * it (`const key = process.env.FOURQ_ADMIN_KEY; new FourQ({ apiKey: key })`). */
static int read_visit(void *payload, TSNode n)
{
	flow *f = payload;
	TSNode p;

	if (f->hit || ts_node_end_byte(n) <= ts_node_start_byte(f->skip))
		return 1; /* found, or before the binding */
	if (fq_node_contains(f->skip, n) || (!fq_node_is_identifier(n) && !fq_code_is_name(f->code, n)))
		return 0;
	p = fq_node_parent(&f->code->syn, n);
	/* a name read as a value (key, key.trim(), this.key), not a field
	 * (obj.key), a keyword (FourQ(key=...)) or an object key */
	{
		TSNode obj, key;

		if ((fq_node_member(&f->code->syn, p, &obj, NULL) && !ts_node_eq(obj, n)) ||
		    (fq_node_shape(&f->code->syn, fq_syntax_profile(&f->code->syn)->keyword_arguments, p, &key, NULL) &&
		     ts_node_eq(key, n)) ||
		    (fq_node_entry(&f->code->syn, p, &key, NULL) && ts_node_eq(key, n)))
			return 1;
	}
	if (same_segment(f->code, n, f->name, f->nlen))
		f->hit = flows_to_client(f->code, n, 0, f->depth + 1);
	return 1;
}

/* setApiKey, set_api_key: a setter of the client's key */
static fq_regex key_setter = FQ_REGEX_INIT("^set_?(?:api_?key|secret_?key|key)$", FQ_RE_CASELESS);

/* Does the file make protect/unprotect calls on the module or class named
 * like `mod` (FourQuays.protect, FourQuays::protect)? */
static int module_protects(const fq_code *code, TSNode mod)
{
	const char *s;
	size_t len, i;

	if (!last_segment(code, mod, &s, &len) || !isupper((unsigned char)s[0]))
		return 0;
	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];

		if ((c->kind == FQ_CALL_PROTECT || c->kind == FQ_CALL_UNPROTECT) && same_segment(code, c->receiver, s, len))
			return 1;
	}
	return 0;
}

/* The key given to a module-level client: FourQuays.api_key = k,
 * FourQuays::setApiKey(k), or config.api_key = k inside a
 * FourQuays.configure block; 1 when that module protects. */
static int configures_module(const fq_code *code, TSNode target_or_call, int setter)
{
	TSNode obj, prop, fn, p;

	if (setter) {
		if (!fq_node_call(&code->syn, target_or_call, &fn, NULL))
			return 0;
		if (!fq_node_member(&code->syn, target_or_call, &obj, &prop) &&
		    !fq_node_member(&code->syn, fn, &obj, &prop))
			return 0;
		return text_matches(code, prop, &key_setter) && module_protects(code, obj);
	}
	if (!fq_node_member(&code->syn, target_or_call, &obj, &prop) || !text_matches(code, prop, &key_name))
		return 0;
	if (module_protects(code, obj))
		return 1;
	/* the block's parameter: the receiver of the configure call around it */
	for (p = fq_node_parent(&code->syn, target_or_call); !ts_node_is_null(p); p = fq_node_parent(&code->syn, p)) {
		const char *s;
		size_t len;
		TSNode recv;

		if (fq_node_call(&code->syn, p, &fn, NULL) && fq_node_member(&code->syn, p, &recv, &prop) &&
		    last_segment(code, prop, &s, &len) && len == 9 && !strncasecmp(s, "configure", 9))
			return module_protects(code, recv);
	}
	return 0;
}

/* The binding is its function's last statement, which a language with
 * implicit returns gives back (Ruby's `def client; @c ||= C.new(k); end`). */
static int ends_function(const fq_code *code, TSNode binding)
{
	TSNode n = binding, p;

	if (!fq_syntax_profile(&code->syn)->implicit_returns)
		return 0;
	for (p = fq_node_parent(&code->syn, n); !ts_node_is_null(p); n = p, p = fq_node_parent(&code->syn, p)) {
		TSNode next = ts_node_next_named_sibling(n);

		while (!ts_node_is_null(next) && fq_node_in(&code->syn, fq_syntax_profile(&code->syn)->comments, next))
			next = ts_node_next_named_sibling(next);
		if (!ts_node_is_null(next))
			return 0;
		if (fq_node_is_function(p))
			return 1;
	}
	return 0;
}

/* Follows the value of `src` upwards: through options objects, defaults
 * (|| ?? or) and casts into a constructor or factory call (the client),
 * then to the name that holds it; 1 when that name makes protect or
 * unprotect calls.  A key tested in a condition reaches no client. */
static int flows_to_client(const fq_code *code, TSNode src, int client_seen, int depth)
{
	TSNode n = src, p;

	if (depth >= FLOW_DEPTH)
		return 0;
	for (p = fq_node_parent(&code->syn, n); !ts_node_is_null(p); n = p, p = fq_node_parent(&code->syn, p)) {
		const char *t = ts_node_type(p);
		const fq_profile *prof = fq_syntax_profile(&code->syn);
		TSNode holder = { 0 }, binding = p, target, value;

		/* the profile's wrappers, lists, literals and their entries
		 * (Go's Config{APIKey: k}, &x, a, b := ...) */
		if (fq_node_is_list(&code->syn, p) || fq_in_types(prof->wrappers, t) || fq_in_types(prof->awaits, t) ||
		    fq_in_types(prof->wrappers_last, t) || fq_in_types(prof->passthrough, t) ||
		    fq_in_types(prof->object_literals, t) || fq_shape_of(prof->literal_holders, t) ||
		    fq_in_types(prof->spreads, t))
			continue;
		if (fq_shape_of(prof->entries, t)) {
			/* Service{fourq: NewClient(k)}: the field is the client */
			const fq_shape *e = fq_shape_of(prof->entries, t);
			const char *s;
			size_t len;
			TSNode key = fq_node_unwrap(fq_node_field(p, e->a), 0);

			if (client_seen && fq_node_is_name_token(&code->syn, key) && last_segment(code, key, &s, &len) &&
			    is_operational_client(code, s, len, p, depth))
				return 1;
			continue;
		}
		/* conditionals, keyword arguments, arrays and defaults
		 * (Python's `or`) pass the value on */
		if (fq_shape_of(prof->conditionals, t) || fq_shape_of(prof->keyword_arguments, t) ||
		    fq_in_types(prof->arrays, t) || fq_in_types(prof->defaults, t))
			continue;
		if (fq_in_types(prof->binary_ops, t)) {
			TSNode op = ts_node_child_by_field_name(p, "operator", 8);

			if (fq_node_text_eq(&code->syn, op, "||") || fq_node_text_eq(&code->syn, op, "??"))
				continue;
			return 0; /* compared, not given */
		}
		if (fq_node_is_args(&code->syn, p) ||
		    (fq_node_in(&code->syn, prof->constructions, fq_node_parent(&code->syn, p)) &&
		     ts_node_eq(fq_node_field(fq_node_parent(&code->syn, p), "arguments"), p))) {
			if (!client_seen && configures_module(code, fq_node_parent(&code->syn, p), 1))
				return 1; /* FourQuays::setApiKey(k) */
			client_seen = 1; /* new FourQ({ apiKey }), FourQ(api_key=...), createClient(key) */
			continue;
		}
		if (fq_in_types(prof->constructions, t) ||
		    (fq_node_call(&code->syn, p, NULL, NULL) && !fq_node_member(&code->syn, p, NULL, NULL))) {
			/* n is the callee: new FourQ({...}).protect(...) */
			if (client_seen && fq_node_member(&code->syn, n, NULL, NULL)) {
				const fq_call *c = NULL;
				size_t i;

				for (i = 0; i < code->ncalls && !c; i++) {
					if (ts_node_eq(code->calls[i].node, p))
						c = &code->calls[i];
				}
				return c && (c->kind == FQ_CALL_PROTECT || c->kind == FQ_CALL_UNPROTECT);
			}
			continue;
		}
		{
			TSNode obj;

			TSNode call_args;

			/* a call that is its own member access (Ruby's
			 * FourQuays::Client.new(...)): its arguments */
			if (fq_node_call(&code->syn, p, NULL, &call_args) && ts_node_eq(call_args, n))
				continue;
			if (fq_node_member(&code->syn, p, &obj, NULL)) {
				if (!ts_node_eq(obj, n))
					return 0;
				/* Java: new FourQClient(k).protect(...) is a call and
				 * its own member access */
				if (client_seen && fq_node_call(&code->syn, p, NULL, NULL)) {
					size_t i;

					for (i = 0; i < code->ncalls; i++) {
						if (ts_node_eq(code->calls[i].node, p))
							return code->calls[i].kind == FQ_CALL_PROTECT ||
							       code->calls[i].kind == FQ_CALL_UNPROTECT;
					}
					return 0;
				}
				continue; /* the client's method: checked at the call */
			}
		}
		if (fq_node_binding(&code->syn, p, &target, &value) ||
		    (fq_in_types(prof->augmented, t) && !ts_node_is_null(value = fq_node_field(p, "right")) &&
		     !ts_node_is_null(target = fq_node_field(p, "left")))) {
			TSNode targets[8];

			if (!ts_node_eq(value, n))
				return 0;
			if (!client_seen && configures_module(code, target, 0))
				return 1; /* FourQuays.api_key = k */
			/* a, err := NewClient(k): the client is the first */
			holder = fq_node_in(&code->syn, prof->augmented, p) ? target
				 : fq_node_targets(&code->syn, p, targets, 8) ? targets[0] : target;
			/* @client ||= Client.new(k) ending a method: the
			 * method's calls are clients too */
			if (client_seen && ends_function(code, p)) {
				const char *s;
				size_t len;
				TSNode fn = fq_node_scope(&code->syn, p);
				TSNode name = ts_node_child_by_field_name(fn, "name", 4);

				if (last_segment(code, holder, &s, &len) && is_operational_client(code, s, len, p, depth))
					return 1;
				if (!ts_node_is_null(name)) {
					holder = name;
					binding = fn;
				}
			}
		} else if (fq_node_shape(&code->syn, prof->class_fields, p, &holder, NULL)) {
			/* class Service { client = new FourQ(...) } */
		} else if (fq_in_types(prof->returns, t) || fq_node_is_function(p)) {
			/* a factory: the client is what calls of the function return */
			TSNode fn = fq_node_is_function(p) ? p : fq_node_scope(&code->syn, p);

			if (fq_node_is_function(p) && !ts_node_eq(ts_node_child_by_field_name(p, "body", 4), n))
				return 0;
			if (ts_node_eq(fn, code->syn.root))
				return 0;
			holder = ts_node_child_by_field_name(fn, "name", 4);
			if (ts_node_is_null(holder)) {
				n = fn;
				p = fn; /* the loop moves on to the function's parent */
				continue;
			}
			binding = fn;
		} else {
			return 0;
		}
		{
			const char *s;
			size_t len;
			flow f;

			if (!last_segment(code, holder, &s, &len))
				return 0;
			if (client_seen)
				return is_operational_client(code, s, len, binding, depth);
			memset(&f, 0, sizeof(f));
			f.code = code;
			f.name = s;
			f.nlen = len;
			f.skip = binding;
			f.depth = depth;
			fq_node_walk(&code->syn, code->syn.root, read_visit, &f);
			return f.hit;
		}
	}
	return 0;
}

/* FOURQ_ADMIN_KEY, or a configuration path whose last part names an admin
 * key: FourQ:AdminKey, services.fourq.admin_key */
static int is_admin_setting(const char *s, size_t len)
{
	size_t i = len;

	if (fq_regex_test(&admin_env, s, len))
		return 1;
	if (!is_setting_name(s, len))
		return 0;
	while (i > 0 && s[i - 1] != ':' && s[i - 1] != '.')
		i--;
	return i > 0 && fq_regex_test(&admin_name, s + i, len - i);
}

typedef struct admin_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
} admin_walk;

static void admin_found(admin_walk *w, TSNode src, const char *what)
{
	if (flows_to_client(w->code, src, 0, 0))
		fq_code_report(w->ctx, w->code, fq_rule_find("FQ006"), src,
			       "%s configures the client that makes protect/unprotect calls: admin keys are for "
			       "administrative operations only, use an operational key", what);
}

static int admin_visit(void *payload, TSNode n)
{
	admin_walk *w = payload;
	const char *s;
	size_t len;

	TSNode prop;

	if (fq_node_member(&w->code->syn, n, NULL, &prop)) {
		/* process.env.FOURQ_ADMIN_KEY, import.meta.env.VITE_FOURQ_ADMIN_KEY,
		 * settings.fourq_admin_key */
		if (text_matches(w->code, prop, &admin_name)) {
			admin_found(w, n, "an admin key setting");
			return 1;
		}
	} else if (fq_node_is_identifier(n)) {
		/* const { FOURQ_ADMIN_KEY } = process.env; ... FOURQ_ADMIN_KEY */
		if (text_matches(w->code, n, &admin_name) && fq_code_is_whole_use(w->code, n))
			admin_found(w, n, "an admin key variable");
	} else if (fq_node_string_value(&w->code->syn, n, &s, &len)) {
		TSNode lookup;

		if (is_admin_setting(s, len) && !ts_node_is_null(lookup = env_lookup(w->code, n))) {
			admin_found(w, lookup, "an admin key environment variable");
		} else if (len > 9 && !memcmp(s, "sk_admin_", 9) && (w->code->key_kinds & (1 << FQ_KEY_ADMIN))) {
			fq_keydetect *kd = fq_keydetect_new();
			fq_key_match m;
			size_t pos = 0;

			if (kd && fq_keydetect_next(kd, s, len, &pos, &m) && !m.placeholder)
				admin_found(w, n, "an admin key");
			fq_keydetect_free(kd);
		}
	}
	return 0;
}

static void keyuse_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	size_t i;

	for (i = 0; i < code->ncalls; i++) {
		if (code->calls[i].kind == FQ_CALL_LOG)
			check_logged_keys(ctx, code, &code->calls[i]);
	}
	/* every admin name, variable and key has "admin" in it */
	if (code->has_protect && fq_memcasemem(code->file->data, code->file->len, "admin", 5)) {
		admin_walk w = { ctx, code };

		fq_node_walk(&code->syn, code->syn.root, admin_visit, &w);
	}
}

const fq_family fq_family_keyuse = {
	"key-use",
	NULL,
	keyuse_scan_code,
	NULL,
};
