/* Code nobody wrote by hand (scanner/generated.c): paths and markers, the
 * root .gitattributes' linguist lines, and git's wildmatch they rest on
 * (scanner/config.c).  tests/e2e/test_generated.sh checks the same
 * attribute answers against `git check-attr` itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/config.h"
#include "scanner/generated.h"

static const struct {
	const char *glob, *path;
	int match;
} glob_cases[] = {
	{ "*.js", "a.js", 1 },
	{ "*.js", "src/deep/a.js", 1 },
	{ "*.js", "a.jsx", 0 },
	{ "src/*.js", "src/a.js", 1 },
	{ "src/*.js", "src/lib/a.js", 0 },
	{ "src/*.js", "other/src/a.js", 0 },
	{ "/src/*.js", "src/a.js", 1 },
	{ "**/gen/*.go", "gen/a.go", 1 },
	{ "**/gen/*.go", "a/b/gen/a.go", 1 },
	{ "**/gen/*.go", "a/xgen/a.go", 0 },
	{ "**/foo", "barfoo", 0 },
	{ "**/foo", "bar/foo", 1 },
	{ "assets/**", "assets/a/b.js", 1 },
	{ "assets/**", "assetsx/b.js", 0 },
	{ "a/**/b.txt", "a/b.txt", 1 },
	{ "a/**/b.txt", "a/x/y/b.txt", 1 },
	{ "a/**/b.txt", "a/xb.txt", 0 },
	{ "deploy/prod", "deploy/prod/app.yaml", 0 },
	{ "f?o.[ch]", "lib/foo.c", 1 },
	{ "f?o.[ch]", "lib/f/o.c", 0 },
	{ "[!a]*.pb.go", "b.pb.go", 1 },
	{ "[!a]*.pb.go", "a.pb.go", 0 },
};

static void test_wildmatch(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(glob_cases) / sizeof(glob_cases[0]); i++) {
		int got = fq_glob_match_git(glob_cases[i].glob, glob_cases[i].path);

		if (got != glob_cases[i].match)
			fail_msg("%s vs %s: got %d", glob_cases[i].glob, glob_cases[i].path, got);
	}
	/* the config's globs keep their folder rule on top */
	assert_true(fq_glob_match("deploy/prod", "deploy/prod/app.yaml"));
	assert_false(fq_glob_match("**/foo", "barfoo"));
}

static const char attrs_text[] =
	"# linguist\r\n"
	"* text eol=lf\n"
	"/.yarn/** linguist-vendored\n"
	"assets/** linguist-vendored\n"
	"assets/own/** -linguist-vendored\n"
	"*.pb.go linguist-generated=true binary\n"
	"api/*.pb.go linguist-generated=false\n"
	"docs/** linguist-generated linguist-vendored\n"
	"docs/keep.md !linguist-generated\n"
	"\"with space/*.js\" linguist-vendored\n"
	"build/ linguist-generated\n"
	"!neg.js linguist-generated\n"
	"[attr]gen linguist-generated\n"
	"\t  lib/*.min.js    linguist-vendored   \n";

static const struct {
	const char *path, *why;
} attr_cases[] = {
	{ ".yarn/releases/yarn.cjs", "vendored (.gitattributes linguist-vendored)" },
	{ "assets/charts.js", "vendored (.gitattributes linguist-vendored)" },
	{ "assets/own/charts.js", NULL },
	{ "svc/gen/a.pb.go", "generated (.gitattributes linguist-generated)" },
	{ "api/a.pb.go", NULL },
	{ "docs/a.md", "generated (.gitattributes linguist-generated)" },
	{ "docs/keep.md", "vendored (.gitattributes linguist-vendored)" },
	{ "with space/x.js", "vendored (.gitattributes linguist-vendored)" },
	{ "build/out.js", NULL },
	{ "neg.js", NULL },
	{ "lib/app.min.js", "vendored (.gitattributes linguist-vendored)" },
	{ "src/index.js", NULL },
};

static void test_linguist(void **state)
{
	fq_linguist_attrs *a = fq_linguist_attrs_parse(attrs_text, sizeof(attrs_text) - 1);
	size_t i;

	(void)state;
	assert_non_null(a);
	for (i = 0; i < sizeof(attr_cases) / sizeof(attr_cases[0]); i++) {
		const char *got = fq_linguist_reason(a, attr_cases[i].path);
		const char *want = attr_cases[i].why;

		if (want ? !got || strcmp(got, want) : got != NULL)
			fail_msg("%s: got %s, want %s", attr_cases[i].path, got ? got : "NULL", want ? want : "NULL");
	}
	fq_linguist_attrs_free(a);
	/* a file with no linguist line costs nothing per path */
	assert_null(fq_linguist_attrs_parse("* text eol=lf\n*.png binary\n", 27));
	assert_null(fq_linguist_reason(NULL, "a.js"));
	/* cut lines and a file ending without a newline */
	a = fq_linguist_attrs_parse("x.js linguist-generated", 23);
	assert_non_null(a);
	assert_non_null(fq_linguist_reason(a, "x.js"));
	fq_linguist_attrs_free(a);
	a = fq_linguist_attrs_parse("\"unterminated linguist-generated", 32);
	fq_linguist_attrs_free(a);
}

/* A folder's own .gitattributes: relative to its folder, after the root's. */
static void test_linguist_folders(void **state)
{
	static const char root[] = "*.js linguist-generated\n";
	static const char sub[] = "*.js -linguist-generated\n/gen/*.js linguist-generated\nx.txt linguist-vendored\n";
	fq_linguist_attrs *a = NULL;

	(void)state;
	assert_int_equal(fq_linguist_attrs_add(&a, "", "* text\n", 7), 0);
	assert_null(a); /* nothing of linguist: nothing kept */
	assert_int_equal(fq_linguist_attrs_add(&a, "", root, sizeof(root) - 1), 0);
	assert_int_equal(fq_linguist_attrs_add(&a, "pkg/sub", sub, sizeof(sub) - 1), 0);
	assert_non_null(fq_linguist_reason(a, "a.js"));
	assert_non_null(fq_linguist_reason(a, "pkg/a.js"));
	assert_null(fq_linguist_reason(a, "pkg/sub/a.js"));
	assert_null(fq_linguist_reason(a, "pkg/sub/deep/a.js"));
	assert_non_null(fq_linguist_reason(a, "pkg/sub/gen/a.js"));
	assert_null(fq_linguist_reason(a, "gen/x.txt"));
	assert_string_equal(fq_linguist_reason(a, "pkg/sub/deep/x.txt"), "vendored (.gitattributes linguist-vendored)");
	assert_null(fq_linguist_reason(a, "pkg/subx/x.txt"));
	fq_linguist_attrs_free(a);
}

/* A hostile .gitattributes: the first 256 linguist lines are read, and
 * patterns over 512 bytes are not; the rest is counted. */
static void test_linguist_limits(void **state)
{
	char *text = malloc(300 * 40 + 2000), *p = text;
	fq_linguist_attrs *a;
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < 300; i++)
		p += sprintf(p, "dir%03d/** linguist-vendored\n", i);
	p += sprintf(p, "/");
	for (i = 0; i < 600; i++)
		*p++ = 'x';
	p += sprintf(p, " linguist-generated\n");
	a = fq_linguist_attrs_parse(text, (size_t)(p - text));
	assert_non_null(a);
	assert_int_equal(fq_linguist_attrs_skipped(a), 44 + 1);
	assert_non_null(fq_linguist_reason(a, "dir000/a.js"));
	assert_non_null(fq_linguist_reason(a, "dir255/a.js"));
	assert_null(fq_linguist_reason(a, "dir256/a.js"));
	fq_linguist_attrs_free(a);
	free(text);
}

static void test_paths_and_markers(void **state)
{
	char big[4096];
	size_t i;

	(void)state;
	assert_string_equal(fq_generated_reason("vendor/x/a.go", "package a", 9), "vendored");
	assert_string_equal(fq_generated_reason("web/.yarn/releases/y.cjs", "x", 1), "vendored");
	assert_null(fq_generated_reason("src/vendors.js", "x", 1));
	assert_string_equal(fq_generated_reason("static/app.min.js", "x", 1), "minified");
	assert_string_equal(fq_generated_reason("a.pb.go", "// Code generated by protoc. DO NOT EDIT.\n", 42),
			    "generated");
	assert_null(fq_generated_reason("src/a.go", "package a\n", 10));
	for (i = 0; i < sizeof(big); i++)
		big[i] = i % 1000 == 999 ? '\n' : 'a';
	assert_string_equal(fq_generated_reason("src/a.js", big, sizeof(big)), "minified");
	for (i = 0; i < sizeof(big); i++)
		big[i] = i % 60 == 59 ? '\n' : 'a';
	assert_null(fq_generated_reason("src/a.js", big, sizeof(big)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wildmatch),
		cmocka_unit_test(test_linguist),
		cmocka_unit_test(test_linguist_limits),
		cmocka_unit_test(test_linguist_folders),
		cmocka_unit_test(test_paths_and_markers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
