#define _GNU_SOURCE
#include "text.h"
#include "buf.h"
#include "common.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s (1..4) or 0 when invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

char *fq_utf8_sanitize(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, o = 0, out_len;
	char *out;

	/* Worst case each byte becomes three. */
	if (len > (SIZE_MAX - 1) / 3)
		len = (SIZE_MAX - 1) / 3;
	out_len = len * 3 + 1;
	out = fq_malloc(out_len);
	while (i < len) {
		size_t n = utf8_valid_len(s + i, len - i);

		if (n == 0) {
			memcpy(out + o, replacement, 3);
			o += 3;
			i++;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		}
	}
	out[o] = '\0';
	return out;
}

char *fq_terminal_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i, o = 0;
	char *out = fq_malloc(len + 1);

	for (i = 0; i < len; i++) {
		unsigned c = p[i];

		if (c == '\t') {
			out[o++] = ' ';
		} else if (c < 0x20 || c == 0x7F) {
			out[o++] = '?';
		} else if (c == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
			/* C1 controls (U+0080..U+009F) act as escapes on some terminals. */
			out[o++] = '?';
			i++;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return out;
}

void fq_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < mdlen && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void fq_line_col(const char *data, size_t len, size_t off, int *line, int *col)
{
	size_t i, line_start = 0;
	int l = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			l++;
			line_start = i + 1;
		}
	}
	*line = l;
	*col = (int)(off - line_start) + 1;
}

void fq_line_bounds(const char *data, size_t len, size_t off, size_t *start, size_t *end)
{
	size_t s = off > len ? len : off, e = s;

	while (s > 0 && data[s - 1] != '\n')
		s--;
	while (e < len && data[e] != '\n')
		e++;
	if (e > s && data[e - 1] == '\r')
		e--;
	*start = s;
	*end = e;
}

const char *fq_memcasemem(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0)
		return hay;
	if (hlen < nlen)
		return NULL;
	for (i = 0; i + nlen <= hlen; i++) {
		if (tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[0]) &&
		    strncasecmp(hay + i, needle, nlen) == 0)
			return hay + i;
	}
	return NULL;
}

char *fq_uri_encode_path(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	fq_buf b = FQ_BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		char enc[3];

		if (isalnum(*p) || strchr("-._~/!$&'()*+,;=@", *p)) {
			enc[0] = (char)*p;
			if (fq_buf_put(&b, enc, 1) < 0)
				break;
		} else {
			enc[0] = '%';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			if (fq_buf_put(&b, "%", 1) < 0 || fq_buf_put(&b, enc + 1, 2) < 0)
				break;
		}
	}
	return fq_buf_detach(&b);
}
