#define _GNU_SOURCE
/* The families in the order they run, and facts several of them share. */
#include "family.h"
#include "../scanner/config.h"
#include "../util/common.h"
#include "../util/literals.h"

#include <pthread.h>
#include <stdlib.h>
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

static fq_literals wanted_words;
static uint64_t trigger_mask, key_mask, log_mask, key_prefix_mask;
static pthread_once_t wanted_once = PTHREAD_ONCE_INIT;

static void build_wanted(void)
{
	const char *words[FQ_LITERALS_MAX];
	size_t n = 0, i;

	for (i = 0; i < FQ_ARRAY_LEN(code_triggers); i++, n++) {
		words[n] = code_triggers[i];
		trigger_mask |= 1ull << n;
	}
	for (i = 0; i < FQ_ARRAY_LEN(key_words); i++, n++) {
		words[n] = key_words[i];
		key_mask |= 1ull << n;
	}
	for (i = 0; i < FQ_ARRAY_LEN(log_words); i++, n++) {
		words[n] = log_words[i];
		log_mask |= 1ull << n;
	}
	/* the key rules' prefilter, in the same pass */
	words[n] = "sk_";
	key_prefix_mask = 1ull << n++;
	if (fq_literals_init(&wanted_words, words, n) < 0)
		abort(); /* a programming error in the tables above */
}

uint64_t fq_file_words(const fq_file *file)
{
	fq_file *f = (fq_file *)file; /* a lazy cache on a file its worker owns */

	if (!f->words_known) {
		pthread_once(&wanted_once, build_wanted);
		f->words = fq_literals_scan(&wanted_words, f->data, f->len, 0);
		f->words_known = 1;
	}
	return f->words;
}

int fq_file_may_hold_key(const fq_file *file)
{
	return (fq_file_words(file) & key_prefix_mask) != 0;
}

int fq_code_wanted(const fq_file *file, int has_key)
{
	const fq_config *cfg = file->config;
	uint64_t found;
	size_t i;

	/* configured protect/unprotect names ("seal") are triggers too */
	for (i = 0; cfg && i < cfg->protect_methods.count; i++) {
		if (strcmp(cfg->protect_methods.items[i], "protect") &&
		    memmem(file->data, file->len, cfg->protect_methods.items[i],
			   strlen(cfg->protect_methods.items[i])))
			return 1;
	}
	for (i = 0; cfg && i < cfg->unprotect_methods.count; i++) {
		if (strcmp(cfg->unprotect_methods.items[i], "unprotect") &&
		    memmem(file->data, file->len, cfg->unprotect_methods.items[i],
			   strlen(cfg->unprotect_methods.items[i])))
			return 1;
	}
	found = fq_file_words(file);
	return (found & trigger_mask) || ((has_key || (found & key_mask)) && (found & log_mask));
}
