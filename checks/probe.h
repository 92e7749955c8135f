/*
 * Live probes (SPEC §1 `probe`, §3 FQ070–FQ078): TLS endpoints and the
 * 4Quays key API, both over libcurl with OpenSSL.  A probe fills a report
 * (the facts, for the JSON `probes` array) and adds findings; a probe that
 * cannot run is an FQ078 finding and makes the run incomplete (exit 3),
 * never a silent pass.  The API key is read from the environment only and
 * never copied into a report, a finding or an error message.
 */
#ifndef FQ_PROBE_H
#define FQ_PROBE_H

#include <stddef.h>
#include <time.h>
#include <stdint.h>

#include "../scanner/finding.h"

typedef struct fq_probe_options {
	const char **tls_urls;        /* --tls URL (repeatable) */
	size_t ntls;
	int keys;                     /* --keys */
	const char *api_base;         /* --api-base, config, FOURQ_API_BASE */
	const char *api_key_env;      /* --api-key-env NAME (default FOURQ_API_KEY) */
	const char *ca_file;          /* --ca-file PEM: added to the trusted CAs */
	long timeout_s;               /* --timeout (default 10) */
	long expiry_warn_days;        /* --expiry-warn-days (default 30) */
	const char **resolve;         /* --resolve HOST:PORT:ADDR (curl syntax) */
	size_t nresolve;
} fq_probe_options;

typedef enum { FQ_TLSV_UNKNOWN = 0, FQ_TLSV_ACCEPTED, FQ_TLSV_REFUSED, FQ_TLSV_ERROR } fq_tls_verdict;

#define FQ_TLS_VERSIONS 4   /* 1.0, 1.1, 1.2, 1.3 */

typedef struct fq_cert_facts {
	int present;
	char subject[256];
	char issuer[256];
	char key_type[32];
	int key_bits;
	char not_after[32];           /* RFC 3339 */
	long days_left;               /* negative when expired */
} fq_cert_facts;

typedef struct fq_tls_report {
	char *url;
	int reachable;
	char *error;                  /* why the endpoint could not be probed, or NULL */
	fq_tls_verdict versions[FQ_TLS_VERSIONS];
	char *version_detail[FQ_TLS_VERSIONS];
	char negotiated_version[16];
	char cipher[64];
	int cipher_bits;
	int forward_secrecy;
	int verified;                 /* chain and host name verify */
	char *verify_error;
	fq_cert_facts cert;
} fq_tls_report;

typedef struct fq_key_facts {
	char *id, *type, *algorithm, *status, *created_at, *expires_at;
	long days_left;               /* LONG_MIN when no expiry */
	long age_days;
} fq_key_facts;

typedef struct fq_keys_report {
	char *api_base;
	char *error;                  /* NULL when the listing succeeded */
	char *request_id;
	fq_key_facts *keys;
	size_t nkeys;
	int pages;
	/* private to checks/keys.c: room in keys, and an open-addressing
	 * index of the key ids (slot = key index + 1, 0 empty) that finds a
	 * repeated id at once (freed with the report) */
	size_t keys_alloc;
	size_t *id_slots;
	size_t id_nslots;
} fq_keys_report;

typedef struct fq_probe_report {
	fq_tls_report *tls;
	size_t ntls;
	fq_keys_report *keys;         /* NULL unless --keys */
} fq_probe_report;

/* Probes every TLS endpoint and, with opts->keys, the key API; appends
 * findings.  Returns 0, or FQ_EUSAGE for a bad option (http api base, no
 * key variable name).  *incomplete is set when a probe could not run. */
int fq_probe_run(fq_probe_report *out, fq_findings *findings, const fq_probe_options *opts,
		 int *incomplete);
void fq_probe_report_free(fq_probe_report *r);

/* Internals, exposed for tests. */
int fq_probe_tls(fq_tls_report *out, fq_findings *findings, const char *url,
		 const fq_probe_options *opts);
int fq_probe_keys(fq_keys_report *out, fq_findings *findings, const fq_probe_options *opts);
/* Reads one page of the key listing (the body of an HTTP 200): adds each new
 * key to `out` and its findings, and reports anything malformed as FQ078.
 * Returns 1 when another page follows (*after holds its cursor), 0 after
 * the last page, -1 after a finding that ends the listing. */
int fq_keys_take_page(fq_keys_report *out, fq_findings *findings, const char *endpoint, const char *body,
		      size_t len, time_t now, long warn_days, char **after);
/* "accepted", "refused", "error", "unknown". */
const char *fq_tls_verdict_name(fq_tls_verdict v);
/* "TLSv1.0".."TLSv1.3" for version index 0..3. */
const char *fq_tls_version_name(int i);
/* Parses an RFC 3339 time into Unix seconds; -1 on error. */
int fq_parse_rfc3339(const char *s, int64_t *out);

#endif
