/*
 * Facts Java and Kotlin share: the same SDK, the same logging libraries
 * (SLF4J, Log4j, java.util.logging), the same collections and validation.
 */
#ifndef FQ_PROFILES_JVM_H
#define FQ_PROFILES_JVM_H

#include "../profile.h"

extern const char *const fq_jvm_mutating_methods[], *const fq_jvm_mutating_prefixes[],
	*const fq_jvm_async_suffixes[], *const fq_jvm_log_methods[], *const fq_jvm_print_calls[],
	*const fq_jvm_validators[], *const fq_jvm_log_triggers[], *const fq_jvm_key_triggers[],
	*const fq_jvm_serialisers[], *const fq_jvm_whole_annotations[], *const fq_jvm_put_methods[],
	*const fq_jvm_validated_annotations[], *const fq_jvm_then_methods[], *const fq_jvm_await_methods[],
	*const fq_jvm_chain_handlers[], *const fq_jvm_detached_calls[], *const fq_jvm_stringify_methods[];

#endif
