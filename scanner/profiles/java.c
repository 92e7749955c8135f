/* Java: fourq.protect(p, "POL"), SLF4J/Log4j/JUL loggers, try/catch. */
#include "../profile.h"
#include "jvm.h"

const TSLanguage *tree_sitter_java(void);

static const char *const extensions[] = { ".java", NULL };
static const char *const queries[] = { "java", NULL };
static const char *const functions[] = {
	"method_declaration", "constructor_declaration", "lambda_expression", "compact_constructor_declaration", NULL,
};
static const char *const wrappers[] = { "parenthesized_expression", "cast_expression", NULL };
static const char *const identifiers[] = { "identifier", NULL };
static const char *const self_names[] = { "this", NULL };
static const char *const strings[] = { "string_literal", NULL };
static const char *const string_contents[] = { "string_fragment", "multiline_string_fragment", NULL };
static const char *const augmented[] = { "update_expression", NULL };
static const char *const comments[] = { "line_comment", "block_comment", NULL };
static const char *const handler_clauses[] = { "catch_clause", NULL };
static const char *const triggers[] = {
	"TrustManager", "HostnameVerifier", "hostnameVerifier", "TLSv1", "SSLContext", "TlsVersion", "TrustStrategy",
	"https.protocols", NULL,
};
static const char *const test_suffixes[] = { "Test.java", "Tests.java", "IT.java", "TestCase.java", NULL };
/* Map.of("ssn", x) holds its entries as arguments in pairs: not read */
static const fq_shape holders[] = { { "method_invocation", NULL, NULL }, { NULL, NULL, NULL } };
static const fq_shape entries[] = { { "method_invocation", NULL, NULL }, { NULL, NULL, NULL } };
static const char *const constructors[] = { "Map.of", "Map.entry", "Map.ofEntries", "ImmutableMap.of", NULL };
static const char *const pair_constructors[] = { "Map.of", "Map.entry", "ImmutableMap.of", NULL };
static const char *const returns[] = { "return_statement", NULL };
static const char *const binary_ops[] = { "binary_expression", NULL };
static const char *const unary_ops[] = { "unary_expression", NULL };
static const fq_shape conditionals[] = { { "ternary_expression", "condition", NULL }, { NULL, NULL, NULL } };
static const fq_shape loops[] = { { "enhanced_for_statement", "name", "value" }, { NULL, NULL, NULL } };
static const fq_shape members[] = {
	{ "field_access", "object", "field" }, { "method_invocation", "object", "name" }, { NULL, NULL, NULL },
};
static const fq_shape subscripts[] = { { "array_access", "array", "index" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = {
	{ "method_invocation", "name", "arguments" }, { "object_creation_expression", "type", "arguments" },
	{ NULL, NULL, NULL },
};
static const fq_shape assignments[] = { { "assignment_expression", "left", "right" }, { NULL, NULL, NULL } };
static const fq_shape declarations[] = { { "variable_declarator", "name", "value" }, { NULL, NULL, NULL } };
static const fq_shape tries[] = {
	{ "try_statement", "body", NULL }, { "try_with_resources_statement", "body", NULL }, { NULL, NULL, NULL },
};

const fq_profile fq_profile_java = {
	.lang = FQ_LANG_JAVA,
	.name = "java",
	.label = "Java",
	.grammar = tree_sitter_java,
	.extensions = extensions,
	.shebang_words = NULL,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.identifiers = identifiers,
	.property_names = identifiers,
	.self_names = self_names,
	.concat_nodes = binary_ops,
	.concat_operator = "+",
	.strings = strings,
	.string_contents = string_contents,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.declarations = declarations,
	.augmented = augmented,
	.comments = comments,
	.tries = tries,
	.handler_clauses = handler_clauses,
	.returns = returns,
	.binary_ops = binary_ops,
	.unary_ops = unary_ops,
	.conditionals = conditionals,
	.loops = loops,
	.mutating_methods = fq_jvm_mutating_methods,
	.mutating_prefixes = fq_jvm_mutating_prefixes,
	.async_suffixes = fq_jvm_async_suffixes,
	.log_methods = fq_jvm_log_methods,
	.print_calls = fq_jvm_print_calls,
	.validators = fq_jvm_validators,
	.test_suffixes = test_suffixes,
	.literal_holders = holders,
	.literal_constructors = constructors,
	.pair_constructors = pair_constructors,
	.entries = entries,
	.serialisers = fq_jvm_serialisers,
	.whole_object_annotations = fq_jvm_whole_annotations,
	.put_methods = fq_jvm_put_methods,
	.then_methods = fq_jvm_then_methods,
	.await_methods = fq_jvm_await_methods,
	.chain_handlers = fq_jvm_chain_handlers,
	.detached_calls = fq_jvm_detached_calls,
	.stringify_methods = fq_jvm_stringify_methods,
	.validated_annotations = fq_jvm_validated_annotations,
	.whole_objects = "^(?:req|request|httpRequest|servletRequest)\\.(?:getReader|getInputStream)\\(\\)|\\.getPrincipal\\(\\)$",
	.log_trigger_words = fq_jvm_log_triggers,
	.key_trigger_words = fq_jvm_key_triggers,
	.trigger_words = triggers,
};
