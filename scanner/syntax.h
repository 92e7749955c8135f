/*
 * A parsed file and the language-neutral helpers rules use to read it:
 * node text, unwrapping of casts and parentheses, enclosing functions and
 * try blocks.  JavaScript, TypeScript and TSX share node names; Python's
 * differ and are mapped here, so rule code reads one vocabulary.
 */
#ifndef FQ_SYNTAX_H
#define FQ_SYNTAX_H

#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "lang.h"

/* A function of the file: its byte range and the function around it. */
typedef struct fq_fn_range {
	uint32_t start, end;
	TSNode node;
	long outer;                 /* index of the enclosing function, or -1 */
} fq_fn_range;

/* A node in document order (preorder) and the index just past its
 * subtree: a walk over the array is a walk over the tree without moving a
 * tree cursor, and skipping a subtree is one jump. */
typedef struct fq_flat_node {
	TSNode node;
	uint32_t end;
	TSSymbol symbol;         /* ts_node_symbol(node) */
	uint32_t parent;         /* index of the parent; the root has its own */
} fq_flat_node;

typedef struct fq_syntax {
	fq_lang lang;
	const char *src;
	size_t len;
	TSTree *tree;
	TSNode root;
	/* every function in document order, built on the first fq_node_scope */
	fq_fn_range *fns;
	size_t nfns;
	int fns_built;
	/* every node in document order, after fq_syntax_index */
	fq_flat_node *nodes;
	uint32_t nnodes;
	/* Nodes visited by walks so far, and how many the file may cost
	 * (0: no limit).  Rules walk a scope per name or per call, so a
	 * generated file with thousands of them would cost quadratic time: past
	 * the budget every walk returns at once and `exhausted` is set. */
	uint64_t visits, budget;
	int exhausted;
} fq_syntax;

/* Parses src with the thread's parser (timeout and nesting guards set by the
 * caller).  Returns 0, or -1 when the parser gave up (timeout). */
int fq_syntax_parse(fq_syntax *out, TSParser *parser, fq_lang lang, const char *src, size_t len);
void fq_syntax_free(fq_syntax *s);

int fq_node_is(TSNode n, const char *type);
/* Text of a node; not NUL-terminated (empty for a null node). */
const char *fq_node_text(const fq_syntax *s, TSNode n, size_t *len);
int fq_node_text_eq(const fq_syntax *s, TSNode n, const char *text);
/* The node without parentheses, TypeScript casts (as, satisfies, !, <T>)
 * and, when await_too, an await. */
TSNode fq_node_unwrap(TSNode n, int await_too);
/* Is n a function (declaration, expression, arrow, method, lambda)? */
int fq_node_is_function(TSNode n);
/* The nearest enclosing function of n, or the root. */
TSNode fq_node_scope(const fq_syntax *s, TSNode n);
/* Is `inner` inside `outer` (or equal)? */
int fq_node_contains(TSNode outer, TSNode inner);
/* Is n an identifier (JS identifier, shorthand, Python identifier)? */
int fq_node_is_identifier(TSNode n);
/* Is n a variable's name: "identifier", or what a profile calls it
 * (Kotlin's simple_identifier)? */
int fq_node_is_plain_name(TSNode n);
/* Is n a string literal?  When so, out and len get its contents without
 * quotes (only for strings without interpolation). */
int fq_node_string_value(const fq_syntax *s, TSNode n, const char **out, size_t *len);
/* Named, non-comment children of an argument list, in order. */
uint32_t fq_node_args(TSNode args, TSNode *out, uint32_t max);

/* ---- the language's profile (scanner/profile.h) read for the rules ---- */

struct fq_profile;
struct fq_shape;
/* The profile of s's language. */
const struct fq_profile *fq_syntax_profile(const fq_syntax *s);

/* A field of a node by name (a null node when absent). */
TSNode fq_node_field(TSNode n, const char *field);

/* Member access a.b in s's language: 1 with the object and the property
 * (either pointer may be NULL). */
int fq_node_member(const fq_syntax *s, TSNode n, TSNode *obj, TSNode *prop);

/* Subscript a[k] in s's language: 1 with the object and the index. */
int fq_node_subscript(const fq_syntax *s, TSNode n, TSNode *obj, TSNode *index);

/* A call in s's language: 1 with its function and argument list (either
 * pointer may be NULL). */
int fq_node_call(const fq_syntax *s, TSNode n, TSNode *fn, TSNode *args);

/* A name node of s's language: an identifier or a property name. */
int fq_node_is_name_token(const fq_syntax *s, TSNode n);

/* A node of one of a profile's shapes: 1 with its parts ("#N" names the
 * Nth named child). */
int fq_node_shape(const fq_syntax *s, const struct fq_shape *shapes, TSNode n, TSNode *a, TSNode *b);
/* An entry of an object literal (a pair, a keyword, a named argument). */
int fq_node_entry(const fq_syntax *s, TSNode n, TSNode *key, TSNode *value);
/* Is n the argument list of a call? */
int fq_node_is_args(const fq_syntax *s, TSNode n);
/* Is n's type in the list (a profile's list)? */
int fq_node_in(const fq_syntax *s, const char *const *list, TSNode n);

/* A try in s's language: 1 when n is one, with its body and its handler:
 * the catch clause, or n itself when its handling is a list of clauses
 * (Python's except clauses); the handler is a null node when the try only
 * has a finally. */
int fq_node_try(const fq_syntax *s, TSNode n, TSNode *body, TSNode *handler);

/* Is the handler (from fq_node_try) a list of clauses?  Then the parts to
 * read are its children of the profile's handler-clause types. */
int fq_node_is_clause(const fq_syntax *s, TSNode n);

/* Deepest nesting the code rules follow (SPEC §8: deeply nested code). */
#define FQ_MAX_NESTING 400

/* One cursor walk that lists every node in document order and every
 * function (for fq_node_scope): later walks read the list.  Returns 0, or
 * -1 (nothing listed) when the tree is nested deeper than max levels. */
int fq_syntax_index(fq_syntax *s, unsigned max);

/* The parent of n (a null node for the root): from the node list when s
 * has one, where tree-sitter 0.20's ts_node_parent searches down from the
 * root through every child on the way. */
TSNode fq_node_parent(const fq_syntax *s, TSNode n);

/* Node visits one parsed file may cost, per node of the file: the rules of
 * an ordinary file use a few dozen; see fq_syntax.budget. */
#define FQ_VISITS_PER_NODE 200
#define FQ_VISITS_MIN 2000000

/* Visits every node under root (a node of s's tree) in document order
 * without recursion (deep nesting cannot exhaust the stack); cb returning
 * non-zero skips the node's children.  Reads s's node list when it has
 * one. */
typedef int (*fq_visit_cb)(void *payload, TSNode n);
void fq_node_walk(const fq_syntax *s, TSNode root, fq_visit_cb cb, void *payload);

/* Node types (names, as ts_node_type gives them), resolved to each
 * language's symbols on first use: a walk that needs a few types visits
 * only those.  Define with FQ_TYPESET(array) at file scope. */
typedef struct fq_typeset {
	const char *const *names;
	size_t count;
	uint8_t *_Atomic bits[FQ_LANG_COUNT];
} fq_typeset;
#define FQ_TYPESET(list) { .names = (list), .count = sizeof(list) / sizeof((list)[0]) } /* bits: zero */

/* fq_node_walk that calls cb only on nodes of the given types (the others
 * are walked through, never skipped). */
void fq_node_walk_types(const fq_syntax *s, TSNode root, fq_typeset *types, fq_visit_cb cb, void *payload);

/* Kinds of node the profiles name: a walk over some kinds visits the node
 * types each language's profile lists for them. */
enum {
	FQ_KIND_CALL = 1,       /* calls */
	FQ_KIND_ASSIGN = 2,     /* assignments */
	FQ_KIND_DECL = 4,       /* declarations */
	FQ_KIND_AUGMENTED = 8,  /* a += b, a++ */
	FQ_KIND_DELETE = 16,    /* delete x.a, del x[k] */
	FQ_KIND_LOOP = 32,      /* for (x of xs), for x in xs */
	FQ_KIND_ALL = 63
};
/* Which of those kinds n is (0 when none). */
unsigned fq_node_kind(const fq_syntax *s, TSNode n);
/* fq_node_walk that calls cb only on nodes of the given kinds. */
void fq_node_walk_kinds(const fq_syntax *s, TSNode root, unsigned kinds, fq_visit_cb cb, void *payload);

/* The two parts of an assignment or declaration (left and right, name and
 * value), either pointer may be NULL; 0 when n is neither. */
int fq_node_binding(const fq_syntax *s, TSNode n, TSNode *target, TSNode *value);
/* The targets of an assignment or declaration: the elements of a list
 * (a, err := ...), every child in the target field (Go's var a, err = ...)
 * or the one target.  Returns how many (at most max). */
uint32_t fq_node_targets(const fq_syntax *s, TSNode n, TSNode *out, uint32_t max);
/* 1 when n is a list of targets or values paired by position (Go). */
int fq_node_is_list(const fq_syntax *s, TSNode n);

#endif
