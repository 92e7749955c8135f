/*
 * Getting a clone for `review` (split from cli/review.c; see review_impl.h).
 */

#define _GNU_SOURCE
#include "review_impl.h"
#include "../util/text.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* --------------------------------------------------------- getting a clone */

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p) < 0 && errno != ENOENT ? -1 : 0;
}

/* rm -rf of a folder this program made (a clone, a temporary folder). */
void fq_review_remove_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Fetches every ref of url under the same name into the bare repository
 * at dir, pruning the ones gone, and points HEAD where the remote's does:
 * a mirror.  1 when dir is not a repository (the caller clones again), 0,
 * or -1 with *why ("cannot <verb>: ..."). */
static int fetch_mirror(const char *url, const char *dir, const char *verb, char **why)
{
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options fo;
	git_remote_create_options ro;
	git_buf head = { 0 };
	char *spec = "+refs/*:refs/*";
	git_strarray specs = { &spec, 1 };
	int rc = 0;

	if (git_repository_open_bare(&repo, dir) < 0)
		return 1;
	/* the _INIT macros leave fields out: -Wmissing-field-initializers */
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.prune = GIT_FETCH_PRUNE;
	/* url.*.insteadOf is not applied: libgit2 1.5 leaks a PCRE2 match per
	 * config entry looking for it (git_regexp_match on no match) */
	git_remote_create_options_init(&ro, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	ro.repository = repo;
	ro.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if (git_remote_create_with_opts(&remote, url, &ro) < 0 || git_remote_fetch(remote, &specs, &fo, NULL) < 0) {
		char *what = fq_sprintf("cannot %s", verb);

		*why = fq_review_git_why(what);
		free(what);
		rc = -1;
	} else if (git_remote_default_branch(&head, remote) == 0) {
		git_reference *ref = NULL;

		if (git_reference_lookup(&ref, repo, head.ptr) == 0)
			git_repository_set_head(repo, head.ptr);
		git_reference_free(ref);
	}
	git_buf_dispose(&head);
	git_remote_free(remote);
	git_repository_free(repo);
	return rc;
}

/* Clones url bare into dir, through a temporary name: an interrupted clone
 * is never taken for a mirror.  An empty bare repository and the fetch of
 * a mirror rather than git_clone: git_clone gives a mirror refspec's clone
 * no HEAD, and a mirror needs no remote in its config. */
int fq_review_clone_mirror(const char *url, const char *dir, char **why)
{
	static atomic_uint seq;
	git_repository *repo = NULL;
	char *tmp = fq_sprintf("%s.tmp-%ld-%u", dir, (long)getpid(), atomic_fetch_add(&seq, 1));
	int rc = 0;

	fq_review_remove_tree(tmp);
	if (git_repository_init(&repo, tmp, 1) < 0) {
		*why = fq_review_git_why("cannot create a clone");
		rc = -1;
	} else if ((rc = fetch_mirror(url, tmp, "clone", why)) != 0) {
		if (rc > 0)
			*why = fq_sprintf("cannot open the new clone in %s", tmp);
		rc = -1;
	} else if (rename(tmp, dir) < 0) {
		*why = fq_sprintf("cannot move the clone into %s: %s", dir, strerror(errno));
		rc = -1;
	}
	git_repository_free(repo);
	if (rc < 0)
		fq_review_remove_tree(tmp);
	free(tmp);
	return rc;
}

/* The clone of a URL in `root`, named by the URL's SHA-256: fetched when
 * there, else cloned.  A lock file keeps two reviews (or two rows of one
 * URL) from writing the same clone at once. */
int fq_review_get_clone(const char *url, const char *root, char **path, char **why)
{
	char hex[65], *lock;
	int fd, rc;

	fq_sha256_hex(url, strlen(url), hex);
	*path = fq_sprintf("%s/%s.git", root, hex);
	lock = fq_sprintf("%s.lock", *path);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lock);
	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		*why = fq_sprintf("cannot lock the clone in %s: %s", root, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = access(*path, F_OK) == 0 ? fetch_mirror(url, *path, "fetch", why) : 1;
	if (rc == 1) {
		/* none yet, or a folder that is no repository: clone afresh */
		fq_review_remove_tree(*path);
		rc = fq_review_clone_mirror(url, *path, why);
	}
	close(fd);
	return rc;
}

/* .fourq-scan.yml of HEAD's tree, or the defaults when there is none; its
 * bytes' SHA-256 into cfg_hash ("" without a file).  -1 with *why on a
 * configuration error. */
int fq_review_repo_config(fq_config *cfg, git_repository *repo, char cfg_hash[65], char **why)
{
	git_object *obj = NULL;
	int rc = 0;

	cfg_hash[0] = '\0';
	if (git_revparse_single(&obj, repo, "HEAD:.fourq-scan.yml") < 0 || git_object_type(obj) != GIT_OBJECT_BLOB) {
		fq_config_defaults(cfg);
	} else {
		const git_blob *b = (const git_blob *)obj;
		git_object_size_t size = git_blob_rawsize(b);

		if (size > MAX_CONFIG) {
			fq_config_defaults(cfg);
			*why = fq_sprintf(".fourq-scan.yml: larger than %d bytes", MAX_CONFIG);
			rc = -1;
		} else if (fq_config_parse(cfg, ".fourq-scan.yml (HEAD)", git_blob_rawcontent(b), (size_t)size) < 0) {
			*why = fq_sprintf("configuration error: %s", fq_error_last());
			rc = -1;
		} else {
			fq_sha256_hex(git_blob_rawcontent(b), (size_t)size, cfg_hash);
		}
	}
	git_object_free(obj);
	return rc;
}
