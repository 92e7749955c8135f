#include "literals.h"

#include <string.h>

int fq_literals_init(fq_literals *set, const char *const *words, size_t n)
{
	size_t i;

	memset(set, 0, sizeof(*set));
	if (n > FQ_LITERALS_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		unsigned key;

		if (len < 2)
			return -1;
		key = (unsigned)(unsigned char)words[i][0] << 8 | (unsigned char)words[i][1];
		set->words[i] = words[i];
		set->lens[i] = len;
		set->third[i] = len > 2 ? (unsigned char)words[i][2] : 0;
		set->next[i] = set->head[key];
		set->head[key] = (uint8_t)(i + 1);
	}
	set->count = n;
	return 0;
}

uint64_t fq_literals_scan(const fq_literals *set, const char *data, size_t len, uint64_t stop_mask)
{
	const unsigned char *d = (const unsigned char *)data;
	uint64_t found = 0;
	size_t i;

	if (len < 2)
		return 0;
	for (i = 0; i + 1 < len; i++) {
		unsigned k = set->head[(unsigned)d[i] << 8 | d[i + 1]];

		while (k) {
			size_t w = k - 1;

			/* the third byte first: common starts ("pr", "co", "lo")
			 * rarely go on as a word does */
			if (!(found & (1ull << w)) && set->lens[w] <= len - i &&
			    (set->lens[w] == 2 || d[i + 2] == set->third[w]) &&
			    memcmp(d + i, set->words[w], set->lens[w]) == 0) {
				found |= 1ull << w;
				if (found & stop_mask)
					return found;
			}
			k = set->next[w];
		}
	}
	return found;
}
