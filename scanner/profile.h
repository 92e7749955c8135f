/*
 * A language is one profile: everything the scanner and the rule families
 * need to know about a language, as data.  The families are written once
 * against these fields (and the helpers of syntax.h that read them) and
 * never ask which language they are in; adding a language is adding its
 * profile file (scanner/profiles/<name>.c), one row of the table in
 * scanner/profiles/profiles.c, its queries (the .scm files of rules/queries/<name>/),
 * its grammar pin (grammars/package.json) and its case tables
 * (tests/rules/<name>/).  tests/unit/test_profiles.c checks every profile
 * against its grammar: each node type and field named here must exist
 * there, so a typo cannot silently switch a rule off.
 *
 * Lists are NULL-terminated; shape lists end with a { NULL } row.
 */
#ifndef FQ_PROFILE_H
#define FQ_PROFILE_H

#include <stddef.h>
#include <tree_sitter/api.h>

#include "lang.h"

/* A node type with the fields of its two parts, e.g. member access
 * { "member_expression", "object", "property" }.  A field may be NULL
 * when the part is a positional named child: a → child 0, b → the last. */
typedef struct fq_shape {
	const char *type;
	const char *a;
	const char *b;
} fq_shape;

typedef struct fq_profile {
	fq_lang lang;
	const char *name;            /* "python": folders of queries and case tables */
	const char *label;           /* "Python": for people */
	const TSLanguage *(*grammar)(void);
	const char *const *extensions;        /* ".py", ".pyi" (case-insensitive) */
	const char *const *shebang_words;     /* interpreter names in a #! line */
	/* Query folders joined, in order: TSX reads javascript, typescript, tsx. */
	const char *const *query_dirs;

	/* ---- the syntax vocabulary ------------------------------------------ */
	const char *const *functions;         /* declarations, expressions, lambdas, methods */
	const char *const *wrappers;          /* parentheses and casts the value passes through */
	const char *const *awaits;            /* await: unwrapped when asked */
	const char *const *identifiers;       /* plain names (JS shorthand included) */
	const char *const *name_types;        /* a variable's name where it is read: identifier (NULL: "identifier") */
	const char *const *property_names;    /* the name part of a member access */
	const char *const *self_names;        /* this, self: a field of it is followed like a name */
	const char *const *strings;           /* string literal node types */
	const char *const *string_contents;   /* the text parts inside a string node */
	const char *const *interpolations;    /* ${x}, {x}: a string holding one has no fixed value */
	const fq_shape *members;              /* a.b: object, property */
	const fq_shape *subscripts;           /* a[k]: object, index */
	const fq_shape *calls;                /* f(x): function, arguments */
	const fq_shape *assignments;          /* a = b: left, right */
	const fq_shape *declarations;         /* let a = b: name, value */
	const char *const *augmented;         /* a += b, a++ (the target is the first child or field left/argument) */
	const char *const *deletes;           /* delete x.a (JS's unary_expression, Python's del) */
	const char *const *comments;

	/* Destructuring: patterns that hold names (their children are
	 * targets; a default's only its first child, a pair pattern only its
	 * value), names inside them, and type annotations (never targets). */
	const char *const *patterns;
	const char *const *pattern_defaults;
	const fq_shape *pattern_pairs;
	const char *const *pattern_names;
	const char *const *type_annotations;
	/* Parameters that wrap their name (TypeScript's required_parameter). */
	const fq_shape *parameters;
	/* Loops and comprehensions: `for left in right` (each binds left). */
	const fq_shape *loops;
	const char *const *comprehensions;
	/* Keyword arguments (Python's name=value), class fields (name, value). */
	const fq_shape *keyword_arguments;
	const fq_shape *class_fields;
	/* Expressions: return statements, array literals, conditionals whose
	 * condition is a reduction (a ? b : c, b if a else c: field or #N
	 * for the Nth named child), comparisons that are always truth
	 * values, binary operators read by their operator, unary operators,
	 * defaults that pass a value on (Python's `or`), constructions
	 * (new X(...)), JSX attributes (name first), literal types. */
	const char *const *returns;
	const char *const *arrays;
	const fq_shape *conditionals;
	const char *const *comparisons;
	const char *const *binary_ops;
	const char *const *unary_ops;
	const char *const *defaults;
	const char *const *constructions;
	const char *const *jsx_attributes;
	const char *const *literal_types;
	const char *const *asserts;           /* assert x: a validation */
	/* Callbacks: array methods whose callback gets each element
	 * (map, forEach), the ones whose result collects them (map), the
	 * keyword that makes a function async, promise combinators and the
	 * method that attaches a rejection handler as its second argument. */
	const char *const *iterator_methods;
	const char *const *map_methods;
	const char *const *async_keywords;
	const char *const *combinators;
	const char *const *combinator_receivers;

	/* ---- language facts the families ask about --------------------------- */
	/* Calls without a receiver that log (Python print). */
	const char *const *bare_log_calls;
	/* A plain assignment declares a local of the function (Python). */
	int assignment_declares;
	/* Reads that say the framework validated every bound parameter of the
	 * function, checked before the call (ASP.NET's ModelState.IsValid). */
	const char *const *validation_states;
	/* Blocks with parameters that are read as part of their function
	 * (Ruby's { |x| ... } and do |x| ... end): parameters, body.  A
	 * parameter shadows the function's name inside the block. */
	const fq_shape *param_blocks;
	/* String concatenation, where a key split over literals is one key:
	 * binary nodes that join with concat_operator ("+", PHP's "."), and
	 * nodes that join adjacent literals (Python's "sk_" "live_..."). */
	const char *const *concat_nodes;
	const char *concat_operator;
	const char *const *implicit_concats;
	/* Calls whose string arguments name the fields of what they build
	 * (PHP's compact('user', 'password')). */
	const char *const *field_collectors;
	/* Symbols naming a setting or field (Ruby's :api_key). */
	const char *const *symbols;
	/* A function's last statement is its value (Ruby). */
	int implicit_returns;
	/* Error handling.  A try node: its body field, and either a handler
	 * field (JavaScript's catch clause) or handler clauses among its
	 * children (Python's except clauses); the handler is then the try. */
	const fq_shape *tries;                /* type, body field, handler field or NULL */
	const char *const *handler_clauses;
	const char *const *try_tails;         /* else/ensure parts of a try whose body is its own children */
	int try_is_expression;                /* val r = try { f() } catch ...: r is f()'s value (Kotlin, Ruby) */
	/* Methods that change their receiver in place (dict.update...), and
	 * functions that change their first argument (Go's delete(m, k)). */
	const char *const *mutating_methods;
	const char *const *mutating_functions;
	const char *const *mutating_prefixes;     /* setters: sealed.setAmount(0) */
	/* Suffixes of asynchronous variants (protectAsync is a protect call). */
	const char *const *async_suffixes;
	/* File names of tests (FooTest.java, foo_test.go): development (§4),
	 * and where the repository checks look for failure scenarios. */
	const char *const *test_suffixes;
	/* Assignment targets that write into the value a name points to
	 * (Go's *p = T{}). */
	const char *const *derefs;
	/* Parameters typed with a class count as validated (pydantic models):
	 * the node types of typed parameters, or NULL. */
	const char *const *typed_parameters;
	/* Class fields that may hold a policy name are walked by the policy
	 * rules (the JavaScript and TypeScript grammars differ, so no shared
	 * query has them). */
	int class_field_policies;
	/* Method names are exported with a capital (Go's Protect, C#'s
	 * Protect): names are compared with their first letter lowered. */
	int capitalised_methods;
	/* A leading context argument (Go's ctx, context.Background(),
	 * r.Context()) is skipped before the payload and policy. */
	int context_first;
	/* Logging: method names beyond the shared log/info/error... (Go's
	 * Printf, Infow, zerolog's Interface and Msg), callees that print
	 * (fmt.Println), and logger objects whose names hold no "log" (zap). */
	const char *const *log_methods;
	const char *const *print_calls;
	const char *const *logger_names;
	/* Errors are values (Go): a call is handled when the error it returns
	 * is bound to a name that a later statement of these types reads
	 * (if err != nil, switch); "_" drops it. */
	int error_values;
	const char *const *error_checks;
	const char *const *blocks;            /* statement blocks (a check's body is not its test) */
	/* Lists of targets and values paired by position (Go's a, err := f()). */
	const char *const *lists;
	/* Payload literals (FQ022): object or dict literals, and calls or
	 * composite literals that hold one (dict(...) arguments, Go's
	 * T{...} body: type, NULL, the field of the literal); their entries
	 * (type, key field, value field), entries that are their own key
	 * (JavaScript's { ssn }), and spreads of another object. */
	const char *const *object_literals;
	const fq_shape *literal_holders;
	const char *const *literal_constructors;  /* callees that build one: dict, mapOf, Map.of */
	const char *const *pair_constructors;     /* ... whose arguments alternate key, value (Map.of) */
	/* Literals whose entries are not nodes: `Name = value` or a projected
	 * member as children of the literal itself (C#'s new { Ssn = s, co.TaxId }) */
	const char *const *flat_literals;
	int capitalised_constructors;             /* Transfer(cardNumber = c): a class built with named arguments */
	int (*entry_parts)(TSNode n, TSNode *key, TSNode *value); /* grammars without fields */
	const fq_shape *entries;
	const char *const *shorthand_entries;
	const char *const *spreads;
	/* Whole request bodies or request objects beyond the shared ones
	 * (req.body, request.json, user), as a pattern over the expression;
	 * and calls that keep every field of their argument (io.ReadAll). */
	const char *whole_objects;
	/* ... and what is one only as the whole payload, not as a field of it
	 * (Ruby's params[:transfer], where { amount: params[:amount] } is a field) */
	const char *whole_payloads;
	/* Parameter annotations that bind a whole request body (@RequestBody). */
	const char *const *whole_object_annotations;
	/* Asynchronous results: methods whose callback receives the result
	 * (then, thenApply), that wait for it (join, await), that handle its
	 * failure (exceptionally, handle), and calls whose callback runs
	 * elsewhere, out of reach of the try around them (launch, submit). */
	const char *const *then_methods;
	const char *const *await_methods;
	const char *const *chain_handlers;
	const char *const *detached_calls;
	/* Methods that give a whole value as text: p.toString(). */
	const char *const *stringify_methods;
	/* Parameter annotations that make the framework validate it (@Valid). */
	const char *const *validated_annotations;
	/* Methods that add a field to a map payload: payload.put("k", v). */
	const char *const *put_methods;
	/* Validating calls beyond the shared parse/validate/... (FQ023): Go's
	 * validator.Struct. */
	const char *const *validators;
	const char *const *serialisers;
	/* Expressions that keep only a part of their operand, so that a key
	 * or payload reaching a log through them is not exposed (Go's
	 * apiKey[len(apiKey)-4:]). */
	const char *const *reductions;
	/* Calls that reduce their argument to a size or a part (PHP's
	 * strlen, count, substr), beyond the shared len/Boolean/mask... */
	const char *const *reducing_calls;
	/* Method name endings that change the receiver (Ruby's merge!). */
	const char *const *mutating_suffixes;
	/* Words of logging calls and key names for the parse pre-check,
	 * beyond the shared ones (Go's fmt.Printf, cfg.APIKey). */
	const char *const *log_trigger_words;
	const char *const *key_trigger_words;
	/* Nodes a value passes through on its way to what holds it (Kotlin's
	 * call_suffix between a call and its arguments, the elvis default
	 * `a ?: b`): followed by the key rules' flow. */
	const char *const *passthrough;
	/* Wrappers whose value is their last named child (Kotlin's
	 * value_argument: `apiKey = k` names it first). */
	const char *const *wrappers_last;
	/* Calls whose lambda catches what it throws (Kotlin's runCatching):
	 * the chain after them (.onFailure { }, .getOrElse { }) handles. */
	const char *const *catching_calls;
	/* Grammars without fields (tree-sitter-kotlin 0.3.8): functions that
	 * take a node of the shapes above apart, where field names cannot;
	 * NULL to read the shapes' fields. */
	int (*member_parts)(TSNode n, TSNode *obj, TSNode *prop);
	int (*subscript_parts)(TSNode n, TSNode *obj, TSNode *index);
	int (*call_parts)(TSNode n, TSNode *fn, TSNode *args);
	int (*binding_parts)(TSNode n, TSNode *target, TSNode *value);
	/* Words without which no code rule can fire in this language, beyond
	 * the shared ones (families.c): a file holding none is not parsed. */
	const char *const *trigger_words;
} fq_profile;

/* The profile of a language; NULL for FQ_LANG_NONE. */
const fq_profile *fq_profile_of(fq_lang lang);
/* Every profile, in fq_lang order (index 0 is FQ_LANG_NONE + 1). */
extern const fq_profile *const fq_profiles[];
extern const size_t fq_profiles_count;

/* 1 when type is in a NULL-terminated list (NULL list: 0). */
int fq_in_types(const char *const *list, const char *type);
/* The same for a string that is not NUL-terminated. */
int fq_in_list_n(const char *const *list, const char *s, size_t len);
/* The shape row of a node type, or NULL. */
const fq_shape *fq_shape_of(const fq_shape *shapes, const char *type);

#endif
