/*
 * Introspection of the privileges on routines, types, foreign servers,
 * foreign-data wrappers and procedural languages: one set-based query over
 * their acls (aclexplode), a grant object per grantee whose privileges
 * differ from PostgreSQL's defaults (catalog.h). Relations' and schemas'
 * grants are introspect_object.c's; objects an extension or the server
 * made are left out. The owner's own privileges are not managed: its entry
 * is an implicit grant holding only the grant options it gave itself, as
 * for relations.
 */
#include <string.h>

#include "dialect/pg/introspect_int.h"

/* An object of class cls with oid column o that no extension created and
 * the server did not come with. */
#define OWN(cls, o) o " >= 16384 AND " NOT_EXT(cls, o)

enum {
	G_CODE, G_NSP, G_NAME, G_ARGS, G_GRANTEE, G_PRIVS, G_GR, G_TRUSTED, G_QNSP, G_QNAME, G_OWN
};
static const char q_object_grants[] =
	"SELECT x.code, x.nsp, x.name, x.args, "
	"CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END, "
	"g.privs, g.gr, x.pub, quote_ident(x.nsp), quote_ident(x.name), g.grantee = x.owner "
	"FROM ("
	/* functions, procedures, aggregates: EXECUTE to PUBLIC by default */
	"SELECT CASE WHEN p.prokind = 'p' THEN 'P' ELSE 'F' END AS code, n.nspname AS nsp, "
	"p.proname AS name, ARRAY(SELECT format_type(u.t, NULL) "
	"FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, ord) ORDER BY u.ord) AS args, "
	"p.proacl AS acl, p.proowner AS owner, true AS pub "
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
	"WHERE p.proacl IS NOT NULL AND " NSP_OK("n") " AND " NOT_EXT("pg_proc", "p.oid") " "
	"AND " NOT_INTERNAL("pg_proc", "p.oid") " "
	"UNION ALL "
	/* enums, domains, composite and range types: USAGE to PUBLIC */
	"SELECT CASE WHEN t.typtype = 'd' THEN 'D' ELSE 'T' END, n.nspname, t.typname, NULL, "
	"t.typacl, t.typowner, true "
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
	"WHERE t.typacl IS NOT NULL AND " NSP_OK("n") " AND " NOT_EXT("pg_type", "t.oid") " "
	"AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND "
	"(SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')) "
	"UNION ALL "
	/* servers and wrappers: nothing by default */
	"SELECT 'S', NULL, s.srvname, NULL, s.srvacl, s.srvowner, false "
	"FROM pg_foreign_server s WHERE s.srvacl IS NOT NULL "
	"AND " NOT_EXT("pg_foreign_server", "s.oid") " "
	"UNION ALL "
	"SELECT 'W', NULL, w.fdwname, NULL, w.fdwacl, w.fdwowner, false "
	"FROM pg_foreign_data_wrapper w WHERE w.fdwacl IS NOT NULL "
	"AND " NOT_EXT("pg_foreign_data_wrapper", "w.oid") " "
	"UNION ALL "
	/* languages the schema created: USAGE to PUBLIC when trusted */
	"SELECT 'L', NULL, l.lanname, NULL, l.lanacl, l.lanowner, l.lanpltrusted "
	"FROM pg_language l WHERE l.lanacl IS NOT NULL AND " OWN("pg_language", "l.oid") " "
	") x, LATERAL ("
	"SELECT e.grantee, array_agg(e.privilege_type) AS privs, "
	"array_agg(e.privilege_type) FILTER (WHERE e.is_grantable) AS gr "
	"FROM aclexplode(x.acl) e GROUP BY e.grantee "
	/* PUBLIC's default revoked: no entry for it */
	"UNION ALL SELECT 0, NULL, NULL WHERE x.pub "
	"AND NOT EXISTS (SELECT 1 FROM aclexplode(x.acl) e WHERE e.grantee = 0)"
	") g ORDER BY 1, 2, 3, 5";

/* The PLUMB_PRIV_* bits of an array of privilege names ({EXECUTE}). */
static unsigned bits_of(ictx *x, const char *names)
{
	plumb_vec v = {0};
	unsigned bits = 0;
	if (!names)
		return 0;
	int rc = plumb__pg_parse_array(x->st.ctx, x->tmp, x->tmp, names, &v);
	if (rc < 0)
		fail(x, rc);
	for (size_t i = 0; i < v.n; i++)
		bits |= plumb__pg_priv_bit(v.items[i]);
	return bits;
}

/* The catalog's kind of the type schema.name, or PLUMB_OBJ_GRANT when the
 * catalog holds no such type. */
static plumb_obj_kind type_kind(ictx *x, const char *schema, const char *name)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_DOMAIN, PLUMB_OBJ_TYPE};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (plumb_catalog_find(x->cat, kinds[k], schema, name))
			return kinds[k];
	return PLUMB_OBJ_GRANT;
}

void read_object_grants(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read privileges", q_object_grants, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		char code = val(r, i, G_CODE)[0];
		const char *nsp = val(r, i, G_NSP), *name = val(r, i, G_NAME);
		const char *qnsp = val(r, i, G_QNSP), *qname = val(r, i, G_QNAME);
		const char *target = name, *on = NULL, *part = NULL;
		plumb_obj_kind kind;
		switch (code) {
		case 'F':
		case 'P': {
			size_t n_args;
			const char **args = array(x, r, i, G_ARGS, &n_args);
			target = x->st.rc ? NULL : function_name(x, name, args, args ? n_args : 0);
			if (!target)
				return;
			if (!plumb_catalog_find(x->cat, PLUMB_OBJ_FUNCTION, nsp, target))
				continue;
			kind = PLUMB_OBJ_FUNCTION;
			on = fmt(x, "%s %s.%s%s", code == 'P' ? "PROCEDURE" : "FUNCTION", qnsp,
				 qname, strchr(target, '('));
			break;
		}
		case 'D':
		case 'T':
			kind = type_kind(x, nsp, name);
			if (kind == PLUMB_OBJ_GRANT)
				continue;
			on = fmt(x, "%s %s.%s", kind == PLUMB_OBJ_DOMAIN ? "DOMAIN" : "TYPE", qnsp,
				 qname);
			break;
		case 'S':
		case 'W':
			kind = code == 'S' ? PLUMB_OBJ_SERVER : PLUMB_OBJ_FDW;
			if (!plumb_catalog_find(x->cat, kind, NULL, name))
				continue;
			on = fmt(x, "%s %s", code == 'S' ? "FOREIGN SERVER" : "FOREIGN DATA WRAPPER", qname);
			break;
		default: /* 'L' */
			kind = PLUMB_OBJ_GRANT;
			part = flag(r, i, G_TRUSTED) ? "trusted" : NULL;
			on = fmt(x, "LANGUAGE %s", qname);
			break;
		}
		const char *grantee = val(r, i, G_GRANTEE);
		const char *gname = on ? fmt(x, "%s TO %s", on, grantee) : NULL;
		if (x->st.rc || !gname) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		plumb_object probe = {.target_kind = kind, .grantee = grantee, .part = part};
		unsigned privs = bits_of(x, val(r, i, G_PRIVS)), gr = bits_of(x, val(r, i, G_GR));
		bool own = flag(r, i, G_OWN);
		if (own)
			privs = gr;
		else if (privs == plumb__pg_grant_default(&probe) && !gr)
			continue;
		plumb_object *o = new_object(x, PLUMB_OBJ_GRANT, nsp, gname);
		if (!o)
			return;
		o->target_kind = kind;
		o->target = dup(x, target);
		o->grantee = dup(x, grantee);
		o->part = part;
		if (code == 'L')
			o->on_unmanaged = fmt(x, "language %s", qname);
		o->privileges = privs;
		o->grantable = gr & privs;
		o->implicit = own;
		if (!x->st.rc)
			fail(x, plumb__pg_grant_define(x->st.ctx, x->st.arena, o));
	}
}
