/*
 * Private to the code model (code.c, values.c, handlers.c): helpers the
 * three parts share.  The rules use rules/code.h only.
 */
#ifndef FQ_CODE_IMPL_H
#define FQ_CODE_IMPL_H

#include "code.h"

/* 1 when s[0..len) is one of the n words of list. */
int fq_code_in_list(const char *const *list, size_t n, const char *s, size_t len);

/* 1 when the node's text is one of the words of a NULL-terminated list
 * (a profile's table); NULL is an empty list. */
int fq_code_text_in_list(const fq_code *code, TSNode n, const char *const *list);

/* The call whose node is n, or NULL (the calls are sorted by start). */
const fq_call *fq_code_call_of(const fq_code *code, TSNode n);

/* Builds the bindings of every function (called by fq_code_build). */
void fq_code_bind(fq_code *code);

#endif
