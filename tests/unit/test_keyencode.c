/* Keys hidden in encodings (rules/keyencode.c).  Every encoded input is
 * made here from keys built at runtime; a failure names the case and shows
 * no more of a key than its prefix. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules/keyencode.h"

/* Split so that this file holds no key literal itself. */
#define BODY_A "Q7mZr4Tx" "9LpWc2Vb" "K8nDh3Jf"
#define BODY_B "Hq8TnR2v" "Xc5LpZ9m" "Wk3YbD7f"

#define MAX_HITS 8
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

struct hit {
	fq_encoding enc, inner;
	size_t src_start, src_end, token_start, token_end;
	char text[128];
};

struct hits {
	size_t n;
	struct hit h[MAX_HITS];
};

static void collect(void *ud, const fq_decoded *d)
{
	struct hits *hs = ud;
	struct hit *h;

	assert_int_equal(strlen(d->text), d->len);
	if (hs->n == MAX_HITS)
		fail_msg("more than %d spans", MAX_HITS);
	h = &hs->h[hs->n++];
	h->enc = d->enc;
	h->inner = d->inner;
	h->src_start = d->src_start;
	h->src_end = d->src_end;
	h->token_start = d->token_start;
	h->token_end = d->token_end;
	snprintf(h->text, sizeof(h->text), "%s", d->text);
}

static size_t scan(const char *text, size_t len, struct hits *hs)
{
	size_t n;

	memset(hs, 0, sizeof(*hs));
	n = fq_keyencode_scan(text, len, collect, hs);
	assert_int_equal(n, hs->n);
	return n;
}

/* "sk_" kind "_" body, built at runtime. */
static char *make_key(const char *kind, const char *body)
{
	char *k = malloc(strlen(kind) + strlen(body) + 5);

	assert_non_null(k);
	sprintf(k, "%s%s_%s", "sk_", kind, body);
	return k;
}

/* base64 of data: standard or URL-safe, padded or not, on one line or
 * wrapped every `wrap` characters with `sep` (a line break and any
 * indentation) between lines. */
static char *b64(const void *data, size_t len, int url, int pad, size_t wrap, const char *sep)
{
	size_t elen = 4 * ((len + 2) / 3), i, o = 0, ilen = sep ? strlen(sep) : 0;
	unsigned char *e = malloc(elen + 1);
	char *out;

	assert_non_null(e);
	assert_int_equal((size_t)EVP_EncodeBlock(e, data, (int)len), elen);
	while (!pad && elen > 0 && e[elen - 1] == '=')
		elen--;
	out = malloc(elen + (elen / (wrap ? wrap : elen + 1) + 1) * ilen + 1);
	assert_non_null(out);
	for (i = 0; i < elen; i++) {
		if (wrap && i > 0 && i % wrap == 0) {
			memcpy(out + o, sep, ilen);
			o += ilen;
		}
		out[o++] = (char)(url && e[i] == '+' ? '-' : url && e[i] == '/' ? '_' : e[i]);
	}
	out[o] = '\0';
	free(e);
	return out;
}

/* Where decoded bytes [a, b) sit in the base64 text made by b64(): the
 * first character that holds bits of byte a to the last that holds bits of
 * byte b - 1, counting the separators of wrapped lines. */
static size_t wrapped_pos(size_t c, size_t wrap, size_t seplen)
{
	return wrap ? c + c / wrap * seplen : c;
}

static void encoded_range(size_t a, size_t b, size_t wrap, size_t seplen, size_t *ra, size_t *rb)
{
	*ra = wrapped_pos(a / 3 * 4 + a % 3, wrap, seplen);
	*rb = wrapped_pos((b - 1) / 3 * 4 + (b - 1) % 3 + 1, wrap, seplen) + 1;
}

static void expect_hit(const char *name, const struct hits *hs, size_t i, fq_encoding enc,
		       fq_encoding inner, const char *key, size_t start, size_t end)
{
	const struct hit *h = &hs->h[i];

	if (i >= hs->n)
		fail_msg("%s: %zu spans, want more than %zu", name, hs->n, i);
	if (h->enc != enc || h->inner != inner)
		fail_msg("%s: encoding %s/%s, want %s/%s", name, fq_encoding_name(h->enc),
			 fq_encoding_name(h->inner), fq_encoding_name(enc), fq_encoding_name(inner));
	if (strcmp(h->text, key) != 0)
		fail_msg("%s: decoded %.8s... (%zu bytes), want %.8s... (%zu bytes)", name, h->text,
			 strlen(h->text), key, strlen(key));
	if (h->src_start != start || h->src_end != end)
		fail_msg("%s: source [%zu, %zu), want [%zu, %zu)", name, h->src_start, h->src_end, start, end);
	if (h->token_start > h->src_start || h->token_end < h->src_end)
		fail_msg("%s: token [%zu, %zu) does not hold [%zu, %zu)", name, h->token_start,
			 h->token_end, h->src_start, h->src_end);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static void random_bytes(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rng_state ^= rng_state << 13;
		rng_state ^= rng_state >> 7;
		rng_state ^= rng_state << 17;
		p[i] = (unsigned char)(rng_state >> 24);
	}
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* ---- base64 ------------------------------------------------------------ */

static void test_kubernetes_secret(void **state)
{
	char *key = make_key("live", BODY_A), *val = b64(key, strlen(key), 0, 1, 0, NULL);
	char *other = b64("postgres://db:5432/app", 22, 0, 1, 0, NULL), yaml[1024];
	struct hits hs;
	size_t at;

	(void)state;
	snprintf(yaml, sizeof(yaml),
		 "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fourq\ntype: Opaque\n"
		 "data:\n  FOURQ_API_KEY: %s\n  DATABASE_URL: %s\n", val, other);
	at = (size_t)(strstr(yaml, val) - yaml);
	assert_int_equal(strlen(key), 32);
	assert_int_equal(strlen(val), 44); /* one '=' of padding */
	assert_int_equal(scan(yaml, strlen(yaml), &hs), 1);
	expect_hit("secret", &hs, 0, FQ_ENC_BASE64, FQ_ENC_NONE, key, at, at + 43);
	assert_int_equal(hs.h[0].token_start, at);
	assert_int_equal(hs.h[0].token_end, at + 44);
	free(key);
	free(val);
	free(other);
}

/* A base64-encoded .env, the key after `pad` bytes of padding so that it
 * sits at every offset mod 3 and its signature at every place in a line;
 * one line, wrapped at 76 (base64(1)), at 64 under YAML indentation and
 * at 76 with CRLF. */
static void test_env_file_every_alignment(void **state)
{
	static const struct { const char *name; size_t wrap; const char *first, *sep; } layouts[] = {
		{ "one line", 0, "", NULL },
		{ "76 columns", 76, "", "\n" },
		{ "64 columns indented", 64, "    ", "\n    " },
		{ "76 columns CRLF", 76, "", "\r\n" },
	};
	char *key = make_key("test", BODY_B), env[512], name[64], *enc, *doc;
	size_t pad, l, klen = strlen(key);
	struct hits hs;

	(void)state;
	for (l = 0; l < N_ELEMS(layouts); l++) {
		for (pad = 0; pad < 90; pad++) {
			size_t koff, ra, rb, at;
			const char *lead = "    .env: |\n";

			snprintf(env, sizeof(env), "# written by deploy.sh\nAPP_ENV=production\nNOTE=%.*s\n"
				 "FOURQ_API_KEY=%s\nFOURQ_TIMEOUT_MS=2500\nLOG_LEVEL=info\n",
				 (int)pad, "lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
				 "eiusmod tempor incididunt ut labore", key);
			koff = (size_t)(strstr(env, key) - env);
			enc = b64(env, strlen(env), 0, 1, layouts[l].wrap, layouts[l].sep);
			doc = malloc(strlen(enc) + 64);
			assert_non_null(doc);
			sprintf(doc, "%s%s%s\n", lead, layouts[l].first, enc);
			at = strlen(lead) + strlen(layouts[l].first);
			encoded_range(koff, koff + klen, layouts[l].wrap,
				      layouts[l].sep ? strlen(layouts[l].sep) : 0, &ra, &rb);
			snprintf(name, sizeof(name), "%s, pad %zu (key at %zu mod 3)", layouts[l].name, pad, koff % 3);
			if (scan(doc, strlen(doc), &hs) != 1)
				fail_msg("%s: %zu spans, want 1", name, hs.n);
			expect_hit(name, &hs, 0, FQ_ENC_BASE64, FQ_ENC_NONE, key, at + ra, at + rb);
			if (hs.h[0].token_start != at || hs.h[0].token_end != strlen(doc) - 1)
				fail_msg("%s: token [%zu, %zu), want [%zu, %zu)", name, hs.h[0].token_start,
					 hs.h[0].token_end, at, strlen(doc) - 1);
			free(enc);
			free(doc);
		}
	}
	free(key);
}

static void test_url_safe_without_padding(void **state)
{
	char *key = make_key("admin", BODY_A), json[256], doc[512], *enc;
	size_t koff, ra, rb, at;
	struct hits hs;

	(void)state;
	/* "?>" and "~~" so that the encoding holds '-' and '_' */
	snprintf(json, sizeof(json), "{\"q\":\"?\?>>~~\",\"key\":\"%s\",\"n\":1}", key);
	koff = (size_t)(strstr(json, key) - json);
	enc = b64(json, strlen(json), 1, 0, 0, NULL);
	assert_non_null(strpbrk(enc, "-_"));
	assert_null(strchr(enc, '='));
	assert_true(strlen(json) % 3 != 0);
	snprintf(doc, sizeof(doc), "const token = \"%s\";\n", enc);
	at = (size_t)(strstr(doc, enc) - doc);
	encoded_range(koff, koff + strlen(key), 0, 0, &ra, &rb);
	assert_int_equal(scan(doc, strlen(doc), &hs), 1);
	expect_hit("url-safe", &hs, 0, FQ_ENC_BASE64, FQ_ENC_NONE, key, at + ra, at + rb);
	assert_int_equal(hs.h[0].token_start, at);
	assert_int_equal(hs.h[0].token_end, at + strlen(enc));
	free(enc);
	free(key);
}

/* A path or word glued before the token: the signature says where the
 * groups start. */
static void test_glued_prefix(void **state)
{
	char *key = make_key("live", BODY_B), *enc = b64(key, strlen(key), 0, 0, 0, NULL), doc[256];
	static const char *const glue[] = { "/v1/", "/v1/x", "/v1/xy", "/v1/xyz" };
	size_t g, at;
	struct hits hs;

	(void)state;
	for (g = 0; g < 4; g++) {
		snprintf(doc, sizeof(doc), "GET %s%s HTTP/1.1\n", glue[g], enc);
		at = (size_t)(strstr(doc, enc) - doc);
		if (scan(doc, strlen(doc), &hs) != 1)
			fail_msg("glue '%s': %zu spans, want 1", glue[g], hs.n);
		expect_hit(glue[g], &hs, 0, FQ_ENC_BASE64, FQ_ENC_NONE, key, at, at + 43);
	}
	free(enc);
	free(key);
}

/* A Secret that holds a base64-encoded .env, itself base64-encoded: the
 * inner text on one line, and wrapped at 76 with the key at every place
 * around the line break. */
static void test_nested_base64(void **state)
{
	char *key = make_key("live", BODY_A), env[256], name[64], *inner, *outer, *doc;
	size_t pad, koff, ra, rb, ia, ib, at, w, straddles = 0;
	struct hits hs;

	(void)state;
	for (w = 0; w < 2; w++) {
		for (pad = 0; pad < 80; pad++) {
			snprintf(env, sizeof(env), "A=%.*s\nFOURQ_API_KEY=%s\nB=2\n", (int)pad,
				 "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", key);
			koff = (size_t)(strstr(env, key) - env);
			encoded_range(koff, koff + 3, 0, 0, &ia, &ib);
			straddles += w && ia / 76 != (ib - 1) / 76;
			inner = b64(env, strlen(env), 0, 1, w ? 76 : 0, "\n");
			outer = b64(inner, strlen(inner), 0, 1, 0, NULL);
			doc = malloc(strlen(outer) + 64);
			assert_non_null(doc);
			sprintf(doc, "data:\n  app.env.b64: %s\n", outer);
			at = (size_t)(strstr(doc, outer) - doc);
			encoded_range(koff, koff + strlen(key), w ? 76 : 0, 1, &ia, &ib);
			encoded_range(ia, ib, 0, 0, &ra, &rb);
			snprintf(name, sizeof(name), "nested, %s, pad %zu", w ? "wrapped" : "one line", pad);
			if (scan(doc, strlen(doc), &hs) != 1)
				fail_msg("%s: %zu spans, want 1", name, hs.n);
			expect_hit(name, &hs, 0, FQ_ENC_BASE64, FQ_ENC_BASE64, key, at + ra, at + rb);
			if (hs.h[0].token_start != at || hs.h[0].token_end != at + strlen(outer))
				fail_msg("%s: token is not the outer value", name);
			free(inner);
			free(outer);
			free(doc);
		}
	}
	assert_true(straddles > 0); /* the line break fell inside "sk_"'s signature */
	free(key);
}

/* Two keys in one encoded .env, one of them also percent-encoded inside
 * it: the token is decoded for the first and its text scanned again. */
static void test_escape_inside_base64(void **state)
{
	char *live = make_key("live", BODY_A), *test = make_key("test", BODY_B), env[256], esc[64], doc[512];
	char *enc;
	size_t k1, k2, ra, rb, at;
	struct hits hs;

	(void)state;
	snprintf(esc, sizeof(esc), "sk%%5Ftest%%5F%s", BODY_B);
	snprintf(env, sizeof(env), "FOURQ_API_KEY=%s\nDSN=https://svc:%s@db.internal/app\n", live, esc);
	k1 = (size_t)(strstr(env, live) - env);
	k2 = (size_t)(strstr(env, esc) - env);
	enc = b64(env, strlen(env), 0, 1, 0, NULL);
	snprintf(doc, sizeof(doc), "env: \"%s\"\n", enc);
	at = 6;
	assert_int_equal(scan(doc, strlen(doc), &hs), 2);
	encoded_range(k1, k1 + strlen(live), 0, 0, &ra, &rb);
	expect_hit("first key", &hs, 0, FQ_ENC_BASE64, FQ_ENC_NONE, live, at + ra, at + rb);
	encoded_range(k2, k2 + strlen(esc), 0, 0, &ra, &rb);
	expect_hit("escaped key", &hs, 1, FQ_ENC_BASE64, FQ_ENC_URL, test, at + ra, at + rb);
	free(enc);
	free(live);
	free(test);
}

/* ---- escapes ----------------------------------------------------------- */

static void test_escapes(void **state)
{
	static const struct {
		const char *name;
		const char *before, *sep, *after; /* text, the escaped '_', text */
		fq_encoding enc;
	} cases[] = {
		{ "DSN %5F", "DATABASE_URL=https://svc:", "%5F", "@api.example.com/v1\n", FQ_ENC_URL },
		{ "query %5f", "curl 'https://api.example.com/v1?key=", "%5f", "&limit=10'\n", FQ_ENC_URL },
		{ "JSON \\u005f", "{\"apiKey\": \"", "\\u005f", "\"}\n", FQ_ENC_UNICODE_ESCAPE },
		{ "JSON \\u005F", "{\"apiKey\":\"", "\\u005F", "\",\"x\":1}", FQ_ENC_UNICODE_ESCAPE },
		{ "Python \\x5f", "KEY = b'", "\\x5f", "'\n", FQ_ENC_UNICODE_ESCAPE },
		{ "JS \\u{5f}", "const k = \"", "\\u{5f}", "\";\n", FQ_ENC_UNICODE_ESCAPE },
		{ "JSON in JSON \\\\u005f", "{\"cfg\":\"{\\\"k\\\":\\\"", "\\\\u005f", "\\\"}\"}", FQ_ENC_UNICODE_ESCAPE },
		{ "after \\n in a string", "\"FOO=1\\n", "\\u005f", "\\nBAR=2\"", FQ_ENC_UNICODE_ESCAPE },
	};
	char doc[512], esc[128];
	size_t i, at, end;
	char *key = make_key("live", BODY_A);
	struct hits hs;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		snprintf(esc, sizeof(esc), "sk%slive%s%s", cases[i].sep, cases[i].sep, BODY_A);
		snprintf(doc, sizeof(doc), "%s%s%s", cases[i].before, esc, cases[i].after);
		at = strlen(cases[i].before);
		end = at + strlen(esc);
		if (scan(doc, strlen(doc), &hs) != 1)
			fail_msg("%s: %zu spans, want 1", cases[i].name, hs.n);
		expect_hit(cases[i].name, &hs, 0, cases[i].enc, FQ_ENC_NONE, key, at, end);
	}
	free(key);
}

static void test_fully_percent_encoded(void **state)
{
	char *key = make_key("test", BODY_B), doc[512], *p;
	size_t i, at;
	struct hits hs;

	(void)state;
	p = doc + sprintf(doc, "password=");
	at = (size_t)(p - doc);
	for (i = 0; key[i]; i++)
		p += sprintf(p, i % 2 ? "%%%02x" : "%%%02X", (unsigned char)key[i]);
	sprintf(p, "&user=svc");
	assert_int_equal(scan(doc, strlen(doc), &hs), 1);
	expect_hit("fully encoded", &hs, 0, FQ_ENC_URL, FQ_ENC_NONE, key, at, at + 3 * strlen(key));
	free(key);
}

/* ---- what is not an encoded key ---------------------------------------- */

static void test_not_encoded_keys(void **state)
{
	char *live = make_key("live", BODY_A);
	char *other = make_key("test", BODY_B), *o64 = b64(other, strlen(other), 1, 0, 0, NULL);
	char truncated[64], *t64, glued[128], short_esc[64], plain[256], plain_then_esc[256], plain_url[256], plain_urlsafe[256];
	const char *source =
		"#include <stdio.h>\n"
		"static const char *fmt = \"%5d items, %02x flags, %s\\n\";\n"
		"int main(void) { printf(fmt, 3, 0x41, \"\\x41\\u0042\"); return 0; }\n"
		"// https://example.com/search?q=a%20b%5Fc&lang=en\n"
		"const some_rather_long_identifier_name_here = other_long_identifier_name_too;\n"
		"const path = '/usr/share/doc/libfourq-scan-dev/examples/config.yaml';\n"
		"const hello = 'aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEga2V5Cg==';\n";
	struct hits hs;
	size_t i;

	(void)state;
	/* the key's encoding cut after ten letters of its body */
	snprintf(truncated, sizeof(truncated), "FOURQ_API_KEY=%.18s", live);
	t64 = b64(truncated, strlen(truncated), 0, 1, 0, NULL);
	snprintf(glued, sizeof(glued), "id=xsk%%5Flive%%5F%s", BODY_A);
	snprintf(short_esc, sizeof(short_esc), "k=sk%%5Flive%%5FQ7mZr4Tx9L");
	snprintf(plain, sizeof(plain), "const key = '%s';\nconst lang = 'en';\n", live);
	snprintf(plain_then_esc, sizeof(plain_then_esc), "x=%s%%5Fv2&y=1\n", live);
	snprintf(plain_url, sizeof(plain_url), "https://svc:%s@api.example.com/?q=a%%20b&x=%%5F\n", live);
	/* documented: a token that holds a plain key is the plain detector's */
	snprintf(plain_urlsafe, sizeof(plain_urlsafe), "token=%s-%s\n", live, o64);
	{
		const struct { const char *name, *text; } cases[] = {
			{ "ordinary source", source },
			{ "truncated base64", t64 },
			{ "glued to a letter", glued },
			{ "escaped, body too short", short_esc },
			{ "plain key", plain },
			{ "plain key in a URL with escapes", plain_url },
			{ "plain key, then an escaped underscore", plain_then_esc },
			{ "plain key glued to an encoded one", plain_urlsafe },
		};

		for (i = 0; i < N_ELEMS(cases); i++) {
			if (scan(cases[i].text, strlen(cases[i].text), &hs) != 0)
				fail_msg("%s: %zu spans, want none", cases[i].name, hs.n);
		}
	}
	free(t64);
	free(o64);
	free(other);
	free(live);
}

/* This repository's own sources: code, escapes, long identifiers, no
 * encoded key. */
static void test_repository_sources(void **state)
{
	static const char *const files[] = {
		"rules/keydetect.c", "rules/keys.c", "rules/keyencode.c", "util/text.c", "tests/unit/test_keydetect.c",
	};
	const char *dir = getenv("FQ_SOURCE_DIR");
	char path[4096];
	size_t i, read = 0;
	struct hits hs;

	(void)state;
	for (i = 0; i < N_ELEMS(files); i++) {
		FILE *f;
		char *buf;
		long n;

		snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", files[i]);
		if (!(f = fopen(path, "rb")))
			continue;
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t)n + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		if (scan(buf, (size_t)n, &hs) != 0)
			fail_msg("%s: %zu spans, want none", files[i], hs.n);
		free(buf);
		read++;
	}
	if (read == 0)
		fail_msg("no source file found under %s (set FQ_SOURCE_DIR)", dir ? dir : ".");
}

static void test_image_blob(void **state)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	size_t n = 48 * 1024;
	unsigned char *img = malloc(n);
	char *enc, *doc;
	struct hits hs;

	(void)state;
	assert_non_null(img);
	random_bytes(img, n);
	memcpy(img, png, sizeof(png));
	enc = b64(img, n, 0, 1, 0, NULL);
	doc = malloc(strlen(enc) + 64);
	assert_non_null(doc);
	sprintf(doc, "<img src=\"data:image/png;base64,%s\">", enc);
	assert_int_equal(scan(doc, strlen(doc), &hs), 0);
	free(doc);
	free(enc);
	free(img);
}

/* A megabyte of random base64, on one line and wrapped; then the same with
 * key signatures strewn in every 61 characters at every phase, so that
 * tokens are decoded: all in bounded time (a quadratic scan would take
 * minutes). */
static void test_random_base64(void **state)
{
	static const char *const strewn[] = { "c2tfbGl2ZV", "NrX2xpdmVf", "za19saXZlX", "YzJ0Z", "5yW", "Ocl" };
	size_t n = 1024 * 1024, i, w;
	unsigned char *raw = malloc(n);
	struct timespec t0;
	struct hits hs;

	(void)state;
	assert_non_null(raw);
	random_bytes(raw, n);
	for (w = 0; w < 3; w++) {
		char *enc = b64(raw, n, w == 2, 1, w == 1 ? 76 : 0, "\n");
		size_t elen = strlen(enc);
		double ms;

		if (w == 2) {
			for (i = 0; i + 16 < elen; i += 61)
				memcpy(enc + i, strewn[i / 61 % N_ELEMS(strewn)], strlen(strewn[i / 61 % N_ELEMS(strewn)]));
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(scan(enc, elen, &hs), 0);
		ms = ms_since(&t0);
		if (ms > 3000)
			fail_msg("layout %zu: %.0f ms for %zu bytes", w, ms, elen);
		free(enc);
	}
	free(raw);
}

static void test_encoding_names(void **state)
{
	(void)state;
	assert_string_equal(fq_encoding_name(FQ_ENC_BASE64), "base64");
	assert_string_equal(fq_encoding_name(FQ_ENC_URL), "url-encoding");
	assert_string_equal(fq_encoding_name(FQ_ENC_UNICODE_ESCAPE), "unicode-escape");
	assert_int_equal(fq_keyencode_scan(NULL, 0, collect, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kubernetes_secret),
		cmocka_unit_test(test_env_file_every_alignment),
		cmocka_unit_test(test_url_safe_without_padding),
		cmocka_unit_test(test_glued_prefix),
		cmocka_unit_test(test_nested_base64),
		cmocka_unit_test(test_escape_inside_base64),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_fully_percent_encoded),
		cmocka_unit_test(test_not_encoded_keys),
		cmocka_unit_test(test_repository_sources),
		cmocka_unit_test(test_image_blob),
		cmocka_unit_test(test_random_base64),
		cmocka_unit_test(test_encoding_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
