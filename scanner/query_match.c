/* Matching a compiled query over a file's node list (see query.h). */
#include "query_impl.h"
#include "../util/common.h"

#include <stdlib.h>
#include <string.h>

/* pattern nodes one start node may try before the run gives it up */
#define WORK_LIMIT (1u << 20)

/* A child of a node being matched: its place in the node list, its field
 * and whether it is named. */
typedef struct kid {
	uint32_t at;
	TSFieldId field;
	uint8_t named;
} kid;

typedef struct run {
	const fq_query *q;
	const fq_syntax *s;
	uint32_t pattern;
	struct { uint32_t cap, at; } bind[MAX_CAPTURES];
	uint32_t nbind;
	kid *kids;               /* a stack of children lists */
	size_t nkids, kids_alloc;
	TSTreeCursor cursor;
	uint32_t work, found;    /* at the current start node */
	int over;                /* the current start node reached a limit: it stops */
	int limit_hit, stop;     /* some start node did; the callback asked to stop */
	long delivered;
	fq_match_cb cb;
	void *payload;
	pcre2_match_data *md;
} run;

/* What is left to match once a node's test passed: the rest of its
 * parent's child steps, then the rest of the grandparent's, and so on. */
typedef struct frame {
	const pnode *parent;
	size_t kids_at, nkids;   /* the parent's children in run.kids */
	uint32_t step;           /* the next child step */
	size_t next;             /* the first child that step may take */
	const struct frame *up;
} frame;

static void try_node(run *r, const pnode *p, uint32_t at, const frame *k);
static void seq(run *r, const frame *f);

static int node_equals(TSNode n, const char *src, size_t len, const char *s, size_t slen)
{
	uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);

	return b <= len && a <= b && b - a == slen && memcmp(src + a, s, slen) == 0;
}

static int bound(const run *r, uint32_t cap, TSNode *out)
{
	uint32_t i;

	for (i = 0; i < r->nbind; i++) {
		if (r->bind[i].cap == cap) {
			*out = r->s->nodes[r->bind[i].at].node;
			return 1;
		}
	}
	return 0;
}

static int predicate_holds(const run *r, const predicate *p)
{
	const char *src = r->s->src;
	size_t len = r->s->len;
	TSNode n, other;
	uint32_t a, b;
	int ok = 0;
	size_t i;

	if (!bound(r, p->capture, &n))
		return 1; /* an optional capture absent: nothing to test */
	a = ts_node_start_byte(n);
	b = ts_node_end_byte(n);
	if (b > len || a > b)
		return 0;
	switch (p->kind) {
	case P_EQ:
		if (p->rhs_is_capture)
			ok = bound(r, p->rhs_capture, &other) && node_equals(other, src, len, src + a, b - a);
		else
			ok = node_equals(n, src, len, p->rhs, strlen(p->rhs));
		break;
	case P_MATCH:
		ok = pcre2_match(p->re, (PCRE2_SPTR)(src + a), b - a, 0, 0, r->md, NULL) >= 0;
		break;
	case P_ANY_OF:
		for (i = 0; i < p->nany && !ok; i++)
			ok = node_equals(n, src, len, p->any[i], strlen(p->any[i]));
		break;
	}
	return p->negate ? !ok : ok;
}

/* A whole match: its predicates, then the rule's callback. */
static void emit(run *r)
{
	const pattern *pat = &r->q->patterns[r->pattern];
	fq_capture caps[MAX_CAPTURES];
	uint32_t i;
	size_t k;

	if (++r->found > FQ_QUERY_MATCH_LIMIT) {
		r->over = r->limit_hit = 1;
		return;
	}
	for (k = 0; k < pat->npreds; k++) {
		if (!predicate_holds(r, &pat->preds[k]))
			return;
	}
	for (i = 0; i < r->nbind; i++) {
		caps[i].name = r->q->capture_names[r->bind[i].cap];
		caps[i].node = r->s->nodes[r->bind[i].at].node;
	}
	r->delivered++;
	if (r->cb(r->payload, caps, r->nbind, r->pattern) != 0)
		r->stop = 1;
}

/* The pattern matched up to k: go on with k's remaining steps, or emit. */
static void go_on(run *r, const frame *k)
{
	if (k)
		seq(r, k);
	else
		emit(r);
}

static int binding_push(run *r, const pnode *p, uint32_t at)
{
	uint32_t i;

	if (r->nbind + p->ncaps > MAX_CAPTURES)
		return 0;
	for (i = 0; i < p->ncaps; i++) {
		r->bind[r->nbind].cap = p->caps[i];
		r->bind[r->nbind++].at = at;
	}
	return 1;
}

/* Pushes the children of node `at` on r->kids with their fields. */
static size_t push_children(run *r, uint32_t at)
{
	const fq_syntax *s = r->s;
	uint32_t fi = at + 1, end = s->nodes[at].end;
	size_t n = 0;

	ts_tree_cursor_reset(&r->cursor, s->nodes[at].node);
	if (!ts_tree_cursor_goto_first_child(&r->cursor))
		return 0;
	do {
		TSNode c = ts_tree_cursor_current_node(&r->cursor);

		/* the node list holds the same children in the same order */
		if (fi >= end || s->nodes[fi].node.id != c.id)
			break;
		r->kids = fq_grow_array(r->kids, &r->kids_alloc, r->nkids + 1, sizeof(*r->kids));
		r->kids[r->nkids].at = fi;
		r->kids[r->nkids].field = ts_tree_cursor_current_field_id(&r->cursor);
		r->kids[r->nkids++].named = ts_node_is_named(c);
		n++;
		fi = s->nodes[fi].end;
	} while (ts_tree_cursor_goto_next_sibling(&r->cursor));
	return n;
}

/* Matches the child step f->step of f->parent against the children from
 * f->next on; every way it fits goes on with the next step. */
static void seq(run *r, const frame *f)
{
	const pnode *st;
	size_t i;

	if (r->stop || r->over)
		return;
	if (f->step == f->parent->nkids) {
		if (f->parent->anchor_last) {
			for (i = f->next; i < f->nkids; i++) {
				if (r->kids[f->kids_at + i].named)
					return;
			}
		}
		go_on(r, f->up);
		return;
	}
	st = f->parent->kids[f->step];
	for (i = f->next; i < f->nkids && !r->stop && !r->over; i++) {
		kid c = r->kids[f->kids_at + i]; /* a copy: deeper steps grow r->kids */
		frame nf = *f;

		if (st->anchored && !c.named)
			continue;
		if (!st->field || c.field == st->field) {
			nf.step++;
			nf.next = i + 1;
			try_node(r, st, c.at, &nf);
		}
		if (st->anchored)
			break; /* only the first named child may match */
	}
}

/* Tests p at node `at`; on success binds p's captures and goes on with its
 * child steps, then with k. */
static void try_node(run *r, const pnode *p, uint32_t at, const frame *k)
{
	const fq_flat_node *n = &r->s->nodes[at];
	uint32_t saved = r->nbind, i;

	if (r->stop || r->over)
		return;
	if (++r->work > WORK_LIMIT) {
		r->over = r->limit_hit = 1;
		return;
	}
	if (p->alt) {
		if (binding_push(r, p, at)) {
			for (i = 0; i < p->nkids; i++)
				try_node(r, p->kids[i], at, k);
		}
		r->nbind = saved;
		return;
	}
	if (p->wildcard) {
		if (p->named && !ts_node_is_named(n->node))
			return;
	} else {
		for (i = 0; i < p->nsyms && p->syms[i] != n->symbol; i++)
			;
		if (i == p->nsyms)
			return;
	}
	if (!binding_push(r, p, at))
		return;
	if (!p->nkids) {
		go_on(r, k);
	} else {
		size_t kids_at = r->nkids;
		frame f = { p, kids_at, 0, 0, 0, k };

		f.nkids = push_children(r, at);
		seq(r, &f);
		r->nkids = kids_at;
	}
	r->nbind = saved;
}

long fq_query_run(const fq_query *q, const fq_syntax *s, fq_match_cb cb, void *payload)
{
	run r;
	uint32_t i;

	if (!s->nodes || !s->nnodes)
		return 0;
	memset(&r, 0, sizeof(r));
	r.q = q;
	r.s = s;
	r.cb = cb;
	r.payload = payload;
	r.md = pcre2_match_data_create(4, NULL);
	r.cursor = ts_tree_cursor_new(s->root);
	for (i = 0; i < s->nnodes && !r.stop; i++) {
		TSSymbol sym = s->nodes[i].symbol;
		const uint32_t *pats;
		uint32_t npats, k;

		if (sym < q->nsym) {
			pats = q->by_sym + q->off[sym];
			npats = q->off[sym + 1] - q->off[sym];
		} else {
			pats = q->any_root;
			npats = q->nany_root;
		}
		if (!npats)
			continue;
		r.work = r.found = 0;
		r.over = 0;
		for (k = 0; k < npats && !r.stop && !r.over; k++) {
			r.pattern = pats[k];
			r.nbind = 0;
			try_node(&r, q->patterns[pats[k]].root, i, NULL);
		}
	}
	ts_tree_cursor_delete(&r.cursor);
	pcre2_match_data_free(r.md);
	free(r.kids);
	return r.limit_hit ? -1 : r.delivered;
}
