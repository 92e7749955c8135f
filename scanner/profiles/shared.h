/*
 * The JavaScript family (JavaScript, TypeScript, TSX) shares one grammar
 * lineage and so one vocabulary; each of the three profiles names its own
 * grammar, extensions and queries and differs only in the casts it knows.
 */
#ifndef FQ_PROFILES_SHARED_H
#define FQ_PROFILES_SHARED_H

#include "../profile.h"

extern const char *const fq_js_functions[], *const fq_js_awaits[], *const fq_js_identifiers[],
	*const fq_js_property_names[], *const fq_js_self[], *const fq_js_strings[],
	*const fq_js_string_contents[], *const fq_js_interpolations[], *const fq_js_augmented[], *const fq_js_deletes[], *const fq_js_comments[],
	*const fq_js_triggers[], *const fq_js_mutating_functions[], *const fq_js_objects[],
	*const fq_js_shorthands[], *const fq_js_spreads[], *const fq_js_then[];
extern const char *const fq_js_wrappers[], *const fq_ts_wrappers[], *const fq_tsx_wrappers[];
extern const fq_shape fq_js_members[], fq_js_subscripts[], fq_js_calls[], fq_js_assignments[],
	fq_js_declarations[], fq_js_tries[], fq_js_entries[];

extern const char *const fq_js_patterns[], *const fq_js_pattern_defaults[], *const fq_js_pattern_names[],
	*const fq_js_type_annotations[], *const fq_js_returns[], *const fq_js_arrays[], *const fq_js_binary_ops[],
	*const fq_js_unary_ops[], *const fq_js_constructions[], *const fq_js_jsx_attributes[],
	*const fq_ts_literal_types[], *const fq_js_blocks[], *const fq_js_iterators[], *const fq_js_map_methods[],
	*const fq_js_async[], *const fq_js_combinators[], *const fq_js_combinator_receivers[], *const fq_js_catch[];
extern const fq_shape fq_js_pattern_pairs[], fq_ts_parameters[], fq_js_loops[], fq_js_class_fields[],
	fq_ts_class_fields[], fq_js_conditionals[];

/* JavaScript's own fields beside the shared ones: TypeScript's casts,
 * parameters, class fields and literal types differ. */
#define FQ_JS_FAMILY_FIELDS(wrappers_) \
	FQ_JS_FAMILY_FIELDS_EX(wrappers_, NULL, fq_js_class_fields, NULL, NULL, fq_js_jsx_attributes)
#define FQ_JS_FAMILY_FIELDS_EX(wrappers_, parameters_, class_fields_, literal_types_, types_, jsx_) \
	.patterns = fq_js_patterns, .pattern_defaults = fq_js_pattern_defaults, \
	.pattern_pairs = fq_js_pattern_pairs, .pattern_names = fq_js_pattern_names, \
	.type_annotations = (types_), .parameters = (parameters_), .loops = fq_js_loops, \
	.class_fields = (class_fields_), .returns = fq_js_returns, .arrays = fq_js_arrays, \
	.conditionals = fq_js_conditionals, .binary_ops = fq_js_binary_ops, .unary_ops = fq_js_unary_ops, \
	.constructions = fq_js_constructions, .jsx_attributes = (jsx_), \
	.literal_types = (literal_types_), .blocks = fq_js_blocks, .iterator_methods = fq_js_iterators, \
	.map_methods = fq_js_map_methods, .async_keywords = fq_js_async, .combinators = fq_js_combinators, \
	.combinator_receivers = fq_js_combinator_receivers, .chain_handlers = fq_js_catch, \
	FQ_JS_FAMILY_BASE(wrappers_)
#define FQ_JS_FAMILY_BASE(wrappers_) \
	.functions = fq_js_functions, .wrappers = (wrappers_), .awaits = fq_js_awaits, \
	.identifiers = fq_js_identifiers, .property_names = fq_js_property_names, \
	.self_names = fq_js_self, .strings = fq_js_strings, .string_contents = fq_js_string_contents, \
	.interpolations = fq_js_interpolations, \
	.members = fq_js_members, .subscripts = fq_js_subscripts, .calls = fq_js_calls, \
	.assignments = fq_js_assignments, .declarations = fq_js_declarations, \
	.augmented = fq_js_augmented, .deletes = fq_js_deletes, .comments = fq_js_comments, .bare_log_calls = NULL, \
	.assignment_declares = 0, .tries = fq_js_tries, .handler_clauses = NULL, \
	.mutating_methods = NULL, .mutating_functions = fq_js_mutating_functions, \
	.object_literals = fq_js_objects, .literal_holders = NULL, .entries = fq_js_entries, \
	.shorthand_entries = fq_js_shorthands, .spreads = fq_js_spreads, .then_methods = fq_js_then, .typed_parameters = NULL, .class_field_policies = 1, \
	.trigger_words = fq_js_triggers, .concat_nodes = fq_js_binary_ops, .concat_operator = "+"

#endif
