/*
 * The production-readiness checklist (SPEC §5) as a model every report
 * reads: each item's status comes from the findings of the rules behind it,
 * the evidence found for it, and attestations from the config.  An item
 * whose evidence this run did not collect (a rule not run, a probe not made)
 * is UNVERIFIED, never PASS.  Payload handling (FQ021–FQ023) and development
 * practices (FQ060–FQ062) are listed as two more sections with the same
 * shape.
 */
#ifndef FQ_CHECKLIST_H
#define FQ_CHECKLIST_H

#include "../scanner/engine.h"

typedef enum { FQ_CHECK_PASS = 0, FQ_CHECK_WARN, FQ_CHECK_FAIL, FQ_CHECK_UNVERIFIED } fq_check_status;

typedef struct fq_checklist_item {
	const char *id;              /* "C01", or "payload-handling" / "development-practices" */
	const char *title;           /* the guide's wording */
	fq_check_status status;
	const char *reason;          /* one line on why this status */
	const fq_finding **findings; /* borrowed from the result */
	size_t nfindings, findings_alloc;
	const fq_evidence **evidence;
	size_t nevidence, evidence_alloc;
	/* attestation from the config, when there is one */
	int attested;
	int stale;                   /* older than its review period */
	char stale_since[11];        /* YYYY-MM-DD the attestation went stale */
	const char *attested_by, *attested_on, *attested_note;
	/* Coverage (SPEC §3a): an item with code evidence counts the files the
	 * code rules read and lists, borrowed from the result, those that
	 * mention the SDK and were not read; code_evidence is 0 for the others
	 * (their unanalysed list is empty). */
	int code_evidence;
	uint64_t coverage_files;
	const fq_notes *unanalysed;
	char *reason_owned;          /* reason, when it had to be written */
} fq_checklist_item;

#define FQ_CHECKLIST_ITEMS 10
#define FQ_CHECKLIST_SECTIONS 2

typedef struct fq_checklist {
	fq_checklist_item items[FQ_CHECKLIST_ITEMS];
	fq_checklist_item sections[FQ_CHECKLIST_SECTIONS];
	size_t passed, warned, failed, unverified;  /* over the ten items */
} fq_checklist;

/* "3 files that mention the 4Quays SDK were not analysed: a.ex (Elixir),
 * ..." (at most a few named); the caller frees. */
char *fq_unanalysed_summary(const fq_notes *unanalysed);

/* Builds the checklist from a scan result (its stages, findings, evidence
 * and config attestations) as of `now` (Unix seconds).  Free with
 * fq_checklist_free. */
void fq_checklist_build(fq_checklist *out, const fq_scan_result *result, int64_t now);
void fq_checklist_free(fq_checklist *cl);
const char *fq_check_status_name(fq_check_status s);

#endif
