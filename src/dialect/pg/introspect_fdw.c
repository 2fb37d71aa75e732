/*
 * Introspection of the foreign-data wrappers the schema created (not an
 * extension's: postgres_fdw's comes with its extension) and of servers,
 * one query each, into the fields fdw.c writes the canonical text from.
 * Options are read as the server stores them ("key=value"). User mappings
 * are not read: they hold passwords (introspect_unmanaged.c names them).
 */
#include "dialect/pg/introspect_int.h"

#define QFUNC(oid)                                                                                 \
	"(SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n "                \
	"ON n.oid = p.pronamespace WHERE p.oid = " oid ")"

enum { W_NAME, W_HANDLER, W_VALIDATOR, W_OPTIONS };
static const char q_fdws[] = "SELECT w.fdwname, " QFUNC("w.fdwhandler") ", " QFUNC(
	"w.fdwvalidator") ", "
			  "coalesce(w.fdwoptions, '{}') FROM pg_foreign_data_wrapper w "
			  "WHERE " NOT_EXT("pg_foreign_data_wrapper",
					   "w.oid") " ORDER BY w.fdwname";

enum { S_NAME, S_FDW, S_TYPE, S_VERSION, S_OPTIONS };
static const char q_servers[] =
	"SELECT s.srvname, w.fdwname, s.srvtype, s.srvversion, coalesce(s.srvoptions, '{}') "
	"FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw "
	"WHERE " NOT_EXT("pg_foreign_server", "s.oid") " ORDER BY s.srvname";

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
	if (run(x, "could not read foreign-data wrappers", q_fdws, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_object *o = new_object(x, PLUMB_OBJ_FDW, NULL, val(r, i, W_NAME));
		if (!o)
			return;
		at(x, "foreign-data wrapper %s", o->name);
		o->fdw_handler = or_null(x, r, i, W_HANDLER);
		o->fdw_validator = or_null(x, r, i, W_VALIDATOR);
		options(x, r, i, W_OPTIONS, o);
		fail(x, plumb__pg_fdw_define(x->st.ctx, x->st.arena, o));
	}
	if (run(x, "could not read servers", q_servers, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_object *o = new_object(x, PLUMB_OBJ_SERVER, NULL, val(r, i, S_NAME));
		if (!o)
			return;
		at(x, "server %s", o->name);
		o->fdw = dup(x, val(r, i, S_FDW));
		o->srv_type = or_null(x, r, i, S_TYPE);
		o->version = or_null(x, r, i, S_VERSION);
		options(x, r, i, S_OPTIONS, o);
		fail(x, plumb__pg_server_define(x->st.ctx, x->st.arena, o));
	}
}
