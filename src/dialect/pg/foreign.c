/*
 * Another migration tool's tracking table, read for `plumb import`: whether
 * it exists and its rows as text. Reads only; the SELECT list is the
 * caller's (portable SQL), the table name is quoted here.
 */
#include <string.h>

#include "dialect/pg/pg.h"

int plumb__pg_foreign_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *schema,
			   const char *table, const char *columns, size_t n_cols, bool *found,
			   plumb_vec *out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	PGresult *res;
	plumb_buf name, sql;
	int rc;
	plumb_arena *tmp = plumb_arena_new(arena);
	if (!tmp)
		return plumb_error_nomem(ctx);
	*found = false;
	plumb_buf_init(&name, tmp, 0);
	if (schema) {
		plumb_buf_quote_ident(&name, schema);
		plumb_buf_putc(&name, '.');
	}
	plumb_buf_quote_ident(&name, table);
	if ((rc = plumb_buf_finish(&name, ctx)) < 0)
		goto done;
	const char *what = plumb_arena_printf(tmp, "could not read table %s", name.data);
	if (!what) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_table_exists(ctx, c, what, name.data, found)) < 0 || !*found)
		goto done;
	plumb_buf_init(&sql, tmp, 0);
	plumb_buf_printf(&sql, "SELECT %s FROM %s", columns, name.data);
	if ((rc = plumb_buf_finish(&sql, ctx)) < 0 ||
	    (rc = plumb__pg_query(ctx, tmp, c, what, sql.data, 0, NULL, &res)) < 0)
		goto done;
	if ((size_t)PQnfields(res) != n_cols) {
		rc = plumb_error_set(ctx, PLUMB_EDB, "%s: expected %zu columns", what, n_cols);
		goto done;
	}
	for (int i = 0; i < PQntuples(res); i++) {
		char **row = plumb_arena_alloc(arena, n_cols * sizeof(*row));
		if (!row || plumb_vec_push(arena, out, row) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		for (size_t k = 0; k < n_cols; k++) {
			row[k] = NULL;
			if (PQgetisnull(res, i, (int)k))
				continue;
			if (!(row[k] = plumb_arena_strdup(arena, PQgetvalue(res, i, (int)k)))) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
	}
done:
	plumb_arena_free(tmp);
	return rc;
}
