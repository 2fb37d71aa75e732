/*
 * The one ordering engine: a stable topological sort over steps that say what
 * they provide and what they need, by object key ("public.users",
 * "schema:app", "extension": any string both sides agree on), never by text
 * search. Modelled on pg_dump_sort.c: input order is kept wherever the
 * dependencies allow, and a cycle is an error that names every member.
 *
 * A need of key K is met once every other step that provides K has gone; a
 * key nobody provides is met at once. Hard needs must be met; soft ones are
 * met when the order allows it, and otherwise give way (a function whose SQL
 * body reads a table PostgreSQL would accept either way, say). Drops use the
 * reverse order: a step goes before the steps that provide what it needs.
 *
 * Each pick is the first step in input order whose needs are all met, hard
 * and soft; when there is none, the first whose hard needs are. Cost is
 * O((steps + edges) log steps): keys go through a hash, never a scan.
 */
#ifndef PLUMB_PLAN_ORDER_H
#define PLUMB_PLAN_ORDER_H

#include "util/util.h"

typedef struct plumb_order plumb_order;

typedef enum plumb_order_dir {
	PLUMB_ORDER_FORWARD, /* providers first (creates) */
	PLUMB_ORDER_REVERSE, /* needers first (drops) */
} plumb_order_dir;

/* A new, empty order in arena (freed with it). NULL when out of memory. */
plumb_order *plumb_order_new(plumb_arena *arena);

/* What a cycle's message says could not be ordered ("the changes" unless
 * set; subject must live as long as o). */
void plumb_order_subject(plumb_order *o, const char *subject);

/* Adds a step, after those added before it; label names it in a cycle's
 * message ("view public.v"), payload is what plumb_order_sort returns for it.
 * Returns the step's index, or -1 when out of memory. */
long plumb_order_add(plumb_order *o, const char *label, void *payload);

/* Step `step` provides key (copied). 0, or -1 when out of memory. */
int plumb_order_provides(plumb_order *o, long step, const char *key);

/* Step `step` needs key (copied); soft needs give way to a cycle. 0 or -1. */
int plumb_order_needs(plumb_order *o, long step, const char *key, bool soft);

/* Step `step` comes after step `before` (as a need of a key only `before`
 * provides, without the key); soft gives way to a cycle. 0 or -1. */
int plumb_order_after(plumb_order *o, long step, long before, bool soft);

/* Sorts the steps: their payloads in order go into out (arena memory). On a
 * cycle of hard needs records PLUMB_ERROR "could not order the changes:
 * dependency cycle: A needs B needs ... needs A" naming each member once and
 * returns it; out then holds nothing. */
int plumb_order_sort(plumb_ctx *ctx, plumb_order *o, plumb_order_dir dir, plumb_vec *out);

#endif
