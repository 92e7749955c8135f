#define _GNU_SOURCE
#include "archive.h"
#include "buf.h"
#include "common.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What the magic bytes say; the compressed kinds are read through exactly
 * the one libarchive filter they name (no filter bidding, so a gzip of a
 * bzip2 is a member that is an archive, one level down, not a stack of
 * decompressors no limit sees between). */
enum kind { KIND_NONE, KIND_ZIP, KIND_TAR, KIND_GZIP, KIND_BZIP2, KIND_XZ };

/* Compressed input is handed to libarchive this many bytes at a time, and
 * each hand-over checks what came out so far.  The pieces are small enough
 * that one cannot expand far unseen: deflate reaches about 1,000:1 and xz a
 * few thousand, but one bzip2 block of some 40 bytes can stand for 45 MB. */
#define CHUNK 1024
#define CHUNK_BZIP2 64

/* Failed entry headers tolerated in one archive before it counts as
 * corrupt: each costs little, but a hostile archive can hold thousands. */
#define MAX_BAD_HEADERS 32
/* Reads that return neither data nor an end before a member counts as
 * corrupt (a reader that makes no progress must not spin). */
#define MAX_EMPTY_READS 64

#define MAX_DEPTH_LIMIT 16

/* libarchive's ARCHIVE_ERRNO_MISC, which its public header leaves out */
#define ERRNO_MISC (-1)

enum { UNSAFE_ABSOLUTE = 1, UNSAFE_DOTDOT = 2, UNSAFE_BACKSLASH = 4, UNSAFE_CONTROL = 8 };

/* One call of fq_archive_walk. */
typedef struct walk {
	const fq_archive_limits *lim;
	fq_archive_member_fn on_member;
	fq_archive_note_fn on_note;
	void *ud;
	const char *outer;    /* the outermost archive's name */
	uint64_t expanded;    /* bytes decompressed so far, every level */
	unsigned notes;       /* notes subject to lim->max_notes */
	int stop;             /* every level stops: the expansion limit or the caller */
	int result;           /* what fq_archive_walk returns once stopped */
	locale_t caller;      /* the thread's locale before the walk; 0: unchanged */
} walk;

/* One archive being read: the outermost or a member opened in turn. */
typedef struct level {
	walk *w;
	struct archive *a;
	const char *path;             /* this archive's path, "a.zip!b.jar" */
	const unsigned char *data;    /* its bytes, borrowed */
	size_t size;
	size_t fed;                   /* bytes handed to libarchive (compressed kinds) */
	size_t chunk;
	int depth;                    /* 1 for the outermost */
	int filtered;                 /* read through a decompression filter */
	uint64_t data_bytes;          /* member bytes produced, holes included */
	uint64_t counted;             /* this archive's share of w->expanded */
	int limit;                    /* stopped by a limit: deliver nothing more */
	int fatal;                    /* stopped by damage, already noted */
	int delivered;                /* members handed on */
	int entries;                  /* headers read */
	int raw_only;                 /* no tar: the compressed file is the member */
	fq_buf member;                /* the member being read */
	fq_buf member_path;
} level;

static int walk_level(walk *w, const char *path, const void *data, size_t size, int depth, enum kind kind,
		      int raw_only);

static void note(walk *w, int always, const char *path, const char *fmt, ...) FQ_PRINTF(4, 5);

/* libarchive converts member names to the locale's character set, and a
 * program that never calls setlocale is in "C", ASCII: a zip's UTF-8 names
 * would come out as no name at all.  So a walk runs in a UTF-8 locale, set
 * for its own thread only (uselocale), and gives the caller's back around
 * each callback.  The locale object is made once and only read after. */
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;
static locale_t utf8_locale;

static void make_utf8_locale(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Around each callback: the caller's locale, then the walk's again. */
static locale_t to_caller(walk *w)
{
	return w->caller ? uselocale(w->caller) : (locale_t)0;
}

static void from_caller(walk *w, locale_t mine)
{
	if (w->caller)
		uselocale(mine);
}

/* Notes that stop a walk (`always`) are never capped: they are what a
 * reader of the report needs most. */
static void note(walk *w, int always, const char *path, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	size_t i;
	locale_t mine;

	if (!w->on_note)
		return;
	if (!always && w->lim->max_notes) {
		if (w->notes > w->lim->max_notes)
			return;
		if (w->notes++ == w->lim->max_notes) {
			mine = to_caller(w);
			w->on_note(w->ud, w->outer, "further notes about this archive were left out");
			from_caller(w, mine);
			return;
		}
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* libarchive's messages can quote member names */
	for (i = 0; msg[i]; i++) {
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = '?';
	}
	mine = to_caller(w);
	w->on_note(w->ud, path, msg);
	from_caller(w, mine);
}

static const char *error_of(struct archive *a)
{
	const char *s = archive_error_string(a);

	return s && s[0] ? s : "unknown error";
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n >= s && strcasecmp(name + n - s, suffix) == 0;
}

/* An old (pre-POSIX) tar header: a name and a checksum that adds up. */
static int tar_header_ok(const unsigned char *h)
{
	unsigned long sum = 0, want = 0;
	int i, digits = 0;

	for (i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	for (i = 148; i < 156 && h[i] == ' '; i++)
		;
	for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++, digits++)
		want = want * 8 + (unsigned long)(h[i] - '0');
	return h[0] != '\0' && digits > 0 && want == sum;
}

static enum kind detect_kind(const char *name, const unsigned char *p, size_t len)
{
	if (len >= 30 && !memcmp(p, "PK\3\4", 4))
		return KIND_ZIP;
	if (len >= 22 && !memcmp(p, "PK\5\6", 4))
		return KIND_ZIP;
	if (len >= 18 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8)
		return KIND_GZIP;
	/* "BZh", the block size, then a block or the end-of-stream magic:
	 * ten bytes no text starts with */
	if (len >= 14 && !memcmp(p, "BZh", 3) && p[3] >= '1' && p[3] <= '9' &&
	    (!memcmp(p + 4, "1AY&SY", 6) || !memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6)))
		return KIND_BZIP2;
	if (len >= 12 && !memcmp(p, "\xfd" "7zXZ\0", 6))
		return KIND_XZ;
	if (len >= 512 && !memcmp(p + 257, "ustar", 5))
		return KIND_TAR;
	if (len >= 512 && name && has_suffix(name, ".tar") && tar_header_ok(p))
		return KIND_TAR;
	return KIND_NONE;
}

void fq_archive_limits_default(fq_archive_limits *out, size_t max_member)
{
	out->max_depth = FQ_ARCHIVE_MAX_DEPTH;
	out->max_expanded = FQ_ARCHIVE_MAX_EXPANDED;
	out->max_ratio = FQ_ARCHIVE_MAX_RATIO;
	out->ratio_floor = FQ_ARCHIVE_RATIO_FLOOR;
	out->max_member = max_member;
	out->max_notes = FQ_ARCHIVE_MAX_NOTES;
}

int fq_archive_detect(const char *name, const void *data, size_t len)
{
	if (!data)
		return 0;
	return detect_kind(name, data, len) != KIND_NONE;
}

/* Adds what this archive has expanded since the last call to the walk's
 * total and applies the limits; 1 once a limit stops the archive.  For the
 * compressed kinds the filter's output position counts too: it includes
 * what libarchive reads past on its own (headers, skipped entries). */
static int account(level *lv)
{
	walk *w = lv->w;
	const fq_archive_limits *lim = w->lim;
	uint64_t now = lv->data_bytes, cap;

	if (lv->limit || w->stop)
		return 1;
	if (lv->filtered) {
		la_int64_t f = archive_filter_bytes(lv->a, 0);

		if (f > 0 && (uint64_t)f > now)
			now = (uint64_t)f;
	}
	if (now > lv->counted) {
		w->expanded += now - lv->counted;
		lv->counted = now;
	}
	if (w->expanded > lim->max_expanded) {
		lv->limit = 1;
		w->stop = 1;
		if (strcmp(lv->path, w->outer) != 0)
			note(w, 1, w->outer, "archive not fully read: it expands to more than %llu bytes, "
			     "the limit for one archive with everything nested in it (reached in %s)",
			     (unsigned long long)lim->max_expanded, lv->path);
		else
			note(w, 1, w->outer, "archive not fully read: it expands to more than %llu bytes, "
			     "the limit for one archive with everything nested in it",
			     (unsigned long long)lim->max_expanded);
		return 1;
	}
	if (lim->max_ratio) {
		cap = (uint64_t)lv->size > UINT64_MAX / lim->max_ratio ? UINT64_MAX
								      : (uint64_t)lv->size * lim->max_ratio;
		if (cap < lim->ratio_floor)
			cap = lim->ratio_floor;
		if (lv->counted > cap) {
			lv->limit = 1;
			note(w, 1, lv->path, "archive not fully read: it expands to more than %u times its "
			     "%zu bytes (a zip bomb?)", lim->max_ratio, lv->size);
			return 1;
		}
	}
	return 0;
}

/* libarchive's read callback for the compressed kinds: small pieces, each
 * after a look at what the last ones expanded to. */
static la_ssize_t feed(struct archive *a, void *client, const void **buf)
{
	level *lv = client;
	size_t n = lv->size - lv->fed;

	if (account(lv)) {
		archive_set_error(a, ERRNO_MISC, "expansion limit reached");
		return -1;
	}
	if (n > lv->chunk)
		n = lv->chunk;
	*buf = lv->data + lv->fed;
	lv->fed += n;
	return (la_ssize_t)n;
}

static int put_escape(fq_buf *b, unsigned char c)
{
	return fq_buf_printf(b, "\\x%02x", c);
}

/* Appends name with what makes it unsafe, and any '!', written as \xNN
 * (see the header) and sets the UNSAFE_* bits found. */
static int put_safe_name(fq_buf *b, const char *name, unsigned *unsafe)
{
	const unsigned char *s = (const unsigned char *)name;
	int error = 0, leading = 1;
	size_t i;

	*unsafe = 0;
	for (i = 0; s[i] && !error; i++) {
		unsigned char c = s[i];
		int segment_start = i == 0 || s[i - 1] == '/' || s[i - 1] == '\\';

		if (c != '/')
			leading = 0;
		if (segment_start && c == '.' && s[i + 1] == '.' &&
		    (s[i + 2] == '\0' || s[i + 2] == '/' || s[i + 2] == '\\')) {
			*unsafe |= UNSAFE_DOTDOT;
			if ((error = put_escape(b, '.')) == 0)
				error = put_escape(b, '.');
			i++;
		} else if (c == '/' && leading) {
			*unsafe |= UNSAFE_ABSOLUTE;
			error = put_escape(b, c);
		} else if (c == ':' && i == 1 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
			   (s[2] == '/' || s[2] == '\\')) {
			*unsafe |= UNSAFE_ABSOLUTE; /* C:\ or C:/ */
			error = put_escape(b, c);
		} else if (c == '\\') {
			*unsafe |= UNSAFE_BACKSLASH;
			error = put_escape(b, c);
		} else if (c < 0x20 || c == 0x7f) {
			*unsafe |= UNSAFE_CONTROL;
			error = put_escape(b, c);
		} else if (c == '!') {
			/* not unsafe, but it would read as a level of nesting */
			error = put_escape(b, c);
		} else {
			error = fq_buf_put(b, &c, 1);
		}
	}
	if (!error && !s[0])
		error = fq_buf_puts(b, "(unnamed)");
	return error;
}

static void note_unsafe(walk *w, const char *path, unsigned unsafe)
{
	char why[128] = "";

	if (unsafe & UNSAFE_ABSOLUTE)
		strcat(why, ", absolute path");
	if (unsafe & UNSAFE_DOTDOT)
		strcat(why, ", '..' segment");
	if (unsafe & UNSAFE_BACKSLASH)
		strcat(why, ", backslash");
	if (unsafe & UNSAFE_CONTROL)
		strcat(why, ", control character");
	note(w, 0, path, "unsafe member name (%s): shown with \\xNN escapes", why + 2);
}

/* The name of the one member of a compressed file: the archive's own name
 * without the compression suffix. */
static int put_raw_name(fq_buf *b, const char *archive_path)
{
	static const struct { const char *suffix, *replace; } suffixes[] = {
		{ ".tgz", ".tar" }, { ".tbz2", ".tar" }, { ".tbz", ".tar" }, { ".txz", ".tar" },
		{ ".gz", "" }, { ".bz2", "" }, { ".xz", "" },
	};
	const char *base = strrchr(archive_path, '!'), *slash;
	size_t i, n;
	int error;

	base = base ? base + 1 : archive_path;
	if ((slash = strrchr(base, '/')))
		base = slash + 1;
	n = strlen(base);
	for (i = 0; i < FQ_ARRAY_LEN(suffixes); i++) {
		size_t s = strlen(suffixes[i].suffix);

		if (n > s && has_suffix(base, suffixes[i].suffix)) {
			/* the base is already safe, but "...gz" would leave ".." */
			if (n - s == 2 && !strncmp(base, "..", 2) && !suffixes[i].replace[0])
				return fq_buf_puts(b, "\\x2e\\x2e");
			if ((error = fq_buf_put(b, base, n - s)) < 0)
				return error;
			return fq_buf_puts(b, suffixes[i].replace);
		}
	}
	return fq_buf_puts(b, n ? base : "data");
}

static int deliver(level *lv, const char *path, const char *data, size_t len)
{
	walk *w = lv->w;
	locale_t mine;
	int rc;

	lv->delivered++;
	if (!w->on_member)
		return 0;
	mine = to_caller(w);
	rc = w->on_member(w->ud, path, data ? data : "", len);
	from_caller(w, mine);
	if (rc == 0)
		return 0;
	w->stop = 1;
	w->result = rc;
	return rc;
}

static int put_zeros(fq_buf *b, uint64_t n)
{
	static const char zeros[4096];
	int error = 0;

	while (n && !error) {
		size_t k = n < sizeof(zeros) ? (size_t)n : sizeof(zeros);

		error = fq_buf_put(b, zeros, k);
		n -= k;
	}
	return error;
}

/* A member read whole: hand it on, or open it when it is an archive. */
static int take_member(level *lv, const char *name, const char *path)
{
	walk *w = lv->w;
	const char *data = lv->member.ptr ? lv->member.ptr : "";
	size_t len = lv->member.len;
	enum kind kind = detect_kind(name, (const unsigned char *)data, len);

	if (kind == KIND_NONE)
		return deliver(lv, path, data, len);
	if (lv->depth >= w->lim->max_depth) {
		note(w, 0, path, "not opened: an archive nested more than %d levels deep; its bytes were scanned as they are",
		     w->lim->max_depth);
		return deliver(lv, path, data, len);
	}
	lv->delivered++; /* handed on, through its own members */
	return walk_level(w, path, data, len, lv->depth + 1, kind, 0);
}

/* Reads the member at the current header into lv->member, block by block,
 * counting each block against the limits as it arrives. */
static int read_member(level *lv, struct archive_entry *e)
{
	walk *w = lv->w;
	const char *name = archive_entry_pathname(e);
	const void *block;
	size_t n, max = w->lim->max_member;
	la_int64_t off;
	uint64_t produced = 0;
	unsigned unsafe = 0, empty_reads = 0;
	int r = ARCHIVE_OK, error, oversize = 0, warned = 0;
	int raw = archive_format(lv->a) == ARCHIVE_FORMAT_RAW;
	const char *path;

	if (!name)
		name = archive_entry_pathname_utf8(e);
	fq_buf_reset(&lv->member_path);
	if ((error = fq_buf_puts(&lv->member_path, lv->path)) < 0 ||
	    (error = fq_buf_puts(&lv->member_path, "!")) < 0)
		return error;
	if (raw) /* libarchive calls it "data" */
		error = put_raw_name(&lv->member_path, lv->path);
	else
		error = put_safe_name(&lv->member_path, name ? name : "", &unsafe);
	if (error < 0)
		return error;
	path = lv->member_path.ptr;
	if (raw || !name)
		name = path + strlen(lv->path) + 1;
	if (unsafe)
		note_unsafe(w, path, unsafe);

	if (archive_entry_is_encrypted(e)) {
		note(w, 0, path, "skipped: encrypted member");
		return 0; /* libarchive skips it at the next header */
	}
	if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
	    (uint64_t)archive_entry_size(e) > (uint64_t)max) {
		note(w, 0, path, "skipped: member of %lld bytes is over the %zu-byte size limit",
		     (long long)archive_entry_size(e), max);
		return 0;
	}
	fq_buf_reset(&lv->member);
	for (;;) {
		uint64_t hole = 0;

		r = archive_read_data_block(lv->a, &block, &n, &off);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			break;
		if (off > 0 && (uint64_t)off > produced)
			hole = (uint64_t)off - produced; /* a sparse file's gap */
		produced += hole + n;
		lv->data_bytes += hole + n;
		if (account(lv))
			return 0;
		if (!oversize && produced > max) {
			oversize = 1;
			fq_buf_reset(&lv->member);
		}
		if (!oversize && ((error = put_zeros(&lv->member, hole)) < 0 ||
				  (n && (error = fq_buf_put(&lv->member, block, n)) < 0)))
			return error;
		if (r == ARCHIVE_WARN && !warned) {
			warned = 1;
			note(w, 0, path, "read with a warning: %s", error_of(lv->a));
		}
		if (n == 0 && hole == 0 && ++empty_reads > MAX_EMPTY_READS) {
			archive_set_error(lv->a, ERRNO_MISC, "no progress reading the member");
			r = ARCHIVE_FATAL;
			break;
		}
		if (oversize)
			break; /* the rest is skipped, and counted, by libarchive */
	}
	if (lv->limit || w->stop)
		return 0;
	if (oversize) {
		note(w, 0, path, "skipped: member is over the %zu-byte size limit", max);
		return 0;
	}
	if (r != ARCHIVE_EOF) {
		const char *rest = "";

		if (r == ARCHIVE_FATAL) {
			lv->fatal = 1;
			rest = "; the archive could not be read past it";
		}
		if (!lv->member.len) {
			note(w, 0, path, "corrupt member: %s; nothing of it could be read%s", error_of(lv->a), rest);
			return 0;
		}
		note(w, 0, path, "corrupt member: %s; the %zu bytes read before the damage were scanned%s",
		     error_of(lv->a), lv->member.len, rest);
	}
	return take_member(lv, name, path);
}

/* Sets *opened when libarchive recognised the data; returns 0 or FQ_ENOMEM. */
static int open_level(level *lv, enum kind kind, int *opened)
{
	struct archive *a = archive_read_new();
	int r, code;

	*opened = 0;
	if (!a)
		return fq_error_set(FQ_ENOMEM, "libarchive: out of memory");
	lv->a = a;
	switch (kind) {
	case KIND_ZIP:
		/* The seekable reader takes sizes from the central directory,
		 * so skipping a member never inflates it; the streaming one
		 * would, unseen, for members whose size follows their data. */
		r = archive_read_support_format_zip_seekable(a);
		break;
	case KIND_TAR:
		r = archive_read_support_format_tar(a);
		break;
	default:
		code = kind == KIND_GZIP ? ARCHIVE_FILTER_GZIP : kind == KIND_BZIP2 ? ARCHIVE_FILTER_BZIP2
										    : ARCHIVE_FILTER_XZ;
		/* ARCHIVE_WARN would mean an external program: not here */
		if ((r = archive_read_append_filter(a, code)) == ARCHIVE_OK &&
		    (lv->raw_only || (r = archive_read_support_format_tar(a)) == ARCHIVE_OK))
			r = archive_read_support_format_raw(a);
		lv->filtered = 1;
		lv->chunk = kind == KIND_BZIP2 ? CHUNK_BZIP2 : CHUNK;
		break;
	}
	if (r != ARCHIVE_OK)
		return 0;
	if (lv->filtered)
		r = archive_read_open(a, lv, NULL, feed, NULL);
	else
		r = archive_read_open_memory(a, lv->data, lv->size);
	*opened = r == ARCHIVE_OK || r == ARCHIVE_WARN;
	return 0;
}

/* raw_only: read a compressed file as one member even when it starts like
 * a tar (512 zero bytes are an empty one). */
static int walk_level(walk *w, const char *path, const void *data, size_t size, int depth, enum kind kind,
		      int raw_only)
{
	level lv;
	struct archive_entry *e;
	int error, r, bad = 0, clean_end = 0, opened, retry_raw = 0;

	memset(&lv, 0, sizeof(lv));
	lv.w = w;
	lv.path = path;
	lv.data = data;
	lv.size = size;
	lv.depth = depth;
	lv.raw_only = raw_only;
	fq_buf_init(&lv.member, 0);
	fq_buf_init(&lv.member_path, 0);

	/* an empty zip, which libarchive's seekable reader refuses */
	if (kind == KIND_ZIP && !memcmp(data, "PK\5\6", 4) && !memcmp((const char *)data + 8, "\0\0\0\0", 4))
		return 0;
	if ((error = open_level(&lv, kind, &opened)) < 0)
		goto cleanup;
	if (!opened)
		goto done;
	for (;;) {
		r = archive_read_next_header(lv.a, &e);
		if (account(&lv))
			break;
		if (r == ARCHIVE_EOF) {
			clean_end = 1;
			/* a tar with no entry, or bytes that merely start with
			 * zeros: the bytes after them must not go unread */
			retry_raw = lv.filtered && !raw_only && !bad && !lv.entries;
			break;
		}
		if (r == ARCHIVE_FATAL)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			if (++bad > MAX_BAD_HEADERS) {
				archive_set_error(lv.a, ERRNO_MISC, "too many unreadable entries");
				break;
			}
			note(w, 0, path, "skipped an unreadable entry: %s", error_of(lv.a));
			continue;
		}
		lv.entries++;
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		if (archive_entry_hardlink(e) && archive_entry_size(e) == 0)
			continue; /* a tar hard link: its bytes came with the first name */
		if ((error = read_member(&lv, e)) != 0 || w->stop || lv.limit || lv.fatal)
			break;
		if (archive_format(lv.a) == ARCHIVE_FORMAT_RAW) {
			clean_end = 1; /* its one member; nothing to skip to */
			break;
		}
	}
done:
	if (error || w->stop || lv.limit || lv.fatal || clean_end)
		goto cleanup;
	if (lv.delivered) {
		note(w, 0, path, "corrupt archive, read up to the damage: %s", error_of(lv.a));
		goto cleanup;
	}
	/* Nothing came out: perhaps no archive after all.  Its bytes are
	 * scanned as they are, as for a file that is not one. */
	if (size > w->lim->max_member) {
		note(w, 0, path, "could not be read: %s; at %zu bytes it is over the %zu-byte size limit",
		     error_of(lv.a), size, w->lim->max_member);
		goto cleanup;
	}
	note(w, 0, path, "could not be read: %s; its bytes were scanned as they are", error_of(lv.a));
	if ((error = fq_buf_put(&lv.member, data, size)) == 0)
		error = deliver(&lv, path, lv.member.ptr, lv.member.len);
cleanup:
	if (lv.a)
		archive_read_free(lv.a);
	fq_buf_free(&lv.member);
	fq_buf_free(&lv.member_path);
	if (retry_raw && !error && !w->stop)
		return walk_level(w, path, data, size, depth, kind, 1);
	return error;
}

int fq_archive_walk(const char *name, const void *data, size_t len, const fq_archive_limits *lim,
		    fq_archive_member_fn on_member, fq_archive_note_fn on_note, void *ud)
{
	walk w;
	enum kind kind;
	int error;

	if (!name || !lim || (!data && len))
		return fq_error_set(FQ_ERROR, "fq_archive_walk: bad arguments");
	if (lim->max_depth < 1 || lim->max_depth > MAX_DEPTH_LIMIT || lim->max_member == 0)
		return fq_error_set(FQ_ERROR, "fq_archive_walk: limits out of range");
	if (!data || (kind = detect_kind(name, data, len)) == KIND_NONE)
		return fq_error_set(FQ_ENOTFOUND, "%s: not an archive", name);
	memset(&w, 0, sizeof(w));
	w.lim = lim;
	w.on_member = on_member;
	w.on_note = on_note;
	w.ud = ud;
	w.outer = name;
	pthread_once(&utf8_once, make_utf8_locale);
	if (utf8_locale)
		w.caller = uselocale(utf8_locale);
	error = walk_level(&w, name, data, len, 1, kind, 0);
	if (w.caller)
		uselocale(w.caller);
	return error ? error : w.result;
}
