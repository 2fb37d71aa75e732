/*
 * The planner's last phases: triggers and policies created again, comments
 * set or dropped (and set again on recreated targets), and grants revoked and
 * granted (again, when their target was recreated). It orders nothing: these
 * come after every object they hang on.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- comments ----------------------------------------------------------- */

/* Is the target of a comment of `from` gone from the desired catalog (or
 * dropped and created again, which took the comment with it)? */
static bool comment_target_gone(planner *p, const plumb_object *cm)
{
	const char *n = cm->name;
	const char *sp = strchr(n, ' ');
	const char *rest = sp ? sp + 1 : n;
	if (strncmp(n, "MATERIALIZED VIEW ", 18) == 0)
		rest = n + 18;
	if (cm->target_kind == PLUMB_OBJ_INDEX || strncmp(n, "INDEX ", 6) == 0) {
		/* gone with its index: dropped, or replaced (drop and create) */
		const char *s0, *ix;
		plumb__pgp_split_qname(p, rest, &s0, &ix);
		if (!s0)
			s0 = cm->schema;
		if (!plumb_catalog_find(p->to, PLUMB_OBJ_INDEX, s0, ix))
			return true;
		const plumb_change *ch = plumb__pgp_find_change(p, PLUMB_OBJ_INDEX, s0, ix, false);
		return ch && ch->op == PLUMB_CHANGE_ALTER && !ch->renamed;
	}
	if (cm->table) {
		const plumb_table *t = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, cm->schema, cm->table);
		const plumb_view *v = plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, cm->schema, cm->table);
		if (!t && !v)
			return true;
		if (plumb__pgp_is_recreated(p, "table", cm->schema, cm->table) ||
		    plumb__pgp_is_recreated(p, "view", cm->schema, cm->table))
			return true;
		/* "CONSTRAINT c ON s.t", "TRIGGER g ON s.t", "POLICY p ON s.t" */
		const char *on = strstr(rest, " ON ");
		if (on && (strncmp(n, "CONSTRAINT ", 11) == 0 || strncmp(n, "TRIGGER ", 8) == 0 ||
			   strncmp(n, "POLICY ", 7) == 0)) {
			const char *s0, *part;
			plumb__pgp_split_qname(p,
					       plumb__pgp_fmt(p, "x.%.*s", (int)(on - rest), rest),
					       &s0, &part);
			if (n[0] == 'C') {
				for (size_t i = 0; t && i < t->constraints.n; i++)
					if (plumb__pgp_str_eq(((plumb_constraint *)
								       t->constraints.items[i])
								      ->name,
							      part))
						return false;
				return true;
			}
			plumb_obj_kind k = n[0] == 'T' ? PLUMB_OBJ_TRIGGER : PLUMB_OBJ_POLICY;
			if (!plumb__pgp_find_on(p->to, k, cm->schema, part, cm->table))
				return true;
			const plumb_vec *fv = k == PLUMB_OBJ_TRIGGER ? &p->from->triggers : &p->from->objects;
			const bool *dropped = k == PLUMB_OBJ_TRIGGER ? p->drop_trigger : p->drop_policy;
			const void *old = plumb__pgp_find_on(p->from, k, cm->schema, part,
							     cm->table);
			for (size_t i = 0; old && i < fv->n; i++)
				if (fv->items[i] == old && dropped[i])
					return true;
			return !old;
		}
		if (strncmp(n, "COLUMN ", 7) == 0 && t) {
			const char *dot = strrchr(rest, '.');
			const char *col = dot ? dot + 1 : rest;
			const char *s, *c;
			plumb__pgp_split_qname(p, plumb__pgp_fmt(p, "x.%s", col), &s, &c);
			if (!plumb_table_find_column(p->to, t, c))
				return true;
			if (plumb__pgp_is_recreated(p, "column", NULL,
						    plumb__pgp_fmt(p, "%s.%s",
								   plumb__pgp_key(p, cm->schema,
										  cm->table),
								   c)))
				return true;
		}
		return false;
	}
	/* a whole object: find it by kind and name */
	const char *s, *nm;
	plumb__pgp_split_qname(p, rest, &s, &nm);
	if (cm->target_kind == PLUMB_OBJ_SCHEMA || cm->target_kind == PLUMB_OBJ_EXTENSION) {
		for (size_t i = 0; i < p->to->objects.n; i++) {
			const plumb_object *o = p->to->objects.items[i];
			if (o->kind == cm->target_kind &&
			    (plumb__pgp_str_eq(o->name, rest) ||
			     plumb__pgp_str_eq(plumb_quote_ident(p->tmp, o->name), rest)))
				return false;
		}
		return true;
	}
	if (!strchr(rest, '.'))
		return false; /* cannot tell: keep the statement */
	if (plumb__pgp_is_recreated(p, "view", s, nm) ||
	    plumb__pgp_is_recreated(p, "type", s, nm) ||
	    plumb__pgp_is_recreated(p, "domain", s, nm) ||
	    (cm->target_kind == PLUMB_OBJ_FUNCTION && plumb__pgp_is_recreated(p, "function", s, nm)))
		return true;
	bool typeish = cm->target_kind == PLUMB_OBJ_TYPE || cm->target_kind == PLUMB_OBJ_ENUM ||
		       cm->target_kind == PLUMB_OBJ_DOMAIN;
	if (typeish && (plumb_catalog_find(p->to, PLUMB_OBJ_TYPE, s, nm) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_ENUM, s, nm) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, s, nm)))
		return false; /* COMMENT ON TYPE covers enums and domains too */
	return plumb_catalog_find(p->to, cm->target_kind, s, nm) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, nm) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, nm) == NULL &&
	       cm->target_kind != PLUMB_OBJ_FUNCTION && cm->target_kind != PLUMB_OBJ_INDEX &&
	       cm->target_kind != PLUMB_OBJ_TRIGGER && cm->target_kind != PLUMB_OBJ_POLICY;
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

/* Splits a grant's name "KIND target[ (col)] TO grantee": on is "KIND
 * target", col "(col)" or NULL. */
static void grant_parts(planner *p, const plumb_object *g, const char **on, const char **col,
			const char **grantee)
{
	const char *n = g->name, *s = strchr(n, ' '), *paren = NULL;
	bool q = false;
	*on = n;
	*col = NULL;
	*grantee = "";
	for (s = s ? s : n; *s; s++) {
		if (*s == '"')
			q = !q;
		if (q)
			continue;
		if (s[0] == ' ' && s[1] == '(' && !paren)
			paren = s;
		if (strncmp(s, " TO ", 4) == 0) {
			*grantee = s + 4;
			*on = plumb__pgp_fmt(p, "%.*s", (int)((paren ? paren : s) - n), n);
			if (paren)
				*col = plumb__pgp_fmt(p, "%.*s", (int)(s - paren - 1), paren + 1);
			return;
		}
	}
}

/* Is the relation (or column) a grant is on gone from the desired catalog,
 * or dropped and created again (which took its privileges with it)? */
static bool grant_target_gone(planner *p, const plumb_object *g)
{
	const char *s = g->schema, *t = g->table;
	if (!t)
		return false;
	if (g->target_kind == PLUMB_OBJ_SEQUENCE) {
		/* "SEQUENCE s.q TO r"; table is q, or the table of a serial column's q */
		const char *on, *col, *to, *s0, *q;
		grant_parts(p, g, &on, &col, &to);
		plumb__pgp_split_qname(p, strncmp(on, "SEQUENCE ", 9) == 0 ? on + 9 : on, &s0, &q);
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
	const char *on, *col, *to, *s0, *c;
	grant_parts(p, g, &on, &col, &to);
	if (!col || strlen(col) < 2)
		return false;
	plumb__pgp_split_qname(p, plumb__pgp_fmt(p, "x.%.*s", (int)strlen(col) - 2, col + 1), &s0,
			       &c);
	if (tb && !plumb_table_find_column(p->to, tb, c))
		return true;
	return plumb__pgp_is_recreated(p, "column", NULL,
				       plumb__pgp_fmt(p, "%s.%s", plumb__pgp_key(p, s, t), c));
}

/* GRANT the privileges of g; those with grant option in a second statement. */
static void grant_create(planner *p, const plumb_object *g)
{
	const char *on, *col, *to;
	grant_parts(p, g, &on, &col, &to);
	const char *plain = "", *opt = "", *d = g->definition ? g->definition : "";
	static const char wgo[] = " WITH GRANT OPTION";
	while (*d) {
		const char *end = strstr(d, ", ");
		size_t len = end ? (size_t)(end - d) : strlen(d);
		bool go = len >= sizeof(wgo) - 1 && strncmp(d + len - (sizeof(wgo) - 1), wgo, sizeof(wgo) - 1) == 0;
		int pl = (int)(go ? len - (sizeof(wgo) - 1) : len);
		const char **dst = go ? &opt : &plain;
		*dst = plumb__pgp_fmt(p, "%s%s%.*s%s%s", *dst, **dst ? ", " : "", pl, d,
				      col ? " " : "", col ? col : "");
		d += len;
		if (*d)
			d += 2;
	}
	if (*plain)
		plumb__pgp_emit(p, "GRANT %s ON %s TO %s", plain, on, to);
	if (*opt)
		plumb__pgp_emit(p, "GRANT %s ON %s TO %s WITH GRANT OPTION", opt, on, to);
}

static void grant_revoke(planner *p, const plumb_object *g)
{
	const char *on, *col, *to;
	grant_parts(p, g, &on, &col, &to);
	plumb__pgp_emit(p, "REVOKE ALL%s%s ON %s FROM %s", col ? " " : "", col ? col : "", on, to);
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
		if (!grant_target_gone(p, c->from))
			grant_revoke(p, c->from);
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_GRANT && c->op != PLUMB_CHANGE_DROP)
			grant_create(p, c->to);
	}
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_GRANT || o->implicit ||
		    plumb__pgp_find_change(p, PLUMB_OBJ_GRANT, o->schema, o->name, false))
			continue;
		bool again = grant_target_gone(p, o);
		const char *on, *col, *to;
		grant_parts(p, o, &on, &col, &to);
		if (!again && col) {
			/* REVOKE on the relation took the column's privileges too */
			const plumb_change *rc =
				plumb__pgp_find_change(p, PLUMB_OBJ_GRANT, o->schema,
						       plumb__pgp_fmt(p, "%s TO %s", on, to), true);
			again = rc && rc->op != PLUMB_CHANGE_CREATE;
		}
		if (again)
			grant_create(p, o);
	}
}
