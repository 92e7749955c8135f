/* JavaScript (and JSX): the profile TypeScript and TSX build on. */
#include "../profile.h"
#include "shared.h"

const TSLanguage *tree_sitter_javascript(void);

static const char *const extensions[] = { ".js", ".mjs", ".cjs", ".jsx", NULL };
static const char *const shebangs[] = { "node", "deno", "bun", NULL };
static const char *const queries[] = { "javascript", NULL };

const fq_profile fq_profile_javascript = {
	.lang = FQ_LANG_JAVASCRIPT,
	.name = "javascript",
	.label = "JavaScript",
	.grammar = tree_sitter_javascript,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	FQ_JS_FAMILY_FIELDS(fq_js_wrappers),
};
