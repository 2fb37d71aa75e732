/*
 * The objects of a database that are of kinds plumb does not manage
 * (subscriptions, text search parsers and templates, user mappings,
 * transforms, access methods, procedural languages, security labels, and
 * what is added to the server's own operator families),
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
	/* what is added to a family of the server's own (FAMILY integer_ops,
	 * ALTER OPERATOR FAMILY ... ADD): a class, or a member no class of
	 * its own holds, each of a user's object */
	"UNION ALL SELECT 'operator class ' || quote_ident(n.nspname) || '.' || "
	"quote_ident(c.opcname) || ' using ' || a.amname || ' in family ' || "
	"quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) "
	"FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace "
	"JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily "
	"JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace "
	"JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod "
	"WHERE " OWN("pg_opclass", "c.oid") " AND f.oid < 16384 "
	"UNION ALL SELECT pg_catalog.pg_describe_object('pg_amop'::regclass, o.oid, 0) "
	"FROM pg_catalog.pg_amop o WHERE o.oid >= 16384 AND o.amopfamily < 16384 "
	"AND " NOT_EXT("pg_operator", "o.amopopr") " AND NOT EXISTS (SELECT 1 FROM "
	"pg_catalog.pg_depend d WHERE d.classid = 'pg_amop'::regclass AND d.objid = o.oid "
	"AND d.refclassid = 'pg_opclass'::regclass) "
	"UNION ALL SELECT pg_catalog.pg_describe_object('pg_amproc'::regclass, p.oid, 0) "
	"FROM pg_catalog.pg_amproc p WHERE p.oid >= 16384 AND p.amprocfamily < 16384 "
	"AND " NOT_EXT("pg_proc", "p.amproc") " AND NOT EXISTS (SELECT 1 FROM "
	"pg_catalog.pg_depend d WHERE d.classid = 'pg_amproc'::regclass AND d.objid = p.oid "
	"AND d.refclassid = 'pg_opclass'::regclass) "
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
