/*
 * A quick look into a repository's index file (.git/index) for the paths
 * that end in a given name, without libgit2 building its whole in-memory
 * index: used for the tracked .gitattributes files below the root, which
 * must be known before the workers start (libgit2's index load took 47 ms
 * of a 27,674-file repository; this takes about one).
 */
#ifndef FQ_GITINDEX_H
#define FQ_GITINDEX_H

#include <stddef.h>

/* The stage-0 paths in index file `path` whose last segment is `name`
 * (malloc'd, index order): 0, with *out and *n set; -1 when the file
 * cannot be read or is not an index of version 2, 3 or 4. */
int fq_gitindex_paths_named(const char *path, const char *name, char ***out, size_t *n);

#endif
