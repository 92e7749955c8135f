/* The in-memory archive reader (util/archive.c) on archives the test writes
 * with libarchive: the members and notes it delivers, its limits, and that
 * it never writes a file. */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <locale.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/archive.h"
#include "util/buf.h"
#include "util/common.h"

#define MIB ((size_t)1 << 20)
#define KEEP 64        /* members and notes recorded with their text */
#define KEEP_BYTES 16384

/* What a walk delivered. */
typedef struct got {
	size_t n;                      /* members delivered */
	char *paths[KEEP];
	char *data[KEEP];              /* the first KEEP_BYTES bytes, and a NUL */
	size_t lens[KEEP];
	int zeros[KEEP];               /* every byte was 0 */
	size_t nn;                     /* notes */
	char *note_paths[KEEP];
	char *notes[KEEP];
	size_t stop_after;             /* return 7 after this many members; 0: never */
	locale_t locale;               /* when set, the locale the callback must run in */
} got;

static int on_member(void *ud, const char *path, const char *data, size_t len)
{
	got *g = ud;
	size_t i;

	if (data[len] != '\0')
		fail_msg("member %s is not NUL-terminated", path);
	if (g->locale && uselocale((locale_t)0) != g->locale)
		fail_msg("member %s: the callback runs in the walk's locale", path);
	if (g->n < KEEP) {
		g->paths[g->n] = strdup(path);
		g->data[g->n] = malloc((len < KEEP_BYTES ? len : KEEP_BYTES) + 1);
		memcpy(g->data[g->n], data, (len < KEEP_BYTES ? len : KEEP_BYTES) + 1);
		g->lens[g->n] = len;
		g->zeros[g->n] = 1;
		for (i = 0; i < len && g->zeros[g->n]; i++)
			g->zeros[g->n] = data[i] == 0;
	}
	g->n++;
	return g->stop_after && g->n >= g->stop_after ? 7 : 0;
}

static void on_note(void *ud, const char *path, const char *message)
{
	got *g = ud;
	size_t i;

	for (i = 0; message[i]; i++) {
		if ((unsigned char)message[i] < 0x20)
			fail_msg("note with a control character: %s", message);
	}
	if (g->nn < KEEP) {
		g->note_paths[g->nn] = strdup(path);
		g->notes[g->nn] = strdup(message);
	}
	g->nn++;
}

static void got_free(got *g)
{
	size_t i;

	for (i = 0; i < g->n && i < KEEP; i++) {
		free(g->paths[i]);
		free(g->data[i]);
	}
	for (i = 0; i < g->nn && i < KEEP; i++) {
		free(g->note_paths[i]);
		free(g->notes[i]);
	}
	memset(g, 0, sizeof(*g));
}

static void got_print(const char *what, const got *g)
{
	size_t i;

	print_message("%s: %zu members, %zu notes\n", what, g->n, g->nn);
	for (i = 0; i < g->n && i < KEEP; i++)
		print_message("  member %s (%zu bytes)\n", g->paths[i], g->lens[i]);
	for (i = 0; i < g->nn && i < KEEP; i++)
		print_message("  note %s: %s\n", g->note_paths[i], g->notes[i]);
}

static int find_member(const got *g, const char *path)
{
	size_t i;

	for (i = 0; i < g->n && i < KEEP; i++) {
		if (!strcmp(g->paths[i], path))
			return (int)i;
	}
	return -1;
}

static void expect_member(const char *what, const got *g, const char *path, const char *data)
{
	int i = find_member(g, path);

	if (i < 0) {
		got_print(what, g);
		fail_msg("%s: no member %s", what, path);
	}
	if (g->lens[i] != strlen(data) || memcmp(g->data[i], data, g->lens[i] < KEEP_BYTES ? g->lens[i] : KEEP_BYTES))
		fail_msg("%s: member %s holds '%.80s' (%zu bytes), want '%.80s' (%zu)", what, path, g->data[i],
			 g->lens[i], data, strlen(data));
}

static void expect_note(const char *what, const got *g, const char *path, const char *part)
{
	size_t i;

	for (i = 0; i < g->nn && i < KEEP; i++) {
		if (!strcmp(g->note_paths[i], path) && strstr(g->notes[i], part))
			return;
	}
	got_print(what, g);
	fail_msg("%s: no note on %s saying '%s'", what, path, part);
}

/* ---- archives written with libarchive ---- */

typedef struct member {
	const char *name;
	const char *data;   /* text, written after... */
	size_t zeros;       /* ...this many zero bytes */
} member;

static la_ssize_t to_buf(struct archive *a, void *ud, const void *p, size_t n)
{
	(void)a;
	return fq_buf_put(ud, p, n) == 0 ? (la_ssize_t)n : -1;
}

/* An old tar, without the ustar magic (libarchive has no format code
 * for writing one). */
#define FORMAT_V7TAR (-1)

/* format: an ARCHIVE_FORMAT_* code or FORMAT_V7TAR; filter:
 * ARCHIVE_FILTER_* or 0. */
static char *build(int format, int filter, const char *options, const char *passphrase, const member *m,
		   size_t count, size_t *len)
{
	static const char zeros[1 << 16];
	struct archive *a = archive_write_new();
	fq_buf b = FQ_BUF_INIT;
	size_t i;

	if (format == FORMAT_V7TAR)
		assert_int_equal(archive_write_set_format_v7tar(a), ARCHIVE_OK);
	else
		assert_int_equal(archive_write_set_format(a, format), ARCHIVE_OK);
	if (filter)
		assert_int_equal(archive_write_add_filter(a, filter), ARCHIVE_OK);
	if (options && archive_write_set_options(a, options) != ARCHIVE_OK)
		fail_msg("options %s: %s", options, archive_error_string(a));
	if (passphrase)
		assert_int_equal(archive_write_set_passphrase(a, passphrase), ARCHIVE_OK);
	archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open(a, &b, NULL, to_buf, NULL), ARCHIVE_OK);
	for (i = 0; i < count; i++) {
		struct archive_entry *e = archive_entry_new();
		size_t text = m[i].data ? strlen(m[i].data) : 0, size = m[i].zeros + text, done = 0;

		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)size);
		if (archive_write_header(a, e) != ARCHIVE_OK)
			fail_msg("header %s: %s", m[i].name, archive_error_string(a));
		while (done < m[i].zeros) {
			size_t k = m[i].zeros - done < sizeof(zeros) ? m[i].zeros - done : sizeof(zeros);

			assert_int_equal(archive_write_data(a, zeros, k), (la_ssize_t)k);
			done += k;
		}
		if (text)
			assert_int_equal(archive_write_data(a, m[i].data, text), (la_ssize_t)text);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	*len = b.len;
	return fq_buf_detach(&b);
}

static char *zip_of(const char *compression, const member *m, size_t count, size_t *len)
{
	char opt[64];

	snprintf(opt, sizeof(opt), "zip:compression=%s", compression);
	return build(ARCHIVE_FORMAT_ZIP, 0, opt, NULL, m, count, len);
}

static fq_archive_limits limits(void)
{
	fq_archive_limits lim;

	fq_archive_limits_default(&lim, 10 * MIB);
	return lim;
}

/* FQ_TEST_VERBOSE=1 prints what each walk delivered. */
static int walk(const char *name, const char *data, size_t len, const fq_archive_limits *lim, got *g)
{
	int rc = fq_archive_walk(name, data, len, lim, on_member, on_note, g);

	if (getenv("FQ_TEST_VERBOSE"))
		got_print(name, g);
	return rc;
}

static double now_s(void)
{
	return (double)fq_now_ms() / 1000.0;
}

static long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* ---- the cases ---- */

static const char server_js[] = "const client = new FourQ('sk_live_4eC39HqLyjWDarjtT1zdp7dc');\n";

static void test_zip_stored_and_deflated(void **state)
{
	static const char *const how[] = { "store", "deflate" };
	char text[4096];
	member m[2] = { { "src/server.js", server_js, 0 }, { "README.md", text, 0 } };
	fq_archive_limits lim = limits();
	size_t i, len;

	(void)state;
	memset(text, 0, sizeof(text));
	for (i = 0; i + 10 < sizeof(text); i += 10)
		memcpy(text + i, "# deploy\n\n", 10);
	for (i = 0; i < FQ_ARRAY_LEN(how); i++) {
		char *zip = zip_of(how[i], m, 2, &len);
		int stored = memmem(zip, len, text, strlen(text)) != NULL;
		got g = { 0 };

		if (stored != (i == 0))
			fail_msg("%s: the zip holds the text %s", how[i], stored ? "as it is" : "compressed");
		assert_true(fq_archive_detect("app.zip", zip, len));
		assert_int_equal(walk("app.zip", zip, len, &lim, &g), 0);
		expect_member(how[i], &g, "app.zip!src/server.js", server_js);
		expect_member(how[i], &g, "app.zip!README.md", text);
		assert_int_equal(g.n, 2);
		assert_int_equal(g.nn, 0);
		got_free(&g);
		free(zip);
	}
}

/* One member each, under the name the reader must give it. */
static void test_formats(void **state)
{
	static const struct {
		const char *name;     /* of the archive */
		int format, filter;
		const char *member;   /* name written */
		size_t zeros;         /* before the text */
		const char *path;     /* path delivered */
	} cases[] = {
		{ "release.tar.gz", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, ".env.production", 0,
		  "release.tar.gz!.env.production" },
		{ "release.tgz", ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_GZIP, "deploy/.env", 0, "release.tgz!deploy/.env" },
		{ "release.tar.bz2", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_BZIP2, "conf/app.yml", 0,
		  "release.tar.bz2!conf/app.yml" },
		{ "release.tar.xz", ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FILTER_XZ, "conf/app.yml", 0,
		  "release.tar.xz!conf/app.yml" },
		{ "release.tar", ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0, "a/b/c.txt", 0, "release.tar!a/b/c.txt" },
		{ "old.tar", FORMAT_V7TAR, 0, "keys.txt", 0, "old.tar!keys.txt" },
		{ "config.env.gz", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, "data", 0, "config.env.gz!config.env" },
		{ "deploy/config.env.bz2", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_BZIP2, "data", 0,
		  "deploy/config.env.bz2!config.env" },
		{ "config.env.XZ", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_XZ, "data", 0, "config.env.XZ!config.env" },
		{ "dump", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, "data", 0, "dump!dump" },
		/* 512 zero bytes look like the end of a tar: the key after them
		 * must still be read */
		{ "disk.img.gz", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, "data", 4096, "disk.img.gz!disk.img" },
		{ "disk.img.xz", ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_XZ, "data", 1024, "disk.img.xz!disk.img" },
		{ "lib.whl", ARCHIVE_FORMAT_ZIP, 0, "pkg/settings.py", 0, "lib.whl!pkg/settings.py" },
	};
	fq_archive_limits lim = limits();
	size_t i, len;

	(void)state;
	for (i = 0; i < FQ_ARRAY_LEN(cases); i++) {
		static const char key[] = "FOURQ_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n";
		member m = { cases[i].member, key, cases[i].zeros };
		char *data = build(cases[i].format, cases[i].filter, NULL, NULL, &m, 1, &len);
		got g = { 0 };
		int k;

		if (!fq_archive_detect(cases[i].name, data, len))
			fail_msg("%s: not detected", cases[i].name);
		if (walk(cases[i].name, data, len, &lim, &g) != 0)
			fail_msg("%s: %s", cases[i].name, fq_error_last());
		if ((k = find_member(&g, cases[i].path)) < 0) {
			got_print(cases[i].name, &g);
			fail_msg("%s: no member %s", cases[i].name, cases[i].path);
		}
		if (g.lens[k] != m.zeros + strlen(key) || memcmp(g.data[k] + m.zeros, key, strlen(key)) != 0)
			fail_msg("%s: member holds %zu bytes", cases[i].name, g.lens[k]);
		if (g.n != 1 || g.nn != 0) {
			got_print(cases[i].name, &g);
			fail_msg("%s: %zu members, %zu notes", cases[i].name, g.n, g.nn);
		}
		got_free(&g);
		free(data);
	}
}

/* A member holding arbitrary bytes: writes `data` of `len` bytes. */
static char *zip_with(const char *name, const char *data, size_t len, const char *extra_name, const char *extra,
		      size_t *out_len)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	fq_buf b = FQ_BUF_INIT;

	archive_write_set_format_zip(a);
	archive_write_set_options(a, "zip:compression=deflate");
	archive_write_open(a, &b, NULL, to_buf, NULL);
	if (extra) {
		archive_entry_set_pathname(e, extra_name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)strlen(extra));
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		assert_int_equal(archive_write_data(a, extra, strlen(extra)), (la_ssize_t)strlen(extra));
		archive_entry_clear(e);
	}
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)len);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	assert_int_equal(archive_write_data(a, data, len), (la_ssize_t)len);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
	*out_len = b.len;
	return fq_buf_detach(&b);
}

static void test_jar_inside_zip(void **state)
{
	member in[] = { { "application.properties", "fourq.api-key=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n", 0 },
			{ "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", 0 } };
	fq_archive_limits lim = limits();
	size_t jar_len, len;
	char *jar = zip_of("deflate", in, 2, &jar_len);
	char *zip = zip_with("lib/inner.jar", jar, jar_len, "README.md", "hello\n", &len);
	got g = { 0 };

	(void)state;
	assert_int_equal(walk("outer.zip", zip, len, &lim, &g), 0);
	expect_member("jar", &g, "outer.zip!lib/inner.jar!application.properties", in[0].data);
	expect_member("jar", &g, "outer.zip!lib/inner.jar!META-INF/MANIFEST.MF", in[1].data);
	expect_member("jar", &g, "outer.zip!README.md", "hello\n");
	assert_int_equal(find_member(&g, "outer.zip!lib/inner.jar"), -1); /* opened, not delivered */
	assert_int_equal(g.n, 3);
	assert_int_equal(g.nn, 0);
	got_free(&g);
	free(zip);
	free(jar);
}

/* l1.zip > l2.zip > l3.zip > l4.zip, each with a text file: three levels
 * are opened, the fourth is a member as it is, with a note. */
static void test_depth(void **state)
{
	member d = { "d.txt", "level 4\n", 0 };
	fq_archive_limits lim = limits();
	size_t l4_len, l3_len, l2_len, l1_len;
	char *l4 = zip_of("store", &d, 1, &l4_len);
	char *l3 = zip_with("l4.zip", l4, l4_len, "c.txt", "level 3\n", &l3_len);
	char *l2 = zip_with("l3.zip", l3, l3_len, "b.txt", "level 2\n", &l2_len);
	char *l1 = zip_with("l2.zip", l2, l2_len, "a.txt", "level 1\n", &l1_len);
	got g = { 0 };
	int i;

	(void)state;
	assert_int_equal(walk("l1.zip", l1, l1_len, &lim, &g), 0);
	expect_member("depth", &g, "l1.zip!a.txt", "level 1\n");
	expect_member("depth", &g, "l1.zip!l2.zip!b.txt", "level 2\n");
	expect_member("depth", &g, "l1.zip!l2.zip!l3.zip!c.txt", "level 3\n");
	i = find_member(&g, "l1.zip!l2.zip!l3.zip!l4.zip");
	assert_true(i >= 0);
	assert_int_equal(g.lens[i], l4_len); /* the fourth level, byte for byte */
	assert_memory_equal(g.data[i], l4, l4_len < KEEP_BYTES ? l4_len : KEEP_BYTES);
	assert_int_equal(find_member(&g, "l1.zip!l2.zip!l3.zip!l4.zip!d.txt"), -1);
	assert_int_equal(g.n, 4);
	expect_note("depth", &g, "l1.zip!l2.zip!l3.zip!l4.zip", "nested more than 3 levels deep");
	assert_int_equal(g.nn, 1);
	got_free(&g);

	/* with max_depth 4 the fourth opens */
	lim.max_depth = 4;
	assert_int_equal(walk("l1.zip", l1, l1_len, &lim, &g), 0);
	expect_member("depth 4", &g, "l1.zip!l2.zip!l3.zip!l4.zip!d.txt", "level 4\n");
	assert_int_equal(g.nn, 0);
	got_free(&g);
	free(l1);
	free(l2);
	free(l3);
	free(l4);
}

/* Many members of zeros: the ratio stops the zip after the first few, at
 * little cost in time and memory. */
static void test_zip_bomb(void **state)
{
	member m[30];
	fq_archive_limits lim = limits();
	char names[30][16];
	size_t i, len;
	char *zip;
	double t0;
	long rss0;
	got g = { 0 };

	(void)state;
	for (i = 0; i < FQ_ARRAY_LEN(m); i++) {
		snprintf(names[i], sizeof(names[i]), "zeros%02zu.bin", i);
		m[i].name = names[i];
		m[i].data = NULL;
		m[i].zeros = 9 * MIB;
	}
	zip = zip_of("deflate", m, FQ_ARRAY_LEN(m), &len);
	assert_true(len < 2 * MIB); /* 270 MiB of zeros, compressed */
	rss0 = max_rss_kb();
	t0 = now_s();
	assert_int_equal(walk("bomb.zip", zip, len, &lim, &g), 0);
	if (now_s() - t0 > 2.0)
		fail_msg("the bomb took %.1f s", now_s() - t0);
	if (max_rss_kb() - rss0 > 64 * 1024)
		fail_msg("the bomb took %ld MB more memory", (max_rss_kb() - rss0) / 1024);
	expect_note("bomb", &g, "bomb.zip", "expands to more than 200 times its");
	/* members before the stop were delivered whole; (200 * len) / 9 MiB of them */
	assert_true(g.n >= 1 && g.n < FQ_ARRAY_LEN(m));
	assert_int_equal(g.n, (200 * len) / (9 * MIB));
	for (i = 0; i < g.n; i++) {
		char want[600];

		snprintf(want, sizeof(want), "bomb.zip!%s", names[i]);
		assert_string_equal(g.paths[i], want);
		assert_int_equal(g.lens[i], 9 * MIB);
		assert_true(g.zeros[i]);
	}
	assert_int_equal(g.nn, 1);
	got_free(&g);
	free(zip);
}

/* A tar.gz whose big member is skipped: libarchive then reads past it on
 * its own, and the compressed input it is fed still counts. */
static void test_skipped_member_still_counts(void **state)
{
	member m[] = { { "first.txt", "first\n", 0 }, { "zeros.bin", NULL, 100 * MIB }, { "after.txt", "after\n", 0 } };
	fq_archive_limits lim = limits();
	size_t len;
	char *tgz = build(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, NULL, NULL, m, 3, &len);
	double t0 = now_s();
	got g = { 0 };

	(void)state;
	assert_int_equal(walk("skip.tar.gz", tgz, len, &lim, &g), 0);
	if (now_s() - t0 > 2.0)
		fail_msg("took %.1f s", now_s() - t0);
	expect_member("skip", &g, "skip.tar.gz!first.txt", "first\n");
	expect_note("skip", &g, "skip.tar.gz!zeros.bin", "skipped: member of 104857600 bytes is over the 10485760-byte");
	expect_note("skip", &g, "skip.tar.gz", "expands to more than 200 times its");
	assert_int_equal(find_member(&g, "skip.tar.gz!after.txt"), -1);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.nn, 2);
	got_free(&g);

	/* with a generous ratio it is read to the end */
	lim.max_ratio = 0;
	assert_int_equal(walk("skip.tar.gz", tgz, len, &lim, &g), 0);
	expect_member("skip, no ratio", &g, "skip.tar.gz!after.txt", "after\n");
	assert_int_equal(g.nn, 1);
	got_free(&g);
	free(tgz);
}

/* bzip2 packs tens of megabytes into a few dozen bytes: the input goes in
 * small pieces, so the stop comes soon after the floor. */
static void test_bzip2_bomb(void **state)
{
	member m = { "data", NULL, 200 * MIB };
	fq_archive_limits lim = limits();
	size_t len;
	char *bz = build(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_BZIP2, NULL, NULL, &m, 1, &len);
	double t0;
	got g = { 0 };

	(void)state;
	lim.max_member = 512 * MIB;
	t0 = now_s();
	assert_int_equal(walk("zeros.bin.bz2", bz, len, &lim, &g), 0);
	if (now_s() - t0 > 2.0)
		fail_msg("took %.1f s", now_s() - t0);
	expect_note("bzip2", &g, "zeros.bin.bz2", "expands to more than 200 times its");
	assert_int_equal(g.n, 0);
	got_free(&g);
	free(bz);
}

static void test_expanded_limit(void **state)
{
	char blocks[4][20000 + 1];
	member m[4];
	fq_archive_limits lim = limits();
	unsigned seed = 7;
	size_t i, k, len;
	char *zip;
	got g = { 0 };

	(void)state;
	for (i = 0; i < 4; i++) {
		for (k = 0; k < 20000; k++) {
			seed = seed * 1103515245u + 12345u;
			blocks[i][k] = (char)('a' + (seed >> 16) % 26);
		}
		blocks[i][20000] = '\0';
		m[i].data = blocks[i];
		m[i].zeros = 0;
	}
	m[0].name = "m0";
	m[1].name = "m1";
	m[2].name = "m2";
	m[3].name = "m3";
	zip = zip_of("store", m, 4, &len);
	lim.max_expanded = 65536;
	assert_int_equal(walk("big.zip", zip, len, &lim, &g), 0);
	expect_member("expanded", &g, "big.zip!m0", blocks[0]);
	expect_member("expanded", &g, "big.zip!m2", blocks[2]);
	assert_int_equal(g.n, 3);
	expect_note("expanded", &g, "big.zip", "expands to more than 65536 bytes");
	assert_int_equal(g.nn, 1);
	got_free(&g);
	free(zip);
}

static void test_member_limit(void **state)
{
	member m[] = { { "big.txt", NULL, 3000 }, { "small.txt", "small\n", 0 } };
	fq_archive_limits lim = limits();
	size_t len;
	char *zip = zip_of("deflate", m, 2, &len), *gz;
	got g = { 0 };

	(void)state;
	lim.max_member = 2048;
	assert_int_equal(walk("a.zip", zip, len, &lim, &g), 0);
	expect_member("member limit", &g, "a.zip!small.txt", "small\n");
	expect_note("member limit", &g, "a.zip!big.txt", "skipped: member of 3000 bytes is over the 2048-byte size limit");
	assert_int_equal(g.n, 1);
	got_free(&g);
	free(zip);

	/* a compressed file does not say its size: found out while reading */
	gz = build(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, NULL, NULL, m, 1, &len);
	assert_int_equal(walk("big.txt.gz", gz, len, &lim, &g), 0);
	expect_note("member limit", &g, "big.txt.gz!big.txt", "skipped: member is over the 2048-byte size limit");
	assert_int_equal(g.n, 0);
	assert_int_equal(g.nn, 1);
	got_free(&g);
	free(gz);
}

static void test_encrypted(void **state)
{
	member secret = { "secret.txt", "sk_live_4eC39HqLyjWDarjtT1zdp7dc\n", 0 };
	fq_archive_limits lim = limits();
	size_t len, outer_len;
	char *enc = build(ARCHIVE_FORMAT_ZIP, 0, "zip:encryption=zipcrypt", "hunter2", &secret, 1, &len), *outer;
	got g = { 0 };

	(void)state;
	assert_null(memmem(enc, len, "sk_live_", 8));
	assert_int_equal(walk("enc.zip", enc, len, &lim, &g), 0);
	expect_note("encrypted", &g, "enc.zip!secret.txt", "skipped: encrypted member");
	assert_int_equal(g.n, 0);
	assert_int_equal(g.nn, 1);
	got_free(&g);

	outer = zip_with("enc.zip", enc, len, "readme.txt", "read me\n", &outer_len);
	assert_int_equal(walk("outer.zip", outer, outer_len, &lim, &g), 0);
	expect_member("encrypted, nested", &g, "outer.zip!readme.txt", "read me\n");
	expect_note("encrypted, nested", &g, "outer.zip!enc.zip!secret.txt", "skipped: encrypted member");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.nn, 1);
	got_free(&g);
	free(outer);
	free(enc);
}

static void test_corrupt(void **state)
{
	member m[] = { { "one.txt", "first member\n", 0 }, { "two.txt", NULL, 300000 }, { "three.txt", "third\n", 0 } };
	fq_archive_limits lim = limits();
	size_t len, i, cut;
	char *zip = zip_of("deflate", m, 3, &len), *tgz;
	got g = { 0 };

	(void)state;
	/* cut in half: no central directory, so no zip; its bytes are
	 * scanned as they are */
	assert_int_equal(walk("cut.zip", zip, len / 2, &lim, &g), 0);
	expect_note("cut zip", &g, "cut.zip", "could not be read");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.paths[0], "cut.zip");
	assert_int_equal(g.lens[0], len / 2);
	got_free(&g);

	/* bytes flipped inside the second member's deflate stream */
	for (i = 0; i + 8 < len; i++) {
		if (!memcmp(zip + i, "two.txt", 7))
			break;
	}
	assert_true(i + 8 < len);
	for (cut = i + 7 + 20; cut < i + 7 + 60; cut++)
		zip[cut] ^= 0x5a;
	assert_int_equal(walk("flipped.zip", zip, len, &lim, &g), 0);
	expect_member("flipped", &g, "flipped.zip!one.txt", "first member\n");
	expect_note("flipped", &g, "flipped.zip!two.txt", "corrupt member");
	got_free(&g);
	free(zip);

	/* a tar.gz cut inside its second member: the first is whole, the
	 * second delivered as far as it goes */
	tgz = build(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, NULL, NULL, m, 3, &len);
	assert_int_equal(walk("cut.tar.gz", tgz, len / 2, &lim, &g), 0);
	expect_member("cut tar.gz", &g, "cut.tar.gz!one.txt", "first member\n");
	expect_note("cut tar.gz", &g, "cut.tar.gz!two.txt", "corrupt member");
	assert_int_equal(find_member(&g, "cut.tar.gz!three.txt"), -1);
	got_free(&g);

	/* garbage after a gzip header */
	memset(tgz + 10, 0xff, len - 10);
	assert_int_equal(walk("junk.gz", tgz, len, &lim, &g), 0);
	assert_true(g.nn >= 1);
	expect_note("junk gz", &g, "junk.gz", "could not be read");
	got_free(&g);
	free(tgz);
}

/* Names that would escape an extraction directory or the terminal: the
 * member is still scanned, under an escaped name, and nothing is written
 * anywhere (the walk runs in an empty directory two levels down, where
 * "../../etc/passwd" would land inside the test's own folder). */
static void test_unsafe_names(void **state)
{
	char top[] = "/tmp/fq-archive-XXXXXX", cwd[4096], abs_path[300];
	fq_archive_limits lim = limits();
	size_t len, tar_len, i;
	char *zip, *tar;
	DIR *d;
	struct dirent *de;
	struct stat st;
	int entries = 0;
	got g = { 0 };

	(void)state;
	assert_non_null(mkdtemp(top));
	snprintf(abs_path, sizeof(abs_path), "%s/abs.txt", top);
	{
		member m[] = {
			{ "../../etc/passwd", "root:x:0:0\n", 0 },
			{ "evil\x1b[31m\n.txt", "red\n", 0 },
			{ abs_path, "absolute\n", 0 },
			{ "..\\..\\win.ini", "[boot]\n", 0 },
			{ "ok/..hidden/x..y", "fine\n", 0 },
			{ "a.jar!/etc/shadow", "not nested\n", 0 },
		};

		zip = zip_of("deflate", m, FQ_ARRAY_LEN(m), &len);
		tar = build(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0, NULL, NULL, m, 4, &tar_len);
		assert_non_null(getcwd(cwd, sizeof(cwd)));
		assert_int_equal(chdir(top), 0);
		assert_int_equal(mkdir("a", 0700), 0);
		assert_int_equal(mkdir("a/b", 0700), 0);
		assert_int_equal(chdir("a/b"), 0);
		assert_int_equal(walk("names.zip", zip, len, &lim, &g), 0);
		expect_member("names", &g, "names.zip!\\x2e\\x2e/\\x2e\\x2e/etc/passwd", "root:x:0:0\n");
		expect_note("names", &g, "names.zip!\\x2e\\x2e/\\x2e\\x2e/etc/passwd", "unsafe member name ('..' segment)");
		expect_member("names", &g, "names.zip!evil\\x1b[31m\\x0a.txt", "red\n");
		expect_note("names", &g, "names.zip!evil\\x1b[31m\\x0a.txt", "unsafe member name (control character)");
		{
			char want[400];

			snprintf(want, sizeof(want), "names.zip!\\x2f%s", abs_path + 1);
			expect_member("names", &g, want, "absolute\n");
			expect_note("names", &g, want, "unsafe member name (absolute path)");
		}
		/* libarchive's zip reader takes a backslash for a separator
		 * (zips made on Windows); tar keeps it, below */
		expect_member("names", &g, "names.zip!\\x2e\\x2e/\\x2e\\x2e/win.ini", "[boot]\n");
		expect_note("names", &g, "names.zip!\\x2e\\x2e/\\x2e\\x2e/win.ini", "unsafe member name ('..' segment)");
		expect_member("names", &g, "names.zip!ok/..hidden/x..y", "fine\n");
		/* a '!' is no level of nesting */
		expect_member("names", &g, "names.zip!a.jar\\x21/etc/shadow", "not nested\n");
		assert_int_equal(g.n, 6);
		assert_int_equal(g.nn, 4);
		for (i = 0; i < g.n; i++) {
			const char *p;

			for (p = g.paths[i]; *p; p++)
				assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
		}
		got_free(&g);
		assert_int_equal(walk("names.tar", tar, tar_len, &lim, &g), 0);
		expect_member("tar names", &g, "names.tar!\\x2e\\x2e/\\x2e\\x2e/etc/passwd", "root:x:0:0\n");
		expect_member("tar names", &g, "names.tar!evil\\x1b[31m\\x0a.txt", "red\n");
		expect_member("tar names", &g, "names.tar!\\x2e\\x2e\\x5c\\x2e\\x2e\\x5cwin.ini", "[boot]\n");
		expect_note("tar names", &g, "names.tar!\\x2e\\x2e\\x5c\\x2e\\x2e\\x5cwin.ini",
			    "unsafe member name ('..' segment, backslash)");
		assert_int_equal(g.n, 4);
		assert_int_equal(g.nn, 4);
		got_free(&g);
	}
	/* a compressed file named "...gz" holds a member named ".." */
	{
		member one = { "data", "inner\n", 0 };
		size_t gz_len, dots_len;
		char *gz = build(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, NULL, NULL, &one, 1, &gz_len);
		char *dots = zip_with("...gz", gz, gz_len, NULL, NULL, &dots_len);

		assert_int_equal(walk("dots.zip", dots, dots_len, &lim, &g), 0);
		expect_member("dots", &g, "dots.zip!...gz!\\x2e\\x2e", "inner\n");
		assert_int_equal(g.n, 1);
		got_free(&g);
		free(dots);
		free(gz);
	}
	/* nothing was written: the walk's directory is empty, and neither
	 * target exists */
	assert_non_null(d = opendir("."));
	while ((de = readdir(d)))
		entries += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	assert_int_equal(entries, 0);
	assert_int_equal(chdir(top), 0);
	assert_int_not_equal(stat("etc", &st), 0);
	assert_int_not_equal(stat(abs_path, &st), 0);
	assert_non_null(d = opendir("."));
	entries = 0;
	while ((de = readdir(d)))
		entries += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	assert_int_equal(entries, 1); /* a/ */
	assert_int_equal(chdir(cwd), 0);
	{
		char p[400];

		snprintf(p, sizeof(p), "%s/a/b", top);
		assert_int_equal(rmdir(p), 0);
		snprintf(p, sizeof(p), "%s/a", top);
		assert_int_equal(rmdir(p), 0);
		assert_int_equal(rmdir(top), 0);
	}
	free(zip);
	free(tar);
}

/* Names a zip marks as UTF-8 arrive as they are, though the program runs
 * in the "C" locale (libarchive would have no name to give); the caller's
 * thread keeps its locale. */
static void test_utf8_names(void **state)
{
	static const char name[] = "config/\xc3\xbcn\xc3\xaf-\xc3\xa9.env";
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	fq_archive_limits lim = limits();
	fq_buf b = FQ_BUF_INIT;
	locale_t before = uselocale((locale_t)0);
	got g = { 0 };

	(void)state;
	archive_write_set_format_zip(a);
	assert_int_equal(archive_write_set_options(a, "zip:hdrcharset=UTF-8"), ARCHIVE_OK);
	archive_write_open(a, &b, NULL, to_buf, NULL);
	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, 4);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	assert_int_equal(archive_write_data(a, "x=1\n", 4), 4);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
	assert_int_equal(b.ptr[7] & 0x08, 0x08); /* general purpose flag bit 11: UTF-8 names */

	g.locale = before;
	assert_int_equal(walk("u.zip", b.ptr, b.len, &lim, &g), 0);
	expect_member("utf-8", &g, "u.zip!config/\xc3\xbcn\xc3\xaf-\xc3\xa9.env", "x=1\n");
	assert_int_equal(g.nn, 0);
	assert_ptr_equal(uselocale((locale_t)0), before);
	got_free(&g);
	fq_buf_free(&b);
}

static void test_detect(void **state)
{
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
	static const struct {
		const char *what, *name;
		const char *data;
		size_t len;
	} no[] = {
		{ "text", "notes.txt", "just some text\nwith lines\n", 26 },
		{ "text named .zip", "config.zip", "PK is not enough for a zip header here", 38 },
		{ "png", "logo.png", (const char *)png, sizeof(png) - 1 },
		{ "empty", "a.zip", "", 0 },
		{ "short zip magic", "a.zip", "PK\3\4", 4 },
		{ "BZh text", "a.bz2", "BZh9 is how a bzip2 file starts", 31 },
		{ "gzip magic, other method", "a.gz", "\x1f\x8b\x07\0\0\0\0\0\0\x03 and more bytes", 25 },
		{ "jpeg", "a.jpg", "\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20 },
	};
	member m = { "x.txt", "x\n", 0 };
	size_t i, len;
	char *v7;

	(void)state;
	for (i = 0; i < FQ_ARRAY_LEN(no); i++) {
		if (fq_archive_detect(no[i].name, no[i].data, no[i].len))
			fail_msg("%s: detected as an archive", no[i].what);
	}
	assert_false(fq_archive_detect("a.zip", NULL, 0));
	/* an old tar has no magic: its checksum counts when the name says .tar */
	v7 = build(FORMAT_V7TAR, 0, NULL, NULL, &m, 1, &len);
	assert_null(memmem(v7, 512, "ustar", 5));
	assert_true(fq_archive_detect("old.tar", v7, len));
	assert_true(fq_archive_detect("OLD.TAR", v7, len));
	assert_false(fq_archive_detect("old.bin", v7, len));
	assert_false(fq_archive_detect(NULL, v7, len));
	v7[0] ^= 1; /* the checksum no longer adds up */
	assert_false(fq_archive_detect("old.tar", v7, len));
	free(v7);
}

static void test_empty_and_errors(void **state)
{
	static const char empty_zip[22] = "PK\5\6";
	fq_archive_limits lim = limits(), bad = limits();
	got g = { 0 };

	(void)state;
	assert_true(fq_archive_detect("e.zip", empty_zip, sizeof(empty_zip)));
	assert_int_equal(walk("e.zip", empty_zip, sizeof(empty_zip), &lim, &g), 0);
	assert_int_equal(g.n, 0);
	assert_int_equal(g.nn, 0);
	assert_int_equal(walk("t.txt", "plain text", 10, &lim, &g), FQ_ENOTFOUND);
	bad.max_depth = 0;
	assert_int_equal(walk("e.zip", empty_zip, sizeof(empty_zip), &bad, &g), FQ_ERROR);
	assert_int_equal(walk(NULL, empty_zip, sizeof(empty_zip), &lim, &g), FQ_ERROR);
	assert_int_equal(fq_archive_walk("e.zip", empty_zip, sizeof(empty_zip), &lim, NULL, NULL, NULL), 0);
	assert_int_equal(g.n + g.nn, 0);
}

static void test_callback_stops(void **state)
{
	member m[] = { { "a", "1", 0 }, { "b", "2", 0 }, { "c", "3", 0 } };
	fq_archive_limits lim = limits();
	size_t len;
	char *zip = zip_of("store", m, 3, &len);
	got g = { 0 };

	(void)state;
	g.stop_after = 2;
	assert_int_equal(walk("s.zip", zip, len, &lim, &g), 7);
	assert_int_equal(g.n, 2);
	got_free(&g);
	free(zip);
}

/* Many notes: capped, with one note that says so. */
static void test_note_cap(void **state)
{
	member m[10];
	char names[10][8];
	fq_archive_limits lim = limits();
	size_t i, len;
	char *zip;
	got g = { 0 };

	(void)state;
	for (i = 0; i < 10; i++) {
		snprintf(names[i], sizeof(names[i]), "/k%zu", i);
		m[i].name = names[i];
		m[i].data = "x";
		m[i].zeros = 0;
	}
	zip = zip_of("store", m, 10, &len);
	lim.max_notes = 3;
	assert_int_equal(walk("n.zip", zip, len, &lim, &g), 0);
	assert_int_equal(g.n, 10);
	assert_int_equal(g.nn, 4);
	expect_note("cap", &g, "n.zip", "further notes about this archive were left out");
	got_free(&g);
	free(zip);
}

/* Walks in several threads at once give each the same result. */
typedef struct job {
	const char *data;
	size_t len;
	got g;
} job;

static void *run_job(void *arg)
{
	job *j = arg;
	fq_archive_limits lim = limits();
	int i;

	for (i = 0; i < 20; i++) {
		got_free(&j->g);
		if (walk("t.tar.xz", j->data, j->len, &lim, &j->g) != 0)
			return NULL;
	}
	return j;
}

static void test_threads(void **state)
{
	member m[] = { { "a.txt", "alpha\n", 0 }, { "b/c.txt", "gamma\n", 0 } };
	size_t len, i;
	char *txz = build(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_XZ, NULL, NULL, m, 2, &len);
	pthread_t t[4];
	job jobs[4];

	(void)state;
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < 4; i++) {
		jobs[i].data = txz;
		jobs[i].len = len;
		assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		void *r;

		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_ptr_equal(r, &jobs[i]);
		expect_member("threads", &jobs[i].g, "t.tar.xz!a.txt", "alpha\n");
		expect_member("threads", &jobs[i].g, "t.tar.xz!b/c.txt", "gamma\n");
		assert_int_equal(jobs[i].g.n, 2);
		assert_int_equal(jobs[i].g.nn, 0);
		got_free(&jobs[i].g);
	}
	free(txz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_stored_and_deflated),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_jar_inside_zip),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_skipped_member_still_counts),
		cmocka_unit_test(test_bzip2_bomb),
		cmocka_unit_test(test_expanded_limit),
		cmocka_unit_test(test_member_limit),
		cmocka_unit_test(test_encrypted),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_unsafe_names),
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_empty_and_errors),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_note_cap),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
