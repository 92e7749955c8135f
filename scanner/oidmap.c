#include "oidmap.h"
#include "../util/common.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(const git_oid *oid, size_t cap)
{
	size_t h;

	memcpy(&h, oid->id, sizeof(h));
	return h & (cap - 1);
}

int fq_oidmap_get(const fq_oidmap *m, const git_oid *oid, size_t *value)
{
	size_t i;

	if (!m->cap)
		return 0;
	for (i = slot_of(oid, m->cap); m->used[i]; i = (i + 1) & (m->cap - 1)) {
		if (!memcmp(m->keys[i].id, oid->id, GIT_OID_RAWSZ)) {
			if (value)
				*value = m->values[i];
			return 1;
		}
	}
	return 0;
}

static void grow(fq_oidmap *m)
{
	fq_oidmap n = { 0 };
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 1024;
	n.keys = fq_calloc(n.cap, sizeof(*n.keys));
	n.values = fq_calloc(n.cap, sizeof(*n.values));
	n.used = fq_calloc(n.cap, 1);
	for (i = 0; i < m->cap; i++) {
		if (m->used[i])
			fq_oidmap_put(&n, &m->keys[i], m->values[i]);
	}
	fq_oidmap_free(m);
	*m = n;
}

void fq_oidmap_put(fq_oidmap *m, const git_oid *oid, size_t value)
{
	size_t i;

	/* at most half full: a miss (the common case in a history walk)
	 * stays a probe or two */
	if ((m->count + 1) * 2 >= m->cap)
		grow(m);
	for (i = slot_of(oid, m->cap); m->used[i]; i = (i + 1) & (m->cap - 1)) {
		if (!memcmp(m->keys[i].id, oid->id, GIT_OID_RAWSZ)) {
			m->values[i] = value;
			return;
		}
	}
	m->used[i] = 1;
	git_oid_cpy(&m->keys[i], oid);
	m->values[i] = value;
	m->count++;
}

void fq_oidmap_free(fq_oidmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->values);
	free(m->used);
	memset(m, 0, sizeof(*m));
}
