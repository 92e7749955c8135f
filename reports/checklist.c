#define _GNU_SOURCE
#include "checklist.h"
#include "../scanner/config.h"
#include "../util/buf.h"
#include "../util/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
}, sections[FQ_CHECKLIST_SECTIONS] = {
	{ "payload-handling", "Payload handling" },
	{ "development-practices", "Development practices" },
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

/* The checklist item a piece of evidence belongs to: "C05" as is, or the
 * item of the rule named before the colon ("FQ066:error-rate"). */
static const char *item_of_evidence(const fq_evidence *e)
{
	char id[8];
	const fq_rule *r;
	const char *colon = strchr(e->item, ':');

	if (e->item[0] == 'C')
		return e->item;
	snprintf(id, sizeof(id), "%.*s", (int)(colon ? (size_t)(colon - e->item) : strlen(e->item)), e->item);
	r = fq_rule_find(id);
	return r ? r->checklist : "";
}

/* Does any rule behind the item read code?  Such an item can only be
 * certified when every file that could hold its evidence was read. */
static int needs_code(const char *id)
{
	size_t i;

	for (i = 0; i < fq_rules_count; i++) {
		if (!strcmp(fq_rules[i].checklist, id) && (fq_rules[i].stage & FQ_STAGE_CODE))
			return 1;
	}
	return 0;
}

#define FQ_UNANALYSED_NAMED 3

char *fq_unanalysed_summary(const fq_notes *u)
{
	fq_buf b = FQ_BUF_INIT;
	size_t i;
	char *out;

	if (fq_buf_printf(&b, "%zu file%s that mention%s the 4Quays SDK %s not analysed: ", u->count,
			  u->count == 1 ? "" : "s", u->count == 1 ? "s" : "", u->count == 1 ? "was" : "were") < 0)
		goto fail;
	for (i = 0; i < u->count && i < FQ_UNANALYSED_NAMED; i++) {
		char *path = fq_safe_string(u->items[i].path, strlen(u->items[i].path)), *q;
		int rc;

		/* the reason is prose with `code` spans in Markdown and HTML */
		for (q = path; *q; q++)
			*q = *q == '`' ? '\'' : *q;
		rc = fq_buf_printf(&b, "%s%s (%s)", i ? ", " : "", path, u->items[i].message);

		free(path);
		if (rc < 0)
			goto fail;
	}
	if (u->count > FQ_UNANALYSED_NAMED && fq_buf_printf(&b, " and %zu more", u->count - FQ_UNANALYSED_NAMED) < 0)
		goto fail;
	out = fq_buf_detach(&b);
	if (out)
		return out;
fail:
	fq_buf_free(&b);
	return fq_strdup("files that mention the 4Quays SDK were not analysed");
}

static const fq_attestation *attestation_for(const fq_config *cfg, const char *id)
{
	size_t i;

	for (i = 0; cfg && i < cfg->nattestations; i++) {
		if (!strcmp(cfg->attestations[i].item, id))
			return &cfg->attestations[i];
	}
	return NULL;
}

static void build_item(fq_checklist_item *it, const fq_scan_result *result, int64_t now)
{
	fq_severity worst = FQ_SEV_INFO;
	const fq_attestation *a = attestation_for(result->config, it->id);
	int fresh = a && now < a->on_time + (int64_t)a->period_days * 86400;
	size_t k, repo_only = 1;

	for (k = 0; k < result->findings.count; k++) {
		const fq_finding *f = &result->findings.items[k];

		if (f->suppressed || strcmp(f->rule->checklist, it->id) != 0)
			continue;
		/* A person's fresh attestation answers what a repository check
		 * could not find (the runbook lives in a wiki); code findings
		 * still stand. */
		if (fresh && f->rule->stage == FQ_STAGE_REPO)
			continue;
		repo_only &= f->rule->stage == FQ_STAGE_REPO;
		it->findings = fq_grow_array((void *)it->findings, &it->findings_alloc, it->nfindings + 1,
					     sizeof(*it->findings));
		it->findings[it->nfindings++] = f;
		if (f->severity > worst)
			worst = f->severity;
	}
	for (k = 0; k < result->evidence.count; k++) {
		const fq_evidence *e = &result->evidence.items[k];

		if (strcmp(item_of_evidence(e), it->id) != 0)
			continue;
		it->evidence = fq_grow_array((void *)it->evidence, &it->evidence_alloc, it->nevidence + 1,
					     sizeof(*it->evidence));
		it->evidence[it->nevidence++] = e;
	}
	if (a) {
		int64_t stale_at = a->on_time + (int64_t)a->period_days * 86400;

		it->attested = 1;
		it->attested_by = a->by;
		it->attested_on = a->on;
		it->attested_note = a->note;
		if (now >= stale_at) {
			time_t t = (time_t)stale_at;
			struct tm tm;

			gmtime_r(&t, &tm);
			it->stale = 1;
			strftime(it->stale_since, sizeof(it->stale_since), "%Y-%m-%d", &tm);
		}
	}
	if (it->nfindings && repo_only && it->attested && it->stale && worst < FQ_SEV_HIGH) {
		it->status = FQ_CHECK_WARN;
		it->reason = "its attestation is older than its review period";
	} else if (it->nfindings && worst >= FQ_SEV_HIGH) {
		it->status = FQ_CHECK_FAIL;
		it->reason = "a high or critical finding stands against it";
	} else if (it->nfindings) {
		it->status = FQ_CHECK_WARN;
		it->reason = "medium or lower findings stand against it";
	} else if (it->attested && it->stale) {
		it->status = FQ_CHECK_WARN;
		it->reason = "its attestation is older than its review period";
	} else if (it->attested) {
		it->status = FQ_CHECK_PASS;
		it->reason = "attested, and nothing stands against it";
	} else if (!evidence_complete(it->id, result->stages)) {
		it->status = FQ_CHECK_UNVERIFIED;
		it->reason = strcmp(it->id, "C10") == 0 ?
			     "a live TLS probe (--tls URL or probes.tls) is needed to verify it" :
			     "this run did not collect its evidence (run `fourq-scan audit`)";
	} else {
		it->status = FQ_CHECK_PASS;
		it->reason = "the evidence is there and nothing stands against it";
	}
	/* Code nobody read cannot be certified: anything short of FAIL is
	 * UNVERIFIED while such a file stands, and a FAIL says it too. */
	it->code_evidence = needs_code(it->id);
	it->coverage_files = it->code_evidence ? result->stats.parsed_files : result->stats.files;
	it->unanalysed = &result->unanalysed;
	if (it->code_evidence && result->unanalysed.count) {
		char *sum = fq_unanalysed_summary(&result->unanalysed);

		if (it->status == FQ_CHECK_FAIL) {
			if (asprintf(&it->reason_owned, "%s; also, %s", it->reason, sum) < 0)
				it->reason_owned = NULL;
		} else {
			it->status = FQ_CHECK_UNVERIFIED;
			it->reason_owned = sum;
			sum = NULL;
		}
		free(sum);
		if (it->reason_owned)
			it->reason = it->reason_owned;
	}
}

void fq_checklist_build(fq_checklist *out, const fq_scan_result *result, int64_t now)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		out->items[i].id = items[i].id;
		out->items[i].title = items[i].title;
		build_item(&out->items[i], result, now);
		switch (out->items[i].status) {
		case FQ_CHECK_PASS: out->passed++; break;
		case FQ_CHECK_WARN: out->warned++; break;
		case FQ_CHECK_FAIL: out->failed++; break;
		default: out->unverified++; break;
		}
	}
	for (i = 0; i < FQ_CHECKLIST_SECTIONS; i++) {
		out->sections[i].id = sections[i].id;
		out->sections[i].title = sections[i].title;
		build_item(&out->sections[i], result, now);
	}
}

void fq_checklist_free(fq_checklist *cl)
{
	size_t i;

	if (!cl)
		return;
	for (i = 0; i < FQ_CHECKLIST_ITEMS; i++) {
		free((void *)cl->items[i].findings);
		free((void *)cl->items[i].evidence);
		free(cl->items[i].reason_owned);
	}
	for (i = 0; i < FQ_CHECKLIST_SECTIONS; i++) {
		free((void *)cl->sections[i].findings);
		free((void *)cl->sections[i].evidence);
		free(cl->sections[i].reason_owned);
	}
	memset(cl, 0, sizeof(*cl));
}
