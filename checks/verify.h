/*
 * --verify (SPEC §1, §3 FQ001, §8): is a key the scan found live?  The key
 * rules hand every distinct non-placeholder key to a key set while they
 * scan; after the scan each key is asked about once, with
 * `GET {api-base}/v1/keys?limit=1` and the key as the bearer: 200 is live,
 * 401 and 403 rejected, anything else (or no answer) unknown.  Requests go
 * only over verified TLS to the https API base, never after a redirect, a
 * few a second, within a time limit.  Keys live in the set's memory only:
 * never in a message, a report or a log, and wiped when the set is freed.
 */
#ifndef FQ_VERIFY_H
#define FQ_VERIFY_H

#include <stddef.h>

#include "probe.h"
#include "../scanner/finding.h"
#include "../scanner/source.h"

/* "live", "rejected", "unknown" ("" for none). */
const char *fq_verdict_name(int verdict);

typedef struct fq_keyset fq_keyset;

fq_keyset *fq_keyset_new(void);
/* Adds key[0..len) under its SHA-256 hex (the findings' key_hash) unless
 * the set has it.  Thread-safe: the scan's workers add at once. */
void fq_keyset_add(fq_keyset *s, const char *key, size_t len, const char *hash);
size_t fq_keyset_count(const fq_keyset *s);
/* Wipes every key and frees the set. */
void fq_keyset_free(fq_keyset *s);

/* Asks the API about every key of the set (in hash order), at most
 * FQ_VERIFY_PER_SECOND a second and FQ_VERIFY_BUDGET_S seconds in all, and
 * gives each key finding (key_hash set) its verdict: `verified`, and a
 * message that says it.  Why a key stayed unknown goes to notes, without
 * the key.  Returns 0, or FQ_EUSAGE when the API base is missing or not
 * https (nothing is sent then). */
int fq_verify_keys(fq_keyset *s, const fq_probe_options *opts, fq_findings *findings, fq_notes *notes);

#define FQ_VERIFY_PER_SECOND 4
#define FQ_VERIFY_BUDGET_S 120

#endif
