/*
 * Per-item results as compact JSON (see results.h):
 *   {"f": [[rule, severity, confidence, path, line, column, end_line,
 *           end_column, message, snippet, snippet_cut, fingerprint,
 *           suppressed, key_hash, env, in_head, encoding], ...],
 *    "n": [[path, message], ...], "u": [...], "g": [...],
 *    "e": [[item, path, line, what], ...],
 *    "s": [files, bytes, 0, parsed_files, binary_files, generated_files,
 *          archives, archive_members, skipped_large, skipped_unreadable],
 *    (the third counter, blobs read, is counted by whoever reads the item)
 *    "i": incomplete}
 */
#include "results.h"
#include "../rules/keyencode.h"
#include "../rules/rule.h"
#include "../util/common.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NSTATS 10

static uint64_t *stat_slot(fq_scan_stats *s, int i)
{
	uint64_t *slots[NSTATS] = {
		&s->files, &s->bytes, &s->blobs, &s->parsed_files, &s->binary_files, &s->generated_files,
		&s->archives, &s->archive_members, &s->skipped_large, &s->skipped_unreadable,
	};

	return slots[i];
}

void fq_item_mark_take(fq_item_mark *m, const fq_item_lists *l)
{
	m->findings = l->findings->count;
	m->notes = l->notes->count;
	m->unanalysed = l->unanalysed->count;
	m->generated = l->generated->count;
	m->evidence = l->evidence->count;
	m->stats = *l->stats;
	m->incomplete = *l->incomplete;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *notes_json(const fq_notes *n, size_t from)
{
	json_t *a = json_array();
	size_t i;

	for (i = from; i < n->count; i++)
		json_array_append_new(a, json_pack("[ss]", n->items[i].path ? n->items[i].path : "",
						   n->items[i].message ? n->items[i].message : ""));
	return a;
}

/* Most items add nothing but counters: "E" and the ten counters, read
 * back without a JSON parser (the common case of a cached scan). */
static char *encode_empty(const fq_item_lists *l, const fq_item_mark *m, size_t *len)
{
	char buf[NSTATS * 21 + 2];
	size_t o = 0;
	int i;

	buf[o++] = 'E';
	for (i = 0; i < NSTATS; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%llu", i ? "," : "",
				      i == 2 ? 0ULL : (unsigned long long)(*stat_slot(l->stats, i) -
									    *stat_slot((fq_scan_stats *)&m->stats, i)));
	*len = o;
	return fq_strdup(buf);
}

static int decode_empty(const fq_item_lists *l, const char *data, size_t len)
{
	unsigned long long v[NSTATS];
	const char *p = data + 1, *end = data + len;
	int i;

	for (i = 0; i < NSTATS; i++) {
		char *next;

		if (p >= end || *p < '0' || *p > '9')
			return -1;
		v[i] = strtoull(p, &next, 10);
		p = next;
		if (i + 1 < NSTATS) {
			if (p >= end || *p != ',')
				return -1;
			p++;
		}
	}
	if (p != end)
		return -1;
	for (i = 0; i < NSTATS; i++)
		*stat_slot(l->stats, i) += i == 2 ? 0 : v[i];
	return 0;
}

char *fq_results_encode(const fq_item_lists *l, const fq_item_mark *m, size_t *len)
{
	json_t *root, *f, *e, *s;
	size_t i;
	char *out;

	if (l->findings->count == m->findings && l->notes->count == m->notes && l->unanalysed->count == m->unanalysed &&
	    l->generated->count == m->generated && l->evidence->count == m->evidence && *l->incomplete == m->incomplete)
		return encode_empty(l, m, len);
	root = json_object();
	f = json_array();
	e = json_array();
	s = json_array();

	for (i = m->findings; i < l->findings->count; i++) {
		const fq_finding *x = &l->findings->items[i];
		json_t *row = json_array();

		json_array_append_new(row, json_string(x->rule->id));
		json_array_append_new(row, json_integer(x->severity));
		json_array_append_new(row, json_integer(x->confidence));
		json_array_append_new(row, str_or_null(x->path));
		json_array_append_new(row, json_integer(x->line));
		json_array_append_new(row, json_integer(x->column));
		json_array_append_new(row, json_integer(x->end_line));
		json_array_append_new(row, json_integer(x->end_column));
		json_array_append_new(row, str_or_null(x->message));
		json_array_append_new(row, str_or_null(x->snippet));
		json_array_append_new(row, json_integer(x->snippet_cut));
		json_array_append_new(row, json_string(x->fingerprint));
		json_array_append_new(row, str_or_null(x->suppressed));
		json_array_append_new(row, json_string(x->key_hash));
		json_array_append_new(row, json_integer(x->env));
		json_array_append_new(row, json_integer(x->in_head));
		json_array_append_new(row, str_or_null(x->encoding));
		json_array_append_new(f, row);
	}
	for (i = m->evidence; i < l->evidence->count; i++) {
		const fq_evidence *x = &l->evidence->items[i];

		json_array_append_new(e, json_pack("[ssis]", x->item, x->path, x->line, x->what));
	}
	/* blobs read is how the item was read (the working tree or git), not
	 * what it holds: the reader counts it */
	for (i = 0; i < NSTATS; i++)
		json_array_append_new(s, json_integer(i == 2 ? 0 : (json_int_t)(*stat_slot(l->stats, (int)i) -
									    *stat_slot((fq_scan_stats *)&m->stats, (int)i))));
	json_object_set_new(root, "f", f);
	json_object_set_new(root, "n", notes_json(l->notes, m->notes));
	json_object_set_new(root, "u", notes_json(l->unanalysed, m->unanalysed));
	json_object_set_new(root, "g", notes_json(l->generated, m->generated));
	json_object_set_new(root, "e", e);
	json_object_set_new(root, "s", s);
	json_object_set_new(root, "i", json_integer(*l->incomplete != m->incomplete));
	out = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	*len = out ? strlen(out) : 0;
	return out;
}

/* A string from a JSON array at i (NULL for null); 0 when the type is wrong. */
static int get_str(json_t *row, size_t i, const char **out, int nullable)
{
	json_t *v = json_array_get(row, i);

	if (nullable && json_is_null(v)) {
		*out = NULL;
		return 1;
	}
	if (!json_is_string(v))
		return 0;
	*out = json_string_value(v);
	return 1;
}

static int get_int(json_t *row, size_t i, long long *out)
{
	json_t *v = json_array_get(row, i);

	if (!json_is_integer(v))
		return 0;
	*out = json_integer_value(v);
	return 1;
}

static const char *static_encoding(const char *name)
{
	static const fq_encoding all[] = { FQ_ENC_BASE64, FQ_ENC_URL, FQ_ENC_UNICODE_ESCAPE };
	size_t i;

	for (i = 0; name && i < FQ_ARRAY_LEN(all); i++) {
		if (!strcmp(name, fq_encoding_name(all[i])))
			return fq_encoding_name(all[i]);
	}
	return NULL;
}

static int decode_finding(json_t *row, fq_finding *f, const char *commit, int64_t author_time)
{
	const char *rule, *path, *msg, *snip, *fp, *sup, *kh, *enc;
	long long sev, conf, line, col, eline, ecol, cut, env, in_head;

	if (!json_is_array(row) || json_array_size(row) != 17 || !get_str(row, 0, &rule, 0) ||
	    !get_int(row, 1, &sev) || !get_int(row, 2, &conf) || !get_str(row, 3, &path, 1) ||
	    !get_int(row, 4, &line) || !get_int(row, 5, &col) || !get_int(row, 6, &eline) ||
	    !get_int(row, 7, &ecol) || !get_str(row, 8, &msg, 1) || !get_str(row, 9, &snip, 1) ||
	    !get_int(row, 10, &cut) || !get_str(row, 11, &fp, 0) || !get_str(row, 12, &sup, 1) ||
	    !get_str(row, 13, &kh, 0) || !get_int(row, 14, &env) || !get_int(row, 15, &in_head) ||
	    !get_str(row, 16, &enc, 1) || !fq_rule_find(rule) || strlen(fp) >= sizeof(f->fingerprint) ||
	    strlen(kh) >= sizeof(f->key_hash) || sev < 0 || sev > FQ_SEV_NONE || conf < 0 || conf > FQ_CONF_HIGH)
		return -1;
	memset(f, 0, sizeof(*f));
	f->rule = fq_rule_find(rule);
	f->severity = (fq_severity)sev;
	f->confidence = (fq_confidence)conf;
	f->path = path ? fq_strdup(path) : NULL;
	f->line = (int)line;
	f->column = (int)col;
	f->end_line = (int)eline;
	f->end_column = (int)ecol;
	f->message = msg ? fq_strdup(msg) : NULL;
	f->snippet = snip ? fq_strdup(snip) : NULL;
	f->snippet_cut = (int)cut;
	memcpy(f->fingerprint, fp, strlen(fp) + 1);
	f->suppressed = sup ? fq_strdup(sup) : NULL;
	memcpy(f->key_hash, kh, strlen(kh) + 1);
	f->env = (fq_env)env;
	f->in_head = (int)in_head;
	f->encoding = static_encoding(enc);
	if (commit) {
		f->commit = fq_strdup(commit);
		f->introduced_in = fq_strdup(commit);
		f->author_time = author_time;
	}
	return 0;
}

static int decode_notes(json_t *a, fq_notes *out)
{
	size_t i;

	if (!json_is_array(a))
		return -1;
	for (i = 0; i < json_array_size(a); i++) {
		const char *p, *m;
		json_t *row = json_array_get(a, i);

		if (!json_is_array(row) || !get_str(row, 0, &p, 0) || !get_str(row, 1, &m, 0))
			return -1;
		fq_notes_add(out, p, "%s", m);
	}
	return 0;
}

int fq_results_decode(const fq_item_lists *l, const char *data, size_t len, const char *commit,
		      int64_t author_time)
{
	json_t *root, *f, *e, *s;
	fq_findings nf = { 0 };
	fq_notes nn = { 0 }, nu = { 0 }, ng = { 0 };
	fq_evidence_list ne = { 0 };
	long long inc;
	size_t i;
	int rc = -1;

	if (len > 0 && data[0] == 'E')
		return decode_empty(l, data, len);
	root = json_loadb(data, len, 0, NULL);
	if (!root)
		return -1;
	f = json_object_get(root, "f");
	e = json_object_get(root, "e");
	s = json_object_get(root, "s");
	if (!json_is_array(f) || !json_is_array(e) || !json_is_array(s) || json_array_size(s) != NSTATS ||
	    !json_is_integer(json_object_get(root, "i")))
		goto out;
	for (i = 0; i < json_array_size(f); i++) {
		fq_finding x;

		if (decode_finding(json_array_get(f, i), &x, commit, author_time) < 0)
			goto out;
		if (nf.count == nf.alloc) {
			nf.alloc = nf.alloc ? nf.alloc * 2 : 8;
			nf.items = fq_realloc_array(nf.items, nf.alloc, sizeof(*nf.items));
		}
		nf.items[nf.count++] = x;
	}
	if (decode_notes(json_object_get(root, "n"), &nn) < 0 || decode_notes(json_object_get(root, "u"), &nu) < 0 ||
	    decode_notes(json_object_get(root, "g"), &ng) < 0)
		goto out;
	for (i = 0; i < json_array_size(e); i++) {
		json_t *row = json_array_get(e, i);
		const char *item, *path, *what;
		long long line;

		if (!json_is_array(row) || !get_str(row, 0, &item, 0) || !get_str(row, 1, &path, 0) ||
		    !get_int(row, 2, &line) || !get_str(row, 3, &what, 0))
			goto out;
		fq_evidence_add(&ne, item, path, (int)line, "%s", what);
	}
	for (i = 0; i < NSTATS; i++) {
		if (!json_is_integer(json_array_get(s, i)))
			goto out;
	}
	/* all read: now it goes in */
	for (i = 0; i < NSTATS; i++)
		*stat_slot(l->stats, (int)i) += (uint64_t)json_integer_value(json_array_get(s, i));
	inc = json_integer_value(json_object_get(root, "i"));
	if (inc)
		*l->incomplete = 1;
	fq_findings_move(l->findings, &nf);
	fq_notes_move(l->notes, &nn);
	fq_notes_move(l->unanalysed, &nu);
	fq_notes_move(l->generated, &ng);
	fq_evidence_move(l->evidence, &ne);
	rc = 0;
out:
	fq_findings_free(&nf);
	fq_notes_free(&nn);
	fq_notes_free(&nu);
	fq_notes_free(&ng);
	fq_evidence_free(&ne);
	json_decref(root);
	return rc;
}
