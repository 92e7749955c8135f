#define _GNU_SOURCE
/*
 * Configuration files read as settings (dotenv, YAML, JSON, TOML, INI,
 * Java properties, HCL/tfvars): a tolerant line-and-indent walker, not a
 * parser, so that malformed or templated files still yield what they hold.
 * The policy, TLS and key rules read their settings through it.
 */
#include "config_walk.h"
#include "../util/common.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

typedef enum { CFG_NONE, CFG_LINES, CFG_YAML, CFG_JSON } cfg_format;

static cfg_format config_format(const char *path)
{
	static const char *const line_exts[] = { ".env", ".toml", ".properties", ".ini", ".cfg", ".tfvars", ".hcl" };
	const char *base = strrchr(path, '/');
	size_t n, i;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (!strncmp(base, ".env", 4))
		return CFG_LINES;
	if ((n > 5 && !strcasecmp(base + n - 5, ".yaml")) || (n > 4 && !strcasecmp(base + n - 4, ".yml")))
		return CFG_YAML;
	if (n > 5 && !strcasecmp(base + n - 5, ".json"))
		return CFG_JSON;
	for (i = 0; i < FQ_ARRAY_LEN(line_exts); i++) {
		size_t e = strlen(line_exts[i]);

		if (n > e && !strcasecmp(base + n - e, line_exts[i]))
			return CFG_LINES;
	}
	return CFG_NONE;
}

int fq_is_config_path(const char *path)
{
	return config_format(path) != CFG_NONE;
}

typedef struct cfg_walk {
	const fq_file *file;
	fq_setting_cb cb;
	void *payload;
	const char *keys[FQ_SETTING_DEPTH];   /* open containers, outermost first */
	size_t klens[FQ_SETTING_DEPTH];
	size_t indents[FQ_SETTING_DEPTH];     /* YAML: the indent of each key */
	int depth;
} cfg_walk;

static void cfg_emit(cfg_walk *w, const char *key, size_t klen, const char *value, size_t vlen)
{
	fq_setting s;
	const char *d = w->file->data;
	size_t a, b;
	int i;

	/* quotes are not part of the value */
	while (vlen >= 2 && (value[0] == '"' || value[0] == '\'') && value[vlen - 1] == value[0]) {
		value++;
		vlen -= 2;
	}
	/* the line index: minified JSON is one long line of settings */
	fq_file_line_bounds(w->file, (size_t)(value - d), &a, &b);
	memset(&s, 0, sizeof(s));
	s.key = key;
	s.klen = klen;
	s.value = value;
	s.vlen = vlen;
	s.value_off = (size_t)(value - d);
	s.line_off = a;
	s.line_end = b;
	for (i = 0; i < w->depth && i < FQ_SETTING_DEPTH; i++) {
		s.parent[i] = w->keys[i];
		s.plen[i] = w->klens[i];
	}
	s.nparents = i;
	w->cb(w->payload, &s);
}

static void cfg_push(cfg_walk *w, const char *key, size_t klen, size_t indent)
{
	if (w->depth < FQ_SETTING_DEPTH) {
		w->keys[w->depth] = key;
		w->klens[w->depth] = klen;
		w->indents[w->depth] = indent;
	}
	w->depth++;
}

/* The indent of the innermost open YAML key (containers deeper than
 * FQ_SETTING_DEPTH share the last slot). */
static size_t top_indent(const cfg_walk *w)
{
	int i = w->depth - 1 < FQ_SETTING_DEPTH ? w->depth - 1 : FQ_SETTING_DEPTH - 1;

	return w->indents[i];
}

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)(*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Strips quotes from a key and a ` # comment` from an unquoted value. */
static void strip_key_quotes(const char **s, size_t *len)
{
	trim(s, len);
	if (*len >= 2 && ((*s)[0] == '"' || (*s)[0] == '\'') && (*s)[*len - 1] == (*s)[0]) {
		(*s)++;
		*len -= 2;
	}
}

static void strip_comment(const char *s, size_t *len)
{
	size_t i;

	if (*len && (s[0] == '"' || s[0] == '\'')) {
		const char *q = memchr(s + 1, s[0], *len - 1);

		if (q)
			*len = (size_t)(q - s) + 1;
		return;
	}
	for (i = 1; i < *len; i++) {
		if (s[i] == '#' && isspace((unsigned char)s[i - 1])) {
			*len = i;
			break;
		}
	}
	while (*len && isspace((unsigned char)s[*len - 1]))
		(*len)--;
}

/* The position of the `:` that ends a YAML key on this line, or NULL. */
static const char *yaml_colon(const char *s, size_t len)
{
	size_t i = 0;
	char q = 0;

	if (len && (s[0] == '"' || s[0] == '\'')) {
		q = s[0];
		for (i = 1; i < len && s[i] != q; i++)
			;
		i++;
	}
	for (; i < len; i++) {
		if (s[i] == '#' && i > 0 && isspace((unsigned char)s[i - 1]))
			return NULL;
		if (s[i] == ':' && (i + 1 == len || isspace((unsigned char)s[i + 1])))
			return s + i;
		if (!q && (s[i] == '{' || s[i] == '[') && i == 0)
			return NULL;
	}
	return NULL;
}

/* `KEY=VALUE` inside a value (docker-compose `- FOURQ_POLICY=X`). */
static int split_assignment(const char *s, size_t len, const char **key, size_t *klen, const char **value,
			    size_t *vlen)
{
	size_t i;

	for (i = 0; i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '-'); i++)
		;
	if (i == 0 || i >= len || s[i] != '=')
		return 0;
	*key = s;
	*klen = i;
	*value = s + i + 1;
	*vlen = len - i - 1;
	return 1;
}

static void yaml_walk(cfg_walk *w)
{
	const char *d = w->file->data, *end = d + w->file->len, *line = d;
	size_t block_indent = SIZE_MAX;          /* inside a | or > block scalar */
	const char *item_name = NULL;            /* `- name: X` of the current list item */
	size_t item_nlen = 0, item_indent = SIZE_MAX;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line)), *s = line, *colon;
		size_t len, indent = 0;
		int is_item = 0;

		len = (size_t)((nl ? nl : end) - line);
		while (indent < len && line[indent] == ' ')
			indent++;
		s = line + indent;
		len -= indent;
		while (len && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		line = nl ? nl + 1 : end;
		if (len == 0 || s[0] == '#' || (len >= 3 && !memcmp(s, "---", 3)) || (len >= 3 && !memcmp(s, "...", 3)))
			continue;
		if (block_indent != SIZE_MAX) {
			if (indent > block_indent)
				continue;
			block_indent = SIZE_MAX;
		}
		/* list items: `- value`, `- key: value` */
		while (len && s[0] == '-' && (len == 1 || s[1] == ' ')) {
			size_t skip = len == 1 ? 1 : 2;

			if (!is_item) {
				while (w->depth > 0 && top_indent(w) > indent)
					w->depth--;
				item_name = NULL;
				item_indent = indent;
			}
			is_item = 1;
			s += skip;
			len -= skip;
			indent += skip;
			while (len && s[0] == ' ') {
				s++;
				len--;
				indent++;
			}
		}
		if (len == 0)
			continue;
		colon = yaml_colon(s, len);
		if (!colon) {
			const char *key, *value;
			size_t klen, vlen;

			if (!is_item)
				continue; /* a continuation line */
			strip_comment(s, &len);
			if (split_assignment(s, len, &key, &klen, &value, &vlen))
				cfg_emit(w, key, klen, value, vlen);
			else if (len && s[0] != '{' && s[0] != '[')
				cfg_emit(w, "", 0, s, len);
			continue;
		}
		{
			const char *key = s, *value = colon + 1;
			size_t klen = (size_t)(colon - s), vlen = len - klen - 1;

			strip_key_quotes(&key, &klen);
			trim(&value, &vlen);
			strip_comment(value, &vlen);
			/* keys at this indent or deeper are closed */
			while (w->depth > 0 && top_indent(w) >= indent)
				w->depth--;
			if (!is_item && indent <= item_indent) {
				item_name = NULL;
				item_indent = SIZE_MAX;
			}
			if (vlen == 0) {
				cfg_push(w, key, klen, indent);
				continue;
			}
			if (value[0] == '|' || value[0] == '>') {
				block_indent = indent;
				continue;
			}
			if (klen == 4 && !memcmp(key, "name", 4)) {
				item_name = value;
				item_nlen = vlen;
			}
			if (value[0] == '[') {
				/* a flow list: [A, B] */
				const char *p = value + 1, *stop = memchr(value, ']', vlen);

				stop = stop ? stop : value + vlen;
				while (p < stop) {
					const char *c = memchr(p, ',', (size_t)(stop - p)), *e = c ? c : stop, *v = p;
					size_t vl = (size_t)(e - p);

					trim(&v, &vl);
					if (vl) {
						cfg_push(w, key, klen, indent);
						cfg_emit(w, "", 0, v, vl);
						w->depth--;
					}
					p = e + 1;
				}
				continue;
			}
			if (value[0] == '{')
				continue;
			/* Kubernetes env: `- name: N` then `value: V` is setting N */
			if (klen == 5 && !memcmp(key, "value", 5) && item_name && item_indent != SIZE_MAX)
				cfg_emit(w, item_name, item_nlen, value, vlen);
			else
				cfg_emit(w, key, klen, value, vlen);
		}
	}
}

static void json_walk(cfg_walk *w)
{
	const char *d = w->file->data;
	size_t len = w->file->len, i = 0;
	/* per container: is it an object, and the key its current value has */
	char is_obj[64];
	const char *key = NULL;
	size_t klen = 0;
	int depth = 0, expect_key = 0;

	while (i < len) {
		char c = d[i];

		if (isspace((unsigned char)c) || c == ',' || c == ':') {
			if (c == ',' && depth > 0 && is_obj[depth - 1 < 64 ? depth - 1 : 63])
				expect_key = 1;
			i++;
			continue;
		}
		if (c == '/' && i + 1 < len && d[i + 1] == '/') {
			while (i < len && d[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < len && d[i + 1] == '*') {
			const char *e = memmem(d + i + 2, len - i - 2, "*/", 2);

			i = e ? (size_t)(e - d) + 2 : len;
			continue;
		}
		if (c == '{' || c == '[') {
			if (depth < 64)
				is_obj[depth] = c == '{';
			/* the container is the value of `key` */
			if (depth > 0)
				cfg_push(w, key ? key : "", key ? klen : 0, 0);
			depth++;
			expect_key = c == '{';
			key = NULL;
			klen = 0;
			i++;
			continue;
		}
		if (c == '}' || c == ']') {
			if (depth > 1 && w->depth > 0)
				w->depth--;
			if (depth > 0)
				depth--;
			expect_key = 0;
			key = NULL;
			i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			size_t s = i + 1, e = s;

			while (e < len && d[e] != c) {
				if (d[e] == '\\')
					e++;
				e++;
			}
			if (e > len)
				e = len;
			if (expect_key) {
				key = d + s;
				klen = e - s;
				expect_key = 0;
			} else {
				cfg_emit(w, key ? key : "", key ? klen : 0, d + i, e < len ? e - i + 1 : e - i);
				if (depth > 0 && is_obj[depth - 1 < 64 ? depth - 1 : 63])
					key = NULL;
			}
			i = e + 1;
			continue;
		}
		{
			/* a number, true, false, null */
			size_t s = i;

			while (i < len && !isspace((unsigned char)d[i]) && d[i] != ',' && d[i] != '}' && d[i] != ']')
				i++;
			if (i == s)
				i++;
			else if (!expect_key)
				cfg_emit(w, key ? key : "", key ? klen : 0, d + s, i - s);
		}
	}
	w->depth = 0;
}

static void lines_walk(cfg_walk *w)
{
	const char *d = w->file->data, *end = d + w->file->len, *line = d;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line)), *s = line, *key, *value;
		size_t len = (size_t)((nl ? nl : end) - line), i, klen, vlen;

		line = nl ? nl + 1 : end;
		trim(&s, &len);
		if (len == 0 || s[0] == '#' || s[0] == ';' || (len > 1 && s[0] == '/' && s[1] == '/'))
			continue;
		if (s[0] == '[') {
			/* [section] or [[table]]: the keys below sit under it */
			const char *e = memchr(s, ']', len);

			w->depth = 0;
			if (e) {
				key = s + 1;
				klen = (size_t)(e - s - 1);
				while (klen && key[0] == '[') {
					key++;
					klen--;
				}
				cfg_push(w, key, klen, 0);
			}
			continue;
		}
		if (s[0] == '}') {
			if (w->depth > 0)
				w->depth--;
			continue;
		}
		if (len > 7 && !memcmp(s, "export ", 7)) {
			s += 7;
			len -= 7;
		}
		for (i = 0; i < len && s[i] != '=' && s[i] != ':' && s[i] != '{'; i++)
			;
		if (i == len)
			continue;
		key = s;
		klen = i;
		value = s + i + 1;
		vlen = len - i - 1;
		strip_key_quotes(&key, &klen);
		trim(&value, &vlen);
		if (s[i] == '{' || (vlen == 1 && value[0] == '{')) {
			cfg_push(w, key, klen, 0); /* an HCL block */
			continue;
		}
		strip_comment(value, &vlen);
		if (vlen && value[vlen - 1] == ',')
			vlen--;
		cfg_emit(w, key, klen, value, vlen);
	}
}

void fq_config_walk(const fq_file *file, fq_setting_cb cb, void *payload)
{
	cfg_walk w;

	memset(&w, 0, sizeof(w));
	w.file = file;
	w.cb = cb;
	w.payload = payload;
	switch (config_format(file->path)) {
	case CFG_YAML: yaml_walk(&w); break;
	case CFG_JSON: json_walk(&w); break;
	case CFG_LINES: lines_walk(&w); break;
	default: break;
	}
}
