/*
 * Baselines: today's findings recorded by fingerprint so that CI can adopt
 * fourq-scan on an old repository without failing on day one.  A baseline
 * holds fingerprints, rule IDs and (redacted) paths, never a secret; a
 * finding whose fingerprint is in it is hidden with the reason "baseline".
 * Fingerprints ignore line numbers and unrelated edits (SPEC §2), so moving
 * code does not un-hide a finding, and a different key is a different
 * fingerprint.
 */
#ifndef FQ_BASELINE_H
#define FQ_BASELINE_H

#include <stdio.h>

#include "engine.h"

typedef struct fq_baseline_entry {
	char fingerprint[65];
	char rule_id[8];
	char *path;
	int used;
} fq_baseline_entry;

typedef struct fq_baseline {
	fq_baseline_entry *entries;
	size_t count;
} fq_baseline;

/* Reads a baseline; a missing, truncated or foreign file is FQ_ECONFIG. */
int fq_baseline_load(fq_baseline *out, const char *path);
/* Writes the unsuppressed findings of r as a baseline. */
int fq_baseline_write(FILE *out, const fq_scan_result *r, const char *version);
/* Hides findings in the baseline; with report_unused, adds a note for each
 * entry that matched nothing.  Returns the number hidden. */
size_t fq_baseline_apply(fq_baseline *b, fq_scan_result *r, int report_unused);
void fq_baseline_free(fq_baseline *b);

#endif
