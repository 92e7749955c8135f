/*
 * Private to the payloads family (payloads.c, sensitive.c, validation.c):
 * the checks run on each protect call's payload.
 */
#ifndef FQ_PAYLOADS_H
#define FQ_PAYLOADS_H

#include "code.h"

/* FQ022: sensitive fields in the payload of c, a protect call. */
void fq_payload_check_sensitive(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c);

/* FQ023: the payload of c, a protect call, not validated before it. */
void fq_payload_check_validated(fq_rule_ctx *ctx, const fq_code *code, const fq_call *c);

#endif
