/* jansson helpers shared by the JSON and SARIF emitters. */
#ifndef FQ_JSONUTIL_H
#define FQ_JSONUTIL_H

#include <jansson.h>

#include "../scanner/finding.h"

/* A JSON string of s made safe (keys redacted, UTF-8 repaired); null for NULL. */
json_t *fq_json_str(const char *s);
/* The finding as SPEC §7 shapes it. */
json_t *fq_json_finding(const fq_finding *f);

#endif
