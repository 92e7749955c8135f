/*
 * A --history listing kept between runs (the result cache, through
 * fq_listing_cache): the walk of every commit is the one cost a cached
 * history scan would still pay.  The listing is keyed by the state it
 * follows from and stored in a compact binary form.
 */
#include "listing.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state a history listing follows from: every ref and what it points
 * at, HEAD, the index's checksum (it decides which blobs are read from the
 * working tree) and where the working tree is. */
int fq_listing_key(git_repository *repo, unsigned char key[32])
{
	git_reference_iterator *iter = NULL;
	git_reference *ref;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int n = 0;
	git_oid head;
	int ok = md != NULL;
	char *ipath;
	FILE *f;

	if (ok)
		ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
	if (ok)
		EVP_DigestUpdate(md, "fourq-scan history listing 1", 29);
	if (ok && git_reference_iterator_new(&iter, repo) == 0) {
		while (git_reference_next(&ref, iter) == 0) {
			const char *name = git_reference_name(ref);
			const git_oid *t = git_reference_target(ref);
			const char *sym = git_reference_symbolic_target(ref);

			EVP_DigestUpdate(md, name, strlen(name) + 1);
			if (t)
				EVP_DigestUpdate(md, t->id, GIT_OID_RAWSZ);
			if (sym)
				EVP_DigestUpdate(md, sym, strlen(sym) + 1);
			git_reference_free(ref);
		}
		git_reference_iterator_free(iter);
	} else {
		ok = 0;
	}
	if (ok && git_reference_name_to_id(&head, repo, "HEAD") == 0)
		EVP_DigestUpdate(md, head.id, GIT_OID_RAWSZ);
	ipath = fq_sprintf("%sindex", git_repository_path(repo));
	if (ok && (f = fopen(ipath, "rb")) != NULL) {
		unsigned char sum[20];

		if (fseek(f, -20, SEEK_END) == 0 && fread(sum, 1, sizeof(sum), f) == sizeof(sum))
			EVP_DigestUpdate(md, sum, sizeof(sum));
		fclose(f);
	}
	free(ipath);
	if (ok && git_repository_workdir(repo))
		EVP_DigestUpdate(md, git_repository_workdir(repo), strlen(git_repository_workdir(repo)) + 1);
	if (ok)
		ok = EVP_DigestFinal_ex(md, key, &n) == 1 && n == 32;
	EVP_MD_CTX_free(md);
	return ok;
}

static int put_u32(fq_buf *b, uint32_t v)
{
	return fq_buf_put(b, &v, sizeof(v));
}

static int put_str(fq_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return put_u32(b, (uint32_t)n) < 0 || fq_buf_put(b, s ? s : "", n) < 0 ? -1 : 0;
}

/* The listing once it is over: commits, items (with their commits
 * resolved), notes. */
char *fq_listing_encode(const fq_source *src, size_t *len)
{
	fq_buf b = FQ_BUF_INIT;
	size_t i;
	int bad = fq_buf_put(&b, "FQL1", 4) < 0 || put_u32(&b, (uint32_t)src->ncommits) < 0;

	for (i = 0; !bad && i < src->ncommits; i++)
		bad = fq_buf_put(&b, src->commits[i].hex, GIT_OID_HEXSZ) < 0 ||
		      fq_buf_put(&b, &src->commits[i].author_time, sizeof(int64_t)) < 0;
	bad = bad || put_u32(&b, (uint32_t)src->count) < 0;
	for (i = 0; !bad && i < src->count; i++) {
		const fq_item *it = &src->items[i];
		int32_t commit = it->late && i < src->nlate ? src->late[i] : it->commit;
		unsigned char flags = (unsigned char)((it->tracked ? 1 : 0) | (it->in_head ? 2 : 0) |
						      (it->from_worktree ? 4 : 0) | (it->has_oid ? 8 : 0));

		bad = put_str(&b, it->path) < 0 || fq_buf_put(&b, it->oid.id, GIT_OID_RAWSZ) < 0 ||
		      fq_buf_put(&b, &commit, sizeof(commit)) < 0 || fq_buf_put(&b, &flags, 1) < 0;
	}
	bad = bad || put_u32(&b, (uint32_t)src->notes.count) < 0;
	for (i = 0; !bad && i < src->notes.count; i++)
		bad = put_str(&b, src->notes.items[i].path) < 0 || put_str(&b, src->notes.items[i].message) < 0;
	if (bad) {
		fq_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return fq_buf_detach(&b);
}

typedef struct reader {
	const char *p, *end;
} reader;

static int get_bytes(reader *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return -1;
	memcpy(out, r->p, n);
	r->p += n;
	return 0;
}

static char *get_str(reader *r)
{
	uint32_t n;
	char *s;

	if (get_bytes(r, &n, sizeof(n)) < 0 || (size_t)(r->end - r->p) < n)
		return NULL;
	s = fq_malloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

/* Fills src from a kept listing; -1 (src as it was) when it is not one. */
int fq_listing_decode(fq_source *src, const char *data, size_t len)
{
	reader r = { data, data + len };
	fq_source tmp;
	uint32_t nc, ni, nn, i;
	char magic[4];

	memset(&tmp, 0, sizeof(tmp));
	if (get_bytes(&r, magic, 4) < 0 || memcmp(magic, "FQL1", 4) != 0 || get_bytes(&r, &nc, 4) < 0 ||
	    nc > len / (GIT_OID_HEXSZ + 8))
		return -1;
	tmp.commits = fq_calloc(nc ? nc : 1, sizeof(*tmp.commits));
	tmp.commits_alloc = nc ? nc : 1;
	for (i = 0; i < nc; i++) {
		if (get_bytes(&r, tmp.commits[i].hex, GIT_OID_HEXSZ) < 0 ||
		    get_bytes(&r, &tmp.commits[i].author_time, sizeof(int64_t)) < 0)
			goto bad;
		tmp.commits[i].hex[GIT_OID_HEXSZ] = '\0';
	}
	tmp.ncommits = nc;
	if (get_bytes(&r, &ni, 4) < 0 || ni > len / (4 + GIT_OID_RAWSZ + 5))
		goto bad;
	for (i = 0; i < ni; i++) {
		char *path = get_str(&r);
		int32_t commit;
		unsigned char flags;
		fq_item *it;

		if (!path)
			goto bad;
		if (tmp.count == tmp.alloc) {
			tmp.alloc = tmp.alloc ? tmp.alloc * 2 : 256;
			tmp.items = fq_realloc_array(tmp.items, tmp.alloc, sizeof(*tmp.items));
		}
		it = &tmp.items[tmp.count++];
		memset(it, 0, sizeof(*it));
		it->path = path;
		if (get_bytes(&r, it->oid.id, GIT_OID_RAWSZ) < 0 || get_bytes(&r, &commit, sizeof(commit)) < 0 ||
		    get_bytes(&r, &flags, 1) < 0 || commit < -1 || commit >= (int32_t)nc)
			goto bad;
		it->commit = commit;
		it->tracked = flags & 1;
		it->in_head = (flags >> 1) & 1;
		it->from_worktree = (flags >> 2) & 1;
		it->has_oid = (flags >> 3) & 1;
	}
	if (get_bytes(&r, &nn, 4) < 0)
		goto bad;
	for (i = 0; i < nn; i++) {
		char *p = get_str(&r), *m = p ? get_str(&r) : NULL;

		if (!m) {
			free(p);
			goto bad;
		}
		fq_notes_add(&tmp.notes, p, "%s", m);
		free(p);
		free(m);
	}
	if (r.p != r.end)
		goto bad;
	src->items = tmp.items;
	src->count = tmp.count;
	src->alloc = tmp.alloc;
	src->commits = tmp.commits;
	src->ncommits = tmp.ncommits;
	src->commits_alloc = tmp.commits_alloc;
	fq_notes_move(&src->notes, &tmp.notes);
	fq_notes_free(&tmp.notes);
	return 0;
bad:
	fq_source_free(&tmp);
	return -1;
}

void fq_listing_repo_id(git_repository *repo, unsigned char id[32])
{
	const char *path = git_repository_path(repo);
	unsigned int n = 0;

	memset(id, 0, 32);
	if (!EVP_Digest(path ? path : "", path ? strlen(path) : 0, id, &n, EVP_sha256(), NULL))
		memset(id, 0, 32);
}
