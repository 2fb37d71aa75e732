/*
 * SQLite's tracking table, plumb_migrations in main unless the run names
 * another (ctx->tracking_table): creating it, reading its rows as
 * plumb_record, writing (insert or replace) and deleting one row, always with
 * bound parameters and the name quoted by SQLite. Reading never creates the
 * table (status must not write); transactions are the runner's business, not
 * this file's. drizzle-orm's table is drizzle.c's: every function hands over
 * to it first, and it uses the helpers here (errors, reading rows, a
 * statement run with values).
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

/* The tracking table's columns, after CREATE TABLE name. */
#define TRACKING_COLUMNS                                                                           \
	"(\n"                                                                                      \
	"  version TEXT PRIMARY KEY,\n"                                                            \
	"  name TEXT NOT NULL,\n"                                                                  \
	"  checksum TEXT NOT NULL,\n"                                                              \
	"  state TEXT NOT NULL CHECK (state IN (" PLUMB_RECORD_STATES_SQL ")),\n"                  \
	"  applied_at TEXT NOT NULL,\n"                                                            \
	"  duration_ms INTEGER NOT NULL DEFAULT 0,\n"                                              \
	"  applied_by TEXT,\n"                                                                     \
	"  error TEXT\n"                                                                           \
	")"

/* fmt with the tracking table's name for each %w (sqlite3_mprintf quotes
 * it; at most six), in a; NULL when out of memory. */
static char *sql_of(plumb_arena *a, const char *fmt, const char *table)
{
	char *m = sqlite3_mprintf(fmt, table, table, table, table, table, table);
	char *s = m ? plumb_arena_strdup(a, m) : NULL;
	sqlite3_free(m);
	return s;
}

int plumb__sqlite_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	const char *table = plumb_tracking_table(ctx);
	/* A table created before the state 'imported' existed is rebuilt with
	 * today's CHECK (SQLite cannot alter one), in a savepoint so it works
	 * inside and outside the runner's transaction. */
	static const char old[] = "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND "
				  "name = ?1 AND sql NOT LIKE '%imported%'";
	plumb_arena *tmp = NULL;
	sqlite3_stmt *st = NULL;
	char *sql, *rebuild;
	int rc = 0, found = 0;
	if (drizzle(conn))
		return plumb__sqlite_drizzle_ensure(ctx, conn);
	/* clang-format off */
	if (!(tmp = plumb_arena_new(ctx->root)) ||
	    !(sql = sql_of(tmp, "CREATE TABLE IF NOT EXISTS main.\"%w\" " TRACKING_COLUMNS, table)) ||
	    !(rebuild = sql_of(tmp,
		"SAVEPOINT plumb_tracking_upgrade;\n"
		"CREATE TABLE main.\"%w_new\" " TRACKING_COLUMNS ";\n"
		"INSERT INTO main.\"%w_new\" SELECT " COLUMNS " FROM main.\"%w\";\n"
		"DROP TABLE main.\"%w\";\n"
		"ALTER TABLE main.\"%w_new\" RENAME TO \"%w\";\n"
		"RELEASE plumb_tracking_upgrade", table))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	/* clang-format on */
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_tracking_error(ctx, db, table, "create");
		goto done;
	}
	if (sqlite3_prepare_v2(db, old, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = plumb__sqlite_tracking_error(ctx, db, table, "look for");
		goto done;
	}
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st); /* a statement reading the schema would lock the table */
	st = NULL;
	if (found && sqlite3_exec(db, rebuild, NULL, NULL, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_tracking_error(ctx, db, table, "update");
		sqlite3_exec(db,
			     "ROLLBACK TO plumb_tracking_upgrade; RELEASE plumb_tracking_upgrade",
			     NULL, NULL, NULL);
	}
done:
	sqlite3_finalize(st);
	plumb_arena_free(tmp);
	return rc;
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
	const char *table = plumb_tracking_table(ctx);
	if (drizzle(conn))
		return plumb__sqlite_drizzle_read(ctx, conn, arena, out);
	/* versions are digit strings: order them as numbers */
	char *sql = sql_of(arena,
			   "SELECT " COLUMNS " FROM main.\"%w\""
			   " ORDER BY length(ltrim(version, '0')), ltrim(version, '0'), version",
			   table);
	if (!sql)
		return plumb_error_nomem(ctx);
	return plumb__sqlite_tracking_each(ctx, ((plumb_sqlite_conn *)conn)->db, table, sql,
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
	const char *table = plumb_tracking_table(ctx);
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	char *sql = tmp ? sql_of(tmp,
				 "INSERT OR REPLACE INTO main.\"%w\""
				 " (" COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				 table)
			: NULL;
	int rc = sql ? plumb__sqlite_tracking_run(ctx, ((plumb_sqlite_conn *)conn)->db, table,
						  "write to", sql, 8, values)
		     : plumb_error_nomem(ctx);
	plumb_arena_free(tmp);
	return rc;
}

int plumb__sqlite_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	if (drizzle(conn))
		return plumb__sqlite_drizzle_delete(ctx, conn, version);
	const plumb_sqlite_value values[] = {{.text = version}};
	const char *table = plumb_tracking_table(ctx);
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	char *sql = tmp ? sql_of(tmp, "DELETE FROM main.\"%w\" WHERE version = ?1", table) : NULL;
	int rc = sql ? plumb__sqlite_tracking_run(ctx, ((plumb_sqlite_conn *)conn)->db, table,
						  "delete from", sql, 1, values)
		     : plumb_error_nomem(ctx);
	plumb_arena_free(tmp);
	return rc;
}
