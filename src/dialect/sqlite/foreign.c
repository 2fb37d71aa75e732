/*
 * Another migration tool's tracking table, read for `plumb import`: whether
 * it exists in the main database, whether it has a column (from
 * pragma_table_info, so that telling two layouts of a table apart sends no
 * query that fails) and its rows as text. Reads only; the SELECT list is the
 * caller's (portable SQL), the table name is quoted here.
 */
#include <string.h>

#include "dialect/sqlite/sqlite.h"

int plumb__sqlite_foreign_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			       const char *schema, const char *table, const char *columns,
			       size_t n_cols, bool *found, plumb_vec *out)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st = NULL;
	plumb_buf sql;
	int rc = 0, step;
	(void)schema; /* one schema: main */
	*found = false;
	if (sqlite3_prepare_v2(
		    db, "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1", -1,
		    &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK)
		goto failed;
	step = sqlite3_step(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		goto failed;
	*found = step == SQLITE_ROW;
	sqlite3_finalize(st);
	st = NULL;
	if (!*found)
		return 0;
	plumb_buf_init(&sql, arena, 0);
	plumb_buf_printf(&sql, "SELECT %s FROM main.", columns);
	plumb_buf_quote_ident(&sql, table);
	if ((rc = plumb_buf_finish(&sql, ctx)) < 0)
		return rc;
	if (sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) != SQLITE_OK)
		goto failed;
	if ((size_t)sqlite3_column_count(st) != n_cols) {
		rc = plumb_error_set(ctx, PLUMB_EDB,
				     "could not read table \"%s\": expected %zu columns", table,
				     n_cols);
		goto done;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char **row = plumb_arena_alloc(arena, n_cols * sizeof(*row));
		if (!row || plumb_vec_push(arena, out, row) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		for (size_t k = 0; k < n_cols; k++) {
			const unsigned char *t = sqlite3_column_text(st, (int)k);
			row[k] = NULL;
			if (t && !(row[k] = plumb_arena_strdup(arena, (const char *)t))) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
	}
	if (step != SQLITE_DONE)
		goto failed;
	goto done;
failed:
	rc = plumb_error_set(ctx, PLUMB_EDB, "could not read table \"%s\": %s", table,
			     sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	return rc;
}

int plumb__sqlite_foreign_has_column(plumb_ctx *ctx, plumb_conn *conn, const char *schema,
				     const char *table, const char *column, bool *out)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st = NULL;
	int rc = 0, step;
	(void)schema; /* one schema: main */
	*out = false;
	/* no row, rather than an error, when the table is not there */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1, 'main') WHERE name = ?2",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC) != SQLITE_OK)
		goto failed;
	step = sqlite3_step(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		goto failed;
	*out = step == SQLITE_ROW;
	goto done;
failed:
	rc = plumb_error_set(ctx, PLUMB_EDB, "could not read table \"%s\": %s", table,
			     sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	return rc;
}
