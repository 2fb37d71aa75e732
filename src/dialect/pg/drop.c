/*
 * What `plumb reset` drops on PostgreSQL: every object the user owns, read
 * from the catalog in one query and written as DROP statements. Schemas go
 * whole (CASCADE), but public and any schema an extension lives in, whose
 * own objects go one by one so that an extension's stay. It runs nothing;
 * the command runs the statements in one transaction.
 */
#include "dialect/pg/introspect_int.h"

/* Schemas kept (their contents dropped one by one): public and those an
 * extension is installed in or is. */
#define KEPT(n)                                                                            \
	"(" n ".nspname = 'public' OR " n ".oid IN (SELECT extnamespace FROM "              \
	"pg_catalog.pg_extension) OR NOT " NOT_EXT("pg_namespace", n ".oid") ")"

static const char q_drops[] =
	"SELECT s FROM ("
	"SELECT 0 AS o, format('DROP SCHEMA %I CASCADE', n.nspname) AS s, n.nspname AS k "
	"FROM pg_catalog.pg_namespace n WHERE " NSP_OK("n") " AND NOT " KEPT("n") " "
	"UNION ALL SELECT 1, format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind "
	"WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' "
	"WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname), "
	"n.nspname || '.' || c.relname "
	"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	"WHERE " NSP_OK("n") " AND " KEPT("n") " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
	"AND NOT c.relispartition AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
	"'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') "
	"AND d.refclassid = 'pg_class'::regclass) "
	"UNION ALL SELECT 2, format('DROP %s IF EXISTS %I.%I(%s) CASCADE', CASE p.prokind "
	"WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, "
	"p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)), "
	"n.nspname || '.' || p.proname "
	"FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
	"WHERE " NSP_OK("n") " AND " KEPT("n") " AND " NOT_EXT("pg_proc", "p.oid") " "
	"AND " NOT_INTERNAL("pg_proc", "p.oid") " "
	"UNION ALL SELECT 3, format('DROP %s IF EXISTS %I.%I CASCADE', CASE t.typtype "
	"WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname), "
	"n.nspname || '.' || t.typname "
	"FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
	"WHERE " NSP_OK("n") " AND " KEPT("n") " AND " NOT_EXT("pg_type", "t.oid") " "
	"AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM "
	"pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')) "
	"UNION ALL SELECT 4, format('DROP COLLATION IF EXISTS %I.%I CASCADE', n.nspname, "
	"c.collname), n.nspname || '.' || c.collname "
	"FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace "
	"WHERE " NSP_OK("n") " AND " KEPT("n") " AND " NOT_EXT("pg_collation", "c.oid") " "
	") x ORDER BY o, k, s";

int plumb__pg_drop_all(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out)
{
	PGresult *r;
	plumb_arena *tmp = plumb_arena_new(arena);
	if (!tmp)
		return plumb_error_nomem(ctx);
	int rc = plumb__pg_query(ctx, tmp, (plumb_pg_conn *)conn,
				 "could not list the objects to drop", q_drops, 0, NULL, &r);
	for (int i = 0; rc == 0 && i < PQntuples(r); i++) {
		char *s = plumb_arena_strdup(arena, PQgetvalue(r, i, 0));
		if (!s || plumb_vec_push(arena, out, s) < 0)
			rc = plumb_error_nomem(ctx);
	}
	plumb_arena_free(tmp);
	return rc;
}
