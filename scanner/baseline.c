#include "baseline.h"
#include "../util/common.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_FORMAT "fourq-scan-baseline/1"

static int is_fingerprint(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}

int fq_baseline_load(fq_baseline *out, const char *path)
{
	json_error_t jerr;
	json_t *root, *entries, *e;
	size_t i;
	int error = 0;

	memset(out, 0, sizeof(*out));
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return fq_error_set(FQ_ECONFIG, "baseline %s is not readable JSON (line %d: %s): make one with "
				    "'fourq-scan baseline --output FILE'", path, jerr.line, jerr.text);
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")), BASELINE_FORMAT) != 0 ||
	    !json_is_array(entries = json_object_get(root, "entries"))) {
		json_decref(root);
		return fq_error_set(FQ_ECONFIG, "%s is not a fourq-scan baseline (expected \"format\": \"%s\" and an "
				    "\"entries\" array)", path, BASELINE_FORMAT);
	}
	out->entries = fq_calloc(json_array_size(entries), sizeof(*out->entries));
	json_array_foreach(entries, i, e) {
		const char *fp = json_string_value(json_object_get(e, "fingerprint"));
		const char *rule = json_string_value(json_object_get(e, "rule_id"));
		const char *p = json_string_value(json_object_get(e, "path"));
		fq_baseline_entry *be = &out->entries[out->count];

		if (!json_is_object(e) || !is_fingerprint(fp) || !rule || !fq_rule_find(rule)) {
			error = fq_error_set(FQ_ECONFIG, "baseline %s: entry %zu is malformed (needs a 64-hex "
					     "\"fingerprint\" and a known \"rule_id\")", path, i + 1);
			break;
		}
		memcpy(be->fingerprint, fp, 65);
		snprintf(be->rule_id, sizeof(be->rule_id), "%s", rule);
		be->path = fq_strdup(p ? p : "");
		out->count++;
	}
	json_decref(root);
	if (error)
		fq_baseline_free(out);
	return error;
}

int fq_baseline_write(FILE *out, const fq_scan_result *r, const char *version)
{
	json_t *root = json_object(), *entries = json_array();
	size_t i;
	int rc;

	json_object_set_new(root, "format", json_string(BASELINE_FORMAT));
	json_object_set_new(root, "tool", json_string("fourq-scan"));
	json_object_set_new(root, "version", json_string(version));
	for (i = 0; i < r->findings.count; i++) {
		const fq_finding *f = &r->findings.items[i];
		json_t *e;
		size_t k;
		int dup = 0;

		if (f->suppressed)
			continue;
		/* one entry per fingerprint: the same key in ten files is one secret */
		for (k = 0; k < i && !dup; k++)
			dup = !r->findings.items[k].suppressed && !strcmp(r->findings.items[k].fingerprint, f->fingerprint);
		if (dup)
			continue;
		e = json_object();
		json_object_set_new(e, "fingerprint", json_string(f->fingerprint));
		json_object_set_new(e, "rule_id", json_string(f->rule->id));
		json_object_set_new(e, "path", json_string(f->path));
		json_array_append_new(entries, e);
	}
	json_object_set_new(root, "entries", entries);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : fq_error_set(FQ_EIO, "cannot write the baseline");
}

size_t fq_baseline_apply(fq_baseline *b, fq_scan_result *r, int report_unused)
{
	size_t i, k, hidden = 0;

	for (i = 0; i < r->findings.count; i++) {
		fq_finding *f = &r->findings.items[i];

		if (f->suppressed)
			continue;
		for (k = 0; k < b->count; k++) {
			if (!strcmp(b->entries[k].fingerprint, f->fingerprint)) {
				b->entries[k].used = 1;
				f->suppressed = fq_strdup("baseline");
				hidden++;
				break;
			}
		}
	}
	r->stats.suppressed += hidden;
	if (report_unused) {
		for (k = 0; k < b->count; k++) {
			if (!b->entries[k].used)
				fq_notes_add(&r->errors, b->entries[k].path, "unused baseline entry %s %.16s…: it matches no "
					     "finding any more", b->entries[k].rule_id, b->entries[k].fingerprint);
		}
		fq_notes_sort(&r->errors);
	}
	return hidden;
}

void fq_baseline_free(fq_baseline *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++)
		free(b->entries[i].path);
	free(b->entries);
	memset(b, 0, sizeof(*b));
}
