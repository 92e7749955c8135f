/*
 * Policy names: FQ010 a policy name without an environment segment, FQ011 a
 * policy whose environment differs from its file's (SPEC §4).  Policy names
 * are the literal policy argument of protect/unprotect calls and values of
 * configuration keys that name a policy, in code and in config files.
 */
#define _GNU_SOURCE
#include "code.h"
#include "../scanner/profile.h"
#include "../util/common.h"
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

/* Words that make a setting a policy of another kind: retryPolicy,
 * RESTART_POLICY, referrerPolicy, cache_policy, PASSWORD_POLICY... (whole
 * words: CORPORATE_TRANSFER_POLICY is not a rate policy). */
static const char *const other_policy_words[] = {
	"retry", "retries", "cache", "caching", "referrer", "restart", "pull", "deletion", "delete", "update",
	"password", "security", "cors", "cookie", "samesite", "backoff", "evict", "eviction", "retention",
	"lifecycle", "scaling", "autoscaling", "network", "bucket", "iam", "permission", "permissions",
	"content", "origin", "upgrade", "rollout", "termination", "dns", "routing", "reclaim", "propagation",
	"schedule", "scheduling", "scheduler", "placement", "traffic", "rate", "throttle", "throttling",
	"timeout", "log", "logs", "logging", "privacy", "csp", "feature", "storage", "isolation", "versioning",
	"consistency", "conflict", "merge", "fallback", "error", "ssl", "tls", "auth", "session", "lock",
	"expiry", "expiration", "backup", "replica", "replication", "image", "access",
};

/* Does a setting with this name hold a 4Quays policy name? */
static int is_policy_setting(const char *name, size_t len)
{
	size_t i = 0, k;

	if (!fq_memcasemem(name, len, "polic", 5))
		return 0;
	while (i < len) {
		size_t w;

		if (!isalnum((unsigned char)name[i])) {
			i++;
			continue;
		}
		/* a word: lower case run, capitalised word, or upper case run */
		w = i++;
		if (isupper((unsigned char)name[w]) && i < len && isupper((unsigned char)name[i])) {
			while (i < len && isupper((unsigned char)name[i]) &&
			       !(i + 1 < len && islower((unsigned char)name[i + 1])))
				i++;
		} else {
			while (i < len && (islower((unsigned char)name[i]) || isdigit((unsigned char)name[i])))
				i++;
		}
		for (k = 0; k < FQ_ARRAY_LEN(other_policy_words); k++) {
			if (strlen(other_policy_words[k]) == i - w && !strncasecmp(name + w, other_policy_words[k], i - w))
				return 0;
		}
	}
	return 1;
}

/* The name a policy candidate is the value of (see queries/<language>/
 * policies.scm): a pair's key, a declarator's or assignment's target, a
 * keyword, a default's parameter, a class field. */
static TSNode setting_name(const fq_code *code, TSNode value)
{
	const fq_profile *prof = fq_syntax_profile(&code->syn);
	TSNode p, name;

	if (ts_node_is_null(value))
		return value;
	p = fq_node_parent(&code->syn, value);
	if (ts_node_is_null(p))
		return p;
	if (fq_node_entry(&code->syn, p, &name, NULL) ||
	    fq_node_shape(&code->syn, prof->keyword_arguments, p, &name, NULL) ||
	    fq_node_shape(&code->syn, prof->class_fields, p, &name, NULL) ||
	    fq_node_binding(&code->syn, p, &name, NULL))
		return name;
	/* function f({ policy = 'X' }): a default's target comes first */
	if (fq_in_types(prof->pattern_defaults, ts_node_type(p)))
		return ts_node_named_child(p, 0);
	return (TSNode){ 0 };
}

typedef struct field_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
} field_walk;

static void judge_string(fq_rule_ctx *ctx, const fq_code *code, TSNode str, int require_shape);

static int field_visit(void *payload, TSNode n)
{
	field_walk *w = payload;
	TSNode name, value;
	size_t len;
	const char *t;

	if (!fq_node_shape(&w->code->syn, fq_syntax_profile(&w->code->syn)->class_fields, n, &name, &value))
		return 0;
	t = fq_node_text(&w->code->syn, name, &len);
	if (fq_node_in(&w->code->syn, fq_syntax_profile(&w->code->syn)->strings, value) && is_policy_setting(t, len))
		judge_string(w->ctx, w->code, value, 1);
	return 1;
}

/* The argument lists of the protect and unprotect calls, by start, each
 * with the nearest one around it: "is this node inside a protect call?"
 * is then a binary search and a few steps out, not a pass over every call
 * (a generated file has thousands of calls and of policy settings). */
typedef struct arg_span {
	uint32_t start, end;
	long outer;
} arg_span;

static int cmp_span(const void *a, const void *b)
{
	const arg_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end; /* the outer one first */
}

static arg_span *protect_arg_spans(const fq_code *code, size_t *count)
{
	arg_span *spans = fq_calloc(code->ncalls ? code->ncalls : 1, sizeof(*spans));
	size_t i, n = 0;
	long top = -1;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];

		if ((c->kind == FQ_CALL_PROTECT || c->kind == FQ_CALL_UNPROTECT) && !ts_node_is_null(c->args))
			spans[n++] = (arg_span){ ts_node_start_byte(c->args), ts_node_end_byte(c->args), -1 };
	}
	if (n > 1)
		qsort(spans, n, sizeof(*spans), cmp_span);
	for (i = 0; i < n; i++) {
		while (top >= 0 && !(spans[top].start <= spans[i].start && spans[i].end <= spans[top].end))
			top = spans[top].outer;
		spans[i].outer = top;
		top = (long)i;
	}
	*count = n;
	return spans;
}

static int in_spans(const arg_span *spans, size_t n, TSNode node)
{
	uint32_t a = ts_node_start_byte(node), b = ts_node_end_byte(node);
	size_t lo = 0, hi = n;
	long i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (spans[mid].start <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* a span around the node holds the last one starting before it */
	for (i = (long)lo - 1; i >= 0; i = spans[i].outer) {
		if (spans[i].start <= a && b <= spans[i].end)
			return 1;
	}
	return 0;
}

static void policies_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	size_t i, k, nspans = 0;
	arg_span *spans = NULL;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];
		TSNode policy;

		if (c->kind != FQ_CALL_PROTECT && c->kind != FQ_CALL_UNPROTECT)
			continue;
		policy = c->policy;
		if (!ts_node_is_null(policy))
			judge_string(ctx, code, fq_node_unwrap(policy, 0), 0);
	}
	for (k = 0; k < code->nhits; k++) {
		const fq_pattern_hit *h = &code->hits[k];
		TSNode key;
		size_t klen;
		const char *kt;

		if (strcmp(h->rule->id, "FQ010") != 0)
			continue;
		key = ts_node_is_null(h->key) ? setting_name(code, h->node) : h->key;
		kt = fq_node_text(&code->syn, key, &klen);
		if (ts_node_is_null(key) || !is_policy_setting(kt, klen))
			continue;
		if (!spans)
			spans = protect_arg_spans(code, &nspans);
		if (!in_spans(spans, nspans, h->node))
			judge_string(ctx, code, h->node, 1);
	}
	free(spans);
	/* class fields (policy = 'X'): the node types differ between the
	 * JavaScript and TypeScript grammars, so no shared query has them */
	if (fq_syntax_profile(&code->syn)->class_field_policies && memmem(code->file->data, code->file->len, "class", 5) &&
	    fq_memcasemem(code->file->data, code->file->len, "polic", 5)) {
		field_walk w = { ctx, code };

		fq_node_walk(&code->syn, code->syn.root, field_visit, &w);
	}
}

/* Config files: a setting whose key names a policy (FOURQ_POLICY=X,
 * "policy": "X", transfer_policy = "X"), or that sits under one
 * (policies: { transfer: X }, policies: [X, Y]).  The nearest key that
 * mentions a policy decides: retry_policy: { mode: X } is not one. */
typedef struct config_walk {
	fq_rule_ctx *ctx;
	const fq_file *file;
	int key_kinds;
} config_walk;

static void config_setting(void *payload, const fq_setting *s)
{
	config_walk *w = payload;
	int i;

	if (!looks_like_policy(s->value, s->vlen))
		return;
	if (!fq_memcasemem(s->key, s->klen, "polic", 5)) {
		for (i = s->nparents - 1; i >= 0; i--) {
			if (fq_memcasemem(s->parent[i], s->plen[i], "polic", 5))
				break;
		}
		if (i < 0 || !is_policy_setting(s->parent[i], s->plen[i]))
			return;
	} else if (!is_policy_setting(s->key, s->klen)) {
		return;
	}
	judge(w->ctx, w->file, w->key_kinds, s->value_off, s->value_off + s->vlen, w->file->data + s->line_off,
	      s->line_end - s->line_off);
}

static void policies_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	config_walk w = { ctx, file, 0 };
	fq_key_match m;
	size_t kp = 0;

	/* source files get policies_scan_code from the engine ("polic" is a
	 * parse trigger); the path decides before any byte is read */
	if (!fq_is_config_path(file->path) || fq_file_lang(file) != FQ_LANG_NONE ||
	    !fq_memcasemem(file->data, file->len, "polic", 5))
		return;
	while (fq_keydetect_next(ctx->kd, file->data, file->len, &kp, &m)) {
		if (!m.placeholder)
			w.key_kinds |= 1 << m.kind;
	}
	fq_config_walk(file, config_setting, &w);
}

const fq_family fq_family_policies = {
	"policies",
	policies_scan_text,
	policies_scan_code,
	NULL,
};
