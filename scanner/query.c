#include "query_impl.h"
#include "profile.h"
#include "../util/regex.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <ctype.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- freeing ---------------------------------------------------------- */

static void free_pnode(pnode *p)
{
	uint32_t i;

	if (!p)
		return;
	for (i = 0; i < p->nkids; i++)
		free_pnode(p->kids[i]);
	free(p->kids);
	free(p);
}

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
		free_pnode(q->patterns[i].root);
		for (k = 0; k < q->patterns[i].npreds; k++)
			free_predicate(&q->patterns[i].preds[k]);
		free(q->patterns[i].preds);
	}
	free(q->patterns);
	for (i = 0; i < q->ncaptures; i++)
		free(q->capture_names[i]);
	free(q->capture_names);
	free(q->off);
	free(q->by_sym);
	free(q->any_root);
	free(q);
}

uint32_t fq_query_pattern_count(const fq_query *q)
{
	return q ? q->npatterns : 0;
}

/* ---- reading the query text -------------------------------------------- */

typedef struct reader {
	const char *start, *p, *end;
	fq_query *q;
	const TSLanguage *g;
	pattern *pat;            /* the pattern being read (its predicates) */
	int depth;
} reader;

static int fail(const reader *r, const char *what)
{
	const char *t;
	int line = 1;

	for (t = r->start; t < r->p && t < r->end; t++)
		line += *t == '\n';
	return fq_error_set(FQ_ERROR, "%s query, line %d: %s", fq_lang_name(r->q->lang), line, what);
}

static void skip_space(reader *r)
{
	while (r->p < r->end) {
		if (isspace((unsigned char)*r->p)) {
			r->p++;
		} else if (*r->p == ';') {
			while (r->p < r->end && *r->p != '\n')
				r->p++;
		} else {
			break;
		}
	}
}

/* After spaces: 1 at `close` (taken), 0 at anything else, an error at the
 * end of the text (`unclosed` says what was left open). */
static int closing(reader *r, char close, const char *unclosed)
{
	skip_space(r);
	if (r->p >= r->end)
		return fail(r, unclosed);
	if (*r->p != close)
		return 0;
	r->p++;
	return 1;
}

static int is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' || c == '?' || c == '!';
}

/* A word (node type, field, capture or predicate name): its length. */
static size_t word(reader *r, const char **out)
{
	const char *s = r->p;

	while (r->p < r->end && is_word_char(*r->p))
		r->p++;
	*out = s;
	return (size_t)(r->p - s);
}

/* A "string" with \\, \", \n and \t escapes; the caller frees. */
static int string_lit(reader *r, char **out)
{
	fq_buf b = FQ_BUF_INIT;

	r->p++; /* the opening quote */
	while (r->p < r->end && *r->p != '"') {
		char c = *r->p++;

		if (c == '\\' && r->p < r->end) {
			c = *r->p++;
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
		}
		if (fq_buf_put(&b, &c, 1) < 0) {
			fq_buf_free(&b);
			return FQ_ENOMEM;
		}
	}
	if (r->p >= r->end) {
		fq_buf_free(&b);
		return fail(r, "unterminated string");
	}
	r->p++;
	*out = b.ptr ? b.ptr : fq_strdup("");
	return 0;
}

static uint32_t capture_id(fq_query *q, const char *name, size_t len)
{
	uint32_t i;

	for (i = 0; i < q->ncaptures; i++) {
		if (strlen(q->capture_names[i]) == len && !memcmp(q->capture_names[i], name, len))
			return i;
	}
	q->capture_names = fq_realloc_array(q->capture_names, q->ncaptures + 1, sizeof(char *));
	q->capture_names[q->ncaptures] = fq_strndup(name, len);
	return q->ncaptures++;
}

/* The symbols named `name` (named or anonymous) in the grammar. */
static int resolve_type(reader *r, pnode *p, const char *name, size_t len, int named)
{
	uint32_t i, n = ts_language_symbol_count(r->g);
	TSSymbolType want = named ? TSSymbolTypeRegular : TSSymbolTypeAnonymous;

	for (i = 0; i < n; i++) {
		const char *s = ts_language_symbol_name(r->g, (TSSymbol)i);

		if (s && strlen(s) == len && !memcmp(s, name, len) &&
		    ts_language_symbol_type(r->g, (TSSymbol)i) == want) {
			if (p->nsyms == MAX_SYMS)
				return fail(r, "a node type with too many symbols");
			p->syms[p->nsyms++] = (TSSymbol)i;
		}
	}
	if (!p->nsyms) {
		char msg[160];

		snprintf(msg, sizeof(msg), "unknown node type '%.*s'", (int)(len > 80 ? 80 : len), name);
		return fail(r, msg);
	}
	return 0;
}

static int read_captures(reader *r, pnode *p)
{
	for (;;) {
		const char *name;
		size_t len;

		skip_space(r);
		if (r->p >= r->end)
			return 0;
		if (*r->p == '?' || *r->p == '*' || *r->p == '+')
			return fail(r, "quantifiers (?, *, +) are not supported");
		if (*r->p != '@')
			return 0;
		r->p++;
		if (!(len = word(r, &name)))
			return fail(r, "a capture needs a name");
		if (p->ncaps == MAX_NODE_CAPS)
			return fail(r, "too many captures on one node");
		p->caps[p->ncaps++] = capture_id(r->q, name, len);
	}
}

static int add_kid(pnode *p, pnode *kid)
{
	p->kids = fq_realloc_array(p->kids, p->nkids + 1, sizeof(*p->kids));
	p->kids[p->nkids++] = kid;
	return 0;
}

/* (#name? @capture operand...): added to the current pattern. */
static int read_predicate(reader *r)
{
	const char *name;
	size_t len;
	predicate p;
	char *args[16];
	int arg_is_cap[16];
	size_t argc = 0, i;
	int error = 0;

	memset(&p, 0, sizeof(p));
	r->p++; /* '#' */
	len = word(r, &name);
	for (;;) {
		int end = closing(r, ')', "unterminated predicate");

		if (end) {
			error = end < 0 ? end : 0;
			break;
		}
		if (argc == FQ_ARRAY_LEN(args)) {
			error = fail(r, "a predicate with too many operands");
			break;
		}
		if (*r->p == '@') {
			const char *cap;
			size_t cl;

			r->p++;
			cl = word(r, &cap);
			if (!cl) {
				error = fail(r, "a capture needs a name");
				break;
			}
			args[argc] = fq_strndup(cap, cl);
			arg_is_cap[argc++] = 1;
		} else if (*r->p == '"') {
			if ((error = string_lit(r, &args[argc])) < 0)
				break;
			arg_is_cap[argc++] = 0;
		} else {
			error = fail(r, "a predicate operand must be a capture or a string");
			break;
		}
	}
#define IS(s) (len == strlen(s) && !memcmp(name, (s), len))
	if (!error && (IS("set!") || IS("is?") || IS("is-not?")))
		goto done; /* directives: metadata only */
	if (!error && (argc < 2 || !arg_is_cap[0]))
		error = fail(r, "a predicate needs a capture and a value");
	if (error)
		goto done;
	p.capture = capture_id(r->q, args[0], strlen(args[0]));
	if (IS("eq?") || IS("not-eq?")) {
		p.kind = P_EQ;
		p.negate = name[0] == 'n';
		if (arg_is_cap[1]) {
			p.rhs_is_capture = 1;
			p.rhs_capture = capture_id(r->q, args[1], strlen(args[1]));
		} else {
			p.rhs = fq_strdup(args[1]);
		}
	} else if (IS("match?") || IS("not-match?")) {
		int err;
		PCRE2_SIZE off;

		p.kind = P_MATCH;
		p.negate = name[0] == 'n';
		p.re = pcre2_compile((PCRE2_SPTR)args[1], PCRE2_ZERO_TERMINATED,
				     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
		if (!p.re) {
			error = fail(r, "bad regular expression in #match?");
			goto done;
		}
		fq_regex_jit(p.re);
	} else if (IS("any-of?") || IS("not-any-of?")) {
		p.kind = P_ANY_OF;
		p.negate = name[0] == 'n';
		p.any = fq_calloc(argc - 1, sizeof(*p.any));
		for (i = 1; i < argc; i++)
			p.any[p.nany++] = fq_strdup(args[i]);
	} else {
		error = fail(r, "unknown predicate");
		goto done;
	}
#undef IS
	r->pat->preds = fq_realloc_array(r->pat->preds, r->pat->npreds + 1, sizeof(predicate));
	r->pat->preds[r->pat->npreds++] = p;
done:
	for (i = 0; i < argc; i++)
		free(args[i]);
	return error;
}

static int read_node(reader *r, pnode **out);

/* At a '(': reads (#predicate ...) and returns 1, or returns 0 with the
 * position unchanged when the parenthesis opens something else. */
static int read_if_predicate(reader *r)
{
	const char *save = r->p;
	int error;

	r->p++;
	skip_space(r);
	if (r->p < r->end && *r->p == '#')
		return (error = read_predicate(r)) < 0 ? error : 1;
	r->p = save;
	return 0;
}

/* The child steps of (type ...) up to its ')'. */
static int read_children(reader *r, pnode *p)
{
	int anchor = 0, error;

	for (;;) {
		int end = closing(r, ')', "unbalanced parentheses");
		const char *save, *name;
		TSFieldId field = 0;
		pnode *kid;
		size_t len;

		if (end < 0)
			return end;
		if (end) {
			p->anchor_last = anchor && p->nkids;
			if (anchor && !p->nkids)
				return fail(r, "an anchor needs a child step");
			return 0;
		}
		if (*r->p == '.') {
			r->p++;
			anchor = 1;
			continue;
		}
		if (*r->p == '!')
			return fail(r, "negated fields are not supported");
		if (*r->p == '(') {
			if ((error = read_if_predicate(r)) < 0)
				return error;
			if (error)
				continue;
		} else if (is_word_char(*r->p) && *r->p != '_') {
			save = r->p;
			len = word(r, &name);
			if (r->p < r->end && *r->p == ':') {
				char msg[160];

				r->p++;
				field = ts_language_field_id_for_name(r->g, name, (uint32_t)len);
				if (!field) {
					snprintf(msg, sizeof(msg), "unknown field '%.*s'",
						 (int)(len > 80 ? 80 : len), name);
					return fail(r, msg);
				}
				skip_space(r);
			} else {
				r->p = save;
				return fail(r, "a child step must be a pattern in ( ) or [ ]");
			}
		}
		if ((error = read_node(r, &kid)) < 0) {
			free_pnode(kid);
			return error;
		}
		kid->field = field;
		kid->anchored = anchor;
		anchor = 0;
		add_kid(p, kid);
	}
}

/* Does the text after a '(' open a group, ((node) (#predicate ...))?  The
 * text ends with a NUL (fq_query_compile takes a C string). */
static int is_group(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return *p == '(' || *p == '[' || *p == '"';
}

/* ((node) @capture (#predicate ...)) @capture: one node and its
 * predicates; a group of sibling nodes is refused. */
static int read_group(reader *r, pnode **out)
{
	int error;

	*out = NULL;
	r->p++; /* '(' */
	if ((error = read_node(r, out)) < 0)
		return error;
	for (;;) {
		int end = closing(r, ')', "unbalanced parentheses");

		if (end)
			return end < 0 ? end : 0;
		if (*r->p == '(' && (error = read_if_predicate(r)) != 0) {
			if (error < 0)
				return error;
			continue;
		}
		return fail(r, "groups of sibling patterns are not supported");
	}
}

/* One pattern node: (type children...), (_ ...), _, "text" or [alternatives],
 * each followed by its captures. */
static int read_node(reader *r, pnode **out)
{
	pnode *p = fq_calloc(1, sizeof(*p));
	const char *name;
	size_t len;
	int error = 0;

	*out = p;
	skip_space(r);
	if (++r->depth > MAX_DEPTH) {
		error = fail(r, "a pattern nested too deep");
	} else if (r->p >= r->end) {
		error = fail(r, "a pattern is missing");
	} else if (*r->p == '(' && is_group(r->p + 1)) {
		error = read_group(r, out);
		free(p);
		p = *out;
	} else if (*r->p == '(') {
		r->p++;
		skip_space(r);
		len = word(r, &name);
		if (len == 1 && name[0] == '_') {
			p->wildcard = p->named = 1;
		} else if (len == 0) {
			error = fail(r, "a node type is missing after '('");
		} else {
			p->named = 1;
			error = resolve_type(r, p, name, len, 1);
		}
		if (!error)
			error = read_children(r, p);
	} else if (*r->p == '[') {
		r->p++;
		p->alt = 1;
		for (;;) {
			int end = closing(r, ']', "unbalanced brackets");
			pnode *kid;

			if (end) {
				error = end < 0 ? end : p->nkids ? 0 : fail(r, "empty alternatives");
				break;
			}
			if ((error = read_node(r, &kid)) < 0) {
				free_pnode(kid);
				break;
			}
			add_kid(p, kid);
		}
	} else if (*r->p == '_' && (r->p + 1 >= r->end || !is_word_char(r->p[1]))) {
		r->p++;
		p->wildcard = 1;
	} else if (*r->p == '"') {
		char *text = NULL;

		if ((error = string_lit(r, &text)) == 0)
			error = resolve_type(r, p, text, strlen(text), 0);
		free(text);
	} else {
		error = fail(r, "expected '(', '[', '_' or a string");
	}
	if (!error)
		error = read_captures(r, p);
	r->depth--;
	return error;
}

/* The symbols a pattern's root may have: 1 in want[] (all when NULL is
 * returned through *any). */
static void root_symbols(const pnode *p, uint8_t *want, uint32_t nsym, int *any)
{
	uint32_t i;

	if (p->alt) {
		for (i = 0; i < p->nkids; i++)
			root_symbols(p->kids[i], want, nsym, any);
	} else if (p->wildcard) {
		*any = 1;
	} else {
		for (i = 0; i < p->nsyms; i++) {
			if (p->syms[i] < nsym)
				want[p->syms[i]] = 1;
		}
	}
}

/* by_sym: for each symbol, the patterns that may start there. */
static void build_dispatch(fq_query *q)
{
	uint32_t nsym = q->nsym, i, s;
	uint8_t *want = fq_calloc((size_t)q->npatterns * (nsym ? nsym : 1), 1);
	int *any = fq_calloc(q->npatterns ? q->npatterns : 1, sizeof(int));
	size_t total = 0;

	for (i = 0; i < q->npatterns; i++) {
		root_symbols(q->patterns[i].root, want + (size_t)i * nsym, nsym, &any[i]);
		if (any[i]) {
			q->any_root = fq_realloc_array(q->any_root, q->nany_root + 1, sizeof(uint32_t));
			q->any_root[q->nany_root++] = i;
		}
	}
	q->off = fq_calloc((size_t)nsym + 1, sizeof(uint32_t));
	for (s = 0; s < nsym; s++) {
		q->off[s] = (uint32_t)total;
		for (i = 0; i < q->npatterns; i++)
			total += any[i] || want[(size_t)i * nsym + s];
	}
	q->off[nsym] = (uint32_t)total;
	q->by_sym = fq_calloc(total ? total : 1, sizeof(uint32_t));
	for (s = 0, total = 0; s < nsym; s++) {
		for (i = 0; i < q->npatterns; i++) {
			if (any[i] || want[(size_t)i * nsym + s])
				q->by_sym[total++] = i;
		}
	}
	free(want);
	free(any);
}

int fq_query_compile(fq_query **out, fq_lang lang, const char *text)
{
	fq_query *q;
	reader r;
	int error = 0;

	*out = NULL;
	q = fq_calloc(1, sizeof(*q));
	q->lang = lang;
	memset(&r, 0, sizeof(r));
	r.start = r.p = text;
	r.end = text + strlen(text);
	r.q = q;
	r.g = fq_lang_grammar(lang);
	if (!r.g) {
		fq_query_free(q);
		return fq_error_set(FQ_ERROR, "no grammar for %s", fq_lang_name(lang));
	}
	q->nsym = ts_language_symbol_count(r.g);
	for (;;) {
		pattern *pat;

		skip_space(&r);
		if (r.p >= r.end)
			break;
		if (*r.p != '(' && *r.p != '[' && *r.p != '_' && *r.p != '"') {
			error = fail(&r, "expected a pattern");
			break;
		}
		q->patterns = fq_realloc_array(q->patterns, q->npatterns + 1, sizeof(*q->patterns));
		pat = &q->patterns[q->npatterns++];
		memset(pat, 0, sizeof(*pat));
		r.pat = pat;
		if ((error = read_node(&r, &pat->root)) < 0)
			break;
	}
	if (error < 0) {
		fq_query_free(q);
		return error;
	}
	build_dispatch(q);
	*out = q;
	return 0;
}

char *fq_query_text(fq_lang lang)
{
	fq_buf text = FQ_BUF_INIT;
	size_t i;
	int ok = 1;

	const fq_profile *p = fq_profile_of(lang);
	const char *const *dir;

	/* TypeScript and TSX read the JavaScript queries and add their own:
	 * the profile lists the folders, in order */
	for (dir = p ? p->query_dirs : NULL; dir && *dir; dir++) {
		for (i = 0; i < fq_query_sources_count; i++) {
			if (!strcmp(fq_query_sources[i].language, *dir))
				ok &= fq_buf_puts(&text, fq_query_sources[i].text) == 0 &&
				      fq_buf_puts(&text, "\n") == 0;
		}
	}
	if (!ok) {
		fq_buf_free(&text);
		return NULL;
	}
	return text.ptr ? text.ptr : fq_strdup("");
}

/* Compiled per language on first use: a pull request that touches only
 * Python never reads the TypeScript queries. */
static fq_query *compiled[FQ_LANG_COUNT];
static int compile_tried[FQ_LANG_COUNT];
static char compile_error[FQ_LANG_COUNT][256];
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

const fq_query *fq_query_for(fq_lang lang)
{
	const fq_query *q;

	if (lang <= FQ_LANG_NONE || lang >= FQ_LANG_COUNT)
		return NULL;
	pthread_mutex_lock(&compile_lock);
	if (!compile_tried[lang]) {
		char *text = fq_query_text(lang);

		if (!text || fq_query_compile(&compiled[lang], lang, text) < 0)
			snprintf(compile_error[lang], sizeof(compile_error[lang]), "%s",
				 text ? fq_error_last() : "out of memory");
		free(text);
		compile_tried[lang] = 1;
	}
	q = compiled[lang];
	if (!q && compile_error[lang][0])
		fq_error_set(FQ_ERROR, "%s", compile_error[lang]);
	pthread_mutex_unlock(&compile_lock);
	return q;
}
