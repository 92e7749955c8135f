/*
 * The 4Quays key detector: one PCRE2 pattern compiled once with JIT, a
 * literal pre-check ("sk_") before it, the placeholder filter of SPEC §3 and
 * the redaction form of SPEC §2.  Every string that leaves the scanner passes
 * through fq_redact_text, so no whole key can reach an output.
 */
#ifndef FQ_KEYDETECT_H
#define FQ_KEYDETECT_H

#include <stddef.h>

typedef enum { FQ_KEY_LIVE = 0, FQ_KEY_TEST, FQ_KEY_ADMIN } fq_key_kind;

typedef struct fq_key_match {
	size_t start;        /* offset of "sk_" */
	size_t end;          /* one past the last character */
	fq_key_kind kind;
	int placeholder;     /* 1 when the filter judges it a placeholder */
} fq_key_match;

/* Per-thread matcher state (PCRE2 match data); thread-confined. */
typedef struct fq_keydetect fq_keydetect;

/* Compiles the shared pattern once; safe to call from several threads. */
int fq_keydetect_global_init(void);

fq_keydetect *fq_keydetect_new(void);
void fq_keydetect_free(fq_keydetect *kd);

/* 1 when data may hold a key: the literal pre-check. */
int fq_keydetect_maybe(const char *data, size_t len);

/* Finds the next key at or after *pos; returns 1 and advances *pos past it,
 * or 0 when there is none. */
int fq_keydetect_next(fq_keydetect *kd, const char *data, size_t len, size_t *pos,
		      fq_key_match *out);

/* The placeholder filter, on a whole key ("sk_live_..."). */
int fq_key_is_placeholder(const char *key, size_t len);

const char *fq_key_kind_name(fq_key_kind kind);

/* "sk_live_Ab3d…(32 chars, sha256:1f2e3d4c)"; the caller frees it. */
char *fq_key_redact(const char *key, size_t len);

/* A NUL-terminated copy of data with every key replaced by its redacted form
 * (NUL bytes kept as they are); the caller frees it.  Thread-safe. */
char *fq_redact_text(const char *data, size_t len, size_t *out_len);

#endif
