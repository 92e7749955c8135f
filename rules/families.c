#define _GNU_SOURCE
/* The families in the order they run, and facts several of them share. */
#include "family.h"
#include "../scanner/config.h"
#include "../scanner/profile.h"
#include "../util/common.h"
#include "../util/literals.h"
#include "../util/regex.h"
#include "../util/text.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const fq_family *const fq_families[] = {
	&fq_family_keys, &fq_family_keyuse, &fq_family_payloads, &fq_family_errors,
	&fq_family_policies, &fq_family_tls, &fq_family_repository,
};
const size_t fq_families_count = FQ_ARRAY_LEN(fq_families);

/* Words without which no code rule can fire: a file holding none of them is
 * not parsed at all.  These are every language's; each profile adds the
 * words of its own TLS settings (profile.h, trigger_words), which count
 * for its own files only. */
static const char *const code_triggers[] = { "protect", "http://", "olic", "OLIC" };
#define PROTECT_WORD 0 /* code_triggers' "protect": also in "protected", "protects" */
#define HTTP_WORD 1    /* "http://": FQ042's, which needs the file to name 4Quays */
#define POLICY_WORDS (FQ_WORDBIT(2) | FQ_WORDBIT(3)) /* "olic", "OLIC": also in "symbolic" */
#define MAX_PROFILES 32
/* FQ003 needs a key-like name and a logging call together. */
/* A key literal counts too, but only a real one (has_key): "sk_" alone is
 * in task_id, risk_score, disk_usage... */
static const char *const key_words[] = {
	"apiKey", "api_key", "secretKey", "secret_key", "API_KEY", "ApiKey", "SECRET_KEY", "ccessKey",
	"ccess_key", "CCESS_KEY",
};
static const char *const log_words[] = { "log", "console", "print", "winston", "pino", "bunyan" };

static fq_literals wanted_words;
static fq_wordbits trigger_mask, key_mask, log_mask, key_prefix_mask;
/* each profile's own trigger words (its TLS settings): a file is parsed
 * for another language's words no more */
static fq_wordbits profile_triggers[MAX_PROFILES];
static pthread_once_t wanted_once = PTHREAD_ONCE_INIT;

/* Adds a profile's words to the pre-check, each setting its bit in *mask.
 * A word that holds one already listed (error_log holds log) is that
 * word's: a file with the longer one has the shorter one too, and the
 * one-pass pre-check holds at most FQ_LITERALS_MAX words. */
static size_t add_words(const char **words, size_t n, const char *const *add, fq_wordbits *mask)
{
	for (; add && *add; add++) {
		size_t k;

		for (k = 0; k < n && !strstr(*add, words[k]); k++)
			;
		if (k < n) {
			*mask |= FQ_WORDBIT(k);
			continue;
		}
		if (n + 2 > FQ_LITERALS_MAX)
			abort(); /* more words than the one-pass pre-check holds: a table error */
		words[n] = *add;
		*mask |= FQ_WORDBIT(n);
		n++;
	}
	return n;
}

static void build_wanted(void)
{
	const char *words[FQ_LITERALS_MAX];
	size_t n = 0, i;

	for (i = 0; i < FQ_ARRAY_LEN(code_triggers); i++, n++) {
		words[n] = code_triggers[i];
		trigger_mask |= FQ_WORDBIT(n);
	}
	if (fq_profiles_count > MAX_PROFILES)
		abort(); /* a programming error: raise MAX_PROFILES */
	for (i = 0; i < fq_profiles_count; i++)
		n = add_words(words, n, fq_profiles[i]->trigger_words, &profile_triggers[i]);
	for (i = 0; i < FQ_ARRAY_LEN(key_words); i++, n++) {
		words[n] = key_words[i];
		key_mask |= FQ_WORDBIT(n);
	}
	for (i = 0; i < FQ_ARRAY_LEN(log_words); i++, n++) {
		words[n] = log_words[i];
		log_mask |= FQ_WORDBIT(n);
	}
	for (i = 0; i < fq_profiles_count; i++) {
		n = add_words(words, n, fq_profiles[i]->key_trigger_words, &key_mask);
		n = add_words(words, n, fq_profiles[i]->log_trigger_words, &log_mask);
	}
	/* the key rules' prefilter, in the same pass */
	words[n] = "sk_";
	key_prefix_mask = FQ_WORDBIT(n);
	n++;
	if (fq_literals_init(&wanted_words, words, n) < 0)
		abort(); /* a programming error in the tables above */
}

fq_wordbits fq_file_words(const fq_file *file)
{
	fq_file *f = (fq_file *)file; /* a lazy cache on a file its worker owns */

	if (!f->words_known) {
		pthread_once(&wanted_once, build_wanted);
		f->words = fq_literals_scan(&wanted_words, f->data, f->len, 0);
		f->words_known = 1;
	}
	return f->words;
}

/* "sk_" anywhere: '_' is rare in binary bytes, and memchr is the fastest
 * look the C library has. */
static int has_key_prefix(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (p < end && (p = memchr(p, '_', (size_t)(end - p))) != NULL) {
		if (p - data >= 2 && p[-2] == 's' && p[-1] == 'k')
			return 1;
		p++;
	}
	return 0;
}

int fq_file_may_hold_key(const fq_file *file)
{
	fq_file *f = (fq_file *)file; /* a lazy cache on a file its worker owns */

	if (f->words_known)
		return (f->words & key_prefix_mask) != 0;
	/* a file only the key rules read needs no other word */
	if (f->keys_only) {
		if (!f->key_prefix)
			f->key_prefix = has_key_prefix(f->data, f->len) ? 2 : 1;
		return f->key_prefix == 2;
	}
	return (fq_file_words(file) & key_prefix_mask) != 0;
}

/* A bare log call of the profile (Ruby's p, pp) at the start of a line,
 * indented or not, with its argument after a space or a parenthesis. */
static int bare_call_starts_line(const fq_file *file, const char *const *calls)
{
	const char *d = file->data, *end = d + file->len;

	for (; calls && *calls; calls++) {
		size_t n = strlen(*calls);
		const char *p = d;

		while (p < end && (p = memmem(p, (size_t)(end - p), *calls, n)) != NULL) {
			const char *q = p;

			while (q > d && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
			if ((q == d || q[-1] == '\n') && p + n < end && (p[n] == ' ' || p[n] == '('))
				return 1;
			p += n;
		}
	}
	return 0;
}

int fq_file_names_fourq(const fq_file *file)
{
	return fq_memcasemem(file->data, file->len, "fourq", 5) || fq_memcasemem(file->data, file->len, "4quays", 6);
}

/* The trigger words of a file of prof: every language's and its own. */
static fq_wordbits own_triggers(const struct fq_profile *prof)
{
	size_t i;

	for (i = 0; i < fq_profiles_count; i++) {
		if (fq_profiles[i] == prof)
			return trigger_mask | profile_triggers[i];
	}
	return trigger_mask;
}

static int ident_char(const char *p, const char *end)
{
	return p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '$');
}

/* "protect" that can name the SDK's call: protect, unprotect, protectAsync,
 * protect_async; not protected, protects, protectProperties. */
static int protect_call_word(const fq_file *file)
{
	static const char *const suffixes[] = { "", "Async", "_async", "_Async" };
	const char *p = file->data, *end = file->data + file->len;
	size_t i;

	while (p < end && (p = memmem(p, (size_t)(end - p), "protect", 7)) != NULL) {
		p += 7;
		for (i = 0; i < FQ_ARRAY_LEN(suffixes); i++) {
			size_t n = strlen(suffixes[i]);

			if ((size_t)(end - p) >= n && !memcmp(p, suffixes[i], n) && !ident_char(p + n, end))
				return 1;
		}
	}
	return 0;
}

int fq_code_wanted(const fq_file *file, int has_key, const struct fq_profile *prof)
{
	const fq_config *cfg = file->config;
	fq_wordbits found, triggers;
	size_t i;

	/* configured protect/unprotect names ("seal") are triggers too */
	for (i = 0; cfg && i < cfg->protect_methods.count; i++) {
		if (strcmp(cfg->protect_methods.items[i], "protect") &&
		    memmem(file->data, file->len, cfg->protect_methods.items[i],
			   strlen(cfg->protect_methods.items[i])))
			return 1;
	}
	for (i = 0; cfg && i < cfg->unprotect_methods.count; i++) {
		if (strcmp(cfg->unprotect_methods.items[i], "unprotect") &&
		    memmem(file->data, file->len, cfg->unprotect_methods.items[i],
			   strlen(cfg->unprotect_methods.items[i])))
			return 1;
	}
	found = fq_file_words(file);
	triggers = found & own_triggers(prof);
	/* "protect" only in longer words (the keyword "protected" of
	 * TypeScript, the JVM's, C#'s and PHP's classes) calls nothing */
	if ((triggers & FQ_WORDBIT(PROTECT_WORD)) && !protect_call_word(file))
		triggers &= ~FQ_WORDBIT(PROTECT_WORD);
	/* an http:// URL is FQ042's only in a file that names 4Quays (tls.c) */
	if ((triggers & FQ_WORDBIT(HTTP_WORD)) && !fq_file_names_fourq(file))
		triggers &= ~FQ_WORDBIT(HTTP_WORD);
	/* a policy setting's name holds "polic" (policies.c); "symbolic" does not */
	if ((triggers & POLICY_WORDS) && !fq_memcasemem(file->data, file->len, "polic", 5))
		triggers &= ~POLICY_WORDS;
	if (triggers)
		return 1;
	if ((found & key_prefix_mask) && fq_keys_split_wanted(file))
		return 1;
	if (!has_key && !(found & key_mask))
		return 0;
	return (found & log_mask) || (prof && bare_call_starts_line(file, prof->bare_log_calls));
}

/* The SDK's shapes in any language: protect(...), client.Protect(ctx, ...),
 * ProtectAsync(...), a method reached with . or -> or :: (Ruby and Elixir
 * call without parentheses), the package and module names, and the key
 * variables.  A host name (api.4quays.example) is not a mention. */
static fq_regex sdk_words = FQ_REGEX_INIT(
	"(?<![A-Za-z0-9_$])(?:[Uu]n)?(?:[Pp]rotect|UnProtect)(?:_?[Aa]sync)?\\s*[(<]"
	"|(?:\\.|->|::)(?:[Uu]n)?[Pp]rotect(?:_?[Aa]sync)?(?![A-Za-z0-9_])"
	"|(?<![A-Za-z0-9_])(?:fourq|FourQ|Fourq|four_quays|fourquays)"
	"|4quays[/-]|FOURQ_[A-Z_]*KEY", 0);

int fq_mentions_sdk(const fq_config *cfg, const char *data, size_t len, size_t *off)
{
	size_t ov[2], best = SIZE_MAX, i;
	const fq_strlist *lists[3];

	if (fq_regex_find(&sdk_words, data, len, 0, ov, 1))
		best = ov[0];
	lists[0] = cfg ? &cfg->protect_methods : NULL;
	lists[1] = cfg ? &cfg->unprotect_methods : NULL;
	lists[2] = cfg ? &cfg->key_env_vars : NULL;
	for (i = 0; i < 3; i++) {
		size_t k;

		for (k = 0; lists[i] && k < lists[i]->count; k++) {
			const char *w = lists[i]->items[k], *p = data, *end = data + (best < len ? best : len);
			size_t wl = strlen(w);

			while (wl && (p = memmem(p, (size_t)(end - p), w, wl)) != NULL) {
				const char *q = p + wl;

				/* a method name must be called; a key variable just named */
				while (i < 2 && q < data + len && (*q == ' ' || *q == '\t'))
					q++;
				if (i == 2 || (q < data + len && *q == '(')) {
					best = (size_t)(p - data);
					break;
				}
				p++;
			}
		}
	}
	if (best == SIZE_MAX)
		return 0;
	*off = best;
	return 1;
}
