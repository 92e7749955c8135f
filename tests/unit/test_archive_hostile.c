/* The in-memory archive reader (util/archive.c) on hostile archives the
 * test writes with libarchive: bombs and the size, ratio and member limits,
 * encrypted and corrupt members, and names that try to leave the tree. */

#define _GNU_SOURCE
#include "archive_fixtures.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_skipped_member_still_counts),
		cmocka_unit_test(test_bzip2_bomb),
		cmocka_unit_test(test_expanded_limit),
		cmocka_unit_test(test_member_limit),
		cmocka_unit_test(test_encrypted),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_unsafe_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
