/*
 * The finding model (SPEC §2) and the file a rule looks at.
 *
 * Every string a finding holds is made safe where the finding is made:
 * secrets redacted first (rules/keydetect.h), then invalid UTF-8 replaced.
 * No later code path (report, log, baseline) sees a raw key.
 */
#ifndef FQ_FINDING_H
#define FQ_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "../rules/rule.h"
#include "environment.h"

/* One file, working-tree file or blob, as the rules see it.  Borrowed. */
typedef struct fq_file {
	const char *path;        /* repository-relative, '/'-separated, raw bytes */
	const char *data;        /* contents; not NUL-terminated */
	size_t len;
	fq_env env;              /* context environment: read it with fq_file_env */
	int env_known;           /* env computed (lazily, on first use) */
	const struct fq_config *config; /* borrowed: environments globs, or NULL */
	size_t *line_starts;     /* lazily built line index (owned; fq_file_release) */
	size_t nlines;
	int tracked;             /* 1 when git tracks it (or it is a blob) */
	int in_head;             /* history mode: reachable from HEAD's tree */
	const char *commit;      /* hex id of the commit that brought it, or NULL */
	int64_t author_time;     /* that commit's author time (Unix seconds) */
	int ignore_known, has_ignore; /* a fourq-scan:ignore comment anywhere (lazy) */
	unsigned __int128 words; /* the pre-check words it holds (fq_file_words, lazy) */
	int words_known;
	/* set by the key rules: 0 not looked at yet, 1 no real key, 2 a real
	 * (not placeholder) key */
	int real_key;
	int archived;            /* a member of an archive (path "a.zip!member") */
	int lang;                /* its fq_lang: read it with fq_file_lang (lazy) */
	int lang_known;
	int keys_only;           /* no code rule reads it (binary, archived, generated, not code) */
	int key_prefix;          /* "sk_" in it: 0 not looked yet, 1 no, 2 yes */
	/* the last suppression answers, by line start and rule: a long line
	 * with thousands of findings reads its comment once per rule */
	struct {
		size_t line;
		const char *rule;
		int covers;
	} suppressed[4];
	unsigned nsuppressed;
	/* findings kept so far, per severity (suppressed ones in the last slot) */
	size_t nfindings[FQ_SEV_NONE + 1];
	size_t dropped;          /* findings over FQ_MAX_FINDINGS_PER_FILE, not kept */
} fq_file;

/* Findings kept per file and severity: a generated or hostile file with a
 * key on every line must not grow the report (and memory) without bound,
 * and a thousand test keys or suppressed lines must not hide a live key.
 * The rest are counted in fq_file.dropped and noted by the engine. */
#define FQ_MAX_FINDINGS_PER_FILE 1000
/* Bytes of source line kept as a finding's snippet. */
#define FQ_SNIPPET_MAX 240

/* 1-based line and column of a byte offset, through a line index built on
 * first use (a file with thousands of findings stays linear). */
void fq_file_line_col(const fq_file *file, size_t off, int *line, int *col);
/* [*start, *end): the line holding `off`, without its newline, through the
 * same index (no scan along a long line). */
void fq_file_line_bounds(const fq_file *file, size_t off, size_t *start, size_t *end);
/* Frees what the file built lazily (its line index). */
void fq_file_release(fq_file *file);

/* The file's context environment (SPEC §4: path, then contents), computed
 * on first use and cached in the file. */
fq_env fq_file_env(const fq_file *file);

/* What --verify learnt of a key (checks/verify.h). */
typedef enum {
	FQ_VERDICT_NONE = 0,     /* not verified (no --verify, or not a key) */
	FQ_VERDICT_LIVE,
	FQ_VERDICT_REJECTED,
	FQ_VERDICT_UNKNOWN
} fq_verdict;

typedef struct fq_finding {
	const fq_rule *rule;
	fq_severity severity;
	fq_confidence confidence;
	char *path;              /* safe UTF-8 */
	int line, column;        /* 1-based; 0 for repository-level findings */
	int end_line, end_column;
	char *message;           /* safe UTF-8 */
	char *snippet;           /* the source line, safe UTF-8, or NULL */
	int snippet_cut;         /* the line was longer: the snippet is a window of it */
	char fingerprint[65];
	char *commit;            /* history modes: the commit holding it, or NULL */
	int64_t author_time;
	char *introduced_in;     /* history modes: the oldest commit that added it */
	char *suppressed;        /* NULL, or why it is hidden ("comment", "baseline"...) */
	/* Internal facts for cross-file rules (FQ002, FQ005); never printed. */
	char key_hash[65];       /* SHA-256 of the key, "" when not a key finding */
	const char *encoding;    /* a key found encoded: "base64", "url-encoding"...; static, or NULL */
	int verified;            /* --verify: an fq_verdict, 0 when not asked */
	fq_env env;
	int in_head;
} fq_finding;

typedef struct fq_findings {
	fq_finding *items;
	size_t count;
	size_t alloc;
	fq_finding spill;        /* handed out for findings over the per-file limit */
} fq_findings;

/* Adds a finding located at data[start, end) of `file` and returns it
 * (borrowed until the next add).  The message is formatted, redacted and
 * sanitised; the snippet is the redacted first line of the span; a
 * `fourq-scan:ignore` comment on the line or the line before marks it
 * suppressed.  The fingerprint is left for the caller. */
fq_finding *fq_findings_add(fq_findings *list, const fq_rule *rule, const fq_file *file,
			    size_t start, size_t end, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* The same with a severity other than the rule's (a test key's FQ001): the
 * per-file limit counts it under that severity. */
fq_finding *fq_findings_add_sev(fq_findings *list, const fq_rule *rule, fq_severity severity,
				const fq_file *file, size_t start, size_t end, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Adds a repository-level finding (no line) for `path` (may be ""). */
fq_finding *fq_findings_add_repo(fq_findings *list, const fq_rule *rule, const char *path,
				 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Fingerprints (SPEC §2). */
void fq_fingerprint_key(fq_finding *f, const char *key_hash);
/* Rebuilds the snippet with data[start, end) (cut at the end of its line)
 * replaced by `label`: a key encoded or split over literals is not
 * recognised by redaction, so its text must not reach the snippet. */
void fq_finding_mask(fq_finding *f, const fq_file *file, size_t start, size_t end, const char *label);
void fq_fingerprint_code(fq_finding *f, const char *code, size_t len);

/* Moves every finding of src to the end of dst; src is left empty. */
void fq_findings_move(fq_findings *dst, fq_findings *src);
/* Sorts by path, line, column, rule, fingerprint: reports never depend on
 * thread scheduling. */
void fq_findings_sort(fq_findings *list);
void fq_finding_clear(fq_finding *f);
void fq_findings_free(fq_findings *list);

/* Evidence for the checklist: something found that satisfies (part of) an
 * item, e.g. "GitHub Actions runs gitleaks" at .github/workflows/ci.yml:12.
 * `item` is a checklist item ("C05") or a check key ("FQ066:error-rate"). */
typedef struct fq_evidence {
	char *item;
	char *path;              /* safe UTF-8 */
	int line;                /* 0 for a whole file */
	char *what;              /* safe UTF-8 */
} fq_evidence;

typedef struct fq_evidence_list {
	fq_evidence *items;
	size_t count, alloc;
} fq_evidence_list;

void fq_evidence_add(fq_evidence_list *l, const char *item, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void fq_evidence_move(fq_evidence_list *dst, fq_evidence_list *src);
/* Sorted by item, path, line, text: deterministic whatever the threads did. */
void fq_evidence_sort(fq_evidence_list *l);
/* 1 when some evidence has this item (or, with a trailing ':', this prefix). */
int fq_evidence_has(const fq_evidence_list *l, const char *item);
void fq_evidence_free(fq_evidence_list *l);

/* A string made safe for any output: keys redacted, UTF-8 repaired. */
char *fq_safe_string(const char *data, size_t len);

/* 1 when a suppression comment on the line holding `off` (or the line
 * before) covers rule_id.  Exposed for tests. */
int fq_suppression_covers(const char *data, size_t len, size_t off, const char *rule_id);

#endif
