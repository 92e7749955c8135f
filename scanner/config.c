#define _GNU_SOURCE
#include "config.h"
#include "../util/common.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yaml.h>

#define MAX_CONFIG_BYTES (1024u * 1024u)

static const char *const default_sensitive[] = {
	"ssn", "socialSecurityNumber", "password", "passwd", "pin", "cvv", "cvc", "cardNumber", "pan",
	"fullCreditHistory", "creditHistory", "dateOfBirth", "dob", "taxId", "creditCardNumber", "cardNo",
};

static void list_add(fq_strlist *l, const char *s)
{
	l->items = fq_realloc_array(l->items, l->count + 1, sizeof(*l->items));
	l->items[l->count++] = fq_strdup(s);
}

static void list_free(fq_strlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

void fq_config_defaults(fq_config *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	list_add(&out->key_env_vars, "FOURQ_API_KEY");
	list_add(&out->protect_methods, "protect");
	list_add(&out->unprotect_methods, "unprotect");
	for (i = 0; i < FQ_ARRAY_LEN(default_sensitive); i++)
		list_add(&out->sensitive_fields, default_sensitive[i]);
	out->probe_expiry_warn_days = -1;
}

void fq_config_free(fq_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	free(cfg->path);
	for (i = 0; i < cfg->nenvironments; i++)
		free(cfg->environments[i].glob);
	free(cfg->environments);
	list_free(&cfg->key_env_vars);
	list_free(&cfg->protect_methods);
	list_free(&cfg->unprotect_methods);
	list_free(&cfg->sensitive_fields);
	list_free(&cfg->ignore_paths);
	free(cfg->rules);
	list_free(&cfg->probe_tls);
	free(cfg->probe_api_base);
	for (i = 0; i < cfg->nattestations; i++) {
		free(cfg->attestations[i].by);
		free(cfg->attestations[i].note);
	}
	free(cfg->attestations);
	memset(cfg, 0, sizeof(*cfg));
}

/* ---- globs ------------------------------------------------------------- */

static int class_end(const char *g)
{
	int i = 1;

	if (g[i] == '!' || g[i] == '^')
		i++;
	if (g[i] == ']')
		i++;
	while (g[i] && g[i] != ']')
		i++;
	return g[i] == ']' ? i : -1;
}

int fq_glob_valid(const char *glob)
{
	const char *p;

	if (!glob[0])
		return 0;
	for (p = glob; *p; p++) {
		if (*p == '[') {
			int e = class_end(p);

			if (e < 0)
				return 0;
			p += e;
		} else if (*p == '\\') {
			if (!p[1])
				return 0;
			p++;
		}
	}
	return 1;
}

static int class_match(const char *g, int end, char c)
{
	int i = 1, neg = 0, ok = 0;

	if (g[i] == '!' || g[i] == '^') {
		neg = 1;
		i++;
	}
	for (; i < end; i++) {
		if (g[i + 1] == '-' && i + 2 < end) {
			ok |= c >= g[i] && c <= g[i + 2];
			i += 2;
		} else {
			ok |= c == g[i];
		}
	}
	return neg ? !ok : ok;
}

/* Matching with memory of failed (glob, path) positions: each pair is tried
 * once, so patterns like a*a*a*a*b or ** / ** / ** stay polynomial on
 * hostile config files. */
typedef struct glob_ctx {
	const char *g0, *s0;
	size_t glen, slen;
	unsigned char *failed;   /* (glen + 1) * (slen + 1) bits, or NULL */
} glob_ctx;

static int tried(glob_ctx *c, const char *g, const char *s)
{
	size_t bit = (size_t)(g - c->g0) * (c->slen + 1) + (size_t)(s - c->s0);

	return c->failed && (c->failed[bit / 8] >> (bit % 8) & 1);
}

static int fail_at(glob_ctx *c, const char *g, const char *s)
{
	size_t bit = (size_t)(g - c->g0) * (c->slen + 1) + (size_t)(s - c->s0);

	if (c->failed)
		c->failed[bit / 8] |= (unsigned char)(1u << (bit % 8));
	return 0;
}

static int match_here(glob_ctx *c, const char *g, const char *s)
{
	const char *g_start = g, *s_start = s;

	if (tried(c, g, s))
		return 0;
	for (; *g; g++) {
		if (g[0] == '*' && g[1] == '*') {
			/* '**' (and '**' + '/') match any number of segments:
			 * what follows "**" + '/' starts a segment */
			const char *rest = g + 2;
			int segment = *rest == '/';

			rest += segment;
			for (;;) {
				if ((!segment || s == c->s0 || s[-1] == '/') && match_here(c, rest, s))
					return 1;
				if (!*s)
					return fail_at(c, g_start, s_start);
				s++;
			}
		}
		if (*g == '*') {
			for (;;) {
				if (match_here(c, g + 1, s))
					return 1;
				if (!*s || *s == '/')
					return fail_at(c, g_start, s_start);
				s++;
			}
		}
		if (!*s)
			return fail_at(c, g_start, s_start);
		if (*g == '?') {
			if (*s == '/')
				return fail_at(c, g_start, s_start);
		} else if (*g == '[') {
			int e = class_end(g);

			if (e < 0 || *s == '/' || !class_match(g, e, *s))
				return fail_at(c, g_start, s_start);
			g += e;
		} else {
			if (*g == '\\' && g[1])
				g++;
			if (*g != *s)
				return fail_at(c, g_start, s_start);
		}
		s++;
	}
	return *s == '\0' ? 1 : fail_at(c, g_start, s_start);
}

static int glob_match_at(const char *glob, const char *path)
{
	glob_ctx c;
	size_t bits;
	int r;

	c.g0 = glob;
	c.s0 = path;
	c.glen = strlen(glob);
	c.slen = strlen(path);
	bits = (c.glen + 1) * (c.slen + 1);
	/* no memory needed for globs without stars */
	c.failed = strchr(glob, '*') ? fq_calloc(bits / 8 + 1, 1) : NULL;
	r = match_here(&c, glob, path);
	free(c.failed);
	return r;
}

int fq_glob_match_git(const char *glob, const char *path)
{
	const char *base;

	if (!strchr(glob, '/')) {
		base = strrchr(path, '/');
		return glob_match_at(glob, base ? base + 1 : path);
	}
	return glob_match_at(glob[0] == '/' ? glob + 1 : glob, path);
}

int fq_glob_match(const char *glob, const char *path)
{
	if (fq_glob_match_git(glob, path))
		return 1;
	if (!strchr(glob, '/'))
		return 0;
	if (glob[0] == '/')
		glob++;
	/* "vendor/" or "deploy/prod" name a folder: everything under it */
	{
		size_t n = strlen(glob);

		if (n && glob[n - 1] == '/')
			return !strncmp(glob, path, n);
		return !strncmp(glob, path, n) && path[n] == '/' && !strpbrk(glob, "*?[");
	}
}

fq_env fq_config_env_for(const fq_config *cfg, const char *path)
{
	size_t i;

	for (i = 0; cfg && i < cfg->nenvironments; i++) {
		if (fq_glob_match(cfg->environments[i].glob, path))
			return cfg->environments[i].env;
	}
	return FQ_ENV_NONE;
}

int fq_config_ignored(const fq_config *cfg, const char *path)
{
	size_t i;

	for (i = 0; cfg && i < cfg->ignore_paths.count; i++) {
		if (fq_glob_match(cfg->ignore_paths.items[i], path))
			return 1;
	}
	return 0;
}

const fq_rule_setting *fq_config_rule(const fq_config *cfg, const char *id)
{
	size_t i;

	for (i = 0; cfg && i < cfg->nrules; i++) {
		if (!strcasecmp(cfg->rules[i].id, id))
			return &cfg->rules[i];
	}
	return NULL;
}

int fq_strlist_has(const fq_strlist *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; l && i < l->count; i++) {
		if (strlen(l->items[i]) == len && !memcmp(l->items[i], s, len))
			return 1;
	}
	return 0;
}

/* ---- YAML -------------------------------------------------------------- */

typedef struct parse {
	yaml_document_t doc;
	const char *name;
	fq_config *cfg;
} parse;

static int err_at(parse *p, yaml_node_t *n, const char *key, const char *fmt, ...) FQ_PRINTF(4, 5);

static int err_at(parse *p, yaml_node_t *n, const char *key, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fq_error_set(FQ_ECONFIG, "%s:%lu: %s%s%s%s", p->name, n ? (unsigned long)n->start_mark.line + 1 : 0UL,
			    key ? "key '" : "", key ? key : "", key ? "': " : "", msg);
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int want_scalar(parse *p, yaml_node_t *n, const char *key, const char **out)
{
	if (!(*out = scalar(n)))
		return err_at(p, n, key, "expected a string");
	return 0;
}

static int want_int(parse *p, yaml_node_t *n, const char *key, long min, long max, long *out)
{
	const char *s = scalar(n);
	char *end;
	long v;

	if (!s || !*s)
		return err_at(p, n, key, "expected a number");
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return err_at(p, n, key, "expected a whole number in range, not '%s'", s);
	*out = v;
	return 0;
}

static int want_bool(parse *p, yaml_node_t *n, const char *key, int *out)
{
	const char *s = scalar(n);

	if (s && (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")))
		*out = 1;
	else if (s && (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")))
		*out = 0;
	else
		return err_at(p, n, key, "expected true or false");
	return 0;
}

static int want_list(parse *p, yaml_node_t *n, const char *key, fq_strlist *out, int globs)
{
	yaml_node_item_t *it;

	if (!n || n->type != YAML_SEQUENCE_NODE)
		return err_at(p, n, key, "expected a list");
	list_free(out);
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = yaml_document_get_node(&p->doc, *it);
		const char *s = scalar(v);

		if (!s || !*s)
			return err_at(p, v, key, "expected a list of non-empty strings");
		if (globs && !fq_glob_valid(s))
			return err_at(p, v, key, "invalid glob '%s'", s);
		list_add(out, s);
	}
	return 0;
}

typedef int (*pair_fn)(parse *p, const char *key, yaml_node_t *value, void *arg);

static int each_pair(parse *p, yaml_node_t *map, const char *key, pair_fn fn, void *arg)
{
	yaml_node_pair_t *pr;
	int error;

	if (!map || map->type != YAML_MAPPING_NODE)
		return err_at(p, map, key, "expected a mapping");
	for (pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&p->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&p->doc, pr->value);
		const char *ks = scalar(k);

		if (!ks)
			return err_at(p, k, key, "keys must be strings");
		if ((error = fn(p, ks, v, arg)) < 0)
			return error;
	}
	return 0;
}

static int on_environment(parse *p, const char *glob, yaml_node_t *v, void *arg)
{
	fq_config *c = p->cfg;
	const char *s;
	fq_env env;

	(void)arg;
	if (!fq_glob_valid(glob))
		return err_at(p, v, "environments", "invalid glob '%s'", glob);
	if (want_scalar(p, v, "environments", &s) < 0)
		return FQ_ECONFIG;
	if (fq_env_parse(s, &env) < 0)
		return err_at(p, v, "environments", "unknown environment '%s' (production, staging, development)", s);
	c->environments = fq_realloc_array(c->environments, c->nenvironments + 1, sizeof(*c->environments));
	c->environments[c->nenvironments].glob = fq_strdup(glob);
	c->environments[c->nenvironments].env = env;
	c->nenvironments++;
	return 0;
}

static int on_rule_field(parse *p, const char *key, yaml_node_t *v, void *arg)
{
	fq_rule_setting *r = arg;
	const char *s;

	if (!strcmp(key, "enabled"))
		return want_bool(p, v, "enabled", &r->enabled);
	if (!strcmp(key, "severity")) {
		if (want_scalar(p, v, "severity", &s) < 0)
			return FQ_ECONFIG;
		if (fq_severity_parse(s, &r->severity) < 0 || r->severity == FQ_SEV_NONE)
			return err_at(p, v, "severity", "unknown severity '%s' (critical, high, medium, low, info)", s);
		r->has_severity = 1;
		return 0;
	}
	return err_at(p, v, key, "unknown rule setting (enabled, severity)");
}

static int on_rule(parse *p, const char *id, yaml_node_t *v, void *arg)
{
	fq_config *c = p->cfg;
	const fq_rule *rule = fq_rule_find(id);
	fq_rule_setting *r;

	(void)arg;
	if (!rule)
		return err_at(p, v, id, "unknown rule ID (see 'fourq-scan rules')");
	c->rules = fq_realloc_array(c->rules, c->nrules + 1, sizeof(*c->rules));
	r = &c->rules[c->nrules++];
	memset(r, 0, sizeof(*r));
	snprintf(r->id, sizeof(r->id), "%s", rule->id);
	r->enabled = 1;
	return each_pair(p, v, id, on_rule_field, r);
}

static int on_probe(parse *p, const char *key, yaml_node_t *v, void *arg)
{
	fq_config *c = p->cfg;
	const char *s;

	(void)arg;
	if (!strcmp(key, "tls"))
		return want_list(p, v, "probes.tls", &c->probe_tls, 0);
	if (!strcmp(key, "api_base")) {
		if (want_scalar(p, v, "probes.api_base", &s) < 0)
			return FQ_ECONFIG;
		free(c->probe_api_base);
		c->probe_api_base = fq_strdup(s);
		return 0;
	}
	if (!strcmp(key, "expiry_warn_days"))
		return want_int(p, v, "probes.expiry_warn_days", 0, 3650, &c->probe_expiry_warn_days);
	return err_at(p, v, key, "unknown probes setting (tls, api_base, expiry_warn_days)");
}

static int parse_date(const char *s, int64_t *out)
{
	struct tm tm;
	int y, m, d, n = 0;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[10] || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*out = (int64_t)timegm(&tm);
	return 0;
}

static int on_attestation_field(parse *p, const char *key, yaml_node_t *v, void *arg)
{
	fq_attestation *a = arg;
	const char *s;

	if (!strcmp(key, "period_days"))
		return want_int(p, v, "period_days", 1, 3650, &a->period_days);
	if (strcmp(key, "by") && strcmp(key, "on") && strcmp(key, "note"))
		return err_at(p, v, key, "unknown attestation field (by, on, note, period_days)");
	if (want_scalar(p, v, key, &s) < 0)
		return FQ_ECONFIG;
	if (!strcmp(key, "by")) {
		free(a->by);
		a->by = fq_strdup(s);
	} else if (!strcmp(key, "note")) {
		free(a->note);
		a->note = fq_strdup(s);
	} else {
		if (parse_date(s, &a->on_time) < 0)
			return err_at(p, v, "on", "expected a date YYYY-MM-DD, not '%s'", s);
		snprintf(a->on, sizeof(a->on), "%s", s);
	}
	return 0;
}

static int on_attestation(parse *p, const char *item, yaml_node_t *v, void *arg)
{
	fq_config *c = p->cfg;
	fq_attestation *a;
	int error;

	(void)arg;
	if (strlen(item) != 3 || item[0] != 'C' || !isdigit((unsigned char)item[1]) ||
	    !isdigit((unsigned char)item[2]) || atoi(item + 1) < 1 || atoi(item + 1) > 10)
		return err_at(p, v, item, "attestations are for checklist items C01..C10");
	c->attestations = fq_realloc_array(c->attestations, c->nattestations + 1, sizeof(*c->attestations));
	a = &c->attestations[c->nattestations++];
	memset(a, 0, sizeof(*a));
	snprintf(a->item, sizeof(a->item), "%s", item);
	a->period_days = 90;
	if ((error = each_pair(p, v, item, on_attestation_field, a)) < 0)
		return error;
	if (!a->by || !a->on[0])
		return err_at(p, v, item, "an attestation needs 'by' and 'on'");
	return 0;
}

static int on_top(parse *p, const char *key, yaml_node_t *v, void *arg)
{
	fq_config *c = p->cfg;
	long n;
	int error;

	(void)arg;
	if (!strcmp(key, "environments"))
		return each_pair(p, v, key, on_environment, NULL);
	if (!strcmp(key, "key_env_vars"))
		return want_list(p, v, key, &c->key_env_vars, 0);
	if (!strcmp(key, "protect_methods"))
		return want_list(p, v, key, &c->protect_methods, 0);
	if (!strcmp(key, "unprotect_methods"))
		return want_list(p, v, key, &c->unprotect_methods, 0);
	if (!strcmp(key, "sensitive_fields"))
		return want_list(p, v, key, &c->sensitive_fields, 0);
	if (!strcmp(key, "ignore_paths"))
		return want_list(p, v, key, &c->ignore_paths, 1);
	if (!strcmp(key, "rules"))
		return each_pair(p, v, key, on_rule, NULL);
	if (!strcmp(key, "probes"))
		return each_pair(p, v, key, on_probe, NULL);
	if (!strcmp(key, "attestations"))
		return each_pair(p, v, key, on_attestation, NULL);
	if (!strcmp(key, "max_file_size")) {
		if ((error = want_int(p, v, key, 1, 1L << 40, &n)) < 0)
			return error;
		c->max_file_size = (uint64_t)n;
		return 0;
	}
	return err_at(p, v, key, "unknown key (environments, key_env_vars, protect_methods, unprotect_methods, "
		      "sensitive_fields, ignore_paths, rules, probes, attestations, max_file_size)");
}

int fq_config_parse(fq_config *out, const char *name, const char *text, size_t len)
{
	yaml_parser_t parser;
	parse p;
	yaml_node_t *root;
	int error = 0;

	fq_config_defaults(out);
	out->path = fq_strdup(name);
	memset(&p, 0, sizeof(p));
	p.name = name;
	p.cfg = out;
	if (!yaml_parser_initialize(&parser))
		return fq_error_set(FQ_ECONFIG, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &p.doc)) {
		error = fq_error_set(FQ_ECONFIG, "%s:%lu: invalid YAML: %s", name,
				     (unsigned long)parser.problem_mark.line + 1,
				     parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		return error;
	}
	root = yaml_document_get_root_node(&p.doc);
	if (root && !(root->type == YAML_SCALAR_NODE && !root->data.scalar.length))
		error = each_pair(&p, root, NULL, on_top, NULL);
	yaml_document_delete(&p.doc);
	yaml_parser_delete(&parser);
	return error;
}

int fq_config_load(fq_config *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int error;

	if (!f) {
		fq_config_defaults(out);
		return fq_error_set(FQ_ECONFIG, "cannot read config %s: %s", path, strerror(errno));
	}
	buf = fq_malloc(MAX_CONFIG_BYTES + 1);
	n = fread(buf, 1, MAX_CONFIG_BYTES + 1, f);
	fclose(f);
	if (n > MAX_CONFIG_BYTES) {
		free(buf);
		fq_config_defaults(out);
		return fq_error_set(FQ_ECONFIG, "config %s is larger than 1 MiB", path);
	}
	error = fq_config_parse(out, path, buf, n);
	free(buf);
	return error;
}
