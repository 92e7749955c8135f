/* The one-pass literal set (util/literals.c) agrees with memmem. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/literals.h"

static const char *const words[] = { "protect", "pr", "rejectUnauthorized", "olic", "OLIC", "log", "lo" };

static const char *const texts[] = {
	"", "p", "pr", "protec", "protect", "unprotect(x)", "the Policy and POLICY", "catalog",
	"rejectUnauthorize", "x rejectUnauthorized: false", "lo", "l", "no match here at all",
	"prprprotect", "xlog", "olicOLIC", "ol", "oli", "olix", "rej", "pro", "prz", "lOg", "OLIc",
};

static void test_agrees_with_memmem(void **state)
{
	fq_literals set;
	size_t t, w;

	(void)state;
	assert_int_equal(fq_literals_init(&set, words, sizeof(words) / sizeof(words[0])), 0);
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		uint64_t got = fq_literals_scan(&set, texts[t], strlen(texts[t]), 0), want = 0;

		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
			if (memmem(texts[t], strlen(texts[t]), words[w], strlen(words[w])))
				want |= 1ull << w;
		}
		if (got != want)
			fail_msg("text '%s': got %#llx, want %#llx", texts[t], (unsigned long long)got,
				 (unsigned long long)want);
	}
}

static void test_stop_mask_and_limits(void **state)
{
	fq_literals set;
	const char *one[] = { "x" };
	uint64_t got;

	(void)state;
	assert_int_equal(fq_literals_init(&set, one, 1), -1);
	assert_int_equal(fq_literals_init(&set, words, sizeof(words) / sizeof(words[0])), 0);
	/* stops at the first "pr" without reading on to "log" */
	got = fq_literals_scan(&set, "pr ... log", 10, 1ull << 1);
	assert_true(got & (1ull << 1));
	assert_false(got & (1ull << 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_with_memmem),
		cmocka_unit_test(test_stop_mask_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
