/*
 * The result cache (SPEC §1 --cache): an embedded SQLite database,
 * DIR/cache.sqlite, that keeps what the rules found in each blob, keyed by
 * the blob id, its path and what else decides the result (the rule
 * catalogue - the executable itself -, the configuration, the options that
 * change findings), so a repeated scan analyses only blobs it has not seen
 * and its report is byte-for-byte a cold run's.
 *
 * WAL mode: readers never wait for the writer.  Workers look up through
 * their own read connections; what they learn is written by one writer
 * (fq_cache_commit, on the thread that runs the scan) in one transaction.
 * A file that is not a fourq-scan cache, or that turns out corrupt, is a
 * note and a cold run: the cache then neither answers nor is written.
 *
 * Other parts of fourq-scan keep their own tables in the same database
 * (`review` keeps its review history there): fq_cache_db gives the writer
 * connection; tables other than blob_results and meta are theirs.
 */
#ifndef FQ_CACHE_H
#define FQ_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct sqlite3;

typedef struct fq_cache fq_cache;

/* The default folder: $XDG_CACHE_HOME/fourq-scan, else ~/.cache/fourq-scan;
 * NULL when neither can be named.  The caller frees it. */
char *fq_cache_default_dir(void);

/* Opens (creating DIR and the database when missing) the cache in dir.
 * Returns NULL and sets *why (static text, or allocated into why_buf)
 * when it cannot be used: the scan then runs cold and says why. */
fq_cache *fq_cache_open(const char *dir, char *why_buf, size_t why_len);
void fq_cache_close(fq_cache *c);

/* The writer connection, for tables of one's own (see above). */
struct sqlite3 *fq_cache_db(fq_cache *c);
/* The folder the cache lives in (review clones under DIR/repos/). */
const char *fq_cache_dir(const fq_cache *c);

/* A per-thread reader. */
typedef struct fq_cache_reader fq_cache_reader;
fq_cache_reader *fq_cache_reader_new(fq_cache *c);
void fq_cache_reader_free(fq_cache_reader *r);

/* The stored result of `key` (32 bytes), malloc'd into *data and *len; 1 when
 * found, 0 when not (or when the cache has failed: see fq_cache_failed). */
int fq_cache_get(fq_cache_reader *r, const unsigned char key[32], char **data, size_t *len);
/* Queues a result to store (thread-safe); written by fq_cache_commit. */
void fq_cache_put(fq_cache *c, const unsigned char key[32], const char *data, size_t len);
/* Writes every queued result in one transaction.  0, or -1 with *why set
 * (the cache is then marked failed). */
int fq_cache_commit(fq_cache *c);

/* A kept history listing (the main thread only: the writer connection).
 * Putting one drops the other listings of the same repository: one row a
 * repository, however often its refs move. */
int fq_cache_get_listing(fq_cache *c, const unsigned char key[32], char **data, size_t *len);
void fq_cache_put_listing(fq_cache *c, const unsigned char key[32], const unsigned char repo[32], const char *data,
			  size_t len);

/* Why the cache stopped answering during the run (corruption, an I/O
 * error), or NULL while it works. */
const char *fq_cache_failed(const fq_cache *c);

/* Counters of this run: lookups answered and missed, results stored. */
void fq_cache_counts(const fq_cache *c, uint64_t *hits, uint64_t *misses, uint64_t *stored);

/* A fingerprint of the rule catalogue: the SHA-256 of the running
 * executable (any rebuild is a new catalogue), hex; computed once. */
const char *fq_cache_catalogue_id(void);

#endif
