/*
 * The audit report as GitHub-flavoured Markdown (SPEC §5), for a pull
 * request comment, a wiki page or a file kept with the release: the same
 * content as the HTML report (summary, each checklist item with its
 * findings, evidence and attestation, the two extra sections, probe facts,
 * notes, statistics), in the same order.
 *
 * Strings from the scanned repository are made safe (keys redacted, UTF-8
 * repaired), their controls, bidi overrides and newlines replaced, then
 * either backslash-escaped (md_text) or put in code spans whose backtick
 * fence is longer than any run inside (md_code).  Inside table cells a pipe
 * is always written `\|`, the one escape GFM honours even in code spans, so
 * every row keeps its column count whatever a file is called.
 */
#define _GNU_SOURCE
#include "report.h"
#include "checklist.h"
#include "../checks/probe.h"
#include "../util/common.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static char *clean(const char *raw, int is_path)
{
	return fq_report_clean(raw, 1, is_path);
}

/* Characters that would start emphasis, code, links, HTML, math,
 * strikethrough, headings or a table cell; escaped with a backslash, which
 * GFM honours before any ASCII punctuation (also inside table cells). */
static const char md_special[] = "\\`*_[]<>|&~#$";

/* Writes an untrusted string as Markdown text. */
static void md_text(FILE *out, const char *raw)
{
	char *s = clean(raw, 0);
	const char *p;

	for (p = s; *p; p++) {
		if (strchr(md_special, *p))
			fputc('\\', out);
		fputc(*p, out);
	}
	free(s);
}

/* Trusted text of this program (reasons, remediation) with its `code`
 * spans kept as they are and its first letter capitalised when asked (a
 * reason is a sentence; a remediation may start with a command). */
static void md_prose(FILE *out, const char *s, int capitalise)
{
	int in_code = 0;

	if (!s || !*s)
		return;
	if (capitalise && islower((unsigned char)*s))
		fputc(toupper((unsigned char)*s++), out);
	for (; *s; s++) {
		if (*s == '`')
			in_code = !in_code;
		else if (!in_code && strchr(md_special, *s))
			fputc('\\', out);
		fputc(*s, out);
	}
	if (in_code)
		fputc('`', out);
}

/* One code span holding p[0, n): the fence is one backtick longer than the
 * longest run inside, and spaces pad the content when it starts or ends
 * with a backtick (or starts and ends with a space, which a renderer would
 * strip). */
static void code_span(FILE *out, const char *p, size_t n, int in_table)
{
	size_t i, run = 0, longest = 0;
	int pad, all_spaces = 1;

	for (i = 0; i < n; i++) {
		run = p[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
		if (p[i] != ' ')
			all_spaces = 0;
	}
	pad = !all_spaces && (p[0] == '`' || p[n - 1] == '`' || (p[0] == ' ' && p[n - 1] == ' '));
	for (i = 0; i <= longest; i++)
		fputc('`', out);
	if (pad)
		fputc(' ', out);
	for (i = 0; i < n; i++) {
		if (in_table && p[i] == '|')
			fputc('\\', out);
		fputc(p[i], out);
	}
	if (pad)
		fputc(' ', out);
	for (i = 0; i <= longest; i++)
		fputc('`', out);
}

/* Writes an untrusted string as inline code.  In a table cell, a pipe right
 * after a backslash would be read as an escaped backslash and a cell
 * boundary (GFM's table scanner pairs backslashes), so such a pipe is put
 * between two code spans as escaped text: `a\`\|`b` renders as a\|b. */
static void md_code(FILE *out, const char *raw, int in_table, int is_path)
{
	char *s = clean(raw, is_path);
	size_t len = strlen(s), start = 0, i;

	if (!len) {
		fputs("(empty)", out);
		free(s);
		return;
	}
	for (i = 1; in_table && i < len; i++) {
		if (s[i] == '|' && s[i - 1] == '\\') {
			code_span(out, s + start, i - start, in_table);
			fputs("\\|", out);
			start = i + 1;
		}
	}
	if (start < len)
		code_span(out, s + start, len - start, in_table);
	free(s);
}

static void md_location(FILE *out, const char *path, int line, int in_table)
{
	char *loc;

	if (!path || !path[0]) {
		fputs("whole repository", out);
		return;
	}
	loc = line > 0 ? fq_sprintf("%s:%d", path, line) : fq_strdup(path);
	md_code(out, loc, in_table, 1);
	free(loc);
}

static void put_header(FILE *out, const fq_scan_result *r, const fq_report_options *o, const fq_checklist *cl)
{
	time_t t = (time_t)o->now;
	struct tm tm;
	char day[32] = "";
	size_t i;

	if (gmtime_r(&t, &tm))
		strftime(day, sizeof(day), "%Y-%m-%d %H:%M UTC", &tm);
	fputs("# Production-readiness audit\n\n- **Target:** ", out);
	if (r->path && r->path[0]) {
		md_code(out, r->path, 0, 1);
		fputs(", ", out);
	}
	fputs(fq_report_mode_label(r->mode), out);
	if (r->rev) {
		fputc(' ', out);
		md_code(out, r->rev, 0, 0);
	}
	fprintf(out, "\n- **Date:** %s\n- **Tool:** fourq-scan ", day);
	md_text(out, o->version ? o->version : "");
	fputs("\n\n", out);
	if (r->incomplete)
		fputs("> **INCOMPLETE:** something could not be scanned or probed (see the notes). "
		      "This report is not a pass.\n\n", out);

	fputs("## Summary\n\n", out);
	if (cl->failed)
		fprintf(out, "**Not ready for production.** %zu of %d checklist items fail.\n\n", cl->failed,
			FQ_CHECKLIST_ITEMS);
	else if (cl->warned || cl->unverified)
		fprintf(out, "**Review needed before production.** No item fails; %zu warn and %zu could not be "
			"verified by this run.\n\n", cl->warned, cl->unverified);
	else
		fprintf(out, "**Ready for production.** All %d checklist items pass.\n\n", FQ_CHECKLIST_ITEMS);
	fprintf(out, "| Passed | Warnings | Failed | Unverified |\n|---:|---:|---:|---:|\n| %zu | %zu | %zu | %zu |\n\n",
		cl->passed, cl->warned, cl->failed, cl->unverified);
	fputs("| Item | Check | Status | Findings | Evidence |\n|---|---|---|---:|---:|\n", out);
	for (i = 0; i < FQ_CHECKLIST_ITEMS + FQ_CHECKLIST_SECTIONS; i++) {
		const fq_checklist_item *it = i < FQ_CHECKLIST_ITEMS ? &cl->items[i] : &cl->sections[i - FQ_CHECKLIST_ITEMS];

		fprintf(out, "| %s | ", i < FQ_CHECKLIST_ITEMS ? it->id : "\xE2\x80\x94");
		md_text(out, it->title);
		fprintf(out, " | **%s** | %zu | %zu |\n", fq_check_status_name(it->status), it->nfindings,
			it->nevidence);
	}
	fputc('\n', out);
}

static void put_findings(FILE *out, const fq_finding *const *fs, size_t n)
{
	size_t k;

	fputs("| Severity | Rule | Location | Message | Code |\n|---|---|---|---|---|\n", out);
	for (k = 0; k < n; k++) {
		const fq_finding *f = fs[k];
		const char *s = f->snippet;

		fprintf(out, "| %s | %s %s | ", fq_severity_name(f->severity), f->rule->id, f->rule->slug);
		md_location(out, f->path, f->line, 1);
		fputs(" | ", out);
		md_text(out, f->message);
		if (f->introduced_in) {
			fputs(" (introduced in ", out);
			md_code(out, f->introduced_in, 1, 0);
			fputc(')', out);
		}
		if (f->suppressed) {
			fputs(" (suppressed: ", out);
			md_text(out, f->suppressed);
			fputc(')', out);
		}
		fputs(" | ", out);
		while (s && (*s == ' ' || *s == '\t'))
			s++;
		if (s && *s)
			md_code(out, s, 1, 0);
		fputs(" |\n", out);
	}
	fputc('\n', out);
}

static void put_item(FILE *out, const fq_checklist_item *it, int numbered)
{
	const char *st = fq_check_status_name(it->status);
	size_t k, j;

	if (numbered)
		fprintf(out, "### %s \xC2\xB7 ", it->id);
	else
		fputs("### ", out);
	md_text(out, it->title);
	fprintf(out, " \xE2\x80\x94 %s\n\n**%s:** ", st, st);
	md_prose(out, it->reason, 1);
	fputs(".\n\n", out);
	if (it->nfindings) {
		fprintf(out, "#### Findings (%zu)\n\n", it->nfindings);
		put_findings(out, it->findings, it->nfindings);
	}
	if (it->nevidence) {
		fputs("#### Evidence\n\n", out);
		for (k = 0; k < it->nevidence && k < FQ_REPORT_MAX_EVIDENCE; k++) {
			fputs("- ", out);
			md_location(out, it->evidence[k]->path, it->evidence[k]->line, 0);
			fputs(" \xE2\x80\x94 ", out);
			md_text(out, it->evidence[k]->what);
			fputc('\n', out);
		}
		if (it->nevidence > FQ_REPORT_MAX_EVIDENCE)
			fprintf(out, "- \xE2\x80\xA6 and %zu more (all in the JSON report)\n",
				it->nevidence - FQ_REPORT_MAX_EVIDENCE);
		fputc('\n', out);
	}
	if (it->code_evidence && it->unanalysed && it->unanalysed->count) {
		fprintf(out, "#### Not analysed (%zu; %llu files read by the code rules)\n\n", it->unanalysed->count,
			(unsigned long long)it->coverage_files);
		for (k = 0; k < it->unanalysed->count && k < FQ_REPORT_MAX_EVIDENCE; k++) {
			fputs("- ", out);
			md_location(out, it->unanalysed->items[k].path, 0, 0);
			fputs(" \xE2\x80\x94 ", out);
			md_text(out, it->unanalysed->items[k].message);
			fputc('\n', out);
		}
		if (it->unanalysed->count > FQ_REPORT_MAX_EVIDENCE)
			fprintf(out, "- \xE2\x80\xA6 and %zu more (all in the JSON report)\n",
				it->unanalysed->count - FQ_REPORT_MAX_EVIDENCE);
		fputc('\n', out);
	}
	if (it->attested) {
		fputs("#### Attestation\n\nBy **", out);
		md_text(out, it->attested_by ? it->attested_by : "(unnamed)");
		fputs("** on ", out);
		md_text(out, it->attested_on ? it->attested_on : "(no date)");
		if (it->attested_note && it->attested_note[0]) {
			fputs(": ", out);
			md_text(out, it->attested_note);
		}
		fputs("\n\n", out);
		if (it->stale)
			fprintf(out, "**Stale since %s:** older than its review period; review it again.\n\n",
				it->stale_since);
	}
	if (!it->nfindings && !it->nevidence && !it->attested)
		fputs("_No findings, evidence or attestation._\n\n", out);
	if (!it->nfindings)
		return;
	fputs("#### How to fix\n\n", out);
	for (k = 0; k < it->nfindings; k++) {
		const fq_rule *rule = it->findings[k]->rule;

		for (j = 0; j < k && it->findings[j]->rule != rule; j++)
			;
		if (j < k)
			continue;
		fprintf(out, "- **%s** %s: ", rule->id, rule->slug);
		md_prose(out, rule->remediation ? rule->remediation : rule->title, 0);
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void kv_row(FILE *out, const char *key, const char *untrusted)
{
	fprintf(out, "| %s | ", key);
	md_text(out, untrusted && untrusted[0] ? untrusted : "\xE2\x80\x94");
	fputs(" |\n", out);
}

static void put_tls(FILE *out, const fq_tls_report *t)
{
	fputs("### ", out);
	md_code(out, t->url, 0, 0);
	fputs("\n\n| Fact | Value |\n|---|---|\n", out);
	fq_report_tls_facts(out, t, kv_row);
	fputc('\n', out);
}

static void put_keys(FILE *out, const fq_keys_report *kr)
{
	size_t k, c;

	fputs("### Key API\n\n| Fact | Value |\n|---|---|\n", out);
	kv_row(out, "API base", kr->api_base);
	if (kr->error)
		kv_row(out, "Error", kr->error);
	if (kr->request_id)
		kv_row(out, "Request ID", kr->request_id);
	fputc('\n', out);
	if (!kr->nkeys)
		return;
	fputs("| Key | Type | Algorithm | Status | Created | Expires | Days left | Age (days) |\n"
	      "|---|---|---|---|---|---|---:|---:|\n", out);
	for (k = 0; k < kr->nkeys; k++) {
		const fq_key_facts *kf = &kr->keys[k];
		const char *cells[6] = { kf->id, kf->type, kf->algorithm, kf->status, kf->created_at, kf->expires_at };

		for (c = 0; c < 6; c++) {
			fputs("| ", out);
			md_text(out, cells[c] && cells[c][0] ? cells[c] : "\xE2\x80\x94");
			fputc(' ', out);
		}
		if (kf->days_left == LONG_MIN)
			fputs("| no expiry ", out);
		else
			fprintf(out, "| %ld ", kf->days_left);
		if (kf->age_days < 0)
			fputs("| \xE2\x80\x94 |\n", out);
		else
			fprintf(out, "| %ld |\n", kf->age_days);
	}
	fputc('\n', out);
}

static void put_tail(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	const fq_finding **list = NULL;
	size_t i, n = 0;

	for (i = 0; o->show_suppressed && i < r->findings.count; i++) {
		if (r->findings.items[i].suppressed) {
			list = fq_realloc_array((void *)list, n + 1, sizeof(*list));
			list[n++] = &r->findings.items[i];
		}
	}
	if (n) {
		fprintf(out, "## Suppressed findings (%zu)\n\nShown because of `--no-suppress`; they do not count "
			"against any item.\n\n", n);
		put_findings(out, list, n);
	}
	free((void *)list);
	if (r->probes && (r->probes->ntls || r->probes->keys)) {
		fputs("## Live probes\n\n", out);
		for (i = 0; i < r->probes->ntls; i++)
			put_tls(out, &r->probes->tls[i]);
		if (r->probes->keys)
			put_keys(out, r->probes->keys);
	}
	if (r->errors.count) {
		fprintf(out, "## Notes (%zu)\n\n| Path | Note |\n|---|---|\n", r->errors.count);
		for (i = 0; i < r->errors.count; i++) {
			fputs("| ", out);
			md_location(out, r->errors.items[i].path, 0, 1);
			fputs(" | ", out);
			md_text(out, r->errors.items[i].message);
			fputs(" |\n", out);
		}
		fputc('\n', out);
	}
	fprintf(out, "## Scan statistics\n\n| Measure | Value |\n|---|---:|\n"
		"| Files scanned | %llu |\n| Bytes scanned | %llu |\n| Files parsed | %llu |\n"
		"| Blobs read | %llu |\n| Commits walked | %llu |\n| Findings suppressed | %llu |\n"
		"| Binary files (key rules only) | %llu |\n| Archives opened (key rules only) | %llu |\n"
		"| Archive members read | %llu |\n| Skipped: too large | %llu |\n| Skipped: unreadable | %llu |\n"
		"| Scan complete | %s |\n\n",
		(unsigned long long)r->stats.files, (unsigned long long)r->stats.bytes,
		(unsigned long long)r->stats.parsed_files, (unsigned long long)r->stats.blobs,
		(unsigned long long)r->stats.commits, (unsigned long long)r->stats.suppressed,
		(unsigned long long)r->stats.binary_files, (unsigned long long)r->stats.archives,
		(unsigned long long)r->stats.archive_members, (unsigned long long)r->stats.skipped_large,
		(unsigned long long)r->stats.skipped_unreadable, r->incomplete ? "no" : "yes");
	fputs("---\n\n_Generated by fourq-scan ", out);
	md_text(out, o->version ? o->version : "");
	fputs(". Keys are shown redacted (prefix, first characters, length and a SHA-256 fragment); no report "
	      "holds a whole key. Items a person must confirm are recorded as attestations in "
	      "`.fourq-scan.yml`._\n", out);
}

int fq_report_markdown(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	fq_checklist cl;
	size_t i;

	fq_checklist_build(&cl, r, o->now);
	put_header(out, r, o, &cl);
	fputs("## Checklist\n\n", out);
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++)
		put_item(out, &cl.items[i], 1);
	fputs("## Payload handling and development practices\n\n", out);
	for (i = 0; i < FQ_CHECKLIST_SECTIONS; i++)
		put_item(out, &cl.sections[i], 0);
	put_tail(out, r, o);
	fq_checklist_free(&cl);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the Markdown report") : 0;
}
