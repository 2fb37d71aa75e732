/*
 * What plan/ needs of SQLite: the planner ops (plan.c's planner; no hazard
 * classifier yet) and the text a script runnable by the sqlite3 shell wraps
 * around a plan that runs with foreign keys off: the pragmas, and a
 * foreign-key check before COMMIT that rolls the whole change back when it
 * finds violations. plan/render.c writes the rest (BEGIN/COMMIT, statements,
 * hazards). It plans and executes nothing.
 */
#include "dialect/sqlite/sqlite.h"

/* The sqlite3 shell goes on after a failed statement unless told to stop; a
 * copy that failed must not be followed by its DROP TABLE. */
static const char fk_off_prologue[] =
	"-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the script\n"
	"PRAGMA foreign_keys = OFF;\n";

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

const plumb_planner_ops plumb__sqlite_planner = {
	.dialect = "sqlite",
	.plan = plumb__sqlite_plan,
	.classify = NULL,
	.online = NULL, /* every change takes the write lock: no online forms */
	.fk_off_prologue = fk_off_prologue,
	.fk_off_check = fk_check,
	.fk_off_epilogue = "PRAGMA foreign_keys = ON;\n",
};
