/*
 * The engine: lists a source's items, reads them on a pool of worker threads
 * (each with its own repository handle and matchers), runs every rule family
 * on each text file, then merges, finishes (cross-file rules) and sorts the
 * findings so that reports never depend on thread scheduling.
 */
#ifndef FQ_ENGINE_H
#define FQ_ENGINE_H

#include "finding.h"
#include "options.h"
#include "source.h"

typedef struct fq_scan_stats {
	uint64_t files;          /* files (or blobs) scanned as text */
	uint64_t bytes;          /* bytes scanned */
	uint64_t blobs;          /* blobs read from the object database */
	uint64_t commits;        /* commits walked */
	uint64_t parsed_files;   /* files parsed with tree-sitter */
	uint64_t elapsed_ms;
	uint64_t binary_files;   /* binary files and blobs: read by the key rules only */
	uint64_t generated_files; /* minified, generated, vendored: the key rules only (counted in files too) */
	uint64_t archives;       /* archives opened (their members count in neither above) */
	uint64_t archive_members; /* members read from them, every level */
	uint64_t skipped_large;
	uint64_t skipped_unreadable;
	uint64_t suppressed;     /* findings hidden by comments, config or baseline */
} fq_scan_stats;

typedef struct fq_scan_result {
	fq_findings findings;    /* sorted; suppressed ones carry `suppressed` */
	fq_notes errors;         /* per-file problems and notes (raw; made safe when reported) */
	/* Files that mention the 4Quays SDK and that the code rules did not
	 * read (SPEC §3a): path, and what kept them out ("Elixir", "JavaScript,
	 * not parsed: ...").  Sorted by path.  Code evidence is UNVERIFIED
	 * while any stands. */
	fq_notes unanalysed;
	/* Minified, generated and vendored files the key rules alone read
	 * (SPEC §8): path, and why.  Sorted by path. */
	fq_notes generated;
	fq_evidence_list evidence; /* checklist evidence, sorted */
	const struct fq_config *config; /* borrowed: attestations for the checklist, or NULL */
	fq_scan_stats stats;
	int incomplete;          /* something could not be scanned: exit 3 */
	unsigned stages;         /* FQ_STAGE_* bits of the checks that ran */
	struct fq_probe_report *probes; /* borrowed: live probe facts, or NULL */
	fq_mode mode;
	char *rev;
	char *path;
} fq_scan_result;

/* Runs a scan.  Returns 0 (check result->incomplete), or a negative FQ_E*
 * code when the scan could not start (bad PATH, not a repository...).  The
 * caller frees the result with fq_scan_result_free in every case. */
int fq_scan_run(fq_scan_result *result, const fq_scan_options *opts);
void fq_scan_result_free(fq_scan_result *result);

/* Runs every per-file rule on one in-memory file (tracked, no commit) and
 * appends its findings, unsorted and without the cross-file step: for
 * table tests and fuzzing. */
int fq_scan_buffer(fq_findings *out, fq_notes *notes, const fq_scan_options *opts, const char *path,
		   const char *data, size_t len);

#endif
