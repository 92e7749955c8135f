/*
 * --verify: each distinct key the scan found, asked about once (see
 * verify.h).  The key goes only into the Authorization header of a request
 * to the API base; libcurl's error text names the URL, never a header.
 */
#define _GNU_SOURCE
#include "verify.h"
#include "curl_load.h"
#include "http.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* a verdict needs the status line only; the body is read and dropped */
#define MAX_BODY (64u * 1024u)

typedef struct key_entry {
	char hash[65];
	char *key;
	size_t len;
	fq_verdict verdict;
} key_entry;

struct fq_keyset {
	pthread_mutex_t lock;
	key_entry *items;
	size_t count, alloc;
};

const char *fq_verdict_name(int verdict)
{
	switch (verdict) {
	case FQ_VERDICT_LIVE: return "live";
	case FQ_VERDICT_REJECTED: return "rejected";
	case FQ_VERDICT_UNKNOWN: return "unknown";
	default: return "";
	}
}

fq_keyset *fq_keyset_new(void)
{
	fq_keyset *s = fq_calloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void fq_keyset_add(fq_keyset *s, const char *key, size_t len, const char *hash)
{
	size_t i;

	if (!s || strlen(hash) != 64)
		return;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->count && strcmp(s->items[i].hash, hash) != 0; i++)
		;
	if (i == s->count) {
		key_entry *e;

		if (s->count == s->alloc) {
			s->alloc = s->alloc ? s->alloc * 2 : 8;
			s->items = fq_realloc_array(s->items, s->alloc, sizeof(*s->items));
		}
		e = &s->items[s->count++];
		memset(e, 0, sizeof(*e));
		memcpy(e->hash, hash, 65);
		e->key = fq_malloc(len + 1);
		memcpy(e->key, key, len);
		e->key[len] = '\0';
		e->len = len;
	}
	pthread_mutex_unlock(&s->lock);
}

size_t fq_keyset_count(const fq_keyset *s)
{
	return s ? s->count : 0;
}

void fq_keyset_free(fq_keyset *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->count; i++) {
		explicit_bzero(s->items[i].key, s->items[i].len);
		free(s->items[i].key);
	}
	free(s->items);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
	fq_buf *b = userp;

	(void)data;
	/* counted, not kept: a short count ends an endless body */
	if (b->len + size * n > MAX_BODY)
		return 0;
	b->len += size * n;
	return size * n;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/* One request; the verdict, and why it is unknown in *why (static text or
 * libcurl's message, never the key). */
static fq_verdict ask(const fq_probe_options *opts, const char *url, const key_entry *e, char *why, size_t whylen)
{
	char errbuf[CURL_ERROR_SIZE];
	fq_handshake hs;
	fq_buf body = FQ_BUF_INIT;
	CURLcode rc;
	long status = 0;

	memset(&hs, 0, sizeof(hs));
	errbuf[0] = '\0';
	rc = fq_http_get_bearer(url, opts, e->key, &hs, on_body, &body, NULL, NULL, &status, errbuf);
	if (rc == CURLE_FAILED_INIT) {
		snprintf(why, whylen, "cannot create an HTTP handle");
		return FQ_VERDICT_UNKNOWN;
	}
	if (rc != CURLE_OK) {
		if (hs.ca_error)
			snprintf(why, whylen, "cannot load the CA file");
		else if (rc == CURLE_OPERATION_TIMEDOUT)
			snprintf(why, whylen, "no answer within %ld s", opts->timeout_s);
		else
			snprintf(why, whylen, "request failed: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
		return FQ_VERDICT_UNKNOWN;
	}
	if (status == 200)
		return FQ_VERDICT_LIVE;
	if (status == 401 || status == 403)
		return FQ_VERDICT_REJECTED;
	if (status >= 300 && status < 400)
		snprintf(why, whylen, "HTTP %ld redirect not followed: a key is sent to the API base only", status);
	else
		snprintf(why, whylen, "HTTP %ld from the key API", status);
	return FQ_VERDICT_UNKNOWN;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const key_entry *)a)->hash, ((const key_entry *)b)->hash);
}

static const char *verdict_advice(fq_verdict v)
{
	switch (v) {
	case FQ_VERDICT_LIVE: return "verified: live, the 4Quays API accepts it: revoke and rotate it now";
	case FQ_VERDICT_REJECTED: return "verified: rejected, the 4Quays API refuses it (revoked or never valid)";
	default: return "verified: unknown, the 4Quays API could not tell (see the notes)";
	}
}

int fq_verify_keys(fq_keyset *s, const fq_probe_options *opts, fq_findings *findings, fq_notes *notes)
{
	double start, last = 0;
	char *url;
	size_t i, k;

	if (!opts->api_base || !opts->api_base[0])
		return fq_error_set(FQ_EUSAGE, "--verify needs an API base: --api-base URL, probes.api_base in the "
				    "config, or FOURQ_API_BASE");
	if (strncasecmp(opts->api_base, "https://", 8) != 0)
		return fq_error_set(FQ_EUSAGE, "the API base must be an https:// URL: a found key is never sent "
				    "over plain http");
	if (!s || s->count == 0)
		return 0;
	if (fq_curl_load_error()) {
		for (i = 0; i < s->count; i++)
			s->items[i].verdict = FQ_VERDICT_UNKNOWN;
		fq_notes_add(notes, "", "--verify: libcurl could not be loaded (%s): keys not verified",
			     fq_curl_load_error());
	} else {
		qsort(s->items, s->count, sizeof(*s->items), cmp_entry);
		{
			size_t bl = strlen(opts->api_base);

			while (bl > 8 && opts->api_base[bl - 1] == '/')
				bl--;
			url = fq_sprintf("%.*s/v1/keys?limit=1", (int)bl, opts->api_base);
		}
		start = now_s();
		for (i = 0; i < s->count; i++) {
			key_entry *e = &s->items[i];
			char why[CURL_ERROR_SIZE + 64];

			why[0] = '\0';
			if (now_s() - start > FQ_VERIFY_BUDGET_S) {
				e->verdict = FQ_VERDICT_UNKNOWN;
				snprintf(why, sizeof(why), "the %d-second time limit of --verify ran out",
					 FQ_VERIFY_BUDGET_S);
			} else {
				/* a few requests a second, never a burst */
				if (i > 0)
					sleep_s(1.0 / FQ_VERIFY_PER_SECOND - (now_s() - last));
				last = now_s();
				e->verdict = ask(opts, url, e, why, sizeof(why));
			}
			if (e->verdict == FQ_VERDICT_UNKNOWN)
				fq_notes_add(notes, "", "--verify: key sha256:%.8s could not be verified: %s", e->hash, why);
		}
		free(url);
	}
	for (k = 0; k < findings->count; k++) {
		fq_finding *f = &findings->items[k];
		char *msg;

		if (!f->key_hash[0])
			continue;
		for (i = 0; i < s->count && strcmp(s->items[i].hash, f->key_hash) != 0; i++)
			;
		if (i == s->count)
			continue;
		f->verified = s->items[i].verdict;
		msg = fq_sprintf("%s (%s)", f->message, verdict_advice(s->items[i].verdict));
		free(f->message);
		f->message = msg;
	}
	return 0;
}
