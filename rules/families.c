#define _GNU_SOURCE
/* The families in the order they run, and facts several of them share. */
#include "family.h"
#include "../scanner/config.h"
#include "../util/common.h"

#include <string.h>

const fq_family *const fq_families[] = {
	&fq_family_keys, &fq_family_keyuse, &fq_family_payloads, &fq_family_errors,
	&fq_family_policies, &fq_family_tls, &fq_family_repository,
};
const size_t fq_families_count = FQ_ARRAY_LEN(fq_families);

/* Words without which no code rule can fire: a file holding none of them is
 * not parsed at all. */
static const char *const code_triggers[] = {
	"protect", "rejectUnauthorized", "REJECT_UNAUTHORIZED", "verify", "CERT_NONE",
	"check_hostname", "unverified", "minVersion", "maxVersion", "secureProtocol", "PROTOCOL_",
	"TLSVersion", "minimum_version", "strictSSL", "http://", "olic", "OLIC", "HTTPSVERIFY",
	"verify_ssl", "TCPConnector", "DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION", "SSL_VERIFY",
};
/* FQ003 needs a key-like name and a logging call together. */
/* A key literal counts too, but only a real one (has_key): "sk_" alone is
 * in task_id, risk_score, disk_usage... */
static const char *const key_words[] = {
	"apiKey", "api_key", "secretKey", "secret_key", "API_KEY", "ApiKey", "SECRET_KEY", "ccessKey",
	"ccess_key", "CCESS_KEY",
};
static const char *const log_words[] = { "log", "console", "print", "winston", "pino", "bunyan" };

static int any_of(const char *data, size_t len, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (memmem(data, len, words[i], strlen(words[i])))
			return 1;
	}
	return 0;
}

int fq_code_wanted(const char *data, size_t len, const fq_config *cfg, int has_key)
{
	size_t i;

	/* configured protect/unprotect names ("seal") are triggers too */
	for (i = 0; cfg && i < cfg->protect_methods.count; i++) {
		if (memmem(data, len, cfg->protect_methods.items[i], strlen(cfg->protect_methods.items[i])))
			return 1;
	}
	for (i = 0; cfg && i < cfg->unprotect_methods.count; i++) {
		if (memmem(data, len, cfg->unprotect_methods.items[i], strlen(cfg->unprotect_methods.items[i])))
			return 1;
	}
	return any_of(data, len, code_triggers, FQ_ARRAY_LEN(code_triggers)) ||
	       ((has_key || any_of(data, len, key_words, FQ_ARRAY_LEN(key_words))) &&
		any_of(data, len, log_words, FQ_ARRAY_LEN(log_words)));
}
