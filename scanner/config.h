/*
 * The configuration file (SPEC §6): .fourq-scan.yml at the repository root
 * or --config FILE, read with libyaml.  Strict: an unknown key, a wrong type
 * or an invalid glob is an error (FQ_ECONFIG, exit 2) that names the file,
 * the line and the key.  Every list has a built-in default, so a missing
 * file and an empty one mean the same.
 */
#ifndef FQ_CONFIG_H
#define FQ_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "../rules/rule.h"
#include "environment.h"

typedef struct fq_strlist {
	char **items;
	size_t count;
} fq_strlist;

typedef struct fq_env_glob {
	char *glob;
	fq_env env;
} fq_env_glob;

typedef struct fq_rule_setting {
	char id[8];
	int enabled;               /* 0 turns the rule off */
	int has_severity;
	fq_severity severity;
} fq_rule_setting;

typedef struct fq_attestation {
	char item[8];              /* "C08" */
	char *by;
	char on[11];               /* YYYY-MM-DD */
	int64_t on_time;           /* Unix seconds of `on` */
	char *note;
	long period_days;          /* default 90 (quarterly) */
} fq_attestation;

typedef struct fq_config {
	char *path;                /* the file read, or NULL for defaults */
	fq_env_glob *environments;
	size_t nenvironments;
	fq_strlist key_env_vars;
	fq_strlist protect_methods;
	fq_strlist unprotect_methods;
	fq_strlist sensitive_fields;
	fq_strlist ignore_paths;
	fq_rule_setting *rules;
	size_t nrules;
	fq_strlist probe_tls;
	char *probe_api_base;
	long probe_expiry_warn_days;  /* -1 when unset */
	uint64_t max_file_size;       /* 0 when unset */
	fq_attestation *attestations;
	size_t nattestations;
} fq_config;

/* The built-in defaults (no file). */
void fq_config_defaults(fq_config *out);
/* Reads `path`; on error returns FQ_ECONFIG with "FILE:LINE: message". */
int fq_config_load(fq_config *out, const char *path);
/* Parses YAML text (for tests and fuzzing); `name` is used in messages. */
int fq_config_parse(fq_config *out, const char *name, const char *text, size_t len);
void fq_config_free(fq_config *cfg);

/* Environment from the config's globs (first match wins), or FQ_ENV_NONE. */
fq_env fq_config_env_for(const fq_config *cfg, const char *path);
/* 1 when the path matches an ignore_paths glob. */
int fq_config_ignored(const fq_config *cfg, const char *path);
/* The setting for a rule, or NULL. */
const fq_rule_setting *fq_config_rule(const fq_config *cfg, const char *id);
int fq_strlist_has(const fq_strlist *l, const char *s, size_t len);

/* Glob matching for paths: '*' and '?' stay inside one path segment, '**'
 * crosses segments, [...] classes; a glob without '/' matches the base name
 * anywhere.  fq_glob_valid says whether a pattern is well formed. */
int fq_glob_match(const char *glob, const char *path);
/* The same without the folder rule ("vendor/" or "deploy/prod" naming
 * everything under it): exactly git's wildmatch of one pattern. */
int fq_glob_match_git(const char *glob, const char *path);
int fq_glob_valid(const char *glob);

#endif
