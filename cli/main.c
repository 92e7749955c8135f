/*
 * The command line (SPEC §1): parses arguments, runs a command and maps the
 * outcome to the documented exit codes in one place (exit_code_of).
 */
#define _GNU_SOURCE
#include "../checks/probe.h"
#include "../checks/verify.h"
#include "../scanner/cache.h"
#include "../reports/report.h"
#include "../rules/rule.h"
#include "../scanner/baseline.h"
#include "../scanner/config.h"
#include "../scanner/engine.h"
#include "../util/common.h"
#include "../util/text.h"
#include "common.h"
#include "review.h"

#include <errno.h>
#include <stdarg.h>
#include <git2.h>
#include <openssl/evp.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifndef FQ_VERSION
#define FQ_VERSION "0.0.0"
#endif


#define MAX_REPORTS 16

enum { CMD_SCAN = 1, CMD_PROBE = 2, CMD_AUDIT = 4, CMD_BASELINE = 8 };

#define MAX_PROBE_ARGS 32

typedef struct cli {
	int cmd;
	fq_scan_options scan;
	fq_probe_options probe;
	const char *tls_urls[MAX_PROBE_ARGS];
	const char *resolve[MAX_PROBE_ARGS];
	const char *format;
	const char *output;
	struct { const char *format, *file; } reports[MAX_REPORTS];
	int nreports;
	fq_severity fail_on;
	int no_color;
	int quiet;
	int no_progress;
	const char *config_path;
	const char *baseline_path;
	int report_unused_baseline;
	int max_file_size_set;
	int probe_api_base_from_env;
	int expiry_set;
	int verify;
	const char *cache_dir;      /* --cache DIR, or NULL: the default folder */
	int no_cache;
	char cache_salt[256];
	char cache_note[512];       /* why the cache could not be used, or "" */
	fq_config config;
} cli;

static int exit_code_of(int error)
{
	switch (error) {
	case 0: return EXIT_CLEAN;
	case FQ_EUSAGE:
	case FQ_ECONFIG:
	case FQ_ENOTFOUND: return EXIT_USAGE;
	default: return EXIT_INCOMPLETE;
	}
}

static void usage(FILE *out)
{
	fputs(
"usage: fourq-scan <command> [options]\n"
"\n"
"Checks an integration of the 4Quays protection API against the 4Quays\n"
"security best-practices guide.\n"
"\n"
"commands:\n"
"  scan [PATH] [MODE] [OUTPUT]      find problems in a repository (default: .)\n"
"  audit [PATH] [PROBES] [OUTPUT]   scan + repository checks + probes -> checklist\n"
"  probe [PROBES] [OUTPUT]          live TLS and 4Quays key checks\n"
"  baseline [PATH] [MODE] --output FILE   record today's findings as accepted\n"
"  rules [--format text|json]       list the rule catalogue\n"
"  explain RULE_ID                  what a rule checks, why, and how to fix it\n"
"  review --repos FILE [--shard K/N] [OUTPUT]   audit many repositories -> one report\n"
"  merge REPORT.json... [OUTPUT]    combine review shard reports (review --help)\n"
"  --version, --help\n"
"\n"
"MODE (default: the working tree, honouring .gitignore):\n"
"  --staged             the index: what the next commit will hold\n"
"  --rev REV            the tree of one revision (e.g. a release tag)\n"
"  --since REV          blobs added or changed by the commits in REV..HEAD\n"
"  --history            every blob reachable from any ref, each read once\n"
"\n"
"OUTPUT:\n"
"  --format F           text, json, sarif, junit, markdown or html (default: text)\n"
"  --output FILE        write the report to FILE instead of stdout\n"
"  --report F=FILE      also write format F to FILE (repeatable)\n"
"  --fail-on SEV        critical|high|medium|low|info|none (default: high)\n"
"  --no-color, -q       no colours; print nothing but errors\n"
"\n"
"scan options:\n"
"  --config FILE        configuration (default: PATH/.fourq-scan.yml if present)\n"
"  --baseline FILE      hide the findings recorded in FILE\n"
"  --report-unused-baseline  note baseline entries that match nothing\n"
"  --jobs N             worker threads (default: online CPUs)\n"
"  --max-file-size N    skip files over N bytes (default: 10485760)\n"
"  --include-placeholders  report placeholder keys as info\n"
"  --scan-generated     read minified, generated and vendored files whole\n"
"                       (by default the key rules alone read them)\n"
"  --cache DIR          keep each blob's results in DIR/cache.sqlite (default:\n"
"                       $XDG_CACHE_HOME/fourq-scan); a repeated scan reads\n"
"                       only what changed; --no-cache turns it off\n"
"  --verify             ask the 4Quays API whether each key found is live\n"
"                       (scan, audit; --api-base, --ca-file, --timeout and\n"
"                       --resolve as for PROBES); the key is never printed\n"
"  --no-suppress        show suppressed findings, with the reason\n"
"  --no-progress        no progress line on stderr\n"
"\n"
"PROBES (probe, audit):\n"
"  --tls URL            probe an https endpoint (repeatable)\n"
"  --keys               check key expiry and age through the 4Quays API\n"
"  --api-base URL       the API base (or probes.api_base, or FOURQ_API_BASE)\n"
"  --api-key-env NAME   the variable holding the key (default FOURQ_API_KEY);\n"
"                       a key on the command line is refused\n"
"  --ca-file PEM        add a trusted CA bundle\n"
"  --timeout SECONDS    per request (default 10)\n"
"  --expiry-warn-days N warning window for certificates and keys (default 30)\n"
"  --resolve H:P:ADDR   connect to ADDR for H:P (like curl --resolve)\n"
"\n"
"exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or\n"
"configuration error, 3 the scan or a probe could not be completed.\n", out);
}

static void print_error(const char *msg)
{
	fq_cli_print_error(msg);
}

static const char *opt_value(int argc, char **argv, int *i, const char *name, int *err)
{
	return fq_cli_opt_value(NULL, argc, argv, i, name, err);
}

#define parse_uint fq_cli_parse_uint
#define report_now fq_cli_now

static int set_mode(cli *c, fq_mode mode, const char *rev, const char *flag)
{
	if (c->scan.mode != FQ_MODE_WORKTREE)
		return fq_cli_usage_error(NULL, "%s cannot be combined with another mode", flag);
	c->scan.mode = mode;
	c->scan.rev = rev;
	return 0;
}

static int parse_long(const char *flag, const char *v, long min, long max, long *out)
{
	unsigned long long n;

	if (parse_uint(v, &n) < 0 || n < (unsigned long long)min || n > (unsigned long long)max)
		return fq_cli_usage_error(NULL, "bad %s '%s' (%ld to %ld)", flag, v, min, max);
	*out = (long)n;
	return 0;
}

/* Probe options: returns 1 when argv[*i] was one, 0 when not, or an exit
 * code (> 1) on error. */
static int parse_probe_opt(cli *c, int argc, char **argv, int *i, int *err)
{
	const char *v, *a = argv[*i];

	/* scan takes only what --verify needs */
	if (c->cmd == CMD_SCAN && (!strcmp(a, "--tls") || !strcmp(a, "--keys") || !strncmp(a, "--tls=", 6) ||
				   !strncmp(a, "--expiry-warn-days", 18) || !strncmp(a, "--api-key-env", 13)))
		return fq_cli_usage_error(NULL, "%s is a probe option (probe, audit), not a scan option", a);
	if ((v = opt_value(argc, argv, i, "--tls", err))) {
		if (c->probe.ntls == MAX_PROBE_ARGS)
			return fq_cli_usage_error(NULL, "at most %d --tls options", MAX_PROBE_ARGS);
		c->tls_urls[c->probe.ntls++] = v;
	} else if (strcmp(a, "--keys") == 0) {
		c->probe.keys = 1;
	} else if ((v = opt_value(argc, argv, i, "--api-base", err))) {
		c->probe.api_base = v;
		c->probe_api_base_from_env = 0;
	} else if ((v = opt_value(argc, argv, i, "--api-key-env", err))) {
		if (!v[0])
			return fq_cli_usage_error(NULL, "--api-key-env needs a variable name");
		c->probe.api_key_env = v;
	} else if ((v = opt_value(argc, argv, i, "--ca-file", err))) {
		if (access(v, R_OK) != 0)
			return fq_cli_usage_error(NULL, "cannot read --ca-file %s: %s", v, strerror(errno));
		c->probe.ca_file = v;
	} else if ((v = opt_value(argc, argv, i, "--timeout", err))) {
		return parse_long("--timeout", v, 1, 3600, &c->probe.timeout_s) ? EXIT_USAGE : 1;
	} else if ((v = opt_value(argc, argv, i, "--expiry-warn-days", err))) {
		c->expiry_set = 1;
		return parse_long("--expiry-warn-days", v, 0, 3650, &c->probe.expiry_warn_days) ? EXIT_USAGE : 1;
	} else if ((v = opt_value(argc, argv, i, "--resolve", err))) {
		if (c->probe.nresolve == MAX_PROBE_ARGS)
			return fq_cli_usage_error(NULL, "at most %d --resolve options", MAX_PROBE_ARGS);
		c->resolve[c->probe.nresolve++] = v;
	} else {
		return *err ? *err : 0;
	}
	return *err ? *err : 1;
}

static int parse_args(cli *c, int cmd, int argc, char **argv)
{
	int i, err = 0, r;
	const char *v;
	unsigned long long n;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->probe.tls_urls = c->tls_urls;
	c->probe.resolve = c->resolve;
	c->probe.timeout_s = 10;
	c->probe.expiry_warn_days = 30;
	c->probe.api_base = getenv("FOURQ_API_BASE");
	c->probe_api_base_from_env = c->probe.api_base != NULL;
	c->scan.path = ".";
	c->scan.jobs = cpus > 0 ? (int)cpus : 1;
	c->scan.max_file_size = FQ_DEFAULT_MAX_FILE_SIZE;
	c->fail_on = FQ_SEV_HIGH;
	c->format = "text";

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--api-key") == 0 || strncmp(a, "--api-key=", 10) == 0)
			return fq_cli_usage_error(NULL, "%s is refused: a key on the command line ends up in shell history and "
					   "process lists; put it in the environment (FOURQ_API_KEY)", "--api-key");
		if ((cmd & (CMD_PROBE | CMD_AUDIT | CMD_SCAN)) && (r = parse_probe_opt(c, argc, argv, &i, &err)) != 0) {
			if (r > 1)
				return r;
			continue;
		}
		if (cmd == CMD_PROBE && (!strcmp(a, "--staged") || !strcmp(a, "--history") ||
					 !strncmp(a, "--rev", 5) || !strncmp(a, "--since", 7)))
			return fq_cli_usage_error(NULL, "%s is a scan option, not a probe option", a);
		if (cmd == CMD_AUDIT && (!strcmp(a, "--staged") || !strcmp(a, "--history") ||
					 !strncmp(a, "--since", 7)))
			return fq_cli_usage_error(NULL, "audit reads the working tree or --rev REV, not %s", a);
		if (strcmp(a, "--staged") == 0) {
			if ((err = set_mode(c, FQ_MODE_STAGED, NULL, a)))
				return err;
		} else if (strcmp(a, "--history") == 0) {
			if ((err = set_mode(c, FQ_MODE_HISTORY, NULL, a)))
				return err;
		} else if ((v = opt_value(argc, argv, &i, "--rev", &err))) {
			if ((err = set_mode(c, FQ_MODE_REV, v, "--rev")))
				return err;
		} else if ((v = opt_value(argc, argv, &i, "--since", &err))) {
			if ((err = set_mode(c, FQ_MODE_SINCE, v, "--since")))
				return err;
		} else if ((v = opt_value(argc, argv, &i, "--format", &err))) {
			if (!fq_reporter_find(v))
				return fq_cli_usage_error(NULL, "unknown format '%s' (text, json, sarif, junit, markdown, html)", v);
			c->format = v;
		} else if ((v = opt_value(argc, argv, &i, "--output", &err))) {
			c->output = v;
		} else if ((v = opt_value(argc, argv, &i, "--report", &err))) {
			const char *eq = strchr(v, '=');
			static char fmt[MAX_REPORTS][16];

			if (!eq || eq == v || !eq[1] || (size_t)(eq - v) >= sizeof(fmt[0]))
				return fq_cli_usage_error(NULL, "--report wants FORMAT=FILE, not '%s'", v);
			if (c->nreports == MAX_REPORTS)
				return fq_cli_usage_error(NULL, "at most 16 --report options");
			memcpy(fmt[c->nreports], v, (size_t)(eq - v));
			fmt[c->nreports][eq - v] = '\0';
			if (!fq_reporter_find(fmt[c->nreports]))
				return fq_cli_usage_error(NULL, "unknown format in --report '%s' (text, json, sarif, junit, markdown, html)", v);
			c->reports[c->nreports].format = fmt[c->nreports];
			c->reports[c->nreports].file = eq + 1;
			c->nreports++;
		} else if ((v = opt_value(argc, argv, &i, "--fail-on", &err))) {
			if (fq_severity_parse(v, &c->fail_on) < 0)
				return fq_cli_usage_error(NULL, "bad --fail-on '%s' (critical, high, medium, low, info or none)", v);
		} else if ((v = opt_value(argc, argv, &i, "--jobs", &err))) {
			if (parse_uint(v, &n) < 0 || n < 1 || n > 256)
				return fq_cli_usage_error(NULL, "bad --jobs '%s' (1 to 256)", v);
			c->scan.jobs = (int)n;
		} else if ((v = opt_value(argc, argv, &i, "--max-file-size", &err))) {
			if (parse_uint(v, &n) < 0 || n < 1)
				return fq_cli_usage_error(NULL, "bad --max-file-size '%s' (bytes, at least 1)", v);
			c->scan.max_file_size = n;
			c->max_file_size_set = 1;
		} else if ((v = opt_value(argc, argv, &i, "--config", &err))) {
			c->config_path = v;
		} else if (cmd != CMD_PROBE && (v = opt_value(argc, argv, &i, "--baseline", &err))) {
			if (cmd == CMD_BASELINE)
				return fq_cli_usage_error(NULL, "baseline writes a baseline; it does not read one (--baseline)");
			c->baseline_path = v;
		} else if (strcmp(a, "--report-unused-baseline") == 0) {
			c->report_unused_baseline = 1;
		} else if (cmd != CMD_PROBE && (v = opt_value(argc, argv, &i, "--cache", &err))) {
			if (!v[0])
				return fq_cli_usage_error(NULL, "--cache needs a folder");
			c->cache_dir = v;
		} else if (cmd != CMD_PROBE && strcmp(a, "--no-cache") == 0) {
			c->no_cache = 1;
		} else if (strcmp(a, "--scan-generated") == 0 && cmd != CMD_PROBE) {
			c->scan.scan_generated = 1;
		} else if ((cmd & (CMD_SCAN | CMD_AUDIT)) && strcmp(a, "--verify") == 0) {
			c->verify = 1;
		} else if (strcmp(a, "--include-placeholders") == 0) {
			c->scan.include_placeholders = 1;
		} else if (strcmp(a, "--no-suppress") == 0) {
			c->scan.no_suppress = 1;
		} else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
			c->no_color = 1;
		} else if (strcmp(a, "--no-progress") == 0) {
			c->no_progress = 1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			c->quiet = 1;
		} else if (err) {
			return err;
		} else if (a[0] == '-' && a[1] != '\0') {
			return fq_cli_usage_error(NULL, "unknown option '%s'", a);
		} else if (cmd == CMD_PROBE) {
			return fq_cli_usage_error(NULL, "probe takes no PATH ('%s'); use --tls URL or --keys", a);
		} else if (strcmp(c->scan.path, ".") == 0 && i < argc) {
			c->scan.path = a;
		} else {
			return fq_cli_usage_error(NULL, "unexpected argument '%s'", a);
		}
		if (err)
			return err;
	}
	return err;
}

static int write_report(const char *format, const char *file, const fq_scan_result *r,
			fq_report_options *ro)
{
	const fq_reporter *rep = fq_reporter_find(format);
	FILE *out = stdout;
	int error;

	if (file) {
		out = fopen(file, "w");
		if (!out) {
			char *m = fq_sprintf("cannot write %s: %s", file, strerror(errno));

			print_error(m);
			free(m);
			return FQ_EIO;
		}
	}
	error = rep->write(out, r, ro);
	if (file) {
		if (fclose(out) != 0 && !error)
			error = fq_error_set(FQ_EIO, "cannot write %s: %s", file, strerror(errno));
	} else {
		fflush(out);
	}
	if (error < 0)
		print_error(fq_error_last());
	return error;
}

/* "Today" for attestations: SOURCE_DATE_EPOCH makes reports reproducible. */
/* Loads --config FILE, or PATH/.fourq-scan.yml when there is one, and
 * applies what the command line did not set.  Returns 0 or an exit code. */
static int load_config(cli *c)
{
	char *def = NULL;
	int error = 0;

	if (c->config_path) {
		error = fq_config_load(&c->config, c->config_path);
	} else {
		def = fq_sprintf("%s/.fourq-scan.yml", c->scan.path ? c->scan.path : ".");
		if (access(def, F_OK) == 0)
			error = fq_config_load(&c->config, def);
		else
			fq_config_defaults(&c->config);
		free(def);
	}
	if (error < 0) {
		print_error(fq_error_last());
		return EXIT_USAGE;
	}
	c->scan.config = &c->config;
	if (c->config.max_file_size && !c->max_file_size_set)
		c->scan.max_file_size = c->config.max_file_size;
	if (!c->probe.api_base || c->probe_api_base_from_env)
		c->probe.api_base = c->config.probe_api_base ? c->config.probe_api_base : c->probe.api_base;
	if (c->config.probe_expiry_warn_days >= 0 && !c->expiry_set)
		c->probe.expiry_warn_days = c->config.probe_expiry_warn_days;
	return 0;
}

/* Writes every requested report and maps the result to an exit code. */
static int finish_run(const cli *c, fq_scan_result *result)
{
	fq_report_options ro;
	int code = EXIT_CLEAN, i;
	size_t k;

	memset(&ro, 0, sizeof(ro));
	ro.show_suppressed = c->scan.no_suppress;
	ro.fail_on = c->fail_on;
	ro.version = FQ_VERSION;
	ro.now = report_now();
	ro.color = !c->no_color && !c->output && !getenv("NO_COLOR") && isatty(STDOUT_FILENO) &&
		   strcmp(c->format, "text") == 0;
	if (c->output || !c->quiet) {
		if (write_report(c->format, c->output, result, &ro) < 0)
			code = EXIT_INCOMPLETE;
	}
	ro.color = 0;
	for (i = 0; i < c->nreports; i++) {
		if (write_report(c->reports[i].format, c->reports[i].file, result, &ro) < 0)
			code = EXIT_INCOMPLETE;
	}
	if (code == EXIT_CLEAN && c->fail_on != FQ_SEV_NONE) {
		for (k = 0; k < result->findings.count; k++) {
			const fq_finding *f = &result->findings.items[k];

			if (!f->suppressed && f->severity >= c->fail_on) {
				code = EXIT_FINDINGS;
				break;
			}
		}
	}
	if (result->incomplete) {
		fprintf(stderr, "fourq-scan: the %s could not be completed: see %s in the report\n",
			c->cmd == CMD_PROBE ? "probe" : "scan",
			c->cmd == CMD_PROBE ? "the FQ078 findings" : "the notes");
		code = EXIT_INCOMPLETE;
	}
	return code;
}

/* Opens the result cache unless --no-cache; a cache that cannot be used
 * is a note and a cold run.  The salt holds what besides a blob decides
 * its result: the configuration file's bytes and the options that change
 * findings. */
static void open_cache(cli *c)
{
	char *dir, cfg[65];
	const char *cfg_path = c->config_path;
	char *def = NULL;

	c->scan.cache = NULL;
	c->cache_note[0] = '\0';
	/* --verify needs the keys themselves, which the cache never keeps:
	 * such a scan reads everything again */
	if (c->no_cache || c->verify)
		return;
	if (!cfg_path) {
		def = fq_sprintf("%s/.fourq-scan.yml", c->scan.path ? c->scan.path : ".");
		cfg_path = def;
	}
	fq_cli_file_sha256(access(cfg_path, F_OK) == 0 ? cfg_path : NULL, cfg);
	free(def);
	snprintf(c->cache_salt, sizeof(c->cache_salt), "config=%s;placeholders=%d;max=%llu;generated=%d;repo=%d",
		 cfg, c->scan.include_placeholders, (unsigned long long)c->scan.max_file_size, c->scan.scan_generated,
		 c->scan.repo_checks);
	c->scan.cache_salt = c->cache_salt;
	dir = c->cache_dir ? fq_strdup(c->cache_dir) : fq_cache_default_dir();
	c->scan.cache = fq_cache_open(dir, c->cache_note, sizeof(c->cache_note));
	free(dir);
}

/* Runs the scan part of scan, audit and baseline, with config and
 * baseline applied.  Returns 0 or an exit code; the caller frees result. */
static int run_scan(cli *c, fq_scan_result *result)
{
	fq_baseline b;
	int error;

	memset(result, 0, sizeof(*result));
	if ((error = load_config(c)))
		return error;
	if (c->baseline_path && fq_baseline_load(&b, c->baseline_path) < 0) {
		print_error(fq_error_last());
		return EXIT_USAGE;
	}
	if (c->verify) {
		/* refused before anything is read: no key leaves over plain http */
		if (!c->probe.api_base || !c->probe.api_base[0])
			return fq_cli_usage_error(NULL, "--verify needs an API base: --api-base URL, probes.api_base in the "
					   "config, or FOURQ_API_BASE");
		if (strncasecmp(c->probe.api_base, "https://", 8) != 0)
			return fq_cli_usage_error(NULL, "the API base must be an https:// URL: a found key is never sent over "
					   "plain http");
		c->scan.verify_keys = fq_keyset_new();
	}
	c->scan.progress = !c->quiet && !c->no_progress && isatty(STDERR_FILENO);
	c->scan.now = report_now();
	open_cache(c);
	error = fq_scan_run(result, &c->scan);
	if (error >= 0 && c->cache_note[0])
		fq_notes_add(&result->errors, "", "result cache not used: %s", c->cache_note);
	if (c->scan.cache && getenv("FQ_CACHE_STATS")) {
		/* for the benchmark: how much the cache answered */
		uint64_t h, m, s;

		fq_cache_counts(c->scan.cache, &h, &m, &s);
		fprintf(stderr, "fourq-scan: cache: %llu hits, %llu misses, %llu stored\n", (unsigned long long)h,
			(unsigned long long)m, (unsigned long long)s);
	}
	fq_cache_close(c->scan.cache);
	c->scan.cache = NULL;
	if (error >= 0 && c->verify) {
		error = fq_verify_keys(c->scan.verify_keys, &c->probe, &result->findings, &result->errors);
		fq_findings_sort(&result->findings);
	}
	fq_keyset_free(c->scan.verify_keys);
	c->scan.verify_keys = NULL;
	if (error < 0) {
		print_error(fq_error_last());
		if (c->baseline_path)
			fq_baseline_free(&b);
		return exit_code_of(error);
	}
	result->config = &c->config;
	if (c->baseline_path) {
		fq_baseline_apply(&b, result, c->report_unused_baseline);
		fq_baseline_free(&b);
	}
	return 0;
}

static int cmd_scan(int argc, char **argv)
{
	cli c;
	fq_scan_result result;
	int err, code;

	if ((err = parse_args(&c, CMD_SCAN, argc, argv)))
		return err;
	if ((code = run_scan(&c, &result)) == 0)
		code = finish_run(&c, &result);
	fq_scan_result_free(&result);
	fq_config_free(&c.config);
	return code;
}

static int cmd_baseline(int argc, char **argv)
{
	cli c;
	fq_scan_result result;
	FILE *out;
	int err, code;

	if ((err = parse_args(&c, CMD_BASELINE, argc, argv)))
		return err;
	if (!c.output)
		return fq_cli_usage_error(NULL, "baseline needs --output FILE");
	if ((code = run_scan(&c, &result)) == 0) {
		if (result.incomplete) {
			fprintf(stderr, "fourq-scan: the scan could not be completed: no baseline written\n");
			code = EXIT_INCOMPLETE;
		} else if (!(out = fopen(c.output, "w"))) {
			char *m = fq_sprintf("cannot write %s: %s", c.output, strerror(errno));

			print_error(m);
			free(m);
			code = EXIT_INCOMPLETE;
		} else {
			code = fq_baseline_write(out, &result, FQ_VERSION) < 0 ? EXIT_INCOMPLETE : EXIT_CLEAN;
			if (fclose(out) != 0)
				code = EXIT_INCOMPLETE;
			if (!c.quiet && code == EXIT_CLEAN)
				fprintf(stderr, "fourq-scan: baseline of %zu finding(s) written to %s\n",
					result.findings.count - (size_t)result.stats.suppressed, c.output);
		}
	}
	fq_scan_result_free(&result);
	fq_config_free(&c.config);
	return code;
}

/* Probe options from the config's probes: section, where the command line
 * gave none. */
static void config_probes(cli *c)
{
	size_t i;

	if (c->probe.ntls == 0) {
		for (i = 0; i < c->config.probe_tls.count && i < MAX_PROBE_ARGS; i++)
			c->tls_urls[c->probe.ntls++] = c->config.probe_tls.items[i];
	}
}

static int cmd_audit(int argc, char **argv)
{
	cli c;
	fq_scan_result result;
	fq_probe_report probes;
	int err, code, incomplete = 0;

	if ((err = parse_args(&c, CMD_AUDIT, argc, argv)))
		return err;
	c.scan.repo_checks = 1;
	memset(&probes, 0, sizeof(probes));
	if ((code = run_scan(&c, &result)) == 0) {
		config_probes(&c);
		result.stages |= FQ_STAGE_REPO;
		if (c.probe.ntls || c.probe.keys) {
			if (fq_probe_run(&probes, &result.findings, &c.probe, &incomplete) < 0) {
				print_error(fq_error_last());
				code = EXIT_USAGE;
			} else {
				result.probes = &probes;
				result.incomplete |= incomplete;
				if (c.probe.ntls)
					result.stages |= FQ_STAGE_PROBE;
				fq_findings_sort(&result.findings);
			}
		}
		if (code == 0)
			code = finish_run(&c, &result);
	}
	fq_probe_report_free(&probes);
	fq_scan_result_free(&result);
	fq_config_free(&c.config);
	return code;
}

static int cmd_probe(int argc, char **argv)
{
	cli c;
	fq_scan_result result;
	fq_probe_report probes;
	int err, error, code, incomplete = 0;

	if ((err = parse_args(&c, CMD_PROBE, argc, argv)))
		return err;
	if ((err = load_config(&c)))
		return err;
	config_probes(&c);
	if (!c.probe.ntls && !c.probe.keys) {
		fq_config_free(&c.config);
		return fq_cli_usage_error(NULL, "probe needs --tls URL or --keys (or probes.tls in the config)");
	}
	memset(&result, 0, sizeof(result));
	result.mode = FQ_MODE_PROBE;
	result.stages = c.probe.ntls ? FQ_STAGE_PROBE : 0;
	result.path = fq_strdup("");
	result.config = &c.config;
	error = fq_probe_run(&probes, &result.findings, &c.probe, &incomplete);
	if (error < 0) {
		print_error(fq_error_last());
		fq_probe_report_free(&probes);
		fq_scan_result_free(&result);
		fq_config_free(&c.config);
		return exit_code_of(error);
	}
	result.probes = &probes;
	result.incomplete = incomplete;
	fq_findings_sort(&result.findings);
	code = finish_run(&c, &result);
	fq_probe_report_free(&probes);
	fq_scan_result_free(&result);
	fq_config_free(&c.config);
	return code;
}

static int cmd_rules(int argc, char **argv)
{
	const char *format = "text";
	size_t i;
	int k, err = 0;

	for (k = 0; k < argc; k++) {
		const char *v = opt_value(argc, argv, &k, "--format", &err);

		if (err)
			return err;
		if (!v)
			return fq_cli_usage_error(NULL, "unknown option '%s' for rules", argv[k]);
		if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
			return fq_cli_usage_error(NULL, "rules --format is text or json, not '%s'", v);
		format = v;
	}
	if (strcmp(format, "json") == 0) {
		json_t *arr = json_array();

		for (i = 0; i < fq_rules_count; i++) {
			const fq_rule *r = &fq_rules[i];
			json_t *o = json_object();

			json_object_set_new(o, "id", json_string(r->id));
			json_object_set_new(o, "rule", json_string(r->slug));
			json_object_set_new(o, "severity", json_string(fq_severity_name(r->severity)));
			json_object_set_new(o, "checklist", json_string(r->checklist));
			if (r->cwe)
				json_object_set_new(o, "cwe", json_integer(r->cwe));
			json_object_set_new(o, "title", json_string(r->title));
			json_object_set_new(o, "description", json_string(r->description));
			json_object_set_new(o, "remediation", json_string(r->remediation));
			json_object_set_new(o, "implemented", json_boolean(r->implemented));
			json_array_append_new(arr, o);
		}
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(arr);
		return EXIT_CLEAN;
	}
	for (i = 0; i < fq_rules_count; i++) {
		const fq_rule *r = &fq_rules[i];

		printf("%s  %-32s %-8s %-5s %s%s\n", r->id, r->slug, fq_severity_name(r->severity),
		       r->checklist[0] == 'C' ? r->checklist : "-", r->title,
		       r->implemented ? "" : " (not in this version yet)");
	}
	return EXIT_CLEAN;
}

static int cmd_explain(int argc, char **argv)
{
	const fq_rule *r;

	if (argc != 1)
		return fq_cli_usage_error(NULL, "explain takes one rule ID");
	if (!(r = fq_rule_find(argv[0])))
		return fq_cli_usage_error(NULL, "unknown rule '%s' (see 'fourq-scan rules')", argv[0]);
	printf("%s %s (%s severity, checklist %s)\n\n%s\n\n", r->id, r->slug, fq_severity_name(r->severity),
	       r->checklist, r->title);
	printf("What it finds and why:\n  %s\n\n", r->description);
	if (r->bad_example)
		printf("Bad:\n  %s\n\n", r->bad_example);
	if (r->good_example)
		printf("Good:\n  %s\n\n", r->good_example);
	printf("Fix:\n  %s\n", r->remediation);
	if (r->cwe)
		printf("\nCWE-%d\n", r->cwe);
	if (!r->implemented)
		printf("\nThis version does not run this rule yet.\n");
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	int code;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("fourq-scan %s\n", FQ_VERSION);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	/* `fourq-scan scan --help`: the commands without a page of their own
	 * (review and merge have one) show the whole usage */
	if (!strcmp(argv[1], "scan") || !strcmp(argv[1], "audit") || !strcmp(argv[1], "probe") ||
	    !strcmp(argv[1], "baseline") || !strcmp(argv[1], "rules") || !strcmp(argv[1], "explain")) {
		int k;

		for (k = 2; k < argc; k++) {
			if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
				usage(stdout);
				return EXIT_CLEAN;
			}
		}
	}
	git_libgit2_init();
	/* Each blob is read once: libgit2's object cache would only hold memory. */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	/* Hashing every inflated object again doubles the cost of --history;
	 * a corrupt object is at worst scanned as the bytes it holds, and a
	 * missing one is still an error. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (!strcmp(argv[1], "scan"))
		code = cmd_scan(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "rules"))
		code = cmd_rules(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "explain"))
		code = cmd_explain(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "probe"))
		code = cmd_probe(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "audit"))
		code = cmd_audit(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "baseline"))
		code = cmd_baseline(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "review"))
		code = fq_review_main(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "merge"))
		code = fq_merge_main(argc - 2, argv + 2);
	else
		code = fq_cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	git_libgit2_shutdown();
	return code;
}
