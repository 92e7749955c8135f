#define _GNU_SOURCE
#include "http.h"
#include "../util/common.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void read_cert(fq_cert_facts *out, X509 *cert)
{
	const ASN1_TIME *na;
	EVP_PKEY *pk;
	struct tm tm;
	int days = 0, secs = 0;

	memset(out, 0, sizeof(*out));
	if (!cert)
		return;
	out->present = 1;
	X509_NAME_oneline(X509_get_subject_name(cert), out->subject, sizeof(out->subject));
	X509_NAME_oneline(X509_get_issuer_name(cert), out->issuer, sizeof(out->issuer));
	pk = X509_get0_pubkey(cert);
	if (pk) {
		int id = EVP_PKEY_get_base_id(pk);

		snprintf(out->key_type, sizeof(out->key_type), "%s",
			 id == EVP_PKEY_RSA ? "RSA" : id == EVP_PKEY_EC ? "EC" :
			 id == EVP_PKEY_ED25519 ? "Ed25519" : id == EVP_PKEY_DSA ? "DSA" : "other");
		out->key_bits = EVP_PKEY_get_bits(pk);
	}
	na = X509_get0_notAfter(cert);
	if (na && ASN1_TIME_to_tm(na, &tm) == 1)
		strftime(out->not_after, sizeof(out->not_after), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (na && ASN1_TIME_diff(&days, &secs, NULL, na) == 1)
		out->days_left = days - (secs < 0 && days <= 0 ? 1 : 0);
}

static void info_callback(const SSL *ssl, int where, int ret)
{
	fq_handshake *hs = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
	const SSL_CIPHER *c;
	X509 *cert;

	(void)ret;
	if (!hs || !(where & SSL_CB_HANDSHAKE_DONE))
		return;
	hs->done = 1;
	snprintf(hs->version, sizeof(hs->version), "%s", SSL_get_version(ssl));
	c = SSL_get_current_cipher(ssl);
	if (c) {
		int kx = SSL_CIPHER_get_kx_nid(c);

		snprintf(hs->cipher, sizeof(hs->cipher), "%s", SSL_CIPHER_get_name(c));
		hs->cipher_bits = SSL_CIPHER_get_bits(c, NULL);
		/* TLS 1.3 suites (kx "any") always use an ephemeral exchange */
		hs->forward_secrecy = kx == NID_kx_ecdhe || kx == NID_kx_dhe || kx == NID_kx_any ||
				      kx == NID_kx_ecdhe_psk || kx == NID_kx_dhe_psk;
	}
	cert = SSL_get1_peer_certificate(ssl);
	read_cert(&hs->cert, cert);
	X509_free(cert);
}

static CURLcode ctx_function(CURL *curl, void *sslctx, void *parm)
{
	fq_handshake *hs = parm;
	SSL_CTX *ctx = sslctx;

	(void)curl;
	SSL_CTX_set_app_data(ctx, hs);
	SSL_CTX_set_info_callback(ctx, info_callback);
	/* --ca-file adds to the default trust store instead of replacing it */
	if (hs->ca_file && X509_STORE_load_file(SSL_CTX_get_cert_store(ctx), hs->ca_file) != 1) {
		hs->ca_error = 1;
		return CURLE_SSL_CACERT_BADFILE;
	}
	return CURLE_OK;
}

CURL *fq_http_handle(const char *url, const fq_probe_options *opts, int verify, fq_handshake *hs,
		     struct curl_slist **resolve, char *errbuf)
{
	CURL *c = curl_easy_init();
	long ms = (opts->timeout_s > 0 ? opts->timeout_s : 10) * 1000L;
	size_t i;

	*resolve = NULL;
	if (!c)
		return NULL;
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* an s_server -www answering a HEAD never closes: always bounded */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, ms);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, ctx_function);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, hs);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "fourq-scan/" FQ_VERSION);
	hs->ca_file = opts->ca_file;
	for (i = 0; i < opts->nresolve; i++)
		*resolve = curl_slist_append(*resolve, opts->resolve[i]);
	if (*resolve)
		curl_easy_setopt(c, CURLOPT_RESOLVE, *resolve);
	return c;
}

CURLcode fq_http_get_bearer(const char *url, const fq_probe_options *opts, const char *key, fq_handshake *hs,
			    curl_write_callback on_body, void *body_ud, curl_write_callback on_header,
			    void *header_ud, long *status, char *errbuf)
{
	struct curl_slist *resolve = NULL, *headers = NULL;
	char *auth;
	CURL *c;
	CURLcode rc;

	*status = 0;
	c = fq_http_handle(url, opts, 1, hs, &resolve, errbuf);
	if (!c)
		return CURLE_FAILED_INIT;
	auth = fq_sprintf("Authorization: Bearer %s", key);
	headers = curl_slist_append(headers, auth);
	headers = curl_slist_append(headers, "Accept: application/json");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (on_body) {
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, body_ud);
	}
	if (on_header) {
		curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(c, CURLOPT_HEADERDATA, header_ud);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	curl_slist_free_all(headers);
	curl_slist_free_all(resolve);
	/* the key leaves memory as soon as it is not needed */
	explicit_bzero(auth, strlen(auth));
	free(auth);
	return rc;
}
