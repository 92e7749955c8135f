/*
 * The floor of a working-tree scan: parse, and do nothing else with, the
 * files fourq-scan has to parse (source files with a trigger word or a real
 * key, as rules/families.c decides), on N threads.  bench/run.sh times it
 * beside rg and the scan.
 *
 *   cc -O2 -I. bench/exp/parseonly.c -o parseonly build-rel/libfourq_core.a \
 *      build-rel/libfq_grammars.a $(pkg-config --libs libgit2 libpcre2-8 tree-sitter \
 *      jansson yaml-0.1 libcrypto) -lpthread -lm
 *   git -C REPO ls-files | sed "s|^|REPO/|" | ./parseonly select > wanted.txt
 *   ./parseonly parse 2 < wanted.txt      # reads those files, then parses them
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/family.h"
#include "rules/keydetect.h"
#include "scanner/lang.h"
#include "scanner/syntax.h"
#include "tests/unit/slurp.h"

typedef struct file {
	char *path, *data;
	size_t len;
	fq_lang lang;
} file;

static file *files;
static size_t nfiles;
static atomic_size_t next_file;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int has_real_key(fq_keydetect *kd, const char *data, size_t len)
{
	fq_key_match m;
	size_t pos = 0;

	while (fq_keydetect_next(kd, data, len, &pos, &m)) {
		if (!m.placeholder)
			return 1;
	}
	return 0;
}

static void *parse_some(void *arg)
{
	TSParser *parser = ts_parser_new();
	size_t i;

	(void)arg;
	while ((i = atomic_fetch_add(&next_file, 1)) < nfiles) {
		fq_syntax s;

		if (fq_syntax_parse(&s, parser, files[i].lang, files[i].data, files[i].len) < 0)
			fprintf(stderr, "%s: not parsed\n", files[i].path);
		fq_syntax_free(&s);
	}
	ts_parser_delete(parser);
	return NULL;
}

static char *next_path(char *line, size_t size)
{
	if (!fgets(line, (int)size, stdin))
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* select: the paths on stdin that fourq-scan would parse. */
static int select_files(void)
{
	fq_keydetect *kd = fq_keydetect_new();
	char line[4096];

	if (!kd)
		return 2;
	while (next_path(line, sizeof(line))) {
		size_t len;
		char *data = fq_test_slurp(line, &len);
		fq_lang lang;
		fq_file f;

		if (!data)
			continue;
		lang = fq_lang_detect(line, data, len);
		memset(&f, 0, sizeof(f));
		f.path = line;
		f.data = data;
		f.len = len;
		if (lang != FQ_LANG_NONE && !memchr(data, '\0', len) &&
		    fq_code_wanted(&f, has_real_key(kd, data, len)))
			printf("%s\n", line);
		free(data);
	}
	fq_keydetect_free(kd);
	return 0;
}

int main(int argc, char **argv)
{
	int threads, t;
	pthread_t tid[64];
	char line[4096];
	size_t bytes = 0, i;
	double t0;

	if (argc == 2 && !strcmp(argv[1], "select"))
		return select_files();
	if (argc != 3 || strcmp(argv[1], "parse") || (threads = atoi(argv[2])) < 1 || threads > 64) {
		fprintf(stderr, "usage: parseonly select < paths > wanted | parseonly parse THREADS < wanted\n");
		return 2;
	}
	while (next_path(line, sizeof(line))) {
		size_t len;
		char *data = fq_test_slurp(line, &len);

		if (!data)
			continue;
		files = realloc(files, (nfiles + 1) * sizeof(*files));
		files[nfiles].path = strdup(line);
		files[nfiles].data = data;
		files[nfiles].len = len;
		files[nfiles++].lang = fq_lang_detect(line, data, len);
		bytes += len;
	}
	t0 = now();
	for (t = 0; t < threads; t++)
		pthread_create(&tid[t], NULL, parse_some, NULL);
	for (t = 0; t < threads; t++)
		pthread_join(tid[t], NULL);
	fprintf(stderr, "parsed %zu files (%.2f MB) on %d threads in %.0f ms\n", nfiles, bytes / 1e6, threads,
		(now() - t0) * 1e3);
	for (i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
	return 0;
}
