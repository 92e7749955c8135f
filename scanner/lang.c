#include "lang.h"
#include "finding.h"
#include "profile.h"

#include <string.h>
#include <strings.h>

/* By extension, then by the interpreter a #! line names (the longest
 * word that matches: ts-node is TypeScript, node JavaScript). */
fq_lang fq_lang_detect(const char *path, const char *data, size_t len)
{
	const char *base = strrchr(path, '/'), *dot;
	fq_lang best = FQ_LANG_NONE;
	size_t i, best_len = 0;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot && dot != base) {
		for (i = 0; i < fq_profiles_count; i++) {
			const char *const *e;

			for (e = fq_profiles[i]->extensions; e && *e; e++) {
				if (strcasecmp(dot, *e) == 0)
					return fq_profiles[i]->lang;
			}
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
		for (i = 0; i < fq_profiles_count; i++) {
			const char *const *w;

			for (w = fq_profiles[i]->shebang_words; w && *w; w++) {
				if (strstr(line, *w) && strlen(*w) > best_len) {
					best = fq_profiles[i]->lang;
					best_len = strlen(*w);
				}
			}
		}
	}
	return best;
}

fq_lang fq_file_lang(const fq_file *file)
{
	fq_file *f = (fq_file *)file; /* a lazy cache on a file its worker owns */

	if (!f->lang_known) {
		f->lang = (int)fq_lang_detect(f->path, f->data, f->len);
		f->lang_known = 1;
	}
	return (fq_lang)f->lang;
}

const char *fq_lang_name(fq_lang lang)
{
	const fq_profile *p = fq_profile_of(lang);

	return p ? p->name : "none";
}

const char *fq_lang_label(fq_lang lang)
{
	const fq_profile *p = fq_profile_of(lang);

	return p ? p->label : "none";
}

const TSLanguage *fq_lang_grammar(fq_lang lang)
{
	const fq_profile *p = fq_profile_of(lang);

	return p ? p->grammar() : NULL;
}

/* Source files of languages with a 4Quays SDK or a plausible way to call
 * one, that no profile reads yet.  Shell and build scripts are left out:
 * there is no SDK to call from them (their curl -k and keys are the text
 * rules' business). */
static const struct {
	const char *ext;
	const char *name;
} unread[] = {

{ ".vb", "Visual Basic" }, { ".fs", "F#" }, { ".fsx", "F#" },
	{ ".ex", "Elixir" },
	{ ".exs", "Elixir" }, { ".erl", "Erlang" }, { ".rs", "Rust" }, { ".swift", "Swift" },
	{ ".scala", "Scala" }, { ".sc", "Scala" }, { ".groovy", "Groovy" }, { ".clj", "Clojure" },
	{ ".cljs", "Clojure" }, { ".c", "C" }, { ".h", "C" }, { ".cc", "C++" }, { ".cpp", "C++" },
	{ ".cxx", "C++" }, { ".hpp", "C++" }, { ".m", "Objective-C" }, { ".mm", "Objective-C" },
	{ ".dart", "Dart" }, { ".lua", "Lua" }, { ".pl", "Perl" }, { ".pm", "Perl" },
	{ ".r", "R" }, { ".jl", "Julia" }, { ".hs", "Haskell" }, { ".ml", "OCaml" },
	{ ".cr", "Crystal" }, { ".nim", "Nim" }, { ".zig", "Zig" }, { ".coffee", "CoffeeScript" },
	{ ".vue", "Vue single-file component" }, { ".svelte", "Svelte component" },
	{ ".astro", "Astro component" }, { ".ipynb", "Jupyter notebook" },
};

const char *fq_lang_unread(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return NULL;
	for (i = 0; i < sizeof(unread) / sizeof(unread[0]); i++) {
		if (strcasecmp(dot, unread[i].ext) == 0)
			return fq_lang_detect(path, "", 0) == FQ_LANG_NONE ? unread[i].name : NULL;
	}
	return NULL;
}
