/*
 * Lazily compiled, shared PCRE2 patterns (JIT when available) for rules:
 * declare one `static fq_regex r = FQ_REGEX_INIT("...", 0);` and match from
 * any thread.  Match data lives on the caller's side (fq_regex_find takes a
 * per-call ovector) so nothing is shared while matching.
 */
#ifndef FQ_REGEX_H
#define FQ_REGEX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

typedef struct fq_regex {
	const char *pattern;
	uint32_t options;          /* PCRE2 compile options */
	_Atomic(void *) code;      /* pcre2_code *, compiled on first use */
	pthread_mutex_t lock;
} fq_regex;

#define FQ_REGEX_INIT(p, o) { (p), (o), NULL, PTHREAD_MUTEX_INITIALIZER }

/* PCRE2 option values, so callers need not include pcre2.h. */
#define FQ_RE_CASELESS 0x00000008u
#define FQ_RE_MULTILINE 0x00000400u

/* 1 when the pattern matches somewhere in s[0..len). */
int fq_regex_test(fq_regex *r, const char *s, size_t len);
/* Finds the next match at or after `from`; returns 1 and fills ov[0..2n)
 * with group offsets (unset groups are SIZE_MAX), or 0. */
int fq_regex_find(fq_regex *r, const char *s, size_t len, size_t from, size_t *ov, int n);

/* JIT-compiles a pcre2_code (every pattern goes through here); returns 1
 * when JIT code is in use.  FOURQ_SCAN_NO_JIT=1 in the environment keeps the
 * interpreter: valgrind cannot see into JIT code, which reads whole words
 * past the subject on purpose, so the memcheck run of the tests sets it. */
int fq_regex_jit(void *code);

#endif
