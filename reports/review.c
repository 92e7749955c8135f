/*
 * The organisation report of review and merge (see review.h): the row
 * builder, the totals, the check merge runs on its inputs, and the four
 * writers.  The HTML page is one self-contained file like the audit report
 * (reports/html.c): inline CSS, a Content-Security-Policy that forbids
 * scripts and remote loads, every string made safe and escaped.
 */
#define _GNU_SOURCE
#include "review.h"
#include "checklist.h"
#include "jsonutil.h"
#include "../util/common.h"
#include "../util/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Reports for people list at most this many findings per repository; the
 * JSON report has them all. */
#define MAX_LISTED 200

/* Severities from the worst down, as counts and totals list them. */
static const fq_severity sev_order[5] = { FQ_SEV_CRITICAL, FQ_SEV_HIGH, FQ_SEV_MEDIUM, FQ_SEV_LOW, FQ_SEV_INFO };

int fq_review_name_valid(const char *name)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n == 0 || n > FQ_REVIEW_NAME_MAX || !strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *fq_review_open_fingerprints(const fq_scan_result *r)
{
	const char **fps = fq_calloc(r->findings.count + 1, sizeof(*fps));
	json_t *arr = json_array();
	size_t i, n = 0;

	for (i = 0; i < r->findings.count; i++) {
		if (!r->findings.items[i].suppressed)
			fps[n++] = r->findings.items[i].fingerprint;
	}
	qsort(fps, n, sizeof(*fps), cmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(fps[i], fps[i - 1]) != 0)
			json_array_append_new(arr, json_string(fps[i]));
	}
	free(fps);
	return arr;
}

json_t *fq_review_changes(const json_t *now, const json_t *before)
{
	json_t *ch = json_object(), *added = json_array(), *fixed = json_array(), *open = json_array();
	size_t i = 0, j = 0, n = json_array_size(now), m = before ? json_array_size(before) : 0;

	/* both sorted: one walk */
	while (i < n || j < m) {
		const char *a = i < n ? json_string_value(json_array_get(now, i)) : NULL;
		const char *b = j < m ? json_string_value(json_array_get(before, j)) : NULL;
		int c = !a ? 1 : !b ? -1 : strcmp(a, b);

		if (c < 0) {
			json_array_append_new(added, json_string(a));
			i++;
		} else if (c > 0) {
			json_array_append_new(fixed, json_string(b));
			j++;
		} else {
			json_array_append_new(open, json_string(a));
			i++;
			j++;
		}
	}
	json_object_set_new(ch, "new", added);
	json_object_set_new(ch, "fixed", fixed);
	json_object_set_new(ch, "open", open);
	return ch;
}

static json_t *empty_changes(void)
{
	json_t *ch = json_object();

	json_object_set_new(ch, "new", json_array());
	json_object_set_new(ch, "fixed", json_array());
	json_object_set_new(ch, "open", json_array());
	return ch;
}

static json_t *row_head(const char *name, const char *source, const char *head, const char *error)
{
	json_t *row = json_object();

	json_object_set_new(row, "name", json_string(name));
	json_object_set_new(row, "source", fq_json_str(source));
	json_object_set_new(row, "complete", json_boolean(error == NULL));
	json_object_set_new(row, "error", fq_json_str(error));
	json_object_set_new(row, "head", fq_json_str(head));
	return row;
}

static json_t *zero_counts(void)
{
	json_t *c = json_object();
	size_t k;

	for (k = 0; k < 5; k++)
		json_object_set_new(c, fq_severity_name(sev_order[k]), json_integer(0));
	return c;
}

json_t *fq_review_row(const char *name, const char *source, const char *head, const char *error,
		      const fq_scan_result *r, const fq_report_options *o, json_t *changes)
{
	json_t *row = row_head(name, source, head, error), *cl_json = json_array(), *findings = json_array();
	json_int_t counts[FQ_SEV_NONE] = { 0 };
	json_t *cj = json_object();
	fq_checklist cl;
	size_t i;

	fq_checklist_build(&cl, r, o->now);
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		json_t *it = json_object();

		json_object_set_new(it, "id", json_string(cl.items[i].id));
		json_object_set_new(it, "status", json_string(fq_check_status_name(cl.items[i].status)));
		json_array_append_new(cl_json, it);
	}
	fq_checklist_free(&cl);
	for (i = 0; i < r->findings.count; i++) {
		const fq_finding *f = &r->findings.items[i];

		if (f->suppressed)
			continue;
		if (f->severity < FQ_SEV_NONE)
			counts[f->severity]++;
		json_array_append_new(findings, fq_json_finding(f));
	}
	for (i = 0; i < 5; i++)
		json_object_set_new(cj, fq_severity_name(sev_order[i]), json_integer(counts[sev_order[i]]));
	json_object_set_new(row, "checklist", cl_json);
	json_object_set_new(row, "counts", cj);
	json_object_set_new(row, "findings", findings);
	json_object_set_new(row, "changes", changes ? changes : empty_changes());
	return row;
}

json_t *fq_review_row_failed(const char *name, const char *source, const char *error)
{
	json_t *row = row_head(name, source, NULL, error ? error : "could not be reviewed");

	json_object_set_new(row, "checklist", json_array());
	json_object_set_new(row, "counts", zero_counts());
	json_object_set_new(row, "findings", json_array());
	json_object_set_new(row, "changes", empty_changes());
	return row;
}

static const char *row_name(const json_t *row)
{
	const char *s = json_string_value(json_object_get(row, "name"));

	return s ? s : "";
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(row_name(*(json_t *const *)a), row_name(*(json_t *const *)b));
}

/* A status of a row's checklist item, or NULL when the row has none. */
static const char *item_status(const json_t *row, const char *id)
{
	size_t i;
	const json_t *cl = json_object_get(row, "checklist");

	for (i = 0; i < json_array_size(cl); i++) {
		const json_t *it = json_array_get(cl, i);
		const char *iid = json_string_value(json_object_get(it, "id"));

		if (iid && !strcmp(iid, id))
			return json_string_value(json_object_get(it, "status"));
	}
	return NULL;
}

static int row_complete(const json_t *row)
{
	return json_is_true(json_object_get(row, "complete"));
}

/* Ready (SPEC §7): complete, all ten items there, none FAIL or UNVERIFIED. */
static int row_ready(const json_t *row)
{
	const json_t *cl = json_object_get(row, "checklist");
	size_t i;

	if (!row_complete(row) || json_array_size(cl) != FQ_CHECKLIST_ITEMS)
		return 0;
	for (i = 0; i < json_array_size(cl); i++) {
		const char *s = json_string_value(json_object_get(json_array_get(cl, i), "status"));

		if (!s || !strcmp(s, "FAIL") || !strcmp(s, "UNVERIFIED"))
			return 0;
	}
	return 1;
}

static json_int_t count_of(const json_t *row, fq_severity s)
{
	json_int_t v = json_integer_value(json_object_get(json_object_get(row, "counts"), fq_severity_name(s)));

	return v > 0 ? v : 0;
}

json_t *fq_review_report(json_t *rows, int shard_index, int shard_count, const char *time, uint64_t elapsed_ms,
			 const char *version)
{
	json_t *root = json_object(), *tool = json_object(), *sorted = json_array(), *totals = json_object();
	json_t *tf = json_object(), *stats = json_object(), **v;
	size_t i, k, n = json_array_size(rows), complete = 0, ready = 0;
	json_int_t sums[5] = { 0 };

	v = fq_calloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = json_array_get(rows, i);
	qsort(v, n, sizeof(*v), cmp_row);
	for (i = 0; i < n; i++) {
		json_array_append(sorted, v[i]);
		complete += row_complete(v[i]);
		ready += row_ready(v[i]);
		for (k = 0; k < 5; k++)
			sums[k] += count_of(v[i], sev_order[k]);
	}
	free(v);
	json_decref(rows);

	json_object_set_new(tool, "name", json_string("fourq-scan"));
	json_object_set_new(tool, "version", json_string(version));
	json_object_set_new(root, "tool", tool);
	json_object_set_new(root, "kind", json_string("review"));
	if (shard_count > 0) {
		json_t *sh = json_object();

		json_object_set_new(sh, "index", json_integer(shard_index));
		json_object_set_new(sh, "count", json_integer(shard_count));
		json_object_set_new(root, "shard", sh);
	} else {
		json_object_set_new(root, "shard", json_null());
	}
	json_object_set_new(root, "repositories", sorted);
	json_object_set_new(totals, "repositories", json_integer((json_int_t)n));
	json_object_set_new(totals, "complete", json_integer((json_int_t)complete));
	json_object_set_new(totals, "ready", json_integer((json_int_t)ready));
	for (k = 0; k < 5; k++)
		json_object_set_new(tf, fq_severity_name(sev_order[k]), json_integer(sums[k]));
	json_object_set_new(totals, "findings", tf);
	json_object_set_new(root, "totals", totals);
	json_object_set_new(stats, "time", fq_json_str(time));
	json_object_set_new(stats, "elapsed_ms", json_integer((json_int_t)elapsed_ms));
	json_object_set_new(root, "stats", stats);
	return root;
}

static int is_str_or_null(const json_t *v)
{
	return json_is_string(v) || json_is_null(v);
}

static int all_strings(const json_t *arr)
{
	size_t i;

	if (!json_is_array(arr))
		return 0;
	for (i = 0; i < json_array_size(arr); i++) {
		if (!json_is_string(json_array_get(arr, i)))
			return 0;
	}
	return 1;
}

int fq_review_report_check(const json_t *root, char *why, size_t why_len)
{
	const json_t *rows = json_object_get(root, "repositories");
	const char *kind = json_string_value(json_object_get(root, "kind"));
	size_t i, k;

	if (!json_is_object(root) || !kind || strcmp(kind, "review") != 0 || !json_is_array(rows)) {
		snprintf(why, why_len, "not a review report (no \"kind\": \"review\" with \"repositories\")");
		return -1;
	}
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i), *counts = json_object_get(row, "counts");
		const json_t *changes = json_object_get(row, "changes"), *cl = json_object_get(row, "checklist");
		const char *bad = NULL;

		if (!json_is_object(row))
			bad = "not an object";
		else if (!fq_review_name_valid(json_string_value(json_object_get(row, "name"))))
			bad = "no valid \"name\"";
		else if (!is_str_or_null(json_object_get(row, "source")) || !is_str_or_null(json_object_get(row, "error")) ||
			 !is_str_or_null(json_object_get(row, "head")) || !json_is_boolean(json_object_get(row, "complete")))
			bad = "\"source\", \"error\", \"head\" or \"complete\" missing or of the wrong type";
		else if (!json_is_array(cl) || !json_is_array(json_object_get(row, "findings")) || !json_is_object(counts))
			bad = "\"checklist\", \"findings\" or \"counts\" missing or of the wrong type";
		else if (!json_is_object(changes) || !all_strings(json_object_get(changes, "new")) ||
			 !all_strings(json_object_get(changes, "fixed")) || !all_strings(json_object_get(changes, "open")))
			bad = "\"changes\" is not {new, fixed, open} lists of fingerprints";
		for (k = 0; !bad && k < 5; k++) {
			if (!json_is_integer(json_object_get(counts, fq_severity_name(sev_order[k]))))
				bad = "\"counts\" lacks a severity";
		}
		for (k = 0; !bad && k < json_array_size(cl); k++) {
			const json_t *it = json_array_get(cl, k);

			if (!json_is_string(json_object_get(it, "id")) || !json_is_string(json_object_get(it, "status")))
				bad = "a checklist entry without \"id\" and \"status\"";
		}
		for (k = 0; !bad && k < json_array_size(json_object_get(row, "findings")); k++) {
			if (!json_is_object(json_array_get(json_object_get(row, "findings"), k)))
				bad = "a finding that is not an object";
		}
		if (bad) {
			snprintf(why, why_len, "repositories[%zu]: %s", i, bad);
			return -1;
		}
	}
	return 0;
}

void fq_review_sanitize(json_t *v)
{
	const char *key;
	json_t *val;
	size_t i;

	if (json_is_string(v)) {
		char *safe = fq_report_safe(json_string_value(v));

		if (strcmp(safe, json_string_value(v)) != 0)
			json_string_set(v, safe);
		free(safe);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, val)
			fq_review_sanitize(val);
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, val)
			fq_review_sanitize(val);
	}
}

void fq_review_outcome(const json_t *report, fq_severity fail_on, int *incomplete, int *failing)
{
	const json_t *rows = json_object_get(report, "repositories");
	size_t i, k;

	*incomplete = *failing = 0;
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);

		*incomplete |= !row_complete(row);
		for (k = 0; fail_on != FQ_SEV_NONE && k < 5; k++)
			*failing |= sev_order[k] >= fail_on && count_of(row, sev_order[k]) > 0;
	}
}

/* ------------------------------------------------------------ the writers */

static int write_json(FILE *out, const json_t *report)
{
	int rc = json_dumpf(report, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputc('\n', out);
	return rc == 0 ? 0 : fq_error_set(FQ_EIO, "cannot write the JSON report");
}

static const char *str_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* "2 critical, 1 high" (nonzero severities), or "no findings". */
static void counts_phrase(char *buf, size_t len, const json_t *row)
{
	size_t k, used = 0;

	buf[0] = '\0';
	for (k = 0; k < 5; k++) {
		json_int_t n = count_of(row, sev_order[k]);
		int w;

		if (!n)
			continue;
		w = snprintf(buf + used, len - used, "%s%lld %s", used ? ", " : "", (long long)n,
			     fq_severity_name(sev_order[k]));
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
	if (!used)
		snprintf(buf, len, "no findings");
}

/* The titles of C01–C10, from the checklist model itself. */
static void item_titles(const char *ids[FQ_CHECKLIST_ITEMS], const char *titles[FQ_CHECKLIST_ITEMS])
{
	fq_scan_result none;
	fq_checklist cl;
	size_t i;

	memset(&none, 0, sizeof(none));
	fq_checklist_build(&cl, &none, 0);
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		ids[i] = cl.items[i].id;     /* static strings of checklist.c */
		titles[i] = cl.items[i].title;
	}
	fq_checklist_free(&cl);
}

static size_t changes_count(const json_t *row, const char *which)
{
	return json_array_size(json_object_get(json_object_get(row, "changes"), which));
}

static const char *shard_phrase(const json_t *report, char *buf, size_t len)
{
	const json_t *sh = json_object_get(report, "shard");

	if (!json_is_object(sh))
		return "all repositories";
	snprintf(buf, len, "shard %lld of %lld", (long long)json_integer_value(json_object_get(sh, "index")),
		 (long long)json_integer_value(json_object_get(sh, "count")));
	return buf;
}

/* A severity name the writers know (a class name, a column), else "info". */
static const char *known_sev(const char *s)
{
	fq_severity v;

	return s && fq_severity_parse(s, &v) == 0 && v != FQ_SEV_NONE ? s : "info";
}

/* ----- text */

static void put_term(FILE *out, const char *raw)
{
	char *s = fq_report_clean(raw ? raw : "", 1, 0), *t = fq_terminal_safe(s);

	fputs(t, out);
	free(t);
	free(s);
}

static int write_text(FILE *out, const json_t *report)
{
	const json_t *rows = json_object_get(report, "repositories"), *tot = json_object_get(report, "totals");
	const char *ids[FQ_CHECKLIST_ITEMS], *titles[FQ_CHECKLIST_ITEMS];
	char shard[64];
	size_t i, k;

	item_titles(ids, titles);
	fprintf(out, "fourq-scan review (%s): %lld repositories, %lld complete, %lld ready\n",
		shard_phrase(report, shard, sizeof(shard)), (long long)json_integer_value(json_object_get(tot, "repositories")),
		(long long)json_integer_value(json_object_get(tot, "complete")),
		(long long)json_integer_value(json_object_get(tot, "ready")));
	fputs("open findings:", out);
	for (k = 0; k < 5; k++)
		fprintf(out, " %lld %s%s", (long long)json_integer_value(json_object_get(json_object_get(tot, "findings"),
											   fq_severity_name(sev_order[k]))),
			fq_severity_name(sev_order[k]), k < 4 ? "," : "\n");
	fprintf(out, "\n%-28s %-20s %4s %4s %4s %4s %4s %5s %5s\n", "REPOSITORY", "C01..C10", "CRIT", "HIGH", "MED",
		"LOW", "INFO", "NEW", "FIXED");
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		char cells[2 * FQ_CHECKLIST_ITEMS + 1];

		fprintf(out, "%-28s ", row_name(row));
		if (!row_complete(row) && !json_array_size(json_object_get(row, "checklist"))) {
			fputs("incomplete: ", out);
			put_term(out, str_of(row, "error"));
			fputc('\n', out);
			continue;
		}
		for (k = 0; k < FQ_CHECKLIST_ITEMS; k++) {
			const char *s = item_status(row, ids[k]);

			cells[2 * k] = s ? s[0] : '-';
			cells[2 * k + 1] = ' ';
		}
		cells[2 * FQ_CHECKLIST_ITEMS - 1] = '\0';
		fprintf(out, "%-20s", cells);
		for (k = 0; k < 5; k++)
			fprintf(out, " %4lld", (long long)count_of(row, sev_order[k]));
		if (row_complete(row)) {
			fprintf(out, " %5zu %5zu\n", changes_count(row, "new"), changes_count(row, "fixed"));
		} else {
			/* not compared with the previous review */
			fprintf(out, " %5s %5s\n%-28s incomplete: ", "-", "-", "");
			put_term(out, str_of(row, "error"));
			fputc('\n', out);
		}
	}
	fputs("\nP pass, W warn, F fail, U unverified, - not checked.", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fprintf(out, "%s%s %s", k % 3 == 0 ? "\n  " : "; ", ids[k], titles[k]);
	fputc('\n', out);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the report") : 0;
}

/* ----- Markdown */

static void md_text(FILE *out, const char *raw)
{
	char *s = fq_report_clean(raw ? raw : "", 1, 0);
	const char *p;

	for (p = s; *p; p++) {
		if (strchr("\\`*_[]<>|&~#$!", *p))
			fputc('\\', out);
		fputc(*p, out);
	}
	free(s);
}

static int write_markdown(FILE *out, const json_t *report)
{
	const json_t *rows = json_object_get(report, "repositories"), *tot = json_object_get(report, "totals");
	const char *ids[FQ_CHECKLIST_ITEMS], *titles[FQ_CHECKLIST_ITEMS];
	char shard[64], phrase[160];
	size_t i, k, incomplete = 0;

	item_titles(ids, titles);
	fputs("# 4Quays organisation security review\n\n", out);
	fputs("Reviewed ", out);
	md_text(out, str_of(json_object_get(report, "stats"), "time"));
	fprintf(out, " (%s) by fourq-scan ", shard_phrase(report, shard, sizeof(shard)));
	md_text(out, str_of(json_object_get(report, "tool"), "version"));
	fputs(".\n\n", out);
	fprintf(out, "- **Repositories:** %lld, %lld complete, %lld ready for production\n",
		(long long)json_integer_value(json_object_get(tot, "repositories")),
		(long long)json_integer_value(json_object_get(tot, "complete")),
		(long long)json_integer_value(json_object_get(tot, "ready")));
	fputs("- **Open findings:**", out);
	for (k = 0; k < 5; k++)
		fprintf(out, " %lld %s%s", (long long)json_integer_value(json_object_get(json_object_get(tot, "findings"),
											   fq_severity_name(sev_order[k]))),
			fq_severity_name(sev_order[k]), k < 4 ? "," : "\n\n");
	fputs("| Repository |", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fprintf(out, " %s |", ids[k]);
	fputs(" Open findings | Changes since the previous review |\n|---|", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fputs(":-:|", out);
	fputs("---|---|\n", out);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);

		fputs("| ", out);
		md_text(out, row_name(row));
		if (!row_complete(row)) {
			fputs(" (**incomplete**)", out);
			incomplete++;
		}
		fputs(" |", out);
		for (k = 0; k < FQ_CHECKLIST_ITEMS; k++) {
			const char *s = item_status(row, ids[k]);

			if (!s)
				fputs(" N/A |", out);
			else if (!strcmp(s, "FAIL"))
				fputs(" **FAIL** |", out);
			else {
				fputc(' ', out);
				md_text(out, s);
				fputs(" |", out);
			}
		}
		counts_phrase(phrase, sizeof(phrase), row);
		if (row_complete(row))
			fprintf(out, " %s | %zu new, %zu fixed, %zu open |\n", phrase, changes_count(row, "new"),
				changes_count(row, "fixed"), changes_count(row, "open"));
		else
			fprintf(out, " %s | not compared (incomplete) |\n", phrase);
	}
	if (incomplete) {
		fprintf(out, "\n## Incomplete (%zu)\n\nThese repositories could not be reviewed: this review is not a "
			"pass.\n\n", incomplete);
		for (i = 0; i < json_array_size(rows); i++) {
			const json_t *row = json_array_get(rows, i);

			if (row_complete(row))
				continue;
			fputs("- **", out);
			md_text(out, row_name(row));
			fputs("**: ", out);
			md_text(out, str_of(row, "error"));
			fputc('\n', out);
		}
	}
	fputs("\n", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fprintf(out, "%s%s %s", k ? "; " : "", ids[k], titles[k]);
	fputs(".\n", out);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the report") : 0;
}

/* ----- HTML */

static void put_html(FILE *out, const char *raw)
{
	fq_report_put_html(out, raw, 0);
}

static const char css[] =
	FQ_REPORT_CSS_BASE
	"main{max-width:1320px;margin:0 auto;padding:28px 24px 48px}\n"
	"h1{font-size:28px;line-height:1.25;margin:2px 0 14px}\n"
	"h2{font-size:20px;margin:34px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}\n"
	"h3{font-size:17px;margin:0 0 6px}\n"
	"code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"DejaVu Sans Mono\",monospace;font-size:13px;"
	"overflow-wrap:anywhere}\n"
	"a{color:inherit}\n"
	".eyebrow{font-size:12px;font-weight:700;letter-spacing:.1em;text-transform:uppercase;color:var(--muted);margin:0}\n"
	".meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0 0 8px}\n"
	".meta dt{color:var(--muted)}.meta dd{margin:0}\n"
	".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:12px 0}\n"
	".alert{background:var(--fail-bg);border-color:var(--fail);color:var(--fail);font-weight:600}\n"
	".tiles{display:grid;grid-template-columns:repeat(8,1fr);gap:10px;margin:12px 0}\n"
	".tile{background:var(--card);border:1px solid var(--line);border-top:5px solid var(--unv);border-radius:8px;padding:8px 12px}\n"
	".tile .n{display:block;font-size:28px;font-weight:700;line-height:1.15}\n"
	".tile .l{color:var(--muted);font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.05em}\n"
	".tile.good{border-top-color:var(--pass)}.tile.bad{border-top-color:var(--fail)}.tile.t-critical{border-top-color:#8c0f14}"
	".tile.t-high{border-top-color:var(--fail)}.tile.t-medium{border-top-color:#d4a72c}.tile.t-low{border-top-color:#0550ae}\n"
	"table{width:100%;border-collapse:collapse;font-size:14px;background:var(--card)}\n"
	"th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}\n"
	"th{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft)}\n"
	".table-card{padding:0;overflow-x:auto}\n"
	".matrix td,.matrix th{text-align:center;vertical-align:middle}.matrix td.name,.matrix th.name{text-align:left}\n"
	".matrix td.name a{font-weight:700;text-decoration:none}.matrix td.name a:hover{text-decoration:underline}\n"
	".cell{font-size:11px;font-weight:700;letter-spacing:.03em;white-space:nowrap;border-left:2px solid var(--card)}\n"
	".st-pass{color:var(--pass);background:var(--pass-bg)}.st-warn{color:var(--warn);background:var(--warn-bg)}"
	".st-fail{color:var(--fail);background:var(--fail-bg)}.st-unverified{color:var(--unv);background:var(--unv-bg)}"
	".st-na{color:var(--muted);background:var(--card)}\n"
	".sev{display:inline-block;min-width:1.8em;padding:0 6px;margin:1px;border:1px solid;border-radius:4px;font-size:12px;"
	"font-weight:700;text-align:center;white-space:nowrap}\n"
	".sev-critical{color:#fff;background:#8c0f14;border-color:#8c0f14}.sev-high{color:var(--fail);background:var(--fail-bg)}"
	".sev-medium{color:var(--warn);background:var(--warn-bg)}.sev-low{color:#0550ae;background:#ddf4ff}"
	".sev-info{color:var(--unv);background:var(--unv-bg)}\n"
	".tag{display:inline-block;padding:0 7px;border-radius:999px;font-size:11px;font-weight:700;border:1px solid;"
	"white-space:nowrap;vertical-align:1px;margin-left:6px}\n"
	".tag.ready{color:var(--pass);background:var(--pass-bg)}.tag.incomplete{color:var(--fail);background:var(--fail-bg)}"
	".tag.new{color:#8250df;background:#fbefff}\n"
	".chg{white-space:nowrap;font-variant-numeric:tabular-nums;color:var(--muted)}.chg .plus{color:var(--fail);font-weight:700}"
	".chg .minus{color:var(--pass);font-weight:700}\n"
	".small,.none{color:var(--muted);font-size:13px}\n"
	".legend{columns:2;font-size:13px;color:var(--muted);margin:10px 0 0;padding:0 10px;list-style:none}\n"
	".repo{border-left:6px solid var(--unv)}.repo.good{border-left-color:var(--pass)}.repo.bad{border-left-color:var(--fail)}"
	".repo.warn{border-left-color:#d4a72c}\n"
	".findings th:nth-child(1){width:90px}.findings th:nth-child(2){width:200px}.findings th:nth-child(3){width:30%}\n"
	"footer{margin-top:36px;color:var(--muted);font-size:13px;border-top:1px solid var(--line);padding-top:12px}\n"
	"@media (max-width:900px){.tiles{grid-template-columns:repeat(4,1fr)}.legend{columns:1}}\n"
	"@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{background:#fff;font-size:10pt}"
	"main{max-width:none;padding:0}tr,.tile{break-inside:avoid}a{text-decoration:none}}\n";

static const char *status_class(const char *s)
{
	if (!s)
		return "st-na";
	if (!strcmp(s, "PASS"))
		return "st-pass";
	if (!strcmp(s, "WARN"))
		return "st-warn";
	if (!strcmp(s, "FAIL"))
		return "st-fail";
	return "st-unverified";
}

static void put_tile(FILE *out, const char *cls, long long n, const char *label)
{
	fprintf(out, "<div class=\"tile %s\"><span class=\"n\">%lld</span><span class=\"l\">%s</span></div>\n", cls, n,
		label);
}

static void put_counts(FILE *out, const json_t *row)
{
	size_t k;
	int any = 0;

	for (k = 0; k < 5; k++) {
		json_int_t n = count_of(row, sev_order[k]);

		if (n) {
			fprintf(out, "<span class=\"sev sev-%s\" title=\"%s\">%lld</span>", fq_severity_name(sev_order[k]),
				fq_severity_name(sev_order[k]), (long long)n);
			any = 1;
		}
	}
	if (!any)
		fputs("<span class=\"none\">none</span>", out);
}

static void put_summary(FILE *out, const json_t *report)
{
	const json_t *tot = json_object_get(report, "totals"), *tf = json_object_get(tot, "findings");
	long long n = json_integer_value(json_object_get(tot, "repositories"));
	long long complete = json_integer_value(json_object_get(tot, "complete"));
	long long ready = json_integer_value(json_object_get(tot, "ready"));
	size_t k;

	fputs("<section aria-labelledby=\"totals\">\n<h2 id=\"totals\">Totals</h2>\n", out);
	if (complete < n)
		fprintf(out, "<div class=\"card alert\" role=\"alert\">%lld of %lld repositories could not be reviewed "
			"(their rows say why): this review is not a pass.</div>\n", n - complete, n);
	fputs("<div class=\"tiles\">\n", out);
	put_tile(out, "", n, "Repositories");
	put_tile(out, ready ? "good" : "", ready, "Ready");
	put_tile(out, complete < n ? "bad" : "good", n - complete, "Incomplete");
	for (k = 0; k < 5; k++) {
		char cls[32];

		snprintf(cls, sizeof(cls), "t-%s", fq_severity_name(sev_order[k]));
		put_tile(out, cls, (long long)json_integer_value(json_object_get(tf, fq_severity_name(sev_order[k]))),
			 fq_severity_name(sev_order[k]));
	}
	fputs("</div>\n</section>\n", out);
}

/* "+2 new · −1 fixed · 4 open", what changed in colour. */
static void put_changes(FILE *out, const json_t *row)
{
	size_t added = changes_count(row, "new"), fixed = changes_count(row, "fixed");

	fputs("<td class=\"chg\">", out);
	/* an incomplete review is not compared: what it missed is not fixed */
	if (!row_complete(row)) {
		fputs("not compared (incomplete)</td>", out);
		return;
	}
	fprintf(out, added ? "<span class=\"plus\">+%zu new</span>" : "+%zu new", added);
	fprintf(out, fixed ? " \xC2\xB7 <span class=\"minus\">\xE2\x88\x92%zu fixed</span>" : " \xC2\xB7 \xE2\x88\x92%zu fixed",
		fixed);
	fprintf(out, " \xC2\xB7 %zu open</td>", changes_count(row, "open"));
}

static void put_matrix(FILE *out, const json_t *rows, const char *const *ids, const char *const *titles)
{
	size_t i, k;

	fputs("<section aria-labelledby=\"repos\">\n<h2 id=\"repos\">Repositories \xC3\x97 checklist</h2>\n"
	      "<div class=\"card table-card\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\" class=\"name\">"
	      "Repository</th>", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fprintf(out, "<th scope=\"col\" title=\"%s\">%s</th>", titles[k], ids[k]);
	fputs("<th scope=\"col\">Open findings</th><th scope=\"col\">Changes since the previous review</th></tr></thead>\n"
	      "<tbody>\n", out);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);

		fputs("<tr><td class=\"name\"><a href=\"#repo-", out);
		put_html(out, row_name(row));
		fputs("\">", out);
		put_html(out, row_name(row));
		fputs("</a>", out);
		if (!row_complete(row))
			fputs("<span class=\"tag incomplete\">incomplete</span>", out);
		else if (row_ready(row))
			fputs("<span class=\"tag ready\">ready</span>", out);
		fputs("</td>", out);
		for (k = 0; k < FQ_CHECKLIST_ITEMS; k++) {
			const char *s = item_status(row, ids[k]);

			fprintf(out, "<td class=\"cell %s\">", status_class(s));
			put_html(out, s ? s : "N/A");
			fputs("</td>", out);
		}
		fputs("<td>", out);
		put_counts(out, row);
		put_changes(out, row);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</div>\n<ul class=\"legend\">\n", out);
	for (k = 0; k < FQ_CHECKLIST_ITEMS; k++)
		fprintf(out, "<li><strong>%s</strong> %s</li>\n", ids[k], titles[k]);
	fputs("</ul>\n</section>\n", out);
}

/* 1 when fp is in the row's changes.new. */
static int is_new(const json_t *row, const char *fp)
{
	const json_t *added = json_object_get(json_object_get(row, "changes"), "new");
	size_t i;

	for (i = 0; fp && i < json_array_size(added); i++) {
		if (!strcmp(json_string_value(json_array_get(added, i)), fp))
			return 1;
	}
	return 0;
}

static void put_findings(FILE *out, const json_t *row)
{
	const json_t *fs = json_object_get(row, "findings");
	size_t k, n = json_array_size(fs), listed = 0;

	if (!n) {
		fputs("<p class=\"none\">No open findings.</p>\n", out);
		return;
	}
	fputs("<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th>"
	      "<th scope=\"col\">Location</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n", out);
	/* the worst first; within a severity, the report's order */
	for (k = 0; k < 5 * n && listed < MAX_LISTED; k++) {
		const json_t *f = json_array_get(fs, k % n);
		const char *sev = known_sev(str_of(f, "severity")), *path = str_of(f, "path");
		json_int_t line = json_integer_value(json_object_get(f, "line"));

		if (strcmp(sev, fq_severity_name(sev_order[k / n])) != 0)
			continue;
		listed++;
		fprintf(out, "<tr><td><span class=\"sev sev-%s\">%s</span></td><td><strong>", sev, sev);
		put_html(out, str_of(f, "rule_id"));
		fputs("</strong> <span class=\"small\">", out);
		put_html(out, str_of(f, "rule"));
		fputs("</span></td><td>", out);
		if (path && path[0]) {
			fputs("<code>", out);
			fq_report_put_html(out, path, 1);
			if (line > 0)
				fprintf(out, ":%lld", (long long)line);
			fputs("</code>", out);
		} else {
			fputs("<span class=\"small\">whole repository</span>", out);
		}
		fputs("</td><td>", out);
		put_html(out, str_of(f, "message"));
		if (is_new(row, str_of(f, "fingerprint")))
			fputs("<span class=\"tag new\">new</span>", out);
		fputs("</td></tr>\n", out);
	}
	if (n > MAX_LISTED)
		fprintf(out, "<tr><td colspan=\"4\" class=\"small\">\xE2\x80\xA6 and %zu more (all in the JSON report)"
			"</td></tr>\n", n - MAX_LISTED);
	fputs("</tbody>\n</table>\n", out);
}

static void put_details(FILE *out, const json_t *rows)
{
	size_t i, k;

	fputs("<section aria-labelledby=\"details\">\n<h2 id=\"details\">Details</h2>\n", out);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i), *fixed;
		const char *head = str_of(row, "head");
		char phrase[160];

		counts_phrase(phrase, sizeof(phrase), row);
		fprintf(out, "<section class=\"card repo %s\" id=\"repo-", !row_complete(row) ? "bad" : row_ready(row) ? "good" :
			count_of(row, FQ_SEV_CRITICAL) + count_of(row, FQ_SEV_HIGH) ? "bad" : "warn");
		put_html(out, row_name(row));
		fputs("\">\n<h3>", out);
		put_html(out, row_name(row));
		fputs("</h3>\n<dl class=\"meta\">\n<dt>Source</dt><dd><code>", out);
		fq_report_put_html(out, str_of(row, "source"), 1);
		fputs("</code></dd>\n<dt>Head</dt><dd>", out);
		if (head) {
			fputs("<code>", out);
			put_html(out, head);
			fputs("</code>", out);
		} else {
			fputs("<span class=\"none\">none</span>", out);
		}
		fputs("</dd>\n", out);
		if (!row_complete(row)) {
			fputs("<dt>Incomplete</dt><dd class=\"alert\">", out);
			put_html(out, str_of(row, "error"));
			fputs("</dd>\n", out);
		}
		if (row_complete(row))
			fprintf(out, "<dt>Open findings</dt><dd>%s</dd>\n<dt>Changes</dt><dd class=\"chg\">%zu new, %zu "
				"fixed, %zu still open since the previous review</dd>\n</dl>\n", phrase,
				changes_count(row, "new"), changes_count(row, "fixed"), changes_count(row, "open"));
		else
			fprintf(out, "<dt>Open findings</dt><dd>%s</dd>\n<dt>Changes</dt><dd class=\"chg\">not compared "
				"with the previous review: this one is incomplete, and what it could not read is not "
				"fixed</dd>\n</dl>\n", phrase);
		put_findings(out, row);
		fixed = json_object_get(json_object_get(row, "changes"), "fixed");
		if (json_array_size(fixed)) {
			fprintf(out, "<details><summary class=\"small\">Fixed since the previous review (%zu fingerprints)"
				"</summary>\n<ul class=\"small\">\n", json_array_size(fixed));
			for (k = 0; k < json_array_size(fixed) && k < MAX_LISTED; k++) {
				fputs("<li><code>", out);
				put_html(out, json_string_value(json_array_get(fixed, k)));
				fputs("</code></li>\n", out);
			}
			fputs("</ul>\n</details>\n", out);
		}
		fputs("<p class=\"small\"><a href=\"#repos\">\xE2\x86\x91 back to the table</a></p>\n</section>\n", out);
	}
	fputs("</section>\n", out);
}

/* "2026-05-28T20:26:00Z" as "2026-05-28 20:26 UTC"; anything else as it is. */
static void put_time(FILE *out, const char *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; t && i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)t[i]) : t[i] != shape[i])
			break;
	}
	if (t && i == sizeof(shape) - 1 && !t[i])
		fprintf(out, "%.10s %.5s UTC", t, t + 11);
	else
		put_html(out, t);
}

static int write_html(FILE *out, const json_t *report)
{
	const json_t *rows = json_object_get(report, "repositories");
	const char *ids[FQ_CHECKLIST_ITEMS], *titles[FQ_CHECKLIST_ITEMS];
	const char *time = str_of(json_object_get(report, "stats"), "time");
	const char *version = str_of(json_object_get(report, "tool"), "version");
	char shard[64];

	item_titles(ids, titles);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
	      "<meta name=\"generator\" content=\"fourq-scan ", out);
	put_html(out, version);
	fputs("\"/>\n<title>4Quays organisation security review</title>\n<style>\n", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<main>\n<header>\n<p class=\"eyebrow\">4Quays integrations \xC2\xB7 "
	      "fourq-scan review</p>\n<h1>Organisation security review</h1>\n<dl class=\"meta\">\n<dt>Reviewed</dt><dd>"
	      "<time datetime=\"", out);
	put_html(out, time);
	fputs("\">", out);
	put_time(out, time);
	fprintf(out, "</time></dd>\n<dt>Scope</dt><dd>%s</dd>\n<dt>Tool</dt><dd>fourq-scan ",
		shard_phrase(report, shard, sizeof(shard)));
	put_html(out, version);
	fputs("</dd>\n</dl>\n</header>\n", out);
	put_summary(out, report);
	put_matrix(out, rows, ids, titles);
	put_details(out, rows);
	fputs("<footer>Each repository was audited over its whole history (key rules) and its HEAD (every other rule); "
	      "a repository is <em>ready</em> when no checklist item is FAIL or UNVERIFIED. Changes compare the "
	      "fingerprints of open findings with the previous review of the same repository.</footer>\n"
	      "</main>\n</body>\n</html>\n", out);
	return ferror(out) ? fq_error_set(FQ_EIO, "cannot write the report") : 0;
}

const fq_review_reporter fq_review_reporters[] = {
	{ "text", write_text },
	{ "json", write_json },
	{ "markdown", write_markdown },
	{ "html", write_html },
};

const size_t fq_review_reporters_count = FQ_ARRAY_LEN(fq_review_reporters);

const fq_review_reporter *fq_review_reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < fq_review_reporters_count; i++) {
		if (!strcmp(fq_review_reporters[i].name, name))
			return &fq_review_reporters[i];
	}
	return NULL;
}
