/*
 * A set of up to 127 literal strings found in one pass over a buffer.  Every
 * word is at least three bytes long, so each of its occurrences covers a
 * byte pair that starts at an even offset: either its first two bytes or
 * its second and third.  The scan looks up only those aligned pairs in a
 * table of the words they can belong to (half the lookups of a table per
 * position), and a file is read once however many words are asked for (27
 * memmem calls read it 27 times).  Used for the pre-checks that decide
 * whether a file is parsed at all, and for the key prefilter.
 */
#ifndef FQ_LITERALS_H
#define FQ_LITERALS_H

#include <stddef.h>
#include <stdint.h>

/* Bit i of a word set: 127 words at most (the pair table holds entry + 1
 * in a byte). */
typedef unsigned __int128 fq_wordbits;
#define FQ_WORDBIT(i) ((fq_wordbits)1 << (i))
#define FQ_LITERALS_MAX 127
#define FQ_LITERALS_MIN_LEN 3

typedef struct fq_literals {
	const char *words[FQ_LITERALS_MAX];
	size_t lens[FQ_LITERALS_MAX];
	/* pair entries: entry 2w is word w's first pair (bytes 0-1), entry
	 * 2w+1 its second (bytes 1-2); chained by pair, +1, 0 ends */
	uint8_t next[2 * FQ_LITERALS_MAX];
	uint8_t head[65536];               /* first entry for a byte pair, +1; 0 = none */
	size_t count;
} fq_literals;

/* Builds the set; every word needs at least FQ_LITERALS_MIN_LEN bytes.
 * Returns -1 when there are too many or a word is too short. */
int fq_literals_init(fq_literals *set, const char *const *words, size_t n);
/* Bit i is set when words[i] occurs in data.  Stops early once any bit of
 * stop_mask is found (pass 0 to find them all). */
fq_wordbits fq_literals_scan(const fq_literals *set, const char *data, size_t len, fq_wordbits stop_mask);

#endif
