/* The vocabulary of the JavaScript family (see shared.h). */
#include "shared.h"

const char *const fq_js_functions[] = {
	"function_declaration", "function_expression", "arrow_function", "method_definition",
	"generator_function_declaration", "generator_function", NULL,
};
const char *const fq_js_wrappers[] = { "parenthesized_expression", NULL };
const char *const fq_ts_wrappers[] = {
	"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
	"type_assertion", NULL,
};
const char *const fq_tsx_wrappers[] = {
	"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", NULL,
};
const char *const fq_js_awaits[] = { "await_expression", NULL };
const char *const fq_js_identifiers[] = { "identifier", "shorthand_property_identifier", NULL };
const char *const fq_js_property_names[] = { "property_identifier", "private_property_identifier", NULL };
const char *const fq_js_self[] = { "this", "self", NULL };
const char *const fq_js_strings[] = { "string", "template_string", NULL };
const char *const fq_js_string_contents[] = { "string_fragment", NULL };
const char *const fq_js_interpolations[] = { "template_substitution", NULL };
const char *const fq_js_augmented[] = { "augmented_assignment_expression", "update_expression", NULL };
const char *const fq_js_deletes[] = { "unary_expression", NULL };
const char *const fq_js_comments[] = { "comment", NULL };
/* rejectUnauthorized: false, minVersion: 'TLSv1', secureProtocol, strictSSL */
const char *const fq_js_triggers[] = {
	"rejectUnauthorized", "REJECT_UNAUTHORIZED", "minVersion", "maxVersion", "secureProtocol",
	"strictSSL", "DEFAULT_MIN_VERSION", "DEFAULT_MAX_VERSION", NULL,
};
const fq_shape fq_js_members[] = { { "member_expression", "object", "property" }, { NULL, NULL, NULL } };
const fq_shape fq_js_subscripts[] = { { "subscript_expression", "object", "index" }, { NULL, NULL, NULL } };
const fq_shape fq_js_calls[] = {
	{ "call_expression", "function", "arguments" },
	{ NULL, NULL, NULL },
};
const fq_shape fq_js_assignments[] = { { "assignment_expression", "left", "right" }, { NULL, NULL, NULL } };
const fq_shape fq_js_declarations[] = { { "variable_declarator", "name", "value" }, { NULL, NULL, NULL } };
const fq_shape fq_js_tries[] = { { "try_statement", "body", "handler" }, { NULL, NULL, NULL } };
/* functions that change their first argument */
const char *const fq_js_mutating_functions[] = {
	"Object.assign", "Object.defineProperty", "Object.defineProperties", "Object.setPrototypeOf",
	"Reflect.set", "Reflect.deleteProperty", "Reflect.defineProperty", NULL,
};
const char *const fq_js_objects[] = { "object", NULL };
const fq_shape fq_js_entries[] = { { "pair", "key", "value" }, { NULL, NULL, NULL } };
const char *const fq_js_shorthands[] = { "shorthand_property_identifier", NULL };
const char *const fq_js_spreads[] = { "spread_element", NULL };
const char *const fq_js_then[] = { "then", NULL };
