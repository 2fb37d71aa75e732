/*
 * The allocation sweep of unit tests (curl's torture mode): a piece of work
 * run once without faults, then once per arena allocation it made with that
 * allocation failing, each in a fresh child arena of the context's root. It
 * prints no TAP itself; the test says what the counts must be.
 */
#ifndef PLUMB_TEST_SWEEP_H
#define PLUMB_TEST_SWEEP_H

#include <stdio.h>

#include "util/util.h"

typedef struct sweep_counts {
	int rc;	    /* the run without faults */
	long total; /* the allocations it made: the runs with a fault */
	long clean; /* runs that ended in PLUMB_ENOMEM with the error recorded */
	long other; /* runs that ended in another failure (the first is printed) */
} sweep_counts;

/* Runs work(payload, arena) without faults and then with each allocation
 * failing in turn; the context's error is cleared before each run and at
 * the end. */
static inline sweep_counts sweep(plumb_ctx *ctx, int (*work)(void *payload, plumb_arena *arena),
				 void *payload)
{
	sweep_counts c = {0};
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_arena_fail_nth(0);
	c.rc = work(payload, a);
	c.total = plumb_arena_fail_nth(0);
	plumb_arena_free(a);
	for (long k = 1; k <= c.total; k++) {
		plumb_error_clear(ctx);
		a = plumb_arena_new(ctx->root);
		plumb_arena_fail_nth(k);
		int rc = work(payload, a);
		plumb_arena_fail_nth(0);
		if (rc == PLUMB_ENOMEM && ctx->err.code == PLUMB_ENOMEM)
			c.clean++;
		else if (rc != 0 && !c.other++)
			printf("# allocation %ld: rc %d: %s\n", k, rc, ctx->err.message);
		plumb_arena_free(a);
	}
	plumb_error_clear(ctx);
	return c;
}

#endif
