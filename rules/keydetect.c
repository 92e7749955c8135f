#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include "keydetect.h"
#include "../util/regex.h"
#include "../util/buf.h"
#include "../util/common.h"
#include "../util/text.h"

#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define KEY_PATTERN "(?<![A-Za-z0-9])sk_(live|test|admin)_[A-Za-z0-9]{16,}"

static pcre2_code *key_code;
static int key_jit;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

struct fq_keydetect {
	pcre2_match_data *md;
};

static void compile_once(void)
{
	int errcode;
	PCRE2_SIZE erroff;

	/* anchored when compiled: pcre2_jit_match ignores PCRE2_ANCHORED at
	 * match time, and an unanchored search from every "sk_" of task_id or
	 * disk_size to the end of the file made large files quadratic */
	key_code = pcre2_compile((PCRE2_SPTR)KEY_PATTERN, PCRE2_ZERO_TERMINATED, PCRE2_ANCHORED,
				 &errcode, &erroff, NULL);
	if (key_code && fq_regex_jit(key_code))
		key_jit = 1;
}

int fq_keydetect_global_init(void)
{
	pthread_once(&key_once, compile_once);
	return key_code ? 0 : fq_error_set(FQ_ERROR, "cannot compile the key pattern");
}

fq_keydetect *fq_keydetect_new(void)
{
	fq_keydetect *kd;

	if (fq_keydetect_global_init() < 0)
		return NULL;
	kd = fq_calloc(1, sizeof(*kd));
	kd->md = pcre2_match_data_create_from_pattern(key_code, NULL);
	return kd;
}

void fq_keydetect_free(fq_keydetect *kd)
{
	if (!kd)
		return;
	pcre2_match_data_free(kd->md);
	free(kd);
}

int fq_keydetect_maybe(const char *data, size_t len)
{
	return memmem(data, len, "sk_", 3) != NULL;
}

int fq_keydetect_next(fq_keydetect *kd, const char *data, size_t len, size_t *pos,
		      fq_key_match *out)
{
	size_t at = *pos;

	while (at < len) {
		const char *hit = memmem(data + at, len - at, "sk_", 3);
		size_t off;
		int rc;

		if (!hit)
			break;
		off = (size_t)(hit - data);
		/* Anchored at the literal: the regex only confirms what memmem found. */
		if (key_jit)
			rc = pcre2_jit_match(key_code, (PCRE2_SPTR)data, len, off, PCRE2_ANCHORED,
					     kd->md, NULL);
		else
			rc = pcre2_match(key_code, (PCRE2_SPTR)data, len, off, PCRE2_ANCHORED,
					 kd->md, NULL);
		if (rc > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(kd->md);

			out->start = ov[0];
			out->end = ov[1];
			out->kind = data[ov[2]] == 'l' ? FQ_KEY_LIVE :
				    data[ov[2]] == 't' ? FQ_KEY_TEST : FQ_KEY_ADMIN;
			out->placeholder = fq_key_is_placeholder(data + ov[0], ov[1] - ov[0]);
			*pos = ov[1];
			return 1;
		}
		at = off + 1;
	}
	*pos = len;
	return 0;
}

static size_t prefix_len(const char *key, size_t len)
{
	const char *us = len > 3 ? memchr(key + 3, '_', len - 3) : NULL;

	return us ? (size_t)(us - key) + 1 : 0;
}

/* Words that people type in place of a real key. */
static const char *const placeholder_words[] = {
	"xxxx", "your", "example", "placeholder", "dummy", "fake", "sample", "redacted",
	"changeme", "replace", "insert", "keyhere", "notreal", "0000", "test1234", "secret",
};

static int is_sequential_pair(unsigned char a, unsigned char b)
{
	a = (unsigned char)tolower(a);
	b = (unsigned char)tolower(b);
	return b == a + 1 || (a == '9' && b == '0') || a == b;
}

int fq_key_is_placeholder(const char *key, size_t len)
{
	size_t plen = prefix_len(key, len), n, i, period, seq = 0, distinct = 0;
	const unsigned char *body;
	unsigned counts[256] = { 0 };
	double entropy = 0.0;

	if (plen == 0 || plen >= len)
		return 1;
	body = (const unsigned char *)key + plen;
	n = len - plen;

	for (i = 0; i < FQ_ARRAY_LEN(placeholder_words); i++) {
		if (fq_memcasemem((const char *)body, n, placeholder_words[i],
				  strlen(placeholder_words[i])))
			return 1;
	}
	/* A short unit repeated: "abababab", "12341234". */
	for (period = 1; period <= 4 && period < n; period++) {
		for (i = period; i < n; i++) {
			if (tolower(body[i]) != tolower(body[i - period]))
				break;
		}
		if (i == n)
			return 1;
	}
	/* Runs of sequential characters: "1234567890abcdef". */
	for (i = 1; i < n; i++)
		seq += (size_t)is_sequential_pair(body[i - 1], body[i]);
	if (seq * 2 >= n - 1)
		return 1;
	for (i = 0; i < n; i++)
		counts[body[i]]++;
	for (i = 0; i < 256; i++) {
		if (counts[i]) {
			double p = (double)counts[i] / (double)n;

			entropy -= p * log2(p);
			distinct++;
		}
	}
	return entropy < 3.0 || distinct < 8;
}

const char *fq_key_kind_name(fq_key_kind kind)
{
	switch (kind) {
	case FQ_KEY_LIVE: return "live";
	case FQ_KEY_TEST: return "test";
	default: return "admin";
	}
}

char *fq_key_redact(const char *key, size_t len)
{
	size_t plen = prefix_len(key, len), show;
	char hash[65];

	fq_sha256_hex(key, len, hash);
	show = len - plen < 4 ? len - plen : 4;
	return fq_sprintf("%.*s%.*s\xE2\x80\xA6(%zu chars, sha256:%.8s)", (int)plen, key,
			  (int)show, key + plen, len, hash);
}

char *fq_redact_text(const char *data, size_t len, size_t *out_len)
{
	fq_keydetect *kd;
	fq_buf b = FQ_BUF_INIT;
	fq_key_match m;
	size_t pos = 0, copied = 0;
	int ok = 1;

	if (!fq_keydetect_maybe(data, len) || !(kd = fq_keydetect_new())) {
		char *copy = fq_strndup(data, len);

		if (out_len)
			*out_len = len;
		return copy;
	}
	while (fq_keydetect_next(kd, data, len, &pos, &m)) {
		char *red = fq_key_redact(data + m.start, m.end - m.start);

		ok &= fq_buf_put(&b, data + copied, m.start - copied) == 0;
		ok &= fq_buf_puts(&b, red) == 0;
		free(red);
		copied = m.end;
	}
	ok &= fq_buf_put(&b, data + copied, len - copied) == 0;
	fq_keydetect_free(kd);
	if (!ok) {
		/* Cannot happen without a cap; fail closed rather than leak. */
		fq_buf_free(&b);
		return fq_strdup("[redacted]");
	}
	if (out_len)
		*out_len = b.len;
	return fq_buf_detach(&b);
}
