/*
 * Writes a SQLite plan as SQL text: either a script the sqlite3 shell runs as
 * it is (its own pragmas, BEGIN/COMMIT and a foreign-key check that rolls the
 * whole change back when it finds violations), or the body of a migration
 * file, which the runner wraps in a transaction. It plans and executes nothing.
 */
#include "dialect/sqlite/sqlite.h"

/* Run inside the transaction, after the changes: when any foreign key is
 * violated the trigger's RAISE(ROLLBACK) undoes everything, and the COMMIT
 * that follows fails with "no transaction is active". SQLite has no RAISE
 * outside a trigger, hence the temporary table. */
static const char fk_check[] =
	"CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);\n"
	"CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check"
	" WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed:"
	" the changes were rolled back'); END;\n"
	"INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;\n"
	"DROP TABLE _plumb_fk_check;\n";

int plumb__sqlite_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan,
			 plumb_render_mode mode, char **out)
{
	bool script = mode == PLUMB_RENDER_SCRIPT;
	plumb_buf b;
	int rc = 0;

	*out = NULL;
	plumb_buf_init(&b, arena, 0);
	if (plumb_plan_is_empty(plan))
		goto finish;
	if (script) {
		/* The sqlite3 shell goes on after a failed statement unless told to
		 * stop; a copy that failed must not be followed by its DROP TABLE. */
		if (plan->foreign_keys_off)
			plumb_buf_puts(&b, "-- run with `sqlite3 -bail` (or `.bail on`): a failed "
					   "statement must stop the script\n"
					   "PRAGMA foreign_keys = OFF;\n");
		plumb_buf_puts(&b, "BEGIN;\n");
	} else if (plan->foreign_keys_off) {
		plumb_buf_puts(&b, "-- plumb:foreign-keys off\n");
	}
	for (size_t i = 0; i < plan->stmts.n; i++) {
		plumb_stmt_write(&b, plan->stmts.items[i]);
	}
	if (script) {
		if (plan->foreign_keys_off)
			plumb_buf_puts(&b, fk_check);
		plumb_buf_puts(&b, "COMMIT;\n");
		if (plan->foreign_keys_off)
			plumb_buf_puts(&b, "PRAGMA foreign_keys = ON;\n");
	}
finish:
	if ((rc = plumb_buf_finish(&b, ctx)))
		goto done;
	*out = plumb_arena_strdup(arena, plumb_buf_str(&b));
	if (!*out)
		rc = plumb_error_nomem(ctx);
done:
	return rc;
}
