/*
 * Private to the `review` command (cli/review.c and the files split from it:
 * review_list.c, the repository list; review_history.c, the review history;
 * review_fetch.c, getting a clone).  Not for any other part of the program.
 */
#ifndef FQ_CLI_REVIEW_IMPL_H
#define FQ_CLI_REVIEW_IMPL_H

#include "common.h"
#include "../reports/review.h"
#include "../scanner/cache.h"
#include "../scanner/config.h"
#include "../util/common.h"

#include <git2.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_REPOS 10000          /* entries of one list */
#define MAX_LINE 4096            /* bytes of one line of the list */
#define MAX_CONFIG (1024 * 1024) /* bytes of a .fourq-scan.yml read from git */
#define HISTORY_KEPT 20          /* reviews of one repository kept in the database */

/* ------------------------------------------------- cli/review.c */

/* s with the password of every "scheme://user:password@host" replaced by
 * "***", then made safe.  The caller frees it. */
char *fq_review_safe_message(const char *s);
/* "what: " and libgit2's last error, made safe.  The caller frees it. */
char *fq_review_git_why(const char *what);

/* ------------------------------------------------- cli/review_list.c */

typedef struct repo_entry {
	char *location;          /* a local path (resolved against the list's folder) or the URL */
	char *display;           /* as written, without a password: what reports show */
	char name[FQ_REVIEW_NAME_MAX + 1];
	int line;
	int is_url;
	json_t *row;             /* made by a worker */
} repo_entry;

void fq_review_entries_free(repo_entry *e, size_t n);
/* Reads the list.  Returns 0, or an exit code (2) after saying why. */
int fq_review_read_repos(const char *file, repo_entry **out, size_t *count);
/* The name's SHA-256 read as a big-endian number, modulo n. */
unsigned long fq_review_shard_of(const char *name, unsigned long n);

/* ------------------------------------------------- cli/review_history.c */

/* The history lives in the cache database (SPEC §1), in tables of its own:
 *   review_runs(id, run, time, repository, head)   one row per repository reviewed
 *   review_findings(review, fingerprint)            its open findings
 * "The previous review" is the newest earlier row of the same name. */
typedef struct review_store {
	fq_cache *cache;
	sqlite3 *db;             /* the cache's writer connection: used under review_run.lock */
} review_store;

int fq_review_store_open(review_store *s, const char *dir, char *why, size_t why_len);
/* The fingerprints of the previous review of `name` (sorted), or NULL when
 * there was none; -1 on a database error (in *why). */
int fq_review_store_previous(review_store *s, const char *name, json_t **out, char **why);
/* Records this review of `name` and drops its reviews older than the last
 * HISTORY_KEPT, in one transaction. */
int fq_review_store_record(review_store *s, const char *run, int64_t when, const char *name, const char *head,
			   const json_t *fps, char **why);

/* ------------------------------------------------- cli/review_fetch.c */

/* rm -rf of a folder this program made (a clone, a temporary folder). */
void fq_review_remove_tree(const char *path);
/* Clones url bare into dir, through a temporary name. */
int fq_review_clone_mirror(const char *url, const char *dir, char **why);
/* The clone of a URL in `root`, named by the URL's SHA-256: fetched when
 * there, else cloned. */
int fq_review_get_clone(const char *url, const char *root, char **path, char **why);
/* .fourq-scan.yml of HEAD's tree, or the defaults when there is none; its
 * bytes' SHA-256 into cfg_hash ("" without a file).  -1 with *why on a
 * configuration error. */
int fq_review_repo_config(fq_config *cfg, git_repository *repo, char cfg_hash[65], char **why);

#endif
