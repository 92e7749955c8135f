#define _GNU_SOURCE
#include "engine.h"
#include "engine_impl.h"
#include "gitindex.h"
#include "../rules/code.h"
#include "../rules/family.h"
#include "config.h"
#include "lang.h"
#include "cache.h"
#include "generated.h"
#include "profile.h"
#include "results.h"
#include "../util/archive.h"
#include "../util/common.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BINARY_PROBE_BYTES 8192
#define FQ_PARSE_TIMEOUT_US (2u * 1000u * 1000u)
#define FQ_MAX_PARSE_BYTES (4u * 1024u * 1024u)

/* Does the file hold a key that is not a placeholder (for FQ003)? */
static int has_real_key(worker *w, const fq_file *file)
{
	fq_key_match m;
	size_t pos = 0;

	if (file->real_key) /* the key rules looked already */
		return file->real_key == 2;
	if (!fq_file_may_hold_key(file))
		return 0;
	while (fq_keydetect_next(w->kd, file->data, file->len, &pos, &m)) {
		if (!m.placeholder)
			return 1;
	}
	return 0;
}

/* A file the code rules could not read: when it mentions the 4Quays SDK,
 * the checklist must not certify it (SPEC §3a). */
static void note_unanalysed(worker *w, const fq_file *file, fq_lang lang, const char *what)
{
	size_t off;

	if (!fq_mentions_sdk(file->config, file->data, file->len, &off))
		return;
	if (lang == FQ_LANG_NONE)
		fq_notes_add(&w->unanalysed, file->path, "%s", what);
	else
		fq_notes_add(&w->unanalysed, file->path, "%s, %s", fq_lang_label(lang), what);
}

typedef struct error_walk {
	const fq_syntax *syn;
	const fq_file *file;
	uint32_t found;          /* offset + 1 of the first ERROR node that counts */
} error_walk;

static int error_visit(void *payload, TSNode n)
{
	error_walk *ew = payload;
	TSNode fn;
	uint32_t a, b;
	size_t off;

	if (ew->found || !ts_node_has_error(n))
		return 1; /* nothing wrong below */
	if (!fq_node_is(n, "ERROR"))
		return 0;
	/* the error itself holds a 4Quays call, or sits in a function that
	 * makes one (a binding the rules follow may be what was lost) */
	fn = fq_node_scope(ew->syn, n);
	if (ts_node_eq(fn, ew->syn->root))
		fn = n;
	a = ts_node_start_byte(fn);
	b = ts_node_end_byte(fn);
	if (b > a && b <= ew->file->len && fq_mentions_sdk(ew->file->config, ew->file->data + a, b - a, &off))
		ew->found = ts_node_start_byte(n) + 1;
	return 1;
}

/* Syntax errors around the 4Quays calls: the parser recovered, but what
 * sits in ERROR nodes is invisible to the rules' patterns. */
static void note_syntax_errors(worker *w, const fq_code *code, const fq_file *file)
{
	error_walk ew = { &code->syn, file, 0 };

	if (!ts_node_has_error(code->syn.root))
		return;
	fq_node_walk(&code->syn, code->syn.root, error_visit, &ew);
	if (ew.found) {
		int line, col;

		fq_file_line_col(file, ew.found - 1, &line, &col);
		fq_notes_add(&w->notes, file->path, "syntax errors around the 4Quays calls at line %d: the code "
			     "rules could not read them", line);
		fq_notes_add(&w->unanalysed, file->path, "%s, syntax errors at line %d",
			     fq_lang_label(code->syn.lang), line);
	}
}

/* Parses a source file that holds a trigger word and runs the code rules. */
static void scan_code(worker *w, fq_rule_ctx *ctx, const fq_file *file)
{
	fq_lang lang = fq_file_lang(file);
	fq_code code;
	size_t i;

	if (lang == FQ_LANG_NONE) {
		const char *other = fq_lang_unread(file->path);

		if (other) {
			size_t before = w->unanalysed.count;

			note_unanalysed(w, file, FQ_LANG_NONE, other);
			if (w->unanalysed.count > before)
				fq_notes_add(&w->notes, file->path, "mentions the 4Quays SDK, but the code rules do not "
					     "read %s: its code evidence is UNVERIFIED", other);
		}
		return;
	}
	if (!fq_code_wanted(file, has_real_key(w, file), fq_profile_of(lang)))
		return;
	if (file->len > FQ_MAX_PARSE_BYTES) {
		fq_notes_add(&w->notes, file->path, "not parsed: %zu bytes is over the %u-byte parse limit "
			     "(key rules still ran)", file->len, FQ_MAX_PARSE_BYTES);
		note_unanalysed(w, file, lang, "not parsed: over the parse size limit");
		return;
	}
	if (fq_code_build(&code, ctx, file, lang) < 0) {
		fq_notes_add(&w->notes, file->path, "not parsed: %s", fq_error_last());
		note_unanalysed(w, file, lang, code.syn.tree ? "not analysed: over a code-rule limit" :
				"not parsed: the parser's time limit or a query error (see its note)");
		fq_code_free(&code);
		return;
	}
	w->stats.parsed_files++;
	for (i = 0; i < fq_families_count; i++) {
		if (fq_families[i]->scan_code)
			fq_families[i]->scan_code(ctx, &code);
	}
	if (ctx->match_limit_hit)
		fq_notes_add(&w->notes, file->path, "query match limit reached: code findings may be incomplete");
	if (code.syn.exhausted) {
		fq_notes_add(&w->notes, file->path, "code rules stopped early: the file used up its analysis budget "
			     "(%d node visits per node; generated code?), so its code findings may be incomplete",
			     FQ_VISITS_PER_NODE);
		note_unanalysed(w, file, lang, "analysed in part: the analysis budget ran out");
	} else if (ctx->match_limit_hit) {
		note_unanalysed(w, file, lang, "analysed in part: the query match limit");
	} else {
		note_syntax_errors(w, &code, file);
	}
	fq_code_free(&code);
}

/* Binary bytes in a snippet: control characters (NUL among them) are
 * shown as '.', so a binary line reads as text and stays short. */
static void clean_binary_snippets(worker *w, size_t from)
{
	size_t i;

	for (i = from; i < w->findings.count; i++) {
		char *s = w->findings.items[i].snippet;

		for (; s && *s; s++) {
			if ((unsigned char)*s < 0x20 && *s != '\t')
				*s = '.';
		}
	}
}

#define SCAN_KEYS_ONLY 1 /* a binary file's raw bytes, an archive's member, generated code */
#define SCAN_ARCHIVED 2  /* a member of an archive */

/* Runs every family on one file (the key family alone with SCAN_KEYS_ONLY). */
static void scan_file_as(worker *w, const char *path, const char *data, size_t len, int tracked, int in_head,
			 const char *commit, int64_t author_time, unsigned how)
{
	fq_file file;
	fq_rule_ctx ctx;
	size_t i, before = w->findings.count;

	memset(&file, 0, sizeof(file));
	file.path = path;
	file.data = data;
	file.len = len;
	file.tracked = tracked;
	file.in_head = in_head;
	file.commit = commit;
	file.author_time = author_time;
	file.config = w->sh->opts->config;
	file.archived = (how & SCAN_ARCHIVED) != 0;
	/* no code rule will read it: the key rules' pre-check is "sk_" alone */
	file.keys_only = (how & SCAN_KEYS_ONLY) != 0 || !in_head || fq_file_lang(&file) == FQ_LANG_NONE;
	memset(&ctx, 0, sizeof(ctx));
	ctx.kd = w->kd;
	ctx.opts = w->sh->opts;
	ctx.out = &w->findings;
	ctx.parser = w->parser;
	ctx.evidence = &w->evidence;
	/* History modes: only the key rules look at blobs that are no longer
	 * at HEAD (SPEC §1); only today's code can still log or mutate. */
	for (i = 0; i < fq_families_count; i++) {
		if (fq_families[i]->scan_text && (fq_families[i] == &fq_family_keys ||
						  (in_head && !(how & SCAN_KEYS_ONLY))))
			fq_families[i]->scan_text(&ctx, &file);
	}
	if (in_head && !(how & SCAN_KEYS_ONLY))
		scan_code(w, &ctx, &file);
	if ((how & SCAN_KEYS_ONLY) && memchr(data, '\0', len))
		clean_binary_snippets(w, before);
	if (file.dropped)
		fq_notes_add(&w->notes, path, "findings limit: %zu more findings in this file were not reported "
			     "(at most %d of each severity per file)", file.dropped, FQ_MAX_FINDINGS_PER_FILE);
	fq_file_release(&file);
}

static void scan_file(worker *w, const char *path, const char *data, size_t len, int tracked, int in_head,
		      const char *commit, int64_t author_time)
{
	scan_file_as(w, path, data, len, tracked, in_head, commit, author_time, 0);
}

/* Only the key rules: a binary file's raw bytes, an archive's members. */
static void scan_keys_only(worker *w, const char *path, const char *data, size_t len, const fq_work *work,
			   int archived)
{
	scan_file_as(w, path, data, len, work->item.tracked, work->item.in_head,
		     work->commit[0] ? work->commit : NULL, work->author_time,
		     SCAN_KEYS_ONLY | (archived ? SCAN_ARCHIVED : 0));
}

typedef struct archive_walk {
	worker *w;
	const fq_work *work;
} archive_walk;

static int archive_member(void *ud, const char *path, const char *data, size_t len)
{
	archive_walk *a = ud;

	a->w->stats.archive_members++;
	scan_keys_only(a->w, path, data, len, a->work, 1);
	return 0;
}

static void archive_note(void *ud, const char *path, const char *message)
{
	archive_walk *a = ud;

	fq_notes_add(&a->w->notes, path, "%s", message);
}

/* An archive's members, in memory, through the key rules. */
static void scan_archive(worker *w, const fq_work *work, const char *data, size_t len)
{
	archive_walk a = { w, work };
	fq_archive_limits lim;
	size_t before = w->findings.count;
	int rc;

	fq_archive_limits_default(&lim, (size_t)w->sh->opts->max_file_size);
	w->stats.archives++;
	rc = fq_archive_walk(work->item.path, data, len, &lim, archive_member, archive_note, &a);
	if (rc == FQ_ENOMEM)
		fq_notes_add(&w->notes, work->item.path, "archive not read: out of memory");
	else if (rc != 0 && w->findings.count == before)
		scan_keys_only(w, work->item.path, data, len, work, 0);
}

/* Why the item is code nobody wrote by hand (SPEC §8), or NULL: its path
 * and bytes, then the repository's linguist attributes. */
static const char *generated_reason(worker *w, const fq_item *it, const char *data, size_t len)
{
	const char *why = fq_generated_reason(it->path, data, len);

	return why ? why : fq_linguist_reason(w->sh->linguist, it->path);
}

/* The lists scan_one adds to, for the result cache. */
static fq_item_lists worker_lists(worker *w)
{
	fq_item_lists l = { &w->findings, &w->notes, &w->unanalysed, &w->generated, &w->evidence, &w->stats,
			    &w->incomplete };

	return l;
}

/* The cache key of an item: the catalogue, the scan's salt (configuration
 * and options), where and how the blob is read, and the blob id. */
static void cache_key(worker *w, const fq_item *it, const git_oid *oid, unsigned char key[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char flags[2] = { (unsigned char)it->tracked, (unsigned char)it->in_head };
	unsigned int n = 0;
	const char *cat = fq_cache_catalogue_id(), *salt = w->sh->cache_salt;

	memset(key, 0, 32);
	if (!md)
		return;
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, cat, strlen(cat) + 1);
	EVP_DigestUpdate(md, salt, strlen(salt) + 1);
	EVP_DigestUpdate(md, it->path, strlen(it->path) + 1);
	EVP_DigestUpdate(md, flags, sizeof(flags));
	EVP_DigestUpdate(md, oid->id, GIT_OID_RAWSZ);
	EVP_DigestFinal_ex(md, key, &n);
	EVP_MD_CTX_free(md);
}

/* A cached result for the key, appended to the worker's lists; 1 on a hit. */
static int replay(worker *w, const fq_work *work, const unsigned char key[32])
{
	fq_item_lists l = worker_lists(w);
	char *data = NULL;
	size_t len = 0;
	int ok;

	if (!w->cache || !fq_cache_get(w->cache, key, &data, &len))
		return 0;
	ok = fq_results_decode(&l, data, len, work->commit[0] ? work->commit : NULL, work->author_time) == 0;
	free(data);
	return ok;
}

/* Runs the rules on one item's bytes. */
static void scan_bytes(worker *w, const fq_work *work, const char *data, size_t len)
{
	const fq_item *it = &work->item;

	/* archives and binary files: the key rules read their bytes (SPEC §3
	 * FQ001); the others read text */
	if (data && fq_archive_detect(it->path, data, len)) {
		w->stats.bytes += len;
		scan_archive(w, work, data, len);
		return;
	}
	if (memchr(data, '\0', len < BINARY_PROBE_BYTES ? len : BINARY_PROBE_BYTES)) {
		w->stats.binary_files++;
		w->stats.bytes += len;
		scan_keys_only(w, it->path, data, len, work, 0);
		return;
	}
	w->stats.files++;
	w->stats.bytes += len;
	/* minified, generated and vendored code at HEAD: the key rules only
	 * (blobs outside HEAD get no more anyway) */
	if (it->in_head && !w->sh->opts->scan_generated) {
		const char *why = generated_reason(w, it, data ? data : "", len);

		if (why) {
			w->stats.generated_files++;
			fq_notes_add(&w->generated, it->path, "%s", why);
			scan_keys_only(w, it->path, data ? data : "", len, work, 0);
			return;
		}
	}
	scan_file(w, it->path, data ? data : "", len, it->tracked, it->in_head,
		  work->commit[0] ? work->commit : NULL, work->author_time);
}

static void scan_one(worker *w, const fq_work *work)
{
	const fq_item *it = &work->item;
	git_odb_object *obj = NULL;
	char *owned = NULL;
	const char *data;
	size_t len, before = w->findings.count;
	unsigned char key[32];
	int keyed = 0;
	fq_item_lists l = worker_lists(w);
	fq_item_mark mark;

	fq_item_mark_take(&mark, &l);
	/* a blob: its result may be known without reading it */
	if (w->cache && it->has_oid) {
		cache_key(w, it, &it->oid, key);
		keyed = 1;
		if (replay(w, work, key)) {
			w->stats.blobs++; /* as reading it would have */
			goto late;
		}
	} else if (w->cache) {
		git_oid oid;

		if (fq_engine_index_blob_id(w, it, &oid)) {
			cache_key(w, it, &oid, key);
			keyed = 1;
			if (replay(w, work, key))
				goto late;
		}
	}
	if (it->from_worktree && fq_engine_read_blob_from_worktree(w, it, &owned, &len)) {
		data = owned;
	} else if (it->has_oid) {
		if (!fq_engine_read_blob(w, it, &obj))
			return;
		data = git_odb_object_data(obj);
		len = git_odb_object_size(obj);
	} else {
		git_oid oid;

		if (fq_engine_read_worktree(w, it, &owned, &len) <= 0)
			return;
		data = owned;
		if (w->cache && !keyed && fq_engine_blob_id(w, data ? data : "", len, &oid)) {
			cache_key(w, it, &oid, key);
			keyed = 1;
			if (replay(w, work, key)) {
				atomic_fetch_add(&w->sh->bytes_done, len);
				goto late;
			}
		}
	}
	atomic_fetch_add(&w->sh->bytes_done, len);
	scan_bytes(w, work, data, len);
	if (keyed) {
		size_t n = 0;
		char *enc = fq_results_encode(&l, &mark, &n);

		if (enc)
			fq_cache_put(w->sh->opts->cache, key, enc, n);
		free(enc);
	}
late:
	if (it->late && w->findings.count > before) {
		if (w->nlate == w->late_alloc) {
			w->late_alloc = w->late_alloc ? w->late_alloc * 2 : 16;
			w->late = fq_realloc_array(w->late, w->late_alloc, sizeof(*w->late));
		}
		w->late[w->nlate++] = (struct late_range){ before, w->findings.count, work->index };
	}
	git_odb_object_free(obj);
	free(owned);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	fq_work work;

	while (fq_source_next(w->sh->src, &work)) {
		if (!fq_config_ignored(w->sh->opts->config, work.item.path))
			scan_one(w, &work);
		atomic_fetch_add(&w->sh->done, 1);
	}
	atomic_fetch_sub(&w->sh->running, 1);
	return NULL;
}

static int worker_init(worker *w, shared *sh)
{
	memset(w, 0, sizeof(*w));
	w->sh = sh;
	w->root_fd = -1;
	if (sh->src->root) {
		w->root_fd = open(sh->src->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (w->root_fd < 0)
			return fq_error_set(FQ_ENOTFOUND, "cannot open %s: %s", sh->src->root, strerror(errno));
	}
	w->cache = fq_cache_reader_new(sh->opts->cache);
	w->kd = fq_keydetect_new();
	if (!w->kd)
		return FQ_ERROR;
	w->parser = ts_parser_new();
	/* a pathological file costs at most this much parse time */
	ts_parser_set_timeout_micros(w->parser, FQ_PARSE_TIMEOUT_US);
	if (sh->src->repo_path) {
		if (git_repository_open(&w->repo, sh->src->repo_path) < 0 ||
		    git_repository_odb(&w->odb, w->repo) < 0)
			return fq_error_set(FQ_EREPO, "cannot open repository %s: %s", sh->src->repo_path,
					    fq_engine_git_message());
	}
	return 0;
}

static void worker_free(worker *w)
{
	if (w->sh && w->root_fd >= 0) /* initialised: a worker never set up has root_fd 0 */
		close(w->root_fd);
	git_odb_free(w->odb);
	git_repository_free(w->repo);
	fq_keydetect_free(w->kd);
	fq_cache_reader_free(w->cache);
	if (w->parser)
		ts_parser_delete(w->parser);
	fq_findings_free(&w->findings);
	fq_notes_free(&w->notes);
	fq_notes_free(&w->unanalysed);
	fq_notes_free(&w->generated);
	fq_evidence_free(&w->evidence);
	EVP_MD_CTX_free(w->sha1);
	free(w->late);
}

/* The commits of findings whose items went out before the walk met them. */
static void give_late_commits(worker *w, const fq_source *src)
{
	size_t i, k;

	for (i = 0; i < w->nlate; i++) {
		const struct late_range *r = &w->late[i];
		const fq_commit_info *ci;

		if (r->index >= src->nlate || src->late[r->index] < 0)
			continue;
		ci = &src->commits[src->late[r->index]];
		for (k = r->start; k < r->end && k < w->findings.count; k++) {
			fq_finding *f = &w->findings.items[k];

			free(f->commit);
			free(f->introduced_in);
			f->commit = fq_strdup(ci->hex);
			f->introduced_in = fq_strdup(ci->hex);
			f->author_time = ci->author_time;
		}
	}
}

static void human_bytes(char *out, size_t n, double b)
{
	const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (b >= 1024 && u < 4) {
		b /= 1024;
		u++;
	}
	snprintf(out, n, "%.1f %s", b, units[u]);
}

/* Progress on stderr: files and bytes done, rate, ETA.  Never in a report. */
static void draw_progress(shared *sh, uint64_t start, int final)
{
	size_t done = atomic_load(&sh->done), total = fq_source_listed(sh->src);
	uint64_t bytes = atomic_load(&sh->bytes_done), ms = fq_now_ms() - start;
	double rate = ms ? (double)bytes * 1000.0 / (double)ms : 0;
	char b1[32], b2[32];
	long eta = (done && done < total) ? (long)((double)ms / (double)done * (double)(total - done) / 1000.0) : 0;

	human_bytes(b1, sizeof(b1), (double)bytes);
	human_bytes(b2, sizeof(b2), rate);
	fprintf(stderr, "\r\033[Kscanning: %zu/%zu files, %s, %s/s, ETA %lds", done, total, b1, b2, eta);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* The config's rules: settings: disabled rules leave no finding, a severity
 * override replaces the rule's default. */
static void apply_rule_settings(fq_scan_result *result, const fq_scan_options *opts)
{
	size_t i, j;

	if (!opts->config || !opts->config->nrules)
		return;
	for (i = 0, j = 0; i < result->findings.count; i++) {
		fq_finding *f = &result->findings.items[i];
		const fq_rule_setting *s = fq_config_rule(opts->config, f->rule->id);

		if (s && !s->enabled) {
			fq_finding_clear(f);
			continue;
		}
		if (s && s->has_severity)
			f->severity = s->severity;
		result->findings.items[j++] = *f;
	}
	result->findings.count = j;
}

/* The workers of one run, started once the source is listed. */
typedef struct crew {
	shared *sh;
	worker *workers;
	int jobs, started, error;
} crew;

static void start_crew(fq_source *src, crew *c)
{
	int i;

	/* a streamed listing has no count yet */
	if (!src->streaming && (size_t)c->jobs > src->count && src->count > 0)
		c->jobs = (int)src->count;
	c->workers = fq_calloc((size_t)c->jobs, sizeof(*c->workers));
	for (i = 0; i < c->jobs; i++) {
		if ((c->error = worker_init(&c->workers[i], c->sh)) < 0)
			return;
	}
	atomic_store(&c->sh->running, c->jobs);
	for (i = 0; i < c->jobs; i++) {
		if (pthread_create(&c->workers[i].thread, NULL, worker_main, &c->workers[i]) != 0) {
			/* run the rest on the threads we have */
			atomic_fetch_sub(&c->sh->running, c->jobs - i);
			break;
		}
		c->started++;
	}
}

/* A working-tree listing is ready to stream: the workers start now. */
static void crew_ready(fq_source *src, void *arg)
{
	crew *c = arg;

	if (!c->workers)
		start_crew(src, c);
}

/* Shallow folders first, then by path: a deeper .gitattributes wins. */
static int cmp_depth(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	size_t da = 0, db = 0;
	const char *p;

	for (p = a; *p; p++)
		da += *p == '/';
	for (p = b; *p; p++)
		db += *p == '/';
	return da != db ? (da < db ? -1 : 1) : strcmp(a, b);
}

/* Up to sizeof buf bytes of root/rel; 0 when it cannot be read. */
static size_t read_small(const char *root, const char *rel, char *buf, size_t size)
{
	char *path = fq_sprintf("%s/%s", root, rel);
	FILE *f = fopen(path, "rb");
	size_t n = 0;

	free(path);
	if (f) {
		n = fread(buf, 1, size, f);
		fclose(f);
	}
	return n;
}

/* The .gitattributes files of folders below the root that the index
 * tracks, shallow first (malloc'd paths; *n of them). */
static char **nested_attr_files(const char *root, size_t *n)
{
	git_repository *repo = NULL;
	char **out = NULL, *want = NULL, *have = NULL, *ipath;

	*n = 0;
	if (git_repository_open_ext(&repo, root, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0 ||
	    git_repository_is_bare(repo) || !git_repository_workdir(repo))
		goto done;
	/* the index's paths are the repository's: only when PATH is its root */
	want = realpath(root, NULL);
	have = realpath(git_repository_workdir(repo), NULL);
	if (!want || !have || strcmp(want, have) != 0)
		goto done;
	ipath = fq_sprintf("%sindex", git_repository_path(repo));
	if (fq_gitindex_paths_named(ipath, ".gitattributes", &out, n) == 0 && *n > 1)
		qsort(out, *n, sizeof(*out), cmp_depth);
	free(ipath);
done:
	free(want);
	free(have);
	git_repository_free(repo);
	return out;
}

/* The linguist lines of the root .gitattributes and of the tracked ones
 * below it (NULL when none has one).  Their bytes are part of the cache
 * salt (with the options'): they decide what is generated. */
static fq_linguist_attrs *linguist_attrs(const char *root, const char *opts_salt, char salt_hex[65])
{
	enum { ATTR_BYTES = 65536 };
	char *buf = fq_malloc(ATTR_BYTES); /* review scans in several threads at once */
	fq_linguist_attrs *a = NULL;
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	char **nested;
	size_t n, i, k;

	root = root ? root : ".";
	if (ok)
		EVP_DigestUpdate(ctx, opts_salt ? opts_salt : "", strlen(opts_salt ? opts_salt : "") + 1);
	n = read_small(root, ".gitattributes", buf, ATTR_BYTES);
	if (ok)
		EVP_DigestUpdate(ctx, buf, n);
	/* out of memory: the scan goes on with what was read */
	(void)fq_linguist_attrs_add(&a, "", buf, n);
	nested = nested_attr_files(root, &k);
	for (i = 0; i < k; i++) {
		char *dir = fq_strndup(nested[i], strlen(nested[i]) - 15);

		n = read_small(root, nested[i], buf, ATTR_BYTES);
		if (ok) {
			EVP_DigestUpdate(ctx, nested[i], strlen(nested[i]) + 1);
			EVP_DigestUpdate(ctx, buf, n);
		}
		(void)fq_linguist_attrs_add(&a, dir, buf, n);
		free(dir);
		free(nested[i]);
	}
	free(nested);
	free(buf);
	memset(md, 0, sizeof(md));
	if (ok)
		EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < 32; i++)
		snprintf(salt_hex + 2 * i, 3, "%02x", md[i]);
	return a;
}

static int listing_get(void *ud, const unsigned char key[32], char **data, size_t *len)
{
	return fq_cache_get_listing(ud, key, data, len);
}

static void listing_put(void *ud, const unsigned char key[32], const unsigned char repo[32], const char *data,
			size_t len)
{
	fq_cache_put_listing(ud, key, repo, data, len);
}

int fq_scan_run(fq_scan_result *result, const fq_scan_options *opts)
{
	fq_source src;
	shared sh;
	crew cr;
	worker *workers;
	int error = 0, jobs, i;
	uint64_t start = fq_now_ms();
	size_t k;

	memset(result, 0, sizeof(*result));
	result->mode = opts->mode;
	result->rev = opts->rev ? fq_strdup(opts->rev) : NULL;
	result->path = fq_strdup(opts->path);
	result->stages = FQ_STAGE_TEXT | FQ_STAGE_CODE;
	if ((error = fq_keydetect_global_init()) < 0)
		return error;
	memset(&sh, 0, sizeof(sh));
	sh.src = &src;
	sh.opts = opts;
	sh.linguist = linguist_attrs(opts->path, opts->cache_salt, sh.cache_salt);
	memset(&cr, 0, sizeof(cr));
	cr.sh = &sh;
	cr.jobs = opts->jobs > 0 ? opts->jobs : 1;
	{
		fq_listing_cache lc = { listing_get, listing_put, opts->cache };

		error = fq_source_collect_cached(&src, opts->path, opts->mode, opts->rev, crew_ready, &cr,
						 opts->cache ? &lc : NULL);
	}
	if (!error && !cr.workers)
		start_crew(&src, &cr);
	if (!error && !cr.error && cr.started == 0)
		worker_main(&cr.workers[0]); /* no thread could start: scan here */
	if (opts->progress && cr.started) {
		while (atomic_load(&sh.running) > 0) {
			struct timespec ts = { 0, 200 * 1000 * 1000 };

			draw_progress(&sh, start, 0);
			nanosleep(&ts, NULL);
		}
		draw_progress(&sh, start, 1);
	}
	for (i = 0; i < cr.started; i++)
		pthread_join(cr.workers[i].thread, NULL);
	workers = cr.workers;
	jobs = cr.workers ? cr.jobs : 0;
	if (!error)
		error = cr.error;
	if (error < 0)
		goto cleanup;

	fq_notes_move(&result->errors, &src.notes);
	result->incomplete = src.incomplete;
	result->stats.commits = src.ncommits;
	for (i = 0; i < jobs; i++) {
		worker *w = &workers[i];

		give_late_commits(w, &src);
		fq_findings_move(&result->findings, &w->findings);
		fq_notes_move(&result->errors, &w->notes);
		fq_notes_move(&result->unanalysed, &w->unanalysed);
		fq_notes_move(&result->generated, &w->generated);
		result->stats.generated_files += w->stats.generated_files;
		fq_evidence_move(&result->evidence, &w->evidence);
		result->incomplete |= w->incomplete;
		result->stats.files += w->stats.files;
		result->stats.bytes += w->stats.bytes;
		result->stats.blobs += w->stats.blobs;
		result->stats.parsed_files += w->stats.parsed_files;
		result->stats.binary_files += w->stats.binary_files;
		result->stats.archives += w->stats.archives;
		result->stats.archive_members += w->stats.archive_members;
		result->stats.skipped_large += w->stats.skipped_large;
		result->stats.skipped_unreadable += w->stats.skipped_unreadable;
	}
	fq_findings_sort(&result->findings);
	fq_evidence_sort(&result->evidence);
	for (k = 0; k < fq_families_count; k++) {
		if (fq_families[k]->finish)
			fq_families[k]->finish(&result->findings, &result->evidence, opts);
	}
	apply_rule_settings(result, opts);
	fq_findings_sort(&result->findings);
	fq_notes_sort(&result->errors);
	fq_notes_sort(&result->unanalysed);
	fq_notes_sort(&result->generated);
	if (opts->cache && fq_cache_commit(opts->cache) < 0)
		fq_notes_add(&result->errors, "", "result cache: %s; this report is complete (read cold where the cache "
			     "failed), but the cache was not updated", fq_cache_failed(opts->cache));
	else if (fq_cache_failed(opts->cache))
		fq_notes_add(&result->errors, "", "result cache: %s; this report is complete (read cold)",
			     fq_cache_failed(opts->cache));
	if (fq_linguist_attrs_skipped(sh.linguist))
		fq_notes_add(&result->errors, ".gitattributes", "%zu linguist-generated/linguist-vendored lines were not "
			     "read: the first 256 are, with patterns up to 512 bytes",
			     fq_linguist_attrs_skipped(sh.linguist));
	if (result->generated.count)
		fq_notes_add(&result->errors, "", "%zu minified, generated or vendored files were read by the key rules only "
			     "(listed under \"generated\" in JSON; --scan-generated reads them whole)",
			     result->generated.count);
	{
		size_t cut = 0;

		for (k = 0; k < result->findings.count; k++) {
			result->stats.suppressed += result->findings.items[k].suppressed != NULL;
			cut += result->findings.items[k].snippet_cut != 0;
		}
		if (cut)
			fq_notes_add(&result->errors, "", "%zu snippets come from lines longer than %d bytes: each shows "
				     "the part around its finding, cut where marked with …", cut, FQ_SNIPPET_MAX);
	}
	result->stats.elapsed_ms = fq_now_ms() - start;

cleanup:
	for (i = 0; workers && i < jobs; i++)
		worker_free(&workers[i]);
	free(workers);
	fq_source_free(&src);
	fq_linguist_attrs_free(sh.linguist);
	return error;
}

void fq_scan_result_free(fq_scan_result *result)
{
	if (!result)
		return;
	fq_findings_free(&result->findings);
	fq_notes_free(&result->errors);
	fq_notes_free(&result->unanalysed);
	fq_notes_free(&result->generated);
	fq_evidence_free(&result->evidence);
	free(result->rev);
	free(result->path);
	memset(result, 0, sizeof(*result));
}

int fq_scan_buffer(fq_findings *out, fq_notes *notes, const fq_scan_options *opts, const char *path,
		   const char *data, size_t len)
{
	shared sh;
	fq_source src;
	worker w;
	int error;

	memset(&sh, 0, sizeof(sh));
	memset(&src, 0, sizeof(src));
	sh.src = &src;
	sh.opts = opts;
	if ((error = worker_init(&w, &sh)) < 0) {
		worker_free(&w);
		return error;
	}
	scan_file(&w, path, data, len, 1, 1, NULL, 0);
	fq_findings_move(out, &w.findings);
	if (notes)
		fq_notes_move(notes, &w.notes);
	worker_free(&w);
	return 0;
}
