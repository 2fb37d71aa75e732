/*
 * The offline builder's owners and default privileges. With --owners, ALTER
 * ... OWNER TO and CREATE SCHEMA ... AUTHORIZATION are noted per object and
 * become owner objects at the end for the objects that exist then (owner.c);
 * without it they are read and left, as an owner nobody states. ALTER
 * DEFAULT PRIVILEGES is folded per (role, schema, objects, grantee) from
 * PostgreSQL's defaults into default privileges objects. It creates no
 * other object.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

/* --- owners ----------------------------------------------------------------------- */

const char *role_of(ox *x, const PgQuery__RoleSpec *rs)
{
	return rs && rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING &&
			       !empty(rs->rolename)
		       ? qi(x, rs->rolename)
		       : NULL;
}

/* Notes that cls schema.name is owned by rs (forgets it for an unknown role). */
static void note_owner(ox *x, const char *cls, const char *schema, const char *name,
		       const PgQuery__RoleSpec *rs)
{
	if (!x->st.ctx->owners || !name || x->st.rc)
		return;
	if (!x->roles && !(x->roles = plumb_map_new(x->st.arena, false))) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	const char *role = role_of(x, rs);
	cls = dup(x, cls);
	schema = dup(x, schema);
	name = dup(x, name);
	if (!role) {
		plumb_map_del(x->roles, cls, schema, name, NULL);
		return;
	}
	if (x->st.rc || plumb_map_put(x->roles, cls, schema, name, (void *)role) < 0)
		fail(x, PLUMB_ENOMEM);
}

const char *func_identity(ox *x, const PgQuery__ObjectWithArgs *ow, const char **schema)
{
	const char *name;
	split_names(ow->objname, ow->n_objname, schema, &name);
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_printf(&b, "%s(", name ? name : "");
	for (size_t i = 0, n = 0; i < ow->n_objargs && !x->st.rc; i++) {
		if (ow->objargs[i]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
			continue;
		PgQuery__TypeName tn = *ow->objargs[i]->type_name;
		tn.n_typmods = 0;
		const char *tt = type_text(x, &tn);
		if (tt && strcmp(tt, "bpchar") == 0)
			tt = "character";
		plumb_buf_puts(&b, n++ ? ", " : "");
		plumb_buf_puts(&b, canon_type(x, tt));
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return x->st.rc ? NULL : b.data;
}

void owner_of_schema(ox *x, const char *name, const PgQuery__RoleSpec *rs)
{
	note_owner(x, "schema", NULL, name, rs);
}

void alter_owner(ox *x, PgQuery__AlterOwnerStmt *as)
{
	const char *schema = NULL, *name = NULL, *cls = NULL;
	PgQuery__Node *obj = as->object;
	PgQuery__Node **v = NULL;
	size_t n = 0;
	if (obj && obj->node_case == PG_QUERY__NODE__NODE_LIST) {
		v = obj->list->items;
		n = obj->list->n_items;
	}
	switch (as->object_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER:
		name = obj ? plumb__pg_strval(obj) : NULL;
		cls = as->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA ? "schema"
		      : as->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION
			      ? "publication"
			      : "event trigger";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
		name = obj ? plumb__pg_strval(obj) : NULL;
		cls = plumb__pg_owner_class(as->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_FDW
						    ? PLUMB_OBJ_FDW
						    : PLUMB_OBJ_SERVER);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
		if (obj && obj->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			name = func_identity(x, obj->object_with_args, &schema);
		cls = "function";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		cls = "type";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION:
		cls = "collation";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
		cls = "text search dictionary";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION:
		cls = "text search configuration";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
		cls = "statistics";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
		/* no owner object: a grant to the owner is its own (offline_acl.c) */
		name = obj ? plumb__pg_strval(obj) : NULL;
		cls = "language";
		break;
	default:
		return; /* kinds plumb gives no owner */
	}
	if (!name && n)
		split_names(v, n, &schema, &name);
	note_owner(x, cls, schema, name, as->newowner);
}

void alter_table_owner(ox *x, PgQuery__AlterTableStmt *as)
{
	if (!as->relation || as->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX)
		return;
	for (size_t i = 0; i < as->n_cmds; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		if (c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner)
			note_owner(x, "relation", sch(as->relation->schemaname),
				   as->relation->relname, c->newowner);
	}
}

void owners_dropped(ox *x, PgQuery__DropStmt *ds)
{
	const char *cls = NULL;
	switch (ds->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		cls = "relation";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		cls = "type";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
		cls = "function";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		cls = "schema";
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
		cls = plumb__pg_owner_class(PLUMB_OBJ_FDW);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
		cls = plumb__pg_owner_class(PLUMB_OBJ_SERVER);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
		cls = "language";
		break;
	default:
		return;
	}
	for (size_t i = 0; x->roles && i < ds->n_objects && !x->st.rc; i++) {
		PgQuery__Node *n = ds->objects[i];
		const char *schema = NULL, *name = NULL;
		if (n->node_case == PG_QUERY__NODE__NODE_LIST)
			split_names(n->list->items, n->list->n_items, &schema, &name);
		else if (n->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			split_names(n->type_name->names, n->type_name->n_names, &schema, &name);
		else if (n->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			name = func_identity(x, n->object_with_args, &schema);
		else
			name = plumb__pg_strval(n);
		if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA)
			schema = NULL;
		if (name)
			plumb_map_del(x->roles, cls, schema, name, NULL);
	}
}

void owner_renamed(ox *x, const char *cls, const char *schema, const char *name,
		   const char *nschema, const char *nname)
{
	void *role;
	if (!x->roles || !plumb_map_find(x->roles, cls, schema, name, &role))
		return;
	plumb_map_del(x->roles, cls, schema, name, NULL);
	cls = dup(x, cls);
	nschema = dup(x, nschema);
	nname = dup(x, nname);
	if (x->st.rc || plumb_map_put(x->roles, cls, nschema, nname, role) < 0)
		fail(x, PLUMB_ENOMEM);
}

static const char *owner_lookup(const char *cls, const char *schema, const char *name,
				void *payload)
{
	return payload ? plumb_map_get(payload, cls, schema, name) : NULL;
}

/* --- default privileges ----------------------------------------------------------- */

/* What one grantee holds by ALTER DEFAULT PRIVILEGES on the objects one role
 * creates in one schema (NULL: everywhere). */
typedef struct dstate {
	const char *role, *schema, *word, *grantee;
	unsigned privs, grantable;
} dstate;

static dstate *defacl_state(ox *x, const char *role, const char *schema, const char *word,
			    const char *grantee)
{
	if (!x->defacls && !(x->defacls = plumb_map_new(x->st.arena, false))) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	const char *k0 = fmt(x, "%s %s", word, grantee);
	if (!k0)
		return NULL;
	dstate *d = plumb_map_get(x->defacls, k0, role, schema ? schema : "");
	if (d)
		return d;
	d = alloc(x, sizeof(*d));
	if (!d)
		return NULL;
	*d = (dstate){dup(x, role), dup(x, schema), word, dup(x, grantee), 0, 0};
	d->privs = plumb__pg_defacl_default(word, d->role, d->grantee, schema != NULL);
	push(x, &x->defacl_list, d);
	if (!x->st.rc && plumb_map_put(x->defacls, k0, d->role, schema ? d->schema : "", d) < 0)
		fail(x, PLUMB_ENOMEM);
	/* ... and among the role's of its kind of objects */
	if (!x->defacl_of && !x->st.rc && !(x->defacl_of = plumb_map_new(x->st.arena, false)))
		fail(x, PLUMB_ENOMEM);
	plumb_vec *of = x->st.rc ? NULL : plumb_map_get(x->defacl_of, word, d->role, NULL);
	if (!of && !x->st.rc &&
	    (!(of = alloc(x, sizeof(*of))) ||
	     plumb_map_put(x->defacl_of, word, d->role, NULL, of) < 0))
		fail(x, PLUMB_ENOMEM);
	if (of)
		push(x, of, d);
	return x->st.rc ? NULL : d;
}

/* The objects word of an ALTER DEFAULT PRIVILEGES' GrantStmt. */
static const char *defacl_word(PgQuery__ObjectType t)
{
	switch (t) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		return "TABLES";
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		return "SEQUENCES";
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
		return "FUNCTIONS";
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		return "TYPES";
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		return "SCHEMAS";
	default:
		return NULL;
	}
}

/* The current role: the one that creates objects now and whose default
 * privileges ALTER DEFAULT PRIVILEGES without FOR ROLE changes, the same
 * for both, as on the server: SET ROLE's, else SET SESSION
 * AUTHORIZATION's, else NULL, the role that connects. That one is one
 * identity too (what it creates gets what it set without FOR ROLE), but
 * offline it has no name, and the default privileges object must have
 * one: introspection names it, and diff compares by name. So without SET
 * ROLE, ALTER DEFAULT PRIVILEGES needs FOR ROLE (else it is refused), and
 * what is created gets PostgreSQL's defaults: right unless FOR ROLE names
 * the role that will connect, which offline cannot tell. */
static const char *creator(const ox *x)
{
	return x->set_role ? x->set_role : x->session_role;
}

void alter_default_privileges(ox *x, PgQuery__AlterDefaultPrivilegesStmt *ad)
{
	PgQuery__GrantStmt *gs = ad->action;
	const char *word = gs ? defacl_word(gs->objtype) : NULL;
	PgQuery__Node **roles = NULL, **schemas = NULL;
	size_t n_roles = 0, n_schemas = 0;
	if (!word)
		return;
	for (size_t i = 0; i < ad->n_options; i++) {
		if (ad->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *de = ad->options[i]->def_elem;
		if (!de->arg || de->arg->node_case != PG_QUERY__NODE__NODE_LIST)
			continue;
		if (strcmp(de->defname, "roles") == 0) {
			roles = de->arg->list->items;
			n_roles = de->arg->list->n_items;
		} else if (strcmp(de->defname, "schemas") == 0) {
			schemas = de->arg->list->items;
			n_schemas = de->arg->list->n_items;
		}
	}
	/* without FOR ROLE: the current role's, when SET ROLE or SET SESSION
	 * AUTHORIZATION said which (creator) */
	const char *current = creator(x);
	if (!n_roles && !current) {
		error_at(x, x->loc,
			 "ALTER DEFAULT PRIVILEGES without FOR ROLE cannot be read without a "
			 "server: it is for the role that runs it");
		plumb_error_set_hint(
			x->st.ctx,
			"write FOR ROLE name, as pg_dump does, or SET ROLE name before it, or use "
			"--dev-url to read the schema on a server");
		return;
	}
	unsigned mask = privs_named(gs, plumb__pg_defacl_all(word));
	for (size_t r = 0; r < (n_roles ? n_roles : 1) && !x->st.rc; r++) {
		const char *role = !n_roles ? current
				   : roles[r]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC
					   ? role_of(x, roles[r]->role_spec)
					   : NULL;
		if (!role) {
			error_at(x, x->loc,
				 "ALTER DEFAULT PRIVILEGES FOR ROLE names a role by "
				 "name offline (not CURRENT_USER or the like)");
			return;
		}
		for (size_t s = 0; s < (n_schemas ? n_schemas : 1) && !x->st.rc; s++) {
			const char *schema = n_schemas ? plumb__pg_strval(schemas[s]) : NULL;
			if (n_schemas && !schema)
				continue;
			for (size_t g = 0; g < gs->n_grantees && !x->st.rc; g++) {
				const char *grantee = grantee_of(x, gs->grantees[g]);
				dstate *d = grantee ? defacl_state(x, role, schema, word, grantee)
						    : NULL;
				if (d)
					privs_apply(&d->privs, &d->grantable, gs->is_grant,
						    gs->grant_option, mask);
			}
		}
	}
}

/* The text of a SET's argument ('name', name), or NULL. */
static const char *set_arg(const PgQuery__VariableSetStmt *vs)
{
	const PgQuery__Node *n = vs->n_args ? vs->args[0] : NULL;
	return n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			       n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL
		       ? n->a_const->sval->sval
		       : NULL;
}

void role_set(ox *x, const PgQuery__VariableSetStmt *vs)
{
	/* RESET ALL leaves both, as the server's GUC_NO_RESET_ALL says */
	bool role = vs->name && strcmp(vs->name, "role") == 0;
	bool session = vs->name && strcmp(vs->name, "session_authorization") == 0;
	if (!role && !session)
		return;
	const char *to =
		vs->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE ? set_arg(vs) : NULL;
	/* SET ROLE NONE is RESET ROLE */
	if (to && role && strcmp(to, "none") == 0)
		to = NULL;
	to = to ? qi(x, to) : NULL;
	if (session) {
		/* SET SESSION AUTHORIZATION resets the role too */
		x->session_role = to;
		x->set_role = NULL;
	} else {
		x->set_role = to;
	}
}

/* The default privileges of role on the objects word names (FUNCTIONS,
 * TYPES, TABLES, SEQUENCES, SCHEMAS) given to the object of kind on named
 * schema.name just created in schema (the schema itself for SCHEMAS), as
 * get_user_default_acl gives them: per grantee, the role's entry for every
 * schema (PostgreSQL's defaults without one) merged with its entry for the
 * schema. PUBLIC is always one: a revoke may have left it out. */
static void defaults_give(ox *x, const char *word, const char *role, plumb_obj_kind on,
			  const char *schema, const char *name)
{
	const plumb_vec *of =
		role && x->defacl_of ? plumb_map_get(x->defacl_of, word, role, NULL) : NULL;
	if (!of || x->st.rc)
		return;
	plumb_vec grantees = {0};
	push(x, &grantees, (void *)"PUBLIC");
	for (size_t i = 0; i < of->n; i++) {
		const dstate *d = of->items[i];
		if (strcmp(d->grantee, "PUBLIC") != 0 &&
		    (!d->schema || strcmp(d->schema, schema) == 0))
			push(x, &grantees, (void *)d->grantee);
	}
	for (size_t i = 0; i < grantees.n && !x->st.rc; i++) {
		const char *grantee = grantees.items[i];
		bool own = strcmp(grantee, role) == 0;
		const char *k0 = fmt(x, "%s %s", word, grantee);
		const dstate *all = k0 ? plumb_map_get(x->defacls, k0, role, "") : NULL;
		const dstate *in = k0 ? plumb_map_get(x->defacls, k0, role, schema) : NULL;
		unsigned privs =
			all ? all->privs : plumb__pg_defacl_default(word, role, grantee, false);
		unsigned grantable = all ? all->grantable : 0;
		if (in) {
			privs |= in->privs;
			grantable |= in->grantable;
		}
		/* the owner's own privileges are not managed, as introspection
		 * reads them: only the grant options it gives itself */
		if (own)
			privs &= grantable;
		if (!own || privs)
			grants_defaulted(x, on, schema, name, grantee, privs, grantable);
	}
}

void default_privileges_apply(ox *x, const plumb_object *o)
{
	const char *word = o->kind == PLUMB_OBJ_FUNCTION ? "FUNCTIONS" : "TYPES";
	defaults_give(x, word, creator(x), o->kind, o->schema, o->name);
}

void default_privileges_relation(ox *x, const char *schema, const char *name, bool seq)
{
	defaults_give(x, seq ? "SEQUENCES" : "TABLES", creator(x),
		      seq ? PLUMB_OBJ_SEQUENCE : PLUMB_OBJ_TABLE, schema, name);
}

void default_privileges_schema(ox *x, const char *name, const PgQuery__RoleSpec *owner)
{
	/* CREATE SCHEMA ... AUTHORIZATION r: r's, as NamespaceCreate asks for
	 * the owner's (CURRENT_USER: the creator's, SESSION_USER: the session's) */
	const char *role = creator(x);
	if (owner && owner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER)
		role = x->session_role;
	else if (owner && owner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING)
		role = role_of(x, owner);
	defaults_give(x, "SCHEMAS", role, PLUMB_OBJ_SCHEMA, name, name);
}

/* --- the end ---------------------------------------------------------------------- */

void finish_owners(ox *x)
{
	for (size_t i = 0; i < x->defacl_list.n && !x->st.rc; i++) {
		const dstate *d = x->defacl_list.items[i];
		/* ... dropped with its schema */
		if (d->schema && strcmp(d->schema, "public") != 0 &&
		    !find_object(x, PLUMB_OBJ_SCHEMA, NULL, d->schema))
			continue;
		unsigned def =
			plumb__pg_defacl_default(d->word, d->role, d->grantee, d->schema != NULL);
		if (d->privs == def && !d->grantable)
			continue;
		plumb_object t = {.schema = d->schema,
				  .target = d->role,
				  .part = d->word,
				  .grantee = d->grantee,
				  .privileges = d->privs,
				  .grantable = d->grantable & d->privs};
		fail(x, plumb__pg_defacl_define(x->st.ctx, x->st.arena, &t));
		plumb_object *o =
			x->st.rc ? NULL : new_object(x, PLUMB_OBJ_DEFAULT_ACL, t.schema, t.name);
		if (!o)
			return;
		t.kind = PLUMB_OBJ_DEFAULT_ACL;
		t.name = o->name;
		*o = t;
	}
	if (x->st.ctx->owners && !x->st.rc)
		fail(x, plumb__pg_owners_attach(x->st.ctx, x->st.arena, x->cat, owner_lookup,
						x->roles));
}
