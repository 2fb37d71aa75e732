/*
 * The planner's last phases: triggers, policies and rules created again (a
 * rule that only changed replaced), comments
 * set or dropped (and set again on recreated targets), and grants revoked and
 * granted (again, when their target was recreated). What a comment or grant
 * is on, its grantee and privileges are read from the object's fields, never
 * from its name or definition. It orders nothing: these come after every
 * object they hang on.
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/plan_int.h"

/* --- comments ----------------------------------------------------------- */

/* Is the target of a comment of `from` gone from the desired catalog (or
 * dropped and created again, which took the comment with it)? Read from the
 * comment's fields: schema, table, target, column, part. */
static bool comment_target_gone(planner *p, const plumb_object *cm)
{
	const char *s = cm->schema, *on = cm->target;
	if (!on)
		return false; /* cannot tell: keep the statement */
	if (cm->target_kind == PLUMB_OBJ_INDEX) {
		/* gone with its index: dropped, or replaced (drop and create) */
		if (!plumb_catalog_find(p->to, PLUMB_OBJ_INDEX, s, on))
			return true;
		const plumb_change *ch = plumb__pgp_find_change(p, PLUMB_OBJ_INDEX, s, on, false);
		return ch && ch->op == PLUMB_CHANGE_ALTER && !ch->renamed;
	}
	if (cm->table) {
		const plumb_table *t = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, cm->table);
		const plumb_view *v = plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, cm->table);
		if (!t && !v)
			return true;
		if (plumb__pgp_is_recreated(p, "table", s, cm->table) ||
		    plumb__pgp_is_recreated(p, "view", s, cm->table))
			return true;
		if (cm->part && cm->target_kind != PLUMB_OBJ_TRIGGER &&
		    cm->target_kind != PLUMB_OBJ_POLICY && cm->target_kind != PLUMB_OBJ_RULE) {
			/* a constraint of the table */
			for (size_t i = 0; t && i < t->constraints.n; i++) {
				const plumb_constraint *k = t->constraints.items[i];
				if (plumb__pgp_str_eq(k->name, cm->part))
					return false;
			}
			return true;
		}
		if (cm->part) {
			plumb_obj_kind k = cm->target_kind;
			if (!plumb__pgp_find_on(p->to, k, s, cm->part, cm->table))
				return true;
			const plumb_vec *fv = k == PLUMB_OBJ_TRIGGER ? &p->from->triggers : &p->from->objects;
			const bool *dropped = k == PLUMB_OBJ_TRIGGER ? p->drop_trigger : p->drop_policy;
			const void *old = plumb__pgp_find_on(p->from, k, s, cm->part, cm->table);
			for (size_t i = 0; old && i < fv->n; i++)
				if (fv->items[i] == old && dropped[i])
					return true;
			return !old;
		}
		if (cm->column && t) {
			if (!plumb_table_find_column(p->to, t, cm->column))
				return true;
			if (plumb__pgp_is_recreated(p, "column", NULL,
						    plumb__pgp_fmt(p, "%s.%s",
								   plumb__pgp_key(p, s, cm->table),
								   cm->column)))
				return true;
		}
		return false;
	}
	if (cm->target_kind == PLUMB_OBJ_FDW || cm->target_kind == PLUMB_OBJ_SERVER) {
		/* gone with its wrapper or server, or with a server made again */
		const plumb_object *t = plumb_catalog_find(p->to, cm->target_kind, NULL, on);
		const plumb_object *f = plumb_catalog_find(p->from, cm->target_kind, NULL, on);
		return !t || (f && t->kind == PLUMB_OBJ_SERVER &&
			      (!plumb__pgp_str_eq(f->fdw, t->fdw) ||
			       !plumb__pgp_str_eq(f->srv_type, t->srv_type)));
	}
	/* a whole object, or a constraint of a domain (it goes with its domain) */
	if (cm->target_kind == PLUMB_OBJ_SCHEMA && plumb__pgp_str_eq(on, "public"))
		return false; /* there always, never a schema object of the catalog */
	if (cm->target_kind == PLUMB_OBJ_SCHEMA || cm->target_kind == PLUMB_OBJ_EXTENSION) {
		const plumb_vec *v = plumb__pgp_objects(p, p->to, cm->target_kind);
		for (size_t i = 0; i < v->n; i++)
			if (plumb__pgp_str_eq(((const plumb_object *)v->items[i])->name, on))
				return false;
		return true;
	}
	if (!s)
		return false; /* cannot tell: keep the statement */
	if (plumb__pgp_is_recreated(p, "view", s, on) || plumb__pgp_is_recreated(p, "type", s, on) ||
	    plumb__pgp_is_recreated(p, "domain", s, on) ||
	    (cm->target_kind == PLUMB_OBJ_FUNCTION && plumb__pgp_is_recreated(p, "function", s, on)) ||
	    (cm->part && plumb__pgp_is_recreated(p, "domain constraint", s,
						 plumb__pgp_fmt(p, "%s.%s", on, cm->part))))
		return true;
	if (cm->target_kind == PLUMB_OBJ_FUNCTION)
		return !plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, s, on); /* on: "f(integer)" */
	bool typeish = cm->target_kind == PLUMB_OBJ_TYPE || cm->target_kind == PLUMB_OBJ_ENUM ||
		       cm->target_kind == PLUMB_OBJ_DOMAIN;
	if (typeish && (plumb_catalog_find(p->to, PLUMB_OBJ_TYPE, s, on) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_ENUM, s, on) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, s, on)))
		return false; /* COMMENT ON TYPE covers enums and domains too */
	return plumb_catalog_find(p->to, cm->target_kind, s, on) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, on) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, on) == NULL &&
	       cm->target_kind != PLUMB_OBJ_INDEX &&
	       cm->target_kind != PLUMB_OBJ_TRIGGER && cm->target_kind != PLUMB_OBJ_POLICY &&
	       cm->target_kind != PLUMB_OBJ_RULE;
}

/* Rules new or dropped in phase 1 are created; one that changed, and
 * stayed, is replaced: CREATE OR REPLACE RULE. */
static void create_rules(planner *p)
{
	const plumb_vec *rules = plumb__pgp_objects(p, p->to, PLUMB_OBJ_RULE);
	for (size_t i = 0; i < rules->n && !p->st.rc; i++) {
		const plumb_object *o = rules->items[i];
		const plumb_object *old =
			plumb__pgp_find_on(p->from, PLUMB_OBJ_RULE, o->schema, o->name, o->table);
		bool dropped = !old;
		for (size_t j = 0; j < p->dropped_rules.n && !dropped; j++)
			dropped = p->dropped_rules.items[j] == old;
		if (dropped) {
			plumb__pgp_create_object(p, o);
			continue;
		}
		if (plumb__pgp_str_eq(old->definition, o->definition))
			continue;
		const char *sql = plumb__pgp_obj_sql(o);
		static const char head[] = "CREATE RULE ";
		if (!sql || strncasecmp(sql, head, sizeof(head) - 1) != 0) {
			if (!p->st.rc)
				p->st.rc = plumb_error_set(
					p->ctx, PLUMB_ERROR,
					"could not replace rule \"%s\": no definition", o->name);
			return;
		}
		plumb_stmt *s =
			plumb__pgp_emit(p, "CREATE OR REPLACE RULE %s", sql + sizeof(head) - 1);
		plumb__pgp_ae_of(p, s,
				 plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, o->schema, o->table)
					 ? "view"
					 : "table",
				 plumb__pgp_dn(p, o->schema, o->table));
	}
}

void plumb__pgp_phase_triggers_policies(planner *p)
{
	for (size_t i = 0; i < p->to->triggers.n; i++) {
		const plumb_trigger *t = p->to->triggers.items[i];
		const plumb_trigger *old = plumb__pgp_find_on(p->from, PLUMB_OBJ_TRIGGER, t->schema,
							      t->name, t->table);
		bool want = !old;
		for (size_t j = 0; j < p->from->triggers.n && !want; j++)
			if (p->from->triggers.items[j] == old && p->drop_trigger[j])
				want = true;
		if (old && !want && !plumb__pgp_str_eq(old->table, t->table))
			want = true;
		if (!want)
			continue;
		const char *sql = t->sql ? t->sql : t->definition;
		plumb_stmt *s = plumb__pgp_emit(p, "%s", sql ? sql : "");
		(void)s; /* CREATE TRIGGER takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE */
	}
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_POLICY)
			continue;
		const plumb_object *old = plumb__pgp_find_on(p->from, PLUMB_OBJ_POLICY, o->schema,
							     o->name, o->table);
		bool want = !old;
		for (size_t j = 0; j < p->from->objects.n && !want; j++)
			if (p->from->objects.items[j] == old && p->drop_policy[j])
				want = true;
		if (want)
			plumb__pgp_create_object(p, o);
	}
	create_rules(p);
}

void plumb__pgp_phase_comments(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_COMMENT)
			continue;
		if (c->op == PLUMB_CHANGE_DROP) {
			if (!comment_target_gone(p, c->from))
				plumb__pgp_drop_object(p, c->from);
		} else {
			plumb__pgp_create_object(p, c->to);
		}
	}
	/* comments whose targets were dropped and created again */
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_COMMENT ||
		    plumb__pgp_find_change(p, PLUMB_OBJ_COMMENT, o->schema, o->name, false))
			continue;
		if (comment_target_gone(p, o))
			plumb__pgp_create_object(p, o);
	}
}

/* --- grants ------------------------------------------------------------- */

const char *plumb__pgp_qi(planner *p, const char *name)
{
	char *q = plumb__pg_quote_ident(p->tmp, name ? name : "");
	if (!q)
		plumb__pgp_nomem(p);
	return q ? q : "";
}

const char *plumb__pgp_privs_text(planner *p, unsigned bits)
{
	const char *s = "";
	for (unsigned bit = 1; bit && bit <= PLUMB_PRIV_EXECUTE; bit <<= 1)
		if ((bits & bit) && plumb__pg_priv_name(bit))
			s = plumb__pgp_fmt(p, "%s%s%s", s, *s ? ", " : "",
					   plumb__pg_priv_name(bit));
	return s;
}

/* What GRANT names a grant on a routine is on: "FUNCTION s.f(integer)",
 * PROCEDURE for a procedure (ROUTINE when neither catalog has it). */
static const char *routine_on(planner *p, const plumb_object *g)
{
	const plumb_object *f = plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, g->schema, g->target);
	if (!f)
		f = plumb_catalog_find(p->from, PLUMB_OBJ_FUNCTION, g->schema, g->target);
	const char *paren = strchr(g->target, '(');
	return plumb__pgp_fmt(p, "%s %s.%s%s",
			      !f				     ? "ROUTINE"
			      : f->func_kind == PLUMB_FUNC_PROCEDURE ? "PROCEDURE"
								     : "FUNCTION",
			      plumb__pgp_qi(p, g->schema),
			      plumb__pgp_qi(p, plumb__pgp_func_base(p, g->target)),
			      paren ? paren : "()");
}

/* What GRANT names g is on: "TABLE s.t", "SEQUENCE s.q", "SCHEMA s",
 * "FUNCTION s.f(integer)", "TYPE s.t", "DOMAIN s.d", "FOREIGN SERVER v",
 * "FOREIGN DATA WRAPPER w" or "LANGUAGE l"; and, for a column's
 * privileges, the column list " (c)" (else ""). */
static const char *grant_on(planner *p, const plumb_object *g)
{
	if (g->target_kind == PLUMB_OBJ_SCHEMA)
		return plumb__pgp_fmt(p, "SCHEMA %s", plumb__pgp_qi(p, g->schema));
	switch (g->target_kind) {
	case PLUMB_OBJ_FUNCTION:
		return routine_on(p, g);
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_DOMAIN:
		return plumb__pgp_fmt(p, "%s %s.%s",
				      g->target_kind == PLUMB_OBJ_DOMAIN ? "DOMAIN" : "TYPE",
				      plumb__pgp_qi(p, g->schema), plumb__pgp_qi(p, g->target));
	case PLUMB_OBJ_SERVER:
	case PLUMB_OBJ_FDW:
	case PLUMB_OBJ_GRANT:
		return plumb__pgp_fmt(p, "%s %s",
				      g->target_kind == PLUMB_OBJ_SERVER ? "FOREIGN SERVER"
				      : g->target_kind == PLUMB_OBJ_FDW	 ? "FOREIGN DATA WRAPPER"
									 : "LANGUAGE",
				      plumb__pgp_qi(p, g->target));
	default:
		break;
	}
	return plumb__pgp_fmt(p, "%s %s.%s",
			      g->target_kind == PLUMB_OBJ_SEQUENCE ? "SEQUENCE" : "TABLE",
			      plumb__pgp_qi(p, g->schema), plumb__pgp_qi(p, g->target));
}

static const char *grant_cols(planner *p, const plumb_object *g)
{
	return g->column ? plumb__pgp_fmt(p, " (%s)", plumb__pgp_qi(p, g->column)) : "";
}

/* Is the routine, type, server or wrapper a grant is on gone from the
 * desired catalog, or dropped and created again (a routine whose result
 * changed, a type rebuilt, a server on another wrapper)? A language is no
 * catalog object: never. */
static bool object_gone(planner *p, const plumb_object *g)
{
	const char *s = g->schema, *on = g->target;
	if (!on)
		return false;
	switch (g->target_kind) {
	case PLUMB_OBJ_FUNCTION:
		return !plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, s, on) ||
		       plumb__pgp_is_recreated(p, "function", s, on);
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_DOMAIN:
		return !plumb_catalog_find(p->to, g->target_kind, s, on) ||
		       plumb__pgp_is_recreated(p, "type", s, on) ||
		       plumb__pgp_is_recreated(p, "domain", s, on);
	case PLUMB_OBJ_SERVER:
	case PLUMB_OBJ_FDW: {
		const plumb_object *t = plumb_catalog_find(p->to, g->target_kind, NULL, on);
		const plumb_object *f = plumb_catalog_find(p->from, g->target_kind, NULL, on);
		return !t || (f && t->kind == PLUMB_OBJ_SERVER &&
			      (!plumb__pgp_str_eq(f->fdw, t->fdw) ||
			       !plumb__pgp_str_eq(f->srv_type, t->srv_type)));
	}
	default:
		return false;
	}
}

/* Is the relation (or column) a grant is on gone from the desired catalog,
 * or dropped and created again (which took its privileges with it)? */
static bool grant_target_gone(planner *p, const plumb_object *g)
{
	const char *s = g->schema, *t = g->table;
	if (g->target_kind == PLUMB_OBJ_SCHEMA)
		return !plumb__pgp_str_eq(s, "public") &&
		       !plumb_catalog_find(p->to, PLUMB_OBJ_SCHEMA, NULL, s);
	if (plumb__pg_grant_on_object(g))
		return object_gone(p, g);
	if (!t || !g->target)
		return false;
	if (g->target_kind == PLUMB_OBJ_SEQUENCE) {
		/* target is the sequence; table is it, or the table of a serial column's */
		const char *q = g->target;
		if (plumb_catalog_find(p->to, PLUMB_OBJ_SEQUENCE, s, q))
			return plumb__pgp_is_recreated(p, "sequence", s, q);
		return plumb__pgp_str_eq(q, t) ||
		       !plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, t) ||
		       plumb__pgp_is_recreated(p, "table", s, t);
	}
	const plumb_table *tb = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, t);
	if (!tb && !plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, t))
		return true;
	if (plumb__pgp_is_recreated(p, "table", s, t) || plumb__pgp_is_recreated(p, "view", s, t))
		return true;
	if (!g->column)
		return false;
	if (tb && !plumb_table_find_column(p->to, tb, g->column))
		return true;
	const char *key = plumb__pgp_fmt(p, "%s.%s", plumb__pgp_key(p, s, t), g->column);
	return plumb__pgp_is_recreated(p, "column", NULL, key);
}

/* GRANT the privileges of g; those with grant option in a second statement.
 * fresh: the grantee holds the default on g's target (it is new, or the
 * grant is): what of the default g does not hold is revoked first. */
static void grant_create(planner *p, const plumb_object *g, bool fresh)
{
	const char *plain = "", *opt = "", *cols = grant_cols(p, g);
	unsigned def = plumb__pg_grant_default(g) & ~g->privileges;
	if (fresh && def)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "REVOKE %s ON %s FROM %s",
						 plumb__pgp_privs_text(p, def), grant_on(p, g),
						 g->grantee),
				 'n', NULL, NULL, NULL);
	for (unsigned bit = 1; bit && bit <= PLUMB_PRIV_EXECUTE; bit <<= 1) {
		const char *priv = plumb__pg_priv_name(bit);
		if (!(g->privileges & bit) || !priv)
			continue;
		const char **dst = g->grantable & bit ? &opt : &plain;
		*dst = plumb__pgp_fmt(p, "%s%s%s%s", *dst, **dst ? ", " : "", priv, cols);
	}
	if (*plain)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "GRANT %s ON %s TO %s", plain, grant_on(p, g),
						 g->grantee),
				 'n', NULL, NULL, NULL);
	if (*opt)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "GRANT %s ON %s TO %s WITH GRANT OPTION", opt,
						 grant_on(p, g), g->grantee),
				 'n', NULL, NULL, NULL);
}

/* REVOKE what g holds: ALL on a relation; on a schema only its privileges,
 * so that initdb's USAGE to PUBLIC on public stays. From the owner (own) only
 * the grant options it gave itself: its privileges are not managed. */
static void grant_revoke(planner *p, const plumb_object *g, bool own)
{
	if (own) {
		if (g->grantable)
			plumb__pgp_known(
				p,
				plumb__pgp_emit(p, "REVOKE GRANT OPTION FOR ALL%s ON %s FROM %s",
						grant_cols(p, g), grant_on(p, g), g->grantee),
				'n', NULL, NULL, NULL);
		return;
	}
	const char *privs = g->target_kind == PLUMB_OBJ_SCHEMA
				    ? plumb__pgp_privs_text(p, g->privileges & (PLUMB_PRIV_USAGE |
										PLUMB_PRIV_CREATE))
			    : g->privileges || !plumb__pg_grant_on_object(g) ? "ALL"
									     : "";
	if (*privs)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "REVOKE %s%s ON %s FROM %s", privs,
						 grant_cols(p, g), grant_on(p, g), g->grantee),
				 'n', NULL, NULL, NULL);
}

/* A grant on a routine, type or language gone: PUBLIC's default given back. */
static void grant_default(planner *p, const plumb_object *g)
{
	unsigned def = plumb__pg_grant_default(g);
	if (def)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "GRANT %s ON %s TO %s",
						 plumb__pgp_privs_text(p, def), grant_on(p, g),
						 g->grantee),
				 'n', NULL, NULL, NULL);
}

/* After tables, views and sequences exist (next to comments): REVOKE what
 * goes (not when its target goes too), GRANT what comes or changed, and
 * grant again what a recreated target lost. */
void plumb__pgp_phase_grants(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_GRANT || c->op == PLUMB_CHANGE_CREATE)
			continue;
		const plumb_object *from = c->from, *to = c->to;
		if (grant_target_gone(p, from))
			continue;
		grant_revoke(p, from, from->implicit || (to && to->implicit));
		if (c->op == PLUMB_CHANGE_DROP)
			grant_default(p, from);
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_GRANT && c->op != PLUMB_CHANGE_DROP)
			grant_create(p, c->to,
				     c->op == PLUMB_CHANGE_CREATE || grant_target_gone(p, c->from));
	}
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_GRANT || (o->implicit && !o->privileges) ||
		    plumb__pgp_find_change(p, PLUMB_OBJ_GRANT, o->schema, o->name, false))
			continue;
		bool again = grant_target_gone(p, o);
		if (!again && o->column) {
			/* REVOKE on the relation took the column's privileges too */
			const plumb_change *rc = plumb__pgp_find_change(
				p, PLUMB_OBJ_GRANT, o->schema,
				plumb__pgp_fmt(p, "%s TO %s", grant_on(p, o), o->grantee), true);
			again = rc && rc->op != PLUMB_CHANGE_CREATE;
		}
		if (again)
			grant_create(p, o, true);
	}
}
