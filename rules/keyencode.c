/*
 * Keys hidden in encodings.  Two passes over the input: base64, then
 * escapes.  See keyencode.h for what is found and what it costs.
 *
 * base64: a key prefix encoded in base64 looks different at each of the
 * three byte alignments in the decoded text, but each alignment leaves a few
 * characters that the prefix alone fixes ("sk_live_" starts at a group:
 * "c2tfbGl2ZV"; one byte in: "NrX2xpdmVf"; two: "za19saXZlX").  Those
 * signatures are computed once from the prefixes, for keys (base64 of a
 * prefix) and for nested keys (base64 of the base64 of "sk_"), and a token is
 * decoded only when one of them is in it.  Where the signature sits also
 * says where the token's 4-character groups start, so a token glued to a
 * path or a word before it still decodes.
 */
#define _GNU_SOURCE
#include "keyencode.h"
#include "../util/common.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_RUN 24          /* shortest run of base64 characters looked at */
#define MIN_BLOCK_LINE 40   /* a shorter line does not continue onto the next */
#define MIN_BODY 16         /* letters and digits after the prefix (SPEC §3) */
#define WINDOW_GROUPS 10    /* decoded around a nested signature to confirm it */
#define WINDOW_EVERY 1024   /* more windows than one per so many characters (and */
#define MIN_WINDOWS 16      /* this many): decoding the whole token is cheaper */
#define MAX_SIGS 64

enum { LEVEL_KEY = 1, LEVEL_NESTED = 2 };

struct sig {
	char s[16];
	unsigned char len;
	unsigned char group_off;  /* its first character's place in a 4-character group */
	unsigned char level;      /* LEVEL_KEY: in base64 of a key prefix;
				   * LEVEL_NESTED: in base64 of base64 of "sk_" */
};

static const char *const kinds[] = { "live_", "test_", "admin_" };
static const char b64_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static struct sig sigs[MAX_SIGS];
static size_t nsigs;
/* By a signature's first two characters (as a little-endian 16-bit value):
 * 1 + the index of the first signature that starts so, 0 for none. */
static unsigned char sig_by_bigram[65536];
static signed char b64val[256];          /* -1 outside both alphabets */
static signed char hexval[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_word(unsigned char c)
{
	return is_alnum(c) || c == '_';
}

static int is_b64(unsigned char c)
{
	return b64val[c] >= 0;
}

/* The base64 characters that `text` fixes whatever bytes surround it, when
 * it starts `align` bytes into a 3-byte group; *group_off is the place of the
 * first of them in its 4-character group. */
static size_t fixed_chars(const char *text, size_t tlen, unsigned align, char *out, unsigned *group_off)
{
	size_t lo = align * 8, hi = lo + tlen * 8, k, n = 0;

	for (k = (lo + 5) / 6; 6 * k + 6 <= hi; k++) {
		unsigned v = 0, t;

		for (t = 0; t < 6; t++) {
			size_t b = 6 * k + t - lo;

			v = v << 1 | (((unsigned char)text[b / 8] >> (7 - b % 8)) & 1u);
		}
		out[n++] = b64_chars[v];
	}
	*group_off = (unsigned)((lo + 5) / 6 % 4);
	return n;
}

static void add_sig(const char *s, size_t len, unsigned group_off, unsigned level)
{
	struct sig *g;
	size_t i;
	int std_only = 0;

	if (len < 2 || len >= sizeof(sigs[0].s) || nsigs == MAX_SIGS)
		abort(); /* the tables below are fixed: cannot happen */
	g = &sigs[nsigs++];
	memcpy(g->s, s, len);
	g->len = (unsigned char)len;
	g->group_off = (unsigned char)group_off;
	g->level = (unsigned char)level;
	for (i = 0; i < len; i++)
		std_only |= s[i] == '+' || s[i] == '/';
	if (std_only) {
		char url[sizeof(sigs[0].s)];

		for (i = 0; i < len; i++)
			url[i] = s[i] == '+' ? '-' : s[i] == '/' ? '_' : s[i];
		add_sig(url, len, group_off, level);
	}
}

static unsigned sig_bigram(const struct sig *g)
{
	return (unsigned char)g->s[0] | (unsigned)(unsigned char)g->s[1] << 8;
}

static int cmp_sig(const void *a, const void *b)
{
	unsigned x = sig_bigram(a), y = sig_bigram(b);

	return x < y ? -1 : x > y;
}

static void init_tables(void)
{
	char text[16], inner[16], outer[16];
	unsigned a, b, k, off;
	size_t n, m, cut;

	memset(b64val, -1, sizeof(b64val));
	memset(hexval, -1, sizeof(hexval));
	for (k = 0; k < 64; k++)
		b64val[(unsigned char)b64_chars[k]] = (signed char)k;
	b64val['-'] = 62;
	b64val['_'] = 63;
	for (k = 0; k < 10; k++)
		hexval['0' + k] = (signed char)k;
	for (k = 0; k < 6; k++) {
		hexval['a' + k] = (signed char)(10 + k);
		hexval['A' + k] = (signed char)(10 + k);
	}
	for (k = 0; k < FQ_ARRAY_LEN(kinds); k++) {
		n = (size_t)snprintf(text, sizeof(text), "sk_%s", kinds[k]);
		for (a = 0; a < 3; a++) {
			m = fixed_chars(text, n, a, outer, &off);
			add_sig(outer, m, off, LEVEL_KEY);
		}
	}
	/* Nested: the signature of "sk_" alone, whole or broken by a line break
	 * of the wrapped inner text, so that it stays short; nested_window
	 * confirms it. */
	for (a = 0; a < 3; a++) {
		n = fixed_chars("sk_", 3, a, inner, &off);
		for (cut = 0; cut < n; cut++) {
			char split[16];
			size_t sn = n;

			memcpy(split, inner, n);
			if (cut > 0) {
				memmove(split + cut + 1, split + cut, n - cut);
				split[cut] = '\n';
				sn++;
			}
			for (b = 0; b < 3; b++) {
				m = fixed_chars(split, sn, b, outer, &off);
				add_sig(outer, m, off, LEVEL_NESTED);
			}
		}
	}
	qsort(sigs, nsigs, sizeof(sigs[0]), cmp_sig);
	for (k = nsigs; k-- > 0; )
		sig_by_bigram[sig_bigram(&sigs[k])] = (unsigned char)(k + 1);
}

/* ---- output ------------------------------------------------------------ */

struct seg {
	size_t at;   /* a token's characters from at on ... */
	size_t raw;  /* ... come from the scanned text from raw on */
};

/* Scratch for one nesting depth, reused from token to token. */
struct scratch {
	char *strip;        /* a block's characters without its line breaks */
	size_t strip_alloc;
	struct seg *segs;
	size_t segs_alloc;
	char *dec;          /* decoded bytes */
	size_t dec_alloc;
	size_t *off;        /* escapes: where each decoded byte starts */
	size_t off_alloc;
};

/* A decoded base64 token whose text is being scanned for what is nested in
 * it: maps offsets in that text back to the input. */
struct frame {
	const struct seg *segs;
	size_t nsegs;
	size_t phase;
	size_t token_start, token_end;
};

struct scan {
	fq_keyencode_fn fn;
	void *ud;
	size_t count;
	struct scratch lv[2];       /* [0] the input, [1] inside a decoded token */
	const struct frame *outer;  /* NULL when scanning the input itself */
	char *cand;
	size_t cand_alloc;
};

/* The offset in the scanned text of a token's character c. */
static size_t seg_raw(const struct seg *segs, size_t nsegs, size_t c)
{
	size_t lo = 0, hi = nsegs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (segs[mid].at <= c)
			lo = mid;
		else
			hi = mid;
	}
	return segs[lo].raw + (c - segs[lo].at);
}

/* The characters that encode decoded bytes [a, b) of a token decoded from
 * its character `phase` on: byte j takes bits from characters 4(j/3)+j%3
 * and the one after it. */
static void decoded_to_raw(const struct seg *segs, size_t nsegs, size_t phase, size_t a, size_t b,
			   size_t *ra, size_t *rb)
{
	size_t first = phase + a / 3 * 4 + a % 3, last = phase + (b - 1) / 3 * 4 + (b - 1) % 3 + 1;

	*ra = seg_raw(segs, nsegs, first);
	*rb = seg_raw(segs, nsegs, last) + 1;
}

/* A candidate at [a, b) of the scanned text, in token [ta, tb). */
static void emit(struct scan *sc, fq_encoding enc, size_t a, size_t b, size_t ta, size_t tb,
		 const char *text, size_t len)
{
	fq_decoded d;

	memset(&d, 0, sizeof(d));
	if (sc->outer) {
		const struct frame *f = sc->outer;

		decoded_to_raw(f->segs, f->nsegs, f->phase, a, b, &d.src_start, &d.src_end);
		d.enc = FQ_ENC_BASE64;
		d.inner = enc;
		d.token_start = f->token_start;
		d.token_end = f->token_end;
	} else {
		d.enc = enc;
		d.src_start = a;
		d.src_end = b;
		d.token_start = ta;
		d.token_end = tb;
	}
	sc->cand = fq_grow_array(sc->cand, &sc->cand_alloc, len + 1, 1);
	memcpy(sc->cand, text, len);
	sc->cand[len] = '\0';
	d.text = sc->cand;
	d.len = len;
	sc->count++;
	if (sc->fn)
		sc->fn(sc->ud, &d);
}

/* 1 when the bytes before t[j] are text, not what a path or word glued
 * before a base64 token decodes to. */
static int text_before(const char *t, size_t j)
{
	size_t i;

	for (i = j > 3 ? j - 3 : 0; i < j; i++) {
		unsigned char c = (unsigned char)t[i];

		if ((c < 0x20 || c > 0x7e) && c != '\t' && c != '\r' && c != '\n')
			return 0;
	}
	return 1;
}

/* 1 when t[j..] (which starts with "sk_") is a kind, its underscore and 16
 * or more letters or digits, not glued to a letter or digit before it (as
 * in the key pattern); *end is past the last letter or digit. */
static int candidate_at(const char *t, size_t n, size_t j, size_t *end)
{
	size_t k, kl = 0, p;

	if (j > 0 && is_alnum((unsigned char)t[j - 1]) && text_before(t, j))
		return 0;
	for (k = 0; k < FQ_ARRAY_LEN(kinds); k++) {
		kl = strlen(kinds[k]);
		if (n - j - 3 >= kl && !memcmp(t + j + 3, kinds[k], kl))
			break;
	}
	if (k == FQ_ARRAY_LEN(kinds))
		return 0;
	for (p = j + 3 + kl; p < n && is_alnum((unsigned char)t[p]); p++)
		;
	if (p - (j + 3 + kl) < MIN_BODY)
		return 0;
	*end = p;
	return 1;
}

static void scan_text(struct scan *sc, const char *data, size_t len);

/* ---- base64 ------------------------------------------------------------ */

/* Decodes m characters of either alphabet (a last group of one is dropped);
 * out has room for m / 4 * 3 + 2 bytes. */
static size_t decode_into(char *out, const char *t, size_t m)
{
	size_t i, n = 0;
	uint32_t v;

	for (i = 0; i + 4 <= m; i += 4) {
		v = (uint32_t)b64val[(unsigned char)t[i]] << 18 | (uint32_t)b64val[(unsigned char)t[i + 1]] << 12 |
		    (uint32_t)b64val[(unsigned char)t[i + 2]] << 6 | (uint32_t)b64val[(unsigned char)t[i + 3]];
		out[n++] = (char)(v >> 16);
		out[n++] = (char)(v >> 8 & 0xff);
		out[n++] = (char)(v & 0xff);
	}
	if (m - i >= 2) {
		v = (uint32_t)b64val[(unsigned char)t[i]] << 18 | (uint32_t)b64val[(unsigned char)t[i + 1]] << 12;
		if (m - i == 3)
			v |= (uint32_t)b64val[(unsigned char)t[i + 2]] << 6;
		out[n++] = (char)(v >> 16);
		if (m - i == 3)
			out[n++] = (char)(v >> 8 & 0xff);
	}
	return n;
}

/* A nested signature at group g: 1 when the text it decodes to, with
 * whitespace dropped (the inner base64 may be wrapped), holds a key's
 * signature. */
static int nested_window(const char *t, size_t m, size_t g)
{
	char dec[WINDOW_GROUPS * 3], text[WINDOW_GROUPS * 3];
	size_t n, i, k = 0, want = WINDOW_GROUPS * 4;

	n = decode_into(dec, t + g, m - g < want ? m - g : want);
	for (i = 0; i < n; i++) {
		if (dec[i] != ' ' && dec[i] != '\t' && dec[i] != '\r' && dec[i] != '\n')
			text[k++] = dec[i];
	}
	for (i = 0; i < nsigs; i++) {
		if (sigs[i].level == LEVEL_KEY && memmem(text, k, sigs[i].s, sigs[i].len))
			return 1;
	}
	return 0;
}

static int holds_plain_prefix(const char *t, size_t m)
{
	char p[16];
	size_t k;

	for (k = 0; k < FQ_ARRAY_LEN(kinds); k++) {
		int n = snprintf(p, sizeof(p), "sk_%s", kinds[k]);

		if (memmem(t, m, p, (size_t)n))
			return 1;
	}
	return 0;
}

/* The lines that continue a token that fills its line: each all base64
 * after its indentation, each but the last at least MIN_BLOCK_LINE long and
 * a multiple of 4 (wrapped at 64 or 76 characters).  Fills x->segs; returns
 * their count and the end of the last line's characters in *e. */
static size_t block_lines(struct scratch *x, const char *data, size_t len, size_t s, size_t *e)
{
	size_t nsegs = 1, m = *e - s, rs = s;

	x->segs = fq_grow_array(x->segs, &x->segs_alloc, 1, sizeof(*x->segs));
	x->segs[0].at = 0;
	x->segs[0].raw = s;
	while (*e - rs >= MIN_BLOCK_LINE && (*e - rs) % 4 == 0) {
		size_t j = *e, ns, ne, pe;

		if (j < len && data[j] == '\r')
			j++;
		if (j >= len || data[j] != '\n')
			break;
		for (j++; j < len && (data[j] == ' ' || data[j] == '\t'); j++)
			;
		for (ns = ne = j; ne < len && is_b64((unsigned char)data[ne]); ne++)
			;
		for (pe = ne; pe < len && pe - ne < 2 && data[pe] == '='; pe++)
			;
		j = pe < len && data[pe] == '\r' ? pe + 1 : pe;
		if (ne == ns || (j < len && data[j] != '\n') || (pe - ns) % 4 != 0)
			break;
		x->segs = fq_grow_array(x->segs, &x->segs_alloc, nsegs + 1, sizeof(*x->segs));
		x->segs[nsegs].at = m;
		x->segs[nsegs].raw = ns;
		nsegs++;
		m += ne - ns;
		rs = ns;
		*e = ne;
	}
	return nsegs;
}

/* The token that starts with the run data[s..e); returns where it ends. */
static size_t base64_token(struct scan *sc, const char *data, size_t len, size_t s, size_t e)
{
	struct scratch *x = &sc->lv[sc->outer != NULL];
	size_t nsegs, m, i, k, end, window_budget;
	unsigned key_phases = 0, nested_phases = 0, ph, windows[4] = { 0 };
	const char *t;

	nsegs = block_lines(x, data, len, s, &e);
	window_budget = MIN_WINDOWS + (e - s) / WINDOW_EVERY;
	for (end = e; end < len && end - e < 2 && data[end] == '='; end++)
		;
	if (nsegs == 1) {
		t = data + s;
		m = e - s;
	} else {
		m = x->segs[nsegs - 1].at + (e - x->segs[nsegs - 1].raw);
		x->strip = fq_grow_array(x->strip, &x->strip_alloc, m, 1);
		for (k = 0; k < nsegs; k++) {
			size_t to = k + 1 < nsegs ? x->segs[k + 1].at : m;

			memcpy(x->strip + x->segs[k].at, data + x->segs[k].raw, to - x->segs[k].at);
		}
		t = x->strip;
	}

	for (i = 0; i + 1 < m; i++) {
		unsigned v = (unsigned char)t[i] | (unsigned)(unsigned char)t[i + 1] << 8;

		if (!sig_by_bigram[v])
			continue;
		for (k = sig_by_bigram[v] - 1u; k < nsigs && sig_bigram(&sigs[k]) == v; k++) {
			const struct sig *g = &sigs[k];

			if (m - i < g->len || i < g->group_off || memcmp(t + i, g->s, g->len) != 0)
				continue;
			ph = (unsigned)((i - g->group_off) & 3);
			if (g->level == LEVEL_KEY)
				key_phases |= 1u << ph;
			else if (!sc->outer && !(nested_phases >> ph & 1u) &&
				 (++windows[ph] > window_budget || nested_window(t, m, i - g->group_off)))
				nested_phases |= 1u << ph;
		}
	}
	/* A token that holds a plain key prefix is text, not an encoding (a
	 * plain key is all URL-safe base64 characters): the plain detector's. */
	if (!(key_phases | nested_phases) || holds_plain_prefix(t, m))
		return end;

	for (ph = 0; ph < 4 && ph < m; ph++) {
		size_t n, j, kend;
		const char *hit;

		if (!((key_phases | nested_phases) >> ph & 1u))
			continue;
		x->dec = fq_grow_array(x->dec, &x->dec_alloc, (m - ph) / 4 * 3 + 3, 1);
		n = decode_into(x->dec, t + ph, m - ph);
		for (j = 0; (key_phases >> ph & 1u) && j + 3 <= n &&
			    (hit = memmem(x->dec + j, n - j, "sk_", 3)); ) {
			size_t p = (size_t)(hit - x->dec), ra, rb;

			if (!candidate_at(x->dec, n, p, &kend)) {
				j = p + 1;
				continue;
			}
			decoded_to_raw(x->segs, nsegs, ph, p, kend, &ra, &rb);
			emit(sc, FQ_ENC_BASE64, ra, rb, s, end, x->dec + p, kend - p);
			j = kend;
		}
		if (!sc->outer) {
			struct frame f = { x->segs, nsegs, ph, s, end };

			sc->outer = &f;
			scan_text(sc, x->dec, n);
			sc->outer = NULL;
		}
	}
	return end;
}

/* Runs of MIN_RUN or more base64 characters: one look every MIN_RUN bytes
 * where there is none, since a longer run must cover the byte MIN_RUN on. */
static void scan_base64(struct scan *sc, const char *data, size_t len)
{
	size_t i = MIN_RUN - 1, lo = 0;

	while (i < len) {
		size_t s, e;

		if (!is_b64((unsigned char)data[i])) {
			i += MIN_RUN;
			continue;
		}
		for (s = i; s > lo && is_b64((unsigned char)data[s - 1]); s--)
			;
		for (e = i + 1; e < len && is_b64((unsigned char)data[e]); e++)
			;
		if (e - s >= MIN_RUN)
			e = base64_token(sc, data, len, s, e);
		lo = e;
		if (e >= len)
			break;
		i = e + MIN_RUN;
	}
}

/* ---- escapes ----------------------------------------------------------- */

/* Fixed-width hex digits; -1 when there are fewer. */
static long hex_at(const char *d, size_t len, size_t i, size_t digits)
{
	long v = 0;
	size_t k;

	if (len - i < digits)
		return -1;
	for (k = 0; k < digits; k++) {
		if (hexval[(unsigned char)d[i + k]] < 0)
			return -1;
		v = v << 4 | hexval[(unsigned char)d[i + k]];
	}
	return v;
}

/* One unit of an escaped word at d[i]: returns the bytes it takes (at least
 * 1), the byte it stands for in *c (-1 when it ends a word) and the kind of
 * escape in *enc.  A run of backslashes before u or x is one escape, so
 * JSON inside a JSON string (\\u005f) decodes too; \n, \t and the like end a
 * word with their letter. */
static size_t unit_at(const char *d, size_t len, size_t i, int *c, fq_encoding *enc)
{
	unsigned char ch = (unsigned char)d[i];
	size_t k, j, digits = 0;
	long v = -1;

	*enc = FQ_ENC_NONE;
	*c = -1;
	if (is_word(ch)) {
		*c = ch;
		return 1;
	}
	if (ch == '%') {
		v = i + 1 < len ? hex_at(d, len, i + 1, 2) : -1;
		if (v < 0)
			return 1;
		*enc = FQ_ENC_URL;
		*c = is_word((unsigned char)v) ? (int)v : -1;
		return 3;
	}
	if (ch != '\\')
		return 1;
	for (k = i; k < len && d[k] == '\\'; k++)
		;
	if (k == len)
		return k - i;
	j = k + 1;
	switch (d[k]) {
	case 'x': digits = 2; break;
	case 'U': digits = 8; break;
	case 'u':
		if (j < len && d[j] == '{') {
			for (j++, v = 0; j < len && hexval[(unsigned char)d[j]] >= 0 && digits < 6; j++, digits++)
				v = v << 4 | hexval[(unsigned char)d[j]];
			if (digits == 0 || j >= len || d[j] != '}')
				return k - i;
			j++;
			digits = 0;
		} else {
			digits = 4;
		}
		break;
	case 'n': case 't': case 'r': case 'b': case 'f': case 'v':
		return k + 1 - i;
	default:
		return k - i;
	}
	if (digits) {
		if ((v = hex_at(d, len, j, digits)) < 0)
			return k - i;
		j += digits;
	}
	*enc = FQ_ENC_UNICODE_ESCAPE;
	*c = v >= 0 && v < 128 && is_word((unsigned char)v) ? (int)v : -1;
	return j - i;
}

/* The word of letters, digits, underscores and escapes of them that starts
 * at s; reports the candidates in it that hold an escape.  Returns its end. */
static size_t escaped_word(struct scan *sc, const char *data, size_t len, size_t s)
{
	struct scratch *x = &sc->lv[sc->outer != NULL];
	size_t i = s, n = 0, j, end;
	const char *hit;

	while (i < len) {
		fq_encoding enc;
		int c;
		size_t u = unit_at(data, len, i, &c, &enc);

		if (c < 0)
			break;
		x->dec = fq_grow_array(x->dec, &x->dec_alloc, n + 1, 1);
		x->off = fq_grow_array(x->off, &x->off_alloc, n + 2, sizeof(*x->off));
		x->dec[n] = (char)c;
		x->off[n++] = i;
		i += u;
	}
	if (n < 3)
		return i;
	x->off[n] = i;
	for (j = 0; j + 3 <= n && (hit = memmem(x->dec + j, n - j, "sk_", 3)); ) {
		size_t p = (size_t)(hit - x->dec), q;
		fq_encoding enc = FQ_ENC_UNICODE_ESCAPE;

		if (!candidate_at(x->dec, n, p, &end)) {
			j = p + 1;
			continue;
		}
		j = end;
		if (x->off[end] - x->off[p] == end - p)
			continue; /* plain: the key detector's */
		for (q = x->off[p]; q < x->off[end]; q++) {
			if (data[q] == '%' || data[q] == '\\') {
				enc = data[q] == '%' ? FQ_ENC_URL : FQ_ENC_UNICODE_ESCAPE;
				break;
			}
		}
		emit(sc, enc, x->off[p], x->off[end], s, i, x->dec + p, end - p);
	}
	return i;
}

static size_t next_byte(const char *data, size_t len, size_t from, char c)
{
	const char *p = from < len ? memchr(data + from, c, len - from) : NULL;

	return p ? (size_t)(p - data) : len;
}

static void scan_escapes(struct scan *sc, const char *data, size_t len)
{
	size_t pos = 0, pct = next_byte(data, len, 0, '%'), bs = next_byte(data, len, 0, '\\');

	while (pos < len) {
		size_t i, s, u;
		fq_encoding enc;
		int c;

		if (pct < pos)
			pct = next_byte(data, len, pos, '%');
		if (bs < pos)
			bs = next_byte(data, len, pos, '\\');
		i = pct < bs ? pct : bs;
		if (i >= len)
			break;
		u = unit_at(data, len, i, &c, &enc);
		if (c < 0) {
			pos = i + u;
			continue;
		}
		/* no '%' or '\\' in [pos, i): what comes before is literal */
		for (s = i; s > pos && is_word((unsigned char)data[s - 1]); s--)
			;
		pos = escaped_word(sc, data, len, s);
	}
}

/* ---- entry ------------------------------------------------------------- */

static void scan_text(struct scan *sc, const char *data, size_t len)
{
	scan_base64(sc, data, len);
	scan_escapes(sc, data, len);
}

const char *fq_encoding_name(fq_encoding enc)
{
	switch (enc) {
	case FQ_ENC_BASE64: return "base64";
	case FQ_ENC_URL: return "url-encoding";
	case FQ_ENC_UNICODE_ESCAPE: return "unicode-escape";
	default: return "none";
	}
}

size_t fq_keyencode_scan(const char *data, size_t len, fq_keyencode_fn fn, void *ud)
{
	struct scan sc;
	size_t k;

	pthread_once(&tables_once, init_tables);
	memset(&sc, 0, sizeof(sc));
	sc.fn = fn;
	sc.ud = ud;
	if (data && len)
		scan_text(&sc, data, len);
	for (k = 0; k < FQ_ARRAY_LEN(sc.lv); k++) {
		free(sc.lv[k].strip);
		free(sc.lv[k].segs);
		free(sc.lv[k].dec);
		free(sc.lv[k].off);
	}
	free(sc.cand);
	return sc.count;
}
