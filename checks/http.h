/*
 * What the probes share about libcurl: one easy handle set up the way every
 * probe wants it (timeouts always set, only https, no redirects, the extra
 * CA added to the default trust store, --resolve entries) and a hook that
 * reads the TLS facts at handshake time, since CURLINFO_TLS_SSL_PTR after
 * curl_easy_perform() has no SSL object left to read.
 */
#ifndef FQ_HTTP_H
#define FQ_HTTP_H

#include <curl/curl.h>

#include "probe.h"

typedef struct fq_handshake {
	int done;                     /* the handshake completed */
	char version[16];
	char cipher[64];
	int cipher_bits;
	int forward_secrecy;
	fq_cert_facts cert;
	const char *ca_file;          /* borrowed: added to the trust store */
	int ca_error;                 /* the CA file could not be loaded */
} fq_handshake;

/* A new easy handle for url with the shared settings; verify selects
 * certificate and host name checks.  *headers holds the --resolve list and
 * must be freed with curl_slist_free_all after the transfer. */
CURL *fq_http_handle(const char *url, const fq_probe_options *opts, int verify, fq_handshake *hs,
		     struct curl_slist **resolve, char *errbuf);

/* GET url over verified TLS with "Authorization: Bearer <key>" and
 * "Accept: application/json": the body and headers go to the callbacks
 * (either may be NULL), the HTTP status to *status.  The header that holds
 * the key is wiped before this returns.  libcurl's code, or
 * CURLE_FAILED_INIT when no handle could be made. */
CURLcode fq_http_get_bearer(const char *url, const fq_probe_options *opts, const char *key, fq_handshake *hs,
			    curl_write_callback on_body, void *body_ud, curl_write_callback on_header,
			    void *header_ud, long *status, char *errbuf);

#endif
