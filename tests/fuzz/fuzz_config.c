/* The config parser: any bytes give a config or an error, never a crash. */
#include <stdint.h>
#include <string.h>

#include "scanner/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_config cfg;

	fq_config_parse(&cfg, "fuzz.yml", (const char *)data, size);
	(void)fq_config_env_for(&cfg, "deploy/prod/app.yaml");
	(void)fq_config_ignored(&cfg, "vendor/a.js");
	fq_config_free(&cfg);
	return 0;
}
