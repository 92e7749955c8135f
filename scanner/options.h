/*
 * What a scan is asked to do: the parsed command line and configuration that
 * the engine and the rule families read.  Plain data, owned by the caller.
 */
#ifndef FQ_OPTIONS_H
#define FQ_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"

struct fq_config;
struct fq_keyset;
struct fq_cache;

#define FQ_DEFAULT_MAX_FILE_SIZE (10u * 1024u * 1024u)

typedef struct fq_scan_options {
	const char *path;            /* PATH, default "." */
	fq_mode mode;
	const char *rev;             /* REV of --rev / --since */
	int jobs;                    /* worker threads, >= 1 */
	uint64_t max_file_size;      /* bytes; larger files are skipped with a note */
	int include_placeholders;    /* report placeholder keys as info */
	int no_suppress;             /* show suppressed findings too */
	int progress;                /* draw a progress line on stderr */
	const struct fq_config *config; /* borrowed; never NULL once the CLI set it up */
	int repo_checks;             /* audit: run the repository checks (FQ060-FQ068) */
	int64_t now;                 /* "today" (Unix seconds) for attestations: set by the CLI */
	int scan_generated;          /* --scan-generated: minified/generated/vendored files read whole */
	struct fq_cache *cache;      /* the result cache, or NULL (--no-cache, or it could not open) */
	const char *cache_salt;      /* what besides the blob decides a result: config, options */
	struct fq_keyset *verify_keys; /* --verify: the key rules add each key found here, or NULL */
} fq_scan_options;

#endif
