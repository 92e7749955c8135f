/*
 * The result cache over SQLite (see cache.h).  Two tables are ours:
 *   meta(key TEXT PRIMARY KEY, value TEXT)        schema and catalogue facts
 *   blob_results(k BLOB PRIMARY KEY, v BLOB)      one row per scanned blob
 *   listings(k BLOB PRIMARY KEY, repo BLOB, v BLOB)  history listings, by ref
 *                                                 state; one per repository
 * The database says it is ours with PRAGMA application_id; user_version is
 * the schema.  Anything else in the file is somebody else's, and a file
 * that is not a database, or another program's, is never written.
 */
#define _GNU_SOURCE
#include "cache.h"
#include "../util/common.h"

#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define APP_ID 0x46513443     /* "FQ4C" */
#define SCHEMA 3
#define SCHEMA_SQL "PRAGMA user_version=3;"
#define TABLES "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);" \
	"CREATE TABLE IF NOT EXISTS blob_results(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;" \
	"CREATE TABLE IF NOT EXISTS listings(k BLOB PRIMARY KEY, repo BLOB NOT NULL, v BLOB NOT NULL) WITHOUT ROWID;" \
	"CREATE INDEX IF NOT EXISTS listings_repo ON listings(repo);"
#define BUSY_MS 5000

typedef struct pending {
	unsigned char key[32];
	char *data;
	size_t len;
} pending;

struct fq_cache {
	char *dir, *path;
	sqlite3 *db;             /* the writer */
	pthread_mutex_t lock;    /* pending, counters, failed */
	pending *queue;
	size_t nqueue, aqueue;
	char failed[256];
	uint64_t hits, misses, stored;
};

struct fq_cache_reader {
	fq_cache *c;
	sqlite3 *db;
	sqlite3_stmt *get;
};

char *fq_cache_default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (x && x[0] == '/')
		return fq_sprintf("%s/fourq-scan", x);
	if (home && home[0])
		return fq_sprintf("%s/.cache/fourq-scan", home);
	return NULL;
}

/* mkdir -p, private to the user: cached snippets are redacted, but they
 * are still a map of where the secrets were. */
static int make_dirs(const char *dir)
{
	char *p = fq_strdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static void set_why(char *buf, size_t len, const char *fmt, ...) FQ_PRINTF(3, 4);

static void set_why(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!buf || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* The catalogue the rows were written under, in meta; when it is not this
 * build's, every row goes (inside the caller's transaction). */
static int forget_other_catalogues(sqlite3 *db)
{
	const char *cat = fq_cache_catalogue_id();
	sqlite3_stmt *st;
	int same = 0, rc;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'catalogue'", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		same = strcmp((const char *)sqlite3_column_text(st, 0), cat) == 0;
	sqlite3_finalize(st);
	if (same)
		return 0;
	if (exec(db, "DELETE FROM blob_results; DELETE FROM listings;") < 0 ||
	    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('catalogue', ?1)", -1, &st,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, cat, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

fq_cache *fq_cache_open(const char *dir, char *why, size_t whylen)
{
	fq_cache *c;
	int app = 0, ver = 0, tables = 0;

	if (!dir || !dir[0]) {
		set_why(why, whylen, "no cache folder (set XDG_CACHE_HOME or HOME, or pass --cache DIR)");
		return NULL;
	}
	if (make_dirs(dir) < 0) {
		set_why(why, whylen, "cannot create the cache folder %s: %s", dir, strerror(errno));
		return NULL;
	}
	c = fq_calloc(1, sizeof(*c));
	c->dir = fq_strdup(dir);
	c->path = fq_sprintf("%s/cache.sqlite", dir);
	pthread_mutex_init(&c->lock, NULL);
	if (sqlite3_open_v2(c->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		set_why(why, whylen, "cannot open %s: %s", c->path, c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, BUSY_MS);
	/* One look under the write lock: two scans that start at once must
	 * not both take an empty file for a new cache, nor one see the other's
	 * half-made schema.  A file that is not a database fails here, before
	 * anything is written. */
	if (exec(c->db, "BEGIN IMMEDIATE") < 0 || pragma_int(c->db, "PRAGMA application_id", &app) < 0 ||
	    pragma_int(c->db, "PRAGMA user_version", &ver) < 0 ||
	    pragma_int(c->db, "SELECT count(*) FROM sqlite_master", &tables) < 0) {
		set_why(why, whylen, "%s is not a fourq-scan cache (%s): not used, not written", c->path,
			sqlite3_errmsg(c->db));
		exec(c->db, "ROLLBACK");
		goto fail;
	}
	if (app == 0 && tables == 0) {
		/* a new database: ours */
		if (exec(c->db, "PRAGMA application_id=1179726915; " SCHEMA_SQL TABLES) < 0) {
			set_why(why, whylen, "cannot set up %s: %s", c->path, sqlite3_errmsg(c->db));
			exec(c->db, "ROLLBACK");
			goto fail;
		}
	} else if (app != APP_ID) {
		set_why(why, whylen, "%s belongs to another program (its application id is not fourq-scan's): not "
			"used, not written", c->path);
		exec(c->db, "ROLLBACK");
		goto fail;
	} else if (ver != SCHEMA) {
		/* an older or newer fourq-scan: its results are not ours to read */
		if (exec(c->db, "DROP TABLE IF EXISTS blob_results; DROP TABLE IF EXISTS listings;" TABLES SCHEMA_SQL) <
		    0) {
			set_why(why, whylen, "cannot reset %s: %s", c->path, sqlite3_errmsg(c->db));
			exec(c->db, "ROLLBACK");
			goto fail;
		}
	}
	/* results of another build can never be read again (the catalogue is
	 * part of every key): dropped, so upgrades do not grow the file */
	if (forget_other_catalogues(c->db) < 0) {
		set_why(why, whylen, "cannot set up %s: %s", c->path, sqlite3_errmsg(c->db));
		exec(c->db, "ROLLBACK");
		goto fail;
	}
	if (exec(c->db, "COMMIT") < 0) {
		set_why(why, whylen, "cannot set up %s: %s", c->path, sqlite3_errmsg(c->db));
		goto fail;
	}
	exec(c->db, "PRAGMA journal_mode=WAL");
	exec(c->db, "PRAGMA synchronous=NORMAL");
	return c;
fail:
	fq_cache_close(c);
	return NULL;
}

void fq_cache_close(fq_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nqueue; i++)
		free(c->queue[i].data);
	free(c->queue);
	sqlite3_close(c->db);
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c->path);
	free(c);
}

struct sqlite3 *fq_cache_db(fq_cache *c)
{
	return c ? c->db : NULL;
}

const char *fq_cache_dir(const fq_cache *c)
{
	return c ? c->dir : NULL;
}

static void mark_failed(fq_cache *c, const char *what, const char *msg)
{
	pthread_mutex_lock(&c->lock);
	if (!c->failed[0])
		snprintf(c->failed, sizeof(c->failed), "%s: %s", what, msg);
	pthread_mutex_unlock(&c->lock);
}

fq_cache_reader *fq_cache_reader_new(fq_cache *c)
{
	fq_cache_reader *r;

	if (!c)
		return NULL;
	r = fq_calloc(1, sizeof(*r));
	r->c = c;
	/* pages through mmap and one read transaction for the whole scan: a
	 * lookup costs no system call (the writer is not held up by it in WAL
	 * mode, and what it adds meanwhile is this run's own) */
	if (sqlite3_open_v2(c->path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    (sqlite3_busy_timeout(r->db, BUSY_MS), exec(r->db, "PRAGMA mmap_size=268435456") < 0) ||
	    sqlite3_prepare_v2(r->db, "SELECT v FROM blob_results WHERE k = ?1", -1, &r->get, NULL) != SQLITE_OK ||
	    exec(r->db, "BEGIN") < 0) {
		mark_failed(c, "cannot read the cache", r->db ? sqlite3_errmsg(r->db) : "out of memory");
		fq_cache_reader_free(r);
		return NULL;
	}
	return r;
}

void fq_cache_reader_free(fq_cache_reader *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->get);
	exec(r->db, "COMMIT");
	sqlite3_close(r->db);
	free(r);
}

int fq_cache_get(fq_cache_reader *r, const unsigned char key[32], char **data, size_t *len)
{
	int rc, found = 0;

	if (!r || r->c->failed[0])
		return 0;
	sqlite3_reset(r->get);
	sqlite3_bind_blob(r->get, 1, key, 32, SQLITE_STATIC);
	rc = sqlite3_step(r->get);
	if (rc == SQLITE_ROW) {
		const void *v = sqlite3_column_blob(r->get, 0);
		int n = sqlite3_column_bytes(r->get, 0);

		if (v && n > 0) {
			*data = fq_malloc((size_t)n + 1);
			memcpy(*data, v, (size_t)n);
			(*data)[n] = '\0';
			*len = (size_t)n;
			found = 1;
		}
	} else if (rc != SQLITE_DONE) {
		/* corrupt or unreadable: no more answers this run */
		mark_failed(r->c, "the cache database failed", sqlite3_errmsg(r->db));
	}
	sqlite3_reset(r->get);
	pthread_mutex_lock(&r->c->lock);
	if (found)
		r->c->hits++;
	else
		r->c->misses++;
	pthread_mutex_unlock(&r->c->lock);
	return found;
}

void fq_cache_put(fq_cache *c, const unsigned char key[32], const char *data, size_t len)
{
	pending *p;

	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	if (c->nqueue == c->aqueue) {
		c->aqueue = c->aqueue ? c->aqueue * 2 : 256;
		c->queue = fq_realloc_array(c->queue, c->aqueue, sizeof(*c->queue));
	}
	p = &c->queue[c->nqueue++];
	memcpy(p->key, key, 32);
	p->data = fq_malloc(len ? len : 1);
	memcpy(p->data, data, len);
	p->len = len;
	pthread_mutex_unlock(&c->lock);
}

int fq_cache_commit(fq_cache *c)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int ok = 1;

	if (!c || c->failed[0] || c->nqueue == 0)
		return c && c->failed[0] ? -1 : 0;
	if (exec(c->db, "BEGIN IMMEDIATE") < 0 ||
	    sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO blob_results(k, v) VALUES (?1, ?2)", -1, &st,
			       NULL) != SQLITE_OK)
		ok = 0;
	for (i = 0; ok && i < c->nqueue; i++) {
		sqlite3_bind_blob(st, 1, c->queue[i].key, 32, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, c->queue[i].data, (int)c->queue[i].len, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (ok && exec(c->db, "COMMIT") < 0)
		ok = 0;
	if (!ok) {
		mark_failed(c, "cannot write the cache", sqlite3_errmsg(c->db));
		exec(c->db, "ROLLBACK");
	} else {
		c->stored += c->nqueue;
	}
	for (i = 0; i < c->nqueue; i++)
		free(c->queue[i].data);
	c->nqueue = 0;
	return ok ? 0 : -1;
}

int fq_cache_get_listing(fq_cache *c, const unsigned char key[32], char **data, size_t *len)
{
	sqlite3_stmt *st;
	int found = 0;

	if (!c || c->failed[0] ||
	    sqlite3_prepare_v2(c->db, "SELECT v FROM listings WHERE k = ?1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_blob(st, 1, key, 32, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 0) {
		int n = sqlite3_column_bytes(st, 0);

		*data = fq_malloc((size_t)n);
		memcpy(*data, sqlite3_column_blob(st, 0), (size_t)n);
		*len = (size_t)n;
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

void fq_cache_put_listing(fq_cache *c, const unsigned char key[32], const unsigned char repo[32], const char *data,
			  size_t len)
{
	static const char *const sql[] = {
		"DELETE FROM listings WHERE repo = ?2 AND k <> ?1",
		"INSERT OR REPLACE INTO listings(k, repo, v) VALUES (?1, ?2, ?3)",
	};
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(sql); i++) {
		if (!c || c->failed[0] || sqlite3_prepare_v2(c->db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return;
		sqlite3_bind_blob(st, 1, key, 32, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, repo, 32, SQLITE_STATIC);
		if (i == 1)
			sqlite3_bind_blob(st, 3, data, (int)len, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			mark_failed(c, "cannot write the cache", sqlite3_errmsg(c->db));
		sqlite3_finalize(st);
	}
}

const char *fq_cache_failed(const fq_cache *c)
{
	return c && c->failed[0] ? c->failed : NULL;
}

void fq_cache_counts(const fq_cache *c, uint64_t *hits, uint64_t *misses, uint64_t *stored)
{
	*hits = c ? c->hits : 0;
	*misses = c ? c->misses : 0;
	*stored = c ? c->stored : 0;
}

static char catalogue_id[65];
static pthread_once_t catalogue_once = PTHREAD_ONCE_INIT;

static void compute_catalogue_id(void)
{
	FILE *f = fopen("/proc/self/exe", "rb");
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char buf[65536], out[32];
	unsigned int olen = 0;
	size_t n, i;
	int ok = f && md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;

	while (ok && f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = EVP_DigestUpdate(md, buf, n) == 1;
	if (ok)
		ok = EVP_DigestFinal_ex(md, out, &olen) == 1 && olen == 32;
	if (f)
		fclose(f);
	EVP_MD_CTX_free(md);
	if (!ok) {
		/* no way to know the build: a version string, and a note-free
		 * fallback that still separates releases */
		snprintf(catalogue_id, sizeof(catalogue_id), "version-%s", FQ_VERSION);
		return;
	}
	for (i = 0; i < 32; i++)
		snprintf(catalogue_id + 2 * i, 3, "%02x", out[i]);
}

const char *fq_cache_catalogue_id(void)
{
	pthread_once(&catalogue_once, compute_catalogue_id);
	return catalogue_id;
}
