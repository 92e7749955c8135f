/*
 * SARIF 2.1.0 for code scanning.  driver.rules comes from the rule table;
 * results carry level, message, location, partialFingerprints (our stable
 * fingerprint) and properties.severity.  Paths are percent-encoded relative
 * URIs against %SRCROOT%.
 */
#include "report.h"
#include "jsonutil.h"
#include "../checks/verify.h"
#include "../util/common.h"
#include "../util/text.h"

#include <stdlib.h>
#include <string.h>

#ifndef FQ_HOMEPAGE
#define FQ_HOMEPAGE "https://github.com/fourq-scan/fourq-scan"
#endif

static const char *level_of(fq_severity s)
{
	switch (s) {
	case FQ_SEV_CRITICAL:
	case FQ_SEV_HIGH: return "error";
	case FQ_SEV_MEDIUM: return "warning";
	default: return "note";
	}
}

/* GitHub code scanning reads this number to rank alerts. */
static const char *security_severity(fq_severity s)
{
	switch (s) {
	case FQ_SEV_CRITICAL: return "9.5";
	case FQ_SEV_HIGH: return "8.0";
	case FQ_SEV_MEDIUM: return "5.5";
	case FQ_SEV_LOW: return "3.0";
	default: return "1.0";
	}
}

static json_t *text_obj(const char *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", fq_json_str(s));
	return o;
}

static json_t *rule_descriptor(const fq_rule *r)
{
	json_t *o = json_object(), *props = json_object(), *tags = json_array(), *cfg = json_object();
	json_t *help = json_object();
	char *help_text, *help_md, *uri;

	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "name", json_string(r->slug));
	json_object_set_new(o, "shortDescription", text_obj(r->title));
	json_object_set_new(o, "fullDescription", text_obj(r->description));
	help_text = fq_sprintf("%s\n\nFix: %s", r->description, r->remediation);
	help_md = fq_sprintf("%s\n\n**Fix:** %s%s%s%s%s%s%s", r->description, r->remediation,
			     r->bad_example ? "\n\nBad:\n\n```\n" : "", r->bad_example ? r->bad_example : "",
			     r->bad_example ? "\n```" : "",
			     r->good_example ? "\n\nGood:\n\n```\n" : "", r->good_example ? r->good_example : "",
			     r->good_example ? "\n```" : "");
	json_object_set_new(help, "text", json_string(help_text));
	json_object_set_new(help, "markdown", json_string(help_md));
	json_object_set_new(o, "help", help);
	uri = fq_sprintf("%s/blob/main/docs/rules.md#%s", FQ_HOMEPAGE, r->id);
	json_object_set_new(o, "helpUri", json_string(uri));
	json_object_set_new(cfg, "level", json_string(level_of(r->severity)));
	json_object_set_new(o, "defaultConfiguration", cfg);
	json_array_append_new(tags, json_string("security"));
	if (r->cwe) {
		char cwe[48];

		snprintf(cwe, sizeof(cwe), "external/cwe/cwe-%d", r->cwe);
		json_array_append_new(tags, json_string(cwe));
	}
	json_object_set_new(props, "tags", tags);
	json_object_set_new(props, "precision", json_string("high"));
	json_object_set_new(props, "security-severity", json_string(security_severity(r->severity)));
	json_object_set_new(props, "checklist", json_string(r->checklist));
	json_object_set_new(o, "properties", props);
	free(help_text);
	free(help_md);
	free(uri);
	return o;
}

static json_t *result_of(const fq_finding *f)
{
	json_t *o = json_object(), *props = json_object(), *fps = json_object();

	json_object_set_new(o, "ruleId", json_string(f->rule->id));
	json_object_set_new(o, "ruleIndex", json_integer((json_int_t)fq_rule_index(f->rule)));
	json_object_set_new(o, "level", json_string(level_of(f->severity)));
	json_object_set_new(o, "message", text_obj(f->message));
	{
		/* repository-level findings (a missing plan, a missing CI step) point
		 * at the repository root: code scanning shows results with a location */
		const char *path = f->path && f->path[0] ? f->path : ".";
		json_t *locs = json_array(), *loc = json_object(), *phys = json_object();
		json_t *art = json_object();
		/* live probe findings are about an endpoint, not a file */
		int absolute = !strncmp(path, "https://", 8) || !strncmp(path, "http://", 7);
		char *uri = absolute ? fq_strdup(path) : fq_uri_encode_path(path);

		json_object_set_new(art, "uri", json_string(uri));
		if (!absolute)
			json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
		free(uri);
		json_object_set_new(phys, "artifactLocation", art);
		if (f->line > 0) {
			json_t *region = json_object();

			json_object_set_new(region, "startLine", json_integer(f->line));
			json_object_set_new(region, "startColumn", json_integer(f->column));
			json_object_set_new(region, "endLine", json_integer(f->end_line));
			json_object_set_new(region, "endColumn", json_integer(f->end_column));
			if (f->snippet)
				json_object_set_new(region, "snippet", text_obj(f->snippet));
			json_object_set_new(phys, "region", region);
		}
		json_object_set_new(loc, "physicalLocation", phys);
		json_array_append_new(locs, loc);
		json_object_set_new(o, "locations", locs);
	}
	json_object_set_new(fps, "fourqFingerprint/v1", json_string(f->fingerprint));
	json_object_set_new(o, "partialFingerprints", fps);
	if (f->suppressed) {
		json_t *sups = json_array(), *s = json_object();

		json_object_set_new(s, "kind", json_string("inSource"));
		json_object_set_new(s, "justification", fq_json_str(f->suppressed));
		json_array_append_new(sups, s);
		json_object_set_new(o, "suppressions", sups);
	}
	json_object_set_new(props, "severity", json_string(fq_severity_name(f->severity)));
	json_object_set_new(props, "confidence", json_string(fq_confidence_name(f->confidence)));
	json_object_set_new(props, "checklist", json_string(f->rule->checklist));
	if (f->encoding)
		json_object_set_new(props, "encoding", json_string(f->encoding));
	if (f->verified)
		json_object_set_new(props, "verified", json_string(fq_verdict_name(f->verified)));
	if (f->commit) {
		json_object_set_new(props, "commit", fq_json_str(f->commit));
		json_object_set_new(props, "authorTime", json_integer(f->author_time));
		json_object_set_new(props, "introducedIn", fq_json_str(f->introduced_in));
	}
	json_object_set_new(o, "properties", props);
	return o;
}

int fq_report_sarif(FILE *out, const fq_scan_result *r, const fq_report_options *opts)
{
	json_t *root = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object(), *rules = json_array();
	json_t *results = json_array(), *inv = json_array(), *invo = json_object();
	json_t *notes = json_array();
	size_t i;
	int rc;

	json_object_set_new(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("fourq-scan"));
	json_object_set_new(driver, "version", json_string(opts->version));
	json_object_set_new(driver, "semanticVersion", json_string(opts->version));
	json_object_set_new(driver, "informationUri", json_string(FQ_HOMEPAGE));
	for (i = 0; i < fq_rules_count; i++)
		json_array_append_new(rules, rule_descriptor(&fq_rules[i]));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);

	/* Notes (skipped files, missing objects) as tool execution notifications. */
	for (i = 0; i < r->errors.count; i++) {
		json_t *n = json_object();
		char *msg = r->errors.items[i].path[0] ?
			    fq_sprintf("%s: %s", r->errors.items[i].path, r->errors.items[i].message) :
			    fq_strdup(r->errors.items[i].message);

		json_object_set_new(n, "message", text_obj(msg));
		json_object_set_new(n, "level", json_string(r->incomplete ? "error" : "warning"));
		json_array_append_new(notes, n);
		free(msg);
	}
	json_object_set_new(invo, "executionSuccessful", json_boolean(!r->incomplete));
	json_object_set_new(invo, "toolExecutionNotifications", notes);
	json_array_append_new(inv, invo);
	json_object_set_new(run, "invocations", inv);

	for (i = 0; i < r->findings.count; i++) {
		if (fq_report_shows(&r->findings.items[i], opts))
			json_array_append_new(results, result_of(&r->findings.items[i]));
	}
	json_object_set_new(run, "results", results);
	json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : fq_error_set(FQ_EIO, "cannot write the SARIF report");
}
