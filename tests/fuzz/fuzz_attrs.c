/* The .gitattributes linguist lines of a scanned repository (scanner/
 * generated.c) and git's wildmatch they use (scanner/config.c): any bytes
 * give rules or none, and asking them about paths never crashes. */
#include <stdint.h>
#include <string.h>

#include "scanner/config.h"
#include "scanner/generated.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"a.js", "src/gen/a.pb.go", ".yarn/releases/yarn.cjs", "assets/x/y/z.min.js", "dist/", "",
		"very/deep/path/with/many/segments/and/a/file.name.ts",
	};
	fq_linguist_attrs *a = fq_linguist_attrs_parse((const char *)data, size);
	char glob[256];
	size_t i, n = size < sizeof(glob) - 1 ? size : sizeof(glob) - 1;

	/* the same lines again as a folder's own file */
	(void)fq_linguist_attrs_add(&a, "src/gen", (const char *)data, size);

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		(void)fq_linguist_reason(a, paths[i]);
	(void)fq_linguist_attrs_skipped(a);
	fq_linguist_attrs_free(a);
	/* the bytes as one glob too */
	memcpy(glob, data, n);
	glob[n] = '\0';
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		(void)fq_glob_match_git(glob, paths[i]);
		(void)fq_glob_match(glob, paths[i]);
	}
	return 0;
}
