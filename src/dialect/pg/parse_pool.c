/*
 * A file's statements parsed by libpg_query on helper threads, ahead of the
 * one thread that builds the catalog from them in order. libpg_query keeps
 * its state per thread (its memory contexts and error state are thread
 * local), so each helper parses on its own; it returns what
 * pg_query_parse_protobuf gives (the packed tree, or the error), which the
 * caller unpacks into its arena in statement order, so the trees, errors
 * and output are those of a parse on one thread.
 *
 * A helper also unpacks the tree (when it parsed and nests no deeper than a
 * small stack holds), its locations moved to the file's, into an arena of
 * its own, which the caller's arena
 * adopts once the helper is joined; the caller then reads and changes those
 * trees while the helper goes on allocating other memory of that arena.
 *
 * Threads and what they share: a helper reads the file's text and the cuts
 * (not changed while the pool runs) and touches nothing of plumb's but its
 * own slots and its own arena, made uncounted (plumb_arena_new_uncounted:
 * the fault-injection counter is the caller's thread's alone; no pool runs
 * while a failure is injected, so the caller's allocations are the same
 * ones as without helpers). The
 * one mutable state shared is the hand-back below (next, taken, stop and
 * each slot's result), read and written only under the pool's mutex: a
 * helper claims the next piece, parses it unlocked and stores the result
 * in that piece's slot; the caller takes slot i in order, parsing piece i
 * itself when no helper has claimed it yet, so it never waits on work not
 * started. While it waits on a helper, the caller claims and parses the
 * next piece as a helper would, into an arena of its own (own), so that
 * no core idles while the helpers are behind. Pieces are claimed at most
 * WINDOW ahead of the caller, so at most that many packed trees wait at
 * any time; a helper that reached it sleeps until the caller has taken
 * half of it, not one piece (a wake is a system call on both sides).
 * Nothing here reads SQL.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"

/* Below this many pieces a helper costs more than it saves. */
#define MIN_PIECES 64
/* Parsing threads at most, the caller's included. */
#define MAX_THREADS 4
/* How far ahead of the caller the helpers parse, in pieces. */
#define WINDOW 256
/* Helpers recurse in libpg_query's output as deep as the caller does:
 * the same large stack (reserved, not committed), see deep.c. */
#define HELPER_STACK ((size_t)256 << 20)

typedef struct slot {
	PgQueryProtobufParseResult r; /* the caller's to free once taken */
	PgQuery__ParseResult *tree;   /* unpacked in the helper's arena, or NULL */
	plumb_arena *arena;	      /* ... that arena, and its mark before the tree */
	unsigned long mark;
	bool done;
	bool nomem; /* the piece could not be copied */
} slot;

typedef struct helper_arg {
	struct plumb_pg_pool *p;
	plumb_arena *arena; /* this helper's alone until it is joined */
	unsigned long release; /* what the caller is done with: a mark of arena, or 0 */
} helper_arg;

struct plumb_pg_pool {
	const char *sql;
	const size_t *at;
	size_t n;
	plumb_pg_pcache *pc; /* read by every thread, changed by none */
	pthread_mutex_t mu;
	pthread_cond_t ready; /* a slot was filled: the caller may wait on it */
	pthread_cond_t room;  /* the caller took a slot, or stop: helpers may go on */
	size_t next;	      /* the next piece to claim */
	size_t taken;	      /* pieces the caller has taken */
	int waiting;	      /* helpers waiting on room */
	bool stop;
	slot *slots;
	char *buf; /* the caller's copy of a piece */
	size_t cap;
	plumb_arena *parent; /* adopts the helpers' arenas at stop */
	plumb_arena *own;    /* the caller's, for the pieces it parses ahead */
	plumb_arena *tables; /* ... and u, for their locations */
	plumb_pg_unpacker *u;
	pthread_t th[MAX_THREADS];
	helper_arg args[MAX_THREADS];
	int n_th;
};

/* Piece i of p as a string in *buf (grown as needed): NULL when out of
 * memory. */
static const char *piece(const plumb_pg_pool *p, size_t i, char **buf, size_t *cap)
{
	size_t len = p->at[i + 1] - p->at[i];
	if (len + 1 > *cap) {
		char *b = realloc(*buf, len + 1);
		if (!b)
			return NULL;
		*buf = b;
		*cap = len + 1;
	}
	memcpy(*buf, p->sql + p->at[i], len);
	(*buf)[len] = '\0';
	return *buf;
}

/* Piece i parsed into *out; -1 when out of memory. */
static int parse(const plumb_pg_pool *p, size_t i, char **buf, size_t *cap,
		 PgQueryProtobufParseResult *out)
{
	const char *s = piece(p, i, buf, cap);
	if (!s)
		return -1;
	if (!plumb__pg_pcache_get(p->pc, i, s, out))
		*out = pg_query_parse_protobuf(s);
	return 0;
}

/* Piece i parsed, and unpacked into arena when it can be (with u, to
 * move its locations to the file's); else the caller reports the error or
 * the depth, or unpacks a deep tree itself. r stays, for the caller to
 * keep the packed form. */
static slot parse_into(const plumb_pg_pool *p, size_t i, plumb_arena *arena,
		       plumb_pg_unpacker *u, char **buf, size_t *cap)
{
	PgQueryProtobufParseResult r = {0};
	PgQuery__ParseResult *tree = NULL;
	bool nomem = parse(p, i, buf, cap, &r) < 0;
	unsigned long mark = plumb_arena_mark(arena);
	if (!nomem && u && (tree = plumb__pg_try_unpack(arena, &r)))
		plumb__pg_shift_result(u, tree, (int32_t)p->at[i]);
	return (slot){.r = r, .tree = tree, .arena = arena, .mark = mark, .done = true, .nomem = nomem};
}

static void *helper(void *payload)
{
	helper_arg *a = payload;
	plumb_pg_pool *p = a->p;
	char *buf = NULL;
	size_t cap = 0;
	plumb_arena *tables = plumb_arena_new_uncounted();
	plumb_pg_unpacker *u = tables ? plumb__pg_unpacker_new(tables) : NULL;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (!p->stop && p->next < p->n && p->next >= p->taken + WINDOW) {
			/* woken once the caller has taken half the window */
			p->waiting++;
			while (!p->stop && p->next < p->n && p->next >= p->taken + WINDOW / 2)
				pthread_cond_wait(&p->room, &p->mu);
			p->waiting--;
		}
		if (p->stop || p->next >= p->n)
			break;
		size_t i = p->next++;
		unsigned long release = a->release;
		a->release = 0;
		pthread_mutex_unlock(&p->mu);
		/* the trees the caller is done with go, by this thread: the
		 * arena is its alone */
		if (release)
			plumb_arena_release_before(a->arena, release);
		slot s = parse_into(p, i, a->arena, u, &buf, &cap);
		pthread_mutex_lock(&p->mu);
		p->slots[i] = s;
		if (i == p->taken) /* the one the caller takes next */
			pthread_cond_signal(&p->ready);
	}
	pthread_mutex_unlock(&p->mu);
	free(buf);
	plumb_arena_free(tables);
	/* libpg_query frees its memory of this thread when the thread ends */
	return NULL;
}

plumb_pg_pool *plumb__pg_pool_start(plumb_arena *arena, const char *sql, const size_t *at, size_t n,
				    plumb_pg_pcache *pc)
{
	int want = plumb_cpus();
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	/* with a failure injected, every allocation stays on this thread */
	if (want < 2 || n < MIN_PIECES || plumb_arena_faults_armed())
		return NULL;
	plumb_pg_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->sql = sql;
	p->at = at;
	p->n = n;
	p->pc = pc;
	p->parent = arena;
	p->own = plumb_arena_new_uncounted();
	p->tables = plumb_arena_new_uncounted();
	p->u = p->tables ? plumb__pg_unpacker_new(p->tables) : NULL;
	if (!(p->slots = calloc(n, sizeof(*p->slots)))) {
		plumb_arena_free(p->own);
		plumb_arena_free(p->tables);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) == 0) {
		if (pthread_attr_setstacksize(&attr, HELPER_STACK) == 0)
			while (p->n_th < want - 1) {
				helper_arg *a = &p->args[p->n_th];
				a->p = p;
				if (!(a->arena = plumb_arena_new_uncounted()))
					break;
				if (pthread_create(&p->th[p->n_th], &attr, helper, a) != 0) {
					plumb_arena_free(a->arena);
					break;
				}
				p->n_th++;
			}
		pthread_attr_destroy(&attr);
	}
	if (!p->n_th) {
		plumb__pg_pool_stop(p);
		return NULL;
	}
	return p;
}

int plumb__pg_pool_take(plumb_pg_pool *p, size_t i, PgQueryProtobufParseResult *out,
			PgQuery__ParseResult **tree, plumb_arena **arena, unsigned long *mark)
{
	int rc;
	*tree = NULL;
	pthread_mutex_lock(&p->mu);
	assert(i == p->taken && i < p->n);
	if (p->next == i) {
		/* no helper has it: parsed here rather than waited for */
		p->next++;
		pthread_mutex_unlock(&p->mu);
		rc = parse(p, i, &p->buf, &p->cap, out);
		pthread_mutex_lock(&p->mu);
	} else {
		/* waiting, the caller parses the next unclaimed piece itself,
		 * into an arena of its own, as a helper would */
		while (!p->slots[i].done) {
			if (!p->own || p->next >= p->n || p->next >= p->taken + WINDOW) {
				pthread_cond_wait(&p->ready, &p->mu);
				continue;
			}
			size_t j = p->next++;
			pthread_mutex_unlock(&p->mu);
			slot s = parse_into(p, j, p->own, p->u, &p->buf, &p->cap);
			pthread_mutex_lock(&p->mu);
			p->slots[j] = s;
		}
		*out = p->slots[i].r;
		*tree = p->slots[i].tree;
		*arena = p->slots[i].arena;
		*mark = p->slots[i].mark;
		rc = p->slots[i].nomem ? -1 : 0;
		p->slots[i] = (slot){0};
	}
	p->taken = i + 1;
	if (p->waiting && p->next < p->taken + WINDOW / 2)
		pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void plumb__pg_pool_release(plumb_pg_pool *p, plumb_arena *arena, unsigned long mark)
{
	if (arena == p->own) { /* the caller's own: freed now */
		plumb_arena_release_before(arena, mark);
		return;
	}
	pthread_mutex_lock(&p->mu);
	for (int t = 0; t < p->n_th; t++)
		if (p->args[t].arena == arena && mark > p->args[t].release)
			p->args[t].release = mark;
	pthread_mutex_unlock(&p->mu);
}

void plumb__pg_pool_stop(plumb_pg_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->mu);
	for (int t = 0; t < p->n_th; t++)
		pthread_join(p->th[t], NULL);
	/* joined: what no one took is freed here, alone */
	for (size_t i = p->taken; i < p->n; i++)
		if (p->slots[i].done && !p->slots[i].nomem)
			pg_query_free_protobuf_parse_result(p->slots[i].r);
	/* the trees taken live in the helpers' arenas: they go with the
	 * caller's arena from now on, what it was done with first */
	for (int t = 0; t < p->n_th; t++) {
		if (p->args[t].release)
			plumb_arena_release_before(p->args[t].arena, p->args[t].release);
		plumb_arena_adopt(p->parent, p->args[t].arena);
	}
	if (p->own)
		plumb_arena_adopt(p->parent, p->own);
	plumb_arena_free(p->tables);
	pthread_cond_destroy(&p->room);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->mu);
	free(p->slots);
	free(p->buf);
	free(p);
}
