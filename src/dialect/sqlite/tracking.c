/*
 * SQLite's tracking table plumb_migrations: creating it, reading its rows as
 * plumb_record, writing (insert or replace) and deleting one row, always with
 * bound parameters. Reading never creates the table (status must not write);
 * transactions are the runner's business, not this file's. drizzle-orm's
 * table is drizzle.c's: every function hands over to it first, and it uses
 * the helpers here (errors, reading rows, a statement run with values).
 */
#include <string.h>

#include "dialect/sqlite/drizzle.h"
#include "dialect/sqlite/sqlite.h"

static bool drizzle(const plumb_conn *conn)
{
	return conn->tracking == PLUMB_TRACKING_DRIZZLE;
}

#define COLUMNS "version, name, checksum, state, applied_at, duration_ms, applied_by, error"

int plumb__sqlite_tracking_error(plumb_ctx *ctx, sqlite3 *db, const char *table,
				 const char *what)
{
	return plumb_error_set(ctx, PLUMB_EDB, "could not %s tracking table \"%s\": %s", what,
			       table, sqlite3_errmsg(db));
}

int plumb__sqlite_tracking_each(plumb_ctx *ctx, sqlite3 *db, const char *table, const char *sql,
				int (*fn)(plumb_ctx *ctx, sqlite3_stmt *st, void *payload),
				void *payload)
{
	sqlite3_stmt *st = NULL;
	int rc = 0, step;
	int exists = plumb__sqlite_table_exists(db, table);
	if (exists <= 0)
		return exists < 0 ? plumb__sqlite_tracking_error(ctx, db, table, "look for") : 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_tracking_error(ctx, db, table, "read");
		goto done;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(ctx, st, payload)) < 0)
			goto done;
	if (step != SQLITE_DONE)
		rc = plumb__sqlite_tracking_error(ctx, db, table, "read");
done:
	sqlite3_finalize(st);
	return rc;
}

int plumb__sqlite_tracking_run(plumb_ctx *ctx, sqlite3 *db, const char *table, const char *what,
			       const char *sql, size_t n, const plumb_sqlite_value *values)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	bool ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < n; i++) {
		const plumb_sqlite_value *v = &values[i];
		int at = (int)i + 1;
		if (v->is_integer)
			ok = sqlite3_bind_int64(st, at, v->integer) == SQLITE_OK;
		else if (v->text)
			ok = sqlite3_bind_text(st, at, v->text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
		else
			ok = sqlite3_bind_null(st, at) == SQLITE_OK;
	}
	if (!ok || sqlite3_step(st) != SQLITE_DONE)
		rc = plumb__sqlite_tracking_error(ctx, db, table, what);
	sqlite3_finalize(st);
	return rc;
}

/* The tracking table's DDL, the table called name. */
#define TRACKING_DDL(name)                                                                         \
	"CREATE TABLE " name " (\n"                                                                \
	"  version TEXT PRIMARY KEY,\n"                                                            \
	"  name TEXT NOT NULL,\n"                                                                  \
	"  checksum TEXT NOT NULL,\n"                                                              \
	"  state TEXT NOT NULL CHECK (state IN (" PLUMB_RECORD_STATES_SQL ")),\n"                  \
	"  applied_at TEXT NOT NULL,\n"                                                            \
	"  duration_ms INTEGER NOT NULL DEFAULT 0,\n"                                              \
	"  applied_by TEXT,\n"                                                                     \
	"  error TEXT\n"                                                                           \
	")"

int plumb__sqlite_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	/* A table created before the state 'imported' existed is rebuilt with
	 * today's CHECK (SQLite cannot alter one), in a savepoint so it works
	 * inside and outside the runner's transaction. */
	static const char old[] =
		"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" PLUMB_TRACKING_TABLE
		"' AND sql NOT LIKE '%imported%'";
	/* clang-format off */
	static const char sql[] = TRACKING_DDL("IF NOT EXISTS " PLUMB_TRACKING_TABLE);
	static const char rebuild[] =
		"SAVEPOINT plumb_tracking_upgrade;\n"
		TRACKING_DDL("plumb_migrations_new") ";\n"
		"INSERT INTO plumb_migrations_new SELECT " COLUMNS " FROM " PLUMB_TRACKING_TABLE ";\n"
		"DROP TABLE " PLUMB_TRACKING_TABLE ";\n"
		"ALTER TABLE plumb_migrations_new RENAME TO " PLUMB_TRACKING_TABLE ";\n"
		"RELEASE plumb_tracking_upgrade";
	/* clang-format on */
	if (drizzle(conn))
		return plumb__sqlite_drizzle_ensure(ctx, conn);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return plumb__sqlite_tracking_error(ctx, db, PLUMB_TRACKING_TABLE, "create");
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(db, old, -1, &st, NULL) != SQLITE_OK)
		return plumb__sqlite_tracking_error(ctx, db, PLUMB_TRACKING_TABLE, "look for");
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (found && sqlite3_exec(db, rebuild, NULL, NULL, NULL) != SQLITE_OK) {
		int rc = plumb__sqlite_tracking_error(ctx, db, PLUMB_TRACKING_TABLE, "update");
		sqlite3_exec(db,
			     "ROLLBACK TO plumb_tracking_upgrade; RELEASE plumb_tracking_upgrade",
			     NULL, NULL, NULL);
		return rc;
	}
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

typedef struct reading {
	plumb_arena *arena;
	plumb_vec *out;
} reading;

static int read_row(plumb_ctx *ctx, sqlite3_stmt *st, void *payload)
{
	reading *rd = payload;
	plumb_arena *arena = rd->arena;
	bool oom = false;
	plumb_record *r = plumb_arena_alloc(arena, sizeof(*r));
	if (!r)
		return plumb_error_nomem(ctx);
	r->version = col_text(arena, st, 0, &oom);
	r->name = col_text(arena, st, 1, &oom);
	r->checksum = col_text(arena, st, 2, &oom);
	r->applied_at = col_text(arena, st, 4, &oom);
	r->duration_ms = (long)sqlite3_column_int64(st, 5);
	r->applied_by = col_text(arena, st, 6, &oom);
	r->error = col_text(arena, st, 7, &oom);
	if (oom || plumb_vec_push(arena, rd->out, r) < 0)
		return plumb_error_nomem(ctx);
	return plumb_record_finish(ctx, r, (const char *)sqlite3_column_text(st, 3));
}

int plumb__sqlite_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
				plumb_vec *out)
{
	reading rd = {arena, out};
	if (drizzle(conn))
		return plumb__sqlite_drizzle_read(ctx, conn, arena, out);
	/* versions are digit strings: order them as numbers */
	return plumb__sqlite_tracking_each(
		ctx, ((plumb_sqlite_conn *)conn)->db, PLUMB_TRACKING_TABLE,
		"SELECT " COLUMNS " FROM main." PLUMB_TRACKING_TABLE
		" ORDER BY length(ltrim(version, '0')), ltrim(version, '0'), version",
		read_row, &rd);
}

int plumb__sqlite_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	if (drizzle(conn))
		return plumb__sqlite_drizzle_write(ctx, conn, rec);
	const plumb_sqlite_value values[] = {
		{.text = rec->version},
		{.text = rec->name ? rec->name : ""},
		{.text = rec->checksum ? rec->checksum : ""},
		{.text = plumb_record_state_name(rec->state)},
		{.text = rec->applied_at ? rec->applied_at : ""},
		{.integer = rec->duration_ms, .is_integer = true},
		{.text = rec->applied_by},
		{.text = rec->error},
	};
	return plumb__sqlite_tracking_run(ctx, ((plumb_sqlite_conn *)conn)->db, PLUMB_TRACKING_TABLE,
					  "write to",
					  "INSERT OR REPLACE INTO main." PLUMB_TRACKING_TABLE
					  " (" COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
					  8, values);
}

int plumb__sqlite_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	if (drizzle(conn))
		return plumb__sqlite_drizzle_delete(ctx, conn, version);
	const plumb_sqlite_value values[] = {{.text = version}};
	return plumb__sqlite_tracking_run(ctx, ((plumb_sqlite_conn *)conn)->db, PLUMB_TRACKING_TABLE,
					  "delete from",
					  "DELETE FROM main." PLUMB_TRACKING_TABLE " WHERE version = ?1",
					  1, values);
}
