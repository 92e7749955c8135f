/*
 * Report emitters, one per format, each a const descriptor (name + write
 * function) in fq_reporters.  They all read the same scan result and the
 * checklist model (reports/checklist.h); none of them ever sees a raw key,
 * since findings are redacted when made and notes are made safe here.
 */
#ifndef FQ_REPORT_H
#define FQ_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "../scanner/engine.h"

/* Reports for people list at most this many pieces of evidence per item. */
#define FQ_REPORT_MAX_EVIDENCE 12

typedef struct fq_report_options {
	int color;                   /* ANSI colours (text, on a terminal only) */
	int show_suppressed;         /* --no-suppress: list suppressed findings too */
	fq_severity fail_on;         /* threshold, for summaries */
	const char *version;         /* tool version */
	int64_t now;                 /* "today" for attestations (SOURCE_DATE_EPOCH or the clock) */
} fq_report_options;

typedef struct fq_reporter {
	const char *name;            /* "json": the --format / --report name */
	/* Writes the whole report; returns 0 or a negative FQ_E* code. */
	int (*write)(FILE *out, const fq_scan_result *result, const fq_report_options *opts);
} fq_reporter;

extern const fq_reporter fq_reporters[];
extern const size_t fq_reporters_count;

const fq_reporter *fq_reporter_find(const char *name);

int fq_report_text(FILE *out, const fq_scan_result *r, const fq_report_options *o);
int fq_report_json(FILE *out, const fq_scan_result *r, const fq_report_options *o);
int fq_report_sarif(FILE *out, const fq_scan_result *r, const fq_report_options *o);
int fq_report_junit(FILE *out, const fq_scan_result *r, const fq_report_options *o);
int fq_report_markdown(FILE *out, const fq_scan_result *r, const fq_report_options *o);
int fq_report_html(FILE *out, const fq_scan_result *r, const fq_report_options *o);

/* 1 when the finding appears in reports under these options. */
int fq_report_shows(const fq_finding *f, const fq_report_options *o);

#define FQ_REPLACEMENT "\xEF\xBF\xBD"

/* For reports people read: a made-safe copy (fq_report_safe) in which CR is
 * dropped, controls, bidi overrides and non-characters become U+FFFD, and
 * newline and tab become U+FFFD in a path or a space when one_line.  The
 * caller frees it. */
char *fq_report_clean(const char *raw, int one_line, int is_path);
/* Writes an untrusted string (cleaned as above) as HTML text or an
 * attribute value; is_path as for fq_report_clean.  NULL writes nothing. */
void fq_report_put_html(FILE *out, const char *raw, int is_path);
/* The colours and the page ground both HTML reports (the audit's and the
 * organisation review's) share; each adds its own layout. */
#define FQ_REPORT_CSS_BASE \
	":root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--card:#fff;" \
	"--pass:#1a7f37;--pass-bg:#dafbe1;--warn:#8a5a00;--warn-bg:#fff4c2;--fail:#c4161c;--fail-bg:#ffebe9;" \
	"--unv:#4f5b67;--unv-bg:#eaeef2}\n" \
	"*{box-sizing:border-box}\n" \
	"body{margin:0;background:var(--soft);color:var(--fg);" \
	"font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"DejaVu Sans\"," \
	"sans-serif}\n"
/* "working tree", "full history"... */
const char *fq_report_mode_label(fq_mode m);

/* The facts of one TLS probe as key/value rows, for the reports people
 * read (each format writes a row its own way). */
struct fq_tls_report;
void fq_report_tls_facts(FILE *out, const struct fq_tls_report *t,
			 void (*kv_row)(FILE *out, const char *key, const char *value));

/* Made-safe copy of a note's fields (keys redacted, UTF-8 repaired). */
char *fq_report_safe(const char *s);

#endif
