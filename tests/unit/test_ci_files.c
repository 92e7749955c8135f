/* The periodic-review recipes (docs/review.md): ci/review-github.yml,
 * ci/review-gitlab.yml, ci/review-k8s.yaml, the Dockerfile and .dockerignore.
 * People paste these into their CI, so each YAML file is parsed with libyaml
 * into a small tree (a duplicate key or a syntax error fails) and checked for
 * the structure the docs promise: the shard count N agrees everywhere it is
 * written, the merge runs after the shards, the pods run as non-root, the
 * runtime image carries no -dev package.  Every checker is also fed a broken
 * variant, so that a checker that accepts anything cannot pass. */
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

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static char *dup_s(const char *s)
{
	return dup_n(s, strlen(s));
}

static void cy_free(cy_node *n)
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

static void cy_stream_free(cy_stream *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		cy_free(s->docs[i]);
	free(s->docs);
	s->docs = NULL;
	s->n = 0;
}

/* The tree of libyaml node yn, or NULL with err set. */
static cy_node *cy_build(yaml_document_t *doc, yaml_node_t *yn, int depth, char *err, size_t errlen)
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
static int cy_parse(const char *text, size_t len, cy_stream *out, char *err, size_t errlen)
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
static const cy_node *cy_key(const cy_node *n, const char *key)
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
static const cy_node *cy_get(const cy_node *n, const char *path)
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
static const char *cy_str(const cy_node *n, const char *path)
{
	n = cy_get(n, path);
	return n && n->kind == CY_SCALAR ? n->text : NULL;
}

static int cy_str_is(const cy_node *n, const char *path, const char *want)
{
	const char *s = cy_str(n, path);

	return s && strcmp(s, want) == 0;
}

/* The length of every scalar under n, each followed by a newline. */
static size_t cy_join_len(const cy_node *n)
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
static char *cy_join_copy(const cy_node *n, char *dst)
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
static char *cy_join(const cy_node *n)
{
	char *buf = malloc(cy_join_len(n) + 1);

	assert_non_null(buf);
	*cy_join_copy(n, buf) = '\0';
	return buf;
}

/* A positive integer written in s (the whole scalar), or -1. */
static long int_of(const char *s)
{
	char *end;
	long v;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v > 0 ? v : -1;
}

/* The number right after the first `marker` in text, or -1. */
static long int_after(const char *text, const char *marker)
{
	const char *p = text ? strstr(text, marker) : NULL;

	if (!p)
		return -1;
	p += strlen(marker);
	return isdigit((unsigned char)*p) ? strtol(p, NULL, 10) : -1;
}

/* ------------------------------------------------------------- helpers */

static const char *source_dir(void)
{
	const char *d = getenv("FQ_SOURCE_DIR");

	return d && *d ? d : ".";
}

static char *read_source(const char *rel, size_t *len)
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
static char *replaced(const char *text, const char *from, const char *to)
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
static int parse_and_check(const char *text, checker check, char *why, size_t whylen)
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

static void expect_file_passes(const char *rel, checker check)
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
static void expect_mutations_fail(const char *rel, checker check, const char *const (*mut)[2], size_t n)
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

/* ------------------------------------------------------------ the parser */

static void test_parser_reads_streams(void **state)
{
	static const char text[] = "# two documents\n"
				   "---\n"
				   "a:\n  b: [1, 2, 3]\n  c: \"x\"\n"
				   "---\n"
				   "- one\n- two: &t {k: v}\n- three: *t\n";
	cy_stream s;
	char err[256];
	const cy_node *seq;

	(void)state;
	if (cy_parse(text, strlen(text), &s, err, sizeof(err)) != 0)
		fail_msg("valid YAML rejected: %s", err);
	assert_int_equal(s.n, 2);
	seq = cy_get(s.docs[0], "a.b");
	assert_non_null(seq);
	assert_int_equal(seq->kind, CY_SEQ);
	assert_int_equal(seq->n, 3);
	assert_string_equal(seq->items[2]->text, "3");
	assert_true(cy_str_is(s.docs[0], "a.c", "x"));
	assert_int_equal(s.docs[1]->kind, CY_SEQ);
	assert_true(cy_str_is(s.docs[1]->items[2], "three.k", "v")); /* the alias resolved */
	assert_int_equal(s.docs[0]->line, 3);
	cy_stream_free(&s);
}

/* The negative check: broken YAML is an error that names its line. */
static void test_parser_rejects_malformed(void **state)
{
	static const struct {
		const char *name, *text;
	} cases[] = {
		{ "unclosed flow sequence", "jobs:\n  review:\n    matrix: [1, 2\n    needs: build\n" },
		{ "tab indentation", "jobs:\n\treview: {}\n" },
		{ "mapping value in a plain scalar", "on: push: main\n" },
		{ "bad indentation", "jobs:\n  a:\n    x: 1\n   y: 2\n" },
		{ "unclosed quote", "run: \"fourq-scan review\n" },
		{ "undefined alias", "a: *nowhere\n" },
		{ "duplicate key", "jobs:\n  review: {}\n  review: {}\n" },
		{ "recursive alias", "a: &x [ *x ]\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		cy_stream s;
		char err[256];

		if (cy_parse(cases[i].text, strlen(cases[i].text), &s, err, sizeof(err)) == 0) {
			cy_stream_free(&s);
			fail_msg("%s: accepted, want an error", cases[i].name);
		}
		assert_int_equal(s.n, 0);
		if (!strstr(err, "line "))
			fail_msg("%s: error '%s' does not name a line", cases[i].name, err);
		if (getenv("FQ_TEST_VERBOSE"))
			print_message("%s: %s\n", cases[i].name, err);
	}
}

/* ------------------------------------------------------- GitHub Actions */

static const cy_node *find_step(const cy_node *steps, const char *run_part)
{
	size_t i;

	for (i = 0; steps && steps->kind == CY_SEQ && i < steps->n; i++) {
		const char *run = cy_str(steps->items[i], "run");

		if (run && strstr(run, run_part))
			return steps->items[i];
	}
	return NULL;
}

static int has_step_uses(const cy_node *steps, const char *prefix, const char *if_part)
{
	size_t i;

	for (i = 0; steps && steps->kind == CY_SEQ && i < steps->n; i++) {
		const char *uses = cy_str(steps->items[i], "uses"), *cond = cy_str(steps->items[i], "if");

		if (uses && strncmp(uses, prefix, strlen(prefix)) == 0 &&
		    (!if_part || (cond && strstr(cond, if_part))))
			return 1;
	}
	return 0;
}

static int check_github(const cy_stream *s, char *why, size_t whylen)
{
	const cy_node *w, *sched, *shards, *rsteps, *msteps, *needs, *step;
	const char *run, *cond;
	char want[96];
	long n;
	size_t i;

	if (s->n != 1)
		return WHY("%zu documents, want 1", s->n);
	w = s->docs[0];
	sched = cy_get(w, "on.schedule");
	if (!sched || sched->kind != CY_SEQ || sched->n == 0 || !cy_str(sched->items[0], "cron"))
		return WHY("on.schedule has no cron entry");
	if (!cy_get(w, "on.workflow_dispatch"))
		return WHY("no on.workflow_dispatch");
	shards = cy_get(w, "jobs.review.strategy.matrix.shard");
	if (!shards || shards->kind != CY_SEQ || shards->n < 2)
		return WHY("jobs.review.strategy.matrix.shard is not a list of 2 or more shards");
	n = (long)shards->n;
	for (i = 0; i < shards->n; i++)
		if (int_of(shards->items[i]->text) != (long)i + 1)
			return WHY("matrix.shard[%zu] is not %zu: --shard K/N needs 1..N", i, i + 1);
	if (!cy_str_is(w, "jobs.review.strategy.fail-fast", "false"))
		return WHY("jobs.review.strategy.fail-fast is not false");
	rsteps = cy_get(w, "jobs.review.steps");
	if (!(step = find_step(rsteps, "fourq-scan review")))
		return WHY("no review step runs fourq-scan review");
	run = cy_str(step, "run");
	snprintf(want, sizeof(want), "--shard ${{ matrix.shard }}/%ld ", n);
	if (!strstr(run, want))
		return WHY("the review step lacks '%s' (the matrix has %ld shards)", want, n);
	if (!strstr(run, "--cache ") || !strstr(run, "--format json"))
		return WHY("the review step lacks --cache or --format json");
	if (!strstr(run, "rc=$?") || !strstr(run, "GITHUB_OUTPUT"))
		return WHY("the review step does not capture the exit code");
	if (!has_step_uses(rsteps, "actions/cache", NULL))
		return WHY("the review job does not use actions/cache");
	if (!has_step_uses(rsteps, "actions/upload-artifact@", "always()"))
		return WHY("the review job has no upload-artifact step with if: always()");
	needs = cy_get(w, "jobs.merge.needs");
	if (!needs || needs->kind != CY_SCALAR || strcmp(needs->text, "review") != 0)
		return WHY("jobs.merge.needs is not review");
	cond = cy_str(w, "jobs.merge.if");
	if (!cond || !strstr(cond, "always()"))
		return WHY("jobs.merge.if does not say always()");
	msteps = cy_get(w, "jobs.merge.steps");
	if (!find_step(msteps, "fourq-scan merge review-*.json"))
		return WHY("no merge step runs fourq-scan merge review-*.json");
	if (!find_step(msteps, "GITHUB_STEP_SUMMARY"))
		return WHY("the merge job does not write the step summary");
	if (!has_step_uses(msteps, "actions/download-artifact@", NULL) ||
	    !has_step_uses(msteps, "actions/upload-artifact@", NULL))
		return WHY("the merge job does not download the shards and upload the report");
	/* the merge job must know N too, to fail on a missing shard report */
	snprintf(want, sizeof(want), "!= '%ld'", n);
	for (i = 0; msteps && i < msteps->n; i++)
		if ((cond = cy_str(msteps->items[i], "if")) && strstr(cond, want))
			return 0;
	return WHY("no merge step fails when the shard reports are not %ld", n);
}

static void test_github_workflow(void **state)
{
	static const char *const mutations[][2] = {
		{ "shard: [1, 2, 3, 4]", "shard: [1, 2, 3]" },
		{ "--shard ${{ matrix.shard }}/4", "--shard ${{ matrix.shard }}/5" },
		{ "needs: review", "needs: build" },
		{ "fail-fast: false", "fail-fast: true" },
		{ "fourq-scan merge review-*.json", "fourq-scan review-*.json" },
		{ "workflow_dispatch:", "workflow_dispatched:" },
		{ "  merge:\n", "  merge:\n  merge:\n" },
	};

	(void)state;
	expect_file_passes("ci/review-github.yml", check_github);
	expect_mutations_fail("ci/review-github.yml", check_github, mutations, N_ELEMS(mutations));
}

/* ------------------------------------------------------------ GitLab CI */

/* Index of stage in the pipeline's stages (GitLab's defaults when the file
 * has no `stages:`), or -1. */
static long stage_index(const cy_node *doc, const char *stage)
{
	static const char *const defaults[] = { ".pre", "build", "test", "deploy", ".post" };
	const cy_node *stages = cy_key(doc, "stages");
	size_t i;

	if (!stage)
		return -1;
	if (stages && stages->kind == CY_SEQ) {
		for (i = 0; i < stages->n; i++)
			if (stages->items[i]->kind == CY_SCALAR && strcmp(stages->items[i]->text, stage) == 0)
				return (long)i;
		return -1;
	}
	for (i = 0; i < N_ELEMS(defaults); i++)
		if (strcmp(defaults[i], stage) == 0)
			return (long)i;
	return -1;
}

static int needs_job(const cy_node *needs, const char *job)
{
	size_t i;

	for (i = 0; needs && needs->kind == CY_SEQ && i < needs->n; i++) {
		const cy_node *it = needs->items[i];

		if ((it->kind == CY_SCALAR && strcmp(it->text, job) == 0) || cy_str_is(it, "job", job))
			return 1;
	}
	return 0;
}

static int check_gitlab(const cy_stream *s, char *why, size_t whylen)
{
	const cy_node *doc, *review, *merge;
	char *script;
	long n, shards;
	int ok;

	if (s->n != 1)
		return WHY("%zu documents, want 1", s->n);
	doc = s->docs[0];
	review = cy_key(doc, "fourq-review");
	merge = cy_key(doc, "fourq-review-merge");
	if (!review || !merge)
		return WHY("jobs fourq-review and fourq-review-merge are not both there");
	if ((n = int_of(cy_str(review, "parallel"))) < 2)
		return WHY("fourq-review has no parallel: N (N >= 2)");
	script = cy_join(cy_key(review, "script"));
	ok = strstr(script, "fourq-scan review") && strstr(script, "--shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\"") &&
	     strstr(script, "--cache ") && strstr(script, "--format json");
	free(script);
	if (!ok)
		return WHY("fourq-review's script does not run fourq-scan review --shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\" "
			   "with --cache and --format json");
	if (!cy_str(review, "cache.key") || !strstr(cy_str(review, "cache.key"), "$CI_NODE_INDEX"))
		return WHY("fourq-review's cache is not keyed by shard");
	if (!cy_str_is(review, "artifacts.when", "always") || !cy_get(review, "artifacts.paths"))
		return WHY("fourq-review does not keep its report as an artifact when it fails");
	if (!needs_job(cy_key(merge, "needs"), "fourq-review"))
		return WHY("fourq-review-merge does not need fourq-review");
	if (stage_index(doc, cy_str(merge, "stage")) <= stage_index(doc, cy_str(review, "stage")) ||
	    stage_index(doc, cy_str(review, "stage")) < 0)
		return WHY("fourq-review-merge is not in a later stage than fourq-review");
	script = cy_join(cy_key(merge, "script"));
	ok = strstr(script, "fourq-scan merge review-*.json") != NULL;
	free(script);
	if (!ok)
		return WHY("fourq-review-merge does not run fourq-scan merge review-*.json");
	shards = int_of(cy_str(merge, "variables.FOURQ_REVIEW_SHARDS"));
	if (shards != n)
		return WHY("fourq-review-merge expects %ld shard reports, fourq-review makes %ld", shards, n);
	return 0;
}

static void test_gitlab_include(void **state)
{
	static const char *const mutations[][2] = {
		{ "parallel: 4", "parallel: 3" },
		{ "$CI_NODE_INDEX/$CI_NODE_TOTAL", "$CI_NODE_INDEX/4" },
		{ "- job: fourq-review ", "- job: fourq-review-other " },
		{ "stage: deploy", "stage: test" },
		{ "when: always                # uploaded", "when: on_success          # uploaded" },
	};

	(void)state;
	expect_file_passes("ci/review-gitlab.yml", check_gitlab);
	expect_mutations_fail("ci/review-gitlab.yml", check_gitlab, mutations, N_ELEMS(mutations));
}

/* ----------------------------------------------------------- Kubernetes */

/* N of `--shard "$((JOB_COMPLETION_INDEX + 1))/N"` in script, or -1: the
 * index is 0-based and --shard 1-based. */
static long k8s_shard_n(const char *script)
{
	const char *p = strstr(script, "--shard");
	const char *idx, *close;
	char expr[64];

	if (!p)
		return -1;
	idx = strstr(p, "$((JOB_COMPLETION_INDEX");
	close = idx ? strstr(idx, "))/") : NULL;
	if (!idx || !close || close - p > 60 || (size_t)(close - idx) >= sizeof(expr))
		return -1;
	memcpy(expr, idx, (size_t)(close - idx));
	expr[close - idx] = '\0';
	if (!strstr(expr, "+ 1") && !strstr(expr, "+1"))
		return -1;
	return int_after(close, "))/");
}

/* Every container of pod spec pod runs as non-root: runAsNonRoot true at
 * the pod level or on each container, and a read-only root filesystem. */
static int pod_hardened(const cy_node *pod, char *why, size_t whylen)
{
	const cy_node *cs = cy_key(pod, "containers");
	int pod_nonroot = cy_str_is(pod, "securityContext.runAsNonRoot", "true");
	size_t i;

	if (!cs || cs->kind != CY_SEQ || cs->n == 0)
		return WHY("a pod without containers");
	if (cy_str_is(pod, "securityContext.runAsUser", "0"))
		return WHY("the pod runs as uid 0");
	for (i = 0; i < cs->n; i++) {
		const cy_node *c = cs->items[i];

		if (!pod_nonroot && !cy_str_is(c, "securityContext.runAsNonRoot", "true"))
			return WHY("container %zu: securityContext.runAsNonRoot is not true", i);
		if (!cy_str_is(c, "securityContext.readOnlyRootFilesystem", "true"))
			return WHY("container %zu: securityContext.readOnlyRootFilesystem is not true", i);
		if (!cy_str_is(c, "securityContext.allowPrivilegeEscalation", "false"))
			return WHY("container %zu: allowPrivilegeEscalation is not false", i);
		if (!cy_get(c, "resources.requests.memory") || !cy_get(c, "resources.limits.memory") ||
		    !cy_get(c, "resources.requests.cpu") || !cy_get(c, "resources.limits.cpu"))
			return WHY("container %zu: no cpu and memory requests and limits", i);
	}
	return 0;
}

static int check_k8s(const cy_stream *s, char *why, size_t whylen)
{
	const cy_node *indexed = NULL, *merge = NULL;
	int configmap = 0, pvc = 0;
	size_t i;
	long n, completions, parallelism;
	char *script;

	if (s->n < 2)
		return WHY("%zu documents, want the ConfigMap, the volume and two Jobs", s->n);
	for (i = 0; i < s->n; i++) {
		const cy_node *d = s->docs[i];
		const char *kind = cy_str(d, "kind");
		char *cmd;

		if (!kind || !cy_str(d, "apiVersion") || !cy_str(d, "metadata.name"))
			return WHY("document %zu lacks kind, apiVersion or metadata.name", i + 1);
		if (strcmp(kind, "ConfigMap") == 0 && cy_key(cy_key(d, "data"), "repos.txt"))
			configmap = 1;
		if (strcmp(kind, "PersistentVolumeClaim") == 0)
			pvc = 1;
		if (strcmp(kind, "Job") != 0)
			continue;
		if (cy_str_is(d, "spec.completionMode", "Indexed")) {
			if (indexed)
				return WHY("two Indexed Jobs");
			indexed = d;
			continue;
		}
		cmd = cy_join(cy_get(d, "spec.template.spec.containers"));
		if (strstr(cmd, "fourq-scan merge review-*.json"))
			merge = d;
		free(cmd);
	}
	if (!configmap)
		return WHY("no ConfigMap with data repos.txt");
	if (!pvc)
		return WHY("no PersistentVolumeClaim for the caches and reports");
	if (!indexed)
		return WHY("no Job with completionMode: Indexed");
	if (!merge)
		return WHY("no second Job that runs fourq-scan merge review-*.json");
	completions = int_of(cy_str(indexed, "spec.completions"));
	parallelism = int_of(cy_str(indexed, "spec.parallelism"));
	script = cy_join(cy_get(indexed, "spec.template.spec.containers"));
	n = k8s_shard_n(script);
	if (!strstr(script, "fourq-scan review --repos /config/repos.txt")) {
		free(script);
		return WHY("the Indexed Job does not run fourq-scan review --repos /config/repos.txt");
	}
	free(script);
	if (n < 2)
		return WHY("the Indexed Job has no --shard \"$((JOB_COMPLETION_INDEX + 1))/N\"");
	if (completions != n || parallelism != n)
		return WHY("completions %ld, parallelism %ld and --shard .../%ld differ", completions, parallelism, n);
	if (!cy_str_is(indexed, "spec.template.spec.restartPolicy", "Never") &&
	    !cy_str_is(indexed, "spec.template.spec.restartPolicy", "OnFailure"))
		return WHY("the Indexed Job's pods have no restartPolicy Never or OnFailure");
	if (pod_hardened(cy_get(indexed, "spec.template.spec"), why, whylen) != 0)
		return -1;
	if (pod_hardened(cy_get(merge, "spec.template.spec"), why, whylen) != 0)
		return -1;
	/* applied together with the shards, the merge must wait for them */
	if (!cy_str_is(merge, "spec.suspend", "true"))
		return WHY("the merge Job is not created suspended");
	return 0;
}

static void test_kubernetes(void **state)
{
	static const char *const mutations[][2] = {
		{ "completions: 4", "completions: 3" },
		{ "parallelism: 4", "parallelism: 8" },
		{ "(JOB_COMPLETION_INDEX + 1))/4", "(JOB_COMPLETION_INDEX + 1))/5" },
		{ "(JOB_COMPLETION_INDEX + 1))/4", "(JOB_COMPLETION_INDEX))/4" },
		{ "runAsNonRoot: true", "runAsNonRoot: false" },
		{ "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false" },
		{ "completionMode: Indexed", "completionMode: NonIndexed" },
		{ "suspend: true", "suspend: false" },
		{ "fourq-scan merge review-*.json", "fourq-scan review-*.json" },
	};

	(void)state;
	expect_file_passes("ci/review-k8s.yaml", check_k8s);
	expect_mutations_fail("ci/review-k8s.yaml", check_k8s, mutations, N_ELEMS(mutations));
}

/* ----------------------------------------------------------- Dockerfile */

/* The Dockerfile's instructions: comment lines dropped, continuation lines
 * joined.  ins[i] is malloc'd; the caller frees with free_lines. */
typedef struct {
	char **ins;
	size_t n;
} instructions;

static void free_lines(instructions *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->ins[i]);
	free(d->ins);
}

static void split_instructions(const char *text, instructions *out)
{
	char *cur = NULL;
	size_t curlen = 0;
	const char *p = text;

	memset(out, 0, sizeof(*out));
	while (*p) {
		size_t len = strcspn(p, "\n"), s = 0, e = len;
		int cont;

		while (s < e && isspace((unsigned char)p[s]))
			s++;
		while (e > s && isspace((unsigned char)p[e - 1]))
			e--;
		if (s < e && p[s] == '#') { /* a comment, also inside a continuation */
			p += len + (p[len] == '\n');
			continue;
		}
		cont = e > s && p[e - 1] == '\\';
		if (cont)
			e--;
		if (e > s || cur) {
			char *g = realloc(cur, curlen + (e - s) + 2);

			assert_non_null(g);
			cur = g;
			if (curlen)
				cur[curlen++] = ' ';
			memcpy(cur + curlen, p + s, e - s);
			curlen += e - s;
			cur[curlen] = '\0';
		}
		if (!cont && cur) {
			char **grown = realloc(out->ins, (out->n + 1) * sizeof(*grown));

			assert_non_null(grown);
			out->ins = grown;
			out->ins[out->n++] = cur;
			cur = NULL;
			curlen = 0;
		}
		p += len + (p[len] == '\n');
	}
	if (cur) {
		char **grown = realloc(out->ins, (out->n + 1) * sizeof(*grown));

		assert_non_null(grown);
		out->ins = grown;
		out->ins[out->n++] = cur;
	}
}

/* ins starts with instruction keyword kw (case-insensitive) and a blank. */
static const char *args_of(const char *ins, const char *kw)
{
	size_t n = strlen(kw), i;

	for (i = 0; i < n; i++)
		if (toupper((unsigned char)ins[i]) != kw[i])
			return NULL;
	if (!isspace((unsigned char)ins[n]))
		return NULL;
	ins += n;
	while (isspace((unsigned char)*ins))
		ins++;
	return ins;
}

/* The first word of s (FROM's image: --platform=... skipped) into w. */
static void first_word(const char *s, char *w, size_t wlen)
{
	size_t n;

	while (strncmp(s, "--", 2) == 0) {
		s += strcspn(s, " \t");
		while (isspace((unsigned char)*s))
			s++;
	}
	n = strcspn(s, " \t");
	if (n >= wlen)
		n = wlen - 1;
	memcpy(w, s, n);
	w[n] = '\0';
}

/* The packages of every `apt-get install` in run: the words after install,
 * options skipped, up to &&, ||, ; or |, each checked by the caller. */
static int check_runtime_packages(const char *run, int *has_archive, int *has_sqlite, char *why, size_t whylen)
{
	const char *p = run;

	while ((p = strstr(p, "apt-get install"))) {
		p += strlen("apt-get install");
		for (;;) {
			char word[128];
			size_t n;

			while (isspace((unsigned char)*p))
				p++;
			if (!*p || *p == '&' || *p == '|' || *p == ';')
				break;
			n = strcspn(p, " \t;&|");
			if (n >= sizeof(word))
				n = sizeof(word) - 1;
			memcpy(word, p, n);
			word[n] = '\0';
			p += strcspn(p, " \t;&|");
			if (word[0] == '-' || word[0] == '>')
				continue;
			if (strstr(word, "-dev"))
				return WHY("the runtime stage installs the development package %s", word);
			if (strcmp(word, "libarchive13") == 0)
				*has_archive = 1;
			if (strcmp(word, "libsqlite3-0") == 0)
				*has_sqlite = 1;
		}
	}
	return 0;
}

static int check_dockerfile(const char *text, char *why, size_t whylen)
{
	instructions d;
	size_t i, from_at[3] = { 0 }, froms = 0;
	char image[128], user[128] = "";
	int bootstrap = 0, release = 0, install = 0, copy_from = 0, label = 0, entry = 0, cmd = 0;
	int archive = 0, sqlite = 0, rc = 0;

	split_instructions(text, &d);
	for (i = 0; i < d.n; i++) {
		const char *a;

		if ((a = args_of(d.ins[i], "FROM"))) {
			if (froms < N_ELEMS(from_at))
				from_at[froms] = i;
			froms++;
			first_word(a, image, sizeof(image));
			if (froms == 1 && strcmp(image, "debian:12") != 0) {
				rc = WHY("the build stage is FROM %s, want debian:12", image);
				goto done;
			}
			if (froms == 2 && strcmp(image, "debian:12-slim") != 0) {
				rc = WHY("the runtime stage is FROM %s, want debian:12-slim", image);
				goto done;
			}
			continue;
		}
		if (froms == 1 && (a = args_of(d.ins[i], "RUN"))) {
			bootstrap |= strstr(a, "scripts/bootstrap") != NULL;
			release |= strstr(a, "-DCMAKE_BUILD_TYPE=Release") && strstr(a, "-DFQ_TESTS=OFF");
			install |= strstr(a, "cmake --install") != NULL;
		}
		if (froms != 2)
			continue;
		if ((a = args_of(d.ins[i], "RUN")) &&
		    (rc = check_runtime_packages(a, &archive, &sqlite, why, whylen)) != 0)
			goto done;
		if ((a = args_of(d.ins[i], "COPY")) && strncmp(a, "--from=build ", 13) == 0)
			copy_from = 1;
		if ((a = args_of(d.ins[i], "LABEL")) && strstr(a, "org.opencontainers.image."))
			label = 1;
		if ((a = args_of(d.ins[i], "USER")))
			first_word(a, user, sizeof(user));
		if ((a = args_of(d.ins[i], "ENTRYPOINT")))
			entry = strcmp(a, "[\"fourq-scan\"]") == 0;
		if ((a = args_of(d.ins[i], "CMD")))
			cmd = strcmp(a, "[\"--help\"]") == 0;
	}
	if (froms != 2)
		rc = WHY("%zu FROM lines, want 2 (build and runtime)", froms);
	else if (!bootstrap || !release || !install)
		rc = WHY("the build stage does not run scripts/bootstrap, a Release build with -DFQ_TESTS=OFF "
			 "and cmake --install");
	else if (!archive || !sqlite)
		rc = WHY("the runtime stage does not install libarchive13 and libsqlite3-0");
	else if (!copy_from)
		rc = WHY("the runtime stage does not COPY --from=build");
	else if (!user[0])
		rc = WHY("the runtime stage has no USER: it would run as root");
	else if (strcmp(user, "root") == 0 || strcmp(user, "0") == 0 || strncmp(user, "0:", 2) == 0 ||
		 strncmp(user, "root:", 5) == 0)
		rc = WHY("USER %s is root", user);
	else if (!isdigit((unsigned char)user[0])) /* runAsNonRoot can only verify a uid */
		rc = WHY("USER %s is not numeric: Kubernetes' runAsNonRoot cannot verify it", user);
	else if (!entry || !cmd)
		rc = WHY("want ENTRYPOINT [\"fourq-scan\"] and CMD [\"--help\"] in the runtime stage");
	else if (!label)
		rc = WHY("no org.opencontainers.image.* LABEL in the runtime stage");
done:
	free_lines(&d);
	return rc;
}

static void test_dockerfile(void **state)
{
	static const char *const mutations[][2] = {
		{ "FROM debian:12-slim", "FROM debian:12" },
		{ "FROM debian:12 AS build", "FROM ubuntu:24.04 AS build" },
		{ "USER 10001:10001", "USER root" },
		{ "USER 10001:10001", "USER 0:0" },
		{ "USER 10001:10001", "USER fourq" },
		{ "USER 10001:10001", "# no user" },
		{ "libarchive13 libsqlite3-0", "libarchive13 libsqlite3-dev" },
		{ "libarchive13 libsqlite3-0", "libarchive-dev libsqlite3-0" },
		{ "libyaml-0-2 libarchive13", "libyaml-0-2 libarchive13 \\\n      gcc libc6-dev" },
		{ "ENTRYPOINT [\"fourq-scan\"]", "ENTRYPOINT [\"/bin/sh\"]" },
		{ "-DFQ_TESTS=OFF", "-DFQ_TESTS=ON" },
		{ "COPY --from=build", "FROM debian:12-slim\nCOPY --from=build" },
	};
	size_t len, i;
	char *text = read_source("Dockerfile", &len);
	char why[512] = "";

	(void)state;
	if (check_dockerfile(text, why, sizeof(why)) != 0) {
		free(text);
		fail_msg("Dockerfile: %s", why);
	}
	for (i = 0; i < N_ELEMS(mutations); i++) {
		char *bad = replaced(text, mutations[i][0], mutations[i][1]);
		int rc = check_dockerfile(bad, why, sizeof(why));

		free(bad);
		if (rc == 0) {
			free(text);
			fail_msg("Dockerfile with '%s' -> '%s' still passes its check", mutations[i][0], mutations[i][1]);
		}
		if (getenv("FQ_TEST_VERBOSE"))
			print_message("Dockerfile, mutation %zu: %s\n", i + 1, why);
	}
	free(text);
}

/* The build context leaves out build trees, node_modules, bench/work, .git. */
static void test_dockerignore(void **state)
{
	static const char *const want[] = { "build*/", "grammars/node_modules/", "bench/work/", ".git/" };
	size_t len, i;
	char *text = read_source(".dockerignore", &len);
	instructions d;

	(void)state;
	split_instructions(text, &d);
	for (i = 0; i < N_ELEMS(want); i++) {
		size_t j;
		int found = 0;

		for (j = 0; j < d.n; j++)
			found |= strcmp(d.ins[j], want[i]) == 0;
		if (!found) {
			free_lines(&d);
			free(text);
			fail_msg(".dockerignore does not exclude %s", want[i]);
		}
	}
	free_lines(&d);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parser_reads_streams),
		cmocka_unit_test(test_parser_rejects_malformed),
		cmocka_unit_test(test_github_workflow),
		cmocka_unit_test(test_gitlab_include),
		cmocka_unit_test(test_kubernetes),
		cmocka_unit_test(test_dockerfile),
		cmocka_unit_test(test_dockerignore),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
