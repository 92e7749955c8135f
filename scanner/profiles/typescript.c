/* TypeScript: JavaScript's vocabulary plus casts (as, satisfies, !, <T>x). */
#include "../profile.h"
#include "shared.h"

const TSLanguage *tree_sitter_typescript(void);

static const char *const extensions[] = { ".ts", ".mts", ".cts", NULL };
static const char *const shebangs[] = { "ts-node", NULL };
static const char *const queries[] = { "javascript", "typescript", NULL };

const fq_profile fq_profile_typescript = {
	.lang = FQ_LANG_TYPESCRIPT,
	.name = "typescript",
	.label = "TypeScript",
	.grammar = tree_sitter_typescript,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	FQ_JS_FAMILY_FIELDS_EX(fq_ts_wrappers, fq_ts_parameters, fq_ts_class_fields, fq_ts_literal_types,
			       fq_js_type_annotations, NULL),
};
