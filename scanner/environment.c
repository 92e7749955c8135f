#define _GNU_SOURCE
#include "environment.h"
#include "profile.h"
#include "../util/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *word;
	fq_env env;
} env_words[] = {
	{ "prod", FQ_ENV_PRODUCTION }, { "production", FQ_ENV_PRODUCTION }, { "live", FQ_ENV_PRODUCTION },
	{ "prd", FQ_ENV_PRODUCTION },
	{ "stage", FQ_ENV_STAGING }, { "staging", FQ_ENV_STAGING }, { "uat", FQ_ENV_STAGING },
	{ "preprod", FQ_ENV_STAGING }, { "stg", FQ_ENV_STAGING },
	{ "dev", FQ_ENV_DEVELOPMENT }, { "development", FQ_ENV_DEVELOPMENT },
	{ "test", FQ_ENV_DEVELOPMENT }, { "tests", FQ_ENV_DEVELOPMENT }, { "testing", FQ_ENV_DEVELOPMENT },
	{ "qa", FQ_ENV_DEVELOPMENT }, { "local", FQ_ENV_DEVELOPMENT }, { "spec", FQ_ENV_DEVELOPMENT },
	};

const char *fq_env_name(fq_env env)
{
	switch (env) {
	case FQ_ENV_PRODUCTION: return "production";
	case FQ_ENV_STAGING: return "staging";
	case FQ_ENV_DEVELOPMENT: return "development";
	default: return "none";
	}
}

int fq_env_parse(const char *name, fq_env *out)
{
	fq_env e = fq_env_of_word(name, strlen(name));

	if (strcasecmp(name, "none") == 0)
		e = FQ_ENV_NONE;
	else if (e == FQ_ENV_NONE)
		return -1;
	*out = e;
	return 0;
}

fq_env fq_env_of_word(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(env_words) / sizeof(env_words[0]); i++) {
		if (strlen(env_words[i].word) == len && strncasecmp(env_words[i].word, word, len) == 0)
			return env_words[i].env;
	}
	return FQ_ENV_NONE;
}

static int is_test_file_name(const char *base)
{
	size_t n = strlen(base);
	static const char *const infixes[] = { ".test.", ".spec.", "_test.", "_spec.", ".e2e." };
	size_t i;

	if (strncmp(base, "test_", 5) == 0 || strncmp(base, "conftest.", 9) == 0)
		return 1;
	for (i = 0; i < sizeof(infixes) / sizeof(infixes[0]); i++) {
		if (strstr(base, infixes[i]))
			return 1;
	}
	/* each language's own: Go's foo_test.go, Java's FooTest.java */
	for (i = 0; i < fq_profiles_count; i++) {
		const char *const *s;

		for (s = fq_profiles[i]->test_suffixes; s && *s; s++) {
			size_t sl = strlen(*s);

			if (n > sl && strcmp(base + n - sl, *s) == 0)
				return 1;
		}
	}
	return 0;
}

/* tests/, test/, __tests__/, spec/: test code is development, whatever
 * environment its own name mentions. */
static int in_test_folder(const char *path, const char *base)
{
	static const char *const folders[] = { "test", "tests", "__tests__", "spec", "specs", "e2e" };
	const char *p = path;

	while (p < base) {
		const char *slash = strchr(p, '/');
		size_t n, i;

		if (!slash || slash >= base + 1)
			break;
		n = (size_t)(slash - p);
		for (i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
			if (strlen(folders[i]) == n && strncmp(p, folders[i], n) == 0)
				return 1;
		}
		p = slash + 1;
	}
	return 0;
}

int fq_env_is_test_path(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return is_test_file_name(base) || in_test_folder(path, base);
}

fq_env fq_env_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len = strlen(path), end;

	base = base ? base + 1 : path;
	if (is_test_file_name(base) || in_test_folder(path, base))
		return FQ_ENV_DEVELOPMENT;
	/* Words from the end of the path backwards: the file name says more than
	 * the folder it sits in (deploy/staging/prod.yaml is production). */
	end = len;
	while (end > 0) {
		size_t start = end;
		fq_env e;

		while (start > 0 && isalnum((unsigned char)path[start - 1]))
			start--;
		e = fq_env_of_word(path + start, end - start);
		if (e != FQ_ENV_NONE)
			return e;
		end = start;
		while (end > 0 && !isalnum((unsigned char)path[end - 1]))
			end--;
	}
	return FQ_ENV_NONE;
}

static const char *const env_vars[] = {
	"NODE_ENV", "APP_ENV", "ENVIRONMENT", "ENV", "RAILS_ENV", "FLASK_ENV", "DJANGO_ENV",
	"DEPLOY_ENV", "DEPLOYMENT_ENVIRONMENT", "STAGE", "ASPNETCORE_ENVIRONMENT", "environment",
	"env", "stage",
};

fq_env fq_env_from_content(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(env_vars) / sizeof(env_vars[0]); i++) {
		const char *name = env_vars[i];
		size_t nlen = strlen(name), at = 0;

		while (at < len) {
			const char *hit = memmem(data + at, len - at, name, nlen);
			size_t p, w;

			if (!hit)
				break;
			p = (size_t)(hit - data);
			at = p + 1;
			/* whole identifier only */
			if ((p > 0 && (isalnum((unsigned char)data[p - 1]) || data[p - 1] == '_')))
				continue;
			p += nlen;
			if (p < len && (isalnum((unsigned char)data[p]) || data[p] == '_'))
				continue;
			while (p < len && (data[p] == ' ' || data[p] == '\t' || data[p] == '"' || data[p] == '\''))
				p++;
			if (p >= len || (data[p] != '=' && data[p] != ':'))
				continue;
			p++;
			while (p < len && (data[p] == ' ' || data[p] == '\t' || data[p] == '"' || data[p] == '\''))
				p++;
			w = p;
			while (w < len && isalnum((unsigned char)data[w]))
				w++;
			if (w > p) {
				fq_env e = fq_env_of_word(data + p, w - p);

				if (e != FQ_ENV_NONE)
					return e;
			}
		}
	}
	return FQ_ENV_NONE;
}
