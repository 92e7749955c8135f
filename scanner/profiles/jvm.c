/* The JVM languages' shared facts (see jvm.h). */
#include "jvm.h"

/* map.put, list.add, headers.remove: collections changed in place */
const char *const fq_jvm_mutating_methods[] = {
	"put", "putAll", "putIfAbsent", "remove", "clear", "add", "addAll", "set", "replace", "compute",
	"merge", NULL,
};
/* setters: sealed.setAmount(0) */
const char *const fq_jvm_mutating_prefixes[] = { "set", NULL };
/* protectAsync(p, "POL") is a protect call */
const char *const fq_jvm_async_suffixes[] = { "Async", NULL };
/* java.util.logging's levels and the print methods of a PrintStream */
const char *const fq_jvm_log_methods[] = {
	"severe", "fine", "finer", "finest", "println", "printf", "print", "format",
	/* SLF4J 2's fluent API, Android's Log.d/i/w/e/v */
	"addKeyValue", "addArgument", "setMessage", "d", "i", "w", "e", "v", "wtf", NULL,
};
const char *const fq_jvm_print_calls[] = {
	"System.out.println", "System.out.printf", "System.out.print", "System.out.format",
	"System.err.println", "System.err.printf", "System.err.print", "System.err.format", NULL,
};
/* Jakarta Bean Validation: validator.validate(p) */
const char *const fq_jvm_validators[] = { "validateValue", "validateProperty", NULL };
/* LOG.warn, LoggerFactory, System.err.println: pre-check words */
const char *const fq_jvm_log_triggers[] = { "Log", "LOG", "System.out", "System.err", NULL };
const char *const fq_jvm_key_triggers[] = { "APIKey", "apikey", NULL };
/* Map.of("ssn", x), mapOf("ssn" to x): payload literals */
const char *const fq_jvm_serialisers[] = {
	"writeValueAsString", "writeValueAsBytes", "toJson", "encodeToString", "valueToTree", "convertValue", NULL,
};
const char *const fq_jvm_whole_annotations[] = { "RequestBody", NULL };
const char *const fq_jvm_put_methods[] = { "put", "putIfAbsent", NULL };
const char *const fq_jvm_validated_annotations[] = { "Valid", "Validated", NULL };
/* CompletableFuture and coroutines */
const char *const fq_jvm_then_methods[] = { "thenApply", "thenAccept", "thenCompose", "thenApplyAsync", "thenAcceptAsync", NULL };
const char *const fq_jvm_await_methods[] = { "join", "get", "await", NULL };
const char *const fq_jvm_chain_handlers[] = {
	"exceptionally", "handle", "whenComplete", "exceptionallyCompose", "handleAsync", NULL,
};
const char *const fq_jvm_detached_calls[] = {
	"launch", "async", "submit", "execute", "thread", "runAsync", "supplyAsync", NULL,
};
const char *const fq_jvm_stringify_methods[] = { "toString", NULL };
