/*
 * Private interface of the SQLite dialect, shared by its files: the
 * connection, the DDL reader (statements split into tokens with libpg_query's
 * scanner, which reads SQLite's DDL well enough to find names, clauses and
 * comments), the planner, the renderer and the tracking table.
 */
#ifndef PLUMB_DIALECT_SQLITE_H
#define PLUMB_DIALECT_SQLITE_H

#include <sqlite3.h>

#include "dialect/dialect.h"

typedef struct plumb_sqlite_conn {
	plumb_conn base;
	sqlite3 *db;
	const char *path;         /* file path, or ":memory:" */
	bool fk_was_on;           /* foreign_keys before begin turned them off */
	bool fk_off;              /* begin turned foreign keys off */
	plumb_vec renames;        /* plumb_sqlite_rename *: annotations seen by exec_script */
} plumb_sqlite_conn;

/* A rename annotation found in schema SQL: `-- plumb:renamed from=OLD`, or
 * sqldef's `-- @renamed from=OLD` / `/ * @renamed from=OLD * /`. */
typedef struct plumb_sqlite_rename {
	plumb_obj_kind kind;      /* PLUMB_OBJ_TABLE for tables and columns, PLUMB_OBJ_INDEX ... */
	const char *table;        /* the table (for columns), or NULL */
	const char *name;         /* new name of the object or column */
	const char *from;         /* old name */
	bool column;              /* a column of table */
} plumb_sqlite_rename;

/* --- conn.c ----------------------------------------------------------- */
bool plumb__sqlite_accepts_url(const char *url);
int plumb__sqlite_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out);
int plumb__sqlite_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, plumb_conn **out);
int plumb__sqlite_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file);
int plumb__sqlite_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			    const char *file, const char **failed_stmt);
int plumb__sqlite_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);
int plumb__sqlite_commit(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_rollback(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms);
int plumb__sqlite_unlock(plumb_ctx *ctx, plumb_conn *conn);
/* Records a SQLite error (message from db) as PLUMB_EDB, with file:line:col
 * when file is given (offset into text). */
int plumb__sqlite_error(plumb_ctx *ctx, sqlite3 *db, const char *file, const char *text,
			long offset, const char *what);

/* --- introspect.c ----------------------------------------------------- */
int plumb__sqlite_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			     plumb_catalog **out);
int plumb__sqlite_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out);

/* --- ddl.c: reading SQLite DDL text ------------------------------------ */

/* Canonical form of a piece of SQL for comparison: tokens joined by single
 * spaces, comments dropped, keywords and identifiers lower-cased (SQLite
 * identifiers are case-insensitive), identifiers unquoted where quoting is
 * not needed, string literals kept as they are. */
char *plumb__sqlite_canonical(plumb_arena *arena, const char *sql, size_t len);

/* The CREATE TABLE statement sql with its table name replaced by new_name
 * (quoted), everything else as it was. NULL on failure. */
char *plumb__sqlite_rename_create(plumb_arena *arena, const char *sql, const char *new_name);

/* Names (lower-cased, unquoted) of every identifier token in sql, for
 * finding which views and triggers mention a table or column. */
int plumb__sqlite_identifiers(plumb_arena *arena, const char *sql, plumb_vec *out);

/* --- plan.c / render.c ------------------------------------------------- */
int plumb__sqlite_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		       plumb_plan **out);
int plumb__sqlite_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan,
			 plumb_render_mode mode, char **out);

/* --- tracking.c --------------------------------------------------------- */
int plumb__sqlite_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
				plumb_vec *out);
int plumb__sqlite_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__sqlite_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version);

#endif
