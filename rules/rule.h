/*
 * The rule catalogue: one const descriptor per rule of SPEC §3.  The `rules`
 * and `explain` commands, SARIF's driver.rules, the checklist and the docs all
 * read this one table, so adding a rule is adding a row (rules/catalogue.c)
 * and the family function that emits its findings.
 */
#ifndef FQ_RULE_H
#define FQ_RULE_H

#include <stddef.h>

typedef enum {
	FQ_SEV_INFO = 0,
	FQ_SEV_LOW,
	FQ_SEV_MEDIUM,
	FQ_SEV_HIGH,
	FQ_SEV_CRITICAL,
	FQ_SEV_NONE /* only as a --fail-on threshold: never fail */
} fq_severity;

typedef enum { FQ_CONF_LOW = 0, FQ_CONF_MEDIUM, FQ_CONF_HIGH } fq_confidence;

typedef enum {
	FQ_STAGE_TEXT = 1,     /* runs on the raw bytes of every text file */
	FQ_STAGE_CODE = 2,     /* runs on tree-sitter syntax trees */
	FQ_STAGE_REPO = 4,     /* repository checks (audit) */
	FQ_STAGE_PROBE = 8     /* live probes */
} fq_stage;

typedef struct fq_rule {
	const char *id;            /* "FQ001": stable, used by configs and baselines */
	const char *slug;          /* "hardcoded-api-key" */
	fq_severity severity;      /* default severity (a finding may raise/lower it) */
	const char *checklist;     /* "C01".."C10", or a section name for FQ021-23/60-62 */
	int cwe;                   /* CWE number, 0 when none fits */
	fq_stage stage;            /* where its findings are made */
	int implemented;           /* 1 when this build makes its findings */
	const char *title;         /* one line: SARIF shortDescription */
	const char *description;   /* what it finds and why (the guide's reason) */
	const char *remediation;   /* how to fix */
	const char *bad_example;   /* code that triggers it, or NULL */
	const char *good_example;  /* code that does not, or NULL */
} fq_rule;

extern const fq_rule fq_rules[];
extern const size_t fq_rules_count;

/* Looks a rule up by ID (case-insensitive) or slug; NULL when unknown. */
const fq_rule *fq_rule_find(const char *id_or_slug);
/* Position of the rule in fq_rules (for SARIF ruleIndex). */
size_t fq_rule_index(const fq_rule *rule);

const char *fq_severity_name(fq_severity s);
/* Parses "critical".."info" or "none"; returns -1 when unknown. */
int fq_severity_parse(const char *name, fq_severity *out);
const char *fq_confidence_name(fq_confidence c);

#endif
