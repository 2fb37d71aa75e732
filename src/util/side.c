/*
 * Work beside the caller's: a function run on a thread of its own while the
 * caller does other work, as a schema file read while a migrations folder
 * is replayed (the two are most of `generate` and `check`, and neither
 * waits on the other).
 *
 * The thread works with a context of its own: the caller's settings, an
 * error of its own, and a root arena of its own, made uncounted (the
 * fault-injection counter is the caller's thread's to touch: with a
 * failure armed nothing runs beside, so a run under fault injection makes
 * the same allocations, in the same order, as one without threads). It
 * must touch nothing the caller's thread touches meanwhile. Once joined,
 * its arena is the caller's root's child, so what it built lives as long
 * as the run, and its error becomes the caller's when the caller has none.
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/util.h"

struct plumb_side {
	plumb_ctx ctx; /* the thread's own */
	int (*fn)(plumb_ctx *ctx, void *arg);
	void *arg;
	int rc;
	pthread_t th;
};

int plumb_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static void *run(void *p)
{
	plumb_side *s = p;
	s->rc = s->fn(&s->ctx, s->arg);
	return NULL;
}

plumb_side *plumb_side_start(plumb_ctx *ctx, int (*fn)(plumb_ctx *ctx, void *arg), void *arg)
{
	if (plumb_cpus() < 2 || plumb_arena_faults_armed())
		return NULL;
	plumb_side *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ctx = *ctx;
	s->ctx.err = (plumb_error){0};
	s->fn = fn;
	s->arg = arg;
	if (!(s->ctx.root = plumb_arena_new_uncounted())) {
		free(s);
		return NULL;
	}
	if (pthread_create(&s->th, NULL, run, s) != 0) {
		plumb_arena_free(s->ctx.root);
		free(s);
		return NULL;
	}
	return s;
}

int plumb_side_join(plumb_ctx *ctx, plumb_side *s)
{
	pthread_join(s->th, NULL);
	plumb_arena_adopt(ctx->root, s->ctx.root);
	int rc = s->rc;
	if (s->ctx.err.code && !ctx->err.code)
		ctx->err = s->ctx.err;
	free(s);
	return rc;
}
