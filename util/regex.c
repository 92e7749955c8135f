#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "common.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t jit_once = PTHREAD_ONCE_INIT;
static int jit_off;

static void read_jit_switch(void)
{
	const char *e = getenv("FOURQ_SCAN_NO_JIT");

	jit_off = e && e[0] && strcmp(e, "0") != 0;
}

int fq_regex_jit(void *code)
{
	pthread_once(&jit_once, read_jit_switch);
	return !jit_off && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
}

static pcre2_code *code_of(fq_regex *r)
{
	pcre2_code *c = atomic_load(&r->code);
	int err;
	PCRE2_SIZE off;

	if (c)
		return c;
	pthread_mutex_lock(&r->lock);
	c = atomic_load(&r->code);
	if (!c) {
		c = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, r->options, &err, &off, NULL);
		if (!c) {
			/* A bad built-in pattern is a programming error: fail loudly. */
			fprintf(stderr, "fourq-scan: internal regex error %d at %zu in %s\n", err, (size_t)off,
				r->pattern);
			abort();
		}
		fq_regex_jit(c);
		atomic_store(&r->code, c);
	}
	pthread_mutex_unlock(&r->lock);
	return c;
}

int fq_regex_find(fq_regex *r, const char *s, size_t len, size_t from, size_t *ov, int n)
{
	pcre2_code *c = code_of(r);
	/* room for every group of the pattern: with fewer, PCRE2 reports a
	 * match as 0 ("ovector too small") and it would read as a miss */
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
	int rc, i;

	rc = pcre2_match(c, (PCRE2_SPTR)s, len, from, 0, md, NULL);
	if (rc > 0 && ov) {
		PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);

		for (i = 0; i < 2 * n; i++)
			ov[i] = i < 2 * rc && v[i] != PCRE2_UNSET ? (size_t)v[i] : SIZE_MAX;
	}
	pcre2_match_data_free(md);
	return rc > 0;
}

int fq_regex_test(fq_regex *r, const char *s, size_t len)
{
	return fq_regex_find(r, s, len, 0, NULL, 1);
}
