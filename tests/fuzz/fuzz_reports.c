/* The report writers fed arbitrary bytes as paths, messages, snippets and
 * notes: the JSON and SARIF must parse, and every report must be valid
 * UTF-8. */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const char *s, size_t n)
{
	char *fixed = fq_utf8_sanitize(s, n);
	int same = strlen(fixed) == n && memcmp(fixed, s, n) == 0;

	free(fixed);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_scan_result r;
	fq_report_options o;
	size_t third = size / 3, i;
	char *path = strndup((const char *)data, third);
	fq_file file;

	memset(&r, 0, sizeof(r));
	memset(&o, 0, sizeof(o));
	o.version = "fuzz";
	o.fail_on = FQ_SEV_HIGH;
	o.show_suppressed = 1;
	r.path = strdup(path);
	r.stages = FQ_STAGE_TEXT | FQ_STAGE_CODE | FQ_STAGE_REPO;
	memset(&file, 0, sizeof(file));
	file.path = path;
	file.data = (const char *)data + third;
	file.len = size - third;
	fq_findings_add(&r.findings, fq_rule_find("FQ020"), &file, 0, file.len, "%.*s", (int)third,
			(const char *)data);
	fq_findings_add_repo(&r.findings, fq_rule_find("FQ064"), path, "%s", "repository finding");
	fq_fingerprint_code(&r.findings.items[0], "x", 1);
	fq_notes_add(&r.errors, path, "%.*s", (int)(size - third), (const char *)data + third);
	fq_evidence_add(&r.evidence, "C01", path, 1, "%s", path);
	for (i = 0; i < fq_reporters_count; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);

		fq_reporters[i].write(out, &r, &o);
		fclose(out);
		if (!valid_utf8(buf, len))
			abort();
		if (!strcmp(fq_reporters[i].name, "json") || !strcmp(fq_reporters[i].name, "sarif")) {
			json_error_t e;
			json_t *j = json_loadb(buf, len, 0, &e);

			if (!j)
				abort();
			json_decref(j);
		}
		free(buf);
	}
	fq_scan_result_free(&r);
	fq_file_release(&file);
	free(path);
	return 0;
}
