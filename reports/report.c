#include "report.h"
#include "../util/common.h"

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
