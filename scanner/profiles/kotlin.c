/*
 * Kotlin.  tree-sitter-kotlin 0.3.8 names no fields, so this profile takes
 * its nodes apart with four small functions: a member access is an
 * expression and a navigation suffix (a.b), an assignment target is a flat
 * list of a name and suffixes (a.b["k"] = v), a call is a callee and a call
 * suffix holding the arguments or a trailing lambda.  Lambdas are not
 * functions here: most are inline scope functions (let, apply,
 * runCatching), so a payload named outside one is the same name inside.
 */
#include "../profile.h"
#include "jvm.h"

#include <string.h>

const TSLanguage *tree_sitter_kotlin(void);

static int is(TSNode n, const char *type)
{
	return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

static TSNode last_named(TSNode n)
{
	uint32_t c = ts_node_named_child_count(n);

	return c ? ts_node_named_child(n, c - 1) : (TSNode){ 0 };
}

/* a.b: navigation_expression(a, navigation_suffix(b)); an assignment
 * target a.b.c: directly_assignable_expression(a, suffix b, suffix c),
 * whose object is taken to be its first part */
static int member_parts(TSNode n, TSNode *obj, TSNode *prop)
{
	TSNode suffix = last_named(n);

	if (ts_node_named_child_count(n) < 2 || !is(suffix, "navigation_suffix"))
		return 0;
	*obj = ts_node_named_child(n, 0);
	*prop = last_named(suffix);
	return 1;
}

/* a[k]: indexing_expression(a, indexing_suffix(k)); a.b[k] = v as above */
static int subscript_parts(TSNode n, TSNode *obj, TSNode *index)
{
	TSNode suffix = last_named(n);

	if (ts_node_named_child_count(n) < 2 || !is(suffix, "indexing_suffix"))
		return 0;
	*obj = ts_node_named_child(n, 0);
	*index = ts_node_named_child(suffix, 0);
	return 1;
}

/* f(x), a.f(x) { }, logger.info { "..." }: the arguments, or the trailing
 * lambda when there are none */
static int call_parts(TSNode n, TSNode *fn, TSNode *args)
{
	TSNode suffix = last_named(n), a = { 0 };
	uint32_t i;

	if (!is(suffix, "call_suffix"))
		return 0;
	for (i = 0; i < ts_node_named_child_count(suffix) && ts_node_is_null(a); i++) {
		TSNode c = ts_node_named_child(suffix, i);

		if (is(c, "value_arguments"))
			a = c;
	}
	if (ts_node_is_null(a))
		a = last_named(suffix);
	*fn = ts_node_named_child(n, 0);
	*args = a;
	return 1;
}

/* val x = v (property_declaration), x = v and a.b = v (assignment) */
static int binding_parts(TSNode n, TSNode *target, TSNode *value)
{
	uint32_t i, count = ts_node_named_child_count(n);

	*target = (TSNode){ 0 };
	*value = (TSNode){ 0 };
	for (i = 0; i < count; i++) {
		TSNode c = ts_node_named_child(n, i);

		if (is(c, "binding_pattern_kind") || is(c, "modifiers") || is(c, "user_type") ||
		    is(c, "type_constraints"))
			continue;
		if (ts_node_is_null(*target)) {
			/* val x: the variable's name; a plain `x = v`: the name */
			if (is(c, "variable_declaration") || (is(c, "directly_assignable_expression") &&
							      ts_node_named_child_count(c) == 1))
				c = ts_node_named_child(c, 0);
			*target = c;
		} else {
			*value = c;
		}
	}
	if (is(*value, "property_delegate"))
		*value = ts_node_named_child(*value, 0);
	return !ts_node_is_null(*target);
}

/* name = value, "ssn" to x: a payload literal's entries */
static int entry_parts(TSNode n, TSNode *key, TSNode *value)
{
	TSNode c;

	if (ts_node_named_child_count(n) == 2) {
		*key = ts_node_named_child(n, 0);
		*value = ts_node_named_child(n, 1);
		return 1;
	}
	c = ts_node_named_child(n, 0);
	if (is(c, "infix_expression") && ts_node_named_child_count(c) == 3 &&
	    is(ts_node_named_child(c, 1), "simple_identifier")) {
		uint32_t a = ts_node_start_byte(ts_node_named_child(c, 1)), b = ts_node_end_byte(ts_node_named_child(c, 1));

		if (b - a == 2) {
			*key = ts_node_named_child(c, 0);
			*value = ts_node_named_child(c, 2);
			return 1; /* the infix function is two letters: to (checked by the caller's text) */
		}
	}
	return 0;
}

static const char *const extensions[] = { ".kt", ".kts", NULL };
static const char *const shebangs[] = { "kotlin", NULL };
static const char *const queries[] = { "kotlin", NULL };
static const char *const functions[] = {
	"function_declaration", "anonymous_function", "secondary_constructor", "getter", "setter", NULL,
};
static const char *const wrappers[] = { "parenthesized_expression", "as_expression", NULL };
static const char *const passthrough[] = { "call_suffix", "elvis_expression", "annotated_lambda", NULL };
static const char *const wrappers_last[] = { "value_argument", NULL };
static const char *const identifiers[] = { "simple_identifier", "interpolated_identifier", NULL };
static const char *const name_types[] = { "simple_identifier", "interpolated_identifier", NULL };
static const char *const property_names[] = { "simple_identifier", NULL };
static const char *const self_names[] = { "this_expression", NULL };
static const char *const strings[] = { "string_literal", NULL };
static const char *const string_contents[] = { "string_content", NULL };
static const char *const interpolations[] = { "interpolated_identifier", "interpolated_expression", NULL };
static const char *const augmented[] = { "postfix_expression", NULL };
static const char *const comments[] = { "line_comment", "multiline_comment", NULL };
static const char *const bare_log_calls[] = { "println", "print", NULL };
static const char *const handler_clauses[] = { "catch_block", NULL };
static const char *const catching_calls[] = { "runCatching", NULL };
static const char *const test_suffixes[] = { "Test.kt", "Tests.kt", "Spec.kt", "IT.kt", NULL };
static const char *const triggers[] = {
	"TrustManager", "HostnameVerifier", "hostnameVerifier", "TLSv1", "SSLContext", "TlsVersion", "TrustStrategy",
	"https.protocols", NULL,
};
static const fq_shape holders[] = { { "call_expression", NULL, NULL }, { NULL, NULL, NULL } };
static const fq_shape entries[] = { { "value_argument", NULL, NULL }, { NULL, NULL, NULL } };
static const char *const constructors[] = {
	"mapOf", "mutableMapOf", "hashMapOf", "linkedMapOf", "sortedMapOf", NULL,
};
static const char *const comparisons[] = { "equality_expression", "comparison_expression", NULL };
static const char *const unary_ops[] = { "prefix_expression", NULL };
static const char *const defaults[] = { "elvis_expression", NULL };
static const fq_shape members[] = {
	{ "navigation_expression", NULL, NULL }, { "directly_assignable_expression", NULL, NULL }, { NULL, NULL, NULL },
};
static const fq_shape subscripts[] = {
	{ "indexing_expression", NULL, NULL }, { "directly_assignable_expression", NULL, NULL }, { NULL, NULL, NULL },
};
static const fq_shape calls[] = { { "call_expression", NULL, NULL }, { NULL, NULL, NULL } };
static const fq_shape assignments[] = { { "assignment", NULL, NULL }, { NULL, NULL, NULL } };
static const fq_shape declarations[] = { { "property_declaration", NULL, NULL }, { NULL, NULL, NULL } };
static const fq_shape tries[] = { { "try_expression", NULL, NULL }, { NULL, NULL, NULL } };

static const char *const concat_nodes[] = { "additive_expression", NULL };

const fq_profile fq_profile_kotlin = {
	.lang = FQ_LANG_KOTLIN,
	.name = "kotlin",
	.label = "Kotlin",
	.grammar = tree_sitter_kotlin,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.wrappers_last = wrappers_last,
	.passthrough = passthrough,
	.identifiers = identifiers,
	.name_types = name_types,
	.property_names = property_names,
	.self_names = self_names,
	.concat_nodes = concat_nodes,
	.concat_operator = "+",
	.strings = strings,
	.string_contents = string_contents,
	.interpolations = interpolations,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.declarations = declarations,
	.augmented = augmented,
	.comments = comments,
	.bare_log_calls = bare_log_calls,
	.tries = tries,
	.handler_clauses = handler_clauses,
	.try_is_expression = 1,
	.comparisons = comparisons,
	.unary_ops = unary_ops,
	.defaults = defaults,
	.catching_calls = catching_calls,
	.mutating_methods = fq_jvm_mutating_methods,
	.mutating_prefixes = fq_jvm_mutating_prefixes,
	.async_suffixes = fq_jvm_async_suffixes,
	.log_methods = fq_jvm_log_methods,
	.print_calls = fq_jvm_print_calls,
	.validators = fq_jvm_validators,
	.test_suffixes = test_suffixes,
	.log_trigger_words = fq_jvm_log_triggers,
	.key_trigger_words = fq_jvm_key_triggers,
	.literal_holders = holders,
	.literal_constructors = constructors,
	.capitalised_constructors = 1,
	.entries = entries,
	.entry_parts = entry_parts,
	.serialisers = fq_jvm_serialisers,
	.whole_object_annotations = fq_jvm_whole_annotations,
	.put_methods = fq_jvm_put_methods,
	.then_methods = fq_jvm_then_methods,
	.await_methods = fq_jvm_await_methods,
	.chain_handlers = fq_jvm_chain_handlers,
	.detached_calls = fq_jvm_detached_calls,
	.stringify_methods = fq_jvm_stringify_methods,
	.validated_annotations = fq_jvm_validated_annotations,
	.whole_objects = "^call\\.receive(?:Text|<.*>)?\\(\\)$|(?:\\.principal|\\.getPrincipal\\(\\))$",
	.member_parts = member_parts,
	.subscript_parts = subscript_parts,
	.call_parts = call_parts,
	.binding_parts = binding_parts,
	.trigger_words = triggers,
};
