/*
 * How code uses keys: FQ003 keys passed to logging calls and FQ006 admin
 * keys given to the client that makes protect/unprotect calls.
 */
#include "code.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <string.h>

/* apiKey, api_key, FOURQ_API_KEY, secretKey, fourqApiKey... (a name that
 * ends in one; apiKeyId does not). */
static fq_regex key_name = FQ_REGEX_INIT("(api_?key|secret_?key|access_?key)$", FQ_RE_CASELESS);
/* FOURQ_ADMIN_KEY, ADMIN_API_KEY, FOURQ_ADMIN_TOKEN... */
static fq_regex admin_env = FQ_REGEX_INIT("^[A-Z0-9_]*ADMIN[A-Z0-9_]*(KEY|TOKEN|SECRET)[A-Z0-9_]*$", 0);

typedef struct log_walk {
	const fq_code *code;
	TSNode found;
	const char *why;
} log_walk;

static int text_matches(const fq_code *code, TSNode n, fq_regex *re)
{
	size_t len;
	const char *t = fq_node_text(&code->syn, n, &len);

	return fq_regex_test(re, t, len);
}

/* A member access read as a value (config.apiKey), not as an object
 * (config.apiKey.length) or a callee (apiKey.slice()). */
static int member_read_whole(TSNode member)
{
	TSNode p = ts_node_parent(member);
	const char *t;

	if (ts_node_is_null(p))
		return 1;
	t = ts_node_type(p);
	if (!strcmp(t, "member_expression") || !strcmp(t, "attribute") || !strcmp(t, "call_expression") ||
	    !strcmp(t, "call") || !strcmp(t, "subscript_expression") || !strcmp(t, "subscript")) {
		TSNode obj = ts_node_child_by_field_name(p, "object", 6);

		if (ts_node_is_null(obj))
			obj = ts_node_child_by_field_name(p, "function", 8);
		if (ts_node_is_null(obj))
			obj = ts_node_child_by_field_name(p, "value", 5);
		return !ts_node_eq(obj, member);
	}
	return 1;
}

static int env_lookup_string(const fq_code *code, TSNode str)
{
	TSNode p = ts_node_parent(str), gp;

	if (ts_node_is_null(p))
		return 0;
	if (fq_node_is(p, "subscript") || fq_node_is(p, "subscript_expression"))
		return 1;
	gp = ts_node_parent(p);
	if ((fq_node_is(p, "argument_list") || fq_node_is(p, "arguments")) && !ts_node_is_null(gp)) {
		TSNode fn = ts_node_child_by_field_name(gp, "function", 8);
		size_t len;
		const char *t = fq_node_text(&code->syn, fn, &len);

		return (len >= 6 && !memcmp(t + len - 6, "getenv", 6)) ||
		       (len >= 4 && !memcmp(t + len - 4, ".get", 4));
	}
	return 0;
}

static int log_arg_visit(void *payload, TSNode n)
{
	log_walk *w = payload;
	const char *t = ts_node_type(n);
	const char *s;
	size_t len;

	if (!ts_node_is_null(w->found))
		return 1;
	if (fq_node_is_function(n))
		return 1; /* a callback is not what gets logged */
	if ((!strcmp(t, "identifier") || !strcmp(t, "shorthand_property_identifier")) &&
	    fq_code_is_whole_use(n) && text_matches(w->code, n, &key_name)) {
		w->found = n;
		w->why = "an API key variable";
	} else if ((!strcmp(t, "property_identifier") || !strcmp(t, "identifier")) &&
		   text_matches(w->code, n, &key_name)) {
		TSNode p = ts_node_parent(n);

		if ((fq_node_is(p, "member_expression") || fq_node_is(p, "attribute")) && member_read_whole(p)) {
			TSNode prop = ts_node_child_by_field_name(p, fq_node_is(p, "attribute") ? "attribute" : "property",
								  fq_node_is(p, "attribute") ? 9 : 8);

			if (ts_node_eq(prop, n)) {
				w->found = p;
				w->why = "an API key property";
			}
		}
	} else if (!strcmp(t, "string") && fq_node_string_value(&w->code->syn, n, &s, &len)) {
		fq_keydetect *kd = NULL;

		if (fq_keydetect_maybe(s, len) && (kd = fq_keydetect_new()) != NULL) {
			fq_key_match m;
			size_t pos = 0;

			if (fq_keydetect_next(kd, s, len, &pos, &m)) {
				w->found = n;
				w->why = "a key literal";
			}
			fq_keydetect_free(kd);
		} else if (fq_regex_test(&key_name, s, len) && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == len &&
			   env_lookup_string(w->code, n)) {
			w->found = ts_node_parent(n);
			w->why = "the API key environment variable";
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

	for (i = 0; i < c->nargs && ts_node_is_null(w.found); i++)
		fq_node_walk(c->arg[i], log_arg_visit, &w);
	if (ts_node_is_null(w.found))
		return;
	fq_code_report(ctx, code, fq003, c->node, "logging call receives %s: never log API keys", w.why);
}

typedef struct admin_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
} admin_walk;

static int admin_visit(void *payload, TSNode n)
{
	admin_walk *w = payload;
	const char *t = ts_node_type(n), *s;
	size_t len;

	if (!strcmp(t, "property_identifier") || !strcmp(t, "identifier")) {
		TSNode p = ts_node_parent(n);

		/* process.env.FOURQ_ADMIN_KEY */
		if (fq_node_is(p, "member_expression") && text_matches(w->code, n, &admin_env)) {
			TSNode obj = ts_node_child_by_field_name(p, "object", 6);

			if (fq_node_text_eq(&w->code->syn, obj, "process.env"))
				fq_code_report(w->ctx, w->code, fq_rule_find("FQ006"), p,
					       "an admin key variable configures a client that makes protect/unprotect "
					       "calls: use an operational key");
		}
	} else if (!strcmp(t, "string") && fq_node_string_value(&w->code->syn, n, &s, &len)) {
		if (fq_regex_test(&admin_env, s, len) && env_lookup_string(w->code, n))
			fq_code_report(w->ctx, w->code, fq_rule_find("FQ006"), ts_node_parent(n),
				       "an admin key variable configures a client that makes protect/unprotect "
				       "calls: use an operational key");
		else if (len > 9 && !memcmp(s, "sk_admin_", 9) && (w->code->key_kinds & (1 << FQ_KEY_ADMIN)))
			fq_code_report(w->ctx, w->code, fq_rule_find("FQ006"), n,
				       "an admin key is used in code that makes protect/unprotect calls: "
				       "admin keys are for administrative operations only");
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
	if (code->has_protect) {
		admin_walk w = { ctx, code };

		fq_node_walk(code->syn.root, admin_visit, &w);
	}
}

const fq_family fq_family_keyuse = {
	"key-use",
	NULL,
	keyuse_scan_code,
	NULL,
};
