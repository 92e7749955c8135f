/* The quick look into index files (scanner/gitindex.c), on indexes that
 * git itself writes: versions 2, 3 (an extended-flag entry) and 4 (paths
 * compressed against the one before) are read; what is not an index, or
 * is cut short, is refused. */
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

static void test_versions(void **state)
{
	(void)state;
	expect_paths(2); /* git writes 3 while an intent-to-add entry stands */
	expect_paths(3);
	expect_paths(4);
}

static void write_bytes(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static void test_refused(void **state)
{
	static const char short_index[] = "DIRC\0\0\0\2\0\0\0\5 five entries promised, none there";
	static const char version5[] = "DIRC\0\0\0\5\0\0\0\0";
	char path[512], **out = (char **)1;
	size_t n = 7;

	(void)state;
	snprintf(path, sizeof(path), "%s/short", dir);
	write_bytes(path, short_index, sizeof(short_index) - 1);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	assert_null(out);
	assert_int_equal(n, 0);
	snprintf(path, sizeof(path), "%s/v5", dir);
	write_bytes(path, version5, sizeof(version5) - 1);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	/* a real index cut in the middle of its entries, in each version */
	assert_int_equal(sh("git update-index --index-version 2 && head -c 200 .git/index >cut2 && "
			    "git update-index --index-version 4 && head -c 200 .git/index >cut4"), 0);
	snprintf(path, sizeof(path), "%s/cut2", dir);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	snprintf(path, sizeof(path), "%s/cut4", dir);
	assert_int_equal(fq_gitindex_paths_named(path, ".gitattributes", &out, &n), -1);
	assert_int_equal(fq_gitindex_paths_named("/nonexistent/index", ".gitattributes", &out, &n), -1);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
