/* The key detector, placeholder filter and redaction: whatever the input,
 * the redacted text holds no key the detector can find. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/keydetect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_keydetect *kd = fq_keydetect_new();
	const char *s = (const char *)data;
	fq_key_match m;
	size_t pos = 0, rlen, rpos = 0;
	char *red;

	while (fq_keydetect_next(kd, s, size, &pos, &m)) {
		if (m.end <= m.start || m.end > size)
			abort();
		(void)fq_key_is_placeholder(s + m.start, m.end - m.start);
	}
	red = fq_redact_text(s, size, &rlen);
	if (fq_keydetect_next(kd, red, rlen, &rpos, &m))
		abort(); /* a key survived redaction */
	free(red);
	fq_keydetect_free(kd);
	return 0;
}
