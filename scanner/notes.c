/* Notes: what a scan says about a file or the run besides its findings
 * (scanner/source.h), kept as a list the workers merge and sort. */
#define _GNU_SOURCE
#include "source.h"
#include "../util/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fq_notes_add(fq_notes *notes, const char *path, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	if (notes->count == notes->alloc) {
		notes->alloc = notes->alloc ? notes->alloc * 2 : 8;
		notes->items = fq_realloc_array(notes->items, notes->alloc, sizeof(*notes->items));
	}
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = fq_strdup("(unprintable message)");
	va_end(ap);
	notes->items[notes->count].path = fq_strdup(path ? path : "");
	notes->items[notes->count].message = msg;
	notes->count++;
}

void fq_notes_move(fq_notes *dst, fq_notes *src)
{
	size_t i;

	for (i = 0; i < src->count; i++) {
		if (dst->count == dst->alloc) {
			dst->alloc = dst->alloc ? dst->alloc * 2 : 8;
			dst->items = fq_realloc_array(dst->items, dst->alloc, sizeof(*dst->items));
		}
		dst->items[dst->count++] = src->items[i];
	}
	src->count = 0;
}

static int cmp_note(const void *a, const void *b)
{
	const fq_note *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : strcmp(x->message, y->message);
}

void fq_notes_sort(fq_notes *notes)
{
	if (notes->count > 1)
		qsort(notes->items, notes->count, sizeof(*notes->items), cmp_note);
}

void fq_notes_free(fq_notes *notes)
{
	size_t i;

	if (!notes)
		return;
	for (i = 0; i < notes->count; i++) {
		free(notes->items[i].path);
		free(notes->items[i].message);
	}
	free(notes->items);
	memset(notes, 0, sizeof(*notes));
}
