/*
 * Keys hidden in encodings (SPEC §3, FQ001): finds the places in a file's
 * text where a 4Quays key is written base64-encoded (standard or URL-safe
 * alphabet, padded or not, on one line or wrapped into a block of lines),
 * percent-encoded (`sk%5Flive%5F…`, `%73%6B%5F…`) or with `\u005f`,
 * `\u{5f}`, `\U0000005f` or `\x5f` escapes, and hands each one decoded to the
 * caller, who runs the key detector (rules/keydetect.h) on it.
 *
 * The module only finds and decodes candidates: "sk_", a kind ("live_",
 * "test_", "admin_") and 16 letters or digits, not glued to a letter or digit
 * before it.  The placeholder filter, redaction and the finding are the
 * caller's.  A key that is plainly visible is never reported here: base64
 * tokens that hold a plain key prefix are skipped and an escaped candidate
 * needs an escape inside the key itself.
 *
 * Cost: base64 is looked for with a skipping search for runs of 24 or more
 * alphabet characters, and only runs that hold the base64 form of a key
 * prefix (at any of the three byte alignments) are decoded; escapes start
 * from memchr for '%' and '\\'.  Work and memory are linear in the input.
 * One level of nesting is decoded: base64 inside base64 (a base64-encoded
 * Kubernetes Secret of a base64 .env file, the inner text wrapped or not),
 * and escapes inside a base64 token that is decoded for another key.
 */
#ifndef FQ_KEYENCODE_H
#define FQ_KEYENCODE_H

#include <stddef.h>

typedef enum {
	FQ_ENC_NONE = 0,
	FQ_ENC_BASE64,
	FQ_ENC_URL,             /* %XX */
	FQ_ENC_UNICODE_ESCAPE   /* \uXXXX, \u{X}, \UXXXXXXXX, \xXX */
} fq_encoding;

/* "base64", "url-encoding", "unicode-escape" ("none" for FQ_ENC_NONE). */
const char *fq_encoding_name(fq_encoding enc);

typedef struct fq_decoded {
	fq_encoding enc;          /* how the input holds it */
	fq_encoding inner;        /* FQ_ENC_NONE, or the encoding found inside the
				   * decoded `enc` token (one level of nesting) */
	size_t src_start;         /* the input bytes that encode the candidate: */
	size_t src_end;           /* where to report it (line, column) */
	size_t token_start;       /* the whole encoded token that holds it (the */
	size_t token_end;         /* base64 value, the escaped word), in the input */
	const char *text;         /* the decoded candidate from "sk_" to the last
				   * letter or digit, NUL-terminated; borrowed
				   * until the callback returns */
	size_t len;               /* strlen(text) */
} fq_decoded;

typedef void (*fq_keyencode_fn)(void *ud, const fq_decoded *d);

/* Calls fn (which may be NULL to only count) for each encoded key candidate
 * in data: base64 ones first, then escaped ones, each in input order.
 * Returns the number of candidates.  Thread-safe; data need not be
 * NUL-terminated. */
size_t fq_keyencode_scan(const char *data, size_t len, fq_keyencode_fn fn, void *ud);

#endif
