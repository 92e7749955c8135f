/* RFC 3339 times from the key API (checks/keys.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "checks/probe.h"

static const struct {
	const char *text;
	int ok;
	int64_t want;
} cases[] = {
	{ "1970-01-01T00:00:00Z", 1, 0 },
	{ "2026-11-29T12:00:00Z", 1, 1795953600 },
	{ "2026-11-29T12:00:00.123456Z", 1, 1795953600 },
	{ "2026-11-29T13:30:00+01:30", 1, 1795953600 },
	{ "2026-11-29T10:00:00-02:00", 1, 1795953600 },
	{ "2026-11-29t12:00:00z", 1, 1795953600 },
	{ "2026-11-29", 0, 0 },
	{ "2026-13-01T00:00:00Z", 0, 0 },
	{ "2026-11-29T12:00:00", 0, 0 },
	{ "2026-11-29T12:00:00Zjunk", 0, 0 },
	{ "", 0, 0 },
	{ "tomorrow", 0, 0 },
};

static void test_parse(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = -1;
		int ok = fq_parse_rfc3339(cases[i].text, &got) == 0;

		if (ok != cases[i].ok)
			fail_msg("'%s': ok=%d", cases[i].text, ok);
		if (ok && got != cases[i].want)
			fail_msg("'%s': got %lld, want %lld", cases[i].text, (long long)got, (long long)cases[i].want);
	}
	assert_int_equal(fq_parse_rfc3339(NULL, &(int64_t){ 0 }), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_parse) };

	return cmocka_run_group_tests(tests, NULL, NULL);
}
