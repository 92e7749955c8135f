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
#include "yaml_tree.h"

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
