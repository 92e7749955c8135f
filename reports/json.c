/*
 * The JSON report of SPEC §7, built with jansson: escaping and UTF-8 validity
 * are the library's job, not printf's.
 */
#include "report.h"
#include "checklist.h"
#include "../util/common.h"

#include "jsonutil.h"
#include <stdlib.h>
#include <string.h>

/* Every string from a scanned repository passes through the redactor and
 * the UTF-8 repair here too: notes are raw, and a second pass over a finding
 * is cheap insurance. */
json_t *fq_json_str(const char *s)
{
	json_t *j;
	char *safe;

	if (!s)
		return json_null();
	safe = fq_report_safe(s);
	j = json_string(safe);
	free(safe);
	return j ? j : json_string("");
}

json_t *fq_json_finding(const fq_finding *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "rule_id", json_string(f->rule->id));
	json_object_set_new(o, "rule", json_string(f->rule->slug));
	json_object_set_new(o, "severity", json_string(fq_severity_name(f->severity)));
	json_object_set_new(o, "confidence", json_string(fq_confidence_name(f->confidence)));
	json_object_set_new(o, "path", fq_json_str(f->path));
	if (f->line > 0) {
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "column", json_integer(f->column));
		json_object_set_new(o, "end_line", json_integer(f->end_line));
		json_object_set_new(o, "end_column", json_integer(f->end_column));
	}
	json_object_set_new(o, "message", fq_json_str(f->message));
	json_object_set_new(o, "snippet", fq_json_str(f->snippet));
	json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
	json_object_set_new(o, "checklist", json_string(f->rule->checklist));
	if (f->rule->cwe) {
		char cwe[32];

		snprintf(cwe, sizeof(cwe), "CWE-%d", f->rule->cwe);
		json_object_set_new(o, "cwe", json_string(cwe));
	}
	json_object_set_new(o, "remediation", fq_json_str(f->rule->remediation));
	json_object_set_new(o, "commit", fq_json_str(f->commit));
	if (f->commit) {
		json_object_set_new(o, "author_time", json_integer(f->author_time));
		json_object_set_new(o, "introduced_in", fq_json_str(f->introduced_in));
	}
	json_object_set_new(o, "suppressed", json_boolean(f->suppressed != NULL));
	if (f->suppressed)
		json_object_set_new(o, "suppression", fq_json_str(f->suppressed));
	return o;
}

int fq_report_json(FILE *out, const fq_scan_result *r, const fq_report_options *opts)
{
	json_t *root = json_object(), *tool = json_object(), *target = json_object();
	json_t *findings = json_array(), *checklist = json_array(), *stats = json_object();
	json_t *errors = json_array();
	fq_checklist cl;
	size_t i, k;
	int rc;

	json_object_set_new(tool, "name", json_string("fourq-scan"));
	json_object_set_new(tool, "version", json_string(opts->version));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(target, "path", fq_json_str(r->path));
	json_object_set_new(target, "mode", json_string(fq_mode_name(r->mode)));
	json_object_set_new(target, "rev", fq_json_str(r->rev));
	json_object_set_new(root, "target", target);

	for (i = 0; i < r->findings.count; i++) {
		if (fq_report_shows(&r->findings.items[i], opts))
			json_array_append_new(findings, fq_json_finding(&r->findings.items[i]));
	}
	json_object_set_new(root, "findings", findings);

	fq_checklist_build(&cl, r, r->stages);
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		const fq_checklist_item *it = &cl.items[i];
		json_t *item = json_object(), *fps = json_array();

		json_object_set_new(item, "id", json_string(it->id));
		json_object_set_new(item, "title", json_string(it->title));
		json_object_set_new(item, "status", json_string(fq_check_status_name(it->status)));
		for (k = 0; k < it->nfindings; k++)
			json_array_append_new(fps, json_string(it->findings[k]->fingerprint));
		json_object_set_new(item, "findings", fps);
		json_array_append_new(checklist, item);
	}
	fq_checklist_free(&cl);
	json_object_set_new(root, "checklist", checklist);

	json_object_set_new(stats, "files", json_integer((json_int_t)r->stats.files));
	json_object_set_new(stats, "bytes", json_integer((json_int_t)r->stats.bytes));
	json_object_set_new(stats, "blobs", json_integer((json_int_t)r->stats.blobs));
	json_object_set_new(stats, "commits", json_integer((json_int_t)r->stats.commits));
	json_object_set_new(stats, "parsed_files", json_integer((json_int_t)r->stats.parsed_files));
	json_object_set_new(stats, "elapsed_ms", json_integer((json_int_t)r->stats.elapsed_ms));
	json_object_set_new(stats, "suppressed", json_integer((json_int_t)r->stats.suppressed));
	json_object_set_new(stats, "skipped_binary", json_integer((json_int_t)r->stats.skipped_binary));
	json_object_set_new(stats, "skipped_large", json_integer((json_int_t)r->stats.skipped_large));
	json_object_set_new(stats, "complete", json_boolean(!r->incomplete));
	json_object_set_new(root, "stats", stats);

	for (i = 0; i < r->errors.count; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "path", fq_json_str(r->errors.items[i].path));
		json_object_set_new(e, "message", fq_json_str(r->errors.items[i].message));
		json_array_append_new(errors, e);
	}
	json_object_set_new(root, "errors", errors);

	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : fq_error_set(FQ_EIO, "cannot write the JSON report");
}
