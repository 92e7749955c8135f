/* The rule engine on arbitrary source: the first byte picks the language
 * (JavaScript, TypeScript, TSX, Python) or a config file type. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/config.h"
#include "scanner/engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"src/app.js", "src/app.ts", "src/App.tsx", "app/service.py", "config/production.yaml",
		".env.staging", "deploy/nginx.conf", "scripts/deploy.sh",
	};
	fq_scan_options opts;
	fq_findings found = { 0 };
	fq_notes notes = { 0 };
	fq_config cfg;
	const char *path;

	if (size < 1)
		return 0;
	path = paths[data[0] % (sizeof(paths) / sizeof(paths[0]))];
	fq_config_defaults(&cfg);
	memset(&opts, 0, sizeof(opts));
	opts.path = ".";
	opts.jobs = 1;
	opts.max_file_size = FQ_DEFAULT_MAX_FILE_SIZE;
	opts.config = &cfg;
	fq_scan_buffer(&found, &notes, &opts, path, (const char *)data + 1, size - 1);
	fq_findings_free(&found);
	fq_notes_free(&notes);
	fq_config_free(&cfg);
	return 0;
}
