#define _GNU_SOURCE
#include "finding.h"
#include "../rules/keydetect.h"
#include "config.h"
#include "../util/buf.h"
#include "../util/common.h"
#include "../util/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


char *fq_safe_string(const char *data, size_t len)
{
	size_t rlen;
	char *redacted = fq_redact_text(data, len, &rlen);
	char *safe = fq_utf8_sanitize(redacted, rlen);

	free(redacted);
	return safe;
}

fq_env fq_file_env(const fq_file *file)
{
	/* A lazily filled cache on a file its worker owns: most files never
	 * need their environment, and reading the contents costs a pass. */
	fq_file *f = (fq_file *)file;

	if (!f->env_known) {
		f->env = fq_config_env_for(f->config, f->path);
		if (f->env == FQ_ENV_NONE)
			f->env = fq_env_from_path(f->path);
		if (f->env == FQ_ENV_NONE)
			f->env = fq_env_from_content(f->data, f->len);
		f->env_known = 1;
	}
	return f->env;
}

void fq_file_line_col(const fq_file *file, size_t off, int *line, int *col)
{
	fq_file *f = (fq_file *)file; /* the index is a cache the worker owns */
	size_t lo = 0, hi, i;

	if (off > f->len)
		off = f->len;
	if (!f->line_starts) {
		size_t n = 1;

		for (i = 0; i < f->len; i++)
			n += f->data[i] == '\n';
		f->line_starts = fq_calloc(n, sizeof(*f->line_starts));
		f->nlines = 0;
		f->line_starts[f->nlines++] = 0;
		for (i = 0; i < f->len; i++) {
			if (f->data[i] == '\n')
				f->line_starts[f->nlines++] = i + 1;
		}
	}
	/* the last line start <= off */
	hi = f->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)(lo + 1);
	*col = (int)(off - f->line_starts[lo]) + 1;
}

void fq_file_release(fq_file *file)
{
	if (!file)
		return;
	free(file->line_starts);
	file->line_starts = NULL;
	file->nlines = 0;
}

/* Bounds of the line holding `off`, through the file's line index: a long
 * minified line is not scanned again for every finding on it. */
void fq_file_line_bounds(const fq_file *file, size_t off, size_t *start, size_t *end)
{
	const char *d = file->data;
	size_t a = off, b = off, lim;
	int line, col;

	/* a line of ordinary length: looking around is cheaper than the index */
	if (off <= file->len) {
		lim = off > 256 ? off - 256 : 0;
		while (a > lim && d[a - 1] != '\n')
			a--;
		if (a == 0 || d[a - 1] == '\n') {
			lim = file->len - off > 256 ? off + 256 : file->len;
			while (b < lim && d[b] != '\n')
				b++;
			if (b == file->len || d[b] == '\n') {
				*start = a;
				*end = b;
				return;
			}
		}
	}
	fq_file_line_col(file, off, &line, &col);
	*start = file->line_starts[line - 1];
	*end = (size_t)line < file->nlines ? file->line_starts[line] - 1 : file->len;
}

/* The line without a CR before its newline. */
static void line_of(const fq_file *file, size_t off, size_t *start, size_t *end)
{
	fq_file_line_bounds(file, off, start, end);
	if (*end > *start && file->data[*end - 1] == '\r')
		(*end)--;
}

/* Does the file hold a suppression comment at all?  Asked once per file. */
static int file_has_ignore(const fq_file *file)
{
	fq_file *f = (fq_file *)file; /* a cache the worker owns, as above */

	if (!f->ignore_known) {
		f->has_ignore = memmem(f->data, f->len, "fourq-scan:ignore", 17) != NULL;
		f->ignore_known = 1;
	}
	return f->has_ignore;
}

static int is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The snippet: the finding's line, redacted, at most FQ_SNIPPET_MAX bytes.  A
 * longer line gives a window around the finding, marked with "…" where it
 * was cut.  The window never starts or ends inside a word (a key is one
 * word), so no piece of a key escapes redaction: a word longer than the
 * margin at an edge is left out. */
static char *make_snippet(const fq_file *file, size_t start, size_t ls, size_t le, int *cut_out)
{
	const char *d = file->data;
	size_t ws = ls, we = le, rlen, cut, k;
	char *red, *out;
	int head = 0, tail = 0;

	if (le - ls > FQ_SNIPPET_MAX) {
		ws = start > ls + FQ_SNIPPET_MAX / 4 ? start - FQ_SNIPPET_MAX / 4 : ls;
		/* room for what redaction shortens */
		we = le - ws > 4 * FQ_SNIPPET_MAX ? ws + 4 * FQ_SNIPPET_MAX : le;
		for (k = 0; ws > ls && is_word(d[ws - 1]) && k < 512; k++)
			ws--;
		if (ws > ls && is_word(d[ws - 1])) {
			/* still inside a long word: leave all of it out */
			while (ws < le && is_word(d[ws]))
				ws++;
			if (we < ws)
				we = ws;
		}
		for (k = 0; we < le && is_word(d[we]) && k < 512; k++)
			we++;
		if (we < le && is_word(d[we])) {
			while (we > ws && is_word(d[we - 1]))
				we--;
		}
		head = ws > ls;
	}
	red = fq_redact_text(d + ws, we - ws, &rlen);
	cut = rlen > FQ_SNIPPET_MAX ? FQ_SNIPPET_MAX : rlen;
	/* don't cut inside a UTF-8 sequence */
	while (cut < rlen && cut > 0 && ((unsigned char)red[cut] & 0xC0) == 0x80)
		cut--;
	tail = cut < rlen || we < le;
	*cut_out = head || tail;
	if (!*cut_out) {
		out = fq_utf8_sanitize(red, cut);
	} else {
		char *body = fq_utf8_sanitize(red, cut);

		out = fq_sprintf("%s%s%s", head ? "…" : "", body, tail ? "…" : "");
		free(body);
	}
	free(red);
	return out;
}

void fq_finding_mask(fq_finding *f, const fq_file *file, size_t start, size_t end, const char *label)
{
	size_t ls, le, cut;
	fq_buf line = FQ_BUF_INIT;
	fq_file tmp;

	line_of(file, start, &ls, &le);
	cut = end < le ? end : le;
	if (fq_buf_put(&line, file->data + ls, start - ls) < 0 || fq_buf_puts(&line, label) < 0 ||
	    fq_buf_put(&line, file->data + cut, le - cut) < 0) {
		fq_buf_free(&line);
		free(f->snippet);
		f->snippet = NULL; /* no memory: no snippet rather than an unmasked one */
		return;
	}
	memset(&tmp, 0, sizeof(tmp));
	tmp.path = file->path;
	tmp.data = line.ptr;
	tmp.len = line.len;
	free(f->snippet);
	f->snippet = make_snippet(&tmp, start - ls, 0, line.len, &f->snippet_cut);
	fq_file_release(&tmp);
	fq_buf_free(&line);
}

static fq_finding *push(fq_findings *list)
{
	fq_finding *f;

	if (list->count == list->alloc) {
		list->alloc = list->alloc ? list->alloc * 2 : 16;
		list->items = fq_realloc_array(list->items, list->alloc, sizeof(*list->items));
	}
	f = &list->items[list->count++];
	memset(f, 0, sizeof(*f));
	return f;
}

/* Does the text of one line hold a suppression for rule_id? */
static int line_suppresses(const char *line, size_t len, const char *rule_id)
{
	static const char marker[] = "fourq-scan:ignore";
	const char *hit = memmem(line, len, marker, sizeof(marker) - 1);
	size_t p, any = 0;

	if (!hit)
		return 0;
	p = (size_t)(hit - line) + sizeof(marker) - 1;
	/* IDs follow, separated by spaces or commas; none means every rule. */
	while (p < len) {
		size_t s;

		while (p < len && (line[p] == ' ' || line[p] == ',' || line[p] == '\t'))
			p++;
		s = p;
		while (p < len && isalnum((unsigned char)line[p]))
			p++;
		if (p - s == 5 && (line[s] == 'F' || line[s] == 'f') && (line[s + 1] == 'Q' || line[s + 1] == 'q')) {
			any = 1;
			if (strncasecmp(line + s, rule_id, 5) == 0)
				return 1;
		} else {
			break;
		}
	}
	return !any;
}

int fq_suppression_covers(const char *data, size_t len, size_t off, const char *rule_id)
{
	size_t s, e;

	fq_line_bounds(data, len, off, &s, &e);
	if (line_suppresses(data + s, e - s, rule_id))
		return 1;
	if (s == 0)
		return 0;
	fq_line_bounds(data, len, s - 1, &s, &e);
	return line_suppresses(data + s, e - s, rule_id);
}

/* fq_suppression_covers for a file: through its line index, and asked once
 * per line and rule. */
static int file_suppresses(const fq_file *file, size_t off, const char *rule_id)
{
	fq_file *f = (fq_file *)file; /* a cache the worker owns, as above */
	size_t s, e, ps, pe;
	unsigned i;
	int covers;

	fq_file_line_bounds(file, off, &s, &e);
	for (i = 0; i < FQ_ARRAY_LEN(f->suppressed); i++) {
		if (f->suppressed[i].rule == rule_id && f->suppressed[i].line == s)
			return f->suppressed[i].covers;
	}
	if (e > s && file->data[e - 1] == '\r')
		e--;
	covers = line_suppresses(file->data + s, e - s, rule_id);
	if (!covers && s > 0) {
		fq_file_line_bounds(file, s - 1, &ps, &pe);
		if (pe > ps && file->data[pe - 1] == '\r')
			pe--;
		covers = line_suppresses(file->data + ps, pe - ps, rule_id);
	}
	i = f->nsuppressed++ % FQ_ARRAY_LEN(f->suppressed);
	f->suppressed[i].line = s;
	f->suppressed[i].rule = rule_id;
	f->suppressed[i].covers = covers;
	return covers;
}

static fq_finding *add_v(fq_findings *list, const fq_rule *rule, fq_severity severity, const fq_file *file,
			 size_t start, size_t end, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

fq_finding *fq_findings_add(fq_findings *list, const fq_rule *rule, const fq_file *file,
			    size_t start, size_t end, const char *fmt, ...)
{
	fq_finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = add_v(list, rule, rule->severity, file, start, end, fmt, ap);
	va_end(ap);
	return f;
}

fq_finding *fq_findings_add_sev(fq_findings *list, const fq_rule *rule, fq_severity severity,
				const fq_file *file, size_t start, size_t end, const char *fmt, ...)
{
	fq_finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = add_v(list, rule, severity, file, start, end, fmt, ap);
	va_end(ap);
	return f;
}

static fq_finding *add_v(fq_findings *list, const fq_rule *rule, fq_severity severity, const fq_file *file,
			 size_t start, size_t end, const char *fmt, va_list ap)
{
	fq_file *counted = (fq_file *)file; /* the worker owns the file, as in fq_file_env */
	int suppressed = file_has_ignore(file) && file_suppresses(file, start, rule->id);
	size_t slot = suppressed ? FQ_SEV_NONE : severity < FQ_SEV_NONE ? severity : FQ_SEV_INFO;
	fq_finding *f;
	size_t ls, le;
	char *msg;

	if (counted->nfindings[slot] >= FQ_MAX_FINDINGS_PER_FILE) {
		/* Over the limit: the caller still gets a finding to fill in
		 * (rule and path, enough for a fingerprint), but it is not kept. */
		counted->dropped++;
		fq_finding_clear(&list->spill);
		list->spill.rule = rule;
		list->spill.severity = severity;
		list->spill.path = fq_strdup(file->path);
		return &list->spill;
	}
	counted->nfindings[slot]++;
	f = push(list);
	f->rule = rule;
	f->severity = severity;
	f->confidence = FQ_CONF_HIGH;
	f->path = fq_safe_string(file->path, strlen(file->path));
	fq_file_line_col(file, start, &f->line, &f->column);
	fq_file_line_col(file, end, &f->end_line, &f->end_column);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	f->message = msg ? fq_safe_string(msg, strlen(msg)) : fq_strdup("");
	free(msg);
	line_of(file, start, &ls, &le);
	f->snippet = make_snippet(file, start, ls, le, &f->snippet_cut);
	if (file->commit) {
		f->commit = fq_strdup(file->commit);
		f->introduced_in = fq_strdup(file->commit);
		f->author_time = file->author_time;
	}
	f->env = fq_file_env(file);
	f->in_head = file->in_head;
	if (suppressed)
		f->suppressed = fq_strdup("inline comment fourq-scan:ignore");
	return f;
}

fq_finding *fq_findings_add_repo(fq_findings *list, const fq_rule *rule, const char *path,
				 const char *fmt, ...)
{
	fq_finding *f = push(list);
	char *msg;
	va_list ap;

	f->rule = rule;
	f->severity = rule->severity;
	f->confidence = FQ_CONF_MEDIUM;
	f->path = fq_safe_string(path, strlen(path));
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f->message = msg ? fq_safe_string(msg, strlen(msg)) : fq_strdup("");
	free(msg);
	return f;
}

void fq_fingerprint_key(fq_finding *f, const char *key_hash)
{
	char *in = fq_sprintf("%s:%s", f->rule->id, key_hash);

	fq_sha256_hex(in, strlen(in), f->fingerprint);
	free(in);
	memcpy(f->key_hash, key_hash, 65);
}

void fq_fingerprint_code(fq_finding *f, const char *code, size_t len)
{
	fq_buf b = FQ_BUF_INIT;
	size_t i;
	int space = 0, ok = 1;

	ok &= fq_buf_printf(&b, "%s\n%s\n", f->rule->id, f->path) == 0;
	for (i = 0; i < len && ok; i++) {
		if (isspace((unsigned char)code[i])) {
			space = 1;
			continue;
		}
		if (space)
			ok &= fq_buf_put(&b, " ", 1) == 0;
		space = 0;
		ok &= fq_buf_put(&b, code + i, 1) == 0;
	}
	fq_sha256_hex(b.ptr ? b.ptr : "", b.len, f->fingerprint);
	fq_buf_free(&b);
}

void fq_findings_move(fq_findings *dst, fq_findings *src)
{
	size_t i;

	for (i = 0; i < src->count; i++)
		*push(dst) = src->items[i];
	src->count = 0;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
	const fq_finding *a = pa, *b = pb;
	int c;

	/* live keys (--verify) before everything else */
	if ((a->verified == FQ_VERDICT_LIVE) != (b->verified == FQ_VERDICT_LIVE))
		return a->verified == FQ_VERDICT_LIVE ? -1 : 1;
	if ((c = cmp_str(a->path, b->path)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)))
		return c;
	if ((c = strcmp(a->fingerprint, b->fingerprint)))
		return c;
	if ((c = cmp_str(a->commit, b->commit)))
		return c;
	return cmp_str(a->message, b->message);
}

void fq_findings_sort(fq_findings *list)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), cmp_finding);
}

void fq_finding_clear(fq_finding *f)
{
	free(f->path);
	free(f->message);
	free(f->snippet);
	free(f->commit);
	free(f->introduced_in);
	free(f->suppressed);
	memset(f, 0, sizeof(*f));
}

void fq_findings_free(fq_findings *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->count; i++)
		fq_finding_clear(&list->items[i]);
	fq_finding_clear(&list->spill);
	free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

void fq_evidence_add(fq_evidence_list *l, const char *item, const char *path, int line, const char *fmt, ...)
{
	fq_evidence *e;
	char *msg = NULL;
	va_list ap;

	if (l->count == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->items = fq_realloc_array(l->items, l->alloc, sizeof(*l->items));
	}
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	e = &l->items[l->count++];
	e->item = fq_strdup(item);
	e->path = fq_safe_string(path, strlen(path));
	e->line = line;
	e->what = msg ? fq_safe_string(msg, strlen(msg)) : fq_strdup("");
	free(msg);
}

void fq_evidence_move(fq_evidence_list *dst, fq_evidence_list *src)
{
	size_t i;

	for (i = 0; i < src->count; i++) {
		if (dst->count == dst->alloc) {
			dst->alloc = dst->alloc ? dst->alloc * 2 : 16;
			dst->items = fq_realloc_array(dst->items, dst->alloc, sizeof(*dst->items));
		}
		dst->items[dst->count++] = src->items[i];
	}
	src->count = 0;
}

static int cmp_evidence(const void *pa, const void *pb)
{
	const fq_evidence *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->item, b->item)) || (c = strcmp(a->path, b->path)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return strcmp(a->what, b->what);
}

void fq_evidence_sort(fq_evidence_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_evidence);
}

int fq_evidence_has(const fq_evidence_list *l, const char *item)
{
	size_t i, n = strlen(item);
	int prefix = n && item[n - 1] == ':';

	for (i = 0; i < l->count; i++) {
		if (prefix ? !strncmp(l->items[i].item, item, n) : !strcmp(l->items[i].item, item))
			return 1;
	}
	return 0;
}

void fq_evidence_free(fq_evidence_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++) {
		free(l->items[i].item);
		free(l->items[i].path);
		free(l->items[i].what);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
