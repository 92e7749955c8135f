/*
 * The index file's format (git's Documentation/gitformat-index): a 12-byte
 * header ("DIRC", version, entry count, big-endian), then the entries, each
 * 62 bytes of stat data, object id and flags (2 more with the extended flag
 * of versions 3 and 4), then the path: in versions 2 and 3 whole, with 1 to
 * 8 NULs to a multiple of 8 bytes; in version 4 as the number of bytes to
 * drop from the end of the previous entry's path (a varint) and what
 * follows them, up to a NUL.
 */
#include "gitindex.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <stdint.h>
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

/* Version 4's number: 7 bits a byte, high bit "more", each more byte
 * adding one before the shift (git's offset encoding).  0 past the end. */
static int varint(const unsigned char **p, const unsigned char *end, size_t *out)
{
	size_t v;
	unsigned char c;

	if (*p >= end)
		return 0;
	c = *(*p)++;
	v = c & 127;
	while (c & 128) {
		if (*p >= end || v > (SIZE_MAX >> 8))
			return 0;
		c = *(*p)++;
		v = ((v + 1) << 7) | (c & 127);
	}
	*out = v;
	return 1;
}

int fq_gitindex_paths_named(const char *path, const char *name, char ***out, size_t *n)
{
	size_t len = 0, pos = 12, nlen = strlen(name), alloc = 0;
	unsigned char *d = slurp(path, &len);
	unsigned long version, count, i;
	fq_buf prev = FQ_BUF_INIT; /* version 4: the previous entry's path */

	*out = NULL;
	*n = 0;
	if (!d || memcmp(d, "DIRC", 4) != 0 || (version = be32(d + 4)) < 2 || version > 4) {
		free(d);
		return -1;
	}
	count = be32(d + 8);
	for (i = 0; i < count; i++) {
		size_t head = 62, plen;
		unsigned flags;
		const unsigned char *p, *end = d + len;

		if (len - pos < head + 1)
			goto bad;
		flags = (unsigned)d[pos + 60] << 8 | d[pos + 61];
		if (flags & 0x4000) { /* extended flags: version 3 on */
			if (version < 3)
				goto bad;
			head += 2;
			if (len - pos < head + 1)
				goto bad;
		}
		p = d + pos + head;
		if (version == 4) {
			size_t drop;
			const unsigned char *z;

			if (!varint(&p, end, &drop) || drop > prev.len || !(z = memchr(p, '\0', (size_t)(end - p))))
				goto bad;
			prev.len -= drop;
			if (fq_buf_put(&prev, (const char *)p, (size_t)(z - p)) < 0)
				goto bad;
			pos = (size_t)(z + 1 - d);
			p = (const unsigned char *)prev.ptr;
			plen = prev.len;
		} else {
			plen = flags & 0xFFF;
			if (plen == 0xFFF) { /* a longer path: up to its NUL */
				const unsigned char *z = memchr(p, '\0', len - pos - head);

				if (!z)
					goto bad;
				plen = (size_t)(z - p);
			} else if (len - pos - head < plen) {
				goto bad;
			}
			if (len - pos < ((head + plen + 8) & ~(size_t)7))
				goto bad;
			pos += (head + plen + 8) & ~(size_t)7;
		}
		if (((flags >> 12) & 3) == 0 && plen > nlen && p[plen - nlen - 1] == '/' &&
		    memcmp(p + plen - nlen, name, nlen) == 0 && !memchr(p, '\0', plen)) {
			*out = fq_grow_array(*out, &alloc, *n + 1, sizeof(**out));
			(*out)[(*n)++] = fq_strndup((const char *)p, plen);
		}
	}
	fq_buf_free(&prev);
	free(d);
	return 0;
bad:
	for (i = 0; i < *n; i++)
		free((*out)[i]);
	free(*out);
	*out = NULL;
	*n = 0;
	fq_buf_free(&prev);
	free(d);
	return -1;
}
