/* The quick look into index files (scanner/gitindex.c), on indexes that
 * git itself writes: versions 2 and 3 (an extended-flag entry) are read,
 * version 4 and what is not an index are refused. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/gitindex.h"

static char dir[] = "/tmp/fq-gitindex-XXXXXX";

/* cmd in the test's repository */
static int sh(const char *cmd)
{
	char line[1024];

	snprintf(line, sizeof(line), "cd '%s' && %s", dir, cmd);
	return system(line);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	return sh("git init -q . && mkdir -p a/b c && touch .gitattributes a/.gitattributes "
		  "a/b/.gitattributes c/x.gitattributes a/b/f.txt c/.gitattributes && "
		  "git add . && touch a/new.txt && git add -N a/new.txt");
}

static int teardown(void **state)
{
	(void)state;
	char line[512];

	snprintf(line, sizeof(line), "rm -rf '%s'", dir);
	return system(line);
}

static void expect_paths(int version)
{
	char path[512], **out = NULL, cmd[64];
	size_t n = 0, i;

	snprintf(cmd, sizeof(cmd), "git update-index --index-version %d", version);
	assert_int_equal(sh(cmd), 0);
	snprintf(path, sizeof(path), "%s/.git/index", dir);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), 0);
	/* index order; not the root's, not c/x.gitattributes */
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "a/.gitattributes");
	assert_string_equal(out[1], "a/b/.gitattributes");
	assert_string_equal(out[2], "c/.gitattributes");
	for (i = 0; i < n; i++)
		free(out[i]);
	free(out);
}

static void test_versions_2_and_3(void **state)
{
	(void)state;
	expect_paths(2); /* git writes 3 while an intent-to-add entry stands */
	expect_paths(3);
}

static void test_refused(void **state)
{
	char path[512], **out = (char **)1;
	size_t n = 7;
	FILE *f;

	(void)state;
	assert_int_equal(sh("git update-index --index-version 4"), 0);
	snprintf(path, sizeof(path), "%s/.git/index", dir);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	assert_null(out);
	assert_int_equal(n, 0);
	/* not an index, a cut one, no file */
	snprintf(path, sizeof(path), "%s/junk", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("DIRC\0\0\0\2\0\0\0\5 short", f);
	fclose(f);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	assert_int_equal(sh("git update-index --index-version 2 && head -c 200 .git/index >cut"), 0);
	snprintf(path, sizeof(path), "%s/cut", dir);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	assert_int_equal(fq_gitindex_paths_named("/nonexistent/index", ".gitattributes", &out, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions_2_and_3),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
