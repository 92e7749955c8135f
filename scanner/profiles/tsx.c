/* TSX: TypeScript with JSX; no <T>x casts (they would be elements). */
#include "../profile.h"
#include "shared.h"

const TSLanguage *tree_sitter_tsx(void);

static const char *const extensions[] = { ".tsx", NULL };
static const char *const queries[] = { "javascript", "typescript", "tsx", NULL };

const fq_profile fq_profile_tsx = {
	.lang = FQ_LANG_TSX,
	.name = "tsx",
	.label = "TSX",
	.grammar = tree_sitter_tsx,
	.extensions = extensions,
	.shebang_words = NULL,
	.query_dirs = queries,
	FQ_JS_FAMILY_FIELDS_EX(fq_tsx_wrappers, fq_ts_parameters, fq_ts_class_fields, fq_ts_literal_types,
			       fq_js_type_annotations, fq_js_jsx_attributes),
};
