/*
 * The PostgreSQL online forms (`--online`): a statement that would keep
 * writers (or readers) out while it works, rewritten into statements that do
 * not, read from its parse tree and from the schema it runs against (the
 * scope of the hazard classifier, hazard.h). It knows nothing of the planner:
 * the planner's statements and a hand-written migration are rewritten alike.
 * It decides no order and adds no statement that is not one of a form's.
 */
#ifndef PLUMB_DIALECT_PG_ONLINE_H
#define PLUMB_DIALECT_PG_ONLINE_H

#include "dialect/pg/hazard.h"

/* The statements that replace stmt (one statement) when it runs in scope,
 * appended to out (plumb_stmt *, arena memory), each with its note, its
 * hazards and whether it runs outside a transaction; stmt itself (the same
 * pointer) when it has no online form. after is a scope over the schema the
 * plan leads to (never advanced), or NULL when that is not known. Reads
 * scope, does not advance it (plumb__pg_classify_next does). A statement
 * that does not parse has no online form. Must run on the large stack
 * (plumb__pg_deep) unless stmt is short. */
int plumb__pg_online(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_scope *scope,
		     plumb_pg_scope *after, const plumb_stmt *stmt, plumb_vec *out);

/* The planner ops' online hook: stmts[0..n), run in that order against
 * from, each rewritten (plumb__pg_online) in the scope the statements before
 * it leave; to is the schema the plan leads to. On the large stack. */
int plumb__pg_online_script(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
			    const plumb_catalog *to, plumb_stmt *const *stmts, size_t n,
			    plumb_vec *out);

#endif
