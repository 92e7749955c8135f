/*
 * The key probe: GET {api-base}/v1/keys with the key from the environment,
 * following has_more pages, and the expiry and age of every key that is not
 * retired (FQ075 expired but active, FQ076 expiring, FQ077 rotation
 * overdue).  Anything that keeps it from an answer is FQ078.  The key goes
 * only into the Authorization header of verified https requests to the API
 * base, never to another host (redirects are not followed) and never into
 * any message.
 */
#define _GNU_SOURCE
#include "curl_load.h"
#include "http.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <ctype.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_BODY (8u * 1024u * 1024u)
#define MAX_PAGES 1000

int fq_parse_rfc3339(const char *s, int64_t *out)
{
	struct tm tm;
	int y, mo, d, h, mi, sec, n = 0, oh = 0, om = 0;
	const char *p;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	p = s + n;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (sscanf(p, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3 || n != 8)
		return -1;
	p += n;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;

		if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5)
			return -1;
		oh *= sign;
		om *= sign;
		p += 6;
	} else {
		return -1;
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	*out = (int64_t)t - (int64_t)oh * 3600 - (int64_t)om * 60;
	return 0;
}

typedef struct transfer {
	fq_buf body;
	char request_id[128];
} transfer;

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
	transfer *t = userp;

	/* a short count makes curl fail the transfer: bounded memory */
	return fq_buf_put(&t->body, data, size * n) == 0 ? size * n : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *userp)
{
	transfer *t = userp;
	size_t len = size * n;
	static const char *const names[] = { "x-request-id:", "request-id:", "x-amzn-requestid:" };
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(names); i++) {
		size_t nl = strlen(names[i]);

		if (len > nl && !strncasecmp(data, names[i], nl)) {
			const char *v = data + nl;
			size_t vl = len - nl, k = 0;

			while (vl && (*v == ' ' || *v == '\t')) {
				v++;
				vl--;
			}
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
				vl--;
			for (; k < vl && k < sizeof(t->request_id) - 1; k++)
				t->request_id[k] = isprint((unsigned char)v[k]) ? v[k] : '?';
			t->request_id[k] = '\0';
		}
	}
	return len;
}

static char *url_escape(const char *s)
{
	CURL *c = curl_easy_init();
	char *e = c ? curl_easy_escape(c, s, 0) : NULL;
	char *out = fq_strdup(e ? e : "");

	curl_free(e);
	curl_easy_cleanup(c);
	return out;
}

static fq_finding *fail(fq_keys_report *r, fq_findings *findings, const char *endpoint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static fq_finding *fail(fq_keys_report *r, fq_findings *findings, const char *endpoint, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	fq_finding *f;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	free(r->error);
	r->error = fq_strdup(msg ? msg : "error");
	f = fq_findings_add_repo(findings, fq_rule_find("FQ078"), endpoint, "key API: %s%s%s%s",
				 r->error, r->request_id ? " (request id " : "", r->request_id ? r->request_id : "",
				 r->request_id ? ")" : "");
	fq_fingerprint_code(f, "keys", 4);
	free(msg);
	return f;
}

/* One page: 0 with the body in *body (HTTP 200), -1 after reporting FQ078. */
static int get_page(fq_keys_report *r, fq_findings *findings, const fq_probe_options *opts,
			const char *url, const char *endpoint, const char *key, fq_buf *body)
{
	char errbuf[CURL_ERROR_SIZE];
	fq_handshake hs;
	transfer t;
	CURLcode rc;
	long status = 0;

	memset(&hs, 0, sizeof(hs));
	memset(&t, 0, sizeof(t));
	errbuf[0] = '\0';
	fq_buf_init(&t.body, MAX_BODY);
	rc = fq_http_get_bearer(url, opts, key, &hs, on_body, &t, on_header, &t, &status, errbuf);
	if (rc == CURLE_FAILED_INIT) {
		fail(r, findings, endpoint, "cannot create an HTTP handle");
		fq_buf_free(&t.body);
		return -1;
	}
	if (t.request_id[0]) {
		free(r->request_id);
		r->request_id = fq_strdup(t.request_id);
	}
	if (rc != CURLE_OK) {
		if (hs.ca_error)
			fail(r, findings, endpoint, "cannot load the CA file %s", opts->ca_file);
		else if (rc == CURLE_OPERATION_TIMEDOUT)
			fail(r, findings, endpoint, "no answer within %ld s", opts->timeout_s);
		else
			fail(r, findings, endpoint, "request failed: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
		fq_buf_free(&t.body);
		return -1;
	}
	if (status == 401 || status == 403) {
		fail(r, findings, endpoint, "the API key was rejected (HTTP %ld)", status);
	} else if (status >= 300 && status < 400) {
		fail(r, findings, endpoint, "HTTP %ld redirect not followed: the key is sent to the API base only", status);
	} else if (status != 200) {
		fail(r, findings, endpoint, "HTTP %ld from the key API", status);
	} else {
		*body = t.body;
		return 0;
	}
	fq_buf_free(&t.body);
	return -1;
}

static char *str_field(json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	return json_is_string(v) ? fq_strdup(json_string_value(v)) : NULL;
}

static fq_finding *key_finding(fq_findings *findings, const char *rule, const char *endpoint,
			       const fq_key_facts *k, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static fq_finding *key_finding(fq_findings *findings, const char *rule, const char *endpoint,
			       const fq_key_facts *k, const char *fmt, ...)
{
	char *msg = NULL, *fp;
	va_list ap;
	fq_finding *f;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f = fq_findings_add_repo(findings, fq_rule_find(rule), endpoint, "%s key %s (%s, %s): %s",
				 k->type ? k->type : "?", k->id ? k->id : "?", k->algorithm ? k->algorithm : "?",
				 k->status ? k->status : "?", msg ? msg : "");
	f->confidence = FQ_CONF_HIGH;
	fp = fq_sprintf("%s/%s", k->id ? k->id : "", rule);
	fq_fingerprint_code(f, fp, strlen(fp));
	free(fp);
	free(msg);
	return f;
}

/* The guide's rotation schedule, in days. */
static long schedule_days(const char *type)
{
	if (type && (!strcmp(type, "signing") || !strcmp(type, "encryption") || !strcmp(type, "pq")))
		return 365;
	return 90;
}

static void judge_key(fq_keys_report *r, fq_findings *findings, const char *endpoint, fq_key_facts *k,
		      time_t now, long warn_days)
{
	int64_t created = 0, expires = 0;
	int has_created = fq_parse_rfc3339(k->created_at, &created) == 0;
	int has_expires = fq_parse_rfc3339(k->expires_at, &expires) == 0;

	(void)r;
	k->days_left = LONG_MIN;
	k->age_days = -1;
	if (has_expires)
		k->days_left = (long)((expires - (int64_t)now) / 86400 - (expires < (int64_t)now ? 1 : 0));
	if (has_created)
		k->age_days = (long)(((int64_t)now - created) / 86400);
	if (k->expires_at && !has_expires)
		key_finding(findings, "FQ078", endpoint, k, "expires_at '%.40s' is not an RFC 3339 time", k->expires_at);
	if (k->status && !strcmp(k->status, "retired"))
		return;
	if (has_expires && expires <= (int64_t)now) {
		if (k->status && !strcmp(k->status, "active"))
			key_finding(findings, "FQ075", endpoint, k, "expired on %s (%ld days ago) and is still active",
				    k->expires_at, -k->days_left);
	} else if (has_expires && k->days_left <= warn_days) {
		key_finding(findings, "FQ076", endpoint, k, "expires on %s, in %ld days", k->expires_at, k->days_left);
	}
	if (has_created && k->age_days > schedule_days(k->type) && k->status && !strcmp(k->status, "active"))
		key_finding(findings, "FQ077", endpoint, k,
			    "created on %s, %ld days ago: the guide rotates %s keys every %ld days", k->created_at,
			    k->age_days, k->type ? k->type : "api", schedule_days(k->type));
}

static uint64_t id_hash(const char *id)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ull;
	return h;
}

/* The slot of `id` in the index: the one that holds it, or the empty one
 * where it goes.  The index is at most half full. */
static size_t id_slot(const fq_keys_report *r, const char *id)
{
	size_t mask = r->id_nslots - 1, i = (size_t)id_hash(id) & mask;

	while (r->id_slots[i] && strcmp(r->keys[r->id_slots[i] - 1].id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Room for one more id in the index (doubled and refilled when half full). */
static void id_index_grow(fq_keys_report *r)
{
	size_t i;

	if (r->id_nslots && 2 * (r->nkeys + 1) <= r->id_nslots)
		return;
	free(r->id_slots);
	r->id_nslots = r->id_nslots ? r->id_nslots * 2 : 64;
	r->id_slots = fq_calloc(r->id_nslots, sizeof(*r->id_slots));
	for (i = 0; i < r->nkeys; i++) {
		if (r->keys[i].id)
			r->id_slots[id_slot(r, r->keys[i].id)] = i + 1;
	}
}

int fq_keys_take_page(fq_keys_report *out, fq_findings *findings, const char *endpoint, const char *body,
		      size_t len, time_t now, long warn_days, char **after)
{
	json_t *root, *data, *item, *last;
	json_error_t jerr;
	const char *last_id;
	size_t i;

	if (!(root = json_loadb(body, len, 0, &jerr))) {
		fail(out, findings, endpoint, "the answer is not valid JSON (line %d: %s)", jerr.line, jerr.text);
		return -1;
	}
	data = json_object_get(root, "data");
	if (!json_is_object(root) || !json_is_array(data)) {
		json_decref(root);
		fail(out, findings, endpoint, "the answer has no \"data\" array");
		return -1;
	}
	out->pages++;
	json_array_foreach(data, i, item) {
		const char *id = json_string_value(json_object_get(item, "id"));
		fq_key_facts *k;
		size_t slot = 0;

		if (!json_is_object(item))
			continue;
		/* a server that repeats a page must not double the findings */
		if (id) {
			id_index_grow(out);
			slot = id_slot(out, id);
			if (out->id_slots[slot])
				continue;
		}
		out->keys = fq_grow_array(out->keys, &out->keys_alloc, out->nkeys + 1, sizeof(*out->keys));
		k = &out->keys[out->nkeys++];
		memset(k, 0, sizeof(*k));
		k->id = str_field(item, "id");
		if (id)
			out->id_slots[slot] = out->nkeys; /* k->id is a copy of id */
		k->type = str_field(item, "type");
		k->algorithm = str_field(item, "algorithm");
		k->status = str_field(item, "status");
		k->created_at = str_field(item, "created_at");
		k->expires_at = str_field(item, "expires_at");
		judge_key(out, findings, endpoint, k, now, warn_days);
	}
	if (!json_is_true(json_object_get(root, "has_more"))) {
		json_decref(root);
		return 0;
	}
	last = json_array_get(data, json_array_size(data) - 1);
	last_id = json_string_value(json_object_get(last, "id"));
	if (!last_id || (*after && !strcmp(last_id, *after)) || out->pages >= MAX_PAGES) {
		json_decref(root);
		fail(out, findings, endpoint, "has_more is true but the page gives no new last id");
		return -1;
	}
	free(*after);
	*after = fq_strdup(last_id);
	json_decref(root);
	return 1;
}

int fq_probe_keys(fq_keys_report *out, fq_findings *findings, const fq_probe_options *opts)
{
	const char *env = opts->api_key_env ? opts->api_key_env : "FOURQ_API_KEY";
	const char *key = getenv(env);
	char *endpoint, *url, *after = NULL;
	time_t now = time(NULL);
	int error = 0;

	memset(out, 0, sizeof(*out));
	out->api_base = fq_strdup(opts->api_base);
	endpoint = fq_sprintf("%s/v1/keys", opts->api_base);
	if (!key || !key[0]) {
		fail(out, findings, endpoint, "the environment variable %s is not set: the key is read from the "
		     "environment only", env);
		free(endpoint);
		return -1;
	}
	for (;;) {
		char *esc = after ? url_escape(after) : NULL;
		fq_buf body = FQ_BUF_INIT;
		int more;

		url = esc ? fq_sprintf("%s?starting_after=%s", endpoint, esc) : fq_strdup(endpoint);
		free(esc);
		error = get_page(out, findings, opts, url, endpoint, key, &body);
		free(url);
		if (error < 0)
			break;
		more = fq_keys_take_page(out, findings, endpoint, body.ptr ? body.ptr : "", body.len, now,
					 opts->expiry_warn_days, &after);
		fq_buf_free(&body);
		if (more <= 0) {
			error = more;
			break;
		}
	}
	free(after);
	free(endpoint);
	return error;
}

int fq_probe_run(fq_probe_report *out, fq_findings *findings, const fq_probe_options *opts, int *incomplete)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	*incomplete = 0;
	if (opts->keys) {
		if (!opts->api_base || !opts->api_base[0])
			return fq_error_set(FQ_EUSAGE, "--keys needs an API base: --api-base URL, probes.api_base in "
					    "the config or FOURQ_API_BASE");
		if (strncasecmp(opts->api_base, "https://", 8) != 0)
			return fq_error_set(FQ_EUSAGE, "the API base must be an https:// URL: the key is never sent "
					    "in the clear");
	}
	if ((opts->ntls || opts->keys) && fq_curl_load_error())
		return fq_error_set(FQ_ERROR, "the probes need libcurl: %s", fq_curl_load_error());
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (opts->ntls) {
		out->tls = fq_calloc(opts->ntls, sizeof(*out->tls));
		out->ntls = opts->ntls;
		for (i = 0; i < opts->ntls; i++) {
			if (fq_probe_tls(&out->tls[i], findings, opts->tls_urls[i], opts) < 0)
				*incomplete = 1;
		}
	}
	if (opts->keys) {
		out->keys = fq_calloc(1, sizeof(*out->keys));
		if (fq_probe_keys(out->keys, findings, opts) < 0)
			*incomplete = 1;
	}
	curl_global_cleanup();
	return 0;
}

void fq_probe_report_free(fq_probe_report *r)
{
	size_t i, k;

	if (!r)
		return;
	for (i = 0; i < r->ntls; i++) {
		fq_tls_report *t = &r->tls[i];

		free(t->url);
		free(t->error);
		free(t->verify_error);
		for (k = 0; k < FQ_TLS_VERSIONS; k++)
			free(t->version_detail[k]);
	}
	free(r->tls);
	if (r->keys) {
		for (i = 0; i < r->keys->nkeys; i++) {
			fq_key_facts *kf = &r->keys->keys[i];

			free(kf->id);
			free(kf->type);
			free(kf->algorithm);
			free(kf->status);
			free(kf->created_at);
			free(kf->expires_at);
		}
		free(r->keys->keys);
		free(r->keys->id_slots);
		free(r->keys->api_base);
		free(r->keys->error);
		free(r->keys->request_id);
		free(r->keys);
	}
	memset(r, 0, sizeof(*r));
}
