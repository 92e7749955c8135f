/*
 * Languages the code rules understand, detected by extension and shebang,
 * and the tree-sitter grammars (pinned npm releases, language ABI 14)
 * compiled into the binary.
 */
#ifndef FQ_LANG_H
#define FQ_LANG_H

#include <stddef.h>
#include <tree_sitter/api.h>

typedef enum {
	FQ_LANG_NONE = 0,
	FQ_LANG_JAVASCRIPT,
	FQ_LANG_TYPESCRIPT,
	FQ_LANG_TSX,
	FQ_LANG_PYTHON,
	FQ_LANG_GO,
	FQ_LANG_JAVA,
	FQ_LANG_KOTLIN,
	FQ_LANG_CSHARP,
	FQ_LANG_RUBY,
	FQ_LANG_PHP,
	FQ_LANG_COUNT
} fq_lang;

/* By extension (.js .mjs .cjs .jsx / .ts .mts .cts / .tsx / .py .pyi), then
 * by a shebang naming node or python. */
fq_lang fq_lang_detect(const char *path, const char *data, size_t len);
struct fq_file;
/* fq_lang_detect of a file, asked once (kept on the file). */
fq_lang fq_file_lang(const struct fq_file *file);
const char *fq_lang_name(fq_lang lang);
/* The name people use: "JavaScript", "Python". */
const char *fq_lang_label(fq_lang lang);
/* The grammar; NULL for FQ_LANG_NONE. */
const TSLanguage *fq_lang_grammar(fq_lang lang);

/* The name of a programming language the code rules do not read ("Elixir",
 * "Rust", "Vue single-file component") when the path is a source file of
 * one, else NULL.  Such a file that mentions the 4Quays SDK is unanalysed
 * (SPEC §3a): the checklist cannot certify what it holds. */
const char *fq_lang_unread(const char *path);

#endif
