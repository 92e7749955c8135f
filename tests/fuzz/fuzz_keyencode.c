/* The encoded-key finder: whatever the input, every span it reports lies
 * inside the input, inside its token, and decodes to a candidate that
 * starts with the key prefix. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/keyencode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(void *ud, const fq_decoded *d)
{
	size_t len = *(const size_t *)ud;

	if (!(d->src_start < d->src_end && d->src_end <= len && d->token_start <= d->src_start &&
	      d->src_end <= d->token_end && d->token_end <= len && d->len >= 24 && strlen(d->text) == d->len &&
	      !memcmp(d->text, "sk_", 3) && d->enc != FQ_ENC_NONE))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_keyencode_scan((const char *)data, size, check, &size);
	return 0;
}
