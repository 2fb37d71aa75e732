/*
 * Probes of a plan's hazards on a live PostgreSQL database: a query of one
 * boolean saying whether a statement would fail on the rows there now (a
 * NOT NULL column added to a table with rows, SET NOT NULL over NULLs).
 * Reads only.
 */
#include "dialect/pg/pg.h"

int plumb__pg_probe(plumb_ctx *ctx, plumb_conn *conn, const char *sql, bool *out)
{
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	PGresult *r = NULL;
	int rc = 0;

	*out = false;
	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_query(ctx, tmp, (plumb_pg_conn *)conn, "could not check the data", sql,
				  0, NULL, &r)) < 0)
		goto done;
	*out = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) && PQgetvalue(r, 0, 0)[0] == 't';
done:
	plumb_arena_free(tmp);
	return rc;
}
