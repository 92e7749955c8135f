/*
 * An open-addressing map from git object ids to indexes, for "each distinct
 * object once" in history walks.  Object ids are already uniform hashes, so
 * their first bytes are the hash.
 */
#ifndef FQ_OIDMAP_H
#define FQ_OIDMAP_H

#include <git2.h>
#include <stddef.h>

typedef struct fq_oidmap {
	git_oid *keys;
	size_t *values;
	unsigned char *used;
	size_t count, cap;   /* cap is a power of two */
} fq_oidmap;

/* Returns 1 and sets *value when present, else 0. */
int fq_oidmap_get(const fq_oidmap *m, const git_oid *oid, size_t *value);
/* Inserts or overwrites. */
void fq_oidmap_put(fq_oidmap *m, const git_oid *oid, size_t value);
void fq_oidmap_free(fq_oidmap *m);

#endif
