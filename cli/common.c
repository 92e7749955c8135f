#include "common.h"
#include "../scanner/finding.h"
#include "../util/common.h"
#include "../util/text.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void fq_cli_print_error(const char *msg)
{
	char *safe = fq_safe_string(msg, strlen(msg)), *term = fq_terminal_safe(safe);

	fprintf(stderr, "fourq-scan: %s\n", term);
	free(term);
	free(safe);
}

static int usage_verror(const char *cmd, const char *fmt, va_list ap) FQ_PRINTF(2, 0);

static int usage_verror(const char *cmd, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fq_cli_print_error(msg);
	fprintf(stderr, "Try 'fourq-scan%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
	return EXIT_USAGE;
}

int fq_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = usage_verror(cmd, fmt, ap);
	va_end(ap);
	return rc;
}

const char *fq_cli_opt_value(const char *cmd, int argc, char **argv, int *i, const char *name, int *err)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*err = fq_cli_usage_error(cmd, "option %s needs a value", name);
		return NULL;
	}
	return argv[++*i];
}

int fq_cli_parse_uint(const char *s, unsigned long long *out)
{
	char *end;

	errno = 0;
	if (!s[0] || s[0] == '-')
		return -1;
	*out = strtoull(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

int64_t fq_cli_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	unsigned long long v;

	if (e && fq_cli_parse_uint(e, &v) == 0)
		return (int64_t)v;
	return (int64_t)time(NULL);
}

void fq_cli_file_sha256(const char *path, char out[65])
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char buf[16384], d[32];
	unsigned int dl = 0;
	size_t n, i;

	out[0] = '\0';
	if (f && md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1) {
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			EVP_DigestUpdate(md, buf, n);
		if (!ferror(f) && EVP_DigestFinal_ex(md, d, &dl) == 1 && dl == 32) {
			for (i = 0; i < 32; i++)
				snprintf(out + 2 * i, 3, "%02x", d[i]);
		}
	}
	if (f)
		fclose(f);
	EVP_MD_CTX_free(md);
}
