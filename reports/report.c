#include "report.h"
#include "../checks/probe.h"
#include "../util/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const fq_reporter fq_reporters[] = {
	{ "text", fq_report_text },
	{ "json", fq_report_json },
	{ "sarif", fq_report_sarif },
	{ "junit", fq_report_junit },
	{ "markdown", fq_report_markdown },
	{ "html", fq_report_html },
};

const size_t fq_reporters_count = sizeof(fq_reporters) / sizeof(fq_reporters[0]);

const fq_reporter *fq_reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < fq_reporters_count; i++) {
		if (strcmp(fq_reporters[i].name, name) == 0)
			return &fq_reporters[i];
	}
	return NULL;
}

int fq_report_shows(const fq_finding *f, const fq_report_options *o)
{
	return !f->suppressed || o->show_suppressed;
}

char *fq_report_safe(const char *s)
{
	return fq_safe_string(s ? s : "", s ? strlen(s) : 0);
}

/* Decodes the sequence at p (valid UTF-8, as fq_report_safe makes it);
 * anything else is one byte with the code point 0xFFFFFFFF, which is
 * replaced like a non-character.  Never reads past a NUL. */
static size_t utf8_next(const unsigned char *p, uint32_t *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		      ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFFFFFFu;
	return 1;
}

/* Characters that must not reach a page as they are: C0 controls but tab
 * and newline (ANSI escapes from file names), DEL and C1 controls, bidi
 * embeddings, overrides and isolates (which could make one path read as
 * another) and non-characters. */
static int unwanted(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

char *fq_report_clean(const char *raw, int one_line, int is_path)
{
	char *s = fq_report_safe(raw), *out;
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), o = 0, cap;

	/* a one-byte control becomes three bytes at worst */
	if (len > (SIZE_MAX - 1) / 3)
		len = (SIZE_MAX - 1) / 3;
	cap = len * 3 + 1;
	out = fq_malloc(cap);
	while (*p) {
		uint32_t cp;
		size_t n = utf8_next(p, &cp);

		if (o + 4 > cap)
			break;
		if (cp == '\r') {
			/* the end of a CRLF line, not content */
		} else if ((cp == '\n' || cp == '\t') && is_path) {
			/* as white space they would pass for part of the name */
			memcpy(out + o, FQ_REPLACEMENT, 3);
			o += 3;
		} else if ((cp == '\n' || cp == '\t') && one_line) {
			out[o++] = ' ';
		} else if (unwanted(cp)) {
			memcpy(out + o, FQ_REPLACEMENT, 3);
			o += 3;
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
	free(s);
	return out;
}

const char *fq_report_mode_label(fq_mode m)
{
	switch (m) {
	case FQ_MODE_WORKTREE: return "working tree";
	case FQ_MODE_STAGED: return "index (staged changes)";
	case FQ_MODE_REV: return "revision";
	case FQ_MODE_SINCE: return "changes since";
	case FQ_MODE_HISTORY: return "full history";
	case FQ_MODE_PROBE: return "live probes only";
	default: return "unknown";
	}
}

void fq_report_tls_facts(FILE *out, const struct fq_tls_report *t,
			 void (*kv_row)(FILE *out, const char *key, const char *value))
{
	char buf[128];
	size_t k;

	kv_row(out, "Reachable", t->reachable ? "yes" : "no");
	if (t->error)
		kv_row(out, "Error", t->error);
	for (k = 0; k < FQ_TLS_VERSIONS; k++)
		kv_row(out, fq_tls_version_name((int)k), fq_tls_verdict_name(t->versions[k]));
	if (t->negotiated_version[0]) {
		snprintf(buf, sizeof(buf), "%s, %s (%d bits), forward secrecy %s", t->negotiated_version, t->cipher,
			 t->cipher_bits, t->forward_secrecy ? "yes" : "no");
		kv_row(out, "Negotiated", buf);
	}
	kv_row(out, "Certificate chain verified", t->verified ? "yes" : "no");
	if (t->verify_error)
		kv_row(out, "Verification error", t->verify_error);
	if (t->cert.present) {
		kv_row(out, "Subject", t->cert.subject);
		kv_row(out, "Issuer", t->cert.issuer);
		snprintf(buf, sizeof(buf), "%s, %d bits", t->cert.key_type, t->cert.key_bits);
		kv_row(out, "Key", buf);
		snprintf(buf, sizeof(buf), "%s (%ld days %s)", t->cert.not_after,
			 t->cert.days_left < 0 ? -t->cert.days_left : t->cert.days_left,
			 t->cert.days_left < 0 ? "ago" : "left");
		kv_row(out, "Expires", buf);
	}
}
