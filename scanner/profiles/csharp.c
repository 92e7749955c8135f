/* C#: await client.ProtectAsync(p, "POL"), ILogger and Serilog, try/catch
 * with exception filters. */
#include "../profile.h"

const TSLanguage *tree_sitter_c_sharp(void);

static const char *const extensions[] = { ".cs", NULL };
static const char *const queries[] = { "csharp", NULL };
static const char *const functions[] = {
	"method_declaration", "constructor_declaration", "lambda_expression", "anonymous_method_expression",
	"local_function_statement", "accessor_declaration", NULL,
};
/* an argument's value comes last (name: value); x! and (T)x reach x */
static const char *const wrappers[] = {
	"parenthesized_expression", "cast_expression", "postfix_unary_expression", "element_binding_expression", NULL,
};
static const char *const wrappers_last[] = { "argument", NULL };
static const char *const awaits[] = { "await_expression", NULL };
static const char *const identifiers[] = { "identifier", NULL };
static const char *const self_names[] = { "this", NULL };
static const char *const strings[] = { "string_literal", "verbatim_string_literal", "raw_string_literal", NULL };
static const char *const string_contents[] = { "string_literal_content", "string_content", NULL };
static const char *const interpolations[] = { "interpolation", NULL };
static const char *const augmented[] = { "postfix_unary_expression", "prefix_unary_expression", NULL };
static const char *const comments[] = { "comment", NULL };
static const char *const handler_clauses[] = { "catch_clause", NULL };
static const char *const returns[] = { "return_statement", NULL };
static const char *const binary_ops[] = { "binary_expression", NULL };
static const char *const unary_ops[] = { "prefix_unary_expression", NULL };
static const char *const object_literals[] = { "initializer_expression", "anonymous_object_creation_expression", NULL };
static const char *const flat_literals[] = { "anonymous_object_creation_expression", NULL };
static const fq_shape holders[] = { { "object_creation_expression", NULL, "initializer" }, { NULL, NULL, NULL } };
static const fq_shape entries[] = {
	{ "assignment_expression", "left", "right" }, { "initializer_expression", "#0", "#1" }, { NULL, NULL, NULL },
};
/* ILogger's LogInformation..., Serilog's Log.Information..., Console.WriteLine */
static const char *const log_methods[] = {
	"logInformation", "logDebug", "logWarning", "logError", "logCritical", "logTrace", "information",
	"verbose", "writeLine", "write", NULL,
};
static const char *const print_calls[] = {
	"Console.WriteLine", "Console.Write", "Debug.WriteLine", "Trace.WriteLine", "Console.Error.WriteLine", NULL,
};
static const char *const logger_names[] = { "Console", "Debug", "Trace", NULL };
static const char *const async_suffixes[] = { "Async", NULL };
static const char *const mutating_methods[] = {
	"Add", "Remove", "Clear", "Insert", "AddRange", "RemoveAt", "TryAdd", "TryRemove", NULL,
};
static const char *const validators[] = {
	"validate", "validateAndThrow", "validateAsync", "tryValidateObject", "validateObject", "isValid", NULL,
};
static const char *const validation_states[] = { "ModelState.IsValid", NULL };
static const char *const test_suffixes[] = { "Tests.cs", "Test.cs", "Spec.cs", NULL };
static const char *const whole_annotations[] = { "FromBody", NULL };
static const char *const triggers[] = {
	"Protect", "Certificate", "SslStream", "SslProtocols", "SecurityProtocol", "SslPolicyErrors", "SslOptions", NULL,
};
static const char *const reducing_calls[] = { "nameof", "Mask", "Redact", "IsNullOrEmpty", "IsNullOrWhiteSpace", NULL };
static const char *const stringify[] = { "ToString", NULL };
static const fq_shape class_fields[] = { { "property_declaration", "name", "value" }, { NULL, NULL, NULL } };
static const char *const log_triggers[] = { "Log", "Console", "Debug.Write", "Trace.Write", NULL };
static const char *const put_methods[] = { "Add", "TryAdd", NULL };
static const char *const serialisers[] = { "Serialize", "SerializeObject", NULL };
static const char *const passthrough[] = { "bracketed_argument_list", NULL };
static const char *const key_triggers[] = { "ApiKey", "APIKey", "FOURQ", NULL };
static const fq_shape members[] = {
	{ "member_access_expression", "expression", "name" },
	/* a?.B: the member binding's name */
	{ "conditional_access_expression", "condition", "#1/name" }, { NULL, NULL, NULL },
};
static const fq_shape subscripts[] = { { "element_access_expression", "expression", "subscript" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = {
	{ "invocation_expression", "function", "arguments" }, { "object_creation_expression", "type", "arguments" },
	{ NULL, NULL, NULL },
};
static const fq_shape assignments[] = { { "assignment_expression", "left", "right" }, { NULL, NULL, NULL } };
static const fq_shape declarations[] = { { "variable_declarator", "name", "#1" }, { NULL, NULL, NULL } };
static const fq_shape tries[] = { { "try_statement", "body", NULL }, { NULL, NULL, NULL } };
static const fq_shape conditionals[] = { { "conditional_expression", "condition", NULL }, { NULL, NULL, NULL } };

const fq_profile fq_profile_csharp = {
	.lang = FQ_LANG_CSHARP,
	.name = "csharp",
	.label = "C#",
	.grammar = tree_sitter_c_sharp,
	.extensions = extensions,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.wrappers_last = wrappers_last,
	.awaits = awaits,
	.identifiers = identifiers,
	.property_names = identifiers,
	.self_names = self_names,
	.concat_nodes = binary_ops,
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
	.tries = tries,
	.handler_clauses = handler_clauses,
	.returns = returns,
	.binary_ops = binary_ops,
	.unary_ops = unary_ops,
	.conditionals = conditionals,
	.object_literals = object_literals,
	.literal_holders = holders,
	.flat_literals = flat_literals,
	.entries = entries,
	.capitalised_methods = 1,
	.async_suffixes = async_suffixes,
	.log_methods = log_methods,
	.print_calls = print_calls,
	.logger_names = logger_names,
	.mutating_methods = mutating_methods,
	.validators = validators,
	.validation_states = validation_states,
	.test_suffixes = test_suffixes,
	.reducing_calls = reducing_calls,
	.stringify_methods = stringify,
	.class_fields = class_fields,
	.put_methods = put_methods,
	.serialisers = serialisers,
	.passthrough = passthrough,
	.whole_objects = "^(?:Request\\.Body|HttpContext\\.Request\\.Body|user|currentUser)$",
	.whole_object_annotations = whole_annotations,
	.log_trigger_words = log_triggers,
	.key_trigger_words = key_triggers,
	.trigger_words = triggers,
};
