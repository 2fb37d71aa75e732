/*
 * Kept statements unpacked again ahead of the one thread that builds a
 * schema's catalog from them. offline.c reads a schema's statements twice,
 * to put them in order and then to build, and keeps each packed in
 * between (parse.c); the second unpacking, with its allocations, would
 * otherwise lie on the builder's path while the other cores idle.
 *
 * One helper thread unpacks kept[0], kept[1], ... in the order given, each
 * into a root arena of its own (plumb_arena_new_uncounted: the
 * fault-injection counter is the caller's thread's alone, and no helper
 * runs while a failure is injected), at most WINDOW statements ahead of
 * the caller; the caller takes statement i in order and owns its arena
 * from then on. A thread is woken only when the other waits on it, and
 * not once per statement (a wake is a system call on both sides): once
 * the helper is WINDOW ahead it sleeps until the caller has taken half of
 * that, and a caller that finds its statement not ready sleeps until
 * BATCH more are.
 * The packed forms are read, not changed, while the helper runs. The state
 * shared (done, taken, stop, the two flags and each slot) is read and
 * written only under the mutex. Nothing here reads SQL.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "dialect/pg/canon_int.h"

/* Below this many statements a helper costs more than it saves. */
#define MIN_STMTS 64
/* How far ahead of the caller the helper unpacks, in statements. */
#define WINDOW 64
/* How many statements the caller waits for once it must wait. */
#define BATCH 8
/* The helper recurses in protobuf-c as deep as the caller does: the same
 * large stack (reserved, not committed), see deep.c. */
#define HELPER_STACK ((size_t)256 << 20)

typedef struct slot {
	PgQuery__RawStmt *raw; /* NULL: out of memory (the caller unpacks it) */
	plumb_arena *arena;    /* raw's, or NULL */
} slot;

struct plumb_pg_ahead {
	const plumb_pg_kept *const *kept;
	size_t n;
	pthread_mutex_t mu;
	pthread_cond_t ready; /* a slot was filled */
	pthread_cond_t room;  /* the caller took one, or stop */
	size_t done;	      /* slots filled */
	size_t taken;	      /* slots the caller took */
	bool stop;
	bool helper_waits; /* on room, until taken + WINDOW / 2 passes done */
	bool caller_waits; /* on ready, until done reaches wanted */
	size_t wanted;
	slot *slots;
	pthread_t th;
};

static void *helper(void *payload)
{
	plumb_pg_ahead *p = payload;
	plumb_arena *tables = plumb_arena_new_uncounted();
	plumb_pg_unpacker *u = tables ? plumb__pg_unpacker_new(tables) : NULL;
	pthread_mutex_lock(&p->mu);
	for (size_t i = 0; i < p->n; i++) {
		if (!p->stop && i >= p->taken + WINDOW) {
			p->helper_waits = true;
			while (!p->stop && i >= p->taken + WINDOW / 2)
				pthread_cond_wait(&p->room, &p->mu);
			p->helper_waits = false;
		}
		if (p->stop)
			break;
		pthread_mutex_unlock(&p->mu);
		slot s = {NULL, u ? plumb_arena_new_uncounted() : NULL};
		if (s.arena && !(s.raw = plumb__pg_unpack_kept(u, s.arena, p->kept[i]))) {
			plumb_arena_free(s.arena);
			s.arena = NULL;
		}
		pthread_mutex_lock(&p->mu);
		p->slots[i] = s;
		p->done = i + 1;
		if (p->caller_waits && p->done >= p->wanted)
			pthread_cond_signal(&p->ready);
	}
	pthread_mutex_unlock(&p->mu);
	plumb_arena_free(tables);
	return NULL;
}

plumb_pg_ahead *plumb__pg_ahead_start(const plumb_pg_kept *const *kept, size_t n)
{
	if (plumb_cpus() < 2 || n < MIN_STMTS || plumb_arena_faults_armed())
		return NULL;
	plumb_pg_ahead *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->kept = kept;
	p->n = n;
	if (!(p->slots = calloc(n, sizeof(*p->slots)))) {
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	pthread_attr_t attr;
	bool started = false;
	if (pthread_attr_init(&attr) == 0) {
		started = pthread_attr_setstacksize(&attr, HELPER_STACK) == 0 &&
			  pthread_create(&p->th, &attr, helper, p) == 0;
		pthread_attr_destroy(&attr);
	}
	if (!started) {
		pthread_cond_destroy(&p->room);
		pthread_cond_destroy(&p->ready);
		pthread_mutex_destroy(&p->mu);
		free(p->slots);
		free(p);
		return NULL;
	}
	return p;
}

PgQuery__RawStmt *plumb__pg_ahead_take(plumb_pg_ahead *p, size_t i, plumb_arena **arena)
{
	pthread_mutex_lock(&p->mu);
	if (p->done <= i) {
		/* woken once a few are ready, not for each */
		p->wanted = i + 1 + BATCH < p->n ? i + 1 + BATCH : p->n;
		p->caller_waits = true;
		while (p->done < p->wanted)
			pthread_cond_wait(&p->ready, &p->mu);
		p->caller_waits = false;
	}
	slot s = p->slots[i];
	p->slots[i] = (slot){0};
	p->taken = i + 1;
	if (p->helper_waits && p->done < p->taken + WINDOW / 2)
		pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
	*arena = s.arena;
	return s.raw;
}

void plumb__pg_ahead_stop(plumb_pg_ahead *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	/* joined: what the caller did not take is freed here, alone */
	for (size_t i = p->taken; i < p->done; i++)
		plumb_arena_free(p->slots[i].arena);
	pthread_cond_destroy(&p->room);
	pthread_cond_destroy(&p->ready);
	pthread_mutex_destroy(&p->mu);
	free(p->slots);
	free(p);
}
