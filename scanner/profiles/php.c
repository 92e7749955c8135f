/* PHP: $client->protect($p, 'POL'), FourQuays::protect(...), PSR-3 and
 * Laravel loggers, error_log/print_r/var_dump/echo, try/catch. */
#include "../profile.h"

const TSLanguage *tree_sitter_php(void);

static const char *const extensions[] = { ".php", NULL };
static const char *const shebangs[] = { "php", NULL };
static const char *const queries[] = { "php", NULL };
static const char *const functions[] = {
	"method_declaration", "function_definition", "anonymous_function", "arrow_function", NULL,
};
static const char *const wrappers[] = { "parenthesized_expression", "cast_expression", NULL };
static const char *const wrappers_last[] = { "argument", NULL };
static const char *const identifiers[] = { "variable_name", NULL };
static const char *const name_types[] = { "variable_name", NULL };
static const char *const property_names[] = { "name", NULL };
/* $this->x, self::X, static::X */
static const char *const self_names[] = { "$this", "self", "static", NULL };
static const char *const strings[] = { "string", "encapsed_string", NULL };
static const char *const string_contents[] = { "string_content", NULL };
static const char *const interpolations[] = { "variable_name", "member_access_expression", "subscript_expression", NULL };
static const char *const augmented[] = { "update_expression", "augmented_assignment_expression", NULL };
static const char *const deletes[] = { "unset_statement", NULL };
static const char *const comments[] = { "comment", NULL };
/* error_log(print_r($p, true)), var_dump($p), echo $p */
static const char *const bare_log_calls[] = {
	"error_log", "var_dump", "print_r", "var_export", "printf", "dump", "dd", "echo", "print", NULL,
};
static const char *const handler_clauses[] = { "catch_clause", NULL };
static const char *const returns[] = { "return_statement", NULL };
static const char *const binary_ops[] = { "binary_expression", NULL };
static const char *const unary_ops[] = { "unary_op_expression", NULL };
static const char *const object_literals[] = { "array_creation_expression", NULL };
static const fq_shape entries[] = { { "array_element_initializer", "#0", "#1" }, { NULL, NULL, NULL } };
static const char *const mutating_functions[] = {
	"array_push", "array_unshift", "array_splice", "array_pop", "array_shift", "ksort", "krsort", "asort", "arsort",
	"sort", "rsort", "usort", "uksort", "uasort", "shuffle", "array_walk", NULL,
};
static const char *const serialisers[] = { "json_encode", "serialize", "var_export", "print_r", NULL };
static const char *const validators[] = { "validate", "validated", "make", "passes", "fails", "safe", NULL };
static const char *const test_suffixes[] = { "Test.php", NULL };
static const char *const reducing_calls[] = {
	"strlen", "mb_strlen", "count", "sizeof", "substr", "isset", "empty", "is_null", "hash", "md5", "sha1", "array_keys", NULL,
};
static const fq_shape declarations[] = {
	{ "const_element", "#0", "#1" }, { "property_element", "name", "default_value" }, { NULL, NULL, NULL },
};
static const char *const field_collectors[] = { "compact", NULL };
static const char *const put_methods[] = { "offsetSet", NULL };
/* Symfony validates a #[MapRequestPayload] parameter */
static const char *const whole_annotations[] = { "MapRequestPayload", NULL };
static const char *const triggers[] = {
	"CURLOPT_SSL", "verify", "Verifying", "CURL_SSLVERSION", "crypto_method", "CRYPTO_METHOD", NULL,
};
static const char *const log_triggers[] = { "Log::", "error_log", "var_dump", "print_r", "echo", NULL };
static const char *const key_triggers[] = { "FOURQ", "apiKey", NULL };
static const fq_shape members[] = {
	{ "member_access_expression", "object", "name" }, { "member_call_expression", "object", "name" },
	{ "scoped_call_expression", "scope", "name" }, { "nullsafe_member_call_expression", "object", "name" },
	{ "class_constant_access_expression", "#0", "#1" }, { NULL, NULL, NULL },
};
static const fq_shape subscripts[] = { { "subscript_expression", "#0", "#1" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = {
	{ "member_call_expression", "name", "arguments" }, { "scoped_call_expression", "name", "arguments" },
	{ "function_call_expression", "function", "arguments" }, { "nullsafe_member_call_expression", "name", "arguments" },
	{ "object_creation_expression", "#0", "#1" }, { NULL, NULL, NULL },
};
static const fq_shape assignments[] = { { "assignment_expression", "left", "right" }, { NULL, NULL, NULL } };
/* f(name: value); a positional argument has no name */
static const fq_shape keyword_arguments[] = { { "argument", "name", NULL }, { NULL, NULL, NULL } };
static const fq_shape tries[] = { { "try_statement", "body", NULL }, { NULL, NULL, NULL } };
static const fq_shape conditionals[] = { { "conditional_expression", "condition", NULL }, { NULL, NULL, NULL } };

const fq_profile fq_profile_php = {
	.lang = FQ_LANG_PHP,
	.name = "php",
	.label = "PHP",
	.grammar = tree_sitter_php,
	.extensions = extensions,
	.shebang_words = shebangs,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.wrappers_last = wrappers_last,
	.identifiers = identifiers,
	.name_types = name_types,
	.property_names = property_names,
	.self_names = self_names,
	.concat_nodes = binary_ops,
	.concat_operator = ".",
	.strings = strings,
	.string_contents = string_contents,
	.interpolations = interpolations,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.augmented = augmented,
	.deletes = deletes,
	.comments = comments,
	.bare_log_calls = bare_log_calls,
	.assignment_declares = 1,
	.keyword_arguments = keyword_arguments,
	.field_collectors = field_collectors,
	.tries = tries,
	.handler_clauses = handler_clauses,
	.returns = returns,
	.binary_ops = binary_ops,
	.unary_ops = unary_ops,
	.conditionals = conditionals,
	.object_literals = object_literals,
	.entries = entries,
	.mutating_functions = mutating_functions,
	.reducing_calls = reducing_calls,
	.serialisers = serialisers,
	.put_methods = put_methods,
	.validated_annotations = whole_annotations,
	.declarations = declarations,
	.whole_objects = "^(?:\\$request->(?:all|input|toArray|getContent|json)\\(\\)|\\$_POST|\\$_REQUEST|Auth::user\\(\\)|auth\\(\\)->user\\(\\)|request\\(\\)->all\\(\\)|file_get_contents\\('php://input'\\)|\\$user)$",
	.validators = validators,
	.test_suffixes = test_suffixes,
	.log_trigger_words = log_triggers,
	.key_trigger_words = key_triggers,
	.trigger_words = triggers,
};
