/*
 * What `plumb reset` drops on SQLite: every view and table but SQLite's own,
 * written as DROP statements (indexes and triggers go with their table or
 * view). It runs nothing; the command runs the statements in one
 * transaction with foreign keys off.
 */
#include <sqlite3.h>

#include "dialect/sqlite/sqlite.h"

int plumb__sqlite_drop_all(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	sqlite3_stmt *st = NULL;
	int rc = 0, step;
	if (sqlite3_prepare_v2(c->db,
			       "SELECT 'DROP ' || upper(type) || ' IF EXISTS \"' || "
			       "replace(name, '\"', '\"\"') || '\"' FROM sqlite_schema "
			       "WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite\\_%' "
			       "ESCAPE '\\' ORDER BY type = 'table', name",
			       -1, &st, NULL) != SQLITE_OK)
		return plumb_error_set(ctx, PLUMB_EDB, "could not list the objects to drop: %s",
				       sqlite3_errmsg(c->db));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char *s = plumb_arena_strdup(arena, (const char *)sqlite3_column_text(st, 0));
		if (!s || plumb_vec_push(arena, out, s) < 0) {
			rc = plumb_error_nomem(ctx);
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = plumb_error_set(ctx, PLUMB_EDB, "could not list the objects to drop: %s",
				     sqlite3_errmsg(c->db));
	sqlite3_finalize(st);
	return rc;
}
