/*
 * Writes a plan as SQL text, for every dialect: either a script the engine's
 * shell runs as it is (psql -v ON_ERROR_STOP=1, sqlite3), each run of
 * transactional statements in a BEGIN/COMMIT block and the statements that
 * must run outside a transaction (CREATE INDEX CONCURRENTLY, ...) between
 * them in plan order; or the body of a migration file, which the runner wraps
 * in a transaction unless its directives say otherwise. Above each statement
 * go its comment and its hazards as "-- " lines. What only one engine needs
 * around a plan run with foreign keys off (sqlite's pragmas and its check
 * before COMMIT) comes from the plan's planner ops. It plans and runs nothing.
 */
#include <string.h>

#include "plan/plan.h"

static void put_text(plumb_buf *b, const char *text)
{
	if (text)
		plumb_buf_puts(b, text);
}

static void put_script(plumb_buf *b, const plumb_plan *plan)
{
	const plumb_planner_ops *ops = plan->ops;
	bool fk = plan->foreign_keys_off && ops;

	if (fk)
		put_text(b, ops->fk_off_prologue);
	for (size_t i = 0, end; i < plan->stmts.n; i = end) {
		bool txn;
		end = plumb_plan_group_end(plan, i, &txn);
		if (txn)
			plumb_buf_puts(b, "BEGIN;\n");
		for (size_t j = i; j < end; j++)
			plumb_stmt_write(b, plan->stmts.items[j]);
		if (txn) {
			if (fk)
				put_text(b, ops->fk_off_check);
			plumb_buf_puts(b, "COMMIT;\n");
		}
	}
	if (fk)
		put_text(b, ops->fk_off_epilogue);
}

static void put_migration(plumb_buf *b, const plumb_plan *plan)
{
	bool any_notx = false;

	for (size_t i = 0; i < plan->stmts.n; i++)
		any_notx |= ((const plumb_stmt *)plan->stmts.items[i])->no_transaction;
	if (any_notx)
		plumb_buf_puts(b, "-- plumb:no-transaction\n");
	if (plan->foreign_keys_off)
		plumb_buf_puts(b, "-- plumb:foreign-keys off\n");
	for (size_t i = 0; i < plan->stmts.n; i++)
		plumb_stmt_write(b, plan->stmts.items[i]);
}

int plumb_plan_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan,
		      plumb_render_mode mode, char **out)
{
	plumb_buf b;
	int rc = 0;

	*out = NULL;
	plumb_buf_init(&b, arena, 0);
	if (!plumb_plan_is_empty(plan)) {
		/* room for the whole text made at once: a plan of thousands of
		 * tables would otherwise leave its outgrown copies behind */
		const plumb_planner_ops *ops = plan->ops;
		size_t n = 64;
		if (ops && plan->foreign_keys_off)
			n += strlen(ops->fk_off_prologue ? ops->fk_off_prologue : "") +
			     strlen(ops->fk_off_epilogue ? ops->fk_off_epilogue : "");
		for (size_t i = 0; i < plan->stmts.n; i++) {
			/* and each group's BEGIN, check and COMMIT at most */
			n += plumb_stmt_size(plan->stmts.items[i]) + 16;
			if (ops && plan->foreign_keys_off && ops->fk_off_check)
				n += strlen(ops->fk_off_check);
		}
		plumb_buf_reserve(&b, n);
		if (mode == PLUMB_RENDER_SCRIPT)
			put_script(&b, plan);
		else
			put_migration(&b, plan);
	}
	if ((rc = plumb_buf_finish(&b, ctx)) == 0)
		*out = b.data;
	return rc;
}
