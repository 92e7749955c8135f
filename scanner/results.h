/*
 * What the rules made of one item (a file or blob), as the result cache
 * keeps it: its findings, notes, unanalysed and generated entries,
 * checklist evidence and counters, encoded as compact JSON and decoded
 * back into the lists they came from.  A finding's commit fields come from
 * the item that is scanned (the same blob may arrive in another commit),
 * so they are not kept; everything else round-trips exactly.
 */
#ifndef FQ_RESULTS_H
#define FQ_RESULTS_H

#include "engine.h"

/* The lists an item adds to, and the counters it changes. */
typedef struct fq_item_lists {
	fq_findings *findings;
	fq_notes *notes, *unanalysed, *generated;
	fq_evidence_list *evidence;
	fq_scan_stats *stats;
	int *incomplete;
} fq_item_lists;

/* Where the lists stood before the item: what it added is after these. */
typedef struct fq_item_mark {
	size_t findings, notes, unanalysed, generated, evidence;
	fq_scan_stats stats;
	int incomplete;
} fq_item_mark;

void fq_item_mark_take(fq_item_mark *m, const fq_item_lists *l);

/* The item's additions since the mark, as a NUL-terminated string the
 * caller frees (*len its length). */
char *fq_results_encode(const fq_item_lists *l, const fq_item_mark *m, size_t *len);

/* Appends a decoded result to the lists: findings get the commit and author
 * time given (NULL: none).  Returns 0, or -1 when data is not a result this
 * build wrote (the lists are then as they were). */
int fq_results_decode(const fq_item_lists *l, const char *data, size_t len, const char *commit,
		      int64_t author_time);

#endif
