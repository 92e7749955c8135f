/* Environment inference from paths and contents (scanner/environment.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "scanner/environment.h"

static const struct {
	const char *path;
	fq_env env;
} path_cases[] = {
	{ ".env.production", FQ_ENV_PRODUCTION },
	{ ".env.staging", FQ_ENV_STAGING },
	{ ".env.local", FQ_ENV_DEVELOPMENT },
	{ ".env", FQ_ENV_NONE },
	{ "config/prod.yaml", FQ_ENV_PRODUCTION },
	{ "deploy/staging/app.yaml", FQ_ENV_STAGING },
	{ "k8s/overlays/dev/secret.yaml", FQ_ENV_DEVELOPMENT },
	{ "src/transfer.test.js", FQ_ENV_DEVELOPMENT },
	{ "tests/unit/keys.py", FQ_ENV_DEVELOPMENT },
	{ "src/__tests__/a.js", FQ_ENV_DEVELOPMENT },
	{ "app/test_client.py", FQ_ENV_DEVELOPMENT },
	{ "deploy/staging/prod.yaml", FQ_ENV_PRODUCTION },
	{ "config/uat.json", FQ_ENV_STAGING },
	{ "src/latest/contest.js", FQ_ENV_NONE },
	{ "src/index.js", FQ_ENV_NONE },
	{ "tests/prod_config.py", FQ_ENV_DEVELOPMENT },
};

static void test_paths(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(path_cases) / sizeof(path_cases[0]); i++) {
		fq_env got = fq_env_from_path(path_cases[i].path);

		if (got != path_cases[i].env)
			fail_msg("path '%s': got %s, want %s", path_cases[i].path, fq_env_name(got),
				 fq_env_name(path_cases[i].env));
	}
}

static const struct {
	const char *text;
	fq_env env;
} content_cases[] = {
	{ "NODE_ENV=production\n", FQ_ENV_PRODUCTION },
	{ "ENVIRONMENT: staging\n", FQ_ENV_STAGING },
	{ "  \"APP_ENV\": \"dev\",", FQ_ENV_DEVELOPMENT },
	{ "MY_NODE_ENV=production", FQ_ENV_NONE },
	{ "env = 'prod'", FQ_ENV_PRODUCTION },
	{ "NODE_ENV=${MODE}", FQ_ENV_NONE },
	{ "nothing here", FQ_ENV_NONE },
};

static void test_contents(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(content_cases) / sizeof(content_cases[0]); i++) {
		const char *t = content_cases[i].text;
		fq_env got = fq_env_from_content(t, strlen(t));

		if (got != content_cases[i].env)
			fail_msg("content '%s': got %s, want %s", t, fq_env_name(got),
				 fq_env_name(content_cases[i].env));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_contents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
