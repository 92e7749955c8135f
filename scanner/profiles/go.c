/* Go: the SDK's Protect(ctx, payload, policy) returns (result, error). */
#include "../profile.h"

const TSLanguage *tree_sitter_go(void);

static const char *const extensions[] = { ".go", NULL };
static const char *const queries[] = { "go", NULL };
static const char *const functions[] = { "function_declaration", "method_declaration", "func_literal", NULL };
/* a literal_element holds a key or a value; &x and *x reach x */
static const char *const wrappers[] = { "parenthesized_expression", "literal_element", "unary_expression", NULL };
static const char *const identifiers[] = { "identifier", NULL };
static const char *const property_names[] = { "field_identifier", NULL };
static const char *const strings[] = { "interpreted_string_literal", "raw_string_literal", NULL };
static const char *const string_contents[] = {
	"interpreted_string_literal_content", "raw_string_literal_content", NULL,
};
static const char *const augmented[] = { "inc_statement", "dec_statement", NULL };
static const char *const mutating_functions[] = { "delete", "clear", NULL };
static const char *const objects[] = { "literal_value", NULL };
static const fq_shape holders[] = { { "composite_literal", NULL, "body" }, { NULL, NULL, NULL } };
static const fq_shape entries[] = { { "keyed_element", "key", "value" }, { NULL, NULL, NULL } };
/* the raw body of an HTTP request, or a whole request message */
static const char *const serialisers[] = {
	"io.ReadAll", "ioutil.ReadAll", "json.Marshal", "proto.Marshal", "protojson.Marshal", NULL,
};
static const char *const derefs[] = { "unary_expression", NULL };
static const char *const validators[] = { "struct", "structCtx", "var", "validate", NULL };
static const char *const returns[] = { "return_statement", NULL };
static const char *const binary_ops[] = { "binary_expression", NULL };
static const char *const unary_ops[] = { "unary_expression", NULL };
static const fq_shape loops[] = { { "range_clause", "left", "right" }, { NULL, NULL, NULL } };
static const char *const comments[] = { "comment", NULL };
static const char *const bare_log_calls[] = { "println", "print", NULL };
/* the standard log package, slog, zap (and its sugared logger), logrus,
 * zerolog's event chains; names with their first letter lowered */
static const char *const log_methods[] = {
	"print", "printf", "println", "fatalf", "fatalln", "panic", "panicf", "panicln", "infof", "infow",
	"debugf", "debugw", "warnf", "warnw", "errorf", "errorw", "fatalw", "infoContext", "debugContext",
	"warnContext", "errorContext", "logAttrs", "withField", "withFields", "interface", "str", "any",
	"msg", "msgf", "send", "fields", "rawJSON", "bytes", "object", "stringer", NULL,
};
static const char *const print_calls[] = {
	"fmt.Print", "fmt.Printf", "fmt.Println", "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", NULL,
};
static const char *const logger_names[] = { "logrus", "zap", "zerolog", "slog", "sugar", "glog", "klog", NULL };
static const char *const error_checks[] = { "if_statement", "expression_switch_statement", NULL };
static const char *const blocks[] = { "block", NULL };
static const char *const lists[] = { "expression_list", NULL };
static const char *const reductions[] = { "slice_expression", NULL };
static const char *const log_triggers[] = { "Print", NULL };
static const char *const key_triggers[] = { "APIKey", "SecretKey", "AccessKey", NULL };
static const char *const test_suffixes[] = { "_test.go", NULL };
static const char *const triggers[] = { "Protect", "InsecureSkipVerify", "VersionTLS1", "VersionSSL30", NULL };
static const fq_shape members[] = { { "selector_expression", "operand", "field" }, { NULL, NULL, NULL } };
static const fq_shape subscripts[] = { { "index_expression", "operand", "index" }, { NULL, NULL, NULL } };
static const fq_shape calls[] = { { "call_expression", "function", "arguments" }, { NULL, NULL, NULL } };
static const fq_shape assignments[] = { { "assignment_statement", "left", "right" }, { NULL, NULL, NULL } };
static const fq_shape declarations[] = {
	{ "short_var_declaration", "left", "right" }, { "var_spec", "name", "value" },
	{ "const_spec", "name", "value" }, { NULL, NULL, NULL },
};
static const fq_shape tries[] = { { NULL, NULL, NULL } };

const fq_profile fq_profile_go = {
	.lang = FQ_LANG_GO,
	.name = "go",
	.label = "Go",
	.grammar = tree_sitter_go,
	.extensions = extensions,
	.shebang_words = NULL,
	.query_dirs = queries,
	.functions = functions,
	.wrappers = wrappers,
	.awaits = NULL,
	.identifiers = identifiers,
	.property_names = property_names,
	.self_names = NULL,
	.concat_nodes = binary_ops,
	.concat_operator = "+",
	.strings = strings,
	.string_contents = string_contents,
	.interpolations = NULL,
	.members = members,
	.subscripts = subscripts,
	.calls = calls,
	.assignments = assignments,
	.declarations = declarations,
	.augmented = augmented,
	.comments = comments,
	.bare_log_calls = bare_log_calls,
	.assignment_declares = 0,
	.tries = tries,
	.handler_clauses = NULL,
	.mutating_methods = NULL,
	.mutating_functions = mutating_functions,
	.derefs = derefs,
	.object_literals = objects,
	.literal_holders = holders,
	.entries = entries,
	.whole_objects = "^(?:r|req|request|httpReq)\\.Body$|^(?:req|request|in)$",
	.serialisers = serialisers,
	.validators = validators,
	.typed_parameters = NULL,
	.class_field_policies = 0,
	.capitalised_methods = 1,
	.context_first = 1,
	.log_methods = log_methods,
	.print_calls = print_calls,
	.logger_names = logger_names,
	.error_values = 1,
	.returns = returns,
	.binary_ops = binary_ops,
	.unary_ops = unary_ops,
	.loops = loops,
	.error_checks = error_checks,
	.blocks = blocks,
	.lists = lists,
	.reductions = reductions,
	.log_trigger_words = log_triggers,
	.key_trigger_words = key_triggers,
	.test_suffixes = test_suffixes,
	.trigger_words = triggers,
};
