/*
 * Introspection of extended statistics (CREATE STATISTICS), read with one
 * catalog query: each object's definition as pg_get_statisticsobjdef
 * prints it (search_path '' qualifies its table), canonical, and the
 * statistics target ALTER STATISTICS sets. Those on a table left out of
 * the catalog are left out too. It reads no table or column.
 */
#include "dialect/pg/introspect_int.h"

enum { X_REL, X_NSP, X_NAME, X_TNSP, X_TABLE, X_DEF, X_TARGET };
/* stxstattarget: -1 the default up to PostgreSQL 16, NULL from 17 */
static const char q_statistics[] =
	"SELECT s.stxrelid, n.nspname, s.stxname, tn.nspname, c.relname, "
	"pg_get_statisticsobjdef(s.oid), NULLIF(s.stxstattarget, -1) "
	"FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace "
	"JOIN pg_class c ON c.oid = s.stxrelid JOIN pg_namespace tn ON tn.oid = c.relnamespace "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_statistic_ext", "s.oid") " "
	"ORDER BY n.nspname, s.stxname";

void read_statistics(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read extended statistics", q_statistics, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, X_REL)))
			continue;
		plumb_object *o =
			new_object(x, PLUMB_OBJ_STATISTICS, val(r, i, X_NSP), val(r, i, X_NAME));
		if (!o)
			return;
		const char *ts = val(r, i, X_TNSP), *table = val(r, i, X_TABLE);
		at(x, "statistics %s.%s", o->schema, o->name);
		o->table = dup(x, table);
		push(x, &o->depends, fmt(x, "%s.%s", ts, table));
		o->sql = dup(x, val(r, i, X_DEF));
		const char *def = canon(x, CANON_STMT, o->sql);
		if (!PQgetisnull(r, i, X_TARGET)) {
			o->stat_target = dup(x, val(r, i, X_TARGET));
			def = fmt(x, "%s; STATISTICS %s", def ? def : "", o->stat_target);
		}
		o->definition = def;
	}
}
