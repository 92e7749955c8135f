/*
 * The key family: FQ001 hard-coded keys, FQ002 keys left in history, FQ004
 * keys in the wrong environment, FQ005 one key in several environments and
 * FQ050 committed dotenv files and Rails credentials keys.  Per file it
 * finds key literals; its finish step looks across files (and, in history
 * mode, across commits).
 */
#define _GNU_SOURCE
#include "family.h"
#include "code.h"
#include "keyencode.h"
#include "../checks/verify.h"
#include "../scanner/profile.h"
#include "../util/buf.h"
#include "../util/common.h"
#include "../util/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int fq_is_dotenv_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	static const char *const templates[] = { "example", "sample", "template", "dist", "tmpl" };
	size_t i;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (!(strcmp(base, ".env") == 0 || strncmp(base, ".env.", 5) == 0 ||
	      (n > 4 && strcmp(base + n - 4, ".env") == 0)))
		return 0;
	for (i = 0; i < FQ_ARRAY_LEN(templates); i++) {
		if (fq_memcasemem(base, n, templates[i], strlen(templates[i])))
			return 0;
	}
	return 1;
}

/* 1 when path[0..plen) is `tail` or ends in "/tail" (whole segments). */
static int path_ends_in(const char *path, size_t plen, const char *tail)
{
	size_t t = strlen(tail);

	return plen >= t && !memcmp(path + plen - t, tail, t) && (plen == t || path[plen - t - 1] == '/');
}

/* Rails' key to its encrypted credentials: config/master.key (for
 * config/credentials.yml.enc) or config/credentials/<env>.key (for
 * <env>.yml.enc), which Rails writes as 32 hex digits and git-ignores. */
static int is_rails_key(const fq_file *file)
{
	const char *p = file->path, *base = strrchr(p, '/');
	size_t n = file->len, blen, i;

	base = base ? base + 1 : p;
	blen = strlen(base);
	if (!path_ends_in(p, strlen(p), "config/master.key") &&
	    !(blen > 4 && !strcmp(base + blen - 4, ".key") && path_ends_in(p, (size_t)(base - p), "config/credentials/")))
		return 0;
	while (n > 0 && isspace((unsigned char)file->data[n - 1]))
		n--;
	if (n != 32)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)file->data[i]))
			return 0;
	}
	return 1;
}

static int env_conflicts(fq_key_kind kind, fq_env env)
{
	if (kind == FQ_KEY_LIVE)
		return env == FQ_ENV_DEVELOPMENT || env == FQ_ENV_STAGING;
	if (kind == FQ_KEY_TEST)
		return env == FQ_ENV_PRODUCTION;
	return 0;
}

/* "base64-encoded", "URL-encoded", "written with \\u escapes" */
static const char *encoded_how(fq_encoding enc)
{
	switch (enc) {
	case FQ_ENC_BASE64: return "base64-encoded";
	case FQ_ENC_URL: return "URL-encoded";
	case FQ_ENC_UNICODE_ESCAPE: return "written with \\u or \\x escapes";
	default: return "encoded";
	}
}

typedef struct encoded_walk {
	fq_rule_ctx *ctx;
	const fq_file *file;
	int found;
} encoded_walk;

/* A key written base64-encoded, percent-encoded or with \u escapes: the
 * finding sits on the encoded text, says the encoding, and its snippet
 * shows the encoded token masked (it decodes to the whole key). */
static void encoded_key(void *ud, const fq_decoded *d)
{
	encoded_walk *e = ud;
	const fq_rule *fq001 = fq_rule_find("FQ001");
	fq_key_match m;
	size_t pos = 0, ls, le, from;
	char hash[65], *red, label[64];
	const char *enc = fq_encoding_name(d->enc);
	fq_finding *f;

	if (!fq_keydetect_next(e->ctx->kd, d->text, d->len, &pos, &m) ||
	    (m.placeholder && !e->ctx->opts->include_placeholders))
		return;
	fq_sha256_hex(d->text + m.start, m.end - m.start, hash);
	red = fq_key_redact(d->text + m.start, m.end - m.start);
	if (m.placeholder) {
		f = fq_findings_add_sev(e->ctx->out, fq001, FQ_SEV_INFO, e->file, d->src_start, d->src_end,
					"placeholder 4Quays %s key %s (not a real key), %s",
					fq_key_kind_name(m.kind), red, encoded_how(d->enc));
		f->confidence = FQ_CONF_LOW;
	} else {
		e->found = 1;
		fq_keyset_add(e->ctx->opts->verify_keys, d->text + m.start, m.end - m.start, hash);
		f = fq_findings_add_sev(e->ctx->out, fq001, m.kind == FQ_KEY_TEST ? FQ_SEV_MEDIUM : FQ_SEV_CRITICAL,
					e->file, d->src_start, d->src_end,
					"4Quays %s key %s is hard-coded, %s%s%s; encoding hides a key from "
					"reviewers, not from anyone who decodes it: keep keys in the environment or a "
					"secrets manager", fq_key_kind_name(m.kind), red,
					encoded_how(d->inner ? d->inner : d->enc), d->inner ? " inside a token that is " : "",
					d->inner ? encoded_how(d->enc) : "");
	}
	f->encoding = enc;
	fq_fingerprint_key(f, hash);
	fq_file_line_bounds(e->file, d->src_start, &ls, &le);
	from = d->token_start > ls ? d->token_start : ls;
	snprintf(label, sizeof(label), "[%s key, redacted]", enc);
	fq_finding_mask(f, e->file, from, d->token_end > d->src_end ? d->token_end : d->src_end, label);
	free(red);
}

/* Images, fonts, audio and video, by their magic bytes: what they hold is
 * compressed, so no base64 or escaped text can sit in it; their raw bytes
 * are still searched for keys (a key in a GIF comment is found). */
static int is_compressed_media(const char *data, size_t len)
{
	static const struct {
		size_t at, len;
		const char *magic;
	} kinds[] = {
		{ 0, 6, "GIF87a" }, { 0, 6, "GIF89a" }, { 0, 8, "\x89PNG\r\n\x1a\n" }, { 0, 3, "\xff\xd8\xff" },
		{ 8, 4, "WEBP" },   { 0, 4, "wOFF" },   { 0, 4, "wOF2" },                 { 4, 4, "ftyp" },
		{ 0, 4, "OggS" },   { 0, 4, "fLaC" },   { 0, 3, "ID3" },
	};
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(kinds); i++) {
		if (len >= kinds[i].at + kinds[i].len && !memcmp(data + kinds[i].at, kinds[i].magic, kinds[i].len) &&
		    (kinds[i].at != 8 || !memcmp(data, "RIFF", 4)))
			return 1;
	}
	return 0;
}

static void keys_scan_text(fq_rule_ctx *ctx, const fq_file *file)
{
	const fq_rule *fq001 = fq_rule_find("FQ001"), *fq004 = fq_rule_find("FQ004");
	int dotenv = file->tracked && file->in_head && !file->archived && fq_is_dotenv_path(file->path);
	int holds_key = 0, rails_key;
	fq_key_match m;
	size_t pos = 0;

	while (fq_file_may_hold_key(file) &&
	       fq_keydetect_next(ctx->kd, file->data, file->len, &pos, &m)) {
		const char *key = file->data + m.start;
		size_t klen = m.end - m.start;
		char hash[65], *red;
		fq_finding *f;

		if (m.placeholder && !ctx->opts->include_placeholders)
			continue;
		fq_sha256_hex(key, klen, hash);
		red = fq_key_redact(key, klen);
		if (m.placeholder) {
			f = fq_findings_add_sev(ctx->out, fq001, FQ_SEV_INFO, file, m.start, m.end,
						"placeholder 4Quays %s key %s (not a real key)",
						fq_key_kind_name(m.kind), red);
			f->confidence = FQ_CONF_LOW;
			fq_fingerprint_key(f, hash);
			free(red);
			continue;
		}
		holds_key = 1;
		fq_keyset_add(ctx->opts->verify_keys, key, klen, hash);
		f = fq_findings_add_sev(ctx->out, fq001, m.kind == FQ_KEY_TEST ? FQ_SEV_MEDIUM : FQ_SEV_CRITICAL,
					file, m.start, m.end,
					"4Quays %s key %s is hard-coded; keep keys in the environment or a secrets manager",
					fq_key_kind_name(m.kind), red);
		fq_fingerprint_key(f, hash);
		if (env_conflicts(m.kind, fq_file_env(file))) {
			f = fq_findings_add(ctx->out, fq004, file, m.start, m.end,
					    "%s key %s in a %s context: %s",
					    m.kind == FQ_KEY_LIVE ? "live" : "test", red, fq_env_name(fq_file_env(file)),
					    m.kind == FQ_KEY_LIVE ? "live keys belong in production only" :
					    "production needs its own live key");
			fq_fingerprint_key(f, hash);
		}
		free(red);
	}
	if (!is_compressed_media(file->data, file->len)) {
		encoded_walk e = { ctx, file, 0 };

		fq_keyencode_scan(file->data, file->len, encoded_key, &e);
		holds_key |= e.found;
	}
	((fq_file *)file)->real_key = holds_key ? 2 : 1; /* for the engine's parse decision */
	rails_key = file->tracked && file->in_head && !file->archived && is_rails_key(file);
	if (dotenv || rails_key) {
		const fq_rule *fq050 = fq_rule_find("FQ050");
		fq_finding *f = rails_key ?
			fq_findings_add(ctx->out, fq050, file, 0, 0, "Rails credentials key is tracked by git: "
					"anyone who can read the repository can decrypt the credentials it opens; "
					"remove it, git-ignore it and rotate the credentials") :
			fq_findings_add_sev(ctx->out, fq050, holds_key ? FQ_SEV_HIGH : FQ_SEV_MEDIUM, file, 0, 0,
					    "dotenv file is tracked by git%s",
					    holds_key ? " and holds a 4Quays key" : "");

		/* The first line of a dotenv file is likely another secret; a
		 * key file's is the key. */
		free(f->snippet);
		f->snippet = NULL;
		fq_fingerprint_code(f, "", 0);
	}
}

/* ---- keys split over string literals ----------------------------------- */

#define SPLIT_PARTS 64

/* The string literals a concatenation joins, left to right; a part that is
 * not a literal with a value is a NULL gap. */
typedef struct split_parts {
	const fq_code *code;
	TSNode node[SPLIT_PARTS];
	const char *text[SPLIT_PARTS];
	size_t len[SPLIT_PARTS];
	size_t n;
} split_parts;

/* The operator of a binary node: its "operator" field, or (grammars
 * without fields, Kotlin) its first anonymous child. */
static int is_concat(const fq_code *code, TSNode n)
{
	const fq_profile *p = fq_syntax_profile(&code->syn);
	TSNode op;
	uint32_t i;

	if (fq_in_types(p->implicit_concats, ts_node_type(n)))
		return 1;
	if (!p->concat_operator || !fq_in_types(p->concat_nodes, ts_node_type(n)))
		return 0;
	op = ts_node_child_by_field_name(n, "operator", 8);
	for (i = 0; ts_node_is_null(op) && i < ts_node_child_count(n); i++) {
		if (!ts_node_is_named(ts_node_child(n, i)))
			op = ts_node_child(n, i);
	}
	return !ts_node_is_null(op) && fq_node_text_eq(&code->syn, op, p->concat_operator);
}

static void split_collect(split_parts *s, TSNode n, int depth)
{
	uint32_t i;

	if (s->n >= SPLIT_PARTS)
		return;
	n = fq_node_unwrap(n, 0);
	if (depth < 32 && is_concat(s->code, n)) {
		for (i = 0; i < ts_node_named_child_count(n); i++) {
			TSNode c = ts_node_named_child(n, i);

			if (!fq_node_in(&s->code->syn, fq_syntax_profile(&s->code->syn)->comments, c))
				split_collect(s, c, depth + 1);
		}
		return;
	}
	s->node[s->n] = n;
	if (!fq_node_string_value(&s->code->syn, n, &s->text[s->n], &s->len[s->n]))
		s->text[s->n] = NULL;
	s->n++;
}

typedef struct split_walk {
	fq_rule_ctx *ctx;
	const fq_code *code;
} split_walk;

/* Joins each run of adjacent literals and reports the keys that cross
 * from one literal into the next ("sk_live_" + "Ab3d..."). */
static void split_report(split_walk *w, const split_parts *s)
{
	const fq_rule *fq001 = fq_rule_find("FQ001");
	size_t i = 0;

	while (i < s->n) {
		size_t j = i, k, pos = 0, off[SPLIT_PARTS + 1];
		fq_buf joined = FQ_BUF_INIT;
		fq_key_match m;

		while (j < s->n && s->text[j])
			j++;
		if (j - i < 2) {
			i = j + 1;
			continue;
		}
		for (k = i; k < j; k++) {
			off[k - i] = joined.len;
			if (fq_buf_put(&joined, s->text[k], s->len[k]) < 0)
				break;
		}
		off[j - i] = joined.len;
		while (k == j && fq_keydetect_next(w->ctx->kd, joined.ptr, joined.len, &pos, &m)) {
			size_t a = 0, b;
			char hash[65], *red;
			uint32_t from, to;
			fq_finding *f;

			while (a + 1 < j - i && off[a + 1] <= m.start)
				a++;
			for (b = a; b + 1 < j - i && off[b + 1] < m.end; b++)
				;
			if (a == b || m.placeholder)
				continue; /* in one literal: the text rule has it */
			from = ts_node_start_byte(s->node[i + a]);
			to = ts_node_end_byte(s->node[i + b]);
			fq_sha256_hex(joined.ptr + m.start, m.end - m.start, hash);
			red = fq_key_redact(joined.ptr + m.start, m.end - m.start);
			fq_keyset_add(w->ctx->opts->verify_keys, joined.ptr + m.start, m.end - m.start, hash);
			f = fq_findings_add_sev(w->ctx->out, fq001, m.kind == FQ_KEY_TEST ? FQ_SEV_MEDIUM : FQ_SEV_CRITICAL,
						w->code->file, from, to,
						"4Quays %s key %s is hard-coded, split over %zu string literals; keep keys in "
						"the environment or a secrets manager", fq_key_kind_name(m.kind), red, b - a + 1);
			fq_fingerprint_key(f, hash);
			fq_finding_mask(f, w->code->file, from, to, "[key split over literals, redacted]");
			free(red);
		}
		fq_buf_free(&joined);
		i = j + 1;
	}
}

static int split_visit(void *payload, TSNode n)
{
	split_walk *w = payload;
	split_parts s;

	if (!is_concat(w->code, n))
		return 0;
	memset(&s, 0, sizeof(s));
	s.code = w->code;
	split_collect(&s, n, 0);
	split_report(w, &s);
	return 1; /* the whole concatenation is read: not its parts again */
}

/* A literal that starts with the key prefix: "sk_, 'sk_, `sk_ */
static int has_quoted_prefix(const fq_file *file)
{
	const char *p = file->data, *end = file->data + file->len;

	while (p < end && (p = memmem(p, (size_t)(end - p), "sk_", 3)) != NULL) {
		if (p > file->data && (p[-1] == '"' || p[-1] == '\'' || p[-1] == '`'))
			return 1;
		p += 3;
	}
	return 0;
}

int fq_keys_split_wanted(const fq_file *file)
{
	return fq_file_may_hold_key(file) && has_quoted_prefix(file);
}

static void keys_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	split_walk w = { ctx, code };

	if (!fq_keys_split_wanted(code->file))
		return;
	fq_node_walk(&code->syn, code->syn.root, split_visit, &w);
}

/* ---- across files ------------------------------------------------------ */

static int is_key_finding(const fq_finding *f)
{
	return f->rule && f->key_hash[0] && f->severity != FQ_SEV_INFO &&
	       (!strcmp(f->rule->id, "FQ001") || !strcmp(f->rule->id, "FQ002"));
}

static int cmp_by_hash(const void *a, const void *b)
{
	const fq_finding *x = *(fq_finding *const *)a, *y = *(fq_finding *const *)b;
	int c = strcmp(x->key_hash, y->key_hash);

	if (c)
		return c;
	return x < y ? -1 : x > y;
}

/* Older first: author time, then the order the findings were sorted in. */
static int older(const fq_finding *a, const fq_finding *b)
{
	if (a->author_time != b->author_time)
		return a->author_time < b->author_time;
	return a < b;
}

/* History mode: a finding in a blob no longer at HEAD is kept once per
 * fingerprint (the oldest); an FQ001 there becomes FQ002 when the key is
 * gone from HEAD, and is dropped (its date kept) when HEAD still has it. */
static void fold_history(fq_findings *all)
{
	const fq_rule *fq002 = fq_rule_find("FQ002");
	fq_finding **idx = fq_calloc(all->count, sizeof(*idx));
	size_t i, j, n = 0;

	for (i = 0; i < all->count; i++) {
		if (all->items[i].key_hash[0])
			idx[n++] = &all->items[i];
	}
	qsort(idx, n, sizeof(*idx), cmp_by_hash);
	for (i = 0; i < n; i = j) {
		fq_finding *oldest = NULL, *oldest_gone = NULL;
		int at_head = 0;

		for (j = i; j < n && !strcmp(idx[j]->key_hash, idx[i]->key_hash); j++) {
			if (!oldest || older(idx[j], oldest))
				oldest = idx[j];
			if (idx[j]->in_head)
				at_head = 1;
		}
		for (size_t k = i; k < j; k++) {
			fq_finding *f = idx[k];

			if (f->in_head) {
				/* still at HEAD: date it from the oldest sighting */
				if (oldest && oldest->introduced_in && oldest != f) {
					free(f->introduced_in);
					f->introduced_in = fq_strdup(oldest->introduced_in);
				}
				continue;
			}
			if (at_head) {
				f->rule = NULL; /* reported at HEAD already */
				continue;
			}
			if (strcmp(f->rule->id, "FQ001") == 0 && f->severity != FQ_SEV_INFO) {
				if (!oldest_gone || older(f, oldest_gone)) {
					if (oldest_gone)
						oldest_gone->rule = NULL;
					oldest_gone = f;
				} else {
					f->rule = NULL;
				}
			}
		}
		if (oldest_gone) {
			char hash[65];

			memcpy(hash, oldest_gone->key_hash, sizeof(hash));
			oldest_gone->rule = fq002;
			fq_fingerprint_key(oldest_gone, hash);
			free(oldest_gone->message);
			oldest_gone->message = fq_sprintf(
				"4Quays key is no longer at HEAD but stays in the history (introduced in %.12s); "
				"revoke and rotate it",
				oldest_gone->introduced_in ? oldest_gone->introduced_in : "?");
		}
		/* other key rules (FQ004...) outside HEAD: one per fingerprint */
		for (size_t k = i; k < j; k++) {
			fq_finding *f = idx[k];

			if (!f->rule || f->in_head || !strcmp(f->rule->id, "FQ002"))
				continue;
			for (size_t l = i; l < j; l++) {
				fq_finding *g = idx[l];

				if (g != f && g->rule && !strcmp(g->fingerprint, f->fingerprint) &&
				    (g->in_head || older(g, f))) {
					f->rule = NULL;
					break;
				}
			}
		}
	}
	free(idx);
	/* compact */
	for (i = 0, j = 0; i < all->count; i++) {
		if (all->items[i].rule)
			all->items[j++] = all->items[i];
		else
			fq_finding_clear(&all->items[i]);
	}
	all->count = j;
}

static void find_shared_keys(fq_findings *all)
{
	const fq_rule *fq005 = fq_rule_find("FQ005");
	fq_finding **idx = fq_calloc(all->count, sizeof(*idx));
	fq_findings extra = { 0 };
	size_t i, j, n = 0;

	for (i = 0; i < all->count; i++) {
		if (is_key_finding(&all->items[i]) && all->items[i].env != FQ_ENV_NONE)
			idx[n++] = &all->items[i];
	}
	qsort(idx, n, sizeof(*idx), cmp_by_hash);
	for (i = 0; i < n; i = j) {
		unsigned envs = 0, count = 0;
		fq_buf where = FQ_BUF_INIT;
		fq_finding *first = idx[i], *f;
		int ok = 1;

		for (j = i; j < n && !strcmp(idx[j]->key_hash, idx[i]->key_hash); j++) {
			if (!(envs & (1u << idx[j]->env))) {
				envs |= 1u << idx[j]->env;
				count++;
				ok &= fq_buf_printf(&where, "%s%s (%s)", where.len ? ", " : "",
						    fq_env_name(idx[j]->env), idx[j]->path) == 0;
			}
		}
		if (count >= 2) {
			f = fq_findings_add_repo(&extra, fq005, first->path,
						 "the same 4Quays key is used in %u environments: %s", count,
						 ok ? where.ptr : "(list too long)");
			f->line = first->line;
			f->column = first->column;
			f->end_line = first->end_line;
			f->end_column = first->end_column;
			f->confidence = FQ_CONF_HIGH;
			f->snippet = first->snippet ? fq_strdup(first->snippet) : NULL;
			f->commit = first->commit ? fq_strdup(first->commit) : NULL;
			f->introduced_in = first->introduced_in ? fq_strdup(first->introduced_in) : NULL;
			f->author_time = first->author_time;
			f->in_head = first->in_head;
			fq_fingerprint_key(f, first->key_hash);
			if (first->suppressed)
				f->suppressed = fq_strdup(first->suppressed);
		}
		fq_buf_free(&where);
	}
	free(idx);
	fq_findings_move(all, &extra);
	fq_findings_free(&extra);
}

static void keys_finish(fq_findings *all, const fq_evidence_list *evidence, const fq_scan_options *opts)
{
	(void)evidence;
	if (opts->mode == FQ_MODE_HISTORY)
		fold_history(all);
	find_shared_keys(all);
}

const fq_family fq_family_keys = {
	"keys",
	keys_scan_text,
	keys_scan_code,
	keys_finish,
};
