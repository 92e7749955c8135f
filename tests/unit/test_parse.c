/* The parse path: the pinned grammars load into the 0.20.7 runtime and parse
 * real JavaScript, TypeScript, TSX and Python without errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/lang.h"
#include "scanner/syntax.h"

static char *slurp(const char *name, size_t *len)
{
	const char *dir = getenv("FQ_FIXTURES");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/parse/%s", dir ? dir : "tests/fixtures", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Counts nodes of a type in the tree. */
static unsigned count_type(TSNode node, const char *type)
{
	unsigned n = strcmp(ts_node_type(node), type) == 0, i;

	for (i = 0; i < ts_node_child_count(node); i++)
		n += count_type(ts_node_child(node, i), type);
	return n;
}

static const struct {
	const char *file;
	fq_lang lang;
	const char *root;
	const char *call;   /* node type of a call */
} cases[] = {
	{ "sample.js", FQ_LANG_JAVASCRIPT, "program", "call_expression" },
	{ "sample.ts", FQ_LANG_TYPESCRIPT, "program", "call_expression" },
	{ "sample.tsx", FQ_LANG_TSX, "program", "call_expression" },
	{ "sample.py", FQ_LANG_PYTHON, "module", "call" },
};

static void test_parse_each_language(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *src = slurp(cases[i].file, &len);
		fq_lang lang = fq_lang_detect(cases[i].file, src, len);
		TSParser *parser = ts_parser_new();
		TSTree *tree;
		TSNode root;

		if (lang != cases[i].lang)
			fail_msg("%s: detected %s", cases[i].file, fq_lang_name(lang));
		assert_int_equal(ts_language_version(fq_lang_grammar(lang)), 14);
		assert_true(ts_parser_set_language(parser, fq_lang_grammar(lang)));
		tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)len);
		assert_non_null(tree);
		root = ts_tree_root_node(tree);
		if (strcmp(ts_node_type(root), cases[i].root) != 0)
			fail_msg("%s: root is %s", cases[i].file, ts_node_type(root));
		if (ts_node_has_error(root))
			fail_msg("%s: syntax errors in a valid file", cases[i].file);
		if (count_type(root, cases[i].call) < 1)
			fail_msg("%s: no %s found", cases[i].file, cases[i].call);
		ts_tree_delete(tree);
		ts_parser_delete(parser);
		free(src);
	}
}

/* The enclosing function the slow way: up through the parents. */
static TSNode scope_by_parents(const fq_syntax *s, TSNode n)
{
	TSNode p;

	for (p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
		if (fq_node_is_function(p))
			return p;
	}
	return s->root;
}

/* The nodes a walk visited, in order. */
typedef struct visits {
	const void **ids;
	size_t count, alloc;
} visits;

/* Records the node and skips the children of some (by symbol). */
static int record_visit(void *payload, TSNode n)
{
	visits *v = payload;

	if (v->count == v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 64;
		v->ids = realloc(v->ids, v->alloc * sizeof(*v->ids));
		assert_non_null(v->ids);
	}
	v->ids[v->count++] = n.id;
	return ts_node_symbol(n) % 3 == 0;
}

static const char *const some_types[] = { "identifier", "call_expression", "call", "string", "arguments" };
static fq_typeset some_typeset = FQ_TYPESET(some_types);

/* Records the nodes of some_types only (and skips some of them). */
static int record_typed_visit(void *payload, TSNode n)
{
	size_t i;

	for (i = 0; i < sizeof(some_types) / sizeof(some_types[0]); i++) {
		if (!strcmp(ts_node_type(n), some_types[i]))
			return record_visit(payload, n);
	}
	return 0;
}

static void same_visits(const char *name, const char *walk, TSNode n, visits *a, visits *b)
{
	if (a->count != b->count || (a->count && memcmp(a->ids, b->ids, a->count * sizeof(*a->ids)) != 0))
		fail_msg("%s: %s under %s at byte %u differ (%zu and %zu nodes)", name, walk, ts_node_type(n),
			 ts_node_start_byte(n), a->count, b->count);
	free(a->ids);
	free(b->ids);
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
}

/* A walk over the node list (fq_syntax_index) visits what a tree-cursor
 * walk visits, skips included; so does a walk by node types, on the nodes
 * of those types. */
static void check_walk(const char *name, fq_syntax *plain, const fq_syntax *indexed, TSNode n, TSNode in_plain)
{
	visits a = { 0 }, b = { 0 };

	TSTreeCursor c = ts_tree_cursor_new(n);
	int alias_lost = strcmp(ts_node_type(ts_tree_cursor_current_node(&c)), ts_node_type(n)) != 0;

	ts_tree_cursor_delete(&c);
	fq_node_walk(NULL, n, record_visit, &a); /* no list: the cursor */
	fq_node_walk(indexed, n, record_visit, &b);
	same_visits(name, "walks", n, &a, &b);
	/* a cursor started at an aliased node does not know the alias (its
	 * parent gives it): the typed reference below would see another type */
	if (alias_lost)
		return;
	fq_node_walk(NULL, n, record_typed_visit, &a);
	fq_node_walk_types(indexed, n, &some_typeset, record_visit, &b);
	same_visits(name, "typed walks", n, &a, &b);
	/* without a node list, by cursor: compared through node positions */
	fq_node_walk_types(plain, in_plain, &some_typeset, record_visit, &a);
	fq_node_walk(NULL, in_plain, record_typed_visit, &b);
	same_visits(name, "typed cursor walks", in_plain, &a, &b);
}

/* fq_node_scope (a function index, built lazily or by fq_syntax_index)
 * agrees with the parent walk on every node of a file, and walks over the
 * node list agree with cursor walks; returns the number of nodes checked. */
static unsigned check_scopes(const char *name, fq_lang lang, const char *src, size_t len)
{
	TSParser *parser = ts_parser_new();
	fq_syntax syn, indexed;
	TSTreeCursor c;
	unsigned checked = 0;

	assert_int_equal(fq_syntax_parse(&syn, parser, lang, src, len), 0);
	assert_int_equal(fq_syntax_parse(&indexed, parser, lang, src, len), 0);
	assert_int_equal(fq_syntax_index(&indexed, FQ_MAX_NESTING), 0);
	assert_true(indexed.nnodes > 0 && indexed.nodes[0].end == indexed.nnodes);
	c = ts_tree_cursor_new(syn.root);
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		TSNode want = scope_by_parents(&syn, n);
		TSNode in_indexed = ts_node_descendant_for_byte_range(indexed.root, ts_node_start_byte(n),
								       ts_node_end_byte(n));

		if (!ts_node_eq(fq_node_scope(&syn, n), want))
			fail_msg("%s: wrong scope for %s at byte %u", name, ts_node_type(n), ts_node_start_byte(n));
		if (ts_node_start_byte(fq_node_scope(&indexed, in_indexed)) !=
		    ts_node_start_byte(fq_node_scope(&syn, ts_node_descendant_for_byte_range(
				    syn.root, ts_node_start_byte(n), ts_node_end_byte(n)))))
			fail_msg("%s: indexed scope differs at byte %u", name, ts_node_start_byte(n));
		if (checked % 7 == 0)
			check_walk(name, &syn, &indexed, in_indexed,
				   ts_node_descendant_for_byte_range(syn.root, ts_node_start_byte(n), ts_node_end_byte(n)));
		checked++;
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c))
				goto done;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	assert_true(syn.nfns > 0);
	assert_int_equal(syn.nfns, indexed.nfns);
	fq_syntax_free(&syn);
	fq_syntax_free(&indexed);
	ts_parser_delete(parser);
	return checked;
}

static void test_scope_index(void **state)
{
	/* shapes where ranges touch: a statement that is only an arrow (no
	 * semicolon), curried arrows, an IIFE, methods, nested lambdas */
	static const char js[] = "x => y => z\n(function () { return () => { const f = a => a; } })()\n"
				 "class K { m() { return function g() {} } }\nconst o = { p() {}, q: async () => 1 }\n";
	static const char py[] = "f = lambda a: lambda b: a + b\ndef outer():\n    def inner():\n        return 1\n"
				 "    return [lambda: inner() for _ in range(3)]\nclass C:\n    def m(self):\n        pass\n";
	size_t i;

	(void)state;
	assert_true(check_scopes("inline.js", FQ_LANG_JAVASCRIPT, js, sizeof(js) - 1) > 50);
	assert_true(check_scopes("inline.py", FQ_LANG_PYTHON, py, sizeof(py) - 1) > 50);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *src = slurp(cases[i].file, &len);

		check_scopes(cases[i].file, cases[i].lang, src, len);
		free(src);
	}
}

static void test_detection(void **state)
{
	(void)state;
	assert_int_equal(fq_lang_detect("a/b.mjs", "", 0), FQ_LANG_JAVASCRIPT);
	assert_int_equal(fq_lang_detect("a/b.cts", "", 0), FQ_LANG_TYPESCRIPT);
	assert_int_equal(fq_lang_detect("bin/tool", "#!/usr/bin/env python3\n", 23), FQ_LANG_PYTHON);
	assert_int_equal(fq_lang_detect("bin/tool", "#!/usr/bin/env node\n", 20), FQ_LANG_JAVASCRIPT);
	assert_int_equal(fq_lang_detect("README.md", "", 0), FQ_LANG_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_each_language),
		cmocka_unit_test(test_detection),
		cmocka_unit_test(test_scope_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
