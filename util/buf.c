#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fq_buf_init(fq_buf *b, size_t cap)
{
	b->ptr = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

static int grow(fq_buf *b, size_t extra)
{
	size_t need, cap = b->cap ? b->cap : SIZE_MAX / 2, alloc;

	if (fq_add_size(&need, b->len, extra) < 0 || need > cap)
		return fq_error_set(FQ_ELIMIT, "buffer limit of %zu bytes reached", cap);
	if (need + 1 <= b->alloc)
		return 0;
	alloc = b->alloc ? b->alloc : 64;
	while (alloc < need + 1)
		alloc = alloc > SIZE_MAX / 4 ? need + 1 : alloc * 2;
	b->ptr = fq_realloc_array(b->ptr, alloc, 1);
	b->alloc = alloc;
	return 0;
}

int fq_buf_put(fq_buf *b, const void *data, size_t len)
{
	int error;

	if ((error = grow(b, len)) < 0)
		return error;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int fq_buf_puts(fq_buf *b, const char *s)
{
	return fq_buf_put(b, s, strlen(s));
}

int fq_buf_printf(fq_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, error;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return fq_error_set(FQ_ERROR, "format error");
	if ((error = grow(b, (size_t)n)) < 0)
		return error;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void fq_buf_reset(fq_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *fq_buf_detach(fq_buf *b)
{
	char *p = b->ptr ? b->ptr : fq_strdup("");

	b->ptr = NULL;
	b->len = b->alloc = 0;
	return p;
}

void fq_buf_free(fq_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->alloc = 0;
}
