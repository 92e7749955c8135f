/*
 * Sources: what a scan reads.  fq_source_collect turns a PATH and a MODE into
 * a sorted list of items (working-tree files or blobs), each with the path
 * and commit that brought it; the engine's workers then read and scan them.
 *
 *   worktree  files of the working tree, .gitignore honoured (libgit2 status),
 *             or every file of a plain directory
 *   staged    index entries (stage 0)
 *   rev       the tree of one revision
 *   since     blobs added or changed by the commits of REV..HEAD
 *   history   every blob reachable from every ref, each distinct blob once,
 *             with the oldest commit and path that introduced it
 */
#ifndef FQ_SOURCE_H
#define FQ_SOURCE_H

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
	FQ_MODE_WORKTREE = 0,
	FQ_MODE_STAGED,
	FQ_MODE_REV,
	FQ_MODE_SINCE,
	FQ_MODE_HISTORY,
	FQ_MODE_PROBE          /* no source: live probes only */
} fq_mode;

const char *fq_mode_name(fq_mode mode);

typedef struct fq_item {
	char *path;            /* repository-relative, '/'-separated */
	git_oid oid;           /* blob id when has_oid */
	int has_oid;
	int commit;            /* index into fq_source.commits, or -1 */
	int tracked;           /* git tracks it */
	int in_head;           /* history: reachable from HEAD's tree */
	int from_worktree;     /* history: the working tree should hold this blob
				* (the index says so); read there when its
				* bytes hash to the blob id, else from git */
	int late;              /* handed out before the walk found its commit:
				* fq_source.late has it once the listing ends */
	uint64_t size;         /* bytes, when known before reading (worktree) */
	/* worktree: a tracked file's index entry (its blob id and the stat data
	 * git recorded), so that an unchanged file is known without reading */
	int has_index;
	git_oid index_oid;
	int64_t index_mtime_ns;
	uint32_t index_ctime_s, index_ino;
	uint64_t index_size;
} fq_item;

typedef struct fq_commit_info {
	char hex[GIT_OID_HEXSZ + 1];
	int64_t author_time;
} fq_commit_info;

typedef struct fq_note {
	char *path;            /* raw; made safe when reported */
	char *message;
} fq_note;

typedef struct fq_notes {
	fq_note *items;
	size_t count, alloc;
} fq_notes;

void fq_notes_add(fq_notes *notes, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void fq_notes_move(fq_notes *dst, fq_notes *src);
void fq_notes_sort(fq_notes *notes);
void fq_notes_free(fq_notes *notes);

typedef struct fq_source {
	fq_mode mode;
	char *root;            /* directory files are read from (worktree), or NULL */
	char *repo_path;       /* path to open a repository handle per thread, or NULL */
	int is_git;            /* a git repository (worktree mode may be plain files) */
	fq_item *items;
	size_t count, alloc;
	fq_commit_info *commits;
	size_t ncommits, commits_alloc;
	fq_notes notes;        /* problems met while listing */
	int incomplete;        /* something could not be listed: exit 3 */
	int shallow;
	atomic_size_t next;    /* the next item to hand out (fq_source_next) */
	/* Worktree modes hand items out while the listing goes on (see
	 * fq_source_collect's `ready`): `lock` guards the items array and
	 * `published` (items the workers may take), `more` wakes a worker
	 * waiting for the next item. */
	int streaming;
	int listed;            /* the listing is over: no item will be added */
	atomic_size_t published;
	pthread_mutex_t lock;
	pthread_cond_t more;
	/* --history: HEAD's blobs go to the workers before the commits are
	 * walked; late[i] is then the commit index of items[i] (or -1), for
	 * the items marked late */
	int *late;
	size_t nlate;
	int64_t index_mtime_ns;  /* worktree: when the index was written (racy entries) */
} fq_source;

/* One item to scan, copied out of the source with its commit. */
typedef struct fq_work {
	fq_item item;
	char commit[GIT_OID_HEXSZ + 1]; /* hex id, or "" */
	int64_t author_time;
	size_t index;          /* the item's position in fq_source.items */
} fq_work;

/* Called once the source knows where to read from and before it lists
 * (the working tree; --history once HEAD's blobs are known): the caller may
 * start its workers there, and they take items with fq_source_next while
 * the listing goes on. */
typedef void (*fq_source_ready_fn)(fq_source *src, void *arg);

/* Where a history listing may be kept between runs (the result cache): the
 * walk of every commit is the one cost a cached history scan still pays.
 * get returns 1 with *data malloc'd; put copies, and forgets the other
 * listings of the same repository (`repo`), which no run can read again
 * once its refs have moved. */
typedef struct fq_listing_cache {
	int (*get)(void *ud, const unsigned char key[32], char **data, size_t *len);
	void (*put)(void *ud, const unsigned char key[32], const unsigned char repo[32], const char *data,
		    size_t len);
	void *ud;
} fq_listing_cache;

/* Lists the items of `path` in `mode` (rev is the REV of --rev/--since).
 * Returns 0, or FQ_EREPO / FQ_ENOTFOUND with a message when the mode cannot
 * run at all.  Items come in path order, except in a streamed working-tree
 * listing (tracked files in path order, then untracked ones as found).
 * When `ready` was called, the listing is over on return (workers waiting
 * in fq_source_next are woken).  Whatever it returns, the caller frees the
 * source with fq_source_free, after its workers stopped. */
int fq_source_collect(fq_source *out, const char *path, fq_mode mode, const char *rev,
		      fq_source_ready_fn ready, void *arg);
/* The same, with a listing cache (NULL: none): --history keys its listing
 * by every ref and where it points, HEAD and the index, and reuses it when
 * they are all as they were. */
int fq_source_collect_cached(fq_source *out, const char *path, fq_mode mode, const char *rev,
			     fq_source_ready_fn ready, void *arg, const fq_listing_cache *lc);
/* Takes the next item, a copy with its commit: 1 with *out filled, 0 when
 * every item was taken and the listing is over (it waits for the next item
 * while a streamed listing goes on).  Thread-safe: the workers' queue. */
int fq_source_next(fq_source *src, fq_work *out);
/* Items listed so far (all of them once fq_source_collect returned). */
size_t fq_source_listed(fq_source *src);
void fq_source_free(fq_source *src);

#endif
