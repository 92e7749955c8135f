#include "lang.h"

#include <string.h>
#include <strings.h>

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_python(void);

static const struct {
	const char *ext;
	fq_lang lang;
} extensions[] = {
	{ ".js", FQ_LANG_JAVASCRIPT }, { ".mjs", FQ_LANG_JAVASCRIPT }, { ".cjs", FQ_LANG_JAVASCRIPT },
	{ ".jsx", FQ_LANG_JAVASCRIPT }, { ".ts", FQ_LANG_TYPESCRIPT }, { ".mts", FQ_LANG_TYPESCRIPT },
	{ ".cts", FQ_LANG_TYPESCRIPT }, { ".tsx", FQ_LANG_TSX }, { ".py", FQ_LANG_PYTHON },
	{ ".pyi", FQ_LANG_PYTHON },
};

fq_lang fq_lang_detect(const char *path, const char *data, size_t len)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot && dot != base) {
		if (strcasecmp(dot, ".d.ts") == 0)
			return FQ_LANG_TYPESCRIPT;
		for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
			if (strcasecmp(dot, extensions[i].ext) == 0)
				return extensions[i].lang;
		}
		return FQ_LANG_NONE;
	}
	if (len > 2 && data[0] == '#' && data[1] == '!') {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		char line[256];

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, data, n);
		line[n] = '\0';
		if (strstr(line, "python"))
			return FQ_LANG_PYTHON;
		if (strstr(line, "node") || strstr(line, "deno") || strstr(line, "bun"))
			return strstr(line, "ts-node") ? FQ_LANG_TYPESCRIPT : FQ_LANG_JAVASCRIPT;
	}
	return FQ_LANG_NONE;
}

const char *fq_lang_name(fq_lang lang)
{
	switch (lang) {
	case FQ_LANG_JAVASCRIPT: return "javascript";
	case FQ_LANG_TYPESCRIPT: return "typescript";
	case FQ_LANG_TSX: return "tsx";
	case FQ_LANG_PYTHON: return "python";
	default: return "none";
	}
}

const TSLanguage *fq_lang_grammar(fq_lang lang)
{
	switch (lang) {
	case FQ_LANG_JAVASCRIPT: return tree_sitter_javascript();
	case FQ_LANG_TYPESCRIPT: return tree_sitter_typescript();
	case FQ_LANG_TSX: return tree_sitter_tsx();
	case FQ_LANG_PYTHON: return tree_sitter_python();
	default: return NULL;
	}
}
