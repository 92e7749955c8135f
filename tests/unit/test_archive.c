/* The in-memory archive reader (util/archive.c) on archives the test writes
 * with libarchive: the members and notes it delivers, its limits, and that
 * it never writes a file. */

#define _GNU_SOURCE
#include "archive_fixtures.h"

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
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_empty_and_errors),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_note_cap),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
