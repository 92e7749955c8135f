/* A whole file in memory, NUL-terminated, for the unit tests and the bench
 * experiments: NULL when it cannot be opened (a short read gives an empty
 * buffer).  The caller frees. */
#ifndef FQ_TEST_SLURP_H
#define FQ_TEST_SLURP_H

#include <stdio.h>
#include <stdlib.h>

static inline char *fq_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n + 1 : 1);
	if (n < 0 || !buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	if (buf)
		buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

#endif
