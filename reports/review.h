/*
 * The organisation report of `review` and `merge` (SPEC §1, §7): one row per
 * repository with its checklist C01–C10, its open findings by severity and
 * what changed since the previous review, then totals.
 *
 * The model is the JSON document of SPEC §7 itself, a jansson tree: review
 * builds each row from a scan result (fq_review_row), merge reads rows back
 * from shard reports (fq_review_report_check, fq_review_sanitize), and
 * fq_review_report assembles rows into a report with its totals computed
 * from the rows alone.  Every format (json, html, markdown, text: one const
 * descriptor each in fq_review_reporters) writes from that tree, so a
 * merged report is the report one machine would have written.
 *
 * The writers treat every string of the tree as untrusted (a merged report
 * comes from a file): each is made safe again (keys redacted, UTF-8
 * repaired) and escaped for its format.
 */
#ifndef FQ_REVIEW_REPORT_H
#define FQ_REVIEW_REPORT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* Longest repository name; names are [A-Za-z0-9._-], neither "." nor "..":
 * they become file names (DIR/<name>.sarif) and HTML anchors. */
#define FQ_REVIEW_NAME_MAX 100

int fq_review_name_valid(const char *name);

/* The distinct fingerprints of the open (not suppressed) findings of a
 * scan, sorted: what the review history stores.  New reference. */
json_t *fq_review_open_fingerprints(const fq_scan_result *r);

/* {"new", "fixed", "open"} of `now` against `before` (both sorted arrays of
 * strings, as fq_review_open_fingerprints makes them; before NULL when there
 * was no earlier review: everything is new).  New reference. */
json_t *fq_review_changes(const json_t *now, const json_t *before);

/* A row of a repository that was scanned: the checklist (as of o->now),
 * counts and open findings of r, `changes` stolen (NULL: all empty).  error is NULL for a complete row,
 * else why it is incomplete (made safe here).  head may be NULL (unborn).
 * New reference. */
json_t *fq_review_row(const char *name, const char *source, const char *head, const char *error,
		      const fq_scan_result *r, const fq_report_options *o, json_t *changes);
/* A row of a repository that could not be fetched or read. */
json_t *fq_review_row_failed(const char *name, const char *source, const char *error);

/* The report: rows (an array, stolen) sorted by name, `shard` {index,
 * count} or null (count 0), totals computed from the rows, stats {time,
 * elapsed_ms}; `time` is RFC 3339 UTC.  New reference. */
json_t *fq_review_report(json_t *rows, int shard_index, int shard_count, const char *time, uint64_t elapsed_ms,
			 const char *version);

/* 0 when root looks like a review report whose rows the writers can read;
 * else -1 with why (static text or written into why). */
int fq_review_report_check(const json_t *root, char *why, size_t why_len);

/* Replaces every string in v (recursively) by its made-safe copy. */
void fq_review_sanitize(json_t *v);

/* *incomplete: some row is incomplete; *failing: some open finding is at or
 * above fail_on (never with FQ_SEV_NONE). */
void fq_review_outcome(const json_t *report, fq_severity fail_on, int *incomplete, int *failing);

typedef struct fq_review_reporter {
	const char *name;            /* the --format / --report name */
	/* Writes the whole report; 0 or a negative FQ_E* code. */
	int (*write)(FILE *out, const json_t *report);
} fq_review_reporter;

extern const fq_review_reporter fq_review_reporters[];
extern const size_t fq_review_reporters_count;

/* The writer for a format name, or NULL (sarif and junit are per
 * repository, not organisation formats). */
const fq_review_reporter *fq_review_reporter_find(const char *name);

#endif
