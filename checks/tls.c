/*
 * The TLS probe: one handshake pinned to each of TLS 1.0, 1.1, 1.2 and 1.3
 * (verification off: the question is only whether the server agrees), one
 * with default settings and verification on for the negotiated suite and
 * the certificate, and when that fails verification a second one without,
 * to read the certificate's dates anyway.  Findings FQ070–FQ074, FQ078.
 */
#define _GNU_SOURCE
#include "http.h"
#include "../util/common.h"

#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	long sslversion;
} versions[FQ_TLS_VERSIONS] = {
	{ "TLSv1.0", CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_0 },
	{ "TLSv1.1", CURL_SSLVERSION_TLSv1_1 | CURL_SSLVERSION_MAX_TLSv1_1 },
	{ "TLSv1.2", CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2 },
	{ "TLSv1.3", CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_TLSv1_3 },
};

/* One handshake: CONNECT_ONLY stops after TLS, so no HTTP request is made. */
static CURLcode handshake(const char *url, const fq_probe_options *opts, long sslversion, int verify,
			  const char *ciphers, fq_handshake *hs, char *errbuf, long *verify_result)
{
	struct curl_slist *resolve = NULL;
	CURL *c;
	CURLcode rc;

	memset(hs, 0, sizeof(*hs));
	c = fq_http_handle(url, opts, verify, hs, &resolve, errbuf);
	if (!c)
		return CURLE_OUT_OF_MEMORY;
	curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
	if (sslversion)
		curl_easy_setopt(c, CURLOPT_SSLVERSION, sslversion);
	if (ciphers)
		curl_easy_setopt(c, CURLOPT_SSL_CIPHER_LIST, ciphers);
	rc = curl_easy_perform(c);
	if (verify_result)
		curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, verify_result);
	curl_easy_cleanup(c);
	curl_slist_free_all(resolve);
	if (!errbuf[0])
		snprintf(errbuf, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
	return rc;
}

static int unreachable(CURLcode rc)
{
	return rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT ||
	       rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
	       rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT || rc == CURLE_RECV_ERROR ||
	       rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING;
}

/* A failed pinned handshake: did the server refuse the version, or could
 * our own side not even offer it?  Only the first is an answer. */
static fq_tls_verdict judge_failure(const char *err)
{
	static const char *const client_side[] = {
		"no protocols available", "legacy sigalg", "no ciphers available", "no cipher match",
	};
	size_t i;

	for (i = 0; i < FQ_ARRAY_LEN(client_side); i++) {
		if (strcasestr(err, client_side[i]) && !strcasestr(err, "alert"))
			return FQ_TLSV_ERROR;
	}
	return FQ_TLSV_REFUSED;
}

static fq_finding *add(fq_findings *findings, const char *rule, const char *url, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static fq_finding *add(fq_findings *findings, const char *rule, const char *url, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	fq_finding *f;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f = fq_findings_add_repo(findings, fq_rule_find(rule), url, "%s", msg ? msg : "");
	f->confidence = FQ_CONF_HIGH;
	/* stable across runs: the rule, the endpoint, not the day count */
	fq_fingerprint_code(f, rule, strlen(rule));
	free(msg);
	return f;
}

int fq_probe_tls(fq_tls_report *out, fq_findings *findings, const char *url, const fq_probe_options *opts)
{
	fq_handshake hs;
	char errbuf[CURL_ERROR_SIZE];
	long verify_result = 0;
	CURLcode rc;
	int i, legacy = 0, errors = 0;
	char legacy_list[64] = "";

	memset(out, 0, sizeof(*out));
	out->url = fq_strdup(url);
	if (strncasecmp(url, "https://", 8) != 0) {
		out->error = fq_sprintf("not an https:// URL");
		add(findings, "FQ078", url, "TLS probe of %s could not run: not an https:// URL", url);
		return -1;
	}
	rc = handshake(url, opts, 0, 1, NULL, &hs, errbuf, &verify_result);
	if (hs.ca_error) {
		out->error = fq_sprintf("cannot load the CA file %s", opts->ca_file);
		add(findings, "FQ078", url, "TLS probe of %s could not run: cannot load the CA file", url);
		return -1;
	}
	if (unreachable(rc)) {
		out->error = fq_sprintf("%s", errbuf);
		add(findings, "FQ078", url, "TLS endpoint %s could not be probed: %s", url, errbuf);
		return -1;
	}
	out->reachable = 1;
	if (rc != CURLE_OK && rc != CURLE_PEER_FAILED_VERIFICATION) {
		/* No modern handshake at all (a TLS 1.0-only server): verify with a
		 * client that still speaks the old versions, so the certificate is
		 * judged and read anyway; FQ070 reports the versions. */
		rc = handshake(url, opts, CURL_SSLVERSION_TLSv1_0, 1, "DEFAULT@SECLEVEL=0", &hs, errbuf,
			       &verify_result);
	}
	if (rc == CURLE_OK) {
		out->verified = 1;
	} else if (rc == CURLE_PEER_FAILED_VERIFICATION) {
		/* curl checks the host name itself: its message says more than
		 * OpenSSL's result code, which stays "unspecified" for a mismatch */
		const char *why = verify_result > 1 ? X509_verify_cert_error_string(verify_result) : errbuf;

		out->verify_error = fq_strdup(why);
		/* read the certificate anyway, to say when it expired */
		rc = handshake(url, opts, 0, 0, NULL, &hs, errbuf, NULL);
	} else {
		/* no handshake completes with verification on for any version */
		out->error = fq_strdup(errbuf);
		rc = handshake(url, opts, CURL_SSLVERSION_TLSv1_0, 0, "DEFAULT@SECLEVEL=0", &hs, errbuf, NULL);
	}
	if (hs.done) {
		snprintf(out->negotiated_version, sizeof(out->negotiated_version), "%s", hs.version);
		snprintf(out->cipher, sizeof(out->cipher), "%s", hs.cipher);
		out->cipher_bits = hs.cipher_bits;
		out->forward_secrecy = hs.forward_secrecy;
		out->cert = hs.cert;
	}

	for (i = 0; i < FQ_TLS_VERSIONS; i++) {
		fq_handshake vh;
		/* OpenSSL 3 at security level 2 will not offer TLS 1.0/1.1 at
		 * all: without SECLEVEL=0 an old server would look safe. */
		const char *ciphers = i < 2 ? "DEFAULT@SECLEVEL=0" : NULL;

		rc = handshake(url, opts, versions[i].sslversion, 0, ciphers, &vh, errbuf, NULL);
		if (rc == CURLE_OK && vh.done) {
			out->versions[i] = FQ_TLSV_ACCEPTED;
		} else if (unreachable(rc) && rc != CURLE_RECV_ERROR && rc != CURLE_SEND_ERROR &&
			   rc != CURLE_GOT_NOTHING) {
			out->versions[i] = FQ_TLSV_ERROR;
		} else {
			out->versions[i] = judge_failure(errbuf);
		}
		out->version_detail[i] = fq_strdup(rc == CURLE_OK ? "handshake completed" : errbuf);
		if (out->versions[i] == FQ_TLSV_ERROR)
			errors++;
		if (i < 2 && out->versions[i] == FQ_TLSV_ACCEPTED) {
			legacy++;
			strcat(legacy_list, legacy > 1 ? " and " : "");
			strcat(legacy_list, versions[i].name);
		}
	}

	if (legacy)
		add(findings, "FQ070", url, "%s completes a handshake at %s: disable TLS versions below 1.2", url,
		    legacy_list);
	if (out->versions[3] == FQ_TLSV_REFUSED)
		add(findings, "FQ071", url, "%s cannot negotiate TLS 1.3", url);
	if (out->cert.present && out->cert.days_left < 0)
		add(findings, "FQ072", url, "the certificate of %s expired on %s (%ld days ago)%s%s", url,
		    out->cert.not_after, -out->cert.days_left, out->verify_error ? "; verification: " : "",
		    out->verify_error ? out->verify_error : "");
	else if (out->verify_error)
		add(findings, "FQ072", url, "the certificate of %s does not verify: %s", url, out->verify_error);
	if (out->cert.present && out->cert.days_left >= 0 && out->cert.days_left <= opts->expiry_warn_days)
		add(findings, "FQ073", url, "the certificate of %s expires on %s, in %ld days", url,
		    out->cert.not_after, out->cert.days_left);
	if (out->cipher[0] && (!out->forward_secrecy || out->cipher_bits < 128))
		add(findings, "FQ074", url, "%s negotiates %s (%d-bit%s)", url, out->cipher, out->cipher_bits,
		    out->forward_secrecy ? "" : ", no forward secrecy");
	if (errors) {
		for (i = 0; i < FQ_TLS_VERSIONS; i++) {
			if (out->versions[i] == FQ_TLSV_ERROR) {
				add(findings, "FQ078", url, "the %s probe of %s could not run: %s", versions[i].name, url,
				    out->version_detail[i]);
				break;
			}
		}
		return -1;
	}
	return 0;
}

const char *fq_tls_version_name(int i)
{
	return i >= 0 && i < FQ_TLS_VERSIONS ? versions[i].name : "?";
}

const char *fq_tls_verdict_name(fq_tls_verdict v)
{
	switch (v) {
	case FQ_TLSV_ACCEPTED: return "accepted";
	case FQ_TLSV_REFUSED: return "refused";
	case FQ_TLSV_ERROR: return "error";
	default: return "unknown";
	}
}
