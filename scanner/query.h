/*
 * Tree-sitter queries embedded in the binary (the .scm files under
 * rules/queries/<language>/, turned into C strings at build time) and the
 * matcher that runs them over a file's node list (scanner/syntax.h).
 *
 * The patterns are tree-sitter's query syntax, read (query.c) and matched
 * (query_match.c) by fourq-scan rather than by the 0.20.7 runtime: ts_query_new analyses the whole parse table of
 * the grammar on every call (12 ms for TypeScript before the first pattern),
 * which was most of a small scan's time, and its query cursor walks every
 * node of the tree where this matcher tries only nodes of a pattern's root
 * type.  tests/unit/test_query.c checks that both find the same matches.
 *
 * The subset: (type ...), (_), _, "anonymous", [alternatives], field: child,
 * the anchor `.`, captures, and the predicates #eq?, #not-eq?, #match?
 * (PCRE2), #not-match?, #any-of? and #not-any-of? (a capture or a string as
 * the second operand of #eq?).  Quantifiers, negated fields and supertypes
 * are refused with an error naming the line.  A match that fails a
 * predicate is never seen by a rule.
 */
#ifndef FQ_QUERY_H
#define FQ_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "lang.h"
#include "syntax.h"

typedef struct fq_query fq_query;

/* The embedded query sources of one language, in file-name order. */
typedef struct fq_query_source {
	const char *language;    /* "javascript", "typescript", "tsx", "python" */
	const char *name;        /* file name, e.g. "tls.scm" */
	const char *text;
} fq_query_source;

extern const fq_query_source fq_query_sources[];
extern const size_t fq_query_sources_count;

/* The query text of one language (all its .scm files joined; TypeScript and
 * TSX add theirs to JavaScript's).  The caller frees. */
char *fq_query_text(fq_lang lang);

/* The compiled query of one language, compiled on first use and shared by
 * every thread; NULL with a message on error. */
const fq_query *fq_query_for(fq_lang lang);

/* Compiles `text` for `lang` (exposed for tests).  Free with fq_query_free. */
int fq_query_compile(fq_query **out, fq_lang lang, const char *text);
void fq_query_free(fq_query *q);
uint32_t fq_query_pattern_count(const fq_query *q);

/* One capture of a match. */
typedef struct fq_capture {
	const char *name;        /* capture name without '@' */
	TSNode node;
} fq_capture;

typedef int (*fq_match_cb)(void *payload, const fq_capture *caps, uint32_t ncaps,
			   uint32_t pattern_index);

/* Most matches one node may start (all patterns together): a pattern whose
 * children can pair up in many ways stops there. */
#define FQ_QUERY_MATCH_LIMIT 4096

/* Runs q over s (indexed with fq_syntax_index), calling cb for every match
 * whose predicates hold: nodes in document order, then patterns in file
 * order.  cb returning non-zero stops the run.  Returns the number of
 * matches delivered, or -1 when a node reached FQ_QUERY_MATCH_LIMIT (the
 * other nodes still ran). */
long fq_query_run(const fq_query *q, const fq_syntax *s, fq_match_cb cb, void *payload);

#endif
