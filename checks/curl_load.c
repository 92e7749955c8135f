/*
 * libcurl, loaded when a probe first needs it.  A scan never talks to the
 * network, and linking libcurl made every run load its 19 libraries
 * (HTTP/2, IDN, LDAP, Kerberos...): about 10 ms of a 100 ms --since scan.
 * The functions below keep libcurl's names and prototypes, so the probe
 * code calls them as usual; each loads the library on first use and fails
 * the way libcurl itself reports a failure when it cannot be loaded.
 *
 * curl_easy_setopt and curl_easy_getinfo take one argument after the
 * option.  It is passed on as a 64-bit word: every option fourq-scan sets is
 * a long, a pointer, a function pointer or a curl_off_t, all passed alike
 * on the LP64 ABIs this builds for (checked below).
 */
#define _GNU_SOURCE
#include "curl_load.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

_Static_assert(sizeof(long) == sizeof(void *) && sizeof(curl_off_t) == sizeof(void *),
	       "curl options are forwarded as one pointer-sized word");

static struct {
	void *lib;
	char error[256];
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	char *(*easy_escape)(CURL *, const char *, int);
	void (*free)(void *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
} api;
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

static void *symbol(const char *name)
{
	void *p = dlsym(api.lib, name);

	if (!p && !api.error[0])
		snprintf(api.error, sizeof(api.error), "libcurl has no %s", name);
	return p;
}

static void load(void)
{
	static const char *const names[] = { "libcurl.so.4", "libcurl.so" };
	/* FOURQ_SCAN_LIBCURL: another file to load (an unusual install, tests) */
	const char *forced = getenv("FOURQ_SCAN_LIBCURL");
	size_t i;

	if (forced && forced[0])
		api.lib = dlopen(forced, RTLD_NOW | RTLD_LOCAL);
	for (i = 0; !(forced && forced[0]) && i < sizeof(names) / sizeof(names[0]) && !api.lib; i++)
		api.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!api.lib) {
		const char *why = dlerror();

		snprintf(api.error, sizeof(api.error), "cannot load libcurl (%s): %s",
			 forced && forced[0] ? forced : "libcurl.so.4", why ? why : "not found");
		return;
	}
	*(void **)&api.global_init = symbol("curl_global_init");
	*(void **)&api.global_cleanup = symbol("curl_global_cleanup");
	*(void **)&api.easy_init = symbol("curl_easy_init");
	*(void **)&api.easy_setopt = symbol("curl_easy_setopt");
	*(void **)&api.easy_perform = symbol("curl_easy_perform");
	*(void **)&api.easy_getinfo = symbol("curl_easy_getinfo");
	*(void **)&api.easy_cleanup = symbol("curl_easy_cleanup");
	*(void **)&api.easy_strerror = symbol("curl_easy_strerror");
	*(void **)&api.easy_escape = symbol("curl_easy_escape");
	*(void **)&api.free = symbol("curl_free");
	*(void **)&api.slist_append = symbol("curl_slist_append");
	*(void **)&api.slist_free_all = symbol("curl_slist_free_all");
	if (api.error[0]) { /* a library without the whole API is no use */
		dlclose(api.lib);
		api.lib = NULL;
	}
}

static int ready(void)
{
	pthread_once(&api_once, load);
	return api.lib != NULL;
}

const char *fq_curl_load_error(void)
{
	return ready() ? NULL : api.error;
}

/* The names in parentheses: curl.h may define them as type-checking macros. */
CURLcode (curl_global_init)(long flags)
{
	return ready() ? api.global_init(flags) : CURLE_FAILED_INIT;
}

void (curl_global_cleanup)(void)
{
	if (ready())
		api.global_cleanup();
}

CURL *(curl_easy_init)(void)
{
	return ready() ? api.easy_init() : NULL;
}

CURLcode (curl_easy_setopt)(CURL *curl, CURLoption option, ...)
{
	va_list ap;
	void *arg;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	arg = va_arg(ap, void *);
	va_end(ap);
	return api.easy_setopt(curl, option, arg);
}

CURLcode (curl_easy_perform)(CURL *curl)
{
	return ready() ? api.easy_perform(curl) : CURLE_FAILED_INIT;
}

CURLcode (curl_easy_getinfo)(CURL *curl, CURLINFO info, ...)
{
	va_list ap;
	void *arg;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	arg = va_arg(ap, void *);
	va_end(ap);
	return api.easy_getinfo(curl, info, arg);
}

void (curl_easy_cleanup)(CURL *curl)
{
	if (ready())
		api.easy_cleanup(curl);
}

const char *(curl_easy_strerror)(CURLcode code)
{
	return ready() ? api.easy_strerror(code) : api.error;
}

char *(curl_easy_escape)(CURL *curl, const char *s, int length)
{
	return ready() ? api.easy_escape(curl, s, length) : NULL;
}

void (curl_free)(void *p)
{
	if (ready())
		api.free(p);
}

struct curl_slist *(curl_slist_append)(struct curl_slist *list, const char *s)
{
	return ready() ? api.slist_append(list, s) : NULL;
}

void (curl_slist_free_all)(struct curl_slist *list)
{
	if (ready())
		api.slist_free_all(list);
}
