/* Shared by test_archive.c and test_archive_hostile.c: archives written
 * with libarchive in memory, and the callbacks that collect what a walk of
 * util/archive.c delivers.  Every function is static and marked unused, so
 * a file that needs only some of them still builds with -Werror. */
#ifndef FQ_TESTS_ARCHIVE_FIXTURES_H
#define FQ_TESTS_ARCHIVE_FIXTURES_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
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

static __attribute__((unused)) int on_member(void *ud, const char *path, const char *data, size_t len)
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

static __attribute__((unused)) void on_note(void *ud, const char *path, const char *message)
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

static __attribute__((unused)) void got_free(got *g)
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

static __attribute__((unused)) void got_print(const char *what, const got *g)
{
	size_t i;

	print_message("%s: %zu members, %zu notes\n", what, g->n, g->nn);
	for (i = 0; i < g->n && i < KEEP; i++)
		print_message("  member %s (%zu bytes)\n", g->paths[i], g->lens[i]);
	for (i = 0; i < g->nn && i < KEEP; i++)
		print_message("  note %s: %s\n", g->note_paths[i], g->notes[i]);
}

static __attribute__((unused)) int find_member(const got *g, const char *path)
{
	size_t i;

	for (i = 0; i < g->n && i < KEEP; i++) {
		if (!strcmp(g->paths[i], path))
			return (int)i;
	}
	return -1;
}

static __attribute__((unused)) void expect_member(const char *what, const got *g, const char *path, const char *data)
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

static __attribute__((unused)) void expect_note(const char *what, const got *g, const char *path, const char *part)
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

static __attribute__((unused)) la_ssize_t to_buf(struct archive *a, void *ud, const void *p, size_t n)
{
	(void)a;
	return fq_buf_put(ud, p, n) == 0 ? (la_ssize_t)n : -1;
}

/* An old tar, without the ustar magic (libarchive has no format code
 * for writing one). */
#define FORMAT_V7TAR (-1)

/* format: an ARCHIVE_FORMAT_* code or FORMAT_V7TAR; filter:
 * ARCHIVE_FILTER_* or 0. */
static __attribute__((unused)) char *build(int format, int filter, const char *options, const char *passphrase, const member *m,
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

static __attribute__((unused)) char *zip_of(const char *compression, const member *m, size_t count, size_t *len)
{
	char opt[64];

	snprintf(opt, sizeof(opt), "zip:compression=%s", compression);
	return build(ARCHIVE_FORMAT_ZIP, 0, opt, NULL, m, count, len);
}

static __attribute__((unused)) fq_archive_limits limits(void)
{
	fq_archive_limits lim;

	fq_archive_limits_default(&lim, 10 * MIB);
	return lim;
}

/* FQ_TEST_VERBOSE=1 prints what each walk delivered. */
static __attribute__((unused)) int walk(const char *name, const char *data, size_t len, const fq_archive_limits *lim, got *g)
{
	int rc = fq_archive_walk(name, data, len, lim, on_member, on_note, g);

	if (getenv("FQ_TEST_VERBOSE"))
		got_print(name, g);
	return rc;
}

static __attribute__((unused)) double now_s(void)
{
	return (double)fq_now_ms() / 1000.0;
}

static __attribute__((unused)) long max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A member holding arbitrary bytes: writes `data` of `len` bytes. */
static __attribute__((unused)) char *zip_with(const char *name, const char *data, size_t len, const char *extra_name, const char *extra,
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

#endif
