/* The small libyaml tree test_ci_files.c checks the CI recipes with (a
 * duplicate key or a syntax error fails), its path accessors, and the
 * helpers that read a source file and feed it, and broken variants of it,
 * to a checker.  Every function is static and marked unused. */
#ifndef FQ_TESTS_YAML_TREE_H
#define FQ_TESTS_YAML_TREE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "slurp.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define CY_MAX_DEPTH 64

/* ------------------------------------------------------------ YAML tree */

typedef enum { CY_SCALAR, CY_SEQ, CY_MAP } cy_kind;

typedef struct cy_node {
	cy_kind kind;
	unsigned long line;     /* 1-based line of the node's start */
	char *text;             /* CY_SCALAR: the value */
	size_t n;               /* CY_SEQ: items; CY_MAP: pairs */
	char **keys;            /* CY_MAP: scalar keys ("" for a complex key) */
	struct cy_node **items; /* CY_SEQ: items; CY_MAP: values, beside keys */
} cy_node;

typedef struct {
	cy_node **docs;
	size_t n;
} cy_stream;

static __attribute__((unused)) char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static __attribute__((unused)) char *dup_s(const char *s)
{
	return dup_n(s, strlen(s));
}

static __attribute__((unused)) void cy_free(cy_node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			free(n->keys[i]);
		if (n->items)
			cy_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->text);
	free(n);
}

static __attribute__((unused)) void cy_stream_free(cy_stream *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		cy_free(s->docs[i]);
	free(s->docs);
	s->docs = NULL;
	s->n = 0;
}

/* The tree of libyaml node yn, or NULL with err set. */
static __attribute__((unused)) cy_node *cy_build(yaml_document_t *doc, yaml_node_t *yn, int depth, char *err, size_t errlen)
{
	cy_node *n;
	size_t i, count;

	if (!yn) {
		snprintf(err, errlen, "dangling node reference");
		return NULL;
	}
	if (depth > CY_MAX_DEPTH) {
		snprintf(err, errlen, "line %lu: nested deeper than %d (a recursive alias?)",
			 (unsigned long)yn->start_mark.line + 1, CY_MAX_DEPTH);
		return NULL;
	}
	if (!(n = calloc(1, sizeof(*n))))
		goto oom;
	n->line = (unsigned long)yn->start_mark.line + 1;
	switch (yn->type) {
	case YAML_SCALAR_NODE:
		n->kind = CY_SCALAR;
		if (!(n->text = dup_n((const char *)yn->data.scalar.value, yn->data.scalar.length)))
			goto oom;
		return n;
	case YAML_SEQUENCE_NODE: {
		yaml_node_item_t *it = yn->data.sequence.items.start;

		n->kind = CY_SEQ;
		count = (size_t)(yn->data.sequence.items.top - it);
		if (count && !(n->items = calloc(count, sizeof(*n->items))))
			goto oom;
		for (i = 0; i < count; i++, n->n++) {
			n->items[i] = cy_build(doc, yaml_document_get_node(doc, it[i]), depth + 1, err, errlen);
			if (!n->items[i])
				goto fail;
		}
		return n;
	}
	case YAML_MAPPING_NODE: {
		yaml_node_pair_t *pr = yn->data.mapping.pairs.start;

		n->kind = CY_MAP;
		count = (size_t)(yn->data.mapping.pairs.top - pr);
		if (count && (!(n->items = calloc(count, sizeof(*n->items))) ||
			      !(n->keys = calloc(count, sizeof(*n->keys)))))
			goto oom;
		for (i = 0; i < count; i++, n->n++) {
			yaml_node_t *k = yaml_document_get_node(doc, pr[i].key);
			size_t j;

			n->keys[i] = k && k->type == YAML_SCALAR_NODE
					     ? dup_n((const char *)k->data.scalar.value, k->data.scalar.length)
					     : dup_s("");
			if (!n->keys[i])
				goto oom;
			/* libyaml keeps duplicate keys; GitHub, GitLab and the
			 * Kubernetes API reject them or keep only one */
			for (j = 0; j < i; j++) {
				if (n->keys[i][0] && strcmp(n->keys[i], n->keys[j]) == 0) {
					snprintf(err, errlen, "line %lu: duplicate key '%s'",
						 k ? (unsigned long)k->start_mark.line + 1 : n->line, n->keys[i]);
					free(n->keys[i]);
					n->keys[i] = NULL;
					goto fail;
				}
			}
			n->items[i] = cy_build(doc, yaml_document_get_node(doc, pr[i].value), depth + 1, err, errlen);
			if (!n->items[i]) {
				free(n->keys[i]);
				n->keys[i] = NULL;
				goto fail;
			}
		}
		return n;
	}
	default:
		snprintf(err, errlen, "line %lu: empty node", n->line);
		goto fail;
	}
oom:
	snprintf(err, errlen, "out of memory");
fail:
	cy_free(n);
	return NULL;
}

/* Parses every document of text into out.  0, or -1 with err naming the line
 * and libyaml's problem (out is then empty).  The caller frees out. */
static __attribute__((unused)) int cy_parse(const char *text, size_t len, cy_stream *out, char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	err[0] = '\0';
	if (!yaml_parser_initialize(&parser)) {
		snprintf(err, errlen, "yaml_parser_initialize failed");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (;;) {
		yaml_node_t *root;
		cy_node *tree, **grown;

		if (!yaml_parser_load(&parser, &doc)) { /* libyaml frees doc */
			snprintf(err, errlen, "line %lu, column %lu: %s%s%s",
				 (unsigned long)parser.problem_mark.line + 1,
				 (unsigned long)parser.problem_mark.column + 1,
				 parser.problem ? parser.problem : "syntax error", parser.context ? " " : "",
				 parser.context ? parser.context : "");
			rc = -1;
			break;
		}
		if (!(root = yaml_document_get_root_node(&doc))) { /* end of the stream */
			yaml_document_delete(&doc);
			break;
		}
		tree = cy_build(&doc, root, 0, err, errlen);
		yaml_document_delete(&doc);
		if (!tree) {
			rc = -1;
			break;
		}
		if (!(grown = realloc(out->docs, (out->n + 1) * sizeof(*grown)))) {
			cy_free(tree);
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
		out->docs = grown;
		out->docs[out->n++] = tree;
	}
	yaml_parser_delete(&parser);
	if (rc)
		cy_stream_free(out);
	return rc;
}

/* The value of key in mapping n, or NULL. */
static __attribute__((unused)) const cy_node *cy_key(const cy_node *n, const char *key)
{
	size_t i;

	if (!n || n->kind != CY_MAP)
		return NULL;
	for (i = 0; i < n->n; i++)
		if (strcmp(n->keys[i], key) == 0)
			return n->items[i];
	return NULL;
}

/* The node at a dotted path of mapping keys ("jobs.review.needs"), or NULL. */
static __attribute__((unused)) const cy_node *cy_get(const cy_node *n, const char *path)
{
	char key[128];

	while (n && *path) {
		size_t len = strcspn(path, ".");

		if (len >= sizeof(key))
			return NULL;
		memcpy(key, path, len);
		key[len] = '\0';
		n = cy_key(n, key);
		path += len;
		if (*path == '.')
			path++;
	}
	return n;
}

/* The scalar at path, or NULL. */
static __attribute__((unused)) const char *cy_str(const cy_node *n, const char *path)
{
	n = cy_get(n, path);
	return n && n->kind == CY_SCALAR ? n->text : NULL;
}

static __attribute__((unused)) int cy_str_is(const cy_node *n, const char *path, const char *want)
{
	const char *s = cy_str(n, path);

	return s && strcmp(s, want) == 0;
}

/* The length of every scalar under n, each followed by a newline. */
static __attribute__((unused)) size_t cy_join_len(const cy_node *n)
{
	size_t i, len = 0;

	if (!n)
		return 0;
	if (n->kind == CY_SCALAR)
		return strlen(n->text) + 1;
	for (i = 0; i < n->n; i++)
		len += cy_join_len(n->items[i]);
	return len;
}

/* Copies them to dst; returns the end of what it wrote. */
static __attribute__((unused)) char *cy_join_copy(const cy_node *n, char *dst)
{
	size_t i;

	if (!n)
		return dst;
	if (n->kind == CY_SCALAR) {
		size_t len = strlen(n->text);

		memcpy(dst, n->text, len);
		dst[len] = '\n';
		return dst + len + 1;
	}
	for (i = 0; i < n->n; i++)
		dst = cy_join_copy(n->items[i], dst);
	return dst;
}

/* Every scalar under n (a script, a run step, command + args), joined with
 * newlines; malloc'd, "" for NULL. */
static __attribute__((unused)) char *cy_join(const cy_node *n)
{
	char *buf = malloc(cy_join_len(n) + 1);

	assert_non_null(buf);
	*cy_join_copy(n, buf) = '\0';
	return buf;
}

/* A positive integer written in s (the whole scalar), or -1. */
static __attribute__((unused)) long int_of(const char *s)
{
	char *end;
	long v;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v > 0 ? v : -1;
}

/* The number right after the first `marker` in text, or -1. */
static __attribute__((unused)) long int_after(const char *text, const char *marker)
{
	const char *p = text ? strstr(text, marker) : NULL;

	if (!p)
		return -1;
	p += strlen(marker);
	return isdigit((unsigned char)*p) ? strtol(p, NULL, 10) : -1;
}

/* ------------------------------------------------------------- helpers */

static __attribute__((unused)) const char *source_dir(void)
{
	const char *d = getenv("FQ_SOURCE_DIR");

	return d && *d ? d : ".";
}

static __attribute__((unused)) char *read_source(const char *rel, size_t *len)
{
	char path[4096];
	char *text;

	snprintf(path, sizeof(path), "%s/%s", source_dir(), rel);
	text = fq_test_slurp(path, len);
	if (!text)
		fail_msg("cannot read %s (set FQ_SOURCE_DIR to the source tree)", path);
	return text;
}

/* text with the first `from` replaced by `to`; fails the test if absent. */
static __attribute__((unused)) char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t head, flen = strlen(from), tlen = strlen(to);
	char *out;

	if (!at)
		fail_msg("mutation target '%s' not found", from);
	head = (size_t)(at - text);
	out = malloc(strlen(text) - flen + tlen + 1);
	assert_non_null(out);
	memcpy(out, text, head);
	memcpy(out + head, to, tlen);
	strcpy(out + head + tlen, at + flen);
	return out;
}

#define WHY(...) (snprintf(why, whylen, __VA_ARGS__), -1)

typedef int (*checker)(const cy_stream *s, char *why, size_t whylen);

/* Parses text and runs check on it: 0 when both pass, else -1 with why. */
static __attribute__((unused)) int parse_and_check(const char *text, checker check, char *why, size_t whylen)
{
	cy_stream s;
	char err[256];
	int rc;

	if (cy_parse(text, strlen(text), &s, err, sizeof(err)) != 0)
		return WHY("invalid YAML: %s", err);
	rc = check(&s, why, whylen);
	cy_stream_free(&s);
	return rc;
}

static __attribute__((unused)) void expect_file_passes(const char *rel, checker check)
{
	size_t len;
	char *text = read_source(rel, &len);
	char why[512] = "";

	if (parse_and_check(text, check, why, sizeof(why)) != 0) {
		free(text);
		fail_msg("%s: %s", rel, why);
	}
	free(text);
}

/* Each mutation of the file at rel (from -> to) must make check fail. */
static __attribute__((unused)) void expect_mutations_fail(const char *rel, checker check, const char *const (*mut)[2], size_t n)
{
	size_t len, i;
	char *text = read_source(rel, &len);

	for (i = 0; i < n; i++) {
		char *bad = replaced(text, mut[i][0], mut[i][1]);
		char why[512] = "";
		int rc = parse_and_check(bad, check, why, sizeof(why));

		free(bad);
		if (rc == 0) {
			free(text);
			fail_msg("%s with '%s' -> '%s' still passes its check", rel, mut[i][0], mut[i][1]);
		}
		if (getenv("FQ_TEST_VERBOSE"))
			print_message("%s, mutation %zu: %s\n", rel, i + 1, why);
	}
	free(text);
}

#endif
