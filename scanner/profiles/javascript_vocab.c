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
/* rejectUnauthorized: false, minVersion: 'TLSv1', secureProtocol,
 * secureOptions, strictSSL */
const char *const fq_js_triggers[] = {
	"rejectUnauthorized", "REJECT_UNAUTHORIZED", "minVersion", "maxVersion", "secureProtocol", "secureOptions",
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
const char *const fq_js_patterns[] = {
	"object_pattern", "array_pattern", "pair_pattern", "assignment_pattern", "object_assignment_pattern", NULL,
};
const char *const fq_js_pattern_defaults[] = { "assignment_pattern", "object_assignment_pattern", NULL };
const fq_shape fq_js_pattern_pairs[] = { { "pair_pattern", "key", "value" }, { NULL, NULL, NULL } };
const char *const fq_js_pattern_names[] = { "shorthand_property_identifier_pattern", NULL };
const char *const fq_js_type_annotations[] = { "type_annotation", NULL };
const fq_shape fq_ts_parameters[] = {
	{ "required_parameter", "pattern", NULL }, { "optional_parameter", "pattern", NULL }, { NULL, NULL, NULL },
};
const fq_shape fq_js_loops[] = { { "for_in_statement", "left", "right" }, { NULL, NULL, NULL } };
const fq_shape fq_js_class_fields[] = { { "field_definition", "property", "value" }, { NULL, NULL, NULL } };
const fq_shape fq_ts_class_fields[] = { { "public_field_definition", "name", "value" }, { NULL, NULL, NULL } };
const char *const fq_js_returns[] = { "return_statement", NULL };
const char *const fq_js_arrays[] = { "array", NULL };
const fq_shape fq_js_conditionals[] = { { "ternary_expression", "condition", NULL }, { NULL, NULL, NULL } };
const char *const fq_js_binary_ops[] = { "binary_expression", NULL };
const char *const fq_js_unary_ops[] = { "unary_expression", NULL };
const char *const fq_js_constructions[] = { "new_expression", NULL };
const char *const fq_js_jsx_attributes[] = { "jsx_attribute", NULL };
const char *const fq_ts_literal_types[] = { "literal_type", NULL };
const char *const fq_js_blocks[] = { "statement_block", NULL };
const char *const fq_js_iterators[] = { "map", "forEach", "flatMap", "filter", "some", "every", "find", NULL };
const char *const fq_js_map_methods[] = { "map", "flatMap", NULL };
const char *const fq_js_async[] = { "async", NULL };
const char *const fq_js_combinators[] = { "all", "allSettled", "any", "race", NULL };
const char *const fq_js_combinator_receivers[] = { "Promise", NULL };
const char *const fq_js_catch[] = { "catch", NULL };
