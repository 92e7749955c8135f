#include "literals.h"

#include <string.h>

static unsigned pair(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

int fq_literals_init(fq_literals *set, const char *const *words, size_t n)
{
	size_t i;
	int half;

	memset(set, 0, sizeof(*set));
	if (n > FQ_LITERALS_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);

		if (len < FQ_LITERALS_MIN_LEN)
			return -1;
		set->words[i] = words[i];
		set->lens[i] = len;
		for (half = 0; half < 2; half++) {
			unsigned key = pair((const unsigned char *)words[i] + half);
			size_t e = 2 * i + (size_t)half;

			set->next[e] = set->head[key];
			set->head[key] = (uint8_t)(e + 1);
		}
	}
	set->count = n;
	return 0;
}

fq_wordbits fq_literals_scan(const fq_literals *set, const char *data, size_t len, fq_wordbits stop_mask)
{
	const unsigned char *d = (const unsigned char *)data;
	fq_wordbits found = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		unsigned k = set->head[pair(d + i)];

		while (k) {
			size_t e = k - 1, w = e / 2, at = i - (e & 1);
			const unsigned char *word = (const unsigned char *)set->words[w];

			/* the byte the pair did not cover first (common pairs
			 * like "pr", "co", "lo" rarely go on as a word does),
			 * then the whole word */
			if (!(found & FQ_WORDBIT(w)) && i >= (e & 1) && set->lens[w] <= len - at &&
			    ((e & 1) ? d[at] == word[0] : d[at + 2] == word[2]) &&
			    memcmp(d + at, word, set->lens[w]) == 0) {
				found |= FQ_WORDBIT(w);
				if (found & stop_mask)
					return found;
			}
			k = set->next[e];
		}
	}
	return found;
}
