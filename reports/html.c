/*
 * The audit report as one self-contained HTML5 file (SPEC §5): a summary of
 * the production-readiness checklist, then each item with its status, the
 * guide's wording, why, the findings and evidence behind it and its
 * attestation, then the two extra sections, live probe facts, notes and scan
 * statistics.  It reads on screen and on paper (@media print).
 *
 * Nothing is loaded from anywhere: the CSS is inline, and a
 * Content-Security-Policy forbids scripts and remote loads, so the file stays
 * inert even if an escaping bug ever let markup through.  Every string from
 * the scanned repository or a probed server goes through put_html: made safe
 * (keys redacted, UTF-8 repaired), controls, bidi overrides and
 * non-characters replaced, then escaped.  The page depends on the result and
 * o->now only, never on the clock, so the same scan gives the same bytes.
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

/* Writes an untrusted string as HTML text (or attribute value).  In a path,
 * newline and tab are replaced too: as white space they would pass for part
 * of the name. */
void fq_report_put_html(FILE *out, const char *raw, int is_path)
{
	char *s = fq_report_clean(raw ? raw : "", 0, is_path);
	const char *p;

	for (p = s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*p, out);
		}
	}
	free(s);
}

static void put_html(FILE *out, const char *raw)
{
	fq_report_put_html(out, raw, 0);
}

/* Trusted text of this program (reasons, remediation) with `code` spans,
 * its first letter capitalised when asked (a reason is a sentence; a
 * remediation may start with a command); still escaped. */
static void put_prose(FILE *out, const char *s, int capitalise)
{
	int in_code = 0;

	if (!s || !*s)
		return;
	if (capitalise && islower((unsigned char)*s))
		fputc(toupper((unsigned char)*s++), out);
	for (; *s; s++) {
		switch (*s) {
		case '`':
			fputs(in_code ? "</code>" : "<code>", out);
			in_code = !in_code;
			break;
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		default: fputc(*s, out);
		}
	}
	if (in_code)
		fputs("</code>", out);
}

static const char *status_class(fq_check_status s)
{
	switch (s) {
	case FQ_CHECK_PASS: return "st-pass";
	case FQ_CHECK_WARN: return "st-warn";
	case FQ_CHECK_FAIL: return "st-fail";
	default: return "st-unverified";
	}
}

static void put_badge(FILE *out, fq_check_status s)
{
	fprintf(out, "<span class=\"badge %s\">%s</span>", status_class(s), fq_check_status_name(s));
}

static void put_location(FILE *out, const char *path, int line)
{
	if (!path || !path[0]) {
		fputs("<span class=\"small\">whole repository</span>", out);
		return;
	}
	fputs("<code class=\"loc\">", out);
	fq_report_put_html(out, path, 1);
	if (line > 0)
		fprintf(out, ":%d", line);
	fputs("</code>", out);
}

static const char css[] =
	FQ_REPORT_CSS_BASE
	"body{line-height:1.55}\n"
	"main{max-width:1120px;margin:0 auto;padding:32px 28px 48px}\n"
	"h1{font-size:28px;line-height:1.25;margin:2px 0 18px}\n"
	"h2{font-size:20px;margin:40px 0 14px;padding-bottom:6px;border-bottom:2px solid var(--line)}\n"
	"h3{font-size:17px;margin:0;line-height:1.3}\n"
	"h4{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:16px 0 6px}\n"
	"p{margin:6px 0}\n"
	"code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"DejaVu Sans Mono\",monospace;font-size:13px}\n"
	"code{overflow-wrap:anywhere}\n"
	"a{color:inherit}\n"
	".eyebrow{font-size:12px;font-weight:700;letter-spacing:.1em;text-transform:uppercase;color:var(--muted);margin:0}\n"
	".meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0 0 8px}\n"
	".meta dt{color:var(--muted)}.meta dd{margin:0}\n"
	".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:14px 0}\n"
	".verdict{border-left:6px solid var(--unv)}.verdict p{margin:2px 0}\n"
	".verdict .headline{font-size:19px;font-weight:700}\n"
	".verdict.st-pass{border-left-color:var(--pass)}.verdict.st-warn{border-left-color:var(--warn)}"
	".verdict.st-fail{border-left-color:var(--fail)}\n"
	".incomplete{background:var(--fail-bg);border-color:var(--fail);color:var(--fail);font-weight:600}\n"
	".tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:14px 0}\n"
	".tile{background:var(--card);border:1px solid var(--line);border-top:5px solid var(--unv);border-radius:8px;padding:10px 16px}\n"
	".tile .n{display:block;font-size:32px;font-weight:700;line-height:1.15}\n"
	".tile .l{color:var(--muted);font-size:13px;font-weight:600;text-transform:uppercase;letter-spacing:.06em}\n"
	".tile.st-pass{border-top-color:var(--pass)}.tile.st-warn{border-top-color:var(--warn)}"
	".tile.st-fail{border-top-color:var(--fail)}\n"
	".badge,.sev{display:inline-block;padding:1px 9px;border:1px solid;border-radius:999px;font-size:12px;"
	"font-weight:700;letter-spacing:.04em;white-space:nowrap;line-height:1.6}\n"
	".badge.st-pass{color:var(--pass);background:var(--pass-bg)}.badge.st-warn{color:var(--warn);background:var(--warn-bg)}"
	".badge.st-fail{color:var(--fail);background:var(--fail-bg)}.badge.st-unverified{color:var(--unv);background:var(--unv-bg)}\n"
	".sev{border-radius:4px;padding:0 6px;text-transform:uppercase;font-size:11px}\n"
	".sev-critical{color:#fff;background:#8c0f14;border-color:#8c0f14}"
	".sev-high{color:var(--fail);background:var(--fail-bg)}.sev-medium{color:var(--warn);background:var(--warn-bg)}"
	".sev-low{color:#0550ae;background:#ddf4ff}.sev-info{color:var(--unv);background:var(--unv-bg)}\n"
	"table{width:100%;border-collapse:collapse;font-size:14px;background:var(--card)}\n"
	"th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line)}\n"
	"th{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);"
	"background:var(--soft)}\n"
	"tbody tr:last-child td{border-bottom:0}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".table-card{padding:0;overflow:hidden}\n"
	".overview td:first-child{font-weight:700;white-space:nowrap}\n"
	".overview a{text-decoration:none}.overview a:hover{text-decoration:underline}\n"
	".item{border-left:6px solid var(--unv)}\n"
	".item.st-pass{border-left-color:var(--pass)}.item.st-warn{border-left-color:var(--warn)}"
	".item.st-fail{border-left-color:var(--fail)}\n"
	".item-head{display:flex;align-items:baseline;gap:12px}\n"
	".item-head .id{font-weight:700;color:var(--muted);font-variant-numeric:tabular-nums;min-width:2.6em}\n"
	".item-head h3{flex:1}\n"
	".reason{color:var(--muted)}\n"
	".findings{border:1px solid var(--line);border-radius:6px;border-collapse:separate;border-spacing:0}\n"
	".findings th:nth-child(1){width:92px}.findings th:nth-child(2){width:172px}.findings th:nth-child(3){width:28%}\n"
	".rule{font-weight:700}.slug{color:var(--muted);font-size:13px}\n"
	"pre.snippet{margin:6px 0 0;padding:6px 9px;background:var(--soft);border:1px solid var(--line);"
	"border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}\n"
	".small{color:var(--muted);font-size:13px}\n"
	"ul.plain{margin:4px 0;padding-left:20px}ul.plain li{margin:3px 0}\n"
	".stale{color:var(--warn);font-weight:700}\n"
	".none{color:var(--muted);font-style:italic}\n"
	".kv th{width:220px;text-transform:none;letter-spacing:0;font-size:13px}\n"
	".stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px 18px;margin:0}\n"
	".stats div{border-bottom:1px solid var(--line);padding:4px 0}\n"
	".stats dt{color:var(--muted);font-size:13px}.stats dd{margin:0;font-weight:700;font-variant-numeric:tabular-nums}\n"
	"footer{margin-top:40px;color:var(--muted);font-size:13px;border-top:1px solid var(--line);padding-top:12px}\n"
	"@media (max-width:720px){main{padding:20px 14px}.tiles{grid-template-columns:repeat(2,1fr)}"
	".findings th:nth-child(n){width:auto}}\n"
	"@media print{@page{margin:14mm}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{background:#fff;font-size:10pt}main{max-width:none;padding:0}\n"
	".card{border-radius:0;margin:8px 0;padding:10px 12px}\n"
	"h2,h3,h4,.item-head{break-after:avoid}tr,.tile,.verdict,pre.snippet{break-inside:avoid}\n"
	"table{font-size:9pt}code,pre,.slug{font-size:8pt}th,td{padding:4px 6px}\n"
	".findings th:nth-child(1){width:68px}.findings th:nth-child(2){width:118px}.findings th:nth-child(3){width:30%}\n"
	"a{text-decoration:none}}\n";

static void put_head(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n",
	      out);
	fputs("<meta name=\"generator\" content=\"fourq-scan ", out);
	put_html(out, o->version ? o->version : "");
	fputs("\"/>\n<title>Production-readiness audit: ", out);
	put_html(out, r->path && r->path[0] ? r->path : "live probes");
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
}

static void put_header(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	time_t t = (time_t)o->now;
	struct tm tm;
	char day[32] = "", iso[32] = "";

	if (gmtime_r(&t, &tm)) {
		strftime(day, sizeof(day), "%Y-%m-%d %H:%M UTC", &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	fputs("<header>\n<p class=\"eyebrow\">4Quays integration \xC2\xB7 fourq-scan audit</p>\n"
	      "<h1>Production-readiness checklist</h1>\n<dl class=\"meta\">\n<dt>Target</dt><dd>", out);
	if (r->path && r->path[0]) {
		fputs("<code>", out);
		fq_report_put_html(out, r->path, 1);
		fputs("</code>, ", out);
	}
	fputs(fq_report_mode_label(r->mode), out);
	if (r->rev) {
		fputs(" <code>", out);
		put_html(out, r->rev);
		fputs("</code>", out);
	}
	fprintf(out, "</dd>\n<dt>Date</dt><dd><time datetime=\"%s\">%s</time></dd>\n", iso, day);
	fputs("<dt>Tool</dt><dd>fourq-scan ", out);
	put_html(out, o->version ? o->version : "");
	fputs("</dd>\n</dl>\n</header>\n", out);
}

static void put_summary(FILE *out, const fq_scan_result *r, const fq_checklist *cl)
{
	static const char *const labels[4] = { "Passed", "Warnings", "Failed", "Unverified" };
	const size_t counts[4] = { cl->passed, cl->warned, cl->failed, cl->unverified };
	fq_check_status overall;
	size_t i;

	fputs("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n", out);
	if (r->incomplete)
		fputs("<div class=\"card incomplete\" role=\"alert\">INCOMPLETE: something could not be scanned or "
		      "probed (see the notes). This report is not a pass.</div>\n", out);
	overall = cl->failed ? FQ_CHECK_FAIL : (cl->warned || cl->unverified) ? FQ_CHECK_WARN : FQ_CHECK_PASS;
	fprintf(out, "<div class=\"card verdict %s\">\n<p class=\"headline\">", status_class(overall));
	if (cl->failed)
		fprintf(out, "Not ready for production</p>\n<p>%zu of %d checklist items fail.", cl->failed,
			FQ_CHECKLIST_ITEMS);
	else if (cl->warned || cl->unverified)
		fprintf(out, "Review needed before production</p>\n<p>No item fails; %zu warn and %zu could not be "
			"verified by this run.", cl->warned, cl->unverified);
	else
		fprintf(out, "Ready for production</p>\n<p>All %d checklist items pass.", FQ_CHECKLIST_ITEMS);
	fputs("</p>\n</div>\n<div class=\"tiles\">\n", out);
	for (i = 0; i < 4; i++)
		fprintf(out, "<div class=\"tile %s\"><span class=\"n\">%zu</span><span class=\"l\">%s</span></div>\n",
			status_class((fq_check_status)i), counts[i], labels[i]);
	fputs("</div>\n<div class=\"card table-card\">\n<table class=\"overview\">\n<thead><tr><th scope=\"col\">Item</th>"
	      "<th scope=\"col\">Check</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Findings</th>"
	      "<th scope=\"col\" class=\"num\">Evidence</th></tr></thead>\n<tbody>\n", out);
	for (i = 0; i < FQ_CHECKLIST_ITEMS + FQ_CHECKLIST_SECTIONS; i++) {
		const fq_checklist_item *it = i < FQ_CHECKLIST_ITEMS ? &cl->items[i] : &cl->sections[i - FQ_CHECKLIST_ITEMS];

		fprintf(out, "<tr><td><a href=\"#%s\">%s</a></td><td>", it->id,
			i < FQ_CHECKLIST_ITEMS ? it->id : "\xE2\x80\x94");
		put_html(out, it->title);
		fputs("</td><td>", out);
		put_badge(out, it->status);
		fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n", it->nfindings,
			it->nevidence);
	}
	fputs("</tbody>\n</table>\n</div>\n</section>\n", out);
}

static void put_finding_rows(FILE *out, const fq_finding *const *fs, size_t n)
{
	size_t k;

	fputs("<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th>"
	      "<th scope=\"col\">Location</th><th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n", out);
	for (k = 0; k < n; k++) {
		const fq_finding *f = fs[k];
		const char *sev = fq_severity_name(f->severity);
		const char *s = f->snippet;

		fprintf(out, "<tr><td><span class=\"sev sev-%s\">%s</span></td><td><span class=\"rule\">%s</span><br/>"
			"<span class=\"slug\">%s</span></td><td>", sev, sev, f->rule->id, f->rule->slug);
		put_location(out, f->path, f->line);
		fputs("</td><td>", out);
		put_html(out, f->message);
		while (s && (*s == ' ' || *s == '\t'))
			s++;
		if (s && *s) {
			fputs("<pre class=\"snippet\"><code>", out);
			put_html(out, s);
			fputs("</code></pre>", out);
		}
		if (f->introduced_in || f->commit) {
			fputs("<p class=\"small\">", out);
			if (f->introduced_in) {
				fputs("Introduced in <code>", out);
				put_html(out, f->introduced_in);
				fputs("</code>", out);
			} else {
				fputs("In commit <code>", out);
				put_html(out, f->commit);
				fputs("</code>", out);
			}
			fputs("</p>", out);
		}
		if (f->suppressed) {
			fputs("<p class=\"small\">Suppressed: ", out);
			put_html(out, f->suppressed);
			fputs("</p>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* One line of remediation per rule behind the item's findings, in the order
 * the rules first appear. */
static void put_fixes(FILE *out, const fq_checklist_item *it)
{
	size_t k, j;

	fputs("<h4>How to fix</h4>\n<ul class=\"plain\">\n", out);
	for (k = 0; k < it->nfindings; k++) {
		const fq_rule *rule = it->findings[k]->rule;

		for (j = 0; j < k && it->findings[j]->rule != rule; j++)
			;
		if (j < k)
			continue;
		fprintf(out, "<li><strong>%s</strong> %s: ", rule->id, rule->slug);
		put_prose(out, rule->remediation ? rule->remediation : rule->title, 0);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

static void put_item(FILE *out, const fq_checklist_item *it, int numbered)
{
	size_t k;

	fprintf(out, "<section class=\"card item %s\" id=\"%s\" aria-labelledby=\"%s-h\">\n<div class=\"item-head\">",
		status_class(it->status), it->id, it->id);
	if (numbered)
		fprintf(out, "<span class=\"id\">%s</span>", it->id);
	fprintf(out, "<h3 id=\"%s-h\">", it->id);
	put_html(out, it->title);
	fputs("</h3>", out);
	put_badge(out, it->status);
	fputs("</div>\n<p class=\"reason\">", out);
	put_prose(out, it->reason, 1);
	fputs(".</p>\n", out);
	if (it->nfindings) {
		fprintf(out, "<h4>Findings (%zu)</h4>\n", it->nfindings);
		put_finding_rows(out, it->findings, it->nfindings);
	}
	if (it->nevidence) {
		fputs("<h4>Evidence</h4>\n<ul class=\"plain\">\n", out);
		for (k = 0; k < it->nevidence && k < FQ_REPORT_MAX_EVIDENCE; k++) {
			fputs("<li>", out);
			put_location(out, it->evidence[k]->path, it->evidence[k]->line);
			fputs(" \xE2\x80\x94 ", out);
			put_html(out, it->evidence[k]->what);
			fputs("</li>\n", out);
		}
		if (it->nevidence > FQ_REPORT_MAX_EVIDENCE)
			fprintf(out, "<li>\xE2\x80\xA6 and %zu more (all in the JSON report)</li>\n",
				it->nevidence - FQ_REPORT_MAX_EVIDENCE);
		fputs("</ul>\n", out);
	}
	if (it->code_evidence && it->unanalysed && it->unanalysed->count) {
		fprintf(out, "<h4>Not analysed (%zu; %llu files read by the code rules)</h4>\n<ul class=\"plain\">\n",
			it->unanalysed->count, (unsigned long long)it->coverage_files);
		for (k = 0; k < it->unanalysed->count && k < FQ_REPORT_MAX_EVIDENCE; k++) {
			fputs("<li>", out);
			put_location(out, it->unanalysed->items[k].path, 0);
			fputs(" \xE2\x80\x94 ", out);
			put_html(out, it->unanalysed->items[k].message);
			fputs("</li>\n", out);
		}
		if (it->unanalysed->count > FQ_REPORT_MAX_EVIDENCE)
			fprintf(out, "<li>\xE2\x80\xA6 and %zu more (all in the JSON report)</li>\n",
				it->unanalysed->count - FQ_REPORT_MAX_EVIDENCE);
		fputs("</ul>\n", out);
	}
	if (it->attested) {
		fputs("<h4>Attestation</h4>\n<p>By <strong>", out);
		put_html(out, it->attested_by ? it->attested_by : "(unnamed)");
		fputs("</strong> on ", out);
		put_html(out, it->attested_on ? it->attested_on : "(no date)");
		if (it->attested_note && it->attested_note[0]) {
			fputs(": ", out);
			put_html(out, it->attested_note);
		}
		fputs("</p>\n", out);
		if (it->stale)
			fprintf(out, "<p><span class=\"stale\">Stale since %s</span>: older than its review period; "
				"review it again.</p>\n", it->stale_since);
	}
	if (!it->nfindings && !it->nevidence && !it->attested)
		fputs("<p class=\"none\">No findings, evidence or attestation.</p>\n", out);
	if (it->nfindings)
		put_fixes(out, it);
	fputs("</section>\n", out);
}

static void kv_row(FILE *out, const char *key, const char *untrusted)
{
	fprintf(out, "<tr><th scope=\"row\">%s</th><td>", key);
	put_html(out, untrusted && untrusted[0] ? untrusted : "\xE2\x80\x94");
	fputs("</td></tr>\n", out);
}

static void put_tls(FILE *out, const fq_tls_report *t)
{
	fputs("<div class=\"card table-card\">\n<table class=\"kv\">\n<tbody>\n", out);
	kv_row(out, "Endpoint", t->url);
	fq_report_tls_facts(out, t, kv_row);
	fputs("</tbody>\n</table>\n</div>\n", out);
}

static void put_keys(FILE *out, const fq_keys_report *kr)
{
	size_t k;

	fputs("<h3>Key API</h3>\n<div class=\"card table-card\">\n<table class=\"kv\">\n<tbody>\n", out);
	kv_row(out, "API base", kr->api_base);
	if (kr->error)
		kv_row(out, "Error", kr->error);
	if (kr->request_id)
		kv_row(out, "Request ID", kr->request_id);
	fputs("</tbody>\n</table>\n</div>\n", out);
	if (!kr->nkeys)
		return;
	fputs("<div class=\"card table-card\">\n<table>\n<thead><tr><th scope=\"col\">Key</th><th scope=\"col\">Type</th>"
	      "<th scope=\"col\">Algorithm</th><th scope=\"col\">Status</th><th scope=\"col\">Created</th>"
	      "<th scope=\"col\">Expires</th><th scope=\"col\" class=\"num\">Days left</th>"
	      "<th scope=\"col\" class=\"num\">Age (days)</th></tr></thead>\n<tbody>\n", out);
	for (k = 0; k < kr->nkeys; k++) {
		const fq_key_facts *kf = &kr->keys[k];
		const char *cells[6] = { kf->id, kf->type, kf->algorithm, kf->status, kf->created_at, kf->expires_at };
		size_t c;

		fputs("<tr>", out);
		for (c = 0; c < 6; c++) {
			fputs(c == 0 ? "<td><code>" : "<td>", out);
			put_html(out, cells[c] ? cells[c] : "\xE2\x80\x94");
			fputs(c == 0 ? "</code></td>" : "</td>", out);
		}
		if (kf->days_left == LONG_MIN)
			fputs("<td class=\"num\">no expiry</td>", out);
		else
			fprintf(out, "<td class=\"num\">%ld</td>", kf->days_left);
		if (kf->age_days < 0)
			fputs("<td class=\"num\">\xE2\x80\x94</td>", out);
		else
			fprintf(out, "<td class=\"num\">%ld</td>", kf->age_days);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</div>\n", out);
}

static void put_suppressed(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	const fq_finding **list = NULL;
	size_t k, n = 0;

	if (!o->show_suppressed)
		return;
	for (k = 0; k < r->findings.count; k++) {
		if (r->findings.items[k].suppressed) {
			list = fq_realloc_array((void *)list, n + 1, sizeof(*list));
			list[n++] = &r->findings.items[k];
		}
	}
	if (n) {
		fprintf(out, "<section aria-labelledby=\"suppressed\">\n<h2 id=\"suppressed\">Suppressed findings (%zu)</h2>\n"
			"<p class=\"small\">Shown because of <code>--no-suppress</code>; they do not count against "
			"any item.</p>\n", n);
		put_finding_rows(out, list, n);
		fputs("</section>\n", out);
	}
	free((void *)list);
}

static void put_stat(FILE *out, const char *label, uint64_t v)
{
	fprintf(out, "<div><dt>%s</dt><dd>%llu</dd></div>\n", label, (unsigned long long)v);
}

static void put_tail(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	size_t i;

	if (r->probes && (r->probes->ntls || r->probes->keys)) {
		fputs("<section aria-labelledby=\"probes\">\n<h2 id=\"probes\">Live probes</h2>\n", out);
		for (i = 0; i < r->probes->ntls; i++)
			put_tls(out, &r->probes->tls[i]);
		if (r->probes->keys)
			put_keys(out, r->probes->keys);
		fputs("</section>\n", out);
	}
	if (r->errors.count) {
		fprintf(out, "<section aria-labelledby=\"notes\">\n<h2 id=\"notes\">Notes (%zu)</h2>\n"
			"<div class=\"card table-card\">\n<table>\n<thead><tr><th scope=\"col\">Path</th>"
			"<th scope=\"col\">Note</th></tr></thead>\n<tbody>\n", r->errors.count);
		for (i = 0; i < r->errors.count; i++) {
			fputs("<tr><td>", out);
			put_location(out, r->errors.items[i].path, 0);
			fputs("</td><td>", out);
			put_html(out, r->errors.items[i].message);
			fputs("</td></tr>\n", out);
		}
		fputs("</tbody>\n</table>\n</div>\n</section>\n", out);
	}
	fputs("<section aria-labelledby=\"stats\">\n<h2 id=\"stats\">Scan statistics</h2>\n<div class=\"card\">\n"
	      "<dl class=\"stats\">\n", out);
	put_stat(out, "Files scanned", r->stats.files);
	put_stat(out, "Bytes scanned", r->stats.bytes);
	put_stat(out, "Files parsed", r->stats.parsed_files);
	put_stat(out, "Blobs read", r->stats.blobs);
	put_stat(out, "Commits walked", r->stats.commits);
	put_stat(out, "Findings suppressed", r->stats.suppressed);
	put_stat(out, "Binary files (key rules only)", r->stats.binary_files);
	put_stat(out, "Archives opened (key rules only)", r->stats.archives);
	put_stat(out, "Archive members read", r->stats.archive_members);
	put_stat(out, "Skipped: too large", r->stats.skipped_large);
	put_stat(out, "Skipped: unreadable", r->stats.skipped_unreadable);
	fprintf(out, "<div><dt>Scan complete</dt><dd>%s</dd></div>\n", r->incomplete ? "no" : "yes");
	fputs("</dl>\n</div>\n</section>\n<footer>\n<p>Generated by fourq-scan ", out);
	put_html(out, o->version ? o->version : "");
	fputs(". Keys are shown redacted (prefix, first characters, length and a SHA-256 fragment); "
	      "no report holds a whole key. Items a person must confirm are recorded as attestations in "
	      "<code>.fourq-scan.yml</code>.</p>\n</footer>\n", out);
}

int fq_report_html(FILE *out, const fq_scan_result *r, const fq_report_options *o)
{
	fq_checklist cl;
	size_t i;

	fq_checklist_build(&cl, r, o->now);
	put_head(out, r, o);
	put_header(out, r, o);
	put_summary(out, r, &cl);
	fputs("<section aria-labelledby=\"checklist\">\n<h2 id=\"checklist\">Checklist</h2>\n", out);
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++)
		put_item(out, &cl.items[i], 1);
	fputs("</section>\n<section aria-labelledby=\"practices\">\n<h2 id=\"practices\">Payload handling and "
	      "development practices</h2>\n", out);
	for (i = 0; i < FQ_CHECKLIST_SECTIONS; i++)
		put_item(out, &cl.sections[i], 0);
	fputs("</section>\n", out);
	put_suppressed(out, r, o);
	put_tail(out, r, o);
	fputs("</main>\n</body>\n</html>\n", out);
	fq_checklist_free(&cl);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the HTML report") : 0;
}
