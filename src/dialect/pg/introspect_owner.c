/*
 * Introspection of owners (with --owners only) and default privileges: one
 * set-based query each, read after every object so that an owner is kept
 * only for an object the catalog holds (owner.c makes the objects). It reads
 * no grant on an object (introspect_object.c does).
 */
#include <string.h>

#include "dialect/pg/introspect_int.h"
#include "util/map.h"

/* --- owners ---------------------------------------------------------------------- */

enum { W_CLS, W_NSP, W_NAME, W_ARGS, W_ROLE };
#define ROLE_OF(col) "quote_ident(pg_get_userbyid(" col "))"
static const char q_owners[] =
	"SELECT 'relation', n.nspname, c.relname, NULL::text[], " ROLE_OF("c.relowner") " "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_class", "c.oid") " "
	"UNION ALL SELECT 'function', n.nspname, p.proname, "
	"ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) "
	"WITH ORDINALITY u(t, ord) ORDER BY u.ord), " ROLE_OF("p.proowner") " "
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
	"WHERE p.prokind IN ('f', 'p', 'w', 'a') AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_proc", "p.oid") " "
	"UNION ALL SELECT 'type', n.nspname, t.typname, NULL, " ROLE_OF("t.typowner") " "
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
	"WHERE t.typtype IN ('e', 'd', 'r', 'c') AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_type", "t.oid") " "
	"AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c') "
	"UNION ALL SELECT 'schema', NULL, n.nspname, NULL, " ROLE_OF("n.nspowner") " "
	"FROM pg_namespace n WHERE " NSP_OK("n") " "
	"UNION ALL SELECT 'collation', n.nspname, c.collname, NULL, " ROLE_OF("c.collowner") " "
	"FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE " NSP_OK("n") " "
	"UNION ALL SELECT 'text search dictionary', n.nspname, d.dictname, NULL, "
	ROLE_OF("d.dictowner") " FROM pg_ts_dict d "
	"JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE " NSP_OK("n") " "
	"UNION ALL SELECT 'text search configuration', n.nspname, c.cfgname, NULL, "
	ROLE_OF("c.cfgowner") " FROM pg_ts_config c "
	"JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE " NSP_OK("n") " "
	"UNION ALL SELECT 'statistics', n.nspname, s.stxname, NULL, " ROLE_OF("s.stxowner") " "
	"FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace "
	"WHERE " NSP_OK("n") " "
	"UNION ALL SELECT 'publication', NULL, p.pubname, NULL, " ROLE_OF("p.pubowner") " "
	"FROM pg_publication p "
	"UNION ALL SELECT 'event trigger', NULL, e.evtname, NULL, " ROLE_OF("e.evtowner") " "
	"FROM pg_event_trigger e "
	"UNION ALL SELECT 'foreign-data wrapper', NULL, w.fdwname, NULL, " ROLE_OF("w.fdwowner") " "
	"FROM pg_foreign_data_wrapper w WHERE " NOT_EXT("pg_foreign_data_wrapper", "w.oid") " "
	"UNION ALL SELECT 'server', NULL, s.srvname, NULL, " ROLE_OF("s.srvowner") " "
	"FROM pg_foreign_server s WHERE " NOT_EXT("pg_foreign_server", "s.oid");

static const char *owner_lookup(const char *cls, const char *schema, const char *name,
				void *payload)
{
	return plumb_map_get(payload, cls, schema, name);
}

void read_owners(ictx *x)
{
	PGresult *r;
	if (!x->st.ctx->owners || x->st.rc)
		return;
	plumb_map *m = plumb_map_new(x->tmp, false);
	if (!m) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	if (run(x, "could not read owners", q_owners, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *cls = val(r, i, W_CLS), *name = val(r, i, W_NAME);
		if (strcmp(cls, "function") == 0) {
			size_t n;
			const char **args = array(x, r, i, W_ARGS, &n);
			name = function_name(x, name, args, n);
		}
		const char *role = dup(x, val(r, i, W_ROLE));
		if (!name || !role ||
		    plumb_map_put(m, cls, val(r, i, W_NSP), name, (void *)role) < 0)
			fail(x, PLUMB_ENOMEM);
	}
	if (!x->st.rc)
		fail(x, plumb__pg_owners_attach(x->st.ctx, x->st.arena, x->cat, owner_lookup, m));
}

/* --- default privileges ---------------------------------------------------------- */

enum { A_ROLE, A_NSP, A_TYPE, A_GRANTEE, A_PRIV, A_GR };
static const char q_default_acls[] =
	"SELECT " ROLE_OF("d.defaclrole") ", n.nspname, d.defaclobjtype::text, "
	"CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE " ROLE_OF("g.grantee") " END, "
	"g.privilege_type, g.is_grantable "
	"FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace "
	"LEFT JOIN LATERAL aclexplode(d.defaclacl) g ON true "
	"ORDER BY 1, 2 NULLS FIRST, 3, 4";

/* What one grantee holds in one entry of pg_default_acl. */
typedef struct held {
	const char *grantee;
	unsigned privs, grantable;
} held;

/* The objects of one entry (role, schema, objects word): each grantee whose
 * privileges differ from the defaults, the role and PUBLIC included. */
static void entry_objects(ictx *x, const char *role, const char *nsp, const char *word,
			  plumb_vec *hv, plumb_map *hm)
{
	const char *implied[2] = {role, "PUBLIC"};
	for (size_t k = 0; !nsp && k < 2; k++) {
		if (plumb_map_get(hm, implied[k], NULL, NULL))
			continue;
		held *h = plumb_arena_alloc(x->tmp, sizeof(*h));
		if (!h || plumb_vec_push(x->tmp, hv, h) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		*h = (held){implied[k], 0, 0};
	}
	for (size_t i = 0; i < hv->n && !x->st.rc; i++) {
		const held *h = hv->items[i];
		unsigned def = plumb__pg_defacl_default(word, role, h->grantee, nsp != NULL);
		if (h->privs == def && !h->grantable)
			continue;
		plumb_object t = {.schema = dup(x, nsp),
				  .target = dup(x, role),
				  .part = word,
				  .grantee = dup(x, h->grantee),
				  .privileges = h->privs,
				  .grantable = h->grantable & h->privs};
		fail(x, plumb__pg_defacl_define(x->st.ctx, x->st.arena, &t));
		if (x->st.rc)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_DEFAULT_ACL, t.schema, t.name);
		if (!o)
			return;
		t.kind = PLUMB_OBJ_DEFAULT_ACL;
		t.name = o->name;
		t.values = o->values;
		t.depends = o->depends;
		*o = t;
	}
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

void read_default_acls(ictx *x)
{
	PGresult *r;
	if (x->st.rc || run(x, "could not read default privileges", q_default_acls, &r) < 0)
		return;
	plumb_vec hv = {0};
	plumb_map *hm = NULL;
	int n = PQntuples(r);
	for (int i = 0; i < n && !x->st.rc; i++) {
		const char *role = val(r, i, A_ROLE), *nsp = val(r, i, A_NSP);
		const char *type = val(r, i, A_TYPE), *grantee = val(r, i, A_GRANTEE);
		if (!hm && !(hm = plumb_map_new(x->tmp, false))) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		held *h = grantee ? plumb_map_get(hm, grantee, NULL, NULL) : NULL;
		if (grantee && !h) {
			h = plumb_arena_alloc(x->tmp, sizeof(*h));
			if (!h || plumb_vec_push(x->tmp, &hv, h) < 0 ||
			    plumb_map_put(hm, grantee, NULL, NULL, h) < 0) {
				fail(x, PLUMB_ENOMEM);
				return;
			}
			*h = (held){grantee, 0, 0};
		}
		if (h) {
			unsigned bit = plumb__pg_priv_bit(val(r, i, A_PRIV));
			h->privs |= bit;
			if (flag(r, i, A_GR))
				h->grantable |= bit;
		}
		bool last = i + 1 == n || !same_text(role, val(r, i + 1, A_ROLE)) ||
			    !same_text(nsp, val(r, i + 1, A_NSP)) ||
			    !same_text(type, val(r, i + 1, A_TYPE));
		if (!last)
			continue;
		const char *word = type ? plumb__pg_defacl_word(type[0]) : NULL;
		if (word)
			entry_objects(x, role, nsp, word, &hv, hm);
		hv = (plumb_vec){0};
		hm = NULL;
	}
}
