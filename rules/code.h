/*
 * The code model the code rules share: one parsed file, its calls (found by
 * the embedded queries) classified as protect, unprotect or logging calls,
 * and the intra-procedural facts the rules ask about: which names hold a
 * protect result, a payload or a plaintext at a point of a function, whether
 * a call has error handling and what the handler mentions.
 */
#ifndef FQ_CODE_H
#define FQ_CODE_H

#include "../scanner/syntax.h"
#include "family.h"

typedef enum {
	FQ_CALL_OTHER = 0,
	FQ_CALL_PROTECT,
	FQ_CALL_UNPROTECT,
	FQ_CALL_LOG
} fq_call_kind;

#define FQ_MAX_ARGS 8

typedef struct fq_call {
	TSNode node;            /* the call */
	TSNode name;            /* function or method name */
	TSNode receiver;        /* object of a method call, or null */
	TSNode args;            /* argument list */
	TSNode arg[FQ_MAX_ARGS];
	uint32_t nargs;
	TSNode scope;           /* enclosing function, or the root */
	fq_call_kind kind;
} fq_call;

/* A tree-sitter match of a rule pattern (tls.scm...): the capture named
 * like a rule id ("fq040") is where the finding goes. */
typedef struct fq_pattern_hit {
	const fq_rule *rule;
	TSNode node;
} fq_pattern_hit;

typedef struct fq_code {
	fq_syntax syn;
	const fq_file *file;
	fq_call *calls;
	size_t ncalls;
	fq_pattern_hit *hits;
	size_t nhits;
	int has_protect;         /* any protect/unprotect call */
	int key_kinds;           /* bit (1 << fq_key_kind) for keys in the file */
	/* private to rules/code.c: the name bindings of every function */
	struct fq_binding *bindings;
	size_t nbindings, abindings;
} fq_code;

/* Builds the model of a parsed file; 0 or -1 (query failure). */
int fq_code_build(fq_code *out, fq_rule_ctx *ctx, const fq_file *file, fq_lang lang);
void fq_code_free(fq_code *code);

/* Adds a finding at a node (fingerprint from the node's code). */
fq_finding *fq_code_report(fq_rule_ctx *ctx, const fq_code *code, const fq_rule *rule,
			   TSNode at, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The kind of value a name holds at a point of its function. */
typedef enum {
	FQ_VAL_NONE = 0,
	FQ_VAL_PROTECTED,       /* a protect result (or an alias of one) */
	FQ_VAL_PLAINTEXT,       /* an unprotect result */
	FQ_VAL_PAYLOAD          /* given to protect/unprotect as the payload */
} fq_value_kind;

/* What `name` holds at byte offset `at` inside `scope`, following the
 * bindings (declarations, assignments, .then parameters, aliases) made
 * before `at`.  Payload names hold for the whole function. */
fq_value_kind fq_code_value_at(const fq_code *code, TSNode scope, const char *name, size_t nlen,
			       uint32_t at);

/* Error handling around a call: 1 when it sits in a try with a handler (or
 * has a .catch), and *handler gets that handler's node. */
int fq_code_handler(const fq_code *code, const fq_call *call, TSNode *handler);

/* 1 when name was given to protect/unprotect as the payload in scope (or
 * an enclosing function). */
int fq_code_is_payload(const fq_code *code, TSNode scope, const char *name, size_t nlen);

/* 1 when the identifier node is read as a whole value (not as the object of
 * a member access, not a property name). */
int fq_code_is_whole_use(TSNode ident);

/* The method tables of SPEC §3 (configurable later). */
int fq_code_is_protect_name(const char *s, size_t len);
int fq_code_is_unprotect_name(const char *s, size_t len);

/* The environment class of a policy name's segments, FQ_ENV_NONE if none. */
fq_env fq_policy_env(const char *name, size_t len);

#endif
