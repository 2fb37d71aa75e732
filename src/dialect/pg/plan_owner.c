/*
 * The planner's last two phases: owners (ALTER ... OWNER TO, for an owner
 * that changed or is new, and again for an object this plan created or made
 * again) and default privileges (ALTER DEFAULT PRIVILEGES, revoked back to
 * PostgreSQL's defaults and granted). An owner only the database states is
 * left as it is: nothing is planned for it. It creates no role.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- owners ------------------------------------------------------------- */

/* The word plumb__pgp_is_recreated knows target_kind by, or NULL. */
static const char *recreated_word(plumb_obj_kind k)
{
	switch (k) {
	case PLUMB_OBJ_TABLE:
		return "table";
	case PLUMB_OBJ_VIEW:
		return "view";
	case PLUMB_OBJ_FUNCTION:
		return "function";
	case PLUMB_OBJ_DOMAIN:
		return "domain";
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_TYPE:
		return "type";
	case PLUMB_OBJ_SEQUENCE:
		return "sequence";
	default:
		return NULL;
	}
}

/* Was what ow is on created by this plan, or dropped and created again (by
 * the connecting role, its owner then)? A table or enum changed in place
 * keeps its owner. */
static bool target_made(planner *p, const plumb_object *ow)
{
	const char *w = recreated_word(ow->target_kind);
	if (w && plumb__pgp_is_recreated(p, w, ow->schema, ow->target))
		return true;
	const plumb_change *c =
		plumb__pgp_find_change(p, ow->target_kind, ow->schema, ow->target, false);
	if (!c)
		return false;
	return c->op == PLUMB_CHANGE_CREATE ||
	       (c->op == PLUMB_CHANGE_ALTER && ow->target_kind != PLUMB_OBJ_TABLE &&
		ow->target_kind != PLUMB_OBJ_ENUM && ow->target_kind != PLUMB_OBJ_SCHEMA &&
		!c->renamed);
}

/* initdb's owner of public, in a plan from a catalog that states none (pull):
 * a new database has it already. */
static bool public_as_made(planner *p, const plumb_object *ow)
{
	return ow->target_kind == PLUMB_OBJ_SCHEMA && plumb__pgp_str_eq(ow->target, "public") &&
	       plumb__pgp_str_eq(ow->grantee, PLUMB_PG_PUBLIC_OWNER) &&
	       !plumb_catalog_find(p->from, PLUMB_OBJ_OWNER, NULL, ow->name);
}

/* Does ow state the owner its object had under the name it is renamed from
 * (a rename keeps the owner: nothing to do)? */
static bool kept_through_rename(planner *p, const plumb_object *ow)
{
	const plumb_change *tc =
		plumb__pgp_find_change(p, ow->target_kind, ow->schema, ow->target, false);
	if (!tc || tc->op != PLUMB_CHANGE_ALTER || !tc->renamed)
		return false;
	const char *old = plumb_object_name(tc->from);
	const plumb_vec *v = plumb__pgp_objects(p, p->from, PLUMB_OBJ_OWNER);
	for (size_t i = 0; i < v->n; i++) {
		const plumb_object *fo = v->items[i];
		if (fo->target_kind == ow->target_kind &&
		    plumb__pgp_str_eq(fo->schema, ow->schema) && plumb__pgp_str_eq(fo->target, old))
			return plumb__pgp_str_eq(fo->grantee, ow->grantee);
	}
	return false;
}

void plumb__pgp_phase_owners(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_OWNER || c->op == PLUMB_CHANGE_DROP)
			continue; /* an owner the schema does not state stays */
		const plumb_object *ow = c->to;
		if (!public_as_made(p, ow) && !kept_through_rename(p, ow))
			plumb__pgp_emit(p, "%s", ow->sql);
	}
	const plumb_vec *v = plumb__pgp_objects(p, p->to, PLUMB_OBJ_OWNER);
	for (size_t i = 0; i < v->n; i++) {
		const plumb_object *ow = v->items[i];
		if (!plumb__pgp_find_change(p, PLUMB_OBJ_OWNER, ow->schema, ow->name, false) &&
		    target_made(p, ow))
			plumb__pgp_emit(p, "%s", ow->sql);
	}
}

/* --- default privileges ------------------------------------------------- */

/* "ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s]" of d. */
static const char *defacl_head(planner *p, const plumb_object *d)
{
	return plumb__pgp_fmt(p, "ALTER DEFAULT PRIVILEGES FOR ROLE %s%s%s", d->target,
			      d->schema ? " IN SCHEMA " : "",
			      d->schema ? plumb__pgp_qi(p, d->schema) : "");
}

static void defacl_grant(planner *p, const plumb_object *d, unsigned privs, unsigned grantable)
{
	const char *head = defacl_head(p, d), *plain = plumb__pgp_privs_text(p, privs & ~grantable);
	const char *opt = plumb__pgp_privs_text(p, privs & grantable);
	if (*plain)
		plumb__pgp_emit(p, "%s GRANT %s ON %s TO %s", head, plain, d->part, d->grantee);
	if (*opt)
		plumb__pgp_emit(p, "%s GRANT %s ON %s TO %s WITH GRANT OPTION", head, opt, d->part,
				d->grantee);
}

/* What d's grantee holds by default (PostgreSQL's, with no entry). */
static unsigned defacl_default(const plumb_object *d)
{
	return plumb__pg_defacl_default(d->part, d->target, d->grantee, d->schema != NULL);
}

/* After owners: what goes back to PostgreSQL's defaults, then what comes or
 * changed, each as REVOKE ALL then GRANT. */
void plumb__pgp_phase_default_acls(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_DEFAULT_ACL || c->op != PLUMB_CHANGE_DROP)
			continue;
		const plumb_object *d = c->from;
		if (d->schema && !plumb__pgp_str_eq(d->schema, "public") &&
		    !plumb_catalog_find(p->to, PLUMB_OBJ_SCHEMA, NULL, d->schema))
			continue; /* gone with its schema */
		plumb__pgp_emit(p, "%s REVOKE ALL ON %s FROM %s", defacl_head(p, d), d->part,
				d->grantee);
		defacl_grant(p, d, defacl_default(d), 0);
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_DEFAULT_ACL || c->op == PLUMB_CHANGE_DROP)
			continue;
		const plumb_object *d = c->to;
		/* from PostgreSQL's defaults (CREATE) or what it held (ALTER) */
		if (c->op == PLUMB_CHANGE_ALTER || defacl_default(d))
			plumb__pgp_emit(p, "%s REVOKE ALL ON %s FROM %s", defacl_head(p, d),
					d->part, d->grantee);
		defacl_grant(p, d, d->privileges, d->grantable);
	}
}
