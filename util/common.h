/*
 * Shared error model and small helpers used by every module.
 *
 * Functions return 0 or a negative FQ_E* code and leave a human-readable
 * message in a thread-local slot (fq_error_last).  The CLI maps codes to the
 * exit codes of SPEC §1 in one place (cli/main.c).
 */
#ifndef FQ_COMMON_H
#define FQ_COMMON_H

#include <stddef.h>
#include <stdint.h>

enum {
	FQ_OK = 0,
	FQ_ERROR = -1,      /* generic failure */
	FQ_ENOMEM = -2,     /* allocation failed */
	FQ_EUSAGE = -3,     /* bad command line: exit 2 */
	FQ_ECONFIG = -4,    /* bad configuration or baseline: exit 2 */
	FQ_ENOTFOUND = -5,  /* a path, object or revision does not exist */
	FQ_EIO = -6,        /* read failure */
	FQ_EREPO = -7,      /* repository unusable for the requested mode: exit 3 */
	FQ_ELIMIT = -8      /* a hard cap was reached */
};

#define FQ_WARN_UNUSED __attribute__((warn_unused_result))
#define FQ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define FQ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Records a message for the calling thread; returns `code` for tail calls. */
int fq_error_set(int code, const char *fmt, ...) FQ_PRINTF(2, 3);
/* The calling thread's last message; never NULL. */
const char *fq_error_last(void);
void fq_error_clear(void);

/* Allocation helpers that abort on exhaustion: a scanner that cannot allocate
 * a few bytes cannot produce a trustworthy report either. */
void *fq_malloc(size_t n);
void *fq_calloc(size_t n, size_t size);
void *fq_realloc_array(void *p, size_t n, size_t size);
/* Room for `need` elements in an array that has room for *alloc: grows it
 * by doubling (appending one at a time stays linear). */
void *fq_grow_array(void *p, size_t *alloc, size_t need, size_t size);
char *fq_strdup(const char *s);
char *fq_strndup(const char *s, size_t n);
char *fq_sprintf(const char *fmt, ...) FQ_PRINTF(1, 2);

/* Overflow-checked size arithmetic: returns 0 and stores the result, or -1. */
static inline int fq_add_size(size_t *out, size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		return -1;
	*out = a + b;
	return 0;
}

/* Monotonic milliseconds, for timings and progress. */
uint64_t fq_now_ms(void);

#endif
