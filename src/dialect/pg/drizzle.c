/*
 * drizzle-orm's tracking table in PostgreSQL, drizzle.__drizzle_migrations,
 * as its migrator (PgDialect.migrate in drizzle-orm/src/pg-core/dialect.ts)
 * creates and fills it: the same CREATE SCHEMA and CREATE TABLE, rows of
 * (id serial, hash, created_at) with created_at the journal's `when`. Rows
 * are plumb_records whose version is created_at; drizzle has no failed
 * state, so none is ever written. Transactions and the lock are the
 * runner's; tracking.c hands over to these functions.
 */
#include <string.h>

#include "dialect/pg/pg.h"

#define TABLE "\"drizzle\".\"__drizzle_migrations\""
#define WHAT(verb) "could not " verb " tracking table \"drizzle.__drizzle_migrations\""

int plumb__pg_drizzle_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	int rc;
	/* drizzle-orm's statements, whitespace included */
	if ((rc = plumb__pg_command(ctx, c, WHAT("create"),
				    "CREATE SCHEMA IF NOT EXISTS \"drizzle\"")) < 0)
		return rc;
	return plumb__pg_command(ctx, c, WHAT("create"),
				 "\n\t\t\tCREATE TABLE IF NOT EXISTS " TABLE " (\n"
				 "\t\t\t\tid SERIAL PRIMARY KEY,\n"
				 "\t\t\t\thash text NOT NULL,\n"
				 "\t\t\t\tcreated_at bigint\n"
				 "\t\t\t)\n\t\t");
}

int plumb__pg_drizzle_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	PGresult *res = NULL;
	plumb_arena *tmp = NULL;
	const char *prev = NULL;
	bool exists;
	int rc = 0;

	if (!(tmp = plumb_arena_new(arena))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_table_exists(ctx, c, WHAT("look for"), TABLE, &exists)) < 0 || !exists)
		goto done;
	if ((rc = plumb__pg_query(ctx, tmp, c, WHAT("read"),
				  "SELECT hash, created_at::text FROM " TABLE "\n"
				  "WHERE created_at >= 0\n"
				  "ORDER BY created_at, id",
				  0, NULL, &res)) < 0)
		goto done;
	for (int i = 0; rc == 0 && i < PQntuples(res); i++)
		rc = plumb_record_drizzle_add(ctx, arena, out, PQgetvalue(res, i, 1),
					      PQgetvalue(res, i, 0), &prev);
done:
	plumb_arena_free(tmp);
	return rc;
}

int plumb__pg_drizzle_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	long long when;
	bool changed = false;
	int rc;

	if ((rc = plumb_record_drizzle_when(ctx, rec, &when)) < 0)
		return rc;
	const char *params[] = {rec->checksum ? rec->checksum : "", rec->version};
	/* a row already there (repair accepting a new hash) is updated */
	if ((rc = plumb__pg_exec(ctx, c, WHAT("write to"),
				 "UPDATE " TABLE " SET hash = $1 WHERE created_at = $2::bigint", 2,
				 params, &changed)) < 0 ||
	    changed)
		return rc;
	/* drizzle-orm's INSERT */
	return plumb__pg_exec(ctx, c, WHAT("write to"),
			      "insert into " TABLE " (\"hash\", \"created_at\") values($1, $2)", 2,
			      params, NULL);
}

int plumb__pg_drizzle_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	return plumb__pg_exec(ctx, (plumb_pg_conn *)conn, WHAT("delete from"),
			      "DELETE FROM " TABLE " WHERE created_at = $1::bigint", 1, &version,
			      NULL);
}
