/*
 * What the commands of cli/ share: error messages that never show a key or
 * a control character, option values, numbers, "now" and file digests.
 */
#ifndef FQ_CLI_COMMON_H
#define FQ_CLI_COMMON_H

#include <stdarg.h>
#include <stdint.h>

#include "../util/common.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_USAGE 2
#define EXIT_INCOMPLETE 3

/* Every message to stderr passes here: a key typed as an argument (or found
 * in a path) is redacted, and control characters never reach the terminal. */
void fq_cli_print_error(const char *msg);
/* Prints the message and "Try 'fourq-scan[ CMD] --help'."; returns EXIT_USAGE. */
int fq_cli_usage_error(const char *cmd, const char *fmt, ...) FQ_PRINTF(2, 3);
/* Matches "--name value" and "--name=value"; returns the value or NULL (a
 * missing value sets *err to EXIT_USAGE after saying so). */
const char *fq_cli_opt_value(const char *cmd, int argc, char **argv, int *i, const char *name, int *err);
int fq_cli_parse_uint(const char *s, unsigned long long *out);
/* "Today": SOURCE_DATE_EPOCH when set (reproducible reports), else the clock. */
int64_t fq_cli_now(void);
/* The SHA-256 of a file's bytes, hex; "" when it cannot be read (or path is NULL). */
void fq_cli_file_sha256(const char *path, char out[65]);

#endif
