/*
 * Table-driven rule tests.  Each file tests/rules/<language>/<RULE>.cases
 * holds cases for one rule in one language:
 *
 *     === + name of a case that must produce RULE      [path=src/x.js]
 *     code...
 *     === - name of a case that must not produce RULE
 *     code...
 *
 * Lines before the first === and lines starting with "#" there are
 * comments.  The case's file gets the language's default path unless the
 * header sets one.  Every file needs at least five cases of each sign.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"
#include "scanner/profile.h"
#include "slurp.h"

/* The folders: one per language profile, then the configuration files.
 * A case's default path: src/service plus the profile's first extension. */
#define MAX_LANGUAGES 32
static struct {
	char dir[24];
	char default_path[64];
} languages[MAX_LANGUAGES];
static size_t nlanguages;

static void list_languages(void)
{
	size_t i;

	nlanguages = 0;
	for (i = 0; i < fq_profiles_count && nlanguages + 1 < MAX_LANGUAGES; i++, nlanguages++) {
		snprintf(languages[nlanguages].dir, sizeof(languages[nlanguages].dir), "%s", fq_profiles[i]->name);
		snprintf(languages[nlanguages].default_path, sizeof(languages[nlanguages].default_path), "src/service%s",
			 fq_profiles[i]->extensions[0]);
	}
	snprintf(languages[nlanguages].dir, sizeof(languages[nlanguages].dir), "config");
	snprintf(languages[nlanguages].default_path, sizeof(languages[nlanguages].default_path), "config/app.yaml");
	nlanguages++;
}

static int failures;

/* Runs one case; returns 1 when it behaved. */
static int run_case(const char *file, const char *rule, int positive, const char *name, const char *path,
		    const char *code, size_t len)
{
	fq_scan_options opts;
	fq_findings found = { 0 };
	size_t i;
	int hit = 0;

	memset(&opts, 0, sizeof(opts));
	opts.path = ".";
	opts.jobs = 1;
	opts.max_file_size = FQ_DEFAULT_MAX_FILE_SIZE;
	assert_int_equal(fq_scan_buffer(&found, NULL, &opts, path, code, len), 0);
	for (i = 0; i < found.count; i++)
		hit |= strcmp(found.items[i].rule->id, rule) == 0;
	fq_findings_free(&found);
	if (hit != positive) {
		fprintf(stderr, "FAIL %s: case '%s' (%s): %s %s\n", file, name, path,
			positive ? "expected" : "did not expect", rule);
		failures++;
		return 0;
	}
	return 1;
}

static void run_file(const char *dirpath, const char *lang_default, const char *fname, int *pos, int *neg)
{
	char path[4096], rule[16];
	size_t len;
	char *text, *p;

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dirpath, fname) < sizeof(path));
	snprintf(rule, sizeof(rule), "%.5s", fname);
	text = fq_test_slurp(path, &len);
	assert_non_null(text);
	p = strstr(text, "=== ");
	while (p) {
		char *eol = strchr(p, '\n'), *next, *name, *pathopt, casepath[256];
		int positive;

		if (!eol)
			break;
		*eol = '\0';
		positive = p[4] == '+';
		if (p[4] != '+' && p[4] != '-')
			fail_msg("%s: case header needs + or -: %s", path, p);
		name = p + 5;
		while (*name == ' ')
			name++;
		snprintf(casepath, sizeof(casepath), "%s", lang_default);
		if ((pathopt = strstr(name, "[path=")) != NULL) {
			char *end = strchr(pathopt, ']');

			if (end)
				snprintf(casepath, sizeof(casepath), "%.*s", (int)(end - pathopt - 6), pathopt + 6);
			*pathopt = '\0';
		}
		next = strstr(eol + 1, "\n=== ");
		{
			char *code = eol + 1;
			size_t clen = next ? (size_t)(next + 1 - code) : strlen(code);

			run_case(path, rule, positive, name, casepath, code, clen);
		}
		if (positive)
			(*pos)++;
		else
			(*neg)++;
		p = next ? next + 1 : NULL;
	}
	free(text);
}

static void test_rule_tables(void **state)
{
	const char *root = getenv("FQ_RULE_CASES");
	size_t l;
	int files = 0;

	(void)state;
	if (!root)
		root = "tests/rules";
	list_languages();
	for (l = 0; l < nlanguages; l++) {
		char dirpath[4096];
		struct dirent **names = NULL;
		int n, i;

		snprintf(dirpath, sizeof(dirpath), "%s/%s", root, languages[l].dir);
		n = scandir(dirpath, &names, NULL, alphasort);
		for (i = 0; i < n; i++) {
			size_t nl = strlen(names[i]->d_name);

			if (nl > 6 && !strcmp(names[i]->d_name + nl - 6, ".cases")) {
				int pos = 0, neg = 0;

				run_file(dirpath, languages[l].default_path, names[i]->d_name, &pos, &neg);
				if (pos < 5 || neg < 5) {
					fprintf(stderr, "FAIL %s/%s: %d positive and %d negative cases, need 5 of each\n",
						dirpath, names[i]->d_name, pos, neg);
					failures++;
				}
				files++;
			}
			free(names[i]);
		}
		free(names);
	}
	if (files == 0)
		fail_msg("no rule case files under %s", root);
	if (failures)
		fail_msg("%d rule case failures (see above)", failures);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
