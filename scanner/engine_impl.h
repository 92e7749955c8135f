/*
 * The engine's workers, shared by scanner/engine.c (the run) and
 * scanner/engine_read.c (reading items): private to the engine.
 */
#ifndef FQ_ENGINE_IMPL_H
#define FQ_ENGINE_IMPL_H

#include "engine.h"
#include "cache.h"
#include "generated.h"
#include "../rules/keydetect.h"

#include <git2.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <tree_sitter/api.h>

typedef struct shared {
	fq_source *src;
	const fq_scan_options *opts;
	atomic_size_t done;
	atomic_uint_fast64_t bytes_done;
	atomic_int running;
	fq_linguist_attrs *linguist; /* the .gitattributes files' linguist lines, or NULL */
	char cache_salt[65];    /* the options' salt and the attributes, hashed (cache keys) */
} shared;

typedef struct worker {
	shared *sh;
	pthread_t thread;
	git_repository *repo;
	git_odb *odb;
	int root_fd;            /* the working tree's folder, or -1 */
	fq_keydetect *kd;
	TSParser *parser;
	fq_findings findings;
	fq_notes notes;
	fq_notes unanalysed;
	fq_notes generated;     /* files read by the key rules only: path, why */
	fq_evidence_list evidence;
	fq_scan_stats stats;
	int incomplete;
	EVP_MD_CTX *sha1;       /* git blob ids of working-tree files (--history, the cache) */
	fq_cache_reader *cache; /* this thread's reader of the result cache, or NULL */
	/* findings of items whose commit comes at the end of the listing:
	 * findings[start, end) came from items[index] */
	struct late_range {
		size_t start, end, index;
	} *late;
	size_t nlate, late_alloc;
} worker;

const char *fq_engine_git_message(void);
/* A working-tree file's bytes (malloc'd): 1, or 0 with a note when it
 * cannot or must not be read (a symlink on the way, over the size limit). */
int fq_engine_read_worktree(worker *w, const fq_item *it, char **out, size_t *out_len);
/* The git blob id of bytes (SHA-1 of "blob N\0" and the bytes). */
int fq_engine_blob_id(worker *w, const char *data, size_t len, git_oid *out);
/* --history: a HEAD blob read from the working tree when its bytes are it. */
int fq_engine_read_blob_from_worktree(worker *w, const fq_item *it, char **out, size_t *out_len);
/* A blob from the object database; a missing or corrupt one is noted. */
int fq_engine_read_blob(worker *w, const fq_item *it, git_odb_object **obj);
/* An unchanged tracked working-tree file's blob id, from its index entry. */
int fq_engine_index_blob_id(worker *w, const fq_item *it, git_oid *out);

#endif
