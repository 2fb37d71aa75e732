/*
 * Private to the PostgreSQL engine: the sticky failure of a long run of small
 * steps (reading a catalog, building one offline). The first failure is kept
 * and every later step does nothing, so callers check once at the end, as
 * STYLE asks of out-of-memory.
 */
#ifndef PLUMB_DIALECT_PG_STICKY_H
#define PLUMB_DIALECT_PG_STICKY_H

#include "util/util.h"

typedef struct plumb_pg_sticky {
	plumb_ctx *ctx;
	plumb_arena *arena; /* where alloc, dup and fmt allocate: the catalog's */
	int rc;             /* first failure; 0 while none */
} plumb_pg_sticky;

/* Keeps rc unless a failure is kept already. */
void plumb__pg_fail(plumb_pg_sticky *s, int rc);
/* Records out-of-memory (PLUMB_ENOMEM in ctx) unless a failure is kept. */
void plumb__pg_nomem(plumb_pg_sticky *s);
/* Zeroed memory; NULL once something failed. */
void *plumb__pg_alloc(plumb_pg_sticky *s, size_t size);
/* A copy of str; NULL for NULL and once something failed. */
char *plumb__pg_dup(plumb_pg_sticky *s, const char *str);
/* Formatted text; NULL once something failed. */
char *plumb__pg_fmt(plumb_pg_sticky *s, const char *f, ...) __attribute__((format(printf, 2, 3)));
/* Appends p (NULL counts as out of memory) to v. */
void plumb__pg_push(plumb_pg_sticky *s, plumb_vec *v, void *p);

#endif
