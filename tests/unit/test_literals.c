/* The one-pass literal set (util/literals.c) agrees with memmem. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/literals.h"

static const char *const words[] = { "protect", "pro", "rejectUnauthorized", "olic", "OLIC", "log", "sk_", "console" };

static const char *const texts[] = {
	"", "p", "pr", "protec", "protect", "unprotect(x)", "the Policy and POLICY", "catalog",
	"rejectUnauthorize", "x rejectUnauthorized: false", "lo", "l", "no match here at all",
	"prprprotect", "xlog", "olicOLIC", "ol", "oli", "olix", "rej", "pro", "prz", "lOg", "OLIc",
	"xpro", "xxpro", "task_id", "xsk_", "sk", "sk_", "log", "xlo", "lo", "consol", "xconsole", "xxconsole",
};

static void test_agrees_with_memmem(void **state)
{
	fq_literals set;
	size_t t, w;

	(void)state;
	assert_int_equal(fq_literals_init(&set, words, sizeof(words) / sizeof(words[0])), 0);
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		fq_wordbits got = fq_literals_scan(&set, texts[t], strlen(texts[t]), 0), want = 0;

		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
			if (memmem(texts[t], strlen(texts[t]), words[w], strlen(words[w])))
				want |= FQ_WORDBIT(w);
		}
		if (got != want)
			fail_msg("text '%s': got %#llx, want %#llx", texts[t], (unsigned long long)got,
				 (unsigned long long)want);
	}
}

/* Words at every offset (odd and even: the scan looks at aligned pairs) in
 * random text made of their own fragments. */
static void test_random_texts(void **state)
{
	static const char alphabet[] = "pro tecskl_gOLICnsx";
	fq_literals set;
	char text[64];
	unsigned seed = 12345, round;

	(void)state;
	assert_int_equal(fq_literals_init(&set, words, sizeof(words) / sizeof(words[0])), 0);
	for (round = 0; round < 200000; round++) {
		size_t len, i, w;
		fq_wordbits got, want = 0;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % sizeof(text);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			text[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		seed = seed * 1103515245u + 12345u;
		w = (seed >> 16) % (sizeof(words) / sizeof(words[0]));
		if (strlen(words[w]) < len) { /* plant a word somewhere */
			seed = seed * 1103515245u + 12345u;
			i = (seed >> 16) % (len - strlen(words[w]) + 1);
			memcpy(text + i, words[w], strlen(words[w]));
		}
		got = fq_literals_scan(&set, text, len, 0);
		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
			if (memmem(text, len, words[w], strlen(words[w])))
				want |= FQ_WORDBIT(w);
		}
		if (got != want)
			fail_msg("text '%.*s': got %#llx, want %#llx", (int)len, text, (unsigned long long)got,
				 (unsigned long long)want);
	}
}

static void test_stop_mask_and_limits(void **state)
{
	fq_literals set;
	const char *short_words[] = { "pr" };
	fq_wordbits got;

	(void)state;
	assert_int_equal(fq_literals_init(&set, short_words, 1), -1);
	assert_int_equal(fq_literals_init(&set, words, sizeof(words) / sizeof(words[0])), 0);
	/* stops at the first "pro" without reading on to "log" */
	got = fq_literals_scan(&set, "pro ... log", 11, 1ull << 1);
	assert_true(got & (1ull << 1));
	assert_false(got & (1ull << 5));
	assert_true(fq_literals_scan(&set, "pro ... log", 11, 0) & (1ull << 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_with_memmem),
		cmocka_unit_test(test_random_texts),
		cmocka_unit_test(test_stop_mask_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
