/* The query matcher (scanner/query.c) against tree-sitter's own: every
 * pattern of the embedded queries, run by both on every rule case, parse
 * fixture and example file, must give the same matches with the same
 * captures.  Predicates are stripped for that comparison (the 0.20.7
 * runtime does not evaluate them) and tested on their own below. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/lang.h"
#include "util/common.h"
#include "scanner/query.h"
#include "scanner/syntax.h"
#include "slurp.h"

/* The query text without its (#predicate ...) forms. */
static char *strip_predicates(const char *text)
{
	size_t n = strlen(text), i = 0, o = 0;
	char *out = malloc(n + 1);

	while (i < n) {
		size_t j = i + 1;

		while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n'))
			j++;
		if (text[i] == ';') { /* a comment may hold parentheses */
			while (i < n && text[i] != '\n')
				out[o++] = text[i++];
			continue;
		}
		if (text[i] == '(' && j < n && text[j] == '#') {
			int depth = 0, in_str = 0;

			for (; i < n; i++) {
				if (in_str) {
					if (text[i] == '\\')
						i++;
					else if (text[i] == '"')
						in_str = 0;
				} else if (text[i] == '"') {
					in_str = 1;
				} else if (text[i] == '(') {
					depth++;
				} else if (text[i] == ')' && --depth == 0) {
					i++;
					break;
				}
			}
			continue;
		}
		out[o++] = text[i++];
	}
	out[o] = '\0';
	return out;
}

/* Matches as sorted lines "pattern name@start-end ...", captures sorted. */
typedef struct lines {
	char **v;
	size_t n;
} lines;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_match(lines *l, uint32_t pattern, const char **names, const TSNode *nodes, uint32_t n)
{
	char *caps[64], buf[4096];
	size_t len;
	uint32_t i;

	assert_true(n <= 64);
	for (i = 0; i < n; i++) {
		char c[256];

		snprintf(c, sizeof(c), "%s@%u-%u", names[i], ts_node_start_byte(nodes[i]),
			 ts_node_end_byte(nodes[i]));
		caps[i] = fq_strdup(c);
	}
	if (n > 1)
		qsort(caps, n, sizeof(char *), cmp_str);
	len = (size_t)snprintf(buf, sizeof(buf), "%u", pattern);
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, " %s", caps[i]);
		free(caps[i]);
	}
	l->v = realloc(l->v, (l->n + 1) * sizeof(char *));
	l->v[l->n++] = fq_strdup(buf);
}

static void lines_free(lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int collect(void *payload, const fq_capture *caps, uint32_t ncaps, uint32_t pattern)
{
	const char *names[64];
	TSNode nodes[64];
	uint32_t i;

	for (i = 0; i < ncaps && i < 64; i++) {
		names[i] = caps[i].name;
		nodes[i] = caps[i].node;
	}
	add_match(payload, pattern, names, nodes, i);
	return 0;
}

typedef struct compiled {
	TSQuery *ts;
	fq_query *ours;
} compiled;

static compiled queries[FQ_LANG_COUNT];
static unsigned files_checked, matches_checked;

static void compile_both(fq_lang lang)
{
	char *text = fq_query_text(lang), *plain;
	uint32_t off;
	TSQueryError err;

	assert_non_null(text);
	plain = strip_predicates(text);
	queries[lang].ts = ts_query_new(fq_lang_grammar(lang), plain, (uint32_t)strlen(plain), &off, &err);
	if (!queries[lang].ts)
		fail_msg("tree-sitter refused the %s query at %u: %.40s", fq_lang_name(lang), off, plain + off);
	if (fq_query_compile(&queries[lang].ours, lang, plain) < 0)
		fail_msg("%s", fq_error_last());
	assert_int_equal(ts_query_pattern_count(queries[lang].ts), fq_query_pattern_count(queries[lang].ours));
	free(plain);
	free(text);
}

/* Runs both matchers on src and compares. */
static void compare(const char *what, fq_lang lang, const char *src, size_t len)
{
	TSParser *parser = ts_parser_new();
	TSQueryCursor *cursor = ts_query_cursor_new();
	lines theirs = { 0 }, ours = { 0 };
	TSQueryMatch m;
	fq_syntax s;
	size_t i;

	if (!queries[lang].ts)
		compile_both(lang);
	assert_int_equal(fq_syntax_parse(&s, parser, lang, src, len), 0);
	assert_int_equal(fq_syntax_index(&s, FQ_MAX_NESTING), 0);
	ts_query_cursor_exec(cursor, queries[lang].ts, s.root);
	while (ts_query_cursor_next_match(cursor, &m)) {
		const char *names[64];
		TSNode nodes[64];
		uint16_t k;

		for (k = 0; k < m.capture_count && k < 64; k++) {
			uint32_t nl;

			names[k] = ts_query_capture_name_for_id(queries[lang].ts, m.captures[k].index, &nl);
			nodes[k] = m.captures[k].node;
		}
		add_match(&theirs, m.pattern_index, names, nodes, k);
	}
	assert_true(fq_query_run(queries[lang].ours, &s, collect, &ours) >= 0);
	if (theirs.n > 1)
		qsort(theirs.v, theirs.n, sizeof(char *), cmp_str);
	if (ours.n > 1)
		qsort(ours.v, ours.n, sizeof(char *), cmp_str);
	for (i = 0; i < theirs.n || i < ours.n; i++) {
		if (i >= theirs.n || i >= ours.n || strcmp(theirs.v[i], ours.v[i]) != 0) {
			fprintf(stderr, "%s (%s): tree-sitter %zu matches, ours %zu; first difference:\n"
				"  tree-sitter: %s\n  ours:        %s\n", what, fq_lang_name(lang), theirs.n,
				ours.n, i < theirs.n ? theirs.v[i] : "(none)", i < ours.n ? ours.v[i] : "(none)");
			fail();
		}
	}
	files_checked++;
	matches_checked += (unsigned)ours.n;
	lines_free(&theirs);
	lines_free(&ours);
	fq_syntax_free(&s);
	ts_query_cursor_delete(cursor);
	ts_parser_delete(parser);
}

/* Each case of a .cases file is a program of its own. */
static void compare_cases(const char *path, fq_lang lang)
{
	size_t len = 0;
	char *text = fq_test_slurp(path, &len), *p, *body = NULL;

	assert_non_null(text);
	for (p = text;; ) {
		char *nl = strchr(p, '\n');
		int header = !strncmp(p, "=== ", 4) || *p == '\0';

		if (header && body) {
			char what[1200];

			snprintf(what, sizeof(what), "%s, case at byte %zu", path, (size_t)(body - text));
			compare(what, lang, body, (size_t)(p - body));
			body = NULL;
		}
		if (*p == '\0')
			break;
		if (!strncmp(p, "=== ", 4))
			body = nl ? nl + 1 : p + strlen(p);
		p = nl ? nl + 1 : p + strlen(p);
	}
	/* the whole file too: its headers are syntax errors to match around */
	compare(path, lang, text, len);
	free(text);
}

static void test_same_as_tree_sitter(void **state)
{
	static const struct {
		const char *dir;
		fq_lang lang;
	} dirs[] = {
		{ "javascript", FQ_LANG_JAVASCRIPT },
		{ "typescript", FQ_LANG_TYPESCRIPT },
		{ "tsx", FQ_LANG_TSX },
		{ "python", FQ_LANG_PYTHON },
	};
	static const struct {
		const char *file;
		fq_lang lang;
	} fixtures[] = {
		{ "parse/sample.js", FQ_LANG_JAVASCRIPT }, { "parse/sample.js", FQ_LANG_TYPESCRIPT },
		{ "parse/sample.ts", FQ_LANG_TYPESCRIPT }, { "parse/sample.tsx", FQ_LANG_TSX },
		{ "parse/sample.py", FQ_LANG_PYTHON },
	};
	const char *cases = getenv("FQ_RULE_CASES"), *fx = getenv("FQ_FIXTURES");
	char path[1024];
	size_t i, len = 0;

	(void)state;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d;
		struct dirent *e;

		snprintf(path, sizeof(path), "%s/%s", cases ? cases : "tests/rules", dirs[i].dir);
		d = opendir(path);
		assert_non_null(d);
		while ((e = readdir(d))) {
			size_t nl = strlen(e->d_name);

			if (nl > 6 && !strcmp(e->d_name + nl - 6, ".cases")) {
				snprintf(path, sizeof(path), "%s/%s/%s", cases ? cases : "tests/rules",
					 dirs[i].dir, e->d_name);
				compare_cases(path, dirs[i].lang);
			}
		}
		closedir(d);
	}
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		char *src;

		snprintf(path, sizeof(path), "%s/%s", fx ? fx : "tests/fixtures", fixtures[i].file);
		src = fq_test_slurp(path, &len);
		assert_non_null(src);
		compare(path, fixtures[i].lang, src, len);
		free(src);
	}
	/* the comparison must have had something to compare */
	fprintf(stderr, "compared %u programs, %u matches\n", files_checked, matches_checked);
	assert_true(files_checked > 300);
	assert_true(matches_checked > 1000);
}

/* Query shapes the embedded queries do not all use, each compared with
 * tree-sitter on one program. */
static void test_shapes(void **state)
{
	static const char js[] =
		"const a = f(1, x, 'two', y);\n"
		"obj.m(a)(b);\n"
		"g(h(i(j)));\n"
		"const o = { k: 1, 'q': false, [z]: `t${u}` };\n"
		"if (a) { b = c + d; } else { e = !f; }\n"
		"class K { m() { return this.x?.y; } }\n";
	static const char py[] =
		"import ssl\n"
		"ctx = ssl.create_default_context()\n"
		"c.setopt(pycurl.SSL_VERIFYPEER, 0)\n"
		"requests.get(url, verify=False, timeout=3)\n"
		"x = [a for a in b if a]\n"
		"def f(p, *args, q=1, **kw):\n    return g(p, q)\n";
	static const char *const js_queries[] = {
		"(call_expression) @c",
		"(call_expression function: (_) @f arguments: (arguments (_) @a))",
		"(arguments . (_) @first)",
		"(arguments (_) @last .)",
		"(arguments . (number) @n . (identifier) @i)",
		"(arguments (identifier) @x (identifier) @y)",
		"(call_expression (arguments (call_expression (arguments (identifier) @deep))))",
		"[(number) (string)] @lit",
		"(pair key: [(property_identifier) (string) (computed_property_name)] @k value: (_) @v)",
		"(binary_expression \"+\" @op)",
		"(unary_expression operator: _ @op argument: (identifier) @arg)",
		"(member_expression object: (this) property: (_) @p) @m",
		"(statement_block (expression_statement (assignment_expression left: (identifier) @l)))",
		"(if_statement condition: (_) @c consequence: (_) alternative: (else_clause))",
		"(template_string (template_substitution (identifier) @t))",
	};
	static const char *const py_queries[] = {
		"(call function: (attribute object: (identifier) @o attribute: (identifier) @a)) @c",
		"(call arguments: (argument_list . (attribute attribute: (identifier) @opt) . [(integer) (false)] @v))",
		"(keyword_argument name: (identifier) @k value: (_) @v)",
		"(argument_list (keyword_argument) @kw (keyword_argument) @kw2)",
		"(parameters (_) @p)",
		"(list_comprehension (for_in_clause left: _ @l) (if_clause) @if)",
		"(import_statement name: (dotted_name (identifier) @m))",
		"(return_statement (call arguments: (argument_list (identifier) @arg)))",
	};
	struct {
		const char *const *q;
		size_t n;
		fq_lang lang;
		const char *src;
	} sets[] = {
		{ js_queries, sizeof(js_queries) / sizeof(js_queries[0]), FQ_LANG_JAVASCRIPT, js },
		{ js_queries, sizeof(js_queries) / sizeof(js_queries[0]), FQ_LANG_TSX, js },
		{ py_queries, sizeof(py_queries) / sizeof(py_queries[0]), FQ_LANG_PYTHON, py },
	};
	size_t i, k;
	unsigned before = matches_checked;

	(void)state;
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		for (k = 0; k < sets[i].n; k++) {
			compiled saved = queries[sets[i].lang];
			uint32_t off;
			TSQueryError err;

			queries[sets[i].lang].ts = ts_query_new(fq_lang_grammar(sets[i].lang), sets[i].q[k],
							       (uint32_t)strlen(sets[i].q[k]), &off, &err);
			assert_non_null(queries[sets[i].lang].ts);
			if (fq_query_compile(&queries[sets[i].lang].ours, sets[i].lang, sets[i].q[k]) < 0)
				fail_msg("%s: %s", sets[i].q[k], fq_error_last());
			compare(sets[i].q[k], sets[i].lang, sets[i].src, strlen(sets[i].src));
			ts_query_delete(queries[sets[i].lang].ts);
			fq_query_free(queries[sets[i].lang].ours);
			queries[sets[i].lang] = saved;
		}
	}
	assert_true(matches_checked - before > 60);
}

static int count_matches(void *payload, const fq_capture *caps, uint32_t ncaps, uint32_t pattern)
{
	(void)caps;
	(void)ncaps;
	(void)pattern;
	++*(int *)payload;
	return 0;
}

static int run_count(fq_lang lang, const char *query, const char *src)
{
	TSParser *parser = ts_parser_new();
	fq_query *q;
	fq_syntax s;
	int n = 0;

	if (fq_query_compile(&q, lang, query) < 0)
		fail_msg("%s: %s", query, fq_error_last());
	assert_int_equal(fq_syntax_parse(&s, parser, lang, src, strlen(src)), 0);
	assert_int_equal(fq_syntax_index(&s, FQ_MAX_NESTING), 0);
	assert_true(fq_query_run(q, &s, count_matches, &n) >= 0);
	fq_syntax_free(&s);
	fq_query_free(q);
	ts_parser_delete(parser);
	return n;
}

static void test_predicates(void **state)
{
	static const char src[] = "f(a, a); f(a, b); g(b, b); h('x'); h(\"yy\"); h('TLSv1');\n";
	(void)state;
	/* #eq? / #not-eq? with a capture and with a string */
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "(call_expression function: (identifier) @f arguments: "
				   "(arguments . (identifier) @x . (identifier) @y) (#eq? @x @y))", src), 2);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "(call_expression function: (identifier) @f arguments: "
				   "(arguments . (identifier) @x . (identifier) @y) (#not-eq? @x @y))", src), 1);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "(call_expression function: (identifier) @f "
				   "(#eq? @f \"f\"))", src), 2);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "(call_expression function: (identifier) @f "
				   "(#not-eq? @f \"f\"))", src), 4);
	/* #match? / #not-match? (PCRE2), #any-of? / #not-any-of? */
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "((string) @s (#match? @s \"^['\\\"]y+['\\\"]$\"))", src), 1);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "((string) @s (#not-match? @s \"TLS\"))", src), 2);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "((identifier) @i (#any-of? @i \"g\" \"h\"))", src), 4);
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "((identifier) @i (#not-any-of? @i \"a\" \"b\" \"h\"))", src), 3);
	/* predicates inside a nested pattern hold for the whole match */
	assert_int_equal(run_count(FQ_LANG_JAVASCRIPT, "(call_expression arguments: (arguments (string) @s "
				   "(#eq? @s \"'x'\")))", src), 1);
}

static void refused(fq_lang lang, const char *query, const char *words)
{
	fq_query *q = NULL;

	if (fq_query_compile(&q, lang, query) == 0) {
		fq_query_free(q);
		fail_msg("accepted: %s", query);
	}
	if (!strstr(fq_error_last(), words))
		fail_msg("%s: the error '%s' does not say '%s'", query, fq_error_last(), words);
	assert_null(q);
}

static void test_errors(void **state)
{
	(void)state;
	refused(FQ_LANG_JAVASCRIPT, "(no_such_node)", "unknown node type 'no_such_node'");
	refused(FQ_LANG_PYTHON, "(call nope: (identifier))", "unknown field 'nope'");
	refused(FQ_LANG_JAVASCRIPT, "(call_expression", "unbalanced");
	refused(FQ_LANG_JAVASCRIPT, "[(identifier)", "unbalanced");
	refused(FQ_LANG_JAVASCRIPT, "(call_expression (identifier)*)", "quantifiers");
	refused(FQ_LANG_JAVASCRIPT, "(call_expression !arguments)", "negated fields");
	refused(FQ_LANG_JAVASCRIPT, "((identifier) @i (#frobnicate? @i \"x\"))", "unknown predicate");
	refused(FQ_LANG_JAVASCRIPT, "((identifier) @i (#match? @i \"(\"))", "regular expression");
	refused(FQ_LANG_JAVASCRIPT, "((identifier) @i (#eq? \"x\" @i))", "needs a capture");
	refused(FQ_LANG_JAVASCRIPT, "((string) @s (#eq? @s \"x", "unterminated");
	refused(FQ_LANG_JAVASCRIPT, "\n\n(identifier) )", "line 3");
	refused(FQ_LANG_JAVASCRIPT, "((identifier) (string))", "groups of sibling patterns");
	refused(FQ_LANG_JAVASCRIPT, "[]", "empty alternatives");
	refused(FQ_LANG_JAVASCRIPT, "(arguments .)", "an anchor needs a child step");
	/* the embedded queries compile for every language */
	assert_non_null(fq_query_for(FQ_LANG_JAVASCRIPT));
	assert_non_null(fq_query_for(FQ_LANG_TYPESCRIPT));
	assert_non_null(fq_query_for(FQ_LANG_TSX));
	assert_non_null(fq_query_for(FQ_LANG_PYTHON));
}

/* Broken query text (cut anywhere, a byte changed) compiles or is refused
 * with a message; never a crash or a leak (the sanitizers watch). */
static void test_broken_text(void **state)
{
	static const char swaps[] = "()[]@#.\":_ ?*!;\n";
	char *text = fq_query_text(FQ_LANG_PYTHON);
	size_t len = strlen(text), round;
	unsigned seed = 4242;
	int refused = 0;

	(void)state;
	for (round = 0; round < 3000; round++) {
		char *copy = fq_strdup(text);
		fq_query *q = NULL;
		size_t at;

		seed = seed * 1103515245u + 12345u;
		at = (seed >> 8) % len;
		if (round % 2)
			copy[at] = '\0'; /* cut */
		else
			copy[at] = swaps[(seed >> 20) % (sizeof(swaps) - 1)];
		if (fq_query_compile(&q, FQ_LANG_PYTHON, copy) < 0) {
			assert_null(q);
			assert_true(strlen(fq_error_last()) > 0);
			refused++;
		}
		fq_query_free(q);
		free(copy);
	}
	assert_true(refused > 1000);
	free(text);
}

/* A pattern whose child steps pair up in many ways stops at the limit and
 * says so instead of running for minutes. */
static void test_match_limit(void **state)
{
	TSParser *parser = ts_parser_new();
	size_t n = 3000, i, len = 0;
	char *src = malloc(n * 3 + 16);
	fq_query *q;
	fq_syntax s;
	int count = 0;

	(void)state;
	len += (size_t)sprintf(src, "f(");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(src + len, "a,");
	len += (size_t)sprintf(src + len, "a);\n");
	assert_int_equal(fq_query_compile(&q, FQ_LANG_JAVASCRIPT,
					  "(arguments (identifier) @x (identifier) @y)"), 0);
	assert_int_equal(fq_syntax_parse(&s, parser, FQ_LANG_JAVASCRIPT, src, len), 0);
	assert_int_equal(fq_syntax_index(&s, FQ_MAX_NESTING), 0);
	assert_int_equal(fq_query_run(q, &s, count_matches, &count), -1);
	assert_true(count > 0 && count <= FQ_QUERY_MATCH_LIMIT);
	fq_syntax_free(&s);
	fq_query_free(q);
	ts_parser_delete(parser);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_tree_sitter),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_predicates),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_broken_text),
		cmocka_unit_test(test_match_limit),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	size_t i;

	for (i = 0; i < FQ_LANG_COUNT; i++) {
		if (queries[i].ts)
			ts_query_delete(queries[i].ts);
		fq_query_free(queries[i].ours);
	}
	return rc;
}
