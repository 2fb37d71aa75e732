/*
 * Introspection of the foreign-data wrappers the schema created (not an
 * extension's: postgres_fdw's comes with its extension) and of servers,
 * in one query, into the fields fdw.c writes the canonical text from.
 * Options are read as the server stores them ("key=value"). User mappings
 * are not read: they hold passwords (introspect_unmanaged.c names them).
 */
#include "dialect/pg/introspect_int.h"

#define QFUNC(oid)                                                                                 \
	"(SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n "                \
	"ON n.oid = p.pronamespace WHERE p.oid = " oid ")"

/* One row per wrapper ('w': a its handler, b its validator) and per server
 * ('s': a its wrapper, b its TYPE, c its VERSION), wrappers first. */
enum { F_KIND, F_NAME, F_A, F_B, F_C, F_OPTIONS };
static const char q_fdws[] = "SELECT 'w', w.fdwname, " QFUNC("w.fdwhandler") ", " QFUNC(
	"w.fdwvalidator") ", NULL, "
			  "coalesce(w.fdwoptions, '{}') FROM pg_foreign_data_wrapper w "
			  "WHERE " NOT_EXT("pg_foreign_data_wrapper",
					   "w.oid") " "
						    "UNION ALL SELECT 's', s.srvname, w.fdwname, "
						    "s.srvtype, s.srvversion, "
						    "coalesce(s.srvoptions, '{}') "
						    "FROM pg_foreign_server s JOIN "
						    "pg_foreign_data_wrapper w ON w.oid = s.srvfdw "
						    "WHERE " NOT_EXT("pg_foreign_server",
								     "s.oid") " ORDER BY 1 DESC, 2";

static void options(ictx *x, PGresult *r, int row, int col, plumb_object *o)
{
	size_t n;
	const char **v = array(x, r, row, col, &n);
	for (size_t i = 0; v && i < n && !x->st.rc; i++)
		push(x, &o->values, (void *)v[i]);
}

static const char *or_null(ictx *x, PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : dup(x, val(r, row, col));
}

void read_foreign_data_wrappers(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read foreign-data wrappers and servers", q_fdws, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		bool w = val(r, i, F_KIND)[0] == 'w';
		plumb_object *o = new_object(x, w ? PLUMB_OBJ_FDW : PLUMB_OBJ_SERVER, NULL,
					     val(r, i, F_NAME));
		if (!o)
			return;
		at(x, "%s %s", w ? "foreign-data wrapper" : "server", o->name);
		options(x, r, i, F_OPTIONS, o);
		if (w) {
			o->fdw_handler = or_null(x, r, i, F_A);
			o->fdw_validator = or_null(x, r, i, F_B);
		} else {
			o->fdw = dup(x, val(r, i, F_A));
			o->srv_type = or_null(x, r, i, F_B);
			o->version = or_null(x, r, i, F_C);
		}
		fail(x, plumb__pg_fdw_define(x->st.ctx, x->st.arena, o));
	}
}
