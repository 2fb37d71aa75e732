/*
 * Private to the PostgreSQL engine: the sticky failure of a long run of small
 * steps (reading a catalog, building one offline). The first failure is kept
 * and every later step does nothing, so callers check once at the end, as
 * STYLE asks of out-of-memory. The steps both catalog builders take (a new
 * object, a qualified name) are here too.
 */
#ifndef PLUMB_DIALECT_PG_STICKY_H
#define PLUMB_DIALECT_PG_STICKY_H

#include <stdarg.h>

#include "catalog/catalog.h"
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
char *plumb__pg_vfmt(plumb_pg_sticky *s, const char *f, va_list ap);
char *plumb__pg_fmt(plumb_pg_sticky *s, const char *f, ...) __attribute__((format(printf, 2, 3)));
/* Appends p (NULL counts as out of memory) to v. */
void plumb__pg_push(plumb_pg_sticky *s, plumb_vec *v, void *p);
/* A new object of kind, schema and name (copied) appended to objects (a
 * catalog's); NULL once something failed. */
plumb_object *plumb__pg_new_object(plumb_pg_sticky *s, plumb_vec *objects, plumb_obj_kind kind,
				   const char *schema, const char *name);
/* "schema"."name" quoted (plumb__pg_qualified); "" once something failed. */
const char *plumb__pg_qname(plumb_pg_sticky *s, const char *schema, const char *name);

#endif
