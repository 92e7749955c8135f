#define _GNU_SOURCE
/* The key API response parser: any bytes as the body of an HTTP 200 give
 * keys and findings or an FQ078 finding, never a crash; a page that asks for
 * more is read again as the next page (a server repeating itself), which
 * must end the listing rather than loop. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/probe.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const char *s)
{
	char *clean = fq_utf8_sanitize(s, strlen(s));
	int same = strcmp(clean, s) == 0;

	free(clean);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_probe_report report;
	fq_findings findings;
	char *after = NULL;
	int rc, pages = 0;
	size_t i;

	memset(&report, 0, sizeof(report));
	memset(&findings, 0, sizeof(findings));
	report.keys = calloc(1, sizeof(*report.keys));
	if (!report.keys)
		return 0;
	do {
		rc = fq_keys_take_page(report.keys, &findings, "https://127.0.0.1/v1/keys", (const char *)data, size,
				       (time_t)1790000000, 30, &after);
		if (rc < 0 && !report.keys->error)
			abort(); /* a failed page always says why */
	} while (rc > 0 && ++pages < 3);
	if (rc > 0)
		abort(); /* the same page twice must not read as a new one */
	for (i = 0; i < findings.count; i++) {
		const fq_finding *f = &findings.items[i];

		if (!valid_utf8(f->message) || !valid_utf8(f->path))
			abort();
	}
	free(after);
	fq_findings_free(&findings);
	fq_probe_report_free(&report);
	return 0;
}
