/*
 * Rule families: the functions behind the rows of the catalogue.  A family
 * is one const struct; the engine calls scan_text on every text file a
 * worker reads (after the family's cheap literal pre-check) and finish once
 * on the merged, sorted findings for rules that look across files.
 */
#ifndef FQ_FAMILY_H
#define FQ_FAMILY_H

#include "../scanner/finding.h"
#include "../scanner/options.h"
#include "keydetect.h"
#include "../util/literals.h"

#include <tree_sitter/api.h>

struct fq_code;
struct fq_profile;
struct fq_config;

/* Per-worker state handed to scan functions; thread-confined. */
typedef struct fq_rule_ctx {
	fq_keydetect *kd;                 /* key matcher for this thread */
	const fq_scan_options *opts;
	fq_findings *out;                 /* this worker's findings */
	TSParser *parser;                 /* this thread's parser */
	int match_limit_hit;              /* set when a query hit its match limit */
	fq_evidence_list *evidence;       /* this worker's checklist evidence */
} fq_rule_ctx;

typedef struct fq_family {
	const char *name;                                        /* "keys" */
	void (*scan_text)(fq_rule_ctx *ctx, const fq_file *file); /* per file, or NULL */
	/* per parsed source file (JavaScript, TypeScript, TSX, Python), or NULL */
	void (*scan_code)(fq_rule_ctx *ctx, const struct fq_code *code);
	/* cross-file, on the merged findings and evidence, or NULL */
	void (*finish)(fq_findings *all, const fq_evidence_list *evidence, const fq_scan_options *opts);
} fq_family;

extern const fq_family fq_family_keys;
extern const fq_family fq_family_keyuse;
extern const fq_family fq_family_payloads;
extern const fq_family fq_family_errors;
extern const fq_family fq_family_policies;
extern const fq_family fq_family_tls;
extern const fq_family fq_family_repository;

/* Every family, in the order they run. */
extern const fq_family *const fq_families[];
extern const size_t fq_families_count;

/* The words of the pre-checks (code rules' trigger words, key-like names,
 * logging words and the key prefix "sk_") that the file holds, found in one
 * pass on first use and kept in the file. */
fq_wordbits fq_file_words(const fq_file *file);
/* 1 when the file holds "sk_", the start of every 4Quays key. */
int fq_file_may_hold_key(const fq_file *file);
/* Does the file name 4Quays ("fourq", "4quays", any case)?  FQ042 reports
 * an http:// API base only in such a file, and the parse pre-check asks the
 * same. */
int fq_file_names_fourq(const fq_file *file);

/* 1 when the file holds a word some code rule needs (the parse pre-check);
 * has_key says the file holds a non-placeholder key literal. */
int fq_code_wanted(const fq_file *file, int has_key, const struct fq_profile *prof);

/* Where data[0..len) first mentions the 4Quays SDK (SPEC §3a): a call of
 * protect/unprotect (or of a configured method name), a 4Quays package or
 * module name (fourq, FourQuays, @4quays/...), or a key variable
 * (FOURQ_API_KEY, FOURQ_ADMIN_KEY, the config's key_env_vars).  Returns 1
 * with *off at the mention, else 0.  cfg may be NULL. */
int fq_mentions_sdk(const struct fq_config *cfg, const char *data, size_t len, size_t *off);

/* 1 when a string literal in the file starts with the key prefix: a key
 * split over literals may start there (the parse pre-check asks it). */
int fq_keys_split_wanted(const fq_file *file);

/* 1 when the path names a dotenv file that is not a template. */
int fq_is_dotenv_path(const char *path);

#endif
