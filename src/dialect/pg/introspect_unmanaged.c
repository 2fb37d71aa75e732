/*
 * The objects of a database that are of kinds plumb does not manage
 * (subscriptions, text search parsers and templates, user mappings,
 * transforms, access methods, procedural languages and security labels),
 * named one a line in the catalog's
 * `unmanaged` list, so that pull and diff say what they leave out instead
 * of dropping it in silence.
 * Objects an extension created come with the extension and are left out
 * here, as are the server's own. It reads names only, never definitions:
 * a user mapping is named by role and server, never with its options
 * (they hold passwords).
 */
#include "dialect/pg/introspect_int.h"

/* An object of class cls (a catalog's name) with oid column o that no
 * extension created and the server did not come with. */
#define OWN(cls, o) o " >= 16384 AND " NOT_EXT(cls, o)

static const char q_unmanaged[] =
	"SELECT 'subscription ' || quote_ident(subname) FROM pg_catalog.pg_subscription "
	"WHERE subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
	"UNION ALL SELECT 'text search parser ' || quote_ident(t.prsname) "
	"FROM pg_catalog.pg_ts_parser t WHERE " OWN("pg_ts_parser", "t.oid") " "
	"UNION ALL SELECT 'text search template ' || quote_ident(t.tmplname) "
	"FROM pg_catalog.pg_ts_template t WHERE " OWN("pg_ts_template", "t.oid") " "
	/* the view, which every role may read (the table is a superuser's) */
	"UNION ALL SELECT 'user mapping for ' || CASE WHEN u.umuser = 0 THEN 'PUBLIC' "
	"ELSE quote_ident(u.usename) END || ' server ' || quote_ident(u.srvname) "
	"FROM pg_catalog.pg_user_mappings u "
	"UNION ALL SELECT 'transform for ' || pg_catalog.format_type(t.trftype, NULL) || "
	"' language ' || l.lanname FROM pg_catalog.pg_transform t "
	"JOIN pg_catalog.pg_language l ON l.oid = t.trflang WHERE " OWN("pg_transform", "t.oid") " "
	"UNION ALL SELECT 'access method ' || quote_ident(a.amname) FROM pg_catalog.pg_am a "
	"WHERE " OWN("pg_am", "a.oid") " "
	"UNION ALL SELECT 'language ' || quote_ident(l.lanname) FROM pg_catalog.pg_language l "
	"WHERE " OWN("pg_language", "l.oid") " "
	"UNION ALL SELECT 'security label (' || l.provider || ') on ' || "
	"pg_catalog.pg_describe_object(l.classoid, l.objoid, l.objsubid) "
	"FROM pg_catalog.pg_seclabel l "
	"ORDER BY 1";

void read_unmanaged(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read the objects plumb does not manage", q_unmanaged, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *s = dup(x, val(r, i, 0));
		if (s)
			push(x, &x->cat->unmanaged, (void *)s);
	}
}
