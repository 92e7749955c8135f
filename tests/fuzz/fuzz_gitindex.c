/* A repository's index file read quickly for folder .gitattributes
 * (scanner/gitindex.c): a scanned repository's .git/index is not trusted.
 * Any bytes give paths or -1, never a read past the file. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/gitindex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	char **out = NULL;
	size_t n = 0, i;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fq-fuzz-index-%ld", (long)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
	if (fq_gitindex_paths_named(path, ".gitattributes", &out, &n) == 0) {
		for (i = 0; i < n; i++) {
			/* each a path ending in /.gitattributes, NUL-terminated */
			size_t len = strlen(out[i]);

			if (len <= 15 || strcmp(out[i] + len - 15, "/.gitattributes") != 0)
				abort();
			free(out[i]);
		}
		free(out);
	} else if (out || n) {
		abort();
	}
	unlink(path);
	return 0;
}
