/*
 * Environment inference (SPEC §4): each file has a context environment, from
 * the config's globs, then its path, then its contents.  Environment words
 * fall into three classes; a mismatch is a difference of class.
 */
#ifndef FQ_ENVIRONMENT_H
#define FQ_ENVIRONMENT_H

#include <stddef.h>

typedef enum {
	FQ_ENV_NONE = 0,
	FQ_ENV_DEVELOPMENT,
	FQ_ENV_STAGING,
	FQ_ENV_PRODUCTION
} fq_env;

const char *fq_env_name(fq_env env);
/* Parses "production", "staging", "development" (and "none"); -1 if unknown. */
int fq_env_parse(const char *name, fq_env *out);
/* The class of one environment word (PROD, uat, Local...), FQ_ENV_NONE if none. */
fq_env fq_env_of_word(const char *word, size_t len);
/* From the path alone: test-file conventions, then the most specific word. */
fq_env fq_env_from_path(const char *path);
/* 1 for test code: test file names (x.test.js, test_x.py...) or a test
 * folder (tests/, __tests__/, spec/). */
int fq_env_is_test_path(const char *path);
/* From declarations in the file: NODE_ENV=production, ENVIRONMENT: staging... */
fq_env fq_env_from_content(const char *data, size_t len);

#endif
