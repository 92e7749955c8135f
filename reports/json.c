/*
 * The JSON report of SPEC §7, built with jansson: escaping and UTF-8 validity
 * are the library's job, not printf's.
 */
#include "report.h"
#include "checklist.h"
#include "../checks/probe.h"
#include "../checks/verify.h"
#include "../util/common.h"

#include "jsonutil.h"
#include <limits.h>
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
	if (f->encoding)
		json_object_set_new(o, "encoding", json_string(f->encoding));
	if (f->verified)
		json_object_set_new(o, "verified", json_string(fq_verdict_name(f->verified)));
	json_object_set_new(o, "suppressed", json_boolean(f->suppressed != NULL));
	if (f->suppressed)
		json_object_set_new(o, "suppression", fq_json_str(f->suppressed));
	return o;
}

static json_t *checklist_item(const fq_checklist_item *it)
{
	json_t *item = json_object(), *fps = json_array(), *ev = json_array();
	size_t k;

	json_object_set_new(item, "id", json_string(it->id));
	json_object_set_new(item, "title", json_string(it->title));
	json_object_set_new(item, "status", json_string(fq_check_status_name(it->status)));
	for (k = 0; k < it->nfindings; k++)
		json_array_append_new(fps, json_string(it->findings[k]->fingerprint));
	json_object_set_new(item, "findings", fps);
	json_object_set_new(item, "reason", fq_json_str(it->reason));
	for (k = 0; k < it->nevidence; k++) {
		json_t *e = json_object();

		json_object_set_new(e, "path", fq_json_str(it->evidence[k]->path));
		if (it->evidence[k]->line > 0)
			json_object_set_new(e, "line", json_integer(it->evidence[k]->line));
		json_object_set_new(e, "what", fq_json_str(it->evidence[k]->what));
		json_array_append_new(ev, e);
	}
	json_object_set_new(item, "evidence", ev);
	{
		json_t *cov = json_object(), *un = json_array();

		json_object_set_new(cov, "files", json_integer((json_int_t)it->coverage_files));
		for (k = 0; it->code_evidence && it->unanalysed && k < it->unanalysed->count; k++)
			json_array_append_new(un, fq_json_str(it->unanalysed->items[k].path));
		json_object_set_new(cov, "unanalysed", un);
		json_object_set_new(item, "coverage", cov);
	}
	if (it->attested) {
		json_t *a = json_object();

		json_object_set_new(a, "by", fq_json_str(it->attested_by));
		json_object_set_new(a, "on", fq_json_str(it->attested_on));
		json_object_set_new(a, "note", fq_json_str(it->attested_note));
		json_object_set_new(a, "stale", json_boolean(it->stale));
		json_object_set_new(a, "stale_since", it->stale ? json_string(it->stale_since) : json_null());
		json_object_set_new(item, "attestation", a);
	}
	return item;
}

static json_t *probes_json(const fq_probe_report *p)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < p->ntls; i++) {
		const fq_tls_report *t = &p->tls[i];
		json_t *o = json_object(), *v = json_object(), *neg = json_object(), *cert = json_object();

		json_object_set_new(o, "kind", json_string("tls"));
		json_object_set_new(o, "url", fq_json_str(t->url));
		json_object_set_new(o, "reachable", json_boolean(t->reachable));
		json_object_set_new(o, "error", fq_json_str(t->error));
		for (k = 0; k < FQ_TLS_VERSIONS; k++)
			json_object_set_new(v, fq_tls_version_name((int)k), json_string(fq_tls_verdict_name(t->versions[k])));
		json_object_set_new(o, "versions", v);
		json_object_set_new(neg, "version", t->negotiated_version[0] ? json_string(t->negotiated_version) : json_null());
		json_object_set_new(neg, "cipher", t->cipher[0] ? fq_json_str(t->cipher) : json_null());
		json_object_set_new(neg, "bits", json_integer(t->cipher_bits));
		json_object_set_new(neg, "forward_secrecy", json_boolean(t->forward_secrecy));
		json_object_set_new(o, "negotiated", neg);
		json_object_set_new(o, "verified", json_boolean(t->verified));
		json_object_set_new(o, "verify_error", fq_json_str(t->verify_error));
		if (t->cert.present) {
			json_object_set_new(cert, "subject", fq_json_str(t->cert.subject));
			json_object_set_new(cert, "issuer", fq_json_str(t->cert.issuer));
			json_object_set_new(cert, "key_type", fq_json_str(t->cert.key_type));
			json_object_set_new(cert, "key_bits", json_integer(t->cert.key_bits));
			json_object_set_new(cert, "not_after", fq_json_str(t->cert.not_after));
			json_object_set_new(cert, "days_left", json_integer(t->cert.days_left));
			json_object_set_new(o, "certificate", cert);
		} else {
			json_decref(cert);
			json_object_set_new(o, "certificate", json_null());
		}
		json_array_append_new(arr, o);
	}
	if (p->keys) {
		json_t *o = json_object(), *keys = json_array();

		json_object_set_new(o, "kind", json_string("keys"));
		json_object_set_new(o, "api_base", fq_json_str(p->keys->api_base));
		json_object_set_new(o, "error", fq_json_str(p->keys->error));
		json_object_set_new(o, "request_id", fq_json_str(p->keys->request_id));
		json_object_set_new(o, "pages", json_integer(p->keys->pages));
		for (k = 0; k < p->keys->nkeys; k++) {
			const fq_key_facts *kf = &p->keys->keys[k];
			json_t *ko = json_object();

			json_object_set_new(ko, "id", fq_json_str(kf->id));
			json_object_set_new(ko, "type", fq_json_str(kf->type));
			json_object_set_new(ko, "algorithm", fq_json_str(kf->algorithm));
			json_object_set_new(ko, "status", fq_json_str(kf->status));
			json_object_set_new(ko, "created_at", fq_json_str(kf->created_at));
			json_object_set_new(ko, "expires_at", fq_json_str(kf->expires_at));
			json_object_set_new(ko, "days_left", kf->days_left == LONG_MIN ? json_null() : json_integer(kf->days_left));
			json_object_set_new(ko, "age_days", kf->age_days < 0 ? json_null() : json_integer(kf->age_days));
			json_array_append_new(keys, ko);
		}
		json_object_set_new(o, "keys", keys);
		json_array_append_new(arr, o);
	}
	return arr;
}

int fq_report_json(FILE *out, const fq_scan_result *r, const fq_report_options *opts)
{
	json_t *root = json_object(), *tool = json_object(), *target = json_object();
	json_t *findings = json_array(), *checklist = json_array(), *stats = json_object();
	json_t *sections = json_array();
	json_t *errors = json_array();
	fq_checklist cl;
	size_t i;
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

	fq_checklist_build(&cl, r, opts->now);
	for (i = 0; i < FQ_CHECKLIST_ITEMS + FQ_CHECKLIST_SECTIONS; i++) {
		const fq_checklist_item *it = i < FQ_CHECKLIST_ITEMS ? &cl.items[i] : &cl.sections[i - FQ_CHECKLIST_ITEMS];

		json_array_append_new(i < FQ_CHECKLIST_ITEMS ? checklist : sections, checklist_item(it));
	}
	fq_checklist_free(&cl);
	json_object_set_new(root, "checklist", checklist);
	json_object_set_new(root, "checklist_sections", sections);

	json_object_set_new(stats, "files", json_integer((json_int_t)r->stats.files));
	json_object_set_new(stats, "bytes", json_integer((json_int_t)r->stats.bytes));
	json_object_set_new(stats, "blobs", json_integer((json_int_t)r->stats.blobs));
	json_object_set_new(stats, "commits", json_integer((json_int_t)r->stats.commits));
	json_object_set_new(stats, "parsed_files", json_integer((json_int_t)r->stats.parsed_files));
	json_object_set_new(stats, "elapsed_ms", json_integer((json_int_t)r->stats.elapsed_ms));
	json_object_set_new(stats, "suppressed", json_integer((json_int_t)r->stats.suppressed));
	json_object_set_new(stats, "binary_files", json_integer((json_int_t)r->stats.binary_files));
	json_object_set_new(stats, "generated_files", json_integer((json_int_t)r->stats.generated_files));
	json_object_set_new(stats, "archives", json_integer((json_int_t)r->stats.archives));
	json_object_set_new(stats, "archive_members", json_integer((json_int_t)r->stats.archive_members));
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
	{
		json_t *un = json_array();

		for (i = 0; i < r->unanalysed.count; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "path", fq_json_str(r->unanalysed.items[i].path));
			json_object_set_new(e, "why", fq_json_str(r->unanalysed.items[i].message));
			json_array_append_new(un, e);
		}
		json_object_set_new(root, "unanalysed", un);
	}
	{
		json_t *gen = json_array();

		for (i = 0; i < r->generated.count; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "path", fq_json_str(r->generated.items[i].path));
			json_object_set_new(e, "why", fq_json_str(r->generated.items[i].message));
			json_array_append_new(gen, e);
		}
		json_object_set_new(root, "generated", gen);
	}
	if (r->probes)
		json_object_set_new(root, "probes", probes_json(r->probes));

	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : fq_error_set(FQ_EIO, "cannot write the JSON report");
}
