/*
 * Private to the two catalog builders (introspect*.c; offline*.c and
 * names.c): short names for the sticky steps (sticky.h) over a build state x
 * that holds the sticky failure as x->st and the catalog being built as
 * x->cat. It declares nothing else.
 */
#ifndef PLUMB_DIALECT_PG_BUILDER_H
#define PLUMB_DIALECT_PG_BUILDER_H

#include "dialect/pg/sticky.h"

#define fail(x, rc) plumb__pg_fail(&(x)->st, (rc))
#define nomem(x) plumb__pg_nomem(&(x)->st)
#define alloc(x, size) plumb__pg_alloc(&(x)->st, (size))
#define dup(x, s) plumb__pg_dup(&(x)->st, (s))
#define push(x, v, p) plumb__pg_push(&(x)->st, (v), (p))
#define new_object(x, kind, schema, name)                                                  \
	plumb__pg_new_object(&(x)->st, &(x)->cat->objects, (kind), (schema), (name))
#define qname(x, schema, name) plumb__pg_qname(&(x)->st, (schema), (name))

#endif
