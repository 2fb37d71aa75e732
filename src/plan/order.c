/*
 * The one ordering engine (order.h): steps, the keys they provide and need,
 * and a stable topological sort over them with two ready queues (all needs
 * met; hard needs met) kept as min-heaps of input positions, so the first
 * step in input order that may go, goes. Keys are interned through an
 * open-addressing hash. It knows nothing of SQL, catalogs or dialects.
 */
#include <stdint.h>
#include <string.h>

#include "plan/order.h"

typedef struct need {
	size_t step, key;
	bool soft;
} need;

typedef struct provide {
	size_t step, key;
} provide;

struct plumb_order {
	plumb_arena *arena;
	const char *subject; /* what a cycle's message says could not be ordered */
	const char **labels;
	void **payloads;
	size_t n_steps, cap_steps;
	need *needs;
	size_t n_needs, cap_needs;
	provide *provides;
	size_t n_provides, cap_provides;
	need *afters; /* step after key: a step given by its index, no key */
	size_t n_afters, cap_afters;
	/* interned keys: hash slots hold 1 + key index, 0 empty */
	const char **keys;
	size_t n_keys, cap_keys;
	size_t *slots;
	size_t n_slots;
};

/* Grows *items (of size elem) to hold one more; 0 or -1. */
static int grow(plumb_arena *a, void **items, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = plumb_arena_realloc(a, *items, *cap * elem, ncap * elem);
	if (!p)
		return -1;
	if (p != *items) /* nothing outside points into the arrays */
		plumb_arena_give_back(a, *items, *cap * elem);
	*items = p;
	*cap = ncap;
	return 0;
}

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int rehash(plumb_order *o, size_t n_slots)
{
	size_t *slots = plumb_arena_alloc(o->arena, n_slots * sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t k = 0; k < o->n_keys; k++) {
		size_t i = hash_str(o->keys[k]) & (n_slots - 1);
		while (slots[i])
			i = (i + 1) & (n_slots - 1);
		slots[i] = k + 1;
	}
	plumb_arena_give_back(o->arena, o->slots, o->n_slots * sizeof(*slots));
	o->slots = slots;
	o->n_slots = n_slots;
	return 0;
}

/* The index of key, interned (copied) when new; -1 when out of memory. */
static long intern(plumb_order *o, const char *key)
{
	if ((o->n_keys + 1) * 2 > o->n_slots && rehash(o, o->n_slots ? o->n_slots * 2 : 64))
		return -1;
	size_t i = hash_str(key) & (o->n_slots - 1);
	for (; o->slots[i]; i = (i + 1) & (o->n_slots - 1))
		if (strcmp(o->keys[o->slots[i] - 1], key) == 0)
			return (long)(o->slots[i] - 1);
	char *copy = plumb_arena_strdup(o->arena, key);
	if (!copy || grow(o->arena, (void **)&o->keys, &o->cap_keys, o->n_keys, sizeof(char *)))
		return -1;
	o->keys[o->n_keys] = copy;
	o->slots[i] = ++o->n_keys;
	return (long)(o->n_keys - 1);
}

plumb_order *plumb_order_new(plumb_arena *arena)
{
	plumb_order *o = plumb_arena_alloc(arena, sizeof(*o));
	if (o) {
		o->arena = arena;
		o->subject = "the changes";
	}
	return o;
}

void plumb_order_subject(plumb_order *o, const char *subject)
{
	o->subject = subject;
}

long plumb_order_add(plumb_order *o, const char *label, void *payload)
{
	size_t cap = o->cap_steps;
	if (grow(o->arena, (void **)&o->labels, &cap, o->n_steps, sizeof(char *)) ||
	    grow(o->arena, (void **)&o->payloads, &o->cap_steps, o->n_steps, sizeof(void *)))
		return -1;
	const char *copy = plumb_arena_strdup(o->arena, label ? label : "?");
	if (!copy)
		return -1;
	o->labels[o->n_steps] = copy;
	o->payloads[o->n_steps] = payload;
	return (long)o->n_steps++;
}

int plumb_order_provides(plumb_order *o, long step, const char *key)
{
	long k = intern(o, key);
	if (k < 0 ||
	    grow(o->arena, (void **)&o->provides, &o->cap_provides, o->n_provides, sizeof(provide)))
		return -1;
	o->provides[o->n_provides++] = (provide){.step = (size_t)step, .key = (size_t)k};
	return 0;
}

int plumb_order_needs(plumb_order *o, long step, const char *key, bool soft)
{
	long k = intern(o, key);
	if (k < 0 || grow(o->arena, (void **)&o->needs, &o->cap_needs, o->n_needs, sizeof(need)))
		return -1;
	o->needs[o->n_needs++] = (need){.step = (size_t)step, .key = (size_t)k, .soft = soft};
	return 0;
}

int plumb_order_after(plumb_order *o, long step, long before, bool soft)
{
	if (grow(o->arena, (void **)&o->afters, &o->cap_afters, o->n_afters, sizeof(need)))
		return -1;
	o->afters[o->n_afters++] =
		(need){.step = (size_t)step, .key = (size_t)before, .soft = soft};
	return 0;
}

/* --- min-heaps of step positions ---------------------------------------- */

typedef struct heap {
	size_t *v;
	size_t n;
} heap;

static void heap_push(heap *h, size_t x)
{
	size_t i = h->n++;
	while (i && h->v[(i - 1) / 2] > x) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = x;
}

static size_t heap_pop(heap *h)
{
	size_t top = h->v[0], x = h->v[--h->n], i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1] < h->v[c])
			c++;
		if (h->v[c] >= x)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = x;
	return top;
}

/* --- the sort ------------------------------------------------------------ */

/* The graph in compressed rows: the edges out of step s are
 * to[start[s] .. start[s + 1]), soft[] beside them. */
typedef struct graph {
	size_t *start, *to;
	bool *soft;
	size_t n_edges;
} graph;

/* Calls fn(payload, from, to, soft) for each edge: a need of a key by one
 * step and each other step providing it, then each step after another,
 * turned for dir. */
static void each_edge(const plumb_order *o, const size_t *pstart, const size_t *pstep,
		      plumb_order_dir dir, void (*fn)(void *, size_t, size_t, bool), void *payload)
{
	for (size_t i = 0; i < o->n_needs; i++) {
		const need *nd = &o->needs[i];
		for (size_t j = pstart[nd->key]; j < pstart[nd->key + 1]; j++) {
			size_t prov = pstep[j];
			if (prov == nd->step)
				continue;
			if (dir == PLUMB_ORDER_FORWARD)
				fn(payload, prov, nd->step, nd->soft);
			else
				fn(payload, nd->step, prov, nd->soft);
		}
	}
	for (size_t i = 0; i < o->n_afters; i++) {
		const need *af = &o->afters[i];
		if (af->key == af->step)
			continue;
		if (dir == PLUMB_ORDER_FORWARD)
			fn(payload, af->key, af->step, af->soft);
		else
			fn(payload, af->step, af->key, af->soft);
	}
}

static void count_edge(void *payload, size_t from, size_t to, bool soft)
{
	graph *g = payload;
	(void)to;
	(void)soft;
	g->start[from + 1]++;
	g->n_edges++;
}

static void fill_edge(void *payload, size_t from, size_t to, bool soft)
{
	graph *g = payload;
	size_t at = g->start[from]++;
	g->to[at] = to;
	g->soft[at] = soft;
}

/* Names a cycle among the steps not done: from the first, follow a hard
 * edge into each (a step it waits on) until one comes again. */
static int name_cycle(plumb_ctx *ctx, const plumb_order *o, const graph *g, const bool *done,
		      plumb_order_dir dir)
{
	size_t n = o->n_steps;
	size_t *waits_on = plumb_arena_alloc(o->arena, (n + 1) * sizeof(size_t));
	size_t *seen_at = plumb_arena_alloc(o->arena, (n + 1) * sizeof(size_t));
	size_t *path = plumb_arena_alloc(o->arena, (n + 1) * sizeof(size_t));
	if (!waits_on || !seen_at || !path)
		return plumb_error_nomem(ctx);
	for (size_t s = 0; s < n; s++)
		waits_on[s] = seen_at[s] = SIZE_MAX;
	/* the first (lowest) pending hard predecessor of each pending step */
	for (size_t s = 0; s < n; s++)
		for (size_t e = s ? g->start[s - 1] : 0; !done[s] && e < g->start[s]; e++) {
			size_t t = g->to[e];
			if (!g->soft[e] && !done[t] && (waits_on[t] == SIZE_MAX || s < waits_on[t]))
				waits_on[t] = s;
		}
	size_t len = 0, s = 0;
	while (done[s])
		s++;
	while (seen_at[s] == SIZE_MAX && waits_on[s] != SIZE_MAX) {
		seen_at[s] = len;
		path[len++] = s;
		s = waits_on[s];
	}
	plumb_buf b;
	plumb_buf_init(&b, o->arena, 0);
	if (seen_at[s] == SIZE_MAX) { /* cannot happen: every pending step waits */
		plumb_buf_puts(&b, o->labels[s]);
	} else {
		/* path[seen_at[s] ..] is the cycle, each waiting on the next: in
		 * forward order a step waits on what it needs; in reverse on the
		 * step that needs it, so read it backwards there */
		size_t first = seen_at[s], m = len - first;
		for (size_t i = 0; i <= m; i++) {
			size_t k = dir == PLUMB_ORDER_FORWARD ? first + i % m : first + (m - i % m) % m;
			plumb_buf_printf(&b, "%s%s", i ? " needs " : "", o->labels[path[k]]);
		}
	}
	return plumb_error_set(ctx, PLUMB_ERROR, "could not order %s: dependency cycle: %s",
			       o->subject, plumb_buf_str(&b));
}

int plumb_order_sort(plumb_ctx *ctx, plumb_order *o, plumb_order_dir dir, plumb_vec *out)
{
	size_t n = o->n_steps, nk = o->n_keys;
	plumb_arena *a = o->arena;
	graph g = {0};
	int rc = 0;

	out->n = 0;
	/* providers by key, in compressed rows */
	size_t *pstart = plumb_arena_alloc(a, (nk + 2) * sizeof(size_t));
	size_t *pstep = plumb_arena_alloc(a, (o->n_provides + 1) * sizeof(size_t));
	g.start = plumb_arena_alloc(a, (n + 2) * sizeof(size_t));
	if (!pstart || !pstep || !g.start)
		goto nomem;
	for (size_t i = 0; i < o->n_provides; i++)
		pstart[o->provides[i].key + 1]++;
	for (size_t k = 0; k < nk; k++)
		pstart[k + 1] += pstart[k];
	for (size_t i = 0; i < o->n_provides; i++)
		pstep[pstart[o->provides[i].key]++] = o->provides[i].step;
	for (size_t k = nk; k > 0; k--)
		pstart[k] = pstart[k - 1];
	pstart[0] = 0;

	/* edges, counted then filled; after filling start[s] is the end of
	 * s's row (and the start of s + 1's) */
	each_edge(o, pstart, pstep, dir, count_edge, &g);
	for (size_t s = 0; s < n; s++)
		g.start[s + 1] += g.start[s];
	g.to = plumb_arena_alloc(a, (g.n_edges + 1) * sizeof(size_t));
	g.soft = plumb_arena_alloc(a, g.n_edges + 1);
	size_t *hard_in = plumb_arena_alloc(a, (n + 1) * sizeof(size_t));
	size_t *soft_in = plumb_arena_alloc(a, (n + 1) * sizeof(size_t));
	bool *done = plumb_arena_alloc(a, n + 1);
	heap all = {plumb_arena_alloc(a, (n + 1) * sizeof(size_t)), 0};
	heap hard = {plumb_arena_alloc(a, (n + 1) * sizeof(size_t)), 0};
	if (!g.to || !g.soft || !hard_in || !soft_in || !done || !all.v || !hard.v)
		goto nomem;
	each_edge(o, pstart, pstep, dir, fill_edge, &g);
	for (size_t e = 0; e < g.n_edges; e++)
		(g.soft[e] ? soft_in : hard_in)[g.to[e]]++;
	for (size_t s = 0; s < n; s++) {
		if (!hard_in[s])
			heap_push(&hard, s);
		if (!hard_in[s] && !soft_in[s])
			heap_push(&all, s);
	}

	for (size_t left = n; left; left--) {
		size_t s = SIZE_MAX;
		while (all.n && s == SIZE_MAX)
			if (!done[s = heap_pop(&all)])
				break;
			else
				s = SIZE_MAX;
		while (hard.n && s == SIZE_MAX)
			if (!done[s = heap_pop(&hard)])
				break;
			else
				s = SIZE_MAX;
		if (s == SIZE_MAX) {
			out->n = 0;
			rc = name_cycle(ctx, o, &g, done, dir);
			goto done;
		}
		done[s] = true;
		if (plumb_vec_push(a, out, o->payloads[s]))
			goto nomem;
		for (size_t e = s ? g.start[s - 1] : 0; e < g.start[s]; e++) {
			size_t t = g.to[e];
			if (done[t])
				continue;
			if (g.soft[e])
				soft_in[t]--;
			else if (!--hard_in[t])
				heap_push(&hard, t);
			if (!hard_in[t] && !soft_in[t])
				heap_push(&all, t);
		}
	}
	goto done;
nomem:
	out->n = 0;
	rc = plumb_error_nomem(ctx);
done:
	return rc;
}
