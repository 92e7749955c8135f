/* Python. */
#include "../profile.h"

const TSLanguage *tree_sitter_python(void);

static const char *const extensions[] = { ".py", ".pyi", NULL };
static const char *const shebangs[] = { "python", NULL };
static const char *const queries[] = { "python", NULL };
static const char *const functions[] = { "function_definition", "lambda", NULL };
static const char *const wrappers[] = { "parenthesized_expression", NULL };
static const char *const awaits[] = { "await", NULL };
static const char *const identifiers[] = { "identifier", NULL };
static const char *const property_names[] = { "identifier", NULL };
static const char *const self_names[] = { "self", NULL };
static const char *const strings[] = { "string", NULL };
static const char *const string_contents[] = { "string_content", NULL };
static const char *const interpolations[] = { "interpolation", NULL };
static const char *const augmented[] = { "augmented_assignment", NULL };
static const char *const deletes[] = { "delete_statement", NULL };
static const char *const comments[] = { "comment", NULL };
static const char *const bare_log_calls[] = { "print", NULL };
static const char *const handler_clauses[] = { "except_clause", "except_group_clause", NULL };
/* dict methods that change the dict */
static const char *const mutating_methods[] = {
	"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__", NULL,
};
static const char *const mutating_functions[] = { "setattr", "delattr", NULL };
static const char *const objects[] = { "dictionary", NULL };
/* dict(ssn=..., amount=...) */
static const char *const constructors[] = { "dict", NULL };
static const fq_shape holders[] = { { "call", "function", "arguments" }, { NULL, NULL, NULL } };
static const fq_shape entries[] = { { "pair", "key", "value" }, { "keyword_argument", "name", "value" }, { NULL, NULL, NULL } };
static const char *const spreads[] = { "dictionary_splat", "list_splat", NULL };
static const char *const patterns[] = { "pattern_list", "tuple_pattern", "list_pattern", NULL };
static const char *const type_annotations[] = { "type", NULL };
static const fq_shape loops[] = { { "for_statement", "left", "right" }, { "for_in_clause", "left", "right" }, { NULL, NULL, NULL } };
static const char *const comprehensions[] = {
	"list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression", NULL,
};
static const fq_shape keyword_arguments[] = { { "keyword_argument", "name", "value" }, { NULL, NULL, NULL } };
static const char *const returns[] = { "return_statement", NULL };
static const char *const arrays[] = { "list", NULL };
static const fq_shape conditionals[] = { { "conditional_expression", "#1", NULL }, { NULL, NULL, NULL } };
static const char *const comparisons[] = { "comparison_operator", NULL };
static const char *const unary_ops[] = { "not_operator", NULL };
static const char *const defaults[] = { "boolean_operator", NULL };
static const char *const asserts[] = { "assert_statement", NULL };
/* def f(t: TransferModel): pydantic validates t before the body runs */
static const char *const typed_parameters[] = { "typed_parameter", "typed_default_parameter", NULL };
static const char *const triggers[] = {
	"CERT_NONE", "check_hostname", "unverified", "PROTOCOL_", "TLSVersion", "minimum_version",
	"HTTPSVERIFY", "verify", "TCPConnector", "SSL_VERIFY", "cert_reqs", "TLSv1_", "SSLv", NULL,
};
static const fq_shape members[] = { { "attribute", "object", "attribute" }, { NULL, NULL, NULL } };
static const fq_shape subscripts[] = { { "subscript", "value", "subscript" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = { { "call", "function", "arguments" }, { NULL, NULL, NULL } };
static const fq_shape assignments[] = { { "assignment", "left", "right" }, { NULL, NULL, NULL } };
static const fq_shape declarations[] = { { NULL, NULL, NULL } };
static const fq_shape tries[] = { { "try_statement", "body", NULL }, { NULL, NULL, NULL } };

static const char *const concat_nodes[] = { "binary_operator", NULL };
static const char *const implicit_concats[] = { "concatenated_string", NULL };

const fq_profile fq_profile_python = {
	.lang = FQ_LANG_PYTHON,
	.name = "python",
	.label = "Python",
	.grammar = tree_sitter_python,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.awaits = awaits,
	.identifiers = identifiers,
	.property_names = property_names,
	.self_names = self_names,
	.concat_nodes = concat_nodes,
	.concat_operator = "+",
	.implicit_concats = implicit_concats,
	.strings = strings,
	.string_contents = string_contents,
	.interpolations = interpolations,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.declarations = declarations,
	.augmented = augmented,
	.deletes = deletes,
	.comments = comments,
	.bare_log_calls = bare_log_calls,
	.assignment_declares = 1,
	.tries = tries,
	.handler_clauses = handler_clauses,
	.mutating_methods = mutating_methods,
	.mutating_functions = mutating_functions,
	.object_literals = objects,
	.literal_holders = holders,
	.literal_constructors = constructors,
	.entries = entries,
	.spreads = spreads,
	.typed_parameters = typed_parameters,
	.class_field_policies = 0,
	.patterns = patterns,
	.type_annotations = type_annotations,
	.loops = loops,
	.comprehensions = comprehensions,
	.keyword_arguments = keyword_arguments,
	.returns = returns,
	.arrays = arrays,
	.conditionals = conditionals,
	.comparisons = comparisons,
	.unary_ops = unary_ops,
	.defaults = defaults,
	.asserts = asserts,
	.trigger_words = triggers,
};
