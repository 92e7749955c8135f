/*
 * Policy names: FQ010 a policy name without an environment segment, FQ011 a
 * policy whose environment differs from its file's (SPEC §4).  Policy names
 * are the literal policy argument of protect/unprotect calls and values of
 * configuration keys that name a policy, in code and in config files.
 */
#define _GNU_SOURCE
#include "code.h"
#include "../util/common.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <ctype.h>
#include <strings.h>
#include <string.h>

/* What a policy name looks like: upper-case words joined by - or _. */
static int looks_like_policy(const char *s, size_t len)
{
	size_t i, seps = 0, letters = 0;

	if (len < 3 || len > 128)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '-' || c == '_' || c == '.')
			seps++;
		else if (isupper(c))
			letters++;
		else if (!isdigit(c))
			return 0;
	}
	return seps > 0 && letters > 0;
}

/* The environment a policy should match: the file's, else the one its keys
 * imply (a live key is production, a test key development). */
static fq_env context_env(const fq_file *file, int key_kinds)
{
	fq_env e = fq_file_env(file);

	if (e != FQ_ENV_NONE)
		return e;
	if (key_kinds & (1 << FQ_KEY_LIVE))
		return FQ_ENV_PRODUCTION;
	if (key_kinds & (1 << FQ_KEY_TEST))
		return FQ_ENV_DEVELOPMENT;
	return FQ_ENV_NONE;
}

/* Judges one policy name at [start, end) of the file. */
static void judge(fq_rule_ctx *ctx, const fq_file *file, int key_kinds, size_t start, size_t end,
		  const char *code_text, size_t code_len)
{
	const char *name = file->data + start;
	size_t len = end - start;
	fq_env policy = fq_policy_env(name, len), context;
	fq_finding *f;

	if (policy == FQ_ENV_NONE) {
		/* tests use made-up policies on purpose (INVALID-POLICY) */
		if (fq_env_is_test_path(file->path))
			return;
		f = fq_findings_add(ctx->out, fq_rule_find("FQ010"), file, start, end,
				    "policy name '%.*s' has no environment segment (DEV, STAGE, PROD...)",
				    (int)(len > 64 ? 64 : len), name);
		fq_fingerprint_code(f, code_text, code_len);
		return;
	}
	context = context_env(file, key_kinds);
	if (context == FQ_ENV_NONE || context == policy)
		return;
	f = fq_findings_add(ctx->out, fq_rule_find("FQ011"), file, start, end,
			    "policy '%.*s' is a %s policy in a %s context", (int)(len > 64 ? 64 : len), name,
			    fq_env_name(policy), fq_env_name(context));
	fq_fingerprint_code(f, code_text, code_len);
}

static void judge_string(fq_rule_ctx *ctx, const fq_code *code, TSNode str, int require_shape)
{
	const char *s, *whole;
	size_t len, wlen;

	if (!fq_node_string_value(&code->syn, str, &s, &len))
		return;
	/* config values must look like a policy name; a protect call's policy
	 * argument is one whatever it looks like */
	if (len == 0 || (require_shape && !looks_like_policy(s, len)))
		return;
	whole = fq_node_text(&code->syn, str, &wlen);
	judge(ctx, code->file, code->key_kinds, (size_t)(s - code->file->data),
	      (size_t)(s - code->file->data) + len, whole, wlen);
}

static void policies_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	size_t i, k;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];
		TSNode policy;
		uint32_t a;

		if (c->kind != FQ_CALL_PROTECT && c->kind != FQ_CALL_UNPROTECT)
			continue;
		policy = c->arg[1];
		/* Python: protect(payload, policy="X") */
		for (a = 1; a < c->nargs; a++) {
			if (fq_node_is(c->arg[a], "keyword_argument")) {
				TSNode name = ts_node_child_by_field_name(c->arg[a], "name", 4);

				if (fq_node_text_eq(&code->syn, name, "policy"))
					policy = ts_node_child_by_field_name(c->arg[a], "value", 5);
				else if (a == 1)
					policy = (TSNode){ 0 };
			}
		}
		if (!ts_node_is_null(policy))
			judge_string(ctx, code, fq_node_unwrap(policy, 0), 0);
	}
	for (k = 0; k < code->nhits; k++) {
		const fq_pattern_hit *h = &code->hits[k];
		int in_call = 0;

		if (strcmp(h->rule->id, "FQ010") != 0)
			continue;
		for (i = 0; i < code->ncalls && !in_call; i++) {
			if (code->calls[i].kind == FQ_CALL_PROTECT || code->calls[i].kind == FQ_CALL_UNPROTECT)
				in_call = fq_node_contains(code->calls[i].args, h->node);
		}
		if (!in_call)
			judge_string(ctx, code, h->node, 1);
	}
}

/* Config files: KEY=VALUE, key: value, "key": "value", key = "value" where
 * the key names a policy. */
static fq_regex config_policy = FQ_REGEX_INIT(
	"^[ \\t-]*[\"']?[A-Za-z0-9_.-]*policy[A-Za-z0-9_.-]*[\"']?[ \\t]*[:=][ \\t]*[\"']?"
	"([A-Z0-9][A-Z0-9_.-]*)[\"']?[ \\t]*,?[ \\t]*(?:#.*)?\\r?$",
	FQ_RE_CASELESS | FQ_RE_MULTILINE);

static int is_config_file(const char *path)
{
	static const char *const exts[] = { ".env", ".yaml", ".yml", ".json", ".toml", ".properties",
					    ".ini", ".cfg", ".conf", ".tfvars", ".hcl" };
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base ? base + 1 : path;
	if (!strncmp(base, ".env", 4))
		return 1;
	n = strlen(base);
	for (i = 0; i < FQ_ARRAY_LEN(exts); i++) {
		size_t e = strlen(exts[i]);

		if (n >= e && !strcasecmp(base + n - e, exts[i]))
			return 1;
	}
	return 0;
}

static void policies_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	size_t ov[4], pos = 0;
	int key_kinds = 0;

	if (!fq_memcasemem(file->data, file->len, "policy", 6) || !is_config_file(file->path))
		return;
	{
		fq_key_match m;
		size_t kp = 0;

		while (fq_keydetect_next(ctx->kd, file->data, file->len, &kp, &m)) {
			if (!m.placeholder)
				key_kinds |= 1 << m.kind;
		}
	}
	while (pos < file->len && fq_regex_find(&config_policy, file->data, file->len, pos, ov, 2)) {
		size_t s = ov[2], e = ov[3];

		pos = ov[1] > pos ? ov[1] : pos + 1;
		/* case-insensitive match of the key; the value must be a name */
		if (s == SIZE_MAX || !looks_like_policy(file->data + s, e - s))
			continue;
		judge(ctx, file, key_kinds, s, e, file->data + ov[0], ov[1] - ov[0]);
	}
}

const fq_family fq_family_policies = {
	"policies",
	policies_scan_text,
	policies_scan_code,
	NULL,
};
