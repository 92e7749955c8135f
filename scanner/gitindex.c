/*
 * The index file's format (git's Documentation/gitformat-index): a 12-byte
 * header ("DIRC", version, entry count, big-endian), then the entries, each
 * 62 bytes of stat data, object id and flags (2 more with version 3's
 * extended flag), the path, and 1 to 8 NULs to a multiple of 8 bytes.
 */
#include "gitindex.h"
#include "../util/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDEX_MAX (256u * 1024 * 1024)

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 12 && (unsigned long)size <= INDEX_MAX &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size)) != NULL &&
	    fread(buf, 1, (size_t)size, f) == (size_t)size) {
		*len = (size_t)size;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int fq_gitindex_paths_named(const char *path, const char *name, char ***out, size_t *n)
{
	size_t len = 0, pos = 12, nlen = strlen(name), alloc = 0;
	unsigned char *d = slurp(path, &len);
	unsigned long version, count, i;

	*out = NULL;
	*n = 0;
	if (!d || memcmp(d, "DIRC", 4) != 0 || ((version = be32(d + 4)) != 2 && version != 3)) {
		free(d);
		return -1;
	}
	count = be32(d + 8);
	for (i = 0; i < count; i++) {
		size_t head = 62, plen, entry;
		unsigned flags;
		const unsigned char *p;

		if (len - pos < head + 1)
			goto bad;
		flags = (unsigned)d[pos + 60] << 8 | d[pos + 61];
		if (flags & 0x4000) { /* extended flags: version 3 only */
			if (version < 3)
				goto bad;
			head += 2;
			if (len - pos < head + 1)
				goto bad;
		}
		p = d + pos + head;
		plen = flags & 0xFFF;
		if (plen == 0xFFF) { /* a longer path: up to its NUL */
			const unsigned char *z = memchr(p, '\0', len - pos - head);

			if (!z)
				goto bad;
			plen = (size_t)(z - p);
		} else if (len - pos - head < plen) {
			goto bad;
		}
		entry = (head + plen + 8) & ~(size_t)7;
		if (len - pos < entry)
			goto bad;
		if (((flags >> 12) & 3) == 0 && plen > nlen && p[plen - nlen - 1] == '/' &&
		    memcmp(p + plen - nlen, name, nlen) == 0 && !memchr(p, '\0', plen)) {
			*out = fq_grow_array(*out, &alloc, *n + 1, sizeof(**out));
			(*out)[(*n)++] = fq_strndup((const char *)p, plen);
		}
		pos += entry;
	}
	free(d);
	return 0;
bad:
	for (i = 0; i < *n; i++)
		free((*out)[i]);
	free(*out);
	*out = NULL;
	*n = 0;
	free(d);
	return -1;
}
