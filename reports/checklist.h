/*
 * The production-readiness checklist (SPEC §5) as a model every report
 * reads: each item's status comes from the findings of the rules behind it.
 * An item whose evidence this run did not collect (a rule not run, a probe
 * not made) is UNVERIFIED, never PASS.
 */
#ifndef FQ_CHECKLIST_H
#define FQ_CHECKLIST_H

#include "../scanner/engine.h"

typedef enum { FQ_CHECK_PASS = 0, FQ_CHECK_WARN, FQ_CHECK_FAIL, FQ_CHECK_UNVERIFIED } fq_check_status;

typedef struct fq_checklist_item {
	const char *id;              /* "C01" */
	const char *title;           /* the guide's wording */
	fq_check_status status;
	const fq_finding **findings; /* borrowed from the result; count below */
	size_t nfindings;
} fq_checklist_item;

#define FQ_CHECKLIST_ITEMS 10

typedef struct fq_checklist {
	fq_checklist_item items[FQ_CHECKLIST_ITEMS];
} fq_checklist;

/* Builds the checklist from a scan result; `ran` says which stages ran
 * (FQ_STAGE_* bits).  Free with fq_checklist_free. */
void fq_checklist_build(fq_checklist *out, const fq_scan_result *result, unsigned ran);
void fq_checklist_free(fq_checklist *cl);
const char *fq_check_status_name(fq_check_status s);

#endif
