/*
 * A --history listing kept between runs: private to scanner/source.c.
 */
#ifndef FQ_LISTING_H
#define FQ_LISTING_H

#include "source.h"

/* The state a history listing follows from (every ref and where it points,
 * HEAD, the index's checksum, the working tree's place), hashed; 0 when it
 * cannot be read. */
int fq_listing_key(git_repository *repo, unsigned char key[32]);
/* Which repository a listing is of: its git folder's path, hashed. */
void fq_listing_repo_id(git_repository *repo, unsigned char id[32]);
/* The listing once it is over: commits, items (commits resolved), notes. */
char *fq_listing_encode(const fq_source *src, size_t *len);
/* Fills src from a kept listing; -1 (src as it was) when it is not one. */
int fq_listing_decode(fq_source *src, const char *data, size_t len);

#endif
