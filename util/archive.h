/*
 * Archives read in memory (SPEC §8, FQ001): zip and the formats that are
 * zips (jar, war, ear, whl, nupkg, apk), tar, tar compressed with gzip,
 * bzip2 or xz, and a single gzip-, bzip2- or xz-compressed file.  Built on
 * libarchive; nothing is ever extracted or written to disk.
 *
 * fq_archive_detect decides from the first bytes (the name is a hint only
 * for old tars without the ustar magic); fq_archive_walk then hands every
 * regular-file member to a callback under a path such as
 * "app.zip!src/server.js", opening members that are archives themselves up
 * to the depth limit ("a.zip!lib/inner.jar!x.properties").  Whatever goes
 * wrong with one archive is a note through the other callback, never an
 * error of the walk: a zip bomb, an encrypted or corrupt member, an unsafe
 * member name.
 *
 * Bombs cost little: every block is counted as it comes out of the
 * decompressor, and compressed input is fed to libarchive in small pieces
 * that each pass the same check, so even the data libarchive skips on its
 * own (the rest of a tar entry) cannot expand unseen.  Memory is one
 * member buffer (at most max_member bytes) per open level.
 *
 * Thread-safe: a walk keeps all its state on the stack and in its own
 * libarchive handles, so walks may run in several threads at once.  It
 * reads member names in a UTF-8 locale set for its own thread only
 * (uselocale), and the callbacks run in the caller's.
 */
#ifndef FQ_ARCHIVE_H
#define FQ_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

typedef struct fq_archive_limits {
	int max_depth;          /* levels opened; the outermost archive is level 1 */
	uint64_t max_expanded;  /* bytes decompressed for one outermost archive,
	                         * every level together; past it the walk stops */
	unsigned max_ratio;     /* an archive that expands to more than this many
	                         * times its own size stops; 0: no ratio check */
	uint64_t ratio_floor;   /* ...but only once it expanded past this many
	                         * bytes, so small repetitive files are no bomb */
	size_t max_member;      /* largest member read (the scanner's file size
	                         * limit); a larger one is skipped with a note */
	unsigned max_notes;     /* notes per outermost archive before one note says
	                         * the rest were left out (the notes that stop a
	                         * walk always go through); 0: no cap */
} fq_archive_limits;

#define FQ_ARCHIVE_MAX_DEPTH 3
#define FQ_ARCHIVE_MAX_EXPANDED ((uint64_t)256 << 20)
#define FQ_ARCHIVE_MAX_RATIO 200u
#define FQ_ARCHIVE_RATIO_FLOOR ((uint64_t)1 << 20)
#define FQ_ARCHIVE_MAX_NOTES 100u

/* The limits of SPEC §8 (3 levels, 256 MiB, 200:1 past 1 MiB, 100 notes)
 * with the given member size limit. */
void fq_archive_limits_default(fq_archive_limits *out, size_t max_member);

/* 1 when data looks like an archive fq_archive_walk opens, by its magic
 * bytes: zip (PK\3\4, or PK\5\6 for an empty one), gzip, bzip2, xz, a tar
 * with the ustar magic; a name ending in ".tar" also admits an old tar
 * whose first header has a valid checksum.  A name alone never does: a
 * "config.zip" of plain text is not an archive.  name may be NULL.  Reads
 * at most the first 512 bytes; cheap enough for every blob. */
int fq_archive_detect(const char *name, const void *data, size_t len);

/* A member's bytes.  path is "<name>!<member>" with one "!<member>" per
 * level; member names are made safe (see fq_archive_walk).  data is
 * NUL-terminated (data[len] == '\0') and borrowed until the callback
 * returns.  Return 0 to go on; anything else stops the walk, which then
 * returns that value. */
typedef int (*fq_archive_member_fn)(void *ud, const char *path, const char *data, size_t len);

/* Something the scan of the archive should report: path names the member
 * or the archive it is about, message is one line without control
 * characters.  Both borrowed until the callback returns. */
typedef void (*fq_archive_note_fn)(void *ud, const char *path, const char *message);

/*
 * Walks the archive data[0..len) named `name` (its path in the repository)
 * and calls on_member for every regular-file member, in archive order.
 * Members that are archives (by fq_archive_detect) are opened in turn, up to
 * lim->max_depth levels, instead of being delivered; one nested deeper, or
 * one that cannot be opened at all, is delivered as it is, with a note.  So
 * is the outermost archive when it cannot be opened: its bytes arrive under
 * `name` itself.  A single compressed file is one member named like the
 * archive without its suffix ("config.env.gz!config.env", "x.tgz!x.tar").
 *
 * Notes (on_note; either callback may be NULL):
 * - the walk stops, at the archive it names, at lim->max_expanded bytes
 *   expanded (all levels together: the whole walk stops) or at an archive
 *   that expands more than lim->max_ratio times its size (that archive
 *   stops; its parent goes on); the member being read then is not
 *   delivered, those before it were;
 * - a member over lim->max_member bytes is skipped, not truncated, like a
 *   file over the scanner's size limit;
 * - an encrypted member is skipped;
 * - a corrupt archive stops at the damage; a member cut short by it is
 *   delivered with the bytes read before it, and the note says so;
 * - a member name that is absolute, has a ".." segment, a backslash or a
 *   control character: the member is delivered under a name in which those
 *   bytes are written as \xNN ("\x2e\x2e/etc/passwd", "a\x0ab", "\x2fetc",
 *   "C\x3a\x5cx"), so a backslash in a path only ever starts an escape.
 *   A '!' in a member name is written \x21 too (without a note), so that
 *   every '!' in a path after `name` separates two levels.
 *
 * Returns 0 (notes or not), FQ_ENOTFOUND when fq_archive_detect says data
 * is no archive, FQ_ERROR for bad arguments, FQ_ENOMEM, or the non-zero
 * value on_member returned.  Writes nothing to stdout, stderr or disk.
 */
int fq_archive_walk(const char *name, const void *data, size_t len, const fq_archive_limits *lim,
		    fq_archive_member_fn on_member, fq_archive_note_fn on_note, void *ud);

#endif
