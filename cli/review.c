/*
 * `review` and `merge` (SPEC §1; see review.h).
 *
 * review reads the repository list, keeps this shard's entries and hands
 * them to a few worker threads.  A worker gets its repository (a local path
 * as it is; a URL cloned bare, or fetched, into DIR/repos/ of the cache),
 * runs the whole audit on it - one history-mode scan with the repository
 * checks, so the key rules read every blob of every ref and every other rule
 * reads HEAD, then the probes - compares the fingerprints of its open
 * findings with the previous review kept in the cache database, and makes
 * its row.  The report is written once every row is in.
 *
 * Threads: --jobs N is the whole budget.  min(N, repositories) workers
 * review repositories side by side, each scan with N / workers threads:
 * cloning waits on I/O and a small repository's scan cannot keep several
 * threads busy, so repositories side by side finish sooner than one at a
 * time with N threads each.
 *
 * A few helpers are copied from cli/main.c, where they are static: the
 * error printers, opt_value, parse_uint, report_now and the cache salt.
 */
#define _GNU_SOURCE
#include "common.h"
#include "review.h"
#include "review_impl.h"
#include "../checks/probe.h"
#include "../reports/review.h"
#include "../scanner/cache.h"
#include "../scanner/config.h"
#include "../scanner/engine.h"
#include "../util/common.h"
#include "../util/text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef FQ_VERSION
#define FQ_VERSION "0.0.0"
#endif


#define MAX_SHARDS 100000
#define MAX_PROBE_ARGS 32
#define MAX_REPORTS 16

/* ------------------------------------------------- shared with cli/main.c */

#define print_error fq_cli_print_error
#define parse_uint fq_cli_parse_uint
#define report_now fq_cli_now

static const char *opt_value(int argc, char **argv, int *i, const char *name, int *err)
{
	return fq_cli_opt_value("review", argc, argv, i, name, err);
}

/* ------------------------------------------------------- safe messages */

/* s with the password of every "scheme://user:password@host" replaced by
 * "***", then made safe (keys redacted, UTF-8 repaired): libgit2 echoes
 * URLs, and a URL may carry a token.  The caller frees it. */
char *fq_review_safe_message(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = fq_malloc(2 * n + 4), *safe;
	const char *p = s;

	while (*p) {
		if (!strncmp(p, "://", 3)) {
			const char *auth = p + 3, *end = auth, *at = NULL, *colon = NULL;

			while (*end && !strchr("/ \t\r\n?#'\"", *end))
				end++;
			for (const char *q = auth; q < end; q++) {
				if (*q == '@')
					at = q;
			}
			for (const char *q = auth; at && q < at && !colon; q++) {
				if (*q == ':')
					colon = q;
			}
			memcpy(out + o, p, (size_t)((colon ? colon + 1 : end) - p));
			o += (size_t)((colon ? colon + 1 : end) - p);
			if (colon) {
				memcpy(out + o, "***", 3);
				o += 3;
				p = at;
			} else {
				p = end;
			}
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	safe = fq_safe_string(out, o);
	free(out);
	return safe;
}

char *fq_review_git_why(const char *what)
{
	const git_error *e = git_error_last();
	char *raw = fq_sprintf("%s: %s", what, e && e->message ? e->message : "unknown error"), *s = fq_review_safe_message(raw);

	free(raw);
	return s;
}

/* ------------------------------------------------------------- the review */

typedef struct review_opts {
	const char *repos_file;
	unsigned long shard_k, shard_n; /* 0/0 without --shard */
	const char *cache_dir;
	int no_cache;
	int jobs;
	fq_probe_options probe;
	const char *tls_urls[MAX_PROBE_ARGS];
	const char *resolve[MAX_PROBE_ARGS];
	int api_base_from_env, expiry_set, max_file_size_set;
	const char *config_path;
	fq_config config;         /* --config FILE, loaded once */
	char config_hash[65];     /* its bytes' SHA-256, for the cache salt */
	const char *format, *output;
	struct { const char *format, *file; } reports[MAX_REPORTS];
	int nreports;
	const char *sarif_dir;
	fq_severity fail_on;
	int quiet, no_progress;
	int include_placeholders, scan_generated;
	uint64_t max_file_size;
} review_opts;

typedef struct review_run {
	review_opts *o;
	repo_entry **todo;        /* this shard's entries */
	size_t n;
	atomic_size_t next;
	int threads;              /* per scan */
	char *clone_root;         /* DIR/repos, or a temporary folder (--no-cache) */
	int temporary;
	const char *cache_dir;    /* NULL: no cache */
	review_store store;       /* the history, or store.db NULL */
	pthread_mutex_t lock;     /* store, done, progress, failures */
	size_t done;
	int progress;
	int failed;               /* a report or the history could not be written: exit 3 */
	int64_t now;
	char run_id[64];
} review_run;

static void fail_note(review_run *run, char *msg)
{
	pthread_mutex_lock(&run->lock);
	print_error(msg);
	run->failed = 1;
	pthread_mutex_unlock(&run->lock);
	free(msg);
}

/* Writes DIR/<name>.sarif from the repository's scan result. */
static void write_sarif(review_run *run, const repo_entry *e, const fq_scan_result *r, const fq_report_options *ro)
{
	char *path = fq_sprintf("%s/%s.sarif", run->o->sarif_dir, e->name);
	FILE *f = fopen(path, "w");
	int rc = f ? fq_report_sarif(f, r, ro) : -1;

	if (f && fclose(f) != 0)
		rc = -1;
	if (rc < 0)
		fail_note(run, fq_sprintf("cannot write %s: %s", path, f ? fq_error_last() : strerror(errno)));
	free(path);
}

/* Runs the audit of one repository at path; returns its row.  cache_note
 * says why this thread has no result cache, or is "". */
static json_t *audit_repo(review_run *run, const repo_entry *e, const char *path, fq_cache *cache,
			  const char *cache_note)
{
	review_opts *o = run->o;
	git_repository *repo = NULL;
	fq_config own;
	const fq_config *cfg = &o->config;
	fq_scan_options so;
	fq_scan_result result;
	fq_probe_report probes;
	fq_report_options ro;
	fq_probe_options po = o->probe;
	const char *tls[MAX_PROBE_ARGS];
	char head[GIT_OID_HEXSZ + 1] = "", cfg_hash[65] = "", salt[256], *why = NULL, *err = NULL;
	git_oid oid;
	json_t *row = NULL, *fps = NULL, *before = NULL, *changes = NULL;
	int incomplete = 0, has_own = 0;
	size_t i;

	memset(&result, 0, sizeof(result));
	memset(&probes, 0, sizeof(probes));
	memset(&ro, 0, sizeof(ro));
	ro.fail_on = o->fail_on;
	ro.version = FQ_VERSION;
	ro.now = run->now;
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		why = fq_review_git_why("not a git repository");
		goto cleanup;
	}
	if (git_reference_name_to_id(&oid, repo, "HEAD") == 0)
		git_oid_tostr(head, sizeof(head), &oid);
	if (!o->config_path) {
		has_own = 1;
		if (fq_review_repo_config(&own, repo, cfg_hash, &why) < 0)
			goto cleanup;
		cfg = &own;
	} else {
		/* --config FILE: the same file for every repository */
		memcpy(cfg_hash, o->config_hash, sizeof(cfg_hash));
	}
	memset(&so, 0, sizeof(so));
	so.path = path;
	so.mode = FQ_MODE_HISTORY;
	so.jobs = run->threads;
	so.max_file_size = cfg->max_file_size && !o->max_file_size_set ? cfg->max_file_size : o->max_file_size;
	so.include_placeholders = o->include_placeholders;
	so.scan_generated = o->scan_generated;
	so.config = cfg;
	so.repo_checks = 1;
	so.now = run->now;
	/* the salt of cli/main.c's open_cache: audit and review share results */
	snprintf(salt, sizeof(salt), "config=%s;placeholders=%d;max=%llu;generated=%d;repo=%d", cfg_hash,
		 so.include_placeholders, (unsigned long long)so.max_file_size, so.scan_generated, so.repo_checks);
	so.cache = cache;
	so.cache_salt = salt;
	if (fq_scan_run(&result, &so) < 0) {
		why = fq_review_safe_message(fq_error_last());
		goto cleanup;
	}
	result.config = cfg;
	result.stages |= FQ_STAGE_REPO;
	if (cache_note[0])
		fq_notes_add(&result.errors, "", "result cache not used: %s", cache_note);
	/* probes: the command line's, else the repository's probes: section */
	if (!po.ntls) {
		for (i = 0; i < cfg->probe_tls.count && i < MAX_PROBE_ARGS; i++)
			tls[i] = cfg->probe_tls.items[i];
		po.tls_urls = tls;
		po.ntls = i;
	}
	if (!po.api_base || o->api_base_from_env)
		po.api_base = cfg->probe_api_base ? cfg->probe_api_base : po.api_base;
	if (cfg->probe_expiry_warn_days >= 0 && !o->expiry_set)
		po.expiry_warn_days = cfg->probe_expiry_warn_days;
	if (po.ntls || po.keys) {
		if (fq_probe_run(&probes, &result.findings, &po, &incomplete) < 0) {
			why = fq_review_safe_message(fq_error_last());
			goto cleanup;
		}
		result.probes = &probes;
		result.incomplete |= incomplete;
		if (po.ntls)
			result.stages |= FQ_STAGE_PROBE;
		fq_findings_sort(&result.findings);
	}
	if (result.incomplete) {
		const fq_note *first = result.errors.count ? &result.errors.items[0] : NULL;
		char *raw = fq_sprintf("the audit could not be completed (%zu note%s)%s%s%s%s", result.errors.count,
				       result.errors.count == 1 ? "" : "s", first ? "; first: " : "", first ? first->path : "",
				       first && first->path[0] ? ": " : "", first ? first->message : "");

		err = fq_review_safe_message(raw);
		free(raw);
	}
	fps = fq_review_open_fingerprints(&result);
	if (!err && run->store.db) {
		char *serr = NULL;

		pthread_mutex_lock(&run->lock);
		if (fq_review_store_previous(&run->store, e->name, &before, &serr) == 0)
			changes = fq_review_changes(fps, before);
		if (!serr)
			fq_review_store_record(&run->store, run->run_id, run->now, e->name, head[0] ? head : NULL, fps, &serr);
		pthread_mutex_unlock(&run->lock);
		if (serr)
			fail_note(run, serr);
	} else if (!err) {
		changes = fq_review_changes(fps, NULL);
	}
	row = fq_review_row(e->name, e->display, head[0] ? head : NULL, err, &result, &ro, changes);
	if (o->sarif_dir)
		write_sarif(run, e, &result, &ro);

cleanup:
	if (!row)
		row = fq_review_row_failed(e->name, e->display, why);
	json_decref(fps);
	json_decref(before);
	free(why);
	free(err);
	fq_probe_report_free(&probes);
	fq_scan_result_free(&result);
	if (has_own)
		fq_config_free(&own);
	git_repository_free(repo);
	return row;
}

static void progress_line(review_run *run, const repo_entry *e, uint64_t ms)
{
	char counts[160] = "";
	size_t k;
	static const char *const sevs[5] = { "critical", "high", "medium", "low", "info" };
	const json_t *c = json_object_get(e->row, "counts");

	pthread_mutex_lock(&run->lock);
	run->done++;
	if (run->progress) {
		for (k = 0; k < 5; k++) {
			json_int_t v = json_integer_value(json_object_get(c, sevs[k]));
			size_t used = strlen(counts);

			if (v)
				snprintf(counts + used, sizeof(counts) - used, "%s%lld %s", used ? ", " : "", (long long)v,
					 sevs[k]);
		}
		fprintf(stderr, "[%zu/%zu] %s ... %s (%.1f s)\n", run->done, run->n, e->name,
			!json_is_true(json_object_get(e->row, "complete")) ? "incomplete" : counts[0] ? counts : "no findings",
			(double)ms / 1000.0);
	}
	pthread_mutex_unlock(&run->lock);
}

static void *review_worker(void *arg)
{
	review_run *run = arg;
	fq_cache *cache = NULL;
	char note[512] = "";
	size_t i;

	/* a writer connection of this thread's own: the cache's connections
	 * are used by one thread at a time */
	if (run->cache_dir)
		cache = fq_cache_open(run->cache_dir, note, sizeof(note));
	while ((i = atomic_fetch_add(&run->next, 1)) < run->n) {
		repo_entry *e = run->todo[i];
		uint64_t start = fq_now_ms();
		char *path = NULL, *why = NULL;

		if (!e->is_url) {
			path = fq_strdup(e->location);
		} else if (run->temporary) {
			path = fq_sprintf("%s/%zu.git", run->clone_root, i);
			if (fq_review_clone_mirror(e->location, path, &why) < 0) {
				free(path);
				path = NULL;
			}
		} else if (fq_review_get_clone(e->location, run->clone_root, &path, &why) < 0) {
			free(path);
			path = NULL;
		}
		e->row = path ? audit_repo(run, e, path, cache, note) : fq_review_row_failed(e->name, e->display, why);
		if (path && run->temporary && e->is_url)
			fq_review_remove_tree(path);
		free(path);
		free(why);
		progress_line(run, e, fq_now_ms() - start);
	}
	fq_cache_close(cache);
	return NULL;
}

/* ------------------------------------------------------- the command line */

static const char review_usage[] =
"usage: fourq-scan review --repos FILE [options]\n"
"       fourq-scan merge REPORT.json... [--format F] [--output FILE] [--report F=FILE] [--fail-on SEV]\n"
"\n"
"review audits every repository of FILE - one a line: a local path (working\n"
"tree or bare mirror) or a git URL (https, ssh, file...), optionally followed\n"
"by a name; '#' starts a comment - over its whole history, and writes one\n"
"organisation report.  merge combines the JSON reports of review --shard runs\n"
"into the report one machine would have written.\n"
"\n"
"  --repos FILE         the list; relative paths are read from FILE's folder\n"
"  --shard K/N          only the repositories whose name's SHA-256 is K-1 modulo N\n"
"  --cache DIR          clones in DIR/repos/, the review history (new, fixed, still\n"
"                       open) and blob results in DIR/cache.sqlite (default:\n"
"                       $XDG_CACHE_HOME/fourq-scan); --no-cache keeps neither\n"
"  --jobs N             threads in all (default 2)\n"
"  --config FILE        one configuration for every repository (default: each\n"
"                       repository's .fourq-scan.yml at HEAD)\n"
"  --format F           text, json, markdown or html (default: text)\n"
"  --output FILE        write the report to FILE instead of stdout\n"
"  --report F=FILE      also write format F to FILE (repeatable); --report\n"
"                       sarif=DIR/ writes DIR/<name>.sarif per repository\n"
"  --fail-on SEV        critical|high|medium|low|info|none (default: high)\n"
"  -q, --no-progress    no progress lines (stderr, on a terminal only)\n"
"  --tls URL, --keys, --api-base URL, --api-key-env NAME, --ca-file PEM,\n"
"  --timeout S, --expiry-warn-days N, --resolve H:P:ADDR   probes, as for audit\n"
"  --include-placeholders, --scan-generated, --max-file-size N   as for scan\n"
"\n"
"exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error,\n"
"3 a repository could not be reviewed (its row says why).\n";

static int bad_format(const char *f)
{
	if (!strcmp(f, "sarif") || !strcmp(f, "junit"))
		return fq_cli_usage_error("review", "the organisation report is text, json, markdown or html; SARIF comes per "
				   "repository with --report sarif=DIR/ (review)");
	return fq_cli_usage_error("review", "unknown format '%s' (text, json, markdown or html)", f);
}

static int probe_opt(review_opts *o, int argc, char **argv, int *i, int *err)
{
	const char *v, *a = argv[*i];
	unsigned long long n;

	if ((v = opt_value(argc, argv, i, "--tls", err))) {
		if (o->probe.ntls == MAX_PROBE_ARGS)
			return fq_cli_usage_error("review", "at most %d --tls options", MAX_PROBE_ARGS);
		o->tls_urls[o->probe.ntls++] = v;
	} else if (!strcmp(a, "--keys")) {
		o->probe.keys = 1;
	} else if ((v = opt_value(argc, argv, i, "--api-base", err))) {
		o->probe.api_base = v;
		o->api_base_from_env = 0;
	} else if ((v = opt_value(argc, argv, i, "--api-key-env", err))) {
		if (!v[0])
			return fq_cli_usage_error("review", "--api-key-env needs a variable name");
		o->probe.api_key_env = v;
	} else if ((v = opt_value(argc, argv, i, "--ca-file", err))) {
		if (access(v, R_OK) != 0)
			return fq_cli_usage_error("review", "cannot read --ca-file %s: %s", v, strerror(errno));
		o->probe.ca_file = v;
	} else if ((v = opt_value(argc, argv, i, "--timeout", err))) {
		if (parse_uint(v, &n) < 0 || n < 1 || n > 3600)
			return fq_cli_usage_error("review", "bad --timeout '%s' (1 to 3600)", v);
		o->probe.timeout_s = (long)n;
	} else if ((v = opt_value(argc, argv, i, "--expiry-warn-days", err))) {
		if (parse_uint(v, &n) < 0 || n > 3650)
			return fq_cli_usage_error("review", "bad --expiry-warn-days '%s' (0 to 3650)", v);
		o->probe.expiry_warn_days = (long)n;
		o->expiry_set = 1;
	} else if ((v = opt_value(argc, argv, i, "--resolve", err))) {
		if (o->probe.nresolve == MAX_PROBE_ARGS)
			return fq_cli_usage_error("review", "at most %d --resolve options", MAX_PROBE_ARGS);
		o->resolve[o->probe.nresolve++] = v;
	} else {
		return *err ? *err : 0;
	}
	return *err ? *err : 1;
}

/* Parses review's (merge: merge's) arguments; merge's report files go to
 * files[*nfiles].  Returns 0, an exit code, or -1 after --help. */
static int parse_args(review_opts *o, int merge, int argc, char **argv, const char **files, size_t *nfiles)
{
	int i, err = 0, r;
	const char *v;
	unsigned long long n, k;

	memset(o, 0, sizeof(*o));
	o->probe.tls_urls = o->tls_urls;
	o->probe.resolve = o->resolve;
	o->probe.timeout_s = 10;
	o->probe.expiry_warn_days = 30;
	o->probe.api_base = getenv("FOURQ_API_BASE");
	o->api_base_from_env = o->probe.api_base != NULL;
	o->jobs = 2;
	o->max_file_size = FQ_DEFAULT_MAX_FILE_SIZE;
	o->fail_on = FQ_SEV_HIGH;
	o->format = "text";
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(review_usage, stdout);
			return -1;
		}
		if (!strcmp(a, "--api-key") || !strncmp(a, "--api-key=", 10))
			return fq_cli_usage_error("review", "--api-key is refused: a key on the command line ends up in shell history and "
					   "process lists; put it in the environment (FOURQ_API_KEY)");
		if (!merge && (r = probe_opt(o, argc, argv, &i, &err)) != 0) {
			if (r > 1)
				return r;
			continue;
		}
		if ((v = opt_value(argc, argv, &i, "--format", &err))) {
			if (!fq_review_reporter_find(v))
				return bad_format(v);
			o->format = v;
		} else if ((v = opt_value(argc, argv, &i, "--output", &err))) {
			o->output = v;
		} else if ((v = opt_value(argc, argv, &i, "--report", &err))) {
			const char *eq = strchr(v, '=');
			size_t flen = eq ? (size_t)(eq - v) : 0;
			struct stat st;

			if (!eq || !flen || !eq[1])
				return fq_cli_usage_error("review", "--report wants FORMAT=FILE, not '%s'", v);
			if (flen == 5 && !strncmp(v, "sarif", 5) && !merge) {
				if (eq[strlen(eq) - 1] != '/' && !(stat(eq + 1, &st) == 0 && S_ISDIR(st.st_mode)))
					return fq_cli_usage_error("review", "review writes one SARIF file per repository: --report sarif=DIR/");
				o->sarif_dir = eq + 1;
				continue;
			}
			if (o->nreports == MAX_REPORTS)
				return fq_cli_usage_error("review", "at most %d --report options", MAX_REPORTS);
			for (k = 0; k < fq_review_reporters_count; k++) {
				if (strlen(fq_review_reporters[k].name) == flen && !strncmp(v, fq_review_reporters[k].name, flen))
					o->reports[o->nreports].format = fq_review_reporters[k].name;
			}
			if (!o->reports[o->nreports].format)
				return fq_cli_usage_error("review", "unknown format in --report '%s' (text, json, markdown, html%s)", v,
						   merge ? "" : "; sarif=DIR/");
			o->reports[o->nreports++].file = eq + 1;
		} else if ((v = opt_value(argc, argv, &i, "--fail-on", &err))) {
			if (fq_severity_parse(v, &o->fail_on) < 0)
				return fq_cli_usage_error("review", "bad --fail-on '%s' (critical, high, medium, low, info or none)", v);
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--no-progress")) {
			o->no_progress = 1;
		} else if (!strcmp(a, "--no-color") || !strcmp(a, "--no-colour")) {
			/* accepted as everywhere: these reports have no colours */
		} else if (merge) {
			if (err)
				return err;
			if (a[0] == '-' && a[1])
				return fq_cli_usage_error("review", "unknown option '%s' for merge", a);
			files[(*nfiles)++] = a;
		} else if ((v = opt_value(argc, argv, &i, "--repos", &err))) {
			o->repos_file = v;
		} else if ((v = opt_value(argc, argv, &i, "--shard", &err))) {
			char buf[64], *slash;

			snprintf(buf, sizeof(buf), "%s", v);
			slash = strchr(buf, '/');
			if (slash)
				*slash = '\0';
			if (!slash || parse_uint(buf, &k) < 0 || parse_uint(slash + 1, &n) < 0 || k < 1 || n < 1 || k > n ||
			    n > MAX_SHARDS)
				return fq_cli_usage_error("review", "bad --shard '%s': K/N with 1 <= K <= N <= %d", v, MAX_SHARDS);
			o->shard_k = (unsigned long)k;
			o->shard_n = (unsigned long)n;
		} else if ((v = opt_value(argc, argv, &i, "--cache", &err))) {
			if (!v[0])
				return fq_cli_usage_error("review", "--cache needs a folder");
			o->cache_dir = v;
		} else if (!strcmp(a, "--no-cache")) {
			o->no_cache = 1;
		} else if ((v = opt_value(argc, argv, &i, "--jobs", &err))) {
			if (parse_uint(v, &n) < 0 || n < 1 || n > 256)
				return fq_cli_usage_error("review", "bad --jobs '%s' (1 to 256)", v);
			o->jobs = (int)n;
		} else if ((v = opt_value(argc, argv, &i, "--config", &err))) {
			o->config_path = v;
		} else if ((v = opt_value(argc, argv, &i, "--max-file-size", &err))) {
			if (parse_uint(v, &n) < 0 || n < 1)
				return fq_cli_usage_error("review", "bad --max-file-size '%s' (bytes, at least 1)", v);
			o->max_file_size = n;
			o->max_file_size_set = 1;
		} else if (!strcmp(a, "--include-placeholders")) {
			o->include_placeholders = 1;
		} else if (!strcmp(a, "--scan-generated")) {
			o->scan_generated = 1;
		} else if (err) {
			return err;
		} else if (a[0] == '-' && a[1]) {
			return fq_cli_usage_error("review", "unknown option '%s' for review", a);
		} else {
			return fq_cli_usage_error("review", "unexpected argument '%s' (review reads its repositories from --repos FILE)", a);
		}
		if (err)
			return err;
	}
	if (!merge && o->cache_dir && o->no_cache)
		return fq_cli_usage_error("review", "--cache and --no-cache cannot be combined");
	return err;
}

/* Writes the main report and every --report; -1 when one failed. */
static int write_reports(const review_opts *o, const json_t *report)
{
	int rc = 0, i;

	for (i = -1; i < o->nreports; i++) {
		const char *file = i < 0 ? o->output : o->reports[i].file;
		const fq_review_reporter *rep = fq_review_reporter_find(i < 0 ? o->format : o->reports[i].format);
		FILE *out = stdout;
		int error;

		if (i < 0 && !file && o->quiet)
			continue;
		if (file && !(out = fopen(file, "w"))) {
			char *m = fq_sprintf("cannot write %s: %s", file, strerror(errno));

			print_error(m);
			free(m);
			rc = -1;
			continue;
		}
		error = rep->write(out, report);
		if (file ? fclose(out) != 0 : fflush(out) != 0)
			error = error ? error : fq_error_set(FQ_EIO, "cannot write %s: %s", file ? file : "the report",
							   strerror(errno));
		if (error < 0) {
			print_error(fq_error_last());
			rc = -1;
		}
	}
	return rc;
}

static int outcome_code(const review_opts *o, const json_t *report, int failed)
{
	int incomplete, failing;
	const json_t *tot = json_object_get(report, "totals");

	fq_review_outcome(report, o->fail_on, &incomplete, &failing);
	if (incomplete)
		fprintf(stderr, "fourq-scan: %lld of %lld repositories could not be reviewed: see their rows in the "
			"report\n", (long long)(json_integer_value(json_object_get(tot, "repositories")) -
						 json_integer_value(json_object_get(tot, "complete"))),
			(long long)json_integer_value(json_object_get(tot, "repositories")));
	if (incomplete || failed)
		return EXIT_INCOMPLETE;
	return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* The SHA-256 of a file's bytes, hex; "" when it cannot be read. */
static void file_sha256(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long len = -1;

	out[0] = '\0';
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len <= MAX_CONFIG && fseek(f, 0, SEEK_SET) == 0) {
		data = fq_malloc((size_t)len + 1);
		if (fread(data, 1, (size_t)len, f) == (size_t)len)
			fq_sha256_hex(data, (size_t)len, out);
	}
	free(data);
	if (f)
		fclose(f);
}

/* Where clones go: DIR/repos of the cache (with the history in its
 * database), or a temporary folder.  0, or an exit code. */
static int setup_storage(review_run *run, const review_opts *o)
{
	char why[512] = "";
	char *dir = NULL;

	if (!o->no_cache)
		dir = o->cache_dir ? fq_strdup(o->cache_dir) : fq_cache_default_dir();
	if (dir && fq_review_store_open(&run->store, dir, why, sizeof(why)) == 0) {
		run->clone_root = fq_sprintf("%s/repos", dir);
		if (mkdir(run->clone_root, 0700) == 0 || errno == EEXIST) {
			run->cache_dir = dir;
			return 0;
		}
		snprintf(why, sizeof(why), "cannot create %s: %s", run->clone_root, strerror(errno));
		free(run->clone_root);
		run->clone_root = NULL;
		fq_cache_close(run->store.cache);
		memset(&run->store, 0, sizeof(run->store));
	}
	if (dir && o->cache_dir) {
		free(dir);
		return fq_cli_usage_error("review", "cannot use --cache %s: %s", o->cache_dir, why);
	}
	if (dir) {
		char *m = fq_sprintf("the default cache cannot be used (%s): clones are temporary and this review is "
				     "not recorded", why);

		print_error(m);
		free(m);
	}
	free(dir);
	{
		const char *tmp = getenv("TMPDIR");
		char *tpl = fq_sprintf("%s/fourq-review.XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");

		if (!mkdtemp(tpl)) {
			char *m = fq_sprintf("cannot create a temporary folder for the clones: %s", strerror(errno));

			print_error(m);
			free(m);
			free(tpl);
			return EXIT_INCOMPLETE;
		}
		run->clone_root = tpl;
		run->temporary = 1;
	}
	return 0;
}

int fq_review_main(int argc, char **argv)
{
	review_opts o;
	review_run run;
	repo_entry *all = NULL;
	size_t nall = 0, i;
	pthread_t *threads = NULL;
	int code, nworkers = 0, started = 0;
	uint64_t start = fq_now_ms();
	json_t *rows, *report;
	char when[32] = "";
	time_t t;
	struct tm tm;

	memset(&run, 0, sizeof(run));
	if ((code = parse_args(&o, 0, argc, argv, NULL, NULL)) != 0)
		return code < 0 ? EXIT_CLEAN : code;
	if (!o.repos_file)
		return fq_cli_usage_error("review", "review needs --repos FILE");
	if (o.config_path) {
		if (fq_config_load(&o.config, o.config_path) < 0) {
			print_error(fq_error_last());
			fq_config_free(&o.config);
			return EXIT_USAGE;
		}
		file_sha256(o.config_path, o.config_hash);
	}
	if ((code = fq_review_read_repos(o.repos_file, &all, &nall)) != 0)
		goto cleanup;
	run.o = &o;
	run.todo = fq_calloc(nall + 1, sizeof(*run.todo));
	for (i = 0; i < nall; i++) {
		if (!o.shard_n || fq_review_shard_of(all[i].name, o.shard_n) == o.shard_k - 1)
			run.todo[run.n++] = &all[i];
	}
	pthread_mutex_init(&run.lock, NULL);
	if ((code = setup_storage(&run, &o)) != 0)
		goto cleanup;
	run.now = report_now();
	t = (time_t)run.now;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(run.run_id, sizeof(run.run_id), "%s-%ld", when, (long)getpid());
	run.progress = !o.quiet && !o.no_progress && isatty(STDERR_FILENO);
	if (o.sarif_dir && mkdir(o.sarif_dir, 0777) < 0 && errno != EEXIST) {
		char *m = fq_sprintf("cannot create %s: %s", o.sarif_dir, strerror(errno));

		print_error(m);
		free(m);
		run.failed = 1;
		o.sarif_dir = NULL;
	}
	nworkers = run.n < (size_t)o.jobs ? (int)run.n : o.jobs;
	run.threads = nworkers ? o.jobs / nworkers : 1;
	threads = fq_calloc((size_t)nworkers + 1, sizeof(*threads));
	for (started = 0; started < nworkers; started++) {
		if (pthread_create(&threads[started], NULL, review_worker, &run) != 0)
			break;
	}
	if (started == 0 && run.n)
		review_worker(&run); /* no thread could start: review here */
	for (i = 0; i < (size_t)started; i++)
		pthread_join(threads[i], NULL);

	rows = json_array();
	for (i = 0; i < run.n; i++) {
		json_array_append_new(rows, run.todo[i]->row);
		run.todo[i]->row = NULL;
	}
	report = fq_review_report(rows, (int)o.shard_k, (int)o.shard_n, when, fq_now_ms() - start, FQ_VERSION);
	if (write_reports(&o, report) < 0)
		run.failed = 1;
	code = outcome_code(&o, report, run.failed);
	json_decref(report);

cleanup:
	free(threads);
	fq_cache_close(run.store.cache);
	if (run.temporary && run.clone_root)
		fq_review_remove_tree(run.clone_root);
	free(run.clone_root);
	free((char *)run.cache_dir);
	free(run.todo);
	if (run.o)
		pthread_mutex_destroy(&run.lock);
	fq_review_entries_free(all, nall);
	fq_config_free(&o.config);
	return code;
}

typedef struct merged_name {
	const char *name;
	size_t file;
} merged_name;

static int cmp_merged(const void *a, const void *b)
{
	const merged_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* The shard objects of the inputs: when every input is a shard of the same
 * N, all N must be there.  0, or an exit code. */
static int check_shards(json_t **in, const char **files, size_t n)
{
	json_int_t count = 0;
	unsigned char *seen;
	size_t i, missing = 0;
	int code = 0;

	for (i = 0; i < n; i++) {
		const json_t *sh = json_object_get(in[i], "shard");
		json_int_t c = json_integer_value(json_object_get(sh, "count"));

		if (!json_is_object(sh))
			return 0; /* a whole review among the inputs: nothing to count */
		if (count && c != count)
			return fq_cli_usage_error("review", "%s is shard of %lld, %s of %lld: merge the shards of one review",
					   files[i], (long long)c, files[0], (long long)count);
		count = c;
	}
	if (count < 1 || count > MAX_SHARDS)
		return 0;
	seen = fq_calloc((size_t)count, 1);
	for (i = 0; i < n && !code; i++) {
		json_int_t k = json_integer_value(json_object_get(json_object_get(in[i], "shard"), "index"));

		if (k < 1 || k > count)
			code = fq_cli_usage_error("review", "%s: shard index %lld is not within 1 to %lld", files[i], (long long)k,
					   (long long)count);
		else if (seen[k - 1]++)
			code = fq_cli_usage_error("review", "%s: shard %lld of %lld is given twice", files[i], (long long)k, (long long)count);
	}
	for (i = 0; !code && i < (size_t)count; i++)
		missing += !seen[i];
	if (!code && missing) {
		fputs("fourq-scan: shard reports missing:", stderr);
		for (i = 0; i < (size_t)count; i++) {
			if (!seen[i])
				fprintf(stderr, " %zu/%lld", i + 1, (long long)count);
		}
		fputs(" - the organisation report is incomplete\n", stderr);
		code = -1;
	}
	free(seen);
	return code;
}

int fq_merge_main(int argc, char **argv)
{
	review_opts o;
	const char **files = fq_calloc((size_t)argc + 1, sizeof(*files));
	json_t **in = NULL, *rows = json_array(), *report = NULL;
	merged_name *names = NULL;
	size_t nfiles = 0, nnames = 0, i, k;
	const char *when = NULL;
	json_int_t elapsed = 0;
	int code, shards_missing = 0;

	if ((code = parse_args(&o, 1, argc, argv, files, &nfiles)) != 0) {
		code = code < 0 ? EXIT_CLEAN : code;
		goto cleanup;
	}
	if (!nfiles) {
		code = fq_cli_usage_error("review", "merge needs the JSON reports of review (REPORT.json...)");
		goto cleanup;
	}
	in = fq_calloc(nfiles, sizeof(*in));
	for (i = 0; i < nfiles; i++) {
		json_error_t jerr;
		char why[256];
		const json_t *st;

		if (!(in[i] = json_load_file(files[i], JSON_REJECT_DUPLICATES, &jerr))) {
			code = fq_cli_usage_error("review", "cannot read %s: %s (line %d)", files[i], jerr.text, jerr.line);
			goto cleanup;
		}
		if (fq_review_report_check(in[i], why, sizeof(why)) < 0) {
			code = fq_cli_usage_error("review", "%s is not a report of fourq-scan review: %s", files[i], why);
			goto cleanup;
		}
		st = json_object_get(in[i], "stats");
		if (json_is_string(json_object_get(st, "time")) &&
		    (!when || strcmp(json_string_value(json_object_get(st, "time")), when) < 0))
			when = json_string_value(json_object_get(st, "time"));
		if (json_integer_value(json_object_get(st, "elapsed_ms")) > elapsed)
			elapsed = json_integer_value(json_object_get(st, "elapsed_ms"));
		nnames += json_array_size(json_object_get(in[i], "repositories"));
	}
	names = fq_calloc(nnames + 1, sizeof(*names));
	for (i = 0, nnames = 0; i < nfiles; i++) {
		const json_t *r = json_object_get(in[i], "repositories");

		for (k = 0; k < json_array_size(r); k++) {
			names[nnames].name = json_string_value(json_object_get(json_array_get(r, k), "name"));
			names[nnames++].file = i;
			json_array_append_new(rows, json_deep_copy(json_array_get(r, k)));
		}
	}
	qsort(names, nnames, sizeof(*names), cmp_merged);
	for (i = 1; i < nnames; i++) {
		if (!strcmp(names[i].name, names[i - 1].name)) {
			code = fq_cli_usage_error("review", "repository '%s' is in %s and in %s: each repository must be in one report only",
					   names[i].name, files[names[i - 1].file], files[names[i].file]);
			goto cleanup;
		}
	}
	if ((code = check_shards(in, files, nfiles)) > 0)
		goto cleanup;
	shards_missing = code < 0;
	/* a report is a file anybody could have written: made safe again */
	fq_review_sanitize(rows);
	report = fq_review_report(rows, 0, 0, when, (uint64_t)elapsed, FQ_VERSION);
	rows = NULL;
	code = outcome_code(&o, report, write_reports(&o, report) < 0 || shards_missing);

cleanup:
	for (i = 0; in && i < nfiles; i++)
		json_decref(in[i]);
	free(in);
	free(names);
	free(files);
	json_decref(rows);
	json_decref(report);
	return code;
}
