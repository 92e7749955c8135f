/*
 * How the engine's workers read an item: a working-tree file beneath the
 * root without following a symlink, a blob from the object database (its
 * size checked first), a HEAD blob from the working tree when the bytes
 * there are the blob, and the blob id of bytes or of an unchanged tracked
 * file (its index entry).
 */
#define _GNU_SOURCE
#include "engine_impl.h"
#include "../util/common.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *fq_engine_git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

/* Opens root/path for reading without following a symlink anywhere on the
 * way (a folder replaced by a link out of the repository must not be
 * entered) and without blocking on a FIFO.  openat2 does it in one call;
 * kernels before 5.6 get an O_NOFOLLOW walk, one component at a time. */
static int open_beneath(worker *w, const char *path)
{
	const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	struct open_how how;
	int dir, fd;
	char *copy, *part, *next;

	if (w->root_fd < 0)
		return -1;
	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, w->root_fd, path, &how, sizeof(how));
	/* ENOSYS: an old kernel; EPERM, EINVAL, E2BIG: a seccomp filter (some
	 * containers) or a kernel that refuses the call itself */
	if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != EINVAL && errno != E2BIG))
		return fd;
	copy = fq_strdup(path);
	dir = fcntl(w->root_fd, F_DUPFD_CLOEXEC, 0);
	for (part = copy; dir >= 0 && (next = strchr(part, '/')) != NULL; part = next + 1) {
		int sub = -1;

		*next = '\0';
		if (strcmp(part, "..") != 0) /* stay beneath the root, as RESOLVE_BENEATH does */
			sub = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		else
			errno = EXDEV;
		close(dir);
		dir = sub;
	}
	fd = dir >= 0 ? openat(dir, part, flags) : -1;
	if (dir >= 0) {
		int saved = errno;

		close(dir);
		errno = saved;
	}
	free(copy);
	return fd;
}

/* Up to size bytes of fd, in a buffer one byte longer (*got: how many). */
static char *read_all(int fd, size_t size, size_t *got)
{
	char *buf = fq_malloc(size + 1);

	*got = 0;
	while (*got < size) {
		ssize_t n = read(fd, buf + *got, size - *got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*got += (size_t)n;
	}
	return buf;
}

/* Reads a working-tree file without following a symlink or blocking on a
 * FIFO.  Returns 1 with *out set, 0 when skipped (noted), -1 on error. */
int fq_engine_read_worktree(worker *w, const fq_item *it, char **out, size_t *out_len)
{
	int fd = open_beneath(w, it->path);
	struct stat st;

	if (fd < 0) {
		if (errno == ELOOP || errno == EXDEV)
			return 0; /* a symlink on the way: never followed */
		if (it->tracked && (errno == ENOENT || errno == ENOTDIR))
			return 0; /* tracked, but deleted from the working tree */
		fq_notes_add(&w->notes, it->path, "cannot open: %s", strerror(errno));
		w->stats.skipped_unreadable++;
		return 0;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	if ((uint64_t)st.st_size > w->sh->opts->max_file_size) {
		fq_notes_add(&w->notes, it->path, "skipped: %lld bytes is over the %llu-byte file size limit",
			     (long long)st.st_size, (unsigned long long)w->sh->opts->max_file_size);
		w->stats.skipped_large++;
		close(fd);
		return 0;
	}
	*out = read_all(fd, (size_t)st.st_size, out_len);
	close(fd);
	return 1;
}

/* The git blob id of bytes (git's id: SHA-1 of "blob N\0" and the bytes). */
int fq_engine_blob_id(worker *w, const char *data, size_t len, git_oid *out)
{
	char head[32];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	int n = snprintf(head, sizeof(head), "blob %zu", len);

	if (!w->sha1 && !(w->sha1 = EVP_MD_CTX_new()))
		return 0;
	if (EVP_DigestInit_ex(w->sha1, EVP_sha1(), NULL) != 1 || EVP_DigestUpdate(w->sha1, head, (size_t)n + 1) != 1 ||
	    EVP_DigestUpdate(w->sha1, data, len) != 1 || EVP_DigestFinal_ex(w->sha1, md, &mdlen) != 1 ||
	    mdlen != GIT_OID_RAWSZ)
		return 0;
	memcpy(out->id, md, GIT_OID_RAWSZ);
	return 1;
}

/* Is data, as a blob, the object `oid`? */
static int is_blob(worker *w, const git_oid *oid, const char *data, size_t len)
{
	git_oid got;

	return fq_engine_blob_id(w, data, len, &got) && git_oid_equal(&got, oid);
}

/* --history: a blob of HEAD from the working tree, when the file there
 * holds exactly its bytes.  Returns 1 with *out set, 0 (nothing noted):
 * read the blob from git instead. */
int fq_engine_read_blob_from_worktree(worker *w, const fq_item *it, char **out, size_t *out_len)
{
	int fd = open_beneath(w, it->path);
	struct stat st;
	size_t got;
	char *buf;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > w->sh->opts->max_file_size) {
		close(fd);
		return 0;
	}
	buf = read_all(fd, (size_t)st.st_size, &got);
	close(fd);
	if (got != (size_t)st.st_size || !is_blob(w, &it->oid, buf, got)) {
		free(buf);
		return 0;
	}
	w->stats.blobs++;
	*out = buf;
	*out_len = got;
	return 1;
}

/* Reads a blob.  A missing or corrupt object makes the scan incomplete. */
int fq_engine_read_blob(worker *w, const fq_item *it, git_odb_object **obj)
{
	size_t size = 0;
	git_object_t type;
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), &it->oid);
	if (git_odb_read_header(&size, &type, w->odb, &it->oid) < 0) {
		fq_notes_add(&w->notes, it->path, "missing or corrupt blob object %s: %s", hex, fq_engine_git_message());
		w->incomplete = 1;
		return 0;
	}
	if ((uint64_t)size > w->sh->opts->max_file_size) {
		fq_notes_add(&w->notes, it->path, "skipped: blob %s of %zu bytes is over the %llu-byte file size limit",
			     hex, size, (unsigned long long)w->sh->opts->max_file_size);
		w->stats.skipped_large++;
		return 0;
	}
	if (git_odb_read(obj, w->odb, &it->oid) < 0) {
		fq_notes_add(&w->notes, it->path, "missing or corrupt blob object %s: %s", hex, fq_engine_git_message());
		w->incomplete = 1;
		return 0;
	}
	w->stats.blobs++;
	return 1;
}

/* A tracked working-tree file whose stat data are its index entry's: its
 * blob id is the entry's, without reading it.  An entry written in the
 * same instant as the file's last change is racy (as git calls it) and not
 * trusted; so is anything but a regular file. */
int fq_engine_index_blob_id(worker *w, const fq_item *it, git_oid *out)
{
	struct stat st;
	int64_t mt;

	if (!it->has_index || w->root_fd < 0 || w->sh->src->mode != FQ_MODE_WORKTREE)
		return 0;
	if (fstatat(w->root_fd, it->path, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
		return 0;
	mt = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	if ((uint64_t)st.st_size != it->index_size || mt != it->index_mtime_ns ||
	    (uint32_t)st.st_ino != it->index_ino || (uint32_t)st.st_ctim.tv_sec != it->index_ctime_s ||
	    mt >= w->sh->src->index_mtime_ns || (uint64_t)st.st_size > w->sh->opts->max_file_size)
		return 0;
	git_oid_cpy(out, &it->index_oid);
	return 1;
}
