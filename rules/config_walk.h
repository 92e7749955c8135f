/*
 * Configuration files read as settings (see config_walk.c).
 */
#ifndef FQ_CONFIG_WALK_H
#define FQ_CONFIG_WALK_H

#include "../scanner/finding.h"

#include <stddef.h>

#define FQ_SETTING_DEPTH 8

/* One scalar setting of a configuration file, with the keys it sits under:
 * `fourq:\n  policies:\n    transfer: X` is key "transfer", value "X",
 * parents "fourq", "policies".  A list item has an empty key; a Kubernetes
 * `- name: N\n  value: V` pair is reported as key N. */
typedef struct fq_setting {
	const char *key;
	size_t klen;
	const char *value;       /* without quotes */
	size_t vlen;
	size_t value_off;        /* offset of the value in the file */
	size_t line_off, line_end;
	const char *parent[FQ_SETTING_DEPTH];
	size_t plen[FQ_SETTING_DEPTH];
	int nparents;
} fq_setting;

typedef void (*fq_setting_cb)(void *payload, const fq_setting *s);

/* 1 for the configuration files fq_config_walk reads: dotenv, YAML, JSON,
 * TOML, INI, Java properties, HCL/tfvars. */
int fq_is_config_path(const char *path);

/* Calls cb for every scalar setting of a configuration file (format from
 * its name).  Tolerant: malformed input yields fewer settings, never an
 * error. */
void fq_config_walk(const fq_file *file, fq_setting_cb cb, void *payload);

#endif
