/*
 * The --since walk: git_diff_tree_to_tree of each commit in HEAD~N..HEAD
 * against its first parent, with strict hash verification on and off.
 *
 *   cc -O2 treediff.c -o treediff $(pkg-config --cflags --libs libgit2)
 *   ./treediff REPO HEAD~10 1; ./treediff REPO HEAD~10 0
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_revwalk *walk;
	git_object *base;
	git_oid id;
	size_t commits = 0, deltas = 0;
	double t0;

	if (argc < 4)
		return 2;
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, atoi(argv[3]));
	if (git_repository_open(&repo, argv[1]) < 0 || git_revparse_single(&base, repo, argv[2]) < 0)
		return 1;
	t0 = now();
	git_revwalk_new(&walk, repo);
	git_revwalk_push_head(walk);
	git_revwalk_hide(walk, git_object_id(base));
	while (git_revwalk_next(&id, walk) == 0) {
		git_commit *c, *p;
		git_tree *t, *pt;
		git_diff *d;
		git_diff_options o;

		if (git_commit_lookup(&c, repo, &id) < 0 || git_commit_tree(&t, c) < 0 ||
		    git_commit_parent(&p, c, 0) < 0 || git_commit_tree(&pt, p) < 0)
			return 1;
		git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
		o.flags = GIT_DIFF_SKIP_BINARY_CHECK;
		if (git_diff_tree_to_tree(&d, repo, pt, t, &o) < 0)
			return 1;
		deltas += git_diff_num_deltas(d);
		commits++;
		git_diff_free(d);
		git_tree_free(t);
		git_tree_free(pt);
		git_commit_free(p);
		git_commit_free(c);
	}
	printf("strict=%s: %zu commits, %zu deltas, %.1f ms\n", argv[3], commits, deltas, (now() - t0) * 1e3);
	return 0;
}
