#define _GNU_SOURCE
/*
 * Standalone driver for the fuzz targets: replays files (or every file of
 * the directories) given on the command line through
 * LLVMFuzzerTestOneInput, so the corpora run under ctest with gcc and the
 * sanitizers.  With clang and -fsanitize=fuzzer this file is not linked.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)(n > 0 ? n : 0));
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int i, runs = 0, errors = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			struct dirent **names;
			int n = scandir(argv[i], &names, NULL, alphasort), k;

			for (k = 0; k < n; k++) {
				char p[4096];

				if (names[k]->d_name[0] != '.') {
					snprintf(p, sizeof(p), "%s/%s", argv[i], names[k]->d_name);
					errors += run_file(p);
					runs++;
				}
				free(names[k]);
			}
			free(names);
		} else {
			errors += run_file(argv[i]);
			runs++;
		}
	}
	/* the empty input, always */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	printf("%d inputs replayed\n", runs + 1);
	return errors ? 1 : 0;
}
