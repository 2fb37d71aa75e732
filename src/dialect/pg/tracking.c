/*
 * PostgreSQL's tracking table, public.plumb_migrations unless the run puts it
 * elsewhere (ctx->tracking_*): creating it (and its schema), reading its rows
 * as plumb_record, writing (insert or update) and deleting one row, always
 * with parameters. The table is schema-qualified and quoted, so search_path
 * does not matter; reading never creates it (status must not write).
 * Drizzle's table is drizzle.c's business: every function hands over to it
 * first. Transactions are the runner's, not this file's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/pg.h"

#define COLUMNS "version, name, checksum, state, applied_at, duration_ms, applied_by, error"

static bool drizzle(const plumb_conn *conn)
{
	return conn->tracking == PLUMB_TRACKING_DRIZZLE;
}

/* The schema the table lives in: the configured one, else public. */
static const char *schema_of(const plumb_ctx *ctx)
{
	const char *s = plumb_tracking_schema(ctx);
	return s ? s : "public";
}

/* name quoted by libpq into a; NULL when out of memory. */
static char *quoted(plumb_arena *a, PGconn *pg, const char *name)
{
	char *q = PQescapeIdentifier(pg, name, strlen(name));
	char *s = q ? plumb_arena_strdup(a, q) : NULL;
	PQfreemem(q);
	return s;
}

/* The table as SQL names it, "schema"."name", in a; NULL when out of memory. */
static const char *table_sql(plumb_ctx *ctx, plumb_arena *a, const plumb_pg_conn *c)
{
	char *s = quoted(a, c->pg, schema_of(ctx)),
	     *t = quoted(a, c->pg, plumb_tracking_table(ctx));
	return s && t ? plumb_arena_printf(a, "%s.%s", s, t) : NULL;
}

/* The `what` of a failure: could not VERB tracking table "plumb_migrations". */
static const char *what(plumb_ctx *ctx, plumb_arena *a, const char *verb)
{
	const char *w = plumb_arena_printf(a, "could not %s tracking table \"%s\"", verb,
					   plumb_tracking_shown(ctx, a));
	return w ? w : "could not use the tracking table";
}

/* Creates the configured schema when it is missing (checked first: CREATE
 * SCHEMA IF NOT EXISTS needs the right to create one even when it exists). */
static int ensure_schema(plumb_ctx *ctx, plumb_arena *a, plumb_pg_conn *c)
{
	const char *schema = plumb_tracking_schema(ctx);
	PGresult *res;
	int rc;
	if (!schema)
		return 0;
	if ((rc = plumb__pg_query(ctx, a, c, what(ctx, a, "look for"),
				  "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", 1,
				  &schema, &res)) < 0 ||
	    PQntuples(res) > 0)
		return rc;
	const char *q = quoted(a, c->pg, schema);
	const char *sql = q ? plumb_arena_printf(a, "CREATE SCHEMA IF NOT EXISTS %s", q) : NULL;
	if (!sql)
		return plumb_error_nomem(ctx);
	return plumb__pg_command(ctx, c, what(ctx, a, "create"), sql);
}

int plumb__pg_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	/* A table created before the state 'imported' existed gets the
	 * CHECK of today's table (once: the query finds it then). */
	static const char upgrade[] = "SELECT c.conname FROM pg_constraint c\n"
				      "WHERE c.conrelid = $1::regclass AND c.contype = 'c'\n"
				      "  AND pg_get_constraintdef(c.oid) LIKE '%state%'\n"
				      "  AND pg_get_constraintdef(c.oid) NOT LIKE '%imported%'";
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	PGresult *res;
	const char *table, *sql;
	int rc;
	if (drizzle(conn))
		return plumb__pg_drizzle_ensure(ctx, conn);
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	if (!tmp)
		return plumb_error_nomem(ctx);
	if (!(table = table_sql(ctx, tmp, c)) ||
	    !(sql = plumb_arena_printf(
		      tmp,
		      "CREATE TABLE IF NOT EXISTS %s (\n"
		      "  version text PRIMARY KEY,\n"
		      "  name text NOT NULL,\n"
		      "  checksum text NOT NULL,\n"
		      "  state text NOT NULL CHECK (state IN (" PLUMB_RECORD_STATES_SQL ")),\n"
		      "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
		      "  duration_ms bigint NOT NULL DEFAULT 0,\n"
		      "  applied_by text,\n"
		      "  error text\n"
		      ")",
		      table))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = ensure_schema(ctx, tmp, c)) < 0 ||
	    (rc = plumb__pg_command(ctx, c, what(ctx, tmp, "create"), sql)) < 0)
		goto done;
	if ((rc = plumb__pg_query(ctx, tmp, c, what(ctx, tmp, "read"), upgrade, 1, &table, &res)) ==
		    0 &&
	    PQntuples(res) > 0) {
		plumb_buf b;
		plumb_buf_init(&b, tmp, 0);
		plumb_buf_printf(&b, "ALTER TABLE %s DROP CONSTRAINT ", table);
		plumb_buf_quote_ident(&b, PQgetvalue(res, 0, 0));
		plumb_buf_puts(&b, ", ADD CONSTRAINT ");
		plumb_buf_quote_ident(&b, PQgetvalue(res, 0, 0));
		plumb_buf_puts(&b, " CHECK (state IN (" PLUMB_RECORD_STATES_SQL "))");
		if ((rc = plumb_buf_finish(&b, ctx)) == 0)
			rc = plumb__pg_command(ctx, c, what(ctx, tmp, "update"), b.data);
	}
done:
	plumb_arena_free(tmp);
	return rc;
}

static const char *value(plumb_arena *a, const PGresult *res, int row, int col, bool *oom)
{
	if (PQgetisnull(res, row, col))
		return NULL;
	char *s = plumb_arena_strdup(a, PQgetvalue(res, row, col));
	if (!s)
		*oom = true;
	return s;
}

#define RECORD_COLUMNS                                                                             \
	"SELECT version, name, checksum, state,\n"                                                 \
	"       to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),\n"       \
	"       duration_ms, applied_by, error\n"                                                  \
	"FROM %s\n"

/* The rows (all, or only the one of version) into out. Reading all checks
 * first that the table exists; reading one assumes it does. */
static int read_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *version,
		     plumb_vec *out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	PGresult *res = NULL;
	plumb_arena *tmp = NULL;
	bool oom = false;
	int rc = 0;

	const char *table, *sql;

	if (!(tmp = plumb_arena_new(arena)) || !(table = table_sql(ctx, tmp, c))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (version) {
		if (!(sql = plumb_arena_printf(tmp, RECORD_COLUMNS "WHERE version = $1", table))) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if ((rc = plumb__pg_query(ctx, tmp, c, what(ctx, tmp, "read"), sql, 1, &version,
					  &res)) < 0)
			goto done;
	} else {
		bool exists;
		if ((rc = plumb__pg_table_exists(ctx, c, what(ctx, tmp, "look for"), table,
						 &exists)) < 0 ||
		    !exists)
			goto done;
		/* versions are digit strings: order them as numbers */
		if (!(sql = plumb_arena_printf(tmp,
					       RECORD_COLUMNS
					       "ORDER BY length(ltrim(version, '0')), "
					       "ltrim(version, '0') COLLATE \"C\",\n"
					       "         version COLLATE \"C\"",
					       table))) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if ((rc = plumb__pg_query(ctx, tmp, c, what(ctx, tmp, "read"), sql, 0, NULL,
					  &res)) < 0)
			goto done;
	}
	for (int i = 0; i < PQntuples(res); i++) {
		plumb_record *r = plumb_arena_alloc(arena, sizeof(*r));
		if (!r) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		r->version = value(arena, res, i, 0, &oom);
		r->name = value(arena, res, i, 1, &oom);
		r->checksum = value(arena, res, i, 2, &oom);
		r->applied_at = value(arena, res, i, 4, &oom);
		r->duration_ms = strtol(PQgetvalue(res, i, 5), NULL, 10);
		r->applied_by = value(arena, res, i, 6, &oom);
		r->error = value(arena, res, i, 7, &oom);
		if (oom || plumb_vec_push(arena, out, r) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if ((rc = plumb_record_finish(ctx, r, PQgetvalue(res, i, 3))) < 0)
			goto done;
	}
done:
	plumb_arena_free(tmp);
	return rc;
}

int plumb__pg_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			    plumb_vec *out)
{
	if (drizzle(conn))
		return plumb__pg_drizzle_read(ctx, conn, arena, out);
	return read_rows(ctx, conn, arena, NULL, out);
}

int plumb__pg_tracking_get(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			   const char *version, plumb_record **out)
{
	plumb_vec rows = {0};
	int rc;
	*out = NULL;
	if (drizzle(conn)) {
		/* drizzle's table has no version column to look up: read it all */
		rc = plumb__pg_drizzle_read(ctx, conn, arena, &rows);
		for (size_t i = 0; rc == 0 && i < rows.n; i++)
			if (strcmp(((plumb_record *)rows.items[i])->version, version) == 0)
				*out = rows.items[i];
		return rc;
	}
	rc = read_rows(ctx, conn, arena, version, &rows);
	if (rc == 0 && rows.n)
		*out = rows.items[0];
	return rc;
}

/* Inserts or updates the row of $1 in the table %s. */
#define WRITE_SQL                                                                                  \
	"INSERT INTO %s (" COLUMNS ")\n"                                                           \
	"VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6::bigint, $7, $8)\n"          \
	"ON CONFLICT (version) DO UPDATE SET\n"                                                    \
	"  name = EXCLUDED.name, checksum = EXCLUDED.checksum,\n"                                  \
	"  state = EXCLUDED.state, applied_at = EXCLUDED.applied_at,\n"                            \
	"  duration_ms = EXCLUDED.duration_ms, applied_by = EXCLUDED.applied_by,\n"                \
	"  error = EXCLUDED.error"

int plumb__pg_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	char duration[32];
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	if (drizzle(conn))
		return plumb__pg_drizzle_write(ctx, conn, rec);
	snprintf(duration, sizeof(duration), "%ld", rec->duration_ms);
	const char *params[] = {
		rec->version,
		rec->name ? rec->name : "",
		rec->checksum ? rec->checksum : "",
		plumb_record_state_name(rec->state),
		rec->applied_at && *rec->applied_at ? rec->applied_at : NULL,
		duration,
		rec->applied_by,
		rec->error,
	};
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	const char *table = tmp ? table_sql(ctx, tmp, c) : NULL;
	const char *sql = table ? plumb_arena_printf(tmp, WRITE_SQL, table) : NULL;
	int rc = sql ? plumb__pg_exec(ctx, c, what(ctx, tmp, "write to"), sql, 8, params, NULL)
		     : plumb_error_nomem(ctx);
	plumb_arena_free(tmp);
	return rc;
}

int plumb__pg_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	if (drizzle(conn))
		return plumb__pg_drizzle_delete(ctx, conn, version);
	plumb_arena *tmp = plumb_arena_new(ctx->root);
	const char *table = tmp ? table_sql(ctx, tmp, c) : NULL;
	const char *sql =
		table ? plumb_arena_printf(tmp, "DELETE FROM %s WHERE version = $1", table) : NULL;
	int rc = sql ? plumb__pg_exec(ctx, c, what(ctx, tmp, "delete from"), sql, 1, &version, NULL)
		     : plumb_error_nomem(ctx);
	plumb_arena_free(tmp);
	return rc;
}

/* Appends s as a SQL literal, or NULL. */
static void put_literal(plumb_buf *b, PGconn *pg, const char *s)
{
	if (!s) {
		plumb_buf_puts(b, "NULL");
		return;
	}
	char *lit = PQescapeLiteral(pg, s, strlen(s));
	if (!lit) {
		b->failed = true;
		return;
	}
	plumb_buf_puts(b, lit);
	PQfreemem(lit);
}

int plumb__pg_commit_record(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	plumb_arena *tmp = NULL;
	PGresult *res, *failed = NULL;
	plumb_buf b;
	int rc = 0;

	if (drizzle(conn)) {
		if ((rc = plumb__pg_drizzle_write(ctx, conn, rec)) < 0)
			return rc;
		return plumb__pg_commit(ctx, conn);
	}
	if (!(tmp = plumb_arena_new(ctx->root)))
		return plumb_error_nomem(ctx);
	/* The new row and COMMIT in one round trip. A plain INSERT: if another
	 * runner recorded this version meanwhile, the primary key refuses it,
	 * the transaction (and the migration in it) is void, and COMMIT never
	 * runs. */
	const char *table = table_sql(ctx, tmp, c);
	if (!table) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	plumb_buf_init(&b, tmp, 0);
	plumb_buf_printf(&b, "INSERT INTO %s (" COLUMNS ") VALUES (", table);
	put_literal(&b, c->pg, rec->version);
	plumb_buf_puts(&b, ", ");
	put_literal(&b, c->pg, rec->name ? rec->name : "");
	plumb_buf_puts(&b, ", ");
	put_literal(&b, c->pg, rec->checksum ? rec->checksum : "");
	plumb_buf_puts(&b, ", ");
	put_literal(&b, c->pg, plumb_record_state_name(rec->state));
	plumb_buf_puts(&b, ", coalesce(");
	put_literal(&b, c->pg, rec->applied_at && *rec->applied_at ? rec->applied_at : NULL);
	plumb_buf_printf(&b, "::timestamptz, now()), %ld, ", rec->duration_ms);
	put_literal(&b, c->pg, rec->applied_by);
	plumb_buf_puts(&b, ", ");
	put_literal(&b, c->pg, rec->error);
	plumb_buf_puts(&b, "); COMMIT");
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		goto done;
	if (!PQsendQuery(c->pg, b.data)) {
		rc = plumb__pg_error(ctx, c->pg, NULL, what(ctx, tmp, "write to"), NULL, NULL);
		goto done;
	}
	while ((res = PQgetResult(c->pg))) {
		ExecStatusType st = PQresultStatus(res);
		if (!failed && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
			failed = res;
		else
			PQclear(res);
	}
	if (!failed) {
		c->in_txn = false;
		goto done;
	}
	const char *state = PQresultErrorField(failed, PG_DIAG_SQLSTATE);
	if (state && strcmp(state, "23505") == 0) {
		PQclear(failed);
		failed = NULL;
		rc = plumb__pg_rollback(ctx, conn);
		if (rc == 0)
			rc = 1; /* another runner recorded it first */
		goto done;
	}
	rc = plumb__pg_error(ctx, c->pg, failed, what(ctx, tmp, "write to"), NULL, NULL);
	plumb__pg_rollback(ctx, conn);
done:
	PQclear(failed);
	plumb_arena_free(tmp);
	return rc;
}
