/*
 * Text helpers for content that comes from untrusted files: UTF-8 repair,
 * terminal-safe rendering, line arithmetic and hashing.
 */
#ifndef FQ_TEXT_H
#define FQ_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Returns a NUL-terminated copy of data[0..len) in which every invalid UTF-8
 * sequence (and every NUL) is replaced by U+FFFD.  The caller frees it. */
char *fq_utf8_sanitize(const char *data, size_t len);

/* Returns a copy safe to print on a terminal: C0/C1 control characters and
 * DEL become '?', tabs become a space.  Input must be valid UTF-8 (as made by
 * fq_utf8_sanitize).  The caller frees it. */
char *fq_terminal_safe(const char *s);

/* Lowercase hex SHA-256 of data into out[65]. */
void fq_sha256_hex(const void *data, size_t len, char out[65]);

/* 1-based line and column (in bytes) of offset `off` inside data. */
void fq_line_col(const char *data, size_t len, size_t off, int *line, int *col);

/* Bounds of the line that contains `off`: [*start, *end) without the newline. */
void fq_line_bounds(const char *data, size_t len, size_t off, size_t *start, size_t *end);

/* Case-insensitive memmem. */
const char *fq_memcasemem(const char *hay, size_t hlen, const char *needle, size_t nlen);

/* Percent-encodes a repository-relative path for use in a URI reference. */
char *fq_uri_encode_path(const char *path);

#endif
