/*
 * The review history of `review`, kept in the cache database (split from cli/review.c; see review_impl.h).
 */

#define _GNU_SOURCE
#include "review_impl.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------ the review history */

int fq_review_store_open(review_store *s, const char *dir, char *why, size_t why_len)
{
	memset(s, 0, sizeof(*s));
	if (!(s->cache = fq_cache_open(dir, why, why_len)))
		return -1;
	s->db = fq_cache_db(s->cache);
	if (sqlite3_exec(s->db,
			 "CREATE TABLE IF NOT EXISTS review_runs(id INTEGER PRIMARY KEY AUTOINCREMENT, run TEXT NOT NULL, "
			 "time INTEGER NOT NULL, repository TEXT NOT NULL, head TEXT);"
			 "CREATE INDEX IF NOT EXISTS review_runs_repository ON review_runs(repository, id);"
			 "CREATE TABLE IF NOT EXISTS review_findings(review INTEGER NOT NULL, fingerprint TEXT NOT NULL, "
			 "PRIMARY KEY(review, fingerprint)) WITHOUT ROWID;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(why, why_len, "cannot set up the review history in %s/cache.sqlite: %s", dir,
			 sqlite3_errmsg(s->db));
		fq_cache_close(s->cache);
		memset(s, 0, sizeof(*s));
		return -1;
	}
	return 0;
}

/* The fingerprints of the previous review of `name` (sorted), or NULL when
 * there was none; -1 on a database error (in *why). */
int fq_review_store_previous(review_store *s, const char *name, json_t **out, char **why)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 id = -1;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM review_runs WHERE repository = ?1 ORDER BY id DESC LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (id < 0)
		return 0;
	*out = json_array();
	/* BINARY order is strcmp's: the hex fingerprints come back sorted */
	if (sqlite3_prepare_v2(s->db, "SELECT fingerprint FROM review_findings WHERE review = ?1 ORDER BY fingerprint", -1,
			       &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(*out, json_string((const char *)sqlite3_column_text(st, 0)));
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	*why = fq_sprintf("cannot read the review history: %s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	json_decref(*out);
	*out = NULL;
	return -1;
}

/* Records this review of `name` and drops its reviews older than the last
 * HISTORY_KEPT, in one transaction. */
int fq_review_store_record(review_store *s, const char *run, int64_t when, const char *name, const char *head,
			const json_t *fps, char **why)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 id;
	size_t i;
	int ok;

	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	ok = sqlite3_prepare_v2(s->db, "INSERT INTO review_runs(run, time, repository, head) VALUES (?1, ?2, ?3, ?4)", -1,
				&st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, run, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, when);
		sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
		if (head)
			sqlite3_bind_text(st, 4, head, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	id = sqlite3_last_insert_rowid(s->db);
	if (ok)
		ok = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO review_findings(review, fingerprint) VALUES (?1, ?2)",
					-1, &st, NULL) == SQLITE_OK;
	for (i = 0; ok && i < json_array_size(fps); i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, json_string_value(json_array_get(fps, i)), -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(s->db, "DELETE FROM review_findings WHERE review IN (SELECT id FROM review_runs "
					"WHERE repository = ?1 ORDER BY id DESC LIMIT -1 OFFSET ?2);"
					, -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, HISTORY_KEPT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok)
		ok = sqlite3_prepare_v2(s->db, "DELETE FROM review_runs WHERE id IN (SELECT id FROM review_runs "
					"WHERE repository = ?1 ORDER BY id DESC LIMIT -1 OFFSET ?2)", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, HISTORY_KEPT);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
fail:
	*why = fq_sprintf("cannot record the review of %s in the cache database: %s", name, sqlite3_errmsg(s->db));
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
