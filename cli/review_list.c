/*
 * The repository list of `review` (split from cli/review.c; see review_impl.h).
 */

#define _GNU_SOURCE
#include "review_impl.h"
#include "../util/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --------------------------------------------------- the repository list */

void fq_review_entries_free(repo_entry *e, size_t n)
{
	size_t i;

	for (i = 0; e && i < n; i++) {
		free(e[i].location);
		free(e[i].display);
		json_decref(e[i].row);
	}
	free(e);
}

/* 1 for a git URL, 0 for a local path, -1 for a scheme libgit2 should not
 * be handed. */
static int url_kind(const char *s)
{
	static const char *const schemes[] = { "https://", "http://", "ssh://", "git://", "file://" };
	const char *colon = strchr(s, ':'), *slash = strchr(s, '/');
	size_t i;

	if (strstr(s, "://")) {
		for (i = 0; i < FQ_ARRAY_LEN(schemes); i++) {
			if (!strncasecmp(s, schemes[i], strlen(schemes[i])))
				return 1;
		}
		return -1;
	}
	/* scp-like user@host:path */
	return colon && (!slash || colon < slash) && memchr(s, '@', (size_t)(colon - s)) ? 1 : 0;
}

/* The last path component without ".git"; "" when it would be too long. */
static void default_name(const char *src, char out[FQ_REVIEW_NAME_MAX + 1])
{
	size_t n = strlen(src);
	const char *start;

	while (n > 1 && src[n - 1] == '/')
		n--;
	start = src + n;
	while (start > src && start[-1] != '/' && start[-1] != ':')
		start--;
	n -= (size_t)(start - src);
	if (n > 4 && !memcmp(start + n - 4, ".git", 4))
		n -= 4;
	if (n > FQ_REVIEW_NAME_MAX)
		n = 0;
	memcpy(out, start, n);
	out[n] = '\0';
}

static int cmp_entry_name(const void *a, const void *b)
{
	const repo_entry *x = *(repo_entry *const *)a, *y = *(repo_entry *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Reads the list.  Returns 0, or an exit code (2) after saying why. */
int fq_review_read_repos(const char *file, repo_entry **out, size_t *count)
{
	FILE *f = fopen(file, "r");
	char *line = NULL, *dir = fq_strdup(file), *slash, *save = NULL;
	size_t cap = 0, n = 0, alloc = 0, i;
	ssize_t len;
	int lineno = 0, code = 0;
	repo_entry *e = NULL, **byname = NULL;

	*out = NULL;
	*count = 0;
	if (!f) {
		code = fq_cli_usage_error("review", "cannot read --repos %s: %s", file, strerror(errno));
		goto cleanup;
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		strcpy(dir, ".");
	while (!code && (len = getline(&line, &cap, f)) >= 0) {
		char *src, *name, *extra, *p;
		int kind;

		lineno++;
		if (len > MAX_LINE || strlen(line) != (size_t)len) {
			code = fq_cli_usage_error("review", "%s:%d: %s", file, lineno, len > MAX_LINE ? "line too long" : "NUL byte in the line");
			break;
		}
		for (p = line; *p; p++) {
			if (*p == '#' && (p == line || isspace((unsigned char)p[-1]))) {
				*p = '\0';
				break;
			}
		}
		src = strtok_r(line, " \t\r\n\v\f", &save);
		name = src ? strtok_r(NULL, " \t\r\n\v\f", &save) : NULL;
		extra = name ? strtok_r(NULL, " \t\r\n\v\f", &save) : NULL;
		if (!src)
			continue;
		if (extra) {
			code = fq_cli_usage_error("review", "%s:%d: expected SOURCE [NAME], found more", file, lineno);
			break;
		}
		if (n == MAX_REPOS) {
			code = fq_cli_usage_error("review", "%s: more than %d repositories", file, MAX_REPOS);
			break;
		}
		e = fq_grow_array(e, &alloc, n + 1, sizeof(*e));
		memset(&e[n], 0, sizeof(e[n]));
		e[n].line = lineno;
		e[n].display = fq_review_safe_message(src);
		if ((kind = url_kind(src)) < 0) {
			code = fq_cli_usage_error("review", "%s:%d: unsupported URL '%s' (https, http, ssh, git or file)", file, lineno,
					   e[n].display);
			n++;
			break;
		}
		e[n].is_url = kind;
		e[n].location = kind || src[0] == '/' ? fq_strdup(src) : fq_sprintf("%s/%s", dir, src);
		if (name && strlen(name) <= FQ_REVIEW_NAME_MAX)
			strcpy(e[n].name, name);
		else if (!name)
			default_name(src, e[n].name);
		n++;
		if (!fq_review_name_valid(e[n - 1].name))
			code = fq_cli_usage_error("review", "%s:%d: %s '%s': a name is 1 to %d letters, digits, '.', '_' or '-'%s", file,
					   lineno, name ? "bad name" : "no usable name from", name ? name : e[n - 1].display,
					   FQ_REVIEW_NAME_MAX, name ? "" : " (add one after the source)");
	}
	if (!code && f && ferror(f))
		code = fq_cli_usage_error("review", "cannot read --repos %s: %s", file, strerror(errno));
	if (!code && n) {
		byname = fq_calloc(n, sizeof(*byname));
		for (i = 0; i < n; i++)
			byname[i] = &e[i];
		qsort(byname, n, sizeof(*byname), cmp_entry_name);
		for (i = 1; i < n && !code; i++) {
			if (!strcmp(byname[i]->name, byname[i - 1]->name))
				code = fq_cli_usage_error("review", "%s:%d: duplicate name '%s' (also on line %d); give each repository its "
						   "own name after the source", file, byname[i]->line, byname[i]->name,
						   byname[i - 1]->line);
		}
	}
cleanup:
	if (f)
		fclose(f);
	free(line);
	free(dir);
	free(byname);
	if (code) {
		fq_review_entries_free(e, n);
		return code;
	}
	*out = e;
	*count = n;
	return 0;
}

/* The name's SHA-256 read as a big-endian number, modulo n: one hex digit
 * at a time, so no number ever exceeds 16 * n. */
unsigned long fq_review_shard_of(const char *name, unsigned long n)
{
	char hex[65];
	unsigned long r = 0;
	size_t i;

	fq_sha256_hex(name, strlen(name), hex);
	for (i = 0; i < 64; i++)
		r = (r * 16 + (unsigned long)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10)) % n;
	return r;
}
