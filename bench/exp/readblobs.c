/*
 * How fast libgit2 reads blobs, with and without what fourq-scan's history
 * mode does per blob (strict hash verification, git_odb_read_header first).
 *
 *   cc -O2 readblobs.c -o readblobs $(pkg-config --cflags --libs libgit2)
 *   git -C REPO cat-file --batch-all-objects --unordered --batch-check='%(objectname) %(objecttype)' |
 *     awk '$2=="blob" {print $1}' > blobs.txt
 *   ./readblobs REPO 1 header < blobs.txt   # strict verification on, header first (as fourq-scan)
 *   ./readblobs REPO 0 < blobs.txt          # neither
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
	git_odb *odb;
	char line[128];
	size_t n = 0, bytes = 0;
	int strict, header;
	double t0;

	if (argc < 3)
		return 2;
	strict = atoi(argv[2]);
	header = argc > 3;
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, strict);
	if (git_repository_open(&repo, argv[1]) < 0 || git_repository_odb(&odb, repo) < 0)
		return 1;
	t0 = now();
	while (fgets(line, sizeof(line), stdin)) {
		git_oid id;
		git_odb_object *obj;
		size_t size;
		git_object_t type;

		if (git_oid_fromstrn(&id, line, GIT_OID_HEXSZ) < 0)
			continue;
		if (header)
			git_odb_read_header(&size, &type, odb, &id);
		if (git_odb_read(&obj, odb, &id) < 0)
			return 1;
		bytes += git_odb_object_size(obj);
		n++;
		git_odb_object_free(obj);
	}
	printf("strict=%d header=%d: %zu objects, %zu bytes, %.3f s\n", strict, header, n, bytes, now() - t0);
	return 0;
}
