/*
 * Text for people: findings grouped by file, severity colours only on a
 * terminal, every string from the scanned repository stripped of control
 * characters, one summary line.
 */
#include "report.h"
#include "checklist.h"
#include "../util/common.h"
#include "../util/text.h"

#include <stdlib.h>
#include <string.h>

static const char *colour_of(fq_severity s)
{
	switch (s) {
	case FQ_SEV_CRITICAL: return "\033[1;31m";
	case FQ_SEV_HIGH: return "\033[31m";
	case FQ_SEV_MEDIUM: return "\033[33m";
	case FQ_SEV_LOW: return "\033[36m";
	default: return "\033[2m";
	}
}

/* Prints s made safe: keys redacted, UTF-8 repaired, controls replaced. */
static void put_safe(FILE *out, const char *s)
{
	char *safe = fq_report_safe(s), *term = fq_terminal_safe(safe);

	fputs(term, out);
	free(term);
	free(safe);
}

int fq_report_text(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	const char *last_path = NULL;
	const char *reset = o->color ? "\033[0m" : "";
	size_t i, shown = 0;
	uint64_t by_sev[5] = { 0 };

	for (i = 0; i < r->findings.count; i++) {
		const fq_finding *f = &r->findings.items[i];

		if (!fq_report_shows(f, o))
			continue;
		shown++;
		by_sev[f->severity]++;
		if (!last_path || strcmp(last_path, f->path) != 0) {
			if (last_path)
				fputc('\n', out);
			fputs(o->color ? "\033[1m" : "", out);
			put_safe(out, f->path[0] ? f->path : "(repository)");
			fprintf(out, "%s\n", reset);
			last_path = f->path;
		}
		if (f->line > 0)
			fprintf(out, "  %d:%d", f->line, f->column);
		else
			fputs("  -", out);
		fprintf(out, "  %s%s%s  %s %s  ", o->color ? colour_of(f->severity) : "",
			fq_severity_name(f->severity), reset, f->rule->id, f->rule->slug);
		put_safe(out, f->message);
		fputc('\n', out);
		if (f->snippet && f->snippet[0]) {
			const char *s = f->snippet;

			while (*s == ' ' || *s == '\t')
				s++;
			fputs("      | ", out);
			put_safe(out, s);
			fputc('\n', out);
		}
		if (f->introduced_in) {
			fputs("      introduced in ", out);
			put_safe(out, f->introduced_in);
			fputc('\n', out);
		}
		if (f->suppressed) {
			fputs("      suppressed: ", out);
			put_safe(out, f->suppressed);
			fputc('\n', out);
		}
	}
	if (shown)
		fputc('\n', out);
	for (i = 0; i < r->errors.count; i++) {
		fputs("note: ", out);
		if (r->errors.items[i].path[0]) {
			put_safe(out, r->errors.items[i].path);
			fputs(": ", out);
		}
		put_safe(out, r->errors.items[i].message);
		fputc('\n', out);
	}
	if (r->unanalysed.count) {
		char *sum = fq_unanalysed_summary(&r->unanalysed);

		fputs("not analysed: ", out);
		put_safe(out, sum);
		fputs("\n", out);
		free(sum);
	}
	if (r->stages & FQ_STAGE_REPO) {
		fq_checklist cl;
		size_t k;

		fq_checklist_build(&cl, r, o->now);
		fprintf(out, "%sProduction-readiness checklist%s (%zu passed, %zu warned, %zu failed, %zu unverified)\n",
			o->color ? "\033[1m" : "", reset, cl.passed, cl.warned, cl.failed, cl.unverified);
		for (k = 0; k < FQ_CHECKLIST_ITEMS + FQ_CHECKLIST_SECTIONS; k++) {
			const fq_checklist_item *it = k < FQ_CHECKLIST_ITEMS ? &cl.items[k] :
						      &cl.sections[k - FQ_CHECKLIST_ITEMS];
			const char *col = !o->color ? "" : it->status == FQ_CHECK_PASS ? "\033[32m" :
					  it->status == FQ_CHECK_FAIL ? "\033[31m" : "\033[33m";

			if (k == FQ_CHECKLIST_ITEMS)
				fputc('\n', out);
			fprintf(out, "  %-10s %s%-10s%s %s: %s\n", k < FQ_CHECKLIST_ITEMS ? it->id : "", col,
				fq_check_status_name(it->status), reset, it->title, it->reason);
		}
		fputc('\n', out);
		fq_checklist_free(&cl);
	}
	fprintf(out, "%zu finding%s", shown, shown == 1 ? "" : "s");
	if (shown) {
		const char *sep = " (";

		for (i = 5; i-- > 0;) {
			if (by_sev[i]) {
				fprintf(out, "%s%llu %s", sep, (unsigned long long)by_sev[i],
					fq_severity_name((fq_severity)i));
				sep = ", ";
			}
		}
		fputc(')', out);
	}
	if (r->mode == FQ_MODE_PROBE) {
		fputs(" from live probes", out);
	} else {
		fprintf(out, " in %llu files (%llu bytes", (unsigned long long)r->stats.files,
			(unsigned long long)r->stats.bytes);
		if (r->stats.commits)
			fprintf(out, ", %llu commits", (unsigned long long)r->stats.commits);
		fputc(')', out);
	}
	if (r->stats.suppressed)
		fprintf(out, "; %llu suppressed", (unsigned long long)r->stats.suppressed);
	if (r->stats.binary_files || r->stats.archives)
		fprintf(out, "; %llu binary files and %llu archives (%llu members) read for keys only",
			(unsigned long long)r->stats.binary_files, (unsigned long long)r->stats.archives,
			(unsigned long long)r->stats.archive_members);
	if (r->stats.generated_files)
		fprintf(out, "; %llu minified, generated or vendored files read for keys only",
			(unsigned long long)r->stats.generated_files);
	if (r->stats.skipped_large)
		fprintf(out, "; skipped %llu too large", (unsigned long long)r->stats.skipped_large);
	if (r->incomplete)
		fputs(r->mode == FQ_MODE_PROBE ? "; INCOMPLETE: a probe could not run (see FQ078)" :
		      "; INCOMPLETE: something could not be scanned (see the notes)", out);
	fputc('\n', out);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the text report") : 0;
}
