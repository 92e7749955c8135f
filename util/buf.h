/*
 * A growable byte buffer with a hard cap (after curl's dynbuf): appends fail
 * with FQ_ELIMIT instead of growing without bound, and callers must look at
 * the result.  The contents are always NUL-terminated.
 */
#ifndef FQ_BUF_H
#define FQ_BUF_H

#include <stddef.h>
#include "common.h"

typedef struct fq_buf {
	char *ptr;      /* owned; NULL until the first append */
	size_t len;     /* bytes used, excluding the terminating NUL */
	size_t alloc;   /* bytes allocated */
	size_t cap;     /* hard limit on len; 0 means SIZE_MAX / 2 */
} fq_buf;

#define FQ_BUF_INIT { NULL, 0, 0, 0 }

void fq_buf_init(fq_buf *b, size_t cap);
int fq_buf_put(fq_buf *b, const void *data, size_t len) FQ_WARN_UNUSED;
int fq_buf_puts(fq_buf *b, const char *s) FQ_WARN_UNUSED;
int fq_buf_printf(fq_buf *b, const char *fmt, ...) FQ_PRINTF(2, 3) FQ_WARN_UNUSED;
void fq_buf_reset(fq_buf *b);
/* Hands the contents to the caller (who frees them) and empties the buffer. */
char *fq_buf_detach(fq_buf *b);
void fq_buf_free(fq_buf *b);

#endif
