/*
 * The language profiles (scanner/profile.h) against their grammars, and the
 * rule families against the profiles:
 *
 * - every node type a profile names exists in its grammar and every field
 *   of its shapes is a field of that grammar: a typo would switch a rule off
 *   without a word;
 * - each grammar loads at the runtime's language ABI;
 * - each extension belongs to one profile and detects it;
 * - every code rule of SPEC §3a has a case table for every profile
 *   (tests/rules/<name>/<RULE>.cases; test_rules runs them);
 * - no rule family asks which language it is in: a `FQ_LANG_` constant
 *   (other than FQ_LANG_NONE and FQ_LANG_COUNT) or a comparison of `.lang` in a rules/ C file is a
 *   language fact that belongs in a profile.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rule.h"
#include "scanner/lang.h"
#include "scanner/profile.h"
#include "slurp.h"

static int failures;

static void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void complain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("FAIL ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

static int has_type(const TSLanguage *g, const char *name)
{
	return ts_language_symbol_for_name(g, name, (uint32_t)strlen(name), true) != 0 ||
	       ts_language_symbol_for_name(g, name, (uint32_t)strlen(name), false) != 0;
}

static void check_types(const fq_profile *p, const TSLanguage *g, const char *what, const char *const *list)
{
	for (; list && *list; list++) {
		if (!has_type(g, *list))
			complain("profile %s, %s: no node type '%s' in the grammar", p->name, what, *list);
	}
}

static void check_shapes(const fq_profile *p, const TSLanguage *g, const char *what, const fq_shape *s)
{
	for (; s && s->type; s++) {
		const char *fields[2] = { s->a, s->b };
		int i;

		if (!has_type(g, s->type))
			complain("profile %s, %s: no node type '%s' in the grammar", p->name, what, s->type);
		for (i = 0; i < 2; i++) {
			const char *f = fields[i];

			/* "#1/name": the named child's field */
			if (f && f[0] == '#' && strchr(f, '/'))
				f = strchr(f, '/') + 1;
			if (f && f[0] != '#' && f[0] != '.' &&
			    ts_language_field_id_for_name(g, f, (uint32_t)strlen(f)) == 0)
				complain("profile %s, %s %s: no field '%s' in the grammar", p->name, what, s->type,
					 fields[i]);
		}
	}
}

static void test_profiles_match_grammars(void **state)
{
	size_t i;

	(void)state;
	failures = 0;
	assert_true(fq_profiles_count > 0);
	for (i = 0; i < fq_profiles_count; i++) {
		const fq_profile *p = fq_profiles[i];
		const TSLanguage *g = p->grammar();

		assert_non_null(g);
		assert_ptr_equal(fq_profile_of(p->lang), p);
		if (ts_language_version(g) > TREE_SITTER_LANGUAGE_VERSION ||
		    ts_language_version(g) < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION)
			complain("profile %s: grammar ABI %u does not load in this runtime", p->name,
				 ts_language_version(g));
		if (!p->name || !p->label || !p->extensions || !p->extensions[0] || !p->query_dirs ||
		    !p->functions || !p->identifiers || !p->strings || !p->calls || !p->members ||
		    !p->assignments || !p->tries || !p->comments)
			complain("profile %s: a required field is missing", p->name ? p->name : "?");
		check_types(p, g, "functions", p->functions);
		check_types(p, g, "wrappers", p->wrappers);
		check_types(p, g, "awaits", p->awaits);
		check_types(p, g, "identifiers", p->identifiers);
		check_types(p, g, "property_names", p->property_names);
		check_types(p, g, "strings", p->strings);
		check_types(p, g, "string_contents", p->string_contents);
		check_types(p, g, "interpolations", p->interpolations);
		check_types(p, g, "augmented", p->augmented);
		check_types(p, g, "comments", p->comments);
		check_types(p, g, "handler_clauses", p->handler_clauses);
		check_types(p, g, "try_tails", p->try_tails);
		check_types(p, g, "typed_parameters", p->typed_parameters);
		check_shapes(p, g, "members", p->members);
		check_shapes(p, g, "subscripts", p->subscripts);
		check_shapes(p, g, "calls", p->calls);
		check_shapes(p, g, "assignments", p->assignments);
		check_shapes(p, g, "declarations", p->declarations);
		check_shapes(p, g, "tries", p->tries);
		check_types(p, g, "name_types", p->name_types);
		check_types(p, g, "deletes", p->deletes);
		check_types(p, g, "object_literals", p->object_literals);
		check_types(p, g, "shorthand_entries", p->shorthand_entries);
		check_types(p, g, "spreads", p->spreads);
		check_types(p, g, "lists", p->lists);
		check_types(p, g, "blocks", p->blocks);
		check_types(p, g, "error_checks", p->error_checks);
		check_types(p, g, "reductions", p->reductions);
		check_types(p, g, "wrappers_last", p->wrappers_last);
		check_types(p, g, "passthrough", p->passthrough);
		check_types(p, g, "derefs", p->derefs);
		check_types(p, g, "patterns", p->patterns);
		check_types(p, g, "pattern_defaults", p->pattern_defaults);
		check_types(p, g, "pattern_names", p->pattern_names);
		check_types(p, g, "type_annotations", p->type_annotations);
		check_types(p, g, "comprehensions", p->comprehensions);
		check_types(p, g, "returns", p->returns);
		check_types(p, g, "symbols", p->symbols);
		check_types(p, g, "flat_literals", p->flat_literals);
		check_types(p, g, "concat_nodes", p->concat_nodes);
		check_types(p, g, "implicit_concats", p->implicit_concats);
		check_types(p, g, "arrays", p->arrays);
		check_types(p, g, "comparisons", p->comparisons);
		check_types(p, g, "binary_ops", p->binary_ops);
		check_types(p, g, "unary_ops", p->unary_ops);
		check_types(p, g, "defaults", p->defaults);
		check_types(p, g, "constructions", p->constructions);
		check_types(p, g, "jsx_attributes", p->jsx_attributes);
		check_types(p, g, "literal_types", p->literal_types);
		check_types(p, g, "asserts", p->asserts);
		check_types(p, g, "async_keywords", p->async_keywords);
		check_shapes(p, g, "literal_holders", p->literal_holders);
		check_shapes(p, g, "entries", p->entries);
		check_shapes(p, g, "pattern_pairs", p->pattern_pairs);
		check_shapes(p, g, "parameters", p->parameters);
		check_shapes(p, g, "loops", p->loops);
		check_shapes(p, g, "keyword_arguments", p->keyword_arguments);
		check_shapes(p, g, "class_fields", p->class_fields);
		check_shapes(p, g, "conditionals", p->conditionals);
		check_shapes(p, g, "param_blocks", p->param_blocks);
	}
	if (failures)
		fail_msg("%d profile problems (see above)", failures);
}

static void test_extensions_detect_their_profile(void **state)
{
	size_t i, k;

	(void)state;
	failures = 0;
	for (i = 0; i < fq_profiles_count; i++) {
		const char *const *e;

		for (e = fq_profiles[i]->extensions; e && *e; e++) {
			char path[64];

			snprintf(path, sizeof(path), "src/x%s", *e);
			if (fq_lang_detect(path, "", 0) != fq_profiles[i]->lang)
				complain("%s detects %s, not %s", path, fq_lang_name(fq_lang_detect(path, "", 0)),
					 fq_profiles[i]->name);
			if (fq_lang_unread(path))
				complain("%s is read by %s but listed as unread (%s)", path, fq_profiles[i]->name,
					 fq_lang_unread(path));
			for (k = 0; k < fq_profiles_count; k++) {
				const char *const *o;

				for (o = fq_profiles[k]->extensions; k != i && o && *o; o++) {
					if (!strcmp(*o, *e))
						complain("extension %s in two profiles: %s and %s", *e,
							 fq_profiles[i]->name, fq_profiles[k]->name);
				}
			}
		}
	}
	assert_int_equal(fq_lang_detect("bin/tool", "#!/usr/bin/env python3\n", 23), FQ_LANG_PYTHON);
	assert_int_equal(fq_lang_detect("bin/tool", "#!/usr/bin/env ts-node\n", 24), FQ_LANG_TYPESCRIPT);
	assert_int_equal(fq_lang_detect("bin/tool", "#!/usr/bin/env node\n", 21), FQ_LANG_JAVASCRIPT);
	assert_string_equal(fq_lang_unread("lib/pay.ex"), "Elixir");
	assert_null(fq_lang_unread("README.md"));
	if (failures)
		fail_msg("%d extension problems (see above)", failures);
}

/* Every code rule has a case table in every profile's folder. */
static void test_every_profile_has_every_code_rule(void **state)
{
	const char *root = getenv("FQ_RULE_CASES");
	size_t i, r;

	(void)state;
	failures = 0;
	assert_non_null(root);
	for (i = 0; i < fq_profiles_count; i++) {
		for (r = 0; r < fq_rules_count; r++) {
			char path[1024];

			if (fq_rules[r].stage != FQ_STAGE_CODE || !fq_rules[r].implemented)
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s.cases", root, fq_profiles[i]->name, fq_rules[r].id);
			if (access(path, R_OK) != 0)
				complain("no case table %s: every code rule is tested in every language", path);
		}
	}
	if (failures)
		fail_msg("%d missing case tables (see above)", failures);
}

/* A family that asks which language it is in holds a language fact that
 * belongs in a profile. */
static void test_families_never_branch_on_the_language(void **state)
{
	const char *src = getenv("FQ_SOURCE_DIR");
	char dirpath[1024];
	struct dirent **names = NULL;
	regex_t re;
	int n, i, files = 0;

	(void)state;
	failures = 0;
	assert_non_null(src);
	assert_int_equal(regcomp(&re, "FQ_LANG_(JAVASCRIPT|TYPESCRIPT|TSX|PYTHON|GO|JAVA|KOTLIN|CSHARP|RUBY|PHP|[A-Z]+_?[A-Z]*)"
				 "|[.>]lang *[!=]=|lang *[!=]= *FQ_LANG", REG_EXTENDED), 0);
	snprintf(dirpath, sizeof(dirpath), "%s/rules", src);
	n = scandir(dirpath, &names, NULL, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		size_t nl = strlen(names[i]->d_name), len;
		char path[2048], *text, *line;
		int lineno = 1;

		if (nl > 2 && !strcmp(names[i]->d_name + nl - 2, ".c")) {
			snprintf(path, sizeof(path), "%s/%s", dirpath, names[i]->d_name);
			text = fq_test_slurp(path, &len);
			assert_non_null(text);
			files++;
			for (line = text; line; lineno++) {
				char *eol = strchr(line, '\n');
				regmatch_t m;

				if (eol)
					*eol = '\0';
				if (regexec(&re, line, 1, &m, 0) == 0 && strncmp(line + m.rm_so, "FQ_LANG_NONE", 12) != 0 &&
				    strncmp(line + m.rm_so, "FQ_LANG_COUNT", 13) != 0)
					complain("%s:%d asks which language it is in (put the fact in the profile): %s", path,
						 lineno, line);
				line = eol ? eol + 1 : NULL;
			}
			free(text);
		}
		free(names[i]);
	}
	free(names);
	regfree(&re);
	assert_true(files >= 5);
	if (failures)
		fail_msg("%d language branches in rule families (see above)", failures);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profiles_match_grammars),
		cmocka_unit_test(test_extensions_detect_their_profile),
		cmocka_unit_test(test_every_profile_has_every_code_rule),
		cmocka_unit_test(test_families_never_branch_on_the_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
