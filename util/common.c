#define _GNU_SOURCE
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Thread_local char error_message[1024];

int fq_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error_message, sizeof(error_message), fmt, ap);
	va_end(ap);
	return code;
}

const char *fq_error_last(void)
{
	return error_message[0] ? error_message : "unknown error";
}

void fq_error_clear(void)
{
	error_message[0] = '\0';
}

static void out_of_memory(void)
{
	fputs("fourq-scan: out of memory\n", stderr);
	exit(3);
}

void *fq_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *fq_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *fq_grow_array(void *p, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc;

	if (need <= n && p)
		return p;
	while (n < need)
		n = n ? (n > SIZE_MAX / 2 ? need : n * 2) : 16;
	p = fq_realloc_array(p, n, size);
	*alloc = n;
	return p;
}

void *fq_realloc_array(void *p, size_t n, size_t size)
{
	void *q;

	if (size && n > SIZE_MAX / size)
		out_of_memory();
	q = realloc(p, (n * size) != 0 ? n * size : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *fq_strdup(const char *s)
{
	return fq_strndup(s, strlen(s));
}

char *fq_strndup(const char *s, size_t n)
{
	char *p = fq_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *fq_sprintf(const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&out, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	return out;
}

uint64_t fq_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
