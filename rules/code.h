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
#include "config_walk.h"

typedef enum {
	FQ_CALL_OTHER = 0,
	FQ_CALL_PROTECT,
	FQ_CALL_UNPROTECT,
	FQ_CALL_LOG
} fq_call_kind;

#define FQ_MAX_ARGS 8
/* More calls than this in one file: code rules are not run (a note says so). */
#define FQ_MAX_CALLS 5000

typedef struct fq_call {
	TSNode node;            /* the call */
	TSNode name;            /* function or method name */
	TSNode receiver;        /* object of a method call, or null */
	TSNode args;            /* argument list */
	TSNode arg[FQ_MAX_ARGS];
	uint32_t nargs;
	TSNode scope;           /* enclosing function, or the root */
	fq_call_kind kind;
	/* protect/unprotect: the payload and policy expressions (positional,
	 * or Python's payload=/policy= keywords), null when absent */
	TSNode payload;
	TSNode policy;
} fq_call;

/* A tree-sitter match of a rule pattern (tls.scm...): the capture named
 * like a rule id ("fq040") is where the finding goes. */
typedef struct fq_pattern_hit {
	const fq_rule *rule;
	TSNode node;
	TSNode key;             /* the pattern's @key capture (a setting's name), or null */
} fq_pattern_hit;

typedef struct fq_code {
	fq_syntax syn;
	const fq_file *file;
	fq_call *calls;
	size_t ncalls, calls_alloc;
	fq_pattern_hit *hits;
	size_t nhits, hits_alloc;
	const struct fq_config *config; /* the scan's configuration, or NULL (defaults) */
	int has_protect;         /* any protect/unprotect call */
	int key_kinds;           /* bit (1 << fq_key_kind) for keys in the file */
	size_t protected_names;  /* bindings that hold a protect() result */
	/* private to the code model (rules/values.c): the name bindings of every function */
	struct fq_binding *bindings;
	size_t nbindings, abindings;
} fq_code;

/* Builds the model of a parsed file; 0 or -1 (query failure). */
int fq_code_build(fq_code *out, fq_rule_ctx *ctx, const fq_file *file, fq_lang lang);
void fq_code_free(fq_code *code);

/* Adds a finding at a node (fingerprint from the node's code). */
fq_finding *fq_code_report(fq_rule_ctx *ctx, const fq_code *code, const fq_rule *rule,
			   TSNode at, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* 1 for a node that names a value the bindings follow: an identifier, or a
 * field of the object itself (this.sealed, self.sealed). */
int fq_code_is_name(const fq_code *code, TSNode n);

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

/* The last value bound to `ident` in its function before the node `at`
 * (declarations, assignments, destructuring; with `direct`, only a value
 * bound to the name itself); null when none. */
TSNode fq_code_bound_value(const fq_code *code, TSNode ident, TSNode at, int direct);

/* 1 when the binding target is the name or holds it: x, or a destructuring
 * (const { value, error } = schema.validate(x); data, errors = load(x)). */
/* Is the name at n a parameter of a block around it (Ruby's
 * events.each { |payload| ... }), not the function's own name? */
int fq_code_shadowed(const fq_code *code, TSNode n);
int fq_code_binds_name(const fq_code *code, TSNode target, const char *name, size_t nlen);

/* 1 when `ident` is a parameter of the function around `at` annotated with
 * one of the NULL-terminated list's names: @RequestBody req (Java, Kotlin),
 * [FromBody] req (C#), #[MapRequestPayload] req (PHP); NULL is none. */
int fq_code_annotated_with(const fq_code *code, TSNode ident, TSNode at, const char *const *names);

/* Error handling around a call: 1 when it sits in a try with a handler (or
 * has a .catch), and *handler gets that handler's node. */
int fq_code_handler(const fq_code *code, const fq_call *call, TSNode *handler);

/* 1 when name was given to protect/unprotect as the payload in scope (or
 * an enclosing function). */
int fq_code_is_payload(const fq_code *code, TSNode scope, const char *name, size_t nlen);

/* 1 for a member chain of plain names (req.body, self.payload), which can
 * be a payload like a variable. */
int fq_code_is_payload_chain(const fq_code *code, TSNode n);

/* 1 when the identifier node is read as a whole value (not as the object of
 * a member access, not a property name). */
int fq_code_is_whole_use(const fq_code *code, TSNode ident);

/* 1 when the value of the identifier (or member) `n` reaches `stop` (an
 * ancestor, e.g. a logging call's argument) only through an expression that
 * reduces it to something that does not expose it: a size (x.length,
 * len(x)), a truth value or type (!x, Boolean(x), typeof x), a mask or hash
 * (mask(x), redact(x), sha256(x)) or its field names (Object.keys(x)). */
int fq_code_is_reduced(const fq_code *code, TSNode n, TSNode stop);

/* The method tables of SPEC §3: protect/unprotect, extended by the config's
 * protect_methods/unprotect_methods (cfg may be NULL). */
int fq_code_is_protect_name(const struct fq_config *cfg, const char *s, size_t len);
int fq_code_is_unprotect_name(const struct fq_config *cfg, const char *s, size_t len);

/* The environment class of a policy name's segments, FQ_ENV_NONE if none. */
fq_env fq_policy_env(const char *name, size_t len);

#endif
