/*
 * Error handling: FQ030 unprotect calls whose handling does not tell
 * SIGNATURE_INVALID apart, FQ031 protect calls with no handling at all.
 */
#define _GNU_SOURCE
#include "code.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/regex.h"

#include <string.h>

/* What a handler must mention to tell a signature failure apart. */
static fq_regex signature_words = FQ_REGEX_INIT(
	"SIGNATURE_INVALID|SignatureInvalid|InvalidSignature|SignatureVerification", 0);

typedef struct mention_walk {
	const fq_code *code;
	int found;
	uint32_t from, to;       /* only tokens inside [from, to), when to > 0 */
} mention_walk;

/* Code, not comments: a `// TODO: handle SIGNATURE_INVALID` tells nothing
 * apart.  Tokens are tested one by one (identifiers, string contents). */
static int mention_visit(void *payload, TSNode n)
{
	mention_walk *w = payload;
	size_t len;
	const char *t;

	if (w->found || fq_in_types(fq_syntax_profile(&w->code->syn)->comments, ts_node_type(n)))
		return 1;
	if (w->to && (ts_node_end_byte(n) <= w->from || ts_node_start_byte(n) >= w->to))
		return 1;
	if (ts_node_child_count(n) == 0 ||
	    fq_in_types(fq_syntax_profile(&w->code->syn)->string_contents, ts_node_type(n))) {
		t = fq_node_text(&w->code->syn, n, &len);
		w->found = fq_regex_test(&signature_words, t, len);
		return 1;
	}
	return 0;
}

static int mentions(const fq_code *code, TSNode n)
{
	mention_walk w = { code, 0, 0, 0 };

	fq_node_walk(&code->syn, n, mention_visit, &w);
	return w.found;
}

/* The handling code: a catch clause or callback, or the handler clauses
 * of the try (Python's except clauses). */
static int handler_mentions(const fq_code *code, const fq_call *call, TSNode handler)
{
	/* errors as values: what stands between the call and the end of the
	 * check that reads the error (var sigErr *fourq.SignatureInvalidError
	 * before if errors.As(err, &sigErr)) */
	if (fq_syntax_profile(&code->syn)->error_values) {
		mention_walk w = { code, 0, ts_node_end_byte(call->node), ts_node_end_byte(handler) };

		fq_node_walk(&code->syn, call->scope, mention_visit, &w);
		return w.found;
	}
	uint32_t i;

	TSNode body, h;

	/* a try whose handling is a list of clauses: read only the clauses */
	if (fq_node_try(&code->syn, handler, &body, &h) && ts_node_eq(h, handler)) {
		for (i = 0; i < ts_node_named_child_count(handler); i++) {
			TSNode c = ts_node_named_child(handler, i);

			if (fq_node_is_clause(&code->syn, c) && mentions(code, c))
				return 1;
		}
		return 0;
	}
	return mentions(code, handler);
}

static void errors_scan_code(fq_rule_ctx *ctx, const fq_code *code)
{
	const fq_rule *fq030 = fq_rule_find("FQ030"), *fq031 = fq_rule_find("FQ031");
	size_t i;
	/* Test code calls protect without handling on purpose, tampers with
	 * sealed payloads to test SIGNATURE_INVALID, logs fixtures: the guide's
	 * payload and error advice is about the code that ships. */
	if (fq_env_is_test_path(code->file->path))
		return;

	for (i = 0; i < code->ncalls; i++) {
		const fq_call *c = &code->calls[i];
		TSNode handler;

		if (c->kind == FQ_CALL_PROTECT && !fq_code_handler(code, c, &handler))
			fq_code_report(ctx, code, fq031, c->node,
				       "protect call without error handling (no try/catch or .catch): handle errors and "
				       "log their code and request ID");
		if (c->kind != FQ_CALL_UNPROTECT)
			continue;
		if (!fq_code_handler(code, c, &handler))
			fq_code_report(ctx, code, fq030, c->node,
				       "unprotect call without error handling: a SIGNATURE_INVALID failure may mean "
				       "tampering and must be told apart");
		else if (!handler_mentions(code, c, handler))
			fq_code_report(ctx, code, fq030, c->node,
				       "the error handling of this unprotect call never tells SIGNATURE_INVALID apart: "
				       "alert the security team on signature failures");
	}
}

const fq_family fq_family_errors = {
	"errors",
	NULL,
	errors_scan_code,
	NULL,
};
