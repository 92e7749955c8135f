/* The key detector, placeholder filter and redaction (rules/keydetect.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "rules/keydetect.h"

/* Keys are split so that this file holds no key literal itself. */
#define LIVE "sk_" "live_"
#define TEST "sk_" "test_"
#define ADMIN "sk_" "admin_"

static const struct {
	const char *name;
	const char *text;
	int found;          /* a key is matched at all */
	fq_key_kind kind;
	int placeholder;
} cases[] = {
	{ "live key in code", "const k = '" LIVE "4eC39HqLyjWDarjtT1zdp7dc';", 1, FQ_KEY_LIVE, 0 },
	{ "test key in dotenv", "FOURQ_API_KEY=" TEST "9fQ2mZr7LkP4xWc8Ny3bVt6H", 1, FQ_KEY_TEST, 0 },
	{ "admin key in yaml", "key: " ADMIN "Zx81LmQp0RtY7vNc3WbK5sJd", 1, FQ_KEY_ADMIN, 0 },
	{ "key in JSON", "{\"k\":\"" LIVE "Hq8TnR2vXc5LpZ9mWk3YbD7f\"}", 1, FQ_KEY_LIVE, 0 },
	{ "too short", "k = '" LIVE "abc123DEF456gh'", 0, FQ_KEY_LIVE, 0 },
	{ "glued to a word", "xsk_live_4eC39HqLyjWDarjtT1zdp7dc", 0, FQ_KEY_LIVE, 0 },
	{ "x placeholder", "k='" LIVE "xxxxxxxxxxxxxxxxxxxx'", 1, FQ_KEY_LIVE, 1 },
	{ "sequential placeholder", TEST "1234567890abcdef1234567890abcdef", 1, FQ_KEY_TEST, 1 },
	{ "YOUR_KEY_HERE is no key", LIVE "YOUR_KEY_HERE", 0, FQ_KEY_LIVE, 0 },
	{ "yourkey placeholder", LIVE "YOURKEYHEREYOURKEYHERE", 1, FQ_KEY_LIVE, 1 },
	{ "repeated unit", LIVE "abababababababababab", 1, FQ_KEY_LIVE, 1 },
	{ "low entropy", LIVE "aaaaaaaabbbbbbbbaaaa", 1, FQ_KEY_LIVE, 1 },
	{ "angle brackets", LIVE "<your-live-key>", 0, FQ_KEY_LIVE, 0 },
	{ "other vendor prefix", "sk_prod_4eC39HqLyjWDarjtT1zdp7dc", 0, FQ_KEY_LIVE, 0 },
};

static void test_cases(void **state)
{
	fq_keydetect *kd = fq_keydetect_new();
	size_t i;

	(void)state;
	assert_non_null(kd);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fq_key_match m;
		size_t pos = 0;
		int found = fq_keydetect_next(kd, cases[i].text, strlen(cases[i].text), &pos, &m);

		if (found != cases[i].found)
			fail_msg("case '%s': found=%d, want %d", cases[i].name, found, cases[i].found);
		if (!found)
			continue;
		if (m.kind != cases[i].kind)
			fail_msg("case '%s': kind %d, want %d", cases[i].name, m.kind, cases[i].kind);
		if (m.placeholder != cases[i].placeholder)
			fail_msg("case '%s': placeholder=%d, want %d", cases[i].name, m.placeholder,
				 cases[i].placeholder);
	}
	fq_keydetect_free(kd);
}

static void test_redaction_form(void **state)
{
	const char *key = LIVE "Ab3dEf9hIj2kLm4nOp6qRs8t";
	char *red = fq_key_redact(key, strlen(key));

	(void)state;
	{
	/* prefix, four characters, an ellipsis, the length and a short hash */
	const char *want = LIVE "Ab3d\xE2\x80\xA6(32 chars, sha256:";

	assert_memory_equal(red, want, strlen(want));
	assert_int_equal(strlen(red), strlen(LIVE "Ab3d\xE2\x80\xA6(32 chars, sha256:12345678)"));
	assert_null(strstr(red, key));
	}
	free(red);
}

static void test_redact_text_replaces_every_key(void **state)
{
	const char *text = "a=" LIVE "4eC39HqLyjWDarjtT1zdp7dc b=" TEST "9fQ2mZr7LkP4xWc8Ny3bVt6H\n";
	size_t len;
	char *out = fq_redact_text(text, strlen(text), &len);

	(void)state;
	assert_null(strstr(out, "4eC39HqLyjWDarjtT1zdp7dc"));
	assert_null(strstr(out, "9fQ2mZr7LkP4xWc8Ny3bVt6H"));
	assert_non_null(strstr(out, "a=" LIVE "4eC3"));
	assert_non_null(strstr(out, " b=" TEST "9fQ2"));
	assert_int_equal(len, strlen(out));
	free(out);
}

static void test_many_keys_in_one_buffer(void **state)
{
	fq_keydetect *kd = fq_keydetect_new();
	char buf[4096];
	size_t pos = 0, n = 0;
	fq_key_match m;
	int i;

	(void)state;
	buf[0] = '\0';
	for (i = 0; i < 50; i++)
		strcat(buf, "x " LIVE "4eC39HqLyjWDarjtT1zdp7dc\n");
	while (fq_keydetect_next(kd, buf, strlen(buf), &pos, &m))
		n++;
	assert_int_equal(n, 50);
	fq_keydetect_free(kd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_redaction_form),
		cmocka_unit_test(test_redact_text_replaces_every_key),
		cmocka_unit_test(test_many_keys_in_one_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
