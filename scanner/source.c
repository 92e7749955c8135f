#define _GNU_SOURCE
#include "source.h"
#include "listing.h"
#include "oidmap.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define MAX_DIR_DEPTH 256

const char *fq_mode_name(fq_mode mode)
{
	static const char *const names[] = { "worktree", "staged", "rev", "since", "history", "probe" };

	return (unsigned)mode < FQ_ARRAY_LEN(names) ? names[mode] : "unknown";
}

/* A new item, not yet handed out: publish() does that once it is filled in. */
static fq_item *add_item(fq_source *src, const char *path)
{
	fq_item *it;

	if (src->count == src->alloc) {
		/* workers copy published items under the lock: none may read
		 * while the array moves */
		if (src->streaming)
			pthread_mutex_lock(&src->lock);
		src->alloc = src->alloc ? src->alloc * 2 : 256;
		src->items = fq_realloc_array(src->items, src->alloc, sizeof(*src->items));
		if (src->streaming)
			pthread_mutex_unlock(&src->lock);
	}
	it = &src->items[src->count++];
	memset(it, 0, sizeof(*it));
	it->path = fq_strdup(path);
	it->commit = -1;
	it->tracked = 1;
	it->in_head = 1;
	return it;
}

/* Hands the items added so far to the workers (a streamed listing). */
static void publish(fq_source *src)
{
	if (!src->streaming || atomic_load(&src->published) == src->count)
		return;
	pthread_mutex_lock(&src->lock);
	atomic_store(&src->published, src->count);
	pthread_cond_broadcast(&src->more);
	pthread_mutex_unlock(&src->lock);
}

static void end_listing(fq_source *src)
{
	if (!src->streaming)
		return;
	pthread_mutex_lock(&src->lock);
	atomic_store(&src->published, src->count);
	src->listed = 1;
	pthread_cond_broadcast(&src->more);
	pthread_mutex_unlock(&src->lock);
}

/* From here on the workers may take items while the listing goes on. */
static void start_streaming(fq_source *src, fq_source_ready_fn ready, void *arg)
{
	if (!ready)
		return;
	pthread_mutex_init(&src->lock, NULL);
	pthread_cond_init(&src->more, NULL);
	src->streaming = 1;
	ready(src, arg);
}

size_t fq_source_listed(fq_source *src)
{
	return src->streaming ? atomic_load(&src->published) : src->count;
}

static void copy_work(const fq_source *src, size_t i, fq_work *out)
{
	const fq_item *it = &src->items[i];

	out->index = i;
	out->item = *it;
	out->commit[0] = '\0';
	out->author_time = 0;
	if (it->commit >= 0) {
		memcpy(out->commit, src->commits[it->commit].hex, sizeof(out->commit));
		out->author_time = src->commits[it->commit].author_time;
	}
}

int fq_source_next(fq_source *src, fq_work *out)
{
	size_t i;
	int got;

	if (!src->streaming) {
		i = atomic_fetch_add(&src->next, 1);
		if (i >= src->count)
			return 0;
		copy_work(src, i, out);
		return 1;
	}
	pthread_mutex_lock(&src->lock);
	while (atomic_load(&src->next) >= atomic_load(&src->published) && !src->listed)
		pthread_cond_wait(&src->more, &src->lock);
	i = atomic_load(&src->next);
	got = i < atomic_load(&src->published);
	if (got) {
		atomic_store(&src->next, i + 1);
		copy_work(src, i, out);
	}
	pthread_mutex_unlock(&src->lock);
	return got;
}

static int add_commit(fq_source *src, const git_commit *commit)
{
	fq_commit_info *ci;

	if (src->ncommits == src->commits_alloc) {
		src->commits_alloc = src->commits_alloc ? src->commits_alloc * 2 : 64;
		src->commits = fq_realloc_array(src->commits, src->commits_alloc, sizeof(*src->commits));
	}
	ci = &src->commits[src->ncommits];
	git_oid_tostr(ci->hex, sizeof(ci->hex), git_commit_id(commit));
	ci->author_time = (int64_t)git_commit_author(commit)->when.time;
	return (int)src->ncommits++;
}

static const char *git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

static int is_scannable_mode(git_filemode_t mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* ---- plain directories ------------------------------------------------ */

/* What the folder walk asks git in a working tree: the index (tracked paths
 * are listed from it, not from the walk) and the ignore rules.  NULL for a
 * plain directory, where every file is scanned. */
typedef struct wt_git {
	git_repository *repo;
	git_index *index;
} wt_git;

static int is_ignored(const wt_git *g, const char *rel)
{
	int ignored = 0;

	return git_ignore_path_is_ignored(&ignored, g->repo, rel) == 0 && ignored;
}

/* Does the index hold a path under folder `rel`? */
static int has_tracked_under(const wt_git *g, fq_buf *rel)
{
	size_t pos, len = rel->len;
	int found;

	if (fq_buf_put(rel, "/", 1) < 0)
		return 1;
	found = git_index_find_prefix(&pos, g->index, rel->ptr) == 0;
	rel->len = len;
	rel->ptr[len] = '\0';
	return found;
}

/* Should the walk enter folder `rel` (named `name` in the open folder d)?
 * Not a submodule's or a nested repository's, nor one that is ignored and
 * holds nothing tracked. */
static int enter_dir(const wt_git *g, DIR *d, const char *name, fq_buf *rel)
{
	const git_index_entry *e;
	char *dotgit;
	int nested;

	if (!g)
		return 1;
	e = git_index_get_bypath(g->index, rel->ptr, 0);
	if (e && e->mode == GIT_FILEMODE_COMMIT)
		return 0; /* a submodule: noted from the index */
	if (has_tracked_under(g, rel))
		return 1;
	dotgit = fq_sprintf("%s/.git", name);
	nested = faccessat(dirfd(d), dotgit, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
	free(dotgit);
	if (nested)
		return 0; /* another repository: git does not list it either */
	return !is_ignored(g, rel->ptr);
}

/* Lists the regular files under folder `rel` (empty: the root) without
 * following symlinks.  In a git working tree only untracked files that are
 * not ignored are added: tracked ones come from the index. */
static void walk_dir(fq_source *src, const wt_git *g, fq_buf *rel, int depth)
{
	char *full = fq_sprintf("%s/%s", src->root, rel->len ? rel->ptr : ".");
	DIR *d = opendir(full);
	struct dirent *de;
	size_t base = rel->len;

	free(full);
	if (!d) {
		fq_notes_add(&src->notes, rel->len ? rel->ptr : ".", "cannot open directory: %s", strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		unsigned char type = de->d_type;
		size_t pos;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, ".git"))
			continue;
		rel->len = base;
		if ((base && fq_buf_put(rel, "/", 1) < 0) || fq_buf_puts(rel, de->d_name) < 0)
			continue;
		if (type == DT_UNKNOWN) {
			struct stat st;

			if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				fq_notes_add(&src->notes, rel->ptr, "cannot stat: %s", strerror(errno));
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (type == DT_DIR) {
			if (!enter_dir(g, d, de->d_name, rel))
				continue;
			if (depth >= MAX_DIR_DEPTH)
				fq_notes_add(&src->notes, rel->ptr, "directory nesting deeper than %d: not entered",
					     MAX_DIR_DEPTH);
			else
				walk_dir(src, g, rel, depth + 1);
		} else if (type == DT_REG) {
			int tracked = g && git_index_find(&pos, g->index, rel->ptr) == 0;

			/* a tracked file is listed from the index, unless the index
			 * has it as a symlink that is a file now */
			if (tracked && is_scannable_mode(git_index_get_byindex(g->index, pos)->mode))
				continue;
			if (!tracked && g && is_ignored(g, rel->ptr))
				continue;
			add_item(src, rel->ptr)->tracked = tracked;
			publish(src);
		}
		/* symlinks, sockets, devices: never followed or read */
	}
	rel->len = base;
	if (rel->ptr)
		rel->ptr[base] = '\0';
	closedir(d);
}

/* A submodule is its own repository: its gitlink is noted, never entered
 * (a gitlink with no .gitmodules entry or no checkout is the same). */
static void note_gitlink(fq_source *src, const char *path, const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	fq_notes_add(&src->notes, path, "submodule (gitlink to commit %.12s) not scanned: scan that repository "
		     "on its own", hex);
}

/* Worktree mode: submodules are in the index (under folder `prefix`). */
static void note_index_gitlinks(fq_source *src, git_index *index, const char *prefix)
{
	size_t i, n = git_index_entrycount(index), plen = prefix ? strlen(prefix) : 0;

	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);

		if (e->mode == GIT_FILEMODE_COMMIT && git_index_entry_stage(e) == 0 &&
		    (!plen || (strncmp(e->path, prefix, plen) == 0 && e->path[plen] == '/')))
			note_gitlink(src, e->path, &e->id);
	}
}

/* ---- working tree of a repository ------------------------------------- */

static int collect_worktree(fq_source *src, git_repository *repo, const char *abs_path,
			    fq_source_ready_fn ready, void *arg)
{
	const char *workdir = git_repository_workdir(repo);
	char *wd_real = NULL;
	fq_buf rel = FQ_BUF_INIT;
	wt_git g = { repo, NULL };
	size_t i, n, wlen, plen = 0;
	const char *last = NULL;

	if (!workdir)
		return fq_error_set(FQ_EREPO, "%s is a bare repository: it has no working tree "
				    "(use --rev REV, --since REV or --history)", abs_path);
	wd_real = realpath(workdir, NULL);
	if (!wd_real)
		return fq_error_set(FQ_EREPO, "cannot resolve working directory %s", workdir);
	src->root = wd_real;
	wlen = strlen(wd_real);
	/* PATH inside a repository: scan that folder only, paths stay
	 * relative to the repository root. */
	if (strlen(abs_path) > wlen && strncmp(abs_path, wd_real, wlen) == 0 && abs_path[wlen] == '/') {
		if (fq_buf_puts(&rel, abs_path + wlen + 1) < 0)
			return fq_error_set(FQ_ERROR, "out of memory");
		plen = rel.len;
		if (!strcmp(rel.ptr, ".git") || !strncmp(rel.ptr, ".git/", 5)) {
			fq_buf_free(&rel);
			return fq_error_set(FQ_EUSAGE, "%s is inside the repository's .git folder: scan the working "
					    "tree, or its history with --history", abs_path);
		}
	}
	if (git_repository_index(&g.index, repo) < 0) {
		fq_buf_free(&rel);
		return fq_error_set(FQ_EREPO, "cannot read the index: %s", git_message());
	}
	{
		char *ipath = fq_sprintf("%sindex", git_repository_path(repo));
		struct stat ist;

		if (stat(ipath, &ist) == 0)
			src->index_mtime_ns = (int64_t)ist.st_mtim.tv_sec * 1000000000 + ist.st_mtim.tv_nsec;
		free(ipath);
	}
	start_streaming(src, ready, arg);
	/* Tracked files: the index lists them (a file deleted or replaced by
	 * a symlink since is skipped when it is read).  A conflicted path
	 * appears once. */
	n = git_index_entrycount(g.index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(g.index, i);

		if (!is_scannable_mode(e->mode) || (last && !strcmp(last, e->path)))
			continue;
		if (plen && (strncmp(e->path, rel.ptr, plen) != 0 || e->path[plen] != '/'))
			continue;
		last = e->path;
		{
			fq_item *it = add_item(src, e->path);

			it->has_index = 1;
			git_oid_cpy(&it->index_oid, &e->id);
			it->index_mtime_ns = (int64_t)e->mtime.seconds * 1000000000 + e->mtime.nanoseconds;
			it->index_ctime_s = (uint32_t)e->ctime.seconds;
			it->index_ino = e->ino;
			it->index_size = e->file_size;
		}
	}
	publish(src);
	note_index_gitlinks(src, g.index, plen ? rel.ptr : NULL);
	/* Untracked files that are not ignored: a walk of the folders. */
	walk_dir(src, &g, &rel, 0);
	fq_buf_free(&rel);
	git_index_free(g.index);
	return 0;
}

/* ---- trees ------------------------------------------------------------ */

typedef struct tree_walk {
	fq_source *src;
	git_repository *repo;
	fq_oidmap *blobs;       /* blob id -> item index (dedupe), or NULL */
	fq_oidmap *seen_trees;  /* history: trees already walked, or NULL */
	int commit;             /* commit index for new items */
	int in_head;
	int depth;
	fq_oidmap *head;        /* history: HEAD's blob ids -> index in head_src */
	const fq_source *head_src;
	fq_oidmap *early;       /* history: blob ids handed out before the walk -> item */
} tree_walk;

/* A subtree; a missing one is noted and makes the scan incomplete. */
static int lookup_subtree(tree_walk *w, const git_oid *oid, const fq_buf *path, git_tree **out)
{
	char hex[GIT_OID_HEXSZ + 1];

	if (git_tree_lookup(out, w->repo, oid) == 0)
		return 0;
	git_oid_tostr(hex, sizeof(hex), oid);
	fq_notes_add(&w->src->notes, path->ptr, "missing or corrupt tree object %s: %s", hex, git_message());
	w->src->incomplete = 1;
	return -1;
}

/* A file entry of a tree (path holds its full path): a blob to scan, once
 * per blob id, or a gitlink to note. */
static void add_entry(tree_walk *w, const git_tree_entry *e, const fq_buf *path)
{
	const git_oid *oid = git_tree_entry_id(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	size_t idx;

	if (is_scannable_mode(mode)) {
		const char *where = path->ptr;
		int in_head = w->in_head;
		fq_item *it;

		if (w->blobs && fq_oidmap_get(w->blobs, oid, NULL))
			return;
		/* already with the workers: only its commit was missing */
		if (w->early && fq_oidmap_get(w->early, oid, &idx)) {
			w->src->late[idx] = w->commit;
			fq_oidmap_put(w->blobs, oid, idx);
			return;
		}
		/* a blob that HEAD still has keeps its path of today */
		if (w->head && fq_oidmap_get(w->head, oid, &idx)) {
			where = w->head_src->items[idx].path;
			in_head = 1;
		}
		it = add_item(w->src, where);
		git_oid_cpy(&it->oid, oid);
		it->has_oid = 1;
		it->commit = w->commit;
		it->in_head = in_head;
		if (w->blobs)
			fq_oidmap_put(w->blobs, oid, w->src->count - 1);
	} else if (mode == GIT_FILEMODE_COMMIT && w->in_head) {
		/* gitlinks (submodules) are noted, symlinks not entered */
		note_gitlink(w->src, path->ptr, oid);
	}
}

static void diff_trees(tree_walk *w, const git_tree *old, const git_tree *tree, fq_buf *path);

/* Every blob of a tree (rev, history, a root commit), each subtree once when
 * w->seen_trees is set. */
static void walk_tree(tree_walk *w, const git_tree *tree, fq_buf *path)
{
	diff_trees(w, NULL, tree, path);
}

/* The blobs of `tree` that `old` does not have at the same path, as items
 * (--since; with old NULL, every blob of the tree): equal subtree ids are
 * skipped without reading them, which is what makes a pull request's cost
 * follow its diff.  A path that was a file and is now a folder is walked
 * whole. */
static void diff_trees(tree_walk *w, const git_tree *old, const git_tree *tree, fq_buf *path)
{
	size_t i, n = git_tree_entrycount(tree), base = path->len;

	if (w->depth > MAX_DIR_DEPTH) {
		fq_notes_add(&w->src->notes, path->ptr, "tree nesting deeper than %d: not entered",
			     MAX_DIR_DEPTH);
		return;
	}
	for (i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const git_tree_entry *was = old ? git_tree_entry_byname(old, git_tree_entry_name(e)) : NULL;
		const git_oid *oid = git_tree_entry_id(e);
		git_filemode_t mode = git_tree_entry_filemode(e);
		git_tree *sub = NULL, *oldsub = NULL;

		/* same content and type: nothing new (a symlink that became a
		 * file with the same bytes is new content to scan) */
		if (was && git_oid_equal(git_tree_entry_id(was), oid) && git_tree_entry_filemode(was) == mode)
			continue;
		path->len = base;
		if (path->ptr)
			path->ptr[base] = '\0';
		if ((base && fq_buf_put(path, "/", 1) < 0) || fq_buf_puts(path, git_tree_entry_name(e)) < 0)
			continue;
		if (mode != GIT_FILEMODE_TREE) {
			add_entry(w, e, path);
			continue;
		}
		if (w->seen_trees) {
			if (fq_oidmap_get(w->seen_trees, oid, NULL))
				continue;
			fq_oidmap_put(w->seen_trees, oid, 0);
		}
		if (lookup_subtree(w, oid, path, &sub) < 0)
			continue;
		w->depth++;
		if (was && git_tree_entry_filemode(was) == GIT_FILEMODE_TREE &&
		    git_tree_lookup(&oldsub, w->repo, git_tree_entry_id(was)) == 0)
			diff_trees(w, oldsub, sub, path);
		else
			diff_trees(w, NULL, sub, path);
		w->depth--;
		git_tree_free(oldsub);
		git_tree_free(sub);
	}
	path->len = base;
	if (path->ptr)
		path->ptr[base] = '\0';
}

static int unknown_revision(git_repository *repo, const char *rev)
{
	if (git_repository_head_unborn(repo) == 1)
		return fq_error_set(FQ_ENOTFOUND, "unknown revision '%s': the repository has no commits yet "
				    "(unborn HEAD); scan the working tree or --staged", rev);
	return fq_error_set(FQ_ENOTFOUND, "unknown revision '%s': %s", rev, git_message());
}

static int resolve_tree(git_tree **out, git_commit **out_commit, git_repository *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	int error;

	*out = NULL;
	if (out_commit)
		*out_commit = NULL;
	if (git_revparse_single(&obj, repo, rev) < 0)
		return unknown_revision(repo, rev);
	if (out_commit && git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0)
		*out_commit = (git_commit *)peeled;
	error = git_object_peel((git_object **)out, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (error < 0) {
		git_commit_free(out_commit ? *out_commit : NULL);
		if (out_commit)
			*out_commit = NULL;
		return fq_error_set(FQ_EREPO, "revision '%s' has no readable tree: %s", rev, git_message());
	}
	return 0;
}

static int collect_rev(fq_source *src, git_repository *repo, const char *rev)
{
	git_tree *tree = NULL;
	git_commit *commit = NULL;
	tree_walk w = { src, repo, NULL, NULL, -1, 1, 0, NULL, NULL, NULL };
	fq_buf path = FQ_BUF_INIT;
	int error;

	if ((error = resolve_tree(&tree, &commit, repo, rev)) < 0)
		return error;
	if (commit)
		w.commit = add_commit(src, commit);
	walk_tree(&w, tree, &path);
	fq_buf_free(&path);
	git_tree_free(tree);
	git_commit_free(commit);
	return 0;
}

static int collect_staged(fq_source *src, git_repository *repo)
{
	git_index *index = NULL;
	size_t i, n;

	if (git_repository_index(&index, repo) < 0)
		return fq_error_set(FQ_EREPO, "cannot read the index: %s", git_message());
	n = git_index_entrycount(index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		fq_item *it;

		if (e->mode == GIT_FILEMODE_COMMIT && git_index_entry_stage(e) == 0)
			note_gitlink(src, e->path, &e->id);
		if (!is_scannable_mode(e->mode))
			continue;
		if (git_index_entry_stage(e) != 0) {
			if (git_index_entry_stage(e) == 2) /* "ours": one note per conflict */
				fq_notes_add(&src->notes, e->path, "unresolved merge conflict: scanned our side only");
			if (git_index_entry_stage(e) != 2)
				continue;
		}
		it = add_item(src, e->path);
		git_oid_cpy(&it->oid, &e->id);
		it->has_oid = 1;
	}
	git_index_free(index);
	return 0;
}

static int collect_since(fq_source *src, git_repository *repo, const char *rev)
{
	git_revwalk *walk = NULL;
	git_object *base = NULL;
	git_oid oid;
	fq_oidmap blobs = { 0 };
	fq_buf path = FQ_BUF_INIT;
	int error = 0, rc;

	if (git_revparse_single(&base, repo, rev) < 0)
		return unknown_revision(repo, rev);
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push_head(walk) < 0) {
		error = fq_error_set(FQ_EREPO, "cannot walk HEAD: %s", git_message());
		goto cleanup;
	}
	{
		git_object *c = NULL;

		if (git_object_peel(&c, base, GIT_OBJECT_COMMIT) < 0 ||
		    git_revwalk_hide(walk, git_object_id(c)) < 0) {
			git_object_free(c);
			error = fq_error_set(FQ_ENOTFOUND, "'%s' is not a commit: %s", rev, git_message());
			goto cleanup;
		}
		git_object_free(c);
	}
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *commit = NULL, *parent = NULL;
		git_tree *tree = NULL, *ptree = NULL;
		tree_walk w = { src, repo, &blobs, NULL, -1, 1, 0, NULL, NULL, NULL };
		int cidx;

		if (git_commit_lookup(&commit, repo, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &oid);
			fq_notes_add(&src->notes, "", "cannot read commit %s: %s", hex, git_message());
			src->incomplete = 1;
			git_commit_free(commit);
			continue;
		}
		cidx = add_commit(src, commit);
		w.commit = cidx;
		if (git_commit_parentcount(commit) == 0) {
			walk_tree(&w, tree, &path);
		} else if (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&ptree, parent) < 0) {
			fq_notes_add(&src->notes, "", "cannot read the parent of commit %s: %s",
				     src->commits[cidx].hex, git_message());
			src->incomplete = 1;
		} else {
			diff_trees(&w, ptree, tree, &path);
		}
		git_tree_free(ptree);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(commit);
	}
	if (rc != GIT_ITEROVER) {
		fq_notes_add(&src->notes, "", "history walk stopped early: %s", git_message());
		src->incomplete = 1;
	}
cleanup:
	fq_buf_free(&path);
	fq_oidmap_free(&blobs);
	git_revwalk_free(walk);
	git_object_free(base);
	return error;
}

/* --history: HEAD's blobs that the index says the working tree holds go to
 * the workers before the commits are walked (the workers read them there,
 * checked against the blob id, and leave git's pack files to the walk);
 * their commits come with the end of the listing. */
static void hand_out_head(fq_source *src, git_repository *repo, const fq_source *heads, fq_oidmap *early,
			  fq_source_ready_fn ready, void *arg)
{
	const char *workdir = git_repository_workdir(repo);
	git_index *index = NULL;
	size_t i;

	if (!ready || !workdir || !heads->count || git_repository_index(&index, repo) < 0)
		return;
	src->root = realpath(workdir, NULL);
	if (!src->root) {
		git_index_free(index);
		return;
	}
	for (i = 0; i < heads->count; i++) {
		const fq_item *h = &heads->items[i];
		const git_index_entry *e = git_index_get_bypath(index, h->path, 0);
		fq_item *it;

		if (!e || !is_scannable_mode(e->mode) || !git_oid_equal(&e->id, &h->oid))
			continue;
		it = add_item(src, h->path);
		git_oid_cpy(&it->oid, &h->oid);
		it->has_oid = 1;
		it->from_worktree = 1;
		it->late = 1;
		fq_oidmap_put(early, &h->oid, src->count - 1);
	}
	git_index_free(index);
	src->nlate = src->count;
	src->late = fq_malloc((src->nlate ? src->nlate : 1) * sizeof(*src->late));
	for (i = 0; i < src->nlate; i++)
		src->late[i] = -1;
	start_streaming(src, ready, arg);
	publish(src);
}

static int collect_history(fq_source *src, git_repository *repo, fq_source_ready_fn ready, void *arg)
{
	git_revwalk *walk = NULL;
	git_tree *head_tree = NULL;
	git_oid oid;
	fq_oidmap blobs = { 0 }, trees = { 0 }, head = { 0 }, early = { 0 };
	fq_source heads;
	fq_buf path = FQ_BUF_INIT;
	int rc, pushed = 0, error = 0;
	size_t i;

	/* HEAD's blobs first, to know which blobs are still there and under
	 * which path.  Then every commit, oldest first: each blob goes to the
	 * workers as soon as the walk meets it, with the commit that brought it. */
	memset(&heads, 0, sizeof(heads));
	if (resolve_tree(&head_tree, NULL, repo, "HEAD") == 0) {
		tree_walk w = { &heads, repo, &head, NULL, -1, 1, 0, NULL, NULL, NULL };

		walk_tree(&w, head_tree, &path);
		git_tree_free(head_tree);
		fq_notes_move(&src->notes, &heads.notes);
		src->incomplete |= heads.incomplete;
		hand_out_head(src, repo, &heads, &early, ready, arg);
	} else if (git_repository_head_unborn(repo) == 1 || git_repository_is_empty(repo) == 1) {
		fq_notes_add(&src->notes, "", "HEAD has no commits yet: only other refs are scanned");
	}

	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE) < 0) {
		error = fq_error_set(FQ_EREPO, "cannot walk the history: %s", git_message());
		goto cleanup;
	}
	if (git_revwalk_push_glob(walk, "refs/*") == 0)
		pushed = 1;
	if (git_revwalk_push_head(walk) == 0)
		pushed = 1;
	if (!pushed) {
		if (git_repository_is_empty(repo) == 1)
			fq_notes_add(&src->notes, "", "empty repository: no commits to scan");
		else
			error = fq_error_set(FQ_EREPO, "no ref can be walked: %s", git_message());
		goto cleanup;
	}
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *commit = NULL;
		git_tree *tree = NULL;
		tree_walk w = { src, repo, &blobs, &trees, -1, 0, 0, &head, &heads, &early };

		if (git_commit_lookup(&commit, repo, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &oid);
			fq_notes_add(&src->notes, "", "cannot read commit %s or its tree: %s", hex, git_message());
			src->incomplete = 1;
			git_commit_free(commit);
			continue;
		}
		w.commit = add_commit(src, commit);
		if (!fq_oidmap_get(&trees, git_tree_id(tree), NULL)) {
			fq_oidmap_put(&trees, git_tree_id(tree), 0);
			walk_tree(&w, tree, &path);
		}
		git_tree_free(tree);
		git_commit_free(commit);
	}
	if (rc != GIT_ITEROVER) {
		fq_notes_add(&src->notes, "", "history walk stopped early: %s", git_message());
		src->incomplete = 1;
	}
cleanup:
	/* HEAD's blobs that the walk did not reach (it stopped early) */
	for (i = 0; i < heads.count; i++) {
		fq_item *it;

		if (fq_oidmap_get(&blobs, &heads.items[i].oid, NULL) ||
		    fq_oidmap_get(&early, &heads.items[i].oid, NULL))
			continue;
		it = add_item(src, heads.items[i].path);
		git_oid_cpy(&it->oid, &heads.items[i].oid);
		it->has_oid = 1;
		fq_oidmap_put(&blobs, &heads.items[i].oid, src->count - 1);
	}
	git_revwalk_free(walk);
	fq_buf_free(&path);
	fq_oidmap_free(&blobs);
	fq_oidmap_free(&trees);
	fq_oidmap_free(&head);
	fq_oidmap_free(&early);
	fq_source_free(&heads);
	return error;
}

static int cmp_item(const void *a, const void *b)
{
	const fq_item *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	return git_oid_cmp(&x->oid, &y->oid);
}

int fq_source_collect(fq_source *out, const char *path, fq_mode mode, const char *rev,
		      fq_source_ready_fn ready, void *arg)
{
	return fq_source_collect_cached(out, path, mode, rev, ready, arg, NULL);
}

int fq_source_collect_cached(fq_source *out, const char *path, fq_mode mode, const char *rev,
			     fq_source_ready_fn ready, void *arg, const fq_listing_cache *lc)
{
	unsigned char lkey[32];
	int keyed = 0;
	git_repository *repo = NULL;
	char *abs_path = NULL;
	struct stat st;
	int error = 0;

	memset(out, 0, sizeof(*out));
	out->mode = mode;
	if (stat(path, &st) < 0) {
		error = fq_error_set(FQ_ENOTFOUND, "cannot read %s: %s", path, strerror(errno));
		goto cleanup;
	}
	if (!S_ISDIR(st.st_mode)) {
		error = fq_error_set(FQ_ENOTFOUND, "%s is not a directory", path);
		goto cleanup;
	}
	abs_path = realpath(path, NULL);
	if (!abs_path) {
		error = fq_error_set(FQ_ENOTFOUND, "cannot resolve %s: %s", path, strerror(errno));
		goto cleanup;
	}

	if (git_repository_open_ext(&repo, abs_path, 0, NULL) < 0) {
		fq_buf rel = FQ_BUF_INIT;

		if (mode != FQ_MODE_WORKTREE) {
			error = fq_error_set(FQ_EREPO, "%s is not a git repository: --%s needs one", path,
					     mode == FQ_MODE_STAGED ? "staged" : mode == FQ_MODE_REV ? "rev" :
					     mode == FQ_MODE_SINCE ? "since" : "history");
			goto cleanup;
		}
		out->root = fq_strdup(abs_path);
		start_streaming(out, ready, arg);
		walk_dir(out, NULL, &rel, 0);
		fq_buf_free(&rel);
		goto sort;
	}
	out->is_git = 1;
	out->repo_path = fq_strdup(git_repository_path(repo));
	out->shallow = git_repository_is_shallow(repo) == 1;
	if (out->shallow && (mode == FQ_MODE_HISTORY || mode == FQ_MODE_SINCE))
		fq_notes_add(&out->notes, "", "shallow clone: commits before the shallow boundary are not "
			     "in this repository and were not scanned");

	switch (mode) {
	case FQ_MODE_WORKTREE:
		error = collect_worktree(out, repo, abs_path, ready, arg);
		break;
	case FQ_MODE_STAGED:
		if (git_repository_is_bare(repo))
			error = fq_error_set(FQ_EREPO, "%s is a bare repository: it has no index", path);
		else
			error = collect_staged(out, repo);
		break;
	case FQ_MODE_REV:
		error = collect_rev(out, repo, rev);
		break;
	case FQ_MODE_SINCE:
		error = collect_since(out, repo, rev);
		break;
	case FQ_MODE_HISTORY:
		if (lc && !out->shallow && fq_listing_key(repo, lkey)) {
			char *data = NULL;
			size_t dlen = 0;

			keyed = 1;
			if (lc->get(lc->ud, lkey, &data, &dlen) && fq_listing_decode(out, data, dlen) == 0) {
				const char *wd = git_repository_workdir(repo);

				free(data);
				if (wd)
					out->root = realpath(wd, NULL);
				keyed = 0; /* nothing new to keep */
				break;
			}
			free(data);
		}
		error = collect_history(out, repo, ready, arg);
		break;
	default:
		error = fq_error_set(FQ_EUSAGE, "mode %s reads no source", fq_mode_name(mode));
		break;
	}
sort:
	/* a streamed listing is in the workers' hands already: scan order
	 * does not change a report, which is sorted */
	if (!error && out->count > 1 && !out->streaming)
		qsort(out->items, out->count, sizeof(*out->items), cmp_item);
cleanup:
	end_listing(out);
	/* a complete walk is kept for the next run */
	if (keyed && !error && !out->incomplete) {
		size_t elen = 0;
		char *enc = fq_listing_encode(out, &elen);

		if (enc) {
			unsigned char rid[32];

			fq_listing_repo_id(repo, rid);
			lc->put(lc->ud, lkey, rid, enc, elen);
		}
		free(enc);
	}
	git_repository_free(repo);
	free(abs_path);
	return error;
}

void fq_source_free(fq_source *src)
{
	size_t i;

	if (!src)
		return;
	for (i = 0; i < src->count; i++)
		free(src->items[i].path);
	free(src->items);
	free(src->commits);
	free(src->root);
	free(src->repo_path);
	free(src->late);
	fq_notes_free(&src->notes);
	if (src->streaming) {
		pthread_mutex_destroy(&src->lock);
		pthread_cond_destroy(&src->more);
	}
	memset(src, 0, sizeof(*src));
}
