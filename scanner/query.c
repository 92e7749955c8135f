#define PCRE2_CODE_UNIT_WIDTH 8
#include "query.h"
#include "../util/regex.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAPTURES 32
#define MATCH_LIMIT 4096

typedef enum { P_EQ, P_MATCH, P_ANY_OF } pred_kind;

typedef struct predicate {
	pred_kind kind;
	int negate;
	uint32_t capture;        /* capture id of the first operand */
	int rhs_is_capture;      /* #eq? @a @b */
	uint32_t rhs_capture;
	char *rhs;               /* string operand (#eq?) */
	pcre2_code *re;          /* #match? */
	char **any;              /* #any-of? values */
	size_t nany;
} predicate;

struct fq_query {
	TSQuery *ts;
	predicate **preds;       /* per pattern: array */
	size_t *npreds;
	uint32_t npatterns;
};

static void free_predicate(predicate *p)
{
	size_t i;

	free(p->rhs);
	pcre2_code_free(p->re);
	for (i = 0; i < p->nany; i++)
		free(p->any[i]);
	free(p->any);
}

void fq_query_free(fq_query *q)
{
	uint32_t i;
	size_t k;

	if (!q)
		return;
	for (i = 0; i < q->npatterns; i++) {
		for (k = 0; k < q->npreds[i]; k++)
			free_predicate(&q->preds[i][k]);
		free(q->preds[i]);
	}
	free(q->preds);
	free(q->npreds);
	ts_query_delete(q->ts);
	free(q);
}

static const char *step_string(const TSQuery *ts, const TSQueryPredicateStep *s)
{
	uint32_t len;

	return ts_query_string_value_for_id(ts, s->value_id, &len);
}

/* Parses the predicate steps of one pattern. */
static int parse_predicates(fq_query *q, uint32_t pattern)
{
	uint32_t nsteps, i = 0;
	const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(q->ts, pattern, &nsteps);

	while (i < nsteps) {
		uint32_t start = i, argc;
		const char *name;
		predicate p;

		while (i < nsteps && steps[i].type != TSQueryPredicateStepTypeDone)
			i++;
		argc = i - start;
		i++; /* skip Done */
		if (argc == 0 || steps[start].type != TSQueryPredicateStepTypeString)
			return fq_error_set(FQ_ERROR, "query pattern %u: malformed predicate", pattern);
		name = step_string(q->ts, &steps[start]);
		memset(&p, 0, sizeof(p));
		if (!strcmp(name, "set!") || !strcmp(name, "is?") || !strcmp(name, "is-not?"))
			continue; /* directives: metadata only */
		if (argc < 3 || steps[start + 1].type != TSQueryPredicateStepTypeCapture)
			return fq_error_set(FQ_ERROR, "query pattern %u: #%s needs a capture and a value",
					    pattern, name);
		p.capture = steps[start + 1].value_id;
		if (!strcmp(name, "eq?") || !strcmp(name, "not-eq?")) {
			p.kind = P_EQ;
			p.negate = name[0] == 'n';
			if (steps[start + 2].type == TSQueryPredicateStepTypeCapture) {
				p.rhs_is_capture = 1;
				p.rhs_capture = steps[start + 2].value_id;
			} else {
				p.rhs = fq_strdup(step_string(q->ts, &steps[start + 2]));
			}
		} else if (!strcmp(name, "match?") || !strcmp(name, "not-match?")) {
			int err;
			PCRE2_SIZE off;

			p.kind = P_MATCH;
			p.negate = name[0] == 'n';
			p.re = pcre2_compile((PCRE2_SPTR)step_string(q->ts, &steps[start + 2]),
					     PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
					     &err, &off, NULL);
			if (!p.re)
				return fq_error_set(FQ_ERROR, "query pattern %u: bad regex in #%s", pattern, name);
			fq_regex_jit(p.re);
		} else if (!strcmp(name, "any-of?") || !strcmp(name, "not-any-of?")) {
			uint32_t k;

			p.kind = P_ANY_OF;
			p.negate = name[0] == 'n';
			p.any = fq_calloc(argc - 2, sizeof(*p.any));
			for (k = start + 2; k < start + argc; k++)
				p.any[p.nany++] = fq_strdup(step_string(q->ts, &steps[k]));
		} else {
			return fq_error_set(FQ_ERROR, "query pattern %u: unknown predicate #%s", pattern, name);
		}
		q->preds[pattern] = fq_realloc_array(q->preds[pattern], q->npreds[pattern] + 1,
						     sizeof(predicate));
		q->preds[pattern][q->npreds[pattern]++] = p;
	}
	return 0;
}

int fq_query_compile(fq_query **out, fq_lang lang, const char *text)
{
	uint32_t err_off;
	TSQueryError err;
	fq_query *q;
	uint32_t i;
	int error;

	*out = NULL;
	q = fq_calloc(1, sizeof(*q));
	q->ts = ts_query_new(fq_lang_grammar(lang), text, (uint32_t)strlen(text), &err_off, &err);
	if (!q->ts) {
		free(q);
		return fq_error_set(FQ_ERROR, "%s query error %d at offset %u: %.40s", fq_lang_name(lang),
				    (int)err, err_off, text + err_off);
	}
	q->npatterns = ts_query_pattern_count(q->ts);
	q->preds = fq_calloc(q->npatterns, sizeof(*q->preds));
	q->npreds = fq_calloc(q->npatterns, sizeof(*q->npreds));
	for (i = 0; i < q->npatterns; i++) {
		if ((error = parse_predicates(q, i)) < 0) {
			fq_query_free(q);
			return error;
		}
	}
	*out = q;
	return 0;
}

/* Compiled per language on first use: a pull request that touches only
 * Python never pays for the TypeScript queries. */
static fq_query *compiled[FQ_LANG_COUNT];
static int compile_tried[FQ_LANG_COUNT];
static char compile_error[FQ_LANG_COUNT][256];
/* one lock per language: two workers can compile two languages at once */
static pthread_mutex_t compile_lock[FQ_LANG_COUNT] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};
_Static_assert(FQ_LANG_COUNT == 5, "one compile lock per language");

static void compile_language(fq_lang lang)
{
	fq_buf text = FQ_BUF_INIT;
	size_t i;
	int ok = 1;

	/* TypeScript and TSX share the JavaScript queries and add their own. */
	for (i = 0; i < fq_query_sources_count; i++) {
		const char *l = fq_query_sources[i].language;
		int wanted = !strcmp(l, fq_lang_name(lang)) ||
			     (!strcmp(l, "javascript") && (lang == FQ_LANG_TYPESCRIPT || lang == FQ_LANG_TSX)) ||
			     (!strcmp(l, "typescript") && lang == FQ_LANG_TSX);

		if (wanted)
			ok &= fq_buf_puts(&text, fq_query_sources[i].text) == 0 && fq_buf_puts(&text, "\n") == 0;
	}
	if (ok && text.len && fq_query_compile(&compiled[lang], lang, text.ptr) < 0)
		snprintf(compile_error[lang], sizeof(compile_error[lang]), "%s", fq_error_last());
	fq_buf_free(&text);
}

const fq_query *fq_query_for(fq_lang lang)
{
	const fq_query *q;

	if (lang <= FQ_LANG_NONE || lang >= FQ_LANG_COUNT)
		return NULL;
	pthread_mutex_lock(&compile_lock[lang]);
	if (!compile_tried[lang]) {
		compile_language(lang);
		compile_tried[lang] = 1;
	}
	q = compiled[lang];
	if (!q && compile_error[lang][0])
		fq_error_set(FQ_ERROR, "%s", compile_error[lang]);
	pthread_mutex_unlock(&compile_lock[lang]);
	return q;
}

static int node_equals(TSNode n, const char *src, size_t len, const char *s, size_t slen)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);

	return b <= len && b - a == slen && memcmp(src + a, s, slen) == 0;
}

static int capture_node(const TSQueryMatch *m, uint32_t id, TSNode *out)
{
	uint16_t i;

	for (i = 0; i < m->capture_count; i++) {
		if (m->captures[i].index == id) {
			*out = m->captures[i].node;
			return 1;
		}
	}
	return 0;
}

static int predicate_holds(const predicate *p, const TSQueryMatch *m, const char *src, size_t len,
			   pcre2_match_data *md)
{
	TSNode n, r;
	uint32_t a, b;
	int ok = 0;
	size_t i;

	if (!capture_node(m, p->capture, &n))
		return 1; /* optional capture absent: nothing to test */
	a = ts_node_start_byte(n);
	b = ts_node_end_byte(n);
	if (b > len || a > b)
		return 0;
	switch (p->kind) {
	case P_EQ:
		if (p->rhs_is_capture)
			ok = capture_node(m, p->rhs_capture, &r) &&
			     node_equals(r, src, len, src + a, b - a);
		else
			ok = node_equals(n, src, len, p->rhs, strlen(p->rhs));
		break;
	case P_MATCH:
		ok = pcre2_match(p->re, (PCRE2_SPTR)(src + a), b - a, 0, 0, md, NULL) >= 0;
		break;
	case P_ANY_OF:
		for (i = 0; i < p->nany && !ok; i++)
			ok = node_equals(n, src, len, p->any[i], strlen(p->any[i]));
		break;
	}
	return p->negate ? !ok : ok;
}

long fq_query_run(const fq_query *q, TSQueryCursor *cursor, TSNode root, const char *src,
		  size_t len, fq_match_cb cb, void *payload)
{
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	fq_capture caps[MAX_CAPTURES];
	TSQueryMatch m;
	long delivered = 0;

	ts_query_cursor_set_match_limit(cursor, MATCH_LIMIT);
	ts_query_cursor_exec(cursor, q->ts, root);
	while (ts_query_cursor_next_match(cursor, &m)) {
		size_t k;
		uint16_t i;
		int ok = 1;

		for (k = 0; k < q->npreds[m.pattern_index] && ok; k++)
			ok = predicate_holds(&q->preds[m.pattern_index][k], &m, src, len, md);
		if (!ok)
			continue;
		for (i = 0; i < m.capture_count && i < MAX_CAPTURES; i++) {
			uint32_t nlen;

			caps[i].name = ts_query_capture_name_for_id(q->ts, m.captures[i].index, &nlen);
			caps[i].node = m.captures[i].node;
		}
		delivered++;
		if (cb(payload, caps, i, m.pattern_index) != 0)
			break;
	}
	pcre2_match_data_free(md);
	if (ts_query_cursor_did_exceed_match_limit(cursor))
		return -1;
	return delivered;
}
