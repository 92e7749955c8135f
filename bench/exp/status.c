/*
 * What fourq-scan's worktree mode pays before its workers start: libgit2's
 * start-up and git_status_list_new with the options of collect_worktree,
 * against reading the index alone.
 *
 *   cc -O2 status.c -o status $(pkg-config --cflags --libs libgit2)
 *   ./status REPO
 */
#include <git2.h>
#include <stdio.h>
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
	git_status_options so;
	git_status_list *list;
	git_index *index;
	double t0, t1, t2, t3, t4;

	if (argc < 2)
		return 2;
	t0 = now();
	git_libgit2_init();
	t1 = now();
	if (git_repository_open(&repo, argv[1]) < 0)
		return 1;
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		   GIT_STATUS_OPT_INCLUDE_UNMODIFIED | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	t2 = now();
	if (git_status_list_new(&list, repo, &so) < 0)
		return 1;
	t3 = now();
	if (git_repository_index(&index, repo) < 0 || git_index_read(index, 1) < 0)
		return 1;
	t4 = now();
	printf("git_libgit2_init %.1f ms; status (with unmodified) %.1f ms, %zu entries; "
	       "index read %.1f ms, %zu entries\n", (t1 - t0) * 1e3, (t3 - t2) * 1e3,
	       git_status_list_entrycount(list), (t4 - t3) * 1e3, git_index_entrycount(index));
	return 0;
}
