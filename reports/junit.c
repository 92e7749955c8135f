/*
 * JUnit XML for CI pages: one test suite, one test case per rule that ran
 * (a failure listing its findings) and one per checklist item.  XML escaping
 * is done here, on strings that are already valid UTF-8; characters XML 1.0
 * forbids (most C0 controls) become U+FFFD.
 */
#include "report.h"
#include "checklist.h"
#include "../util/common.h"

#include <stdlib.h>
#include <string.h>

static void put_xml(FILE *out, const char *raw)
{
	char *s = fq_report_safe(raw);
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		case '\t': case '\n': case '\r': fputc(*p, out); break;
		default:
			if (*p < 0x20)
				fputs("\xEF\xBF\xBD", out);
			else if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
				/* U+FFFE / U+FFFF are not XML characters */
				fputs("\xEF\xBF\xBD", out);
				p += 2;
			} else
				fputc(*p, out);
		}
	}
	free(s);
}

static void put_finding_line(FILE *out, const fq_finding *f)
{
	put_xml(out, f->path);
	if (f->line > 0)
		fprintf(out, ":%d:%d", f->line, f->column);
	fprintf(out, " [%s] ", fq_severity_name(f->severity));
	put_xml(out, f->message);
	fputc('\n', out);
}

int fq_report_junit(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	fq_checklist cl;
	size_t i, k, tests = 0, failures = 0;

	fq_checklist_build(&cl, r, o->now);
	/* count first: the suite element carries the totals */
	for (i = 0; i < fq_rules_count; i++) {
		const fq_rule *rule = &fq_rules[i];

		if (!rule->implemented || !(r->stages & rule->stage))
			continue;
		tests++;
		for (k = 0; k < r->findings.count; k++) {
			const fq_finding *f = &r->findings.items[k];

			if (f->rule == rule && !f->suppressed && (o->fail_on == FQ_SEV_NONE ? 0 : f->severity >= o->fail_on)) {
				failures++;
				break;
			}
		}
	}
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		tests++;
		failures += cl.items[i].status == FQ_CHECK_FAIL;
	}
	tests += r->incomplete ? 1 : 0;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"fourq-scan\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\">\n",
		tests, failures, r->incomplete ? 1 : 0);
	fprintf(out, "  <testsuite name=\"fourq-scan rules\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">\n",
		tests, failures, r->incomplete ? 1 : 0, (double)r->stats.elapsed_ms / 1000.0);
	for (i = 0; i < fq_rules_count; i++) {
		const fq_rule *rule = &fq_rules[i];
		size_t nfail = 0;

		if (!rule->implemented || !(r->stages & rule->stage))
			continue;
		fprintf(out, "    <testcase classname=\"fourq-scan.rules\" name=\"%s %s\"", rule->id, rule->slug);
		for (k = 0; k < r->findings.count; k++) {
			const fq_finding *f = &r->findings.items[k];

			if (f->rule == rule && !f->suppressed && o->fail_on != FQ_SEV_NONE && f->severity >= o->fail_on)
				nfail++;
		}
		if (!nfail) {
			fputs("/>\n", out);
			continue;
		}
		fprintf(out, ">\n      <failure type=\"%s\" message=\"%zu finding%s\">", rule->id, nfail,
			nfail == 1 ? "" : "s");
		for (k = 0; k < r->findings.count; k++) {
			const fq_finding *f = &r->findings.items[k];

			if (f->rule == rule && !f->suppressed && f->severity >= o->fail_on)
				put_finding_line(out, f);
		}
		fputs("</failure>\n    </testcase>\n", out);
	}
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		const fq_checklist_item *it = &cl.items[i];

		fprintf(out, "    <testcase classname=\"fourq-scan.checklist\" name=\"%s ", it->id);
		put_xml(out, it->title);
		fputc('"', out);
		if (it->status == FQ_CHECK_FAIL) {
			fprintf(out, ">\n      <failure type=\"%s\" message=\"FAIL\">", it->id);
			for (k = 0; k < it->nfindings; k++)
				put_finding_line(out, it->findings[k]);
			fputs("</failure>\n    </testcase>\n", out);
		} else {
			fprintf(out, ">\n      <system-out>%s</system-out>\n    </testcase>\n",
				fq_check_status_name(it->status));
		}
	}
	if (r->incomplete) {
		fputs("    <testcase classname=\"fourq-scan\" name=\"scan complete\">\n      <error message=\"the scan could not be completed\">", out);
		for (i = 0; i < r->errors.count; i++) {
			put_xml(out, r->errors.items[i].path);
			fputs(": ", out);
			put_xml(out, r->errors.items[i].message);
			fputc('\n', out);
		}
		fputs("</error>\n    </testcase>\n", out);
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
	fq_checklist_free(&cl);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the JUnit report") : 0;
}
