/*
 * SQLite's tracking table plumb_migrations: creating it, reading its rows as
 * plumb_record, writing (insert or replace) and deleting one row, always with
 * bound parameters. Reading never creates the table (status must not write);
 * transactions are the runner's business, not this file's. drizzle-orm's
 * table is drizzle.c's: every function hands over to it first.
 */
#include <string.h>

#include "dialect/sqlite/drizzle.h"
#include "dialect/sqlite/sqlite.h"

static bool drizzle(const plumb_conn *conn)
{
	return conn->tracking == PLUMB_TRACKING_DRIZZLE;
}

#define COLUMNS "version, name, checksum, state, applied_at, duration_ms, applied_by, error"

static int db_error(plumb_ctx *ctx, sqlite3 *db, const char *what)
{
	int rc = plumb_error_set(ctx, PLUMB_EDB, "could not %s tracking table \"%s\": %s", what,
				 PLUMB_TRACKING_TABLE, sqlite3_errmsg(db));
	return rc;
}

int plumb__sqlite_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	static const char sql[] =
		"CREATE TABLE IF NOT EXISTS " PLUMB_TRACKING_TABLE " (\n"
		"  version TEXT PRIMARY KEY,\n"
		"  name TEXT NOT NULL,\n"
		"  checksum TEXT NOT NULL,\n"
		"  state TEXT NOT NULL CHECK (state IN ('applied','failed','baseline')),\n"
		"  applied_at TEXT NOT NULL,\n"
		"  duration_ms INTEGER NOT NULL DEFAULT 0,\n"
		"  applied_by TEXT,\n"
		"  error TEXT\n"
		")";
	if (drizzle(conn))
		return plumb__sqlite_drizzle_ensure(ctx, conn);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(ctx, db, "create");
	return 0;
}

static const char *col_text(plumb_arena *a, sqlite3_stmt *st, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	char *s = plumb_arena_strdup(a, (const char *)t);
	if (!s)
		*oom = true;
	return s;
}

int plumb__sqlite_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
				plumb_vec *out)
{
	int rc = 0, step;
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st = NULL;
	int exists;
	bool oom = false;

	if (drizzle(conn))
		return plumb__sqlite_drizzle_read(ctx, conn, arena, out);
	if ((exists = plumb__sqlite_table_exists(db, PLUMB_TRACKING_TABLE)) < 0) {
		rc = db_error(ctx, db, "look for");
		goto done;
	}
	if (!exists)
		goto done;

	/* versions are digit strings: order them as numbers */
	if (sqlite3_prepare_v2(
		    db,
		    "SELECT " COLUMNS " FROM main." PLUMB_TRACKING_TABLE
		    " ORDER BY length(ltrim(version, '0')), ltrim(version, '0'), version",
		    -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(ctx, db, "read");
		goto done;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		plumb_record *r = plumb_arena_alloc(arena, sizeof(*r));
		if (!r) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		r->version = col_text(arena, st, 0, &oom);
		r->name = col_text(arena, st, 1, &oom);
		r->checksum = col_text(arena, st, 2, &oom);
		const char *state = (const char *)sqlite3_column_text(st, 3);
		r->applied_at = col_text(arena, st, 4, &oom);
		r->duration_ms = (long)sqlite3_column_int64(st, 5);
		r->applied_by = col_text(arena, st, 6, &oom);
		r->error = col_text(arena, st, 7, &oom);
		if (oom || plumb_vec_push(arena, out, r) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		int s = plumb_record_state_parse(state);
		if (s < 0 || !r->version) {
			rc = plumb_error_set(ctx, PLUMB_EDB,
					     "tracking table \"%s\" has a row with state \"%s\"",
					     PLUMB_TRACKING_TABLE, state ? state : "(null)");
			goto done;
		}
		r->state = (plumb_record_state)s;
		if (!r->name)
			r->name = "";
		if (!r->checksum)
			r->checksum = "";
	}
	if (step != SQLITE_DONE)
		rc = db_error(ctx, db, "read");
done:
	sqlite3_finalize(st);
	return rc;
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int plumb__sqlite_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	int rc = 0;
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st = NULL;
	if (drizzle(conn))
		return plumb__sqlite_drizzle_write(ctx, conn, rec);
	if (sqlite3_prepare_v2(db,
			       "INSERT OR REPLACE INTO main." PLUMB_TRACKING_TABLE " (" COLUMNS
			       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			       -1, &st, NULL) != SQLITE_OK ||
	    bind_text(st, 1, rec->version) != SQLITE_OK ||
	    bind_text(st, 2, rec->name ? rec->name : "") != SQLITE_OK ||
	    bind_text(st, 3, rec->checksum ? rec->checksum : "") != SQLITE_OK ||
	    bind_text(st, 4, plumb_record_state_name(rec->state)) != SQLITE_OK ||
	    bind_text(st, 5, rec->applied_at ? rec->applied_at : "") != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, rec->duration_ms) != SQLITE_OK ||
	    bind_text(st, 7, rec->applied_by) != SQLITE_OK ||
	    bind_text(st, 8, rec->error) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(ctx, db, "write to");
	sqlite3_finalize(st);
	return rc;
}

int plumb__sqlite_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	int rc = 0;
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st = NULL;
	if (drizzle(conn))
		return plumb__sqlite_drizzle_delete(ctx, conn, version);
	if (sqlite3_prepare_v2(db, "DELETE FROM main." PLUMB_TRACKING_TABLE " WHERE version = ?1",
			       -1, &st, NULL) != SQLITE_OK ||
	    bind_text(st, 1, version) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(ctx, db, "delete from");
	sqlite3_finalize(st);
	return rc;
}
