#include "syntax.h"
#include "profile.h"
#include "../util/common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

int fq_syntax_parse(fq_syntax *out, TSParser *parser, fq_lang lang, const char *src, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->lang = lang;
	out->src = src;
	out->len = len;
	if (len > UINT32_MAX || !ts_parser_set_language(parser, fq_lang_grammar(lang)))
		return -1;
	out->tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)len);
	if (!out->tree) {
		ts_parser_reset(parser);
		return -1;
	}
	out->root = ts_tree_root_node(out->tree);
	return 0;
}

void fq_syntax_free(fq_syntax *s)
{
	if (!s)
		return;
	if (s->tree)
		ts_tree_delete(s->tree);
	free(s->fns);
	s->fns = NULL;
	s->nfns = 0;
	free(s->nodes);
	s->nodes = NULL;
	s->nnodes = 0;
}

int fq_node_is(TSNode n, const char *type)
{
	return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

const char *fq_node_text(const fq_syntax *s, TSNode n, size_t *len)
{
	uint32_t a, b;

	/* a missing field or child is a null node: it has no text */
	if (ts_node_is_null(n)) {
		*len = 0;
		return s->src;
	}
	a = ts_node_start_byte(n);
	b = ts_node_end_byte(n);
	if (b > s->len || a > b)
		a = b = 0;
	*len = b - a;
	return s->src + a;
}

int fq_node_text_eq(const fq_syntax *s, TSNode n, const char *text)
{
	size_t len;
	const char *t = fq_node_text(s, n, &len);

	return len == strlen(text) && memcmp(t, text, len) == 0;
}

/* The union of every profile's list named by `field` (an offset in
 * fq_profile): the helpers that get a node without its syntax accept the
 * node types of any language, which never collide between grammars. */
static int in_any_profile(size_t field, const char *type)
{
	size_t i;

	for (i = 0; i < fq_profiles_count; i++) {
		const char *const *list = *(const char *const *const *)((const char *)fq_profiles[i] + field);

		if (fq_in_types(list, type))
			return 1;
	}
	return 0;
}

TSNode fq_node_unwrap(TSNode n, int await_too)
{
	while (!ts_node_is_null(n)) {
		const char *t = ts_node_type(n);

		if (in_any_profile(offsetof(fq_profile, wrappers), t) ||
		    in_any_profile(offsetof(fq_profile, wrappers_last), t) ||
		    (await_too && in_any_profile(offsetof(fq_profile, awaits), t))) {
			TSNode c = ts_node_named_child(n, 0);

			/* <T>x, name = value: the expression is the last child */
			if (!strcmp(t, "type_assertion") || in_any_profile(offsetof(fq_profile, wrappers_last), t))
				c = ts_node_named_child(n, ts_node_named_child_count(n) - 1);
			if (ts_node_is_null(c))
				break;
			n = c;
			continue;
		}
		break;
	}
	return n;
}

static pthread_mutex_t typeset_lock = PTHREAD_MUTEX_INITIALIZER;

/* types->bits[lang]: 1 for each symbol whose name is in the set.  Built
 * once per language and never freed (like the grammars themselves). */
static const uint8_t *typeset_bits(fq_typeset *types, fq_lang lang, uint32_t *nsym)
{
	const TSLanguage *g = fq_lang_grammar(lang);
	uint8_t *bits = atomic_load_explicit(&types->bits[lang], memory_order_acquire);
	uint32_t i, n = g ? ts_language_symbol_count(g) : 0;
	size_t k;

	*nsym = n;
	if (bits)
		return bits;
	pthread_mutex_lock(&typeset_lock);
	bits = atomic_load_explicit(&types->bits[lang], memory_order_relaxed);
	if (!bits) {
		bits = fq_calloc(n ? n : 1, 1);
		for (i = 0; i < n; i++) {
			const char *name = ts_language_symbol_name(g, (TSSymbol)i);

			for (k = 0; name && k < types->count; k++)
				bits[i] |= strcmp(name, types->names[k]) == 0;
		}
		atomic_store_explicit(&types->bits[lang], bits, memory_order_release);
	}
	pthread_mutex_unlock(&typeset_lock);
	return bits;
}

/* Each language's function types as a typeset (names from its profile). */
static fq_typeset function_sets[FQ_LANG_COUNT];
static pthread_once_t function_sets_once = PTHREAD_ONCE_INIT;
static const uint8_t *function_bits(fq_lang lang, uint32_t *nsym);

/* The language of a node's tree, by its grammar. */
static fq_lang lang_of_node(TSNode n)
{
	const TSLanguage *g = ts_tree_language(n.tree);
	size_t i;

	for (i = 0; i < fq_profiles_count; i++) {
		if (fq_lang_grammar(fq_profiles[i]->lang) == g)
			return fq_profiles[i]->lang;
	}
	return FQ_LANG_NONE;
}

/* Asked of every node of the walks that look for declarations: a symbol
 * lookup in the node's own language, not string compares over every
 * profile's list. */
int fq_node_is_function(TSNode n)
{
	fq_lang lang;
	const uint8_t *bits;
	uint32_t nsym;
	TSSymbol sym;

	if (ts_node_is_null(n))
		return 0;
	if ((lang = lang_of_node(n)) == FQ_LANG_NONE)
		return in_any_profile(offsetof(fq_profile, functions), ts_node_type(n));
	bits = function_bits(lang, &nsym);
	sym = ts_node_symbol(n);
	return sym < nsym && bits[sym];
}

static void init_function_sets(void)
{
	size_t i, n;

	for (i = 0; i < fq_profiles_count; i++) {
		const fq_profile *p = fq_profiles[i];

		for (n = 0; p->functions && p->functions[n]; n++)
			;
		function_sets[p->lang].names = p->functions;
		function_sets[p->lang].count = n;
	}
}

static const uint8_t *function_bits(fq_lang lang, uint32_t *nsym)
{
	pthread_once(&function_sets_once, init_function_sets);
	return typeset_bits(&function_sets[lang], lang, nsym);
}

/* The function list, filled in document order: `top` is the last function
 * met, whose chain of outer functions holds every open one. */
typedef struct fn_builder {
	const uint8_t *is_fn;
	uint32_t nsym;
	size_t alloc;
	long top;
} fn_builder;

static void fn_builder_init(fn_builder *fb, fq_syntax *s)
{
	fb->is_fn = function_bits(s->lang, &fb->nsym);
	fb->alloc = 0;
	fb->top = -1;
	s->fns_built = 1;
}

static void fn_builder_add(fn_builder *fb, fq_syntax *s, TSNode n)
{
	TSSymbol sym = ts_node_symbol(n);
	uint32_t a, b;

	if (sym >= fb->nsym || !fb->is_fn[sym])
		return;
	a = ts_node_start_byte(n);
	b = ts_node_end_byte(n);
	while (fb->top >= 0 && !(s->fns[fb->top].start <= a && b <= s->fns[fb->top].end))
		fb->top = s->fns[fb->top].outer;
	if (s->nfns == fb->alloc) {
		fb->alloc = fb->alloc ? fb->alloc * 2 : 16;
		s->fns = fq_realloc_array(s->fns, fb->alloc, sizeof(*s->fns));
	}
	s->fns[s->nfns] = (fq_fn_range){ a, b, n, fb->top };
	fb->top = (long)s->nfns++;
}

/* One walk over the tree lists the functions with their nesting: after
 * it, the function around a node is a binary search and a few steps out,
 * where tree-sitter 0.20's ts_node_parent searches down from the root. */
static void build_functions(fq_syntax *s)
{
	TSTreeCursor c = ts_tree_cursor_new(s->root);
	fn_builder fb;

	fn_builder_init(&fb, s);
	for (;;) {
		fn_builder_add(&fb, s, ts_tree_cursor_current_node(&c));
		if (ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return;
			}
		}
	}
}

TSNode fq_node_scope(const fq_syntax *s, TSNode n)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
	size_t lo = 0, hi;
	long i;

	if (!s->fns_built)
		build_functions((fq_syntax *)s); /* a cache on a syntax its worker owns */
	/* the last function (in document order) that starts at or before n */
	hi = s->nfns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->fns[mid].start <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* n's function is that one or one around it; a function with n's exact
	 * range is n itself or sits right inside it (a statement that is only
	 * a function), so it is not n's scope */
	for (i = (long)lo - 1; i >= 0; i = s->fns[i].outer) {
		const fq_fn_range *f = &s->fns[i];

		if (f->start <= a && b <= f->end && !(f->start == a && f->end == b))
			return f->node;
	}
	return s->root;
}

int fq_node_contains(TSNode outer, TSNode inner)
{
	if (ts_node_is_null(outer) || ts_node_is_null(inner))
		return 0;
	return ts_node_start_byte(outer) <= ts_node_start_byte(inner) &&
	       ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

int fq_node_is_identifier(TSNode n)
{
	return !ts_node_is_null(n) && in_any_profile(offsetof(fq_profile, identifiers), ts_node_type(n));
}

int fq_node_is_plain_name(TSNode n)
{
	const char *t;

	if (ts_node_is_null(n))
		return 0;
	t = ts_node_type(n);
	return !strcmp(t, "identifier") || in_any_profile(offsetof(fq_profile, name_types), t);
}

int fq_node_string_value(const fq_syntax *s, TSNode n, const char **out, size_t *len)
{
	const fq_profile *p = fq_profile_of(s->lang);
	const char *text;
	size_t tl;
	uint32_t i;

	if (!p || !fq_in_types(p->strings, ts_node_type(n)))
		return 0;
	/* only strings without interpolation have a value */
	for (i = 0; i < ts_node_named_child_count(n); i++) {
		if (fq_in_types(p->interpolations, ts_node_type(ts_node_named_child(n, i))))
			return 0;
	}
	text = fq_node_text(s, n, &tl);
	/* strip Python prefixes (r, b, u, f), C#'s verbatim @ and the quotes */
	while (tl && (*text == 'r' || *text == 'b' || *text == 'u' || *text == 'f' ||
		      *text == 'R' || *text == 'B' || *text == 'U' || *text == 'F' || *text == '@')) {
		text++;
		tl--;
	}
	if (tl >= 6 && (!strncmp(text, "\"\"\"", 3) || !strncmp(text, "'''", 3))) {
		*out = text + 3;
		*len = tl - 6;
		return 1;
	}
	if (tl < 2)
		return 0;
	*out = text + 1;
	*len = tl - 2;
	return 1;
}

uint32_t fq_node_args(TSNode args, TSNode *out, uint32_t max)
{
	uint32_t i, n = 0, count = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);

	for (i = 0; i < count && n < max; i++) {
		TSNode c = ts_node_named_child(args, i);

		if (!fq_node_is(c, "comment"))
			out[n++] = c;
	}
	return n;
}

static uint32_t flat_add(fq_syntax *s, uint32_t *alloc, TSNode n, uint32_t parent)
{
	if (s->nnodes == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 1024;
		s->nodes = fq_realloc_array(s->nodes, *alloc, sizeof(*s->nodes));
	}
	s->nodes[s->nnodes].node = n;
	s->nodes[s->nnodes].end = 0;
	s->nodes[s->nnodes].symbol = ts_node_symbol(n);
	s->nodes[s->nnodes].parent = parent;
	return s->nnodes++;
}

int fq_syntax_index(fq_syntax *s, unsigned max)
{
	TSTreeCursor c = ts_tree_cursor_new(s->root);
	uint32_t *open = fq_malloc(((size_t)max + 1) * sizeof(*open)), alloc = 0;
	unsigned depth = 0;
	fn_builder fb;
	int deep = 0;

	free(s->fns);
	s->fns = NULL;
	s->nfns = 0;
	fn_builder_init(&fb, s);
	open[0] = flat_add(s, &alloc, s->root, 0);
	fn_builder_add(&fb, s, s->root);
	for (;;) {
		TSNode n;

		if (ts_tree_cursor_goto_first_child(&c)) {
			if (++depth > max) {
				deep = 1;
				break;
			}
		} else {
			/* the node is done; so is each parent left on the way
			 * to the next sibling */
			for (;;) {
				s->nodes[open[depth]].end = s->nnodes;
				if (ts_tree_cursor_goto_next_sibling(&c))
					break;
				if (!ts_tree_cursor_goto_parent(&c))
					goto done;
				depth--;
			}
		}
		n = ts_tree_cursor_current_node(&c);
		open[depth] = flat_add(s, &alloc, n, open[depth - 1]);
		fn_builder_add(&fb, s, n);
	}
done:
	ts_tree_cursor_delete(&c);
	free(open);
	s->visits = 0;
	s->budget = (uint64_t)s->nnodes * FQ_VISITS_PER_NODE + FQ_VISITS_MIN;
	if (deep) {
		free(s->nodes);
		s->nodes = NULL;
		s->nnodes = 0;
		s->fns_built = 0;
		return -1;
	}
	return 0;
}

/* The position of n in s's node list, or -1. */
static long flat_find(const fq_syntax *s, TSNode n)
{
	uint32_t a = ts_node_start_byte(n), lo = 0, hi = s->nnodes;

	/* start bytes never decrease in document order */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ts_node_start_byte(s->nodes[mid].node) < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nnodes && ts_node_start_byte(s->nodes[lo].node) == a; lo++) {
		if (s->nodes[lo].node.id == n.id)
			return (long)lo;
	}
	return -1;
}

TSNode fq_node_parent(const fq_syntax *s, TSNode n)
{
	long at;

	if (s && s->nodes && !ts_node_is_null(n) && (at = flat_find(s, n)) >= 0) {
		TSNode none = { { 0, 0, 0, 0 }, NULL, NULL };

		return at == 0 ? none : s->nodes[s->nodes[at].parent].node;
	}
	if (ts_node_is_null(n))
		return n; /* a null node has no parent (0.20's ts_node_parent would crash) */
	return ts_node_parent(n);
}

/* Counts a walk of n nodes against the file's budget: 0 when it is spent
 * (the walk does not run). */
static int charge(const fq_syntax *s, uint32_t n)
{
	fq_syntax *m = (fq_syntax *)s; /* the budget of a syntax its worker owns */

	if (!s->budget)
		return 1;
	if (s->exhausted || s->visits + n > s->budget) {
		m->exhausted = 1;
		return 0;
	}
	m->visits += n;
	return 1;
}

/* Walks the nodes under root, calling cb on those whose symbol `want`
 * marks (every node when want is NULL). */
static void walk(const fq_syntax *s, TSNode root, const uint8_t *want, uint32_t nsym, fq_visit_cb cb,
		 void *payload)
{
	TSTreeCursor c;
	long at;

	if (ts_node_is_null(root))
		return;
	if (s && s->nodes && (at = flat_find(s, root)) >= 0) {
		uint32_t i = (uint32_t)at, end = s->nodes[i].end;

		if (!charge(s, end - i))
			return;
		while (i < end) {
			const fq_flat_node *f = &s->nodes[i];

			if ((!want || (f->symbol < nsym && want[f->symbol])) && cb(payload, f->node))
				i = f->end;
			else
				i++;
		}
		return;
	}
	c = ts_tree_cursor_new(root);
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&c);
		TSSymbol sym = want ? ts_node_symbol(n) : 0;
		int skip = (!want || (sym < nsym && want[sym])) && cb(payload, n);

		if (!skip && ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return;
			}
		}
	}
}

void fq_node_walk(const fq_syntax *s, TSNode root, fq_visit_cb cb, void *payload)
{
	walk(s, root, NULL, 0, cb, payload);
}


void fq_node_walk_types(const fq_syntax *s, TSNode root, fq_typeset *types, fq_visit_cb cb, void *payload)
{
	uint32_t nsym;
	const uint8_t *want = typeset_bits(types, s->lang, &nsym);

	walk(s, root, want, nsym, cb, payload);
}

const fq_profile *fq_syntax_profile(const fq_syntax *s)
{
	return fq_profile_of(s->lang);
}

TSNode fq_node_field(TSNode n, const char *field)
{
	if (ts_node_is_null(n) || !field)
		return (TSNode){ 0 };
	return ts_node_child_by_field_name(n, field, (uint32_t)strlen(field));
}

/* Part a or b of a shaped node: its field, or with no field name the
 * first (a) or last (b) named child. */
static TSNode shape_part(TSNode n, const char *field, int last)
{
	uint32_t count;

	if (field && !strcmp(field, ".")) /* the node itself */
		return n;
	if (field && field[0] == '#') { /* the Nth named child, "#1/name": its field */
		char *rest;
		TSNode c = ts_node_named_child(n, (uint32_t)strtoul(field + 1, &rest, 10));

		return *rest == '/' && !ts_node_is_null(c) ? shape_part(c, rest + 1, last) : c;
	}
	if (field)
		return fq_node_field(n, field);
	count = ts_node_named_child_count(n);
	return count ? ts_node_named_child(n, last ? count - 1 : 0) : (TSNode){ 0 };
}

/* The two parts of a node of one of the shapes: from the profile's
 * function for grammars without fields (hook), else from the shape. */
typedef int (*parts_fn)(TSNode n, TSNode *a, TSNode *b);

static int parts_of(const fq_shape *shapes, parts_fn hook, TSNode n, TSNode *a, TSNode *b)
{
	const fq_shape *sh;
	TSNode x, y;

	if (ts_node_is_null(n) || !(sh = fq_shape_of(shapes, ts_node_type(n))))
		return 0;
	if (hook) {
		if (!hook(n, &x, &y))
			return 0;
	} else {
		x = shape_part(n, sh->a, 0);
		y = shape_part(n, sh->b, 1);
	}
	if (a)
		*a = x;
	if (b)
		*b = y;
	return 1;
}

int fq_node_member(const fq_syntax *s, TSNode n, TSNode *obj, TSNode *prop)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && parts_of(p->members, p->member_parts, n, obj, prop);
}

int fq_node_subscript(const fq_syntax *s, TSNode n, TSNode *obj, TSNode *index)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && parts_of(p->subscripts, p->subscript_parts, n, obj, index);
}

int fq_node_call(const fq_syntax *s, TSNode n, TSNode *fn, TSNode *args)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && parts_of(p->calls, p->call_parts, n, fn, args);
}

int fq_node_binding(const fq_syntax *s, TSNode n, TSNode *target, TSNode *value)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && (parts_of(p->declarations, p->binding_parts, n, target, value) ||
		     parts_of(p->assignments, p->binding_parts, n, target, value));
}



static unsigned kind_of_type(const fq_profile *p, const char *t)
{
	unsigned k = 0;

	k |= fq_shape_of(p->calls, t) ? FQ_KIND_CALL : 0;
	k |= fq_shape_of(p->assignments, t) ? FQ_KIND_ASSIGN : 0;
	k |= fq_shape_of(p->declarations, t) ? FQ_KIND_DECL : 0;
	k |= fq_in_types(p->augmented, t) ? FQ_KIND_AUGMENTED : 0;
	k |= fq_in_types(p->deletes, t) ? FQ_KIND_DELETE : 0;
	k |= fq_shape_of(p->loops, t) ? FQ_KIND_LOOP : 0;
	return k;
}

unsigned fq_node_kind(const fq_syntax *s, TSNode n)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && !ts_node_is_null(n) ? kind_of_type(p, ts_node_type(n)) : 0;
}

/* Per language, the symbols of each kind (a bit each), built once. */
static uint8_t *_Atomic kind_symbols[FQ_LANG_COUNT];
static uint32_t kind_nsym[FQ_LANG_COUNT];

static const uint8_t *kinds_of_symbols(fq_lang lang, uint32_t *nsym)
{
	uint8_t *bits = atomic_load_explicit(&kind_symbols[lang], memory_order_acquire);

	if (!bits) {
		const fq_profile *p = fq_profile_of(lang);
		const TSLanguage *g = fq_lang_grammar(lang);
		uint32_t i, n = g ? ts_language_symbol_count(g) : 0;

		pthread_mutex_lock(&typeset_lock);
		bits = atomic_load_explicit(&kind_symbols[lang], memory_order_relaxed);
		if (!bits) {
			bits = fq_calloc(n ? n : 1, 1);
			for (i = 0; p && i < n; i++) {
				const char *name = ts_language_symbol_name(g, (TSSymbol)i);

				if (name && ts_language_symbol_type(g, (TSSymbol)i) == TSSymbolTypeRegular)
					bits[i] = (uint8_t)kind_of_type(p, name);
			}
			kind_nsym[lang] = n;
			atomic_store_explicit(&kind_symbols[lang], bits, memory_order_release);
		}
		pthread_mutex_unlock(&typeset_lock);
	}
	*nsym = kind_nsym[lang];
	return bits;
}

/* Per language and set of kinds, the symbols to visit, built once. */
static uint8_t *_Atomic kind_want[FQ_LANG_COUNT][FQ_KIND_ALL + 1];

void fq_node_walk_kinds(const fq_syntax *s, TSNode root, unsigned kinds, fq_visit_cb cb, void *payload)
{
	uint32_t nsym, i;
	const uint8_t *bits = kinds_of_symbols(s->lang, &nsym);
	uint8_t *want;

	kinds &= FQ_KIND_ALL;
	want = atomic_load_explicit(&kind_want[s->lang][kinds], memory_order_acquire);
	if (!want) {
		pthread_mutex_lock(&typeset_lock);
		want = atomic_load_explicit(&kind_want[s->lang][kinds], memory_order_relaxed);
		if (!want) {
			want = fq_calloc(nsym ? nsym : 1, 1);
			for (i = 0; i < nsym; i++)
				want[i] = (bits[i] & kinds) != 0;
			atomic_store_explicit(&kind_want[s->lang][kinds], want, memory_order_release);
		}
		pthread_mutex_unlock(&typeset_lock);
	}
	walk(s, root, want, nsym, cb, payload);
}


uint32_t fq_node_targets(const fq_syntax *s, TSNode n, TSNode *out, uint32_t max)
{
	const fq_profile *p = fq_profile_of(s->lang);
	const fq_shape *sh;
	TSNode target;
	uint32_t i, k = 0;

	if (!p || ts_node_is_null(n) || !fq_node_binding(s, n, &target, NULL) || ts_node_is_null(target))
		return 0;
	if (fq_node_is_list(s, target)) {
		for (i = 0; i < ts_node_named_child_count(target) && k < max; i++)
			out[k++] = ts_node_named_child(target, i);
		return k;
	}
	sh = fq_shape_of(p->declarations, ts_node_type(n));
	if (!sh)
		sh = fq_shape_of(p->assignments, ts_node_type(n));
	if (sh && sh->a) {
		/* a cursor knows each child's field (0.20's
		 * ts_node_field_name_for_child does not, reliably) */
		TSTreeCursor c = ts_tree_cursor_new(n);

		if (ts_tree_cursor_goto_first_child(&c)) {
			do {
				const char *f = ts_tree_cursor_current_field_name(&c);

				if (f && !strcmp(f, sh->a) && k < max)
					out[k++] = ts_tree_cursor_current_node(&c);
			} while (ts_tree_cursor_goto_next_sibling(&c));
		}
		ts_tree_cursor_delete(&c);
	}
	if (k == 0 && max)
		out[k++] = target;
	return k;
}

int fq_node_is_list(const fq_syntax *s, TSNode n)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && !ts_node_is_null(n) && fq_in_types(p->lists, ts_node_type(n));
}

int fq_node_is_name_token(const fq_syntax *s, TSNode n)
{
	const fq_profile *p = fq_profile_of(s->lang);
	const char *t;

	if (!p || ts_node_is_null(n))
		return 0;
	t = ts_node_type(n);
	return fq_in_types(p->identifiers, t) || fq_in_types(p->property_names, t);
}

int fq_node_try(const fq_syntax *s, TSNode n, TSNode *body, TSNode *handler)
{
	const fq_profile *p = fq_profile_of(s->lang);
	const fq_shape *sh;
	uint32_t i;

	if (!p || ts_node_is_null(n) || !(sh = fq_shape_of(p->tries, ts_node_type(n))))
		return 0;
	/* ".": the try's statements are its own children (Ruby's begin) */
	*body = sh->a && !strcmp(sh->a, ".") ? n : shape_part(n, sh->a, 0);
	*handler = (TSNode){ 0 };
	if (sh->b) {
		*handler = fq_node_field(n, sh->b);
		return 1;
	}
	for (i = 0; i < ts_node_named_child_count(n); i++) {
		if (fq_in_types(p->handler_clauses, ts_node_type(ts_node_named_child(n, i)))) {
			*handler = n;
			break;
		}
	}
	return 1;
}

int fq_node_is_clause(const fq_syntax *s, TSNode n)
{
	const fq_profile *p = fq_profile_of(s->lang);

	return p && !ts_node_is_null(n) && fq_in_types(p->handler_clauses, ts_node_type(n));
}

int fq_node_shape(const fq_syntax *s, const fq_shape *shapes, TSNode n, TSNode *a, TSNode *b)
{
	const fq_shape *sh;

	(void)s;
	if (ts_node_is_null(n) || !(sh = fq_shape_of(shapes, ts_node_type(n))))
		return 0;
	/* a node without its first field is not of the shape (PHP's
	 * argument is a keyword argument only with its name) */
	if (sh->a && sh->a[0] != '#' && sh->a[0] != '.' && ts_node_is_null(fq_node_field(n, sh->a)))
		return 0;
	if (a)
		*a = shape_part(n, sh->a, 0);
	if (b)
		*b = shape_part(n, sh->b, 1);
	return 1;
}

int fq_node_entry(const fq_syntax *s, TSNode n, TSNode *key, TSNode *value)
{
	const fq_profile *p = fq_profile_of(s->lang);
	TSNode k, v;

	if (!p || ts_node_is_null(n) || !fq_shape_of(p->entries, ts_node_type(n)))
		return 0;
	if (p->entry_parts) {
		if (!p->entry_parts(n, &k, &v))
			return 0;
	} else if (!fq_node_shape(s, p->entries, n, &k, &v)) {
		return 0;
	}
	if (key)
		*key = k;
	if (value)
		*value = v;
	return 1;
}

int fq_node_is_args(const fq_syntax *s, TSNode n)
{
	TSNode q = n, args;
	int k;

	/* the call is the parent, or (Kotlin's call suffix) the grandparent */
	for (k = 0; k < 2 && !ts_node_is_null(q); k++) {
		q = fq_node_parent(s, q);
		if (fq_node_call(s, q, NULL, &args))
			return ts_node_eq(args, n);
	}
	return 0;
}

int fq_node_in(const fq_syntax *s, const char *const *fq_profile_field_list, TSNode n)
{
	(void)s;
	return !ts_node_is_null(n) && fq_in_types(fq_profile_field_list, ts_node_type(n));
}
