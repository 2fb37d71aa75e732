/*
 * The offline builder's access and documentation: policies, COMMENT ON (the
 * target checked as PostgreSQL does) and GRANT / REVOKE, folded per target
 * and grantee into the privileges pg_class, pg_attribute, pg_namespace,
 * pg_proc, pg_type and the foreign catalogs would hold. It
 * creates no table, type or function.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

void create_policy(ox *x, PgQuery__CreatePolicyStmt *ps, PgQuery__Node *stmt)
{
	const char *schema = sch(ps->table->schemaname);
	if (!table_or_view(x, ps->table, false))
		return;
	plumb_object *o = new_object(x, PLUMB_OBJ_POLICY, schema, ps->policy_name);
	if (!o)
		return;
	o->table = dup(x, ps->table->relname);
	ps->table->schemaname = (char *)o->schema;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

/* ALTER POLICY p ON t [TO roles] [USING (...)] [WITH CHECK (...)]: the
 * policy made again with what it changes. */
void alter_policy(ox *x, PgQuery__AlterPolicyStmt *ap, size_t loc)
{
	const char *schema = sch(ap->table->schemaname);
	plumb_object *o = find_object(x, PLUMB_OBJ_POLICY, schema, ap->policy_name);
	PgQuery__ParseResult *pr = NULL;
	if (o && (!o->table || strcmp(o->table, ap->table->relname) != 0))
		o = NULL;
	if (o && o->sql)
		fail(x, plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &pr, NULL));
	if (x->st.rc)
		return;
	if (!pr || pr->n_stmts != 1 ||
	    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_POLICY_STMT) {
		error_at(x, loc, "policy \"%s\" for table \"%s\" does not exist", ap->policy_name,
			 ap->table->relname);
		return;
	}
	PgQuery__Node *stmt = pr->stmts[0]->stmt;
	PgQuery__CreatePolicyStmt *ps = stmt->create_policy_stmt;
	if (ap->n_roles) {
		ps->roles = ap->roles;
		ps->n_roles = ap->n_roles;
	}
	if (ap->qual)
		ps->qual = ap->qual;
	if (ap->with_check)
		ps->with_check = ap->with_check;
	plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	create_policy(x, ps, stmt);
}

/* --- comments ------------------------------------------------------------------------------- */

/* Whether the relation, column, constraint, trigger or policy a COMMENT
 * names exists; when not, an error as PostgreSQL's. Other objects (types,
 * functions, schemas) may come from extensions and are not checked. */
static bool comment_target_exists(ox *x, PgQuery__CommentStmt *cs, PgQuery__Node **v, size_t n)
{
	const char *schema, *name, *sub = NULL;
	bool relation = false;
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		split_names(v, n, &schema, &name);
		relation = true;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		if (n < 2)
			return true;
		sub = plumb__pg_strval(v[n - 1]);
		split_names(v, n - 1, &schema, &name);
		break;
	default:
		return true;
	}
	plumb_table *t = find_table(x, schema, name);
	plumb_view *view = find_view(x, schema, name);
	bool found;
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		found = t && !t->server;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
		found = t && t->server;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		found = view && !view->materialized;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		found = view && view->materialized;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		found = is_relation(x, schema, name);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		found = t || view;
		break;
	default:
		found = t != NULL || (view && cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN);
		break;
	}
	if (!found) {
		error_at(x, x->loc, "relation \"%s\" does not exist", shown(x, schema, name));
		return false;
	}
	if (relation || !sub || (!t && cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN))
		return true;
	const char *rel = shown(x, schema, name);
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
		if (find_column(t, sub))
			return true;
		error_at(x, x->loc, "column \"%s\" of relation \"%s\" does not exist", sub, rel);
		return false;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
		for (size_t i = 0; i < t->constraints.n; i++) {
			const plumb_constraint *k = t->constraints.items[i];
			if (k->name && strcmp(k->name, sub) == 0)
				return true;
		}
		error_at(x, x->loc, "constraint \"%s\" for table \"%s\" does not exist", sub, rel);
		return false;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
		for (size_t i = 0; i < x->cat->triggers.n; i++) {
			const plumb_trigger *tg = x->cat->triggers.items[i];
			if (strcmp(tg->schema, schema) == 0 && strcmp(tg->table, name) == 0 &&
			    strcmp(tg->name, sub) == 0)
				return true;
		}
		error_at(x, x->loc, "trigger \"%s\" for table \"%s\" does not exist", sub, rel);
		return false;
	default: { /* POLICY, RULE */
		bool rule = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_RULE;
		plumb_obj_kind k = rule ? PLUMB_OBJ_RULE : PLUMB_OBJ_POLICY;
		for (size_t i = 0; i < x->cat->objects.n; i++) {
			const plumb_object *o = x->cat->objects.items[i];
			if (o->kind == k && strcmp(o->schema, schema) == 0 && o->table &&
			    strcmp(o->table, name) == 0 && strcmp(o->name, sub) == 0)
				return true;
		}
		error_at(x, x->loc, "%s \"%s\" for %s \"%s\" does not exist",
			 rule ? "rule" : "policy", sub, rule ? "relation" : "table", rel);
		return false;
	}
	}
}

/* A type of an operator's or a cast's signature: canonical, NONE when not
 * a type. */
static const char *sig_type(ox *x, PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_TYPE_NAME ? func_arg_type(x, n->type_name)
								   : "NONE";
}

/* COMMENT ON the kinds whose objects are generic: operators, casts, text
 * search dictionaries and configurations, statistics, publications, event
 * triggers, operator classes and families. Their target kind, schema (NULL
 * for those in none), object name (on) and the comment's name; false for
 * another kind. */
static bool comment_other(ox *x, PgQuery__CommentStmt *cs, plumb_obj_kind *target,
			  const char **schema, const char **on, const char **name)
{
	PgQuery__Node *obj = cs->object;
	PgQuery__Node **v =
		obj && obj->node_case == PG_QUERY__NODE__NODE_LIST ? obj->list->items : NULL;
	size_t n = v ? obj->list->n_items : 0;
	const char *s, *b;
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION: {
		if (!n)
			return false;
		split_names(v, n, &s, &b);
		bool st = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT;
		bool dict = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY;
		*target = st	 ? PLUMB_OBJ_STATISTICS
			  : dict ? PLUMB_OBJ_TS_DICT
				 : PLUMB_OBJ_TS_CONFIG;
		*schema = s;
		*on = b;
		*name = fmt(x, "%s %s.%s",
			    st	   ? "STATISTICS"
			    : dict ? "TEXT SEARCH DICTIONARY"
				   : "TEXT SEARCH CONFIGURATION",
			    qi(x, s), qi(x, b));
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: {
		bool fdw = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FDW;
		if (!(b = plumb__pg_strval(obj)))
			return false;
		*target = fdw ? PLUMB_OBJ_FDW : PLUMB_OBJ_SERVER;
		*schema = NULL;
		*on = b;
		*name = fmt(x, "%s %s", fdw ? "FOREIGN DATA WRAPPER" : "SERVER", qi(x, b));
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER: {
		bool pub = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION;
		if (!(b = plumb__pg_strval(obj)))
			return false;
		*target = pub ? PLUMB_OBJ_PUBLICATION : PLUMB_OBJ_EVENT_TRIGGER;
		*schema = NULL;
		*on = b;
		*name = fmt(x, "%s %s", pub ? "PUBLICATION" : "EVENT TRIGGER", qi(x, b));
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY: {
		/* (am, name...) */
		const char *am = n >= 2 ? plumb__pg_strval(v[0]) : NULL;
		if (!am)
			return false;
		split_names(v + 1, n - 1, &s, &b);
		bool cls = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS;
		*target = cls ? PLUMB_OBJ_OPCLASS : PLUMB_OBJ_OPFAMILY;
		*schema = s;
		*on = fmt(x, "%s USING %s", b, am);
		*name = fmt(x, "OPERATOR %s %s.%s USING %s", cls ? "CLASS" : "FAMILY", qi(x, s),
			    qi(x, b), am);
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR: {
		if (!obj || obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return false;
		PgQuery__ObjectWithArgs *ow = obj->object_with_args;
		split_names(ow->objname, ow->n_objname, &s, &b);
		const char *l = sig_type(x, ow->n_objargs > 0 ? ow->objargs[0] : NULL);
		const char *r = sig_type(x, ow->n_objargs > 1 ? ow->objargs[1] : NULL);
		*target = PLUMB_OBJ_OPERATOR;
		*schema = s;
		*on = fmt(x, "%s(%s, %s)", b, l, r);
		*name = fmt(x, "OPERATOR %s.%s (%s, %s)", qi(x, s), b, l, r);
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_CAST:
		if (n != 2)
			return false;
		*target = PLUMB_OBJ_CAST;
		*schema = NULL;
		*on = fmt(x, "(%s AS %s)", sig_type(x, v[0]), sig_type(x, v[1]));
		*name = fmt(x, "CAST %s", *on);
		return true;
	default:
		return false;
	}
}

void comment_on(ox *x, PgQuery__CommentStmt *cs)
{
	PgQuery__Node *obj = cs->object;
	const char *name = NULL, *schema = NULL, *table = NULL;
	const char *on = NULL, *column = NULL, *part = NULL; /* the fields of what it is on */
	plumb_obj_kind target = PLUMB_OBJ_TABLE;
	PgQuery__Node **v = NULL;
	size_t n = 0;
	if (obj && obj->node_case == PG_QUERY__NODE__NODE_LIST) {
		v = obj->list->items;
		n = obj->list->n_items;
	}
	if (!comment_target_exists(x, cs, v, n))
		return;
	const char *s2, *n2;
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: {
		split_names(v, n, &s2, &n2);
		bool ft = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE;
		const char *word =
			ft						       ? "FOREIGN TABLE"
			: cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE   ? "TABLE"
			: cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW    ? "VIEW"
			: cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW ? "MATERIALIZED VIEW"
			: cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX   ? "INDEX"
									       : "SEQUENCE";
		target = ft || cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ? PLUMB_OBJ_TABLE
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX	  ? PLUMB_OBJ_INDEX
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE
				 ? PLUMB_OBJ_SEQUENCE
				 : PLUMB_OBJ_VIEW;
		schema = s2;
		on = n2;
		name = fmt(x, "%s %s.%s", word, qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
		if (n < 2)
			return;
		const char *col = plumb__pg_strval(v[n - 1]);
		split_names(v, n - 1, &s2, &n2);
		schema = s2;
		table = n2;
		bool is_view = false;
		for (size_t i = 0; i < x->cat->views.n; i++) {
			plumb_view *vw = x->cat->views.items[i];
			is_view = is_view || (strcmp(vw->schema, s2) == 0 && strcmp(vw->name, n2) == 0);
		}
		target = is_view ? PLUMB_OBJ_VIEW : PLUMB_OBJ_TABLE;
		on = n2;
		column = col ? col : "";
		name = fmt(x, "COLUMN %s.%s.%s", qi(x, s2), qi(x, n2), qi(x, col ? col : ""));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE: {
		if (n < 2)
			return;
		const char *sub = plumb__pg_strval(v[n - 1]);
		split_names(v, n - 1, &s2, &n2);
		schema = s2;
		table = n2;
		const char *word = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ? "CONSTRAINT"
				   : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER     ? "TRIGGER"
											      : "POLICY";
		target = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ? PLUMB_OBJ_TABLE
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER	    ? PLUMB_OBJ_TRIGGER
										    : PLUMB_OBJ_POLICY;
		if (cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_RULE) {
			word = "RULE";
			target = PLUMB_OBJ_RULE;
		}
		on = n2;
		part = sub ? sub : "";
		name = fmt(x, "%s %s ON %s.%s", word, qi(x, sub ? sub : ""), qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT: {
		/* (domain's TypeName, constraint) */
		if (n != 2 || v[0]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME ||
		    !plumb__pg_strval(v[1]))
			return;
		PgQuery__TypeName *tn = v[0]->type_name;
		split_names(tn->names, tn->n_names, &s2, &n2);
		schema = s2;
		on = n2;
		part = plumb__pg_strval(v[1]);
		target = PLUMB_OBJ_DOMAIN;
		name = fmt(x, "CONSTRAINT %s ON DOMAIN %s.%s", qi(x, part), qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		if (!obj || obj->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
			return;
		PgQuery__TypeName *tn = obj->type_name;
		split_names(tn->names, tn->n_names, &s2, &n2);
		schema = s2;
		bool dom = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN;
		target = dom ? PLUMB_OBJ_DOMAIN : PLUMB_OBJ_TYPE;
		on = n2;
		name = fmt(x, "%s %s.%s", dom ? "DOMAIN" : "TYPE", qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
		const char *s = plumb__pg_strval(obj);
		if (!s)
			return;
		target = PLUMB_OBJ_SCHEMA;
		on = s;
		name = fmt(x, "SCHEMA %s", qi(x, s));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
		const char *s = plumb__pg_strval(obj);
		if (!s || strcmp(s, "plpgsql") == 0)
			return; /* always there, and never read back */
		bool found = false;
		for (size_t i = 0; i < x->cat->objects.n && !found; i++) {
			const plumb_object *e = x->cat->objects.items[i];
			found = e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, s) == 0;
		}
		if (!found) {
			error_at(x, x->loc, "extension \"%s\" does not exist", s);
			return;
		}
		target = PLUMB_OBJ_EXTENSION;
		on = s;
		name = fmt(x, "EXTENSION %s", qi(x, s));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE: {
		if (!obj || obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return;
		PgQuery__ObjectWithArgs *ow = obj->object_with_args;
		split_names(ow->objname, ow->n_objname, &s2, &n2);
		schema = s2;
		on = func_identity(x, ow, &s2); /* "f(integer)" */
		if (!on)
			return;
		name = fmt(x, "%s %s.%s%s",
			   cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE ? "PROCEDURE"
										  : "FUNCTION",
			   qi(x, s2), qi(x, n2), on + strlen(n2 ? n2 : ""));
		target = PLUMB_OBJ_FUNCTION;
		break;
	}
	default:
		if (!comment_other(x, cs, &target, &schema, &on, &name))
			return;
		break;
	}
	if (!name)
		return;
	plumb_object *o = find_object(x, PLUMB_OBJ_COMMENT, schema, name);
	if (empty(cs->comment) || plumb__pg_comment_is_default(target, on, cs->comment)) {
		if (o)
			plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
		return;
	}
	if (!o)
		o = new_object(x, PLUMB_OBJ_COMMENT, schema, name);
	if (!o)
		return;
	fail(x, plumb__pg_comment_define(
			x->st.ctx, x->st.arena, o,
			&(plumb_pg_comment_on){target, on, table, column, part, cs->comment}));
}

/* --- GRANT, REVOKE --------------------------------------------------------------------------- */

/* What ALL means, in PLUMB_PRIV_* bits (catalog.h; model.c names them). */
#define PRIV_ALL_TABLE                                                                           \
	(PLUMB_PRIV_SELECT | PLUMB_PRIV_INSERT | PLUMB_PRIV_UPDATE | PLUMB_PRIV_DELETE |           \
	 PLUMB_PRIV_TRUNCATE | PLUMB_PRIV_REFERENCES | PLUMB_PRIV_TRIGGER)
#define PRIV_ALL_SEQ (PLUMB_PRIV_USAGE | PLUMB_PRIV_SELECT | PLUMB_PRIV_UPDATE)
#define PRIV_ALL_COLUMN                                                                          \
	(PLUMB_PRIV_SELECT | PLUMB_PRIV_INSERT | PLUMB_PRIV_UPDATE | PLUMB_PRIV_REFERENCES)
#define PRIV_ALL_SCHEMA (PLUMB_PRIV_USAGE | PLUMB_PRIV_CREATE)
/* What initdb gives PUBLIC on schema public (PostgreSQL 15): no grant on
 * either side (introspect_object.c's q_grants leaves it out too). */
#define PRIV_PUBLIC_SCHEMA PLUMB_PRIV_USAGE

/* Whether g is initdb's grant of USAGE on schema public to PUBLIC. */
static bool public_usage(const gstate *g)
{
	return g->nsp && strcmp(g->schema, "public") == 0 && strcmp(g->grantee, "PUBLIC") == 0;
}

/* The gstates of one target (a relation and its columns, a schema, or an
 * object of kind on), every grantee's, found by hash; NULL when none is
 * and create is not set. */
static plumb_vec *target_grants(ox *x, bool nsp, bool obj, plumb_obj_kind on, const char *schema,
				const char *rel, bool create)
{
	if (!x->grant_at && !(x->grant_at = plumb_map_new(x->tmp, false))) {
		nomem(x);
		return NULL;
	}
	const char *k = nsp   ? plumb_arena_printf(x->tmp, "n\x1f%s", schema)
			: obj ? plumb_arena_printf(x->tmp, "o%d\x1f%s", (int)on, schema)
			      : plumb_arena_printf(x->tmp, "r\x1f%s", schema);
	if (!k) {
		nomem(x);
		return NULL;
	}
	plumb_vec *v = plumb_map_get(x->grant_at, NULL, k, rel);
	if (v || !create)
		return v;
	const char *r = plumb_arena_strdup(x->tmp, rel);
	if (!r || !(v = plumb_arena_alloc(x->tmp, sizeof(*v))) ||
	    plumb_map_put(x->grant_at, NULL, k, r, v) < 0) {
		nomem(x);
		return NULL;
	}
	return v;
}

static plumb_vec *grants_of(ox *x, const gstate *g, bool create)
{
	return target_grants(x, g->nsp, g->obj, g->on, g->schema, g->rel, create);
}

/* g joins the grants, and its target's. */
static void add_grant(ox *x, gstate *g)
{
	plumb_vec *v = grants_of(x, g, true);
	if (v)
		push(x, v, g);
	push(x, &x->grants, g);
}

static gstate *grant_state(ox *x, const char *schema, const char *rel, const char *col, bool nsp,
			   const char *grantee, bool create)
{
	plumb_vec *v = target_grants(x, nsp, false, PLUMB_OBJ_GRANT, schema, rel, false);
	for (size_t i = 0; v && i < v->n; i++) {
		gstate *g = v->items[i];
		if (((!g->col && !col) || (g->col && col && strcmp(g->col, col) == 0)) &&
		    strcmp(g->grantee, grantee) == 0)
			return g;
	}
	if (!create || x->st.rc)
		return NULL;
	gstate *g = alloc(x, sizeof(*g));
	if (!g)
		return NULL;
	g->schema = dup(x, schema);
	g->rel = dup(x, rel);
	g->col = dup(x, col);
	g->nsp = nsp;
	g->grantee = dup(x, grantee);
	if (public_usage(g))
		g->privs = PRIV_PUBLIC_SCHEMA;
	add_grant(x, g);
	return x->st.rc ? NULL : g;
}

void privs_apply(unsigned *privs, unsigned *grantable, bool is_grant, bool option, unsigned m)
{
	if (is_grant) {
		*privs |= m;
		if (option)
			*grantable |= m;
	} else {
		*grantable &= ~m;
		if (!option)
			*privs &= ~m;
	}
}

static void grant_apply(gstate *g, bool is_grant, bool option, unsigned m)
{
	if (g)
		privs_apply(&g->privs, &g->grantable, is_grant, option, m);
}

unsigned privs_named(const PgQuery__GrantStmt *gs, unsigned all)
{
	unsigned mask = gs->n_privileges ? 0 : all;
	for (size_t p = 0; p < gs->n_privileges; p++) {
		if (gs->privileges[p]->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
			continue;
		const char *name = gs->privileges[p]->access_priv->priv_name;
		mask |= empty(name) ? all : plumb__pg_priv_bit(name) & all;
	}
	return mask;
}

const char *grantee_of(ox *x, const PgQuery__Node *n)
{
	if (n->node_case != PG_QUERY__NODE__NODE_ROLE_SPEC)
		return NULL;
	const PgQuery__RoleSpec *rs = n->role_spec;
	return rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC ? "PUBLIC"
									 : role_of(x, rs);
}

/* GRANT or REVOKE ... ON SCHEMA: USAGE and CREATE per schema and grantee. */
static void grant_schema(ox *x, PgQuery__GrantStmt *gs)
{
	unsigned mask = privs_named(gs, PRIV_ALL_SCHEMA);
	for (size_t i = 0; i < gs->n_objects && !x->st.rc; i++) {
		const char *name = plumb__pg_strval(gs->objects[i]);
		if (!name)
			continue;
		if (strcmp(name, "public") != 0 && !find_object(x, PLUMB_OBJ_SCHEMA, NULL, name)) {
			error_at(x, x->loc, "schema \"%s\" does not exist", name);
			return;
		}
		for (size_t r = 0; r < gs->n_grantees && !x->st.rc; r++) {
			const char *grantee = grantee_of(x, gs->grantees[r]);
			if (grantee && mask)
				grant_apply(grant_state(x, name, name, NULL, true, grantee,
							gs->is_grant),
					    gs->is_grant, gs->grant_option, mask);
		}
	}
}

/* The privileges gs grants or revokes on relation schema.rel (which
 * exists) and its columns. */
static void grant_relation(ox *x, PgQuery__GrantStmt *gs, const char *schema, const char *rel)
{
	plumb_table *gt = find_table(x, schema, rel);
	bool seq = gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ||
		   (find_object(x, PLUMB_OBJ_SEQUENCE, schema, rel) && !find_table(x, schema, rel));
	unsigned all = seq ? PRIV_ALL_SEQ : PRIV_ALL_TABLE, rel_mask = 0;
	if (!gs->n_privileges)
		rel_mask = all;
	for (size_t p = 0; p < gs->n_privileges; p++) {
		if (gs->privileges[p]->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
			continue;
		PgQuery__AccessPriv *ap = gs->privileges[p]->access_priv;
		if (!ap->n_cols)
			rel_mask |= empty(ap->priv_name) ? all
							 : plumb__pg_priv_bit(ap->priv_name) & all;
	}
	for (size_t r = 0; r < gs->n_grantees && !x->st.rc; r++) {
		const char *grantee = grantee_of(x, gs->grantees[r]);
		if (!grantee)
			continue;
		if (rel_mask) {
			grant_apply(grant_state(x, schema, rel, NULL, false, grantee, gs->is_grant),
				    gs->is_grant, gs->grant_option, rel_mask);
			/* revoking on the relation revokes on its columns too */
			plumb_vec *v = gs->is_grant
					       ? NULL
					       : target_grants(x, false, false, PLUMB_OBJ_GRANT,
							       schema, rel, false);
			for (size_t k = 0; v && k < v->n; k++) {
				gstate *g = v->items[k];
				if (g->col && strcmp(g->grantee, grantee) == 0)
					grant_apply(g, false, gs->grant_option, rel_mask);
			}
		}
		for (size_t p = 0; p < gs->n_privileges && !x->st.rc; p++) {
			if (gs->privileges[p]->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
				continue;
			PgQuery__AccessPriv *ap = gs->privileges[p]->access_priv;
			unsigned m = empty(ap->priv_name)
					     ? PRIV_ALL_COLUMN
					     : plumb__pg_priv_bit(ap->priv_name) & PRIV_ALL_COLUMN;
			for (size_t c = 0; c < ap->n_cols && m; c++) {
				const char *col = plumb__pg_strval(ap->cols[c]);
				if (!col &&
				    ap->cols[c]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
					col = ap->cols[c]->res_target->name;
				if (col && gt && !find_column(gt, col)) {
					error_at(x, x->loc,
						 "column \"%s\" of relation \"%s\" does not exist",
						 col, shown(x, schema, rel));
					return;
				}
				if (col)
					grant_apply(grant_state(x, schema, rel, col, false, grantee,
								gs->is_grant),
						    gs->is_grant, gs->grant_option, m);
			}
		}
	}
}

/* --- on routines, types, servers, wrappers --- */

void grants_relation_gone(ox *x, bool nsp, const char *schema, const char *rel)
{
	plumb_vec *v = target_grants(x, nsp, false, PLUMB_OBJ_GRANT, schema, rel, false);
	for (size_t i = 0; v && i < v->n; i++) {
		gstate *g = v->items[i];
		g->privs = 0;
		g->grantable = 0;
	}
}

/* What was granted on the object of kind on named schema.name (schema ""
 * for those in none) is forgotten: one made again under that name starts
 * with PostgreSQL's defaults. */
static void object_grants_gone(ox *x, plumb_obj_kind on, const char *schema, const char *name)
{
	plumb_vec *v = target_grants(x, false, true, on, schema, name, false);
	if (!v || !v->n)
		return;
	v->n = 0;
	size_t w = 0;
	for (size_t i = 0; i < x->grants.n; i++) {
		gstate *g = x->grants.items[i];
		if (!(g->obj && g->on == on && strcmp(g->schema, schema) == 0 &&
		      strcmp(g->rel, name) == 0))
			x->grants.items[w++] = g;
	}
	x->grants.n = w;
}

void grants_gone(ox *x, const plumb_object *o)
{
	if (o->kind == PLUMB_OBJ_SCHEMA) {
		grants_relation_gone(x, true, o->name, o->name);
		return;
	}
	if (!plumb__pg_grant_all(o->kind) || o->kind == PLUMB_OBJ_GRANT)
		return;
	object_grants_gone(x, o->kind, o->schema ? o->schema : "", o->name);
}

void language_grants_gone(ox *x, const char *name)
{
	object_grants_gone(x, PLUMB_OBJ_GRANT, "", name);
}

void grants_moved(ox *x, plumb_obj_kind on, const char *schema, const char *name,
		  const char *nschema, const char *nname)
{
	schema = schema ? schema : "";
	nschema = nschema ? nschema : "";
	if (strcmp(schema, nschema) == 0 && strcmp(name, nname) == 0)
		return;
	plumb_vec *v = target_grants(x, false, true, on, schema, name, false);
	if (!v || !v->n)
		return;
	plumb_vec *to = target_grants(x, false, true, on, nschema, nname, true);
	for (size_t i = 0; to && i < v->n && !x->st.rc; i++) {
		gstate *g = v->items[i];
		g->schema = dup(x, nschema);
		g->rel = dup(x, nname);
		push(x, to, g);
	}
	v->n = 0;
}

/* The part of the grants on language name ("trusted" or NULL), and whether
 * the files created it (else it is the server's or an extension's). */
static bool language_part(ox *x, const char *name, const char **part)
{
	const plang *l = language_find(x, name);
	*part = l ? l->part : NULL;
	return l != NULL;
}

/* The state of what grantee holds on the object of kind on named schema.name
 * (schema "" for those in none), made with PostgreSQL's default when new. */
static gstate *object_state(ox *x, plumb_obj_kind on, const char *schema, const char *name,
			    const char *grantee)
{
	plumb_vec *v = target_grants(x, false, true, on, schema, name, false);
	for (size_t i = 0; v && i < v->n; i++) {
		gstate *g = v->items[i];
		if (strcmp(g->grantee, grantee) == 0)
			return g;
	}
	gstate *g = x->st.rc ? NULL : alloc(x, sizeof(*g));
	if (!g)
		return NULL;
	g->schema = dup(x, schema);
	g->rel = dup(x, name);
	g->obj = true;
	g->on = on;
	g->grantee = dup(x, grantee);
	const char *part = NULL;
	if (on == PLUMB_OBJ_GRANT)
		language_part(x, name, &part);
	g->privs = plumb__pg_grant_default(
		&(plumb_object){.target_kind = on, .grantee = grantee, .part = part});
	add_grant(x, g);
	return x->st.rc ? NULL : g;
}

void grants_defaulted(ox *x, plumb_obj_kind on, const char *schema, const char *name,
		      const char *grantee, unsigned privs, unsigned grantable)
{
	/* a relation's and a schema's are kept by name (grant_state), with
	 * nothing by default; a relation's columns have none */
	bool rel = on == PLUMB_OBJ_TABLE || on == PLUMB_OBJ_SEQUENCE;
	gstate *g = rel || on == PLUMB_OBJ_SCHEMA
			    ? grant_state(x, schema, name, NULL, !rel, grantee, privs != 0)
			    : object_state(x, on, schema ? schema : "", name, grantee);
	if (g) {
		g->privs = privs;
		g->grantable = grantable & privs;
	}
}

/* gs's privileges granted or revoked on the object of kind on named
 * schema.name, for each grantee. */
static void grant_object(ox *x, PgQuery__GrantStmt *gs, plumb_obj_kind on, const char *schema,
			 const char *name)
{
	unsigned mask = privs_named(gs, plumb__pg_grant_all(on));
	for (size_t r = 0; r < gs->n_grantees && !x->st.rc && mask; r++) {
		const char *grantee = grantee_of(x, gs->grantees[r]);
		if (grantee)
			grant_apply(object_state(x, on, schema ? schema : "", name, grantee),
				    gs->is_grant, gs->grant_option, mask);
	}
}

/* Does a GRANT ON objtype take function f: FUNCTION all but procedures,
 * PROCEDURE only those, ROUTINE all (as ON ALL ... IN SCHEMA picks them)? */
static bool routine_fits(PgQuery__ObjectType objtype, const plumb_object *f)
{
	bool proc = f->func_kind == PLUMB_FUNC_PROCEDURE;
	return objtype == PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE ||
	       (objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE) == proc;
}

/* The catalog's function ow names ("f" without arguments: the one so named),
 * or NULL: one the files do not create (an extension's) is left out, as
 * introspection leaves it out. A name without arguments that more than one
 * has is the server's error; what names it, GRANT ON objtype. */
static const plumb_object *routine_of(ox *x, const PgQuery__ObjectWithArgs *ow,
				      PgQuery__ObjectType objtype)
{
	const char *schema, *name;
	if (!ow->args_unspecified) {
		const char *id = func_identity(x, ow, &schema);
		return id ? find_object(x, PLUMB_OBJ_FUNCTION, schema, id) : NULL;
	}
	split_names(ow->objname, ow->n_objname, &schema, &name);
	const plumb_vec *v = name ? routines_named(x, schema, name) : NULL;
	if (v && v->n > 1) {
		const char *what = objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE ? "procedure"
				   : objtype == PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE ? "routine"
										      : "function";
		error_at(x, x->loc, "%s name \"%s\" is not unique", what, shown(x, schema, name));
		plumb_error_set_hint(x->st.ctx,
				     "Specify the argument list to select the %s unambiguously.",
				     what);
		return NULL;
	}
	return v && v->n == 1 ? v->items[0] : NULL;
}

/* The kind of the enum, domain or type schema.name the files create, or
 * PLUMB_OBJ_GRANT when they create none. */
static plumb_obj_kind type_kind(ox *x, const char *schema, const char *name)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_DOMAIN, PLUMB_OBJ_TYPE};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (find_object(x, kinds[k], schema, name))
			return kinds[k];
	return PLUMB_OBJ_GRANT;
}

/* GRANT or REVOKE on routines, types, servers and wrappers, one by one or
 * ON ALL FUNCTIONS (PROCEDURES, ROUTINES) IN SCHEMA, and on languages
 * (target kind PLUMB_OBJ_GRANT). Objects the files do not create (an
 * extension's, the server's) are left out, as introspection leaves them
 * out; so are large objects. */
static void grant_objects(ox *x, PgQuery__GrantStmt *gs)
{
	bool routine = gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION ||
		       gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE ||
		       gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE;
	if (gs->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA) {
		for (size_t i = 0; routine && i < gs->n_objects && !x->st.rc; i++) {
			const char *nsp = plumb__pg_strval(gs->objects[i]);
			if (!nsp)
				continue;
			if (strcmp(nsp, "public") != 0 &&
			    !find_object(x, PLUMB_OBJ_SCHEMA, NULL, nsp)) {
				error_at(x, x->loc, "schema \"%s\" does not exist", nsp);
				return;
			}
			for (size_t k = 0; k < x->cat->objects.n && !x->st.rc; k++) {
				const plumb_object *f = x->cat->objects.items[k];
				if (f->kind == PLUMB_OBJ_FUNCTION && strcmp(f->schema, nsp) == 0 &&
				    routine_fits(gs->objtype, f))
					grant_object(x, gs, PLUMB_OBJ_FUNCTION, f->schema, f->name);
			}
		}
		return;
	}
	if (gs->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT)
		return;
	for (size_t i = 0; i < gs->n_objects && !x->st.rc; i++) {
		PgQuery__Node *o = gs->objects[i];
		const char *schema = NULL, *name = NULL;
		if (routine) {
			const plumb_object *f =
				o->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS
					? routine_of(x, o->object_with_args, gs->objtype)
					: NULL;
			if (f)
				grant_object(x, gs, PLUMB_OBJ_FUNCTION, f->schema, f->name);
			continue;
		}
		switch (gs->objtype) {
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
			if (o->node_case == PG_QUERY__NODE__NODE_LIST)
				split_names(o->list->items, o->list->n_items, &schema, &name);
			else if (o->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
				split_names(o->type_name->names, o->type_name->n_names, &schema,
					    &name);
			plumb_obj_kind k = name ? type_kind(x, schema, name) : PLUMB_OBJ_GRANT;
			if (k != PLUMB_OBJ_GRANT)
				grant_object(x, gs, k, schema, name);
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE: {
			const char *part;
			name = plumb__pg_strval(o);
			if (language_part(x, name, &part))
				grant_object(x, gs, PLUMB_OBJ_GRANT, NULL, name);
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
		case PG_QUERY__OBJECT_TYPE__OBJECT_FDW: {
			plumb_obj_kind k = gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FDW
						   ? PLUMB_OBJ_FDW
						   : PLUMB_OBJ_SERVER;
			name = plumb__pg_strval(o);
			if (name && find_object(x, k, NULL, name))
				grant_object(x, gs, k, NULL, name);
			break;
		}
		default:
			break;
		}
	}
}

/* GRANT or REVOKE ON ALL TABLES (or SEQUENCES) IN SCHEMA: on each such
 * relation the schema holds when it runs, as the server does. */
static void grant_all_in_schema(ox *x, PgQuery__GrantStmt *gs)
{
	bool seqs = gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE;
	for (size_t i = 0; i < gs->n_objects && !x->st.rc; i++) {
		const char *nsp = plumb__pg_strval(gs->objects[i]);
		if (!nsp)
			continue;
		plumb_vec rels = {0};
		if (seqs) {
			for (size_t k = 0; k < x->cat->objects.n; k++) {
				const plumb_object *o = x->cat->objects.items[k];
				if (o->kind == PLUMB_OBJ_SEQUENCE && strcmp(o->schema, nsp) == 0)
					push(x, &rels, (void *)o->name);
			}
		} else {
			for (size_t k = 0; k < x->cat->tables.n; k++) {
				const plumb_table *t = x->cat->tables.items[k];
				if (strcmp(t->schema, nsp) == 0)
					push(x, &rels, (void *)t->name);
			}
			for (size_t k = 0; k < x->cat->views.n; k++) {
				const plumb_view *v = x->cat->views.items[k];
				if (strcmp(v->schema, nsp) == 0)
					push(x, &rels, (void *)v->name);
			}
		}
		for (size_t k = 0; k < rels.n && !x->st.rc; k++)
			grant_relation(x, gs, nsp, rels.items[k]);
	}
}

void grant_revoke(ox *x, PgQuery__GrantStmt *gs)
{
	if (gs->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT &&
	    gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
		grant_schema(x, gs);
		return;
	}
	if (gs->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
	    gs->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
		grant_objects(x, gs);
		return;
	}
	if (gs->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA) {
		grant_all_in_schema(x, gs);
		return;
	}
	if (gs->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT)
		return;
	for (size_t i = 0; i < gs->n_objects && !x->st.rc; i++) {
		if (gs->objects[i]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
			continue;
		PgQuery__RangeVar *rv = gs->objects[i]->range_var;
		const char *schema = sch(rv->schemaname), *rel = rv->relname;
		if (!is_relation(x, schema, rel)) {
			error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
				 shown(x, schema, rel));
			return;
		}
		grant_relation(x, gs, schema, rel);
	}
}

void grants_renamed(ox *x, const char *schema, const char *rel, const char *col,
		    const char *nschema, const char *nrel, const char *ncol)
{
	if (!col && strcmp(schema, nschema) == 0 && strcmp(rel, nrel) == 0)
		return;
	plumb_vec *v = target_grants(x, false, false, PLUMB_OBJ_GRANT, schema, rel, false);
	size_t w = 0, n = v ? v->n : 0;
	for (size_t i = 0; i < n; i++) {
		gstate *g = v->items[i];
		if (col && (!g->col || strcmp(g->col, col) != 0)) {
			v->items[w++] = g; /* another column's: it stays */
			continue;
		}
		g->schema = dup(x, nschema);
		g->rel = dup(x, nrel);
		if (col) {
			g->col = dup(x, ncol);
			v->items[w++] = g;
			continue;
		}
		/* the relation renamed: its grants are found under the new name */
		plumb_vec *to =
			target_grants(x, false, false, PLUMB_OBJ_GRANT, nschema, nrel, true);
		if (to)
			push(x, to, g);
	}
	if (v)
		v->n = w;
}

/* A schema's grant object, unless the schema is gone or only initdb's
 * USAGE to PUBLIC on public is held. */
static void finish_schema_grant(ox *x, gstate *g)
{
	unsigned privs = public_usage(g) ? g->privs & ~PRIV_PUBLIC_SCHEMA : g->privs;
	if (!privs || (strcmp(g->schema, "public") != 0 &&
		       !find_object(x, PLUMB_OBJ_SCHEMA, NULL, g->schema)))
		return;
	const char *name = fmt(x, "SCHEMA %s TO %s", qi(x, g->schema), g->grantee);
	plumb_object *o = name ? new_object(x, PLUMB_OBJ_GRANT, g->schema, name) : NULL;
	if (!o)
		return;
	o->target_kind = PLUMB_OBJ_SCHEMA;
	o->target = g->schema;
	o->grantee = g->grantee;
	o->privileges = privs;
	o->grantable = g->grantable & privs;
	fail(x, plumb__pg_grant_define(x->st.ctx, x->st.arena, o));
}

/* A grant object on a routine, type, server or wrapper, unless it is gone,
 * what g holds is PostgreSQL's default, or the grantee is its owner (the
 * files state it: --owners). */
static void finish_object_grant(ox *x, gstate *g)
{
	const char *schema = *g->schema ? g->schema : NULL, *part = NULL;
	bool lang = g->on == PLUMB_OBJ_GRANT;
	const plumb_object *t = lang ? NULL : find_object(x, g->on, schema, g->rel);
	if (lang ? !language_part(x, g->rel, &part) : !t)
		return;
	plumb_object probe = {.target_kind = g->on, .grantee = g->grantee, .part = part};
	if (g->privs == plumb__pg_grant_default(&probe) && !g->grantable)
		return;
	/* a grant to the owner the files state (--owners) is the owner's own,
	 * as introspection reads it: only its grant options count */
	const char *cls = lang ? "language" : plumb__pg_owner_class(g->on);
	const char *owner = x->roles && cls ? plumb_map_get(x->roles, cls, schema, g->rel) : NULL;
	bool own = owner && strcmp(owner, g->grantee) == 0;
	const char *on;
	if (lang)
		on = fmt(x, "LANGUAGE %s", qi(x, g->rel));
	else if (g->on == PLUMB_OBJ_FUNCTION)
		on = fmt(x, "%s %s.%s%s",
			 t->func_kind == PLUMB_FUNC_PROCEDURE ? "PROCEDURE" : "FUNCTION",
			 qi(x, schema),
			 qi(x, plumb_arena_strndup(x->st.arena, g->rel, strcspn(g->rel, "("))),
			 strchr(g->rel, '('));
	else if (schema)
		on = fmt(x, "%s %s.%s", g->on == PLUMB_OBJ_DOMAIN ? "DOMAIN" : "TYPE",
			 qi(x, schema), qi(x, g->rel));
	else
		on = fmt(x, "%s %s",
			 g->on == PLUMB_OBJ_SERVER ? "FOREIGN SERVER" : "FOREIGN DATA WRAPPER",
			 qi(x, g->rel));
	const char *name = on ? fmt(x, "%s TO %s", on, g->grantee) : NULL;
	plumb_object *o = name ? new_object(x, PLUMB_OBJ_GRANT, schema, name) : NULL;
	if (!o)
		return;
	o->target_kind = g->on;
	o->target = g->rel;
	o->grantee = g->grantee;
	o->part = part;
	o->on_unmanaged = lang ? fmt(x, "language %s", qi(x, g->rel)) : NULL;
	o->implicit = own;
	o->privileges = own ? g->grantable & g->privs : g->privs;
	o->grantable = g->grantable & o->privileges;
	fail(x, plumb__pg_grant_define(x->st.ctx, x->st.arena, o));
}

/* The final privilege sets become grant objects, as introspection builds them. */
void finish_grants(ox *x)
{
	for (size_t i = 0; i < x->grants.n && !x->st.rc; i++) {
		gstate *g = x->grants.items[i];
		if (g->nsp) {
			finish_schema_grant(x, g);
			continue;
		}
		if (g->obj) {
			finish_object_grant(x, g);
			continue;
		}
		if (!g->privs)
			continue;
		plumb_table *t = find_table(x, g->schema, g->rel);
		bool view = false;
		for (size_t j = 0; !t && j < x->cat->views.n; j++) {
			plumb_view *v = x->cat->views.items[j];
			view = view || (strcmp(v->schema, g->schema) == 0 && strcmp(v->name, g->rel) == 0);
		}
		bool seq = !t && !view && !g->col && find_object(x, PLUMB_OBJ_SEQUENCE, g->schema, g->rel);
		const char *on_table = g->rel;
		for (size_t j = 0; !t && !view && !seq && !g->col && j < x->cat->tables.n; j++) {
			/* the sequence of a serial column hangs on its table */
			plumb_table *st = x->cat->tables.items[j];
			for (size_t k = 0; !seq && strcmp(st->schema, g->schema) == 0 && k < st->columns.n; k++) {
				plumb_column *c = st->columns.items[k];
				if (plumb__pg_is_serial(c->type) &&
				    strcmp(sch(make_object_name(x, st->name, c->name, "seq")), g->rel) == 0) {
					seq = true;
					on_table = st->name;
				}
			}
		}
		if (!t && !view && !seq)
			continue;
		if (g->col && t && !find_column(t, g->col))
			continue;
		const char *name =
			g->col ? fmt(x, "TABLE %s.%s (%s) TO %s", qi(x, g->schema), qi(x, g->rel),
				     qi(x, g->col), g->grantee)
			       : fmt(x, "%s %s.%s TO %s", seq ? "SEQUENCE" : "TABLE", qi(x, g->schema),
				     qi(x, g->rel), g->grantee);
		if (!name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_GRANT, g->schema, name);
		if (!o)
			return;
		/* a grant to the owner the files state (--owners) is the owner's
		 * own, as introspection reads it: only its grant options count */
		const char *owner = x->roles && !g->col
					    ? plumb_map_get(x->roles, "relation", g->schema, g->rel)
					    : NULL;
		o->implicit = owner && strcmp(owner, g->grantee) == 0;
		o->table = dup(x, on_table);
		o->target_kind = seq ? PLUMB_OBJ_SEQUENCE : view ? PLUMB_OBJ_VIEW : PLUMB_OBJ_TABLE;
		o->target = g->rel;
		o->column = g->col;
		o->grantee = g->grantee;
		o->privileges = o->implicit ? g->grantable & g->privs : g->privs;
		o->grantable = g->grantable & o->privileges;
		fail(x, plumb__pg_grant_define(x->st.ctx, x->st.arena, o));
	}
}
