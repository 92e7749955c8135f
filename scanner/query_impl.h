/*
 * The compiled form of a query, shared by its reader (scanner/query.c) and
 * its matcher (scanner/query_match.c); not for other modules.
 */
#ifndef FQ_QUERY_IMPL_H
#define FQ_QUERY_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "query.h"

#include <pcre2.h>

#define MAX_CAPTURES 32      /* bound captures of one match */
#define MAX_SYMS 8           /* symbols one node-type name stands for */
#define MAX_NODE_CAPS 4      /* captures on one pattern node */
#define MAX_DEPTH 64         /* nesting of a pattern */

typedef enum { P_EQ, P_MATCH, P_ANY_OF } pred_kind;

typedef struct predicate {
	pred_kind kind;
	int negate;
	uint32_t capture;        /* capture id of the first operand */
	int rhs_is_capture;      /* #eq? @a @b */
	uint32_t rhs_capture;
	char *rhs;               /* string operand (#eq?) */
	pcre2_code *re;          /* #match? */
	char **any;              /* #any-of? values */
	size_t nany;
} predicate;

/* One node of a pattern: a node test with its child steps, or a choice. */
typedef struct pnode pnode;
struct pnode {
	int alt;                 /* [a b]: kids are the alternatives */
	int wildcard;            /* (_) or _: no type test */
	int named;               /* the node must be named: (type) and (_) */
	TSSymbol syms[MAX_SYMS]; /* the type's symbols */
	uint32_t nsyms;
	TSFieldId field;         /* as a child step: the field it must fill, or 0 */
	int anchored;            /* as a child step: the first named child, or
				  * the named sibling right after the previous step's */
	int anchor_last;         /* the last child step takes the last named child */
	uint32_t caps[MAX_NODE_CAPS];
	uint32_t ncaps;
	pnode **kids;            /* child steps, or alternatives */
	uint32_t nkids;
};

typedef struct pattern {
	pnode *root;
	predicate *preds;
	size_t npreds;
} pattern;

struct fq_query {
	fq_lang lang;
	pattern *patterns;
	uint32_t npatterns;
	char **capture_names;
	uint32_t ncaptures;
	/* the patterns whose root may be a node of symbol s, in file order:
	 * by_sym[off[s] .. off[s + 1]); other symbols (ERROR) try any_root */
	uint32_t nsym;
	uint32_t *off, *by_sym;
	uint32_t *any_root;
	uint32_t nany_root;
};

#endif
