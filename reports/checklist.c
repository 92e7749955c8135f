#include "checklist.h"
#include "../util/common.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *id;
	const char *title;
} items[FQ_CHECKLIST_ITEMS] = {
	{ "C01", "API keys stored in secrets manager" },
	{ "C02", "Separate keys for each environment" },
	{ "C03", "Error handling implemented" },
	{ "C04", "No payloads logged" },
	{ "C05", "Alerts configured" },
	{ "C06", "Key rotation plan documented" },
	{ "C07", "Incident response plan documented" },
	{ "C08", "Access controls reviewed" },
	{ "C09", "Audit log retention configured" },
	{ "C10", "TLS configuration verified" },
};

const char *fq_check_status_name(fq_check_status s)
{
	switch (s) {
	case FQ_CHECK_PASS: return "PASS";
	case FQ_CHECK_WARN: return "WARN";
	case FQ_CHECK_FAIL: return "FAIL";
	default: return "UNVERIFIED";
	}
}

/* Is all the evidence of an item collected by this run?  Every rule behind
 * it must be implemented and its stage must have run. */
static int evidence_complete(const char *id, unsigned ran)
{
	size_t i;
	int any = 0;

	for (i = 0; i < fq_rules_count; i++) {
		const fq_rule *r = &fq_rules[i];

		if (strcmp(r->checklist, id) != 0)
			continue;
		/* Probe evidence is optional except for C10, where the guide's
		 * "verified" needs a live check. */
		if (r->stage == FQ_STAGE_PROBE && strcmp(id, "C10") != 0)
			continue;
		any = 1;
		if (!r->implemented || !(ran & r->stage))
			return 0;
	}
	return any;
}

void fq_checklist_build(fq_checklist *out, const fq_scan_result *result, unsigned ran)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		fq_checklist_item *it = &out->items[i];
		fq_severity worst = FQ_SEV_INFO;

		it->id = items[i].id;
		it->title = items[i].title;
		for (k = 0; k < result->findings.count; k++) {
			const fq_finding *f = &result->findings.items[k];

			if (f->suppressed || strcmp(f->rule->checklist, it->id) != 0)
				continue;
			it->findings = fq_realloc_array((void *)it->findings, it->nfindings + 1,
							sizeof(*it->findings));
			it->findings[it->nfindings++] = f;
			if (f->severity > worst)
				worst = f->severity;
		}
		if (it->nfindings && worst >= FQ_SEV_HIGH)
			it->status = FQ_CHECK_FAIL;
		else if (it->nfindings)
			it->status = FQ_CHECK_WARN;
		else if (!evidence_complete(it->id, ran))
			it->status = FQ_CHECK_UNVERIFIED;
		else
			it->status = FQ_CHECK_PASS;
	}
}

void fq_checklist_free(fq_checklist *cl)
{
	size_t i;

	if (!cl)
		return;
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++)
		free((void *)cl->items[i].findings);
	memset(cl, 0, sizeof(*cl));
}
