/*
 * Writes a PostgreSQL plan as SQL text: either a script psql runs as it is
 * (`psql -v ON_ERROR_STOP=1`), its transactional statements in BEGIN/COMMIT
 * blocks and the others (CREATE INDEX CONCURRENTLY, ...) between them in plan
 * order; or the body of a migration file, which the runner wraps in a
 * transaction unless its first line says `-- plumb:no-transaction`. It plans
 * and executes nothing.
 */
#include "dialect/pg/pg.h"


int plumb__pg_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan,
		     plumb_render_mode mode, char **out)
{
	bool script = mode == PLUMB_RENDER_SCRIPT;
	bool in_txn = false, any_notx = false;
	plumb_buf b;
	int rc = 0;

	*out = NULL;
	plumb_buf_init(&b, arena, 0);
	if (plumb_plan_is_empty(plan))
		goto finish;
	for (size_t i = 0; i < plan->stmts.n; i++)
		any_notx |= ((const plumb_stmt *)plan->stmts.items[i])->no_transaction;
	if (!script && any_notx)
		plumb_buf_puts(&b, "-- plumb:no-transaction\n");
	for (size_t i = 0; i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		if (script && s->no_transaction && in_txn) {
			plumb_buf_puts(&b, "COMMIT;\n");
			in_txn = false;
		} else if (script && !s->no_transaction && !in_txn) {
			plumb_buf_puts(&b, "BEGIN;\n");
			in_txn = true;
		}
		plumb_stmt_write(&b, s);
	}
	if (in_txn)
		plumb_buf_puts(&b, "COMMIT;\n");
finish:
	if ((rc = plumb_buf_finish(&b, ctx)))
		goto done;
	*out = plumb_arena_strdup(arena, plumb_buf_str(&b));
	if (!*out)
		rc = plumb_error_nomem(ctx);
done:
	return rc;
}
