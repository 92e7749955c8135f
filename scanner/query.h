/*
 * Tree-sitter queries embedded in the binary (the .scm files under rules/queries/<language>/,
 * turned into C strings at build time) and compiled once per language.
 *
 * The 0.20.7 runtime evaluates no predicates, so this module does: #eq?,
 * #not-eq?, #match? (PCRE2), #not-match?, #any-of? and #not-any-of?, with a
 * capture or a string as the second operand of #eq?.  A match that fails a
 * predicate is never seen by a rule.
 */
#ifndef FQ_QUERY_H
#define FQ_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "lang.h"

typedef struct fq_query fq_query;

/* The embedded query sources of one language, in file-name order. */
typedef struct fq_query_source {
	const char *language;    /* "javascript", "typescript", "tsx", "python" */
	const char *name;        /* file name, e.g. "tls.scm" */
	const char *text;
} fq_query_source;

extern const fq_query_source fq_query_sources[];
extern const size_t fq_query_sources_count;

/* The compiled query of one language (all its .scm files joined), compiled on
 * first use and shared by every thread; NULL with a message on error. */
const fq_query *fq_query_for(fq_lang lang);

/* Compiles `text` for `lang` (exposed for tests).  Free with fq_query_free. */
int fq_query_compile(fq_query **out, fq_lang lang, const char *text);
void fq_query_free(fq_query *q);

/* One capture of a match. */
typedef struct fq_capture {
	const char *name;        /* capture name without '@' */
	TSNode node;
} fq_capture;

typedef int (*fq_match_cb)(void *payload, const fq_capture *caps, uint32_t ncaps,
			   uint32_t pattern_index);

/* Runs q over the tree, calling cb for every match whose predicates hold.
 * cursor is the calling thread's (reused between files).  Returns the number
 * of matches delivered, or -1 when the match limit was exceeded. */
long fq_query_run(const fq_query *q, TSQueryCursor *cursor, TSNode root, const char *src,
		  size_t len, fq_match_cb cb, void *payload);

#endif
