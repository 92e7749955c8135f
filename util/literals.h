/*
 * A set of up to 64 literal strings found in one pass over a buffer: every
 * position's two bytes index a table of the literals that start with them,
 * so a file is read once however many words are asked for (27 memmem calls
 * read it 27 times).  Used for the pre-checks that decide whether a file is
 * parsed at all.
 */
#ifndef FQ_LITERALS_H
#define FQ_LITERALS_H

#include <stddef.h>
#include <stdint.h>

#define FQ_LITERALS_MAX 64

typedef struct fq_literals {
	const char *words[FQ_LITERALS_MAX];
	size_t lens[FQ_LITERALS_MAX];
	uint8_t next[FQ_LITERALS_MAX];     /* chain of literals with the same first two bytes, +1 */
	unsigned char third[FQ_LITERALS_MAX]; /* each word's third byte (0 for two-byte words) */
	uint8_t head[65536];               /* first literal for a two-byte start, +1; 0 = none */
	size_t count;
} fq_literals;

/* Builds the set; every word needs at least two bytes.  Returns -1 when
 * there are too many or a word is too short. */
int fq_literals_init(fq_literals *set, const char *const *words, size_t n);
/* Bit i is set when words[i] occurs in data.  Stops early once any bit of
 * stop_mask is found (pass 0 to find them all). */
uint64_t fq_literals_scan(const fq_literals *set, const char *data, size_t len, uint64_t stop_mask);

#endif
