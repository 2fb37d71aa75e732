/*
 * Another migration tool's tracking table, read for `plumb import`: whether
 * it exists, whether it has a column (from the catalog, so that telling two
 * layouts of a table apart sends no query that fails) and its rows as text.
 * Reads only; the SELECT list is the caller's (portable SQL), the table
 * name is quoted here.
 */
#include <string.h>

#include "dialect/pg/pg.h"

/* schema.table quoted as SQL (schema NULL: the search path's), and the
 * prefix of an error about it. */
static int qualified(plumb_ctx *ctx, plumb_arena *arena, const char *schema, const char *table,
		     const char **out, const char **what)
{
	plumb_buf name;
	int rc;
	plumb_buf_init(&name, arena, 0);
	if (schema) {
		plumb_buf_quote_ident(&name, schema);
		plumb_buf_putc(&name, '.');
	}
	plumb_buf_quote_ident(&name, table);
	if ((rc = plumb_buf_finish(&name, ctx)) < 0)
		return rc;
	*out = name.data;
	if (!(*what = plumb_arena_printf(arena, "could not read table %s", name.data)))
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb__pg_foreign_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *schema,
			   const char *table, const char *columns, size_t n_cols, bool *found,
			   plumb_vec *out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	PGresult *res;
	plumb_buf sql;
	const char *name, *what;
	int rc;
	plumb_arena *tmp = plumb_arena_new(arena);
	if (!tmp)
		return plumb_error_nomem(ctx);
	*found = false;
	if ((rc = qualified(ctx, tmp, schema, table, &name, &what)) < 0 ||
	    (rc = plumb__pg_table_exists(ctx, c, what, name, found)) < 0 || !*found)
		goto done;
	plumb_buf_init(&sql, tmp, 0);
	plumb_buf_printf(&sql, "SELECT %s FROM %s", columns, name);
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

int plumb__pg_foreign_has_column(plumb_ctx *ctx, plumb_conn *conn, const char *schema,
				 const char *table, const char *column, bool *out)
{
	PGresult *res;
	const char *params[2] = {NULL, column};
	const char *what;
	int rc;
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	if (!tmp)
		return plumb_error_nomem(ctx);
	*out = false;
	/* to_regclass: NULL, and so no row, when the table is not there */
	if ((rc = qualified(ctx, tmp, schema, table, &params[0], &what)) < 0 ||
	    (rc = plumb__pg_query(ctx, tmp, (plumb_pg_conn *)conn, what,
				  "SELECT 1 FROM pg_catalog.pg_attribute\n"
				  "WHERE attrelid = pg_catalog.to_regclass($1) AND attname = $2\n"
				  "  AND attnum > 0 AND NOT attisdropped",
				  2, params, &res)) < 0)
		goto done;
	*out = PQntuples(res) > 0;
done:
	plumb_arena_free(tmp);
	return rc;
}
