/* Ruby: client.protect(p, "POL") with or without parentheses, Rails
 * loggers, begin/rescue (also a method's own rescue and the rescue
 * modifier).  Blocks are read as part of their method, like Kotlin's
 * lambdas: most are inline iteration. */
#include "../profile.h"

const TSLanguage *tree_sitter_ruby(void);

static const char *const extensions[] = { ".rb", ".rake", NULL };
static const char *const shebangs[] = { "ruby", NULL };
static const char *const queries[] = { "ruby", NULL };
static const char *const functions[] = { "method", "singleton_method", "lambda", NULL };
static const char *const wrappers[] = { "parenthesized_statements", NULL };
static const char *const identifiers[] = { "identifier", "instance_variable", NULL };
static const char *const name_types[] = { "instance_variable", "constant", NULL };
static const char *const property_names[] = { "identifier", "constant", NULL };
static const char *const self_names[] = { "self", NULL };
static const char *const strings[] = { "string", NULL };
static const char *const string_contents[] = { "string_content", NULL };
static const char *const interpolations[] = { "interpolation", NULL };
static const char *const augmented[] = { "operator_assignment", NULL };
static const char *const comments[] = { "comment", NULL };
static const char *const bare_log_calls[] = { "puts", "p", "pp", "print", "warn", NULL };
static const char *const handler_clauses[] = { "rescue", NULL };
static const char *const try_tails[] = { "else", "ensure", NULL };
static const char *const returns[] = { "return", NULL };
static const char *const binary_ops[] = { "binary", NULL };
static const char *const unary_ops[] = { "unary", NULL };
static const char *const arrays[] = { "array", NULL };
static const char *const object_literals[] = { "hash", NULL };
static const fq_shape entries[] = { { "pair", "key", "value" }, { NULL, NULL, NULL } };
static const fq_shape keyword_arguments[] = { { "pair", "key", "value" }, { NULL, NULL, NULL } };
/* hash changes: store, merge!, delete, and array pushes */
static const char *const mutating_methods[] = {
	"store", "merge!", "update", "delete", "clear", "replace", "reject!", "select!", "delete_if", "keep_if",
	"push", "<<", "concat", "transform_values!", "compact!", NULL,
};
static const char *const validators[] = { "valid?", "validate!", "call", "validate", NULL };
static const char *const test_suffixes[] = { "_spec.rb", "_test.rb", NULL };
static const char *const log_methods[] = { "inspect", NULL };
static const char *const mutating_suffixes[] = { "!", NULL };
static const char *const stringify[] = { "inspect", "to_s", "to_json", "to_h", "as_json", "attributes", NULL };
static const char *const put_methods[] = { "store", "[]=", NULL };
static const char *const triggers[] = { "VERIFY_", "verify", "ssl_version", "min_version", "TLS", "SSLContext", NULL };
static const char *const key_triggers[] = { "FOURQ", NULL };
/* p x and pp x are found by the parse pre-check's line-start look for the
 * bare log calls (a word " p " would slow the one-pass pre-check of every
 * file: " p" is one of the commonest byte pairs of any text) */
static const char *const log_triggers[] = { "puts", NULL };
static const char *const symbols[] = { "simple_symbol", "hash_key_symbol", NULL };
static const fq_shape members[] = { { "call", "receiver", "method" }, { "scope_resolution", "scope", "name" }, { NULL, NULL, NULL } };
static const fq_shape subscripts[] = { { "element_reference", "object", "#1" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = { { "call", "method", "arguments" }, { NULL, NULL, NULL } };
static const fq_shape assignments[] = { { "assignment", "left", "right" }, { NULL, NULL, NULL } };
/* begin ... rescue ... end and a method body with its own rescue: the
 * statements are the try's own children ("."); x rescue y */
static const fq_shape tries[] = {
	{ "begin", ".", NULL }, { "body_statement", ".", NULL }, { "rescue_modifier", "body", "handler" },
	{ NULL, NULL, NULL },
};
static const fq_shape param_blocks[] = {
	{ "block", "parameters", "body" }, { "do_block", "parameters", "body" }, { NULL, NULL, NULL },
};
/* x.tap { |y| ... }, x.then { |y| ... }: the block's parameter is x */
static const char *const then_methods[] = { "tap", "then", "yield_self", NULL };
static const fq_shape conditionals[] = { { "conditional", "condition", NULL }, { NULL, NULL, NULL } };

static const char *const implicit_concats[] = { "chained_string", NULL };

const fq_profile fq_profile_ruby = {
	.lang = FQ_LANG_RUBY,
	.name = "ruby",
	.label = "Ruby",
	.grammar = tree_sitter_ruby,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.identifiers = identifiers,
	.name_types = name_types,
	.property_names = property_names,
	.self_names = self_names,
	.concat_nodes = binary_ops,
	.concat_operator = "+",
	.implicit_concats = implicit_concats,
	.strings = strings,
	.string_contents = string_contents,
	.interpolations = interpolations,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.augmented = augmented,
	.comments = comments,
	.bare_log_calls = bare_log_calls,
	.assignment_declares = 1,
	.implicit_returns = 1,
	.symbols = symbols,
	.param_blocks = param_blocks,
	.then_methods = then_methods,
	.tries = tries,
	.try_is_expression = 1,
	.handler_clauses = handler_clauses,
	.try_tails = try_tails,
	.returns = returns,
	.binary_ops = binary_ops,
	.unary_ops = unary_ops,
	.arrays = arrays,
	.conditionals = conditionals,
	.object_literals = object_literals,
	.entries = entries,
	.keyword_arguments = keyword_arguments,
	.mutating_methods = mutating_methods,
	.mutating_suffixes = mutating_suffixes,
	.stringify_methods = stringify,
	.put_methods = put_methods,
	.whole_objects = "^(?:params(?:\\.require\\(:\\w+\\))?(?:\\.(?:permit!|to_unsafe_h))?|request\\.(?:raw_post|body\\.read|params)|JSON\\.parse\\(request\\.(?:raw_post|body\\.read)\\))$",
	.whole_payloads = "^params\\[:\\w+\\]$",
	.validators = validators,
	.log_methods = log_methods,
	.test_suffixes = test_suffixes,
	.key_trigger_words = key_triggers,
	.log_trigger_words = log_triggers,
	.trigger_words = triggers,
};
