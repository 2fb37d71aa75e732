/*
 * Canonical statements: a CREATE INDEX, VIEW, MATERIALIZED VIEW, TRIGGER,
 * POLICY, RULE, FUNCTION, DOMAIN or SEQUENCE (or an ALTER TABLE) normalised in
 * place the way the server prints it back (defaults made explicit or
 * dropped, options in the server's order, OR REPLACE and IF NOT EXISTS
 * gone, operator classes and exclusion operators unqualified in public and
 * pg_catalog, operator class options quoted), its expressions through
 * canon_expr.c, a view's names through canon_view.c and a SQL-standard
 * function body or a rule's actions through canon_body.c, then
 * deparsed. It reads no text: canon.c parses.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"
#include "dialect/pg/opclass.h"

/* Sorts the n nodes of v by cmp, keeping the order of equal ones (an
 * insertion sort: the lists are short). */
static void stable_sort(PgQuery__Node **v, size_t n,
			int (*cmp)(const PgQuery__Node *a, const PgQuery__Node *b))
{
	for (size_t i = 1; i < n; i++) {
		PgQuery__Node *x = v[i];
		size_t j = i;
		while (j > 0 && cmp(v[j - 1], x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void norm_index_elem(PgQuery__IndexElem *e)
{
	if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC)
		e->ordering = PG_QUERY__SORT_BY_DIR__SORTBY_DEFAULT;
	bool desc = e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
	if ((!desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) ||
	    (desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST))
		e->nulls_ordering = PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_DEFAULT;
	if (e->expr && e->expr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
	    e->expr->column_ref->n_fields == 1 && plumb__pg_strval(e->expr->column_ref->fields[0])) {
		e->name = (char *)plumb__pg_strval(e->expr->column_ref->fields[0]);
		e->expr = NULL;
	}
}

/* An operator class or an exclusion operator named in public or pg_catalog
 * is written bare, as the other names are: the server qualifies the one and
 * the user writes the other bare. */
static void unqualify_name(PgQuery__Node ***names, size_t *n)
{
	if (*n == 2 && (str_is((*names)[0], "public") || str_is((*names)[0], "pg_catalog"))) {
		(*names)++;
		*n = 1;
	}
}

/* Option values written as the server stores them, in quotes (an
 * operator class's siglen=32, an index's fillfactor=50 -> '50'). */
static void quote_options(nx *x, PgQuery__Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		PgQuery__Node *o = opts[i];
		if (!o || o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !o->def_elem->arg)
			continue;
		PgQuery__DefElem *d = o->def_elem;
		d->location = 0;
		const char *v = NULL;
		if (d->arg->node_case == PG_QUERY__NODE__NODE_INTEGER)
			v = plumb_arena_printf(x->a, "%d", (int)d->arg->integer->ival);
		else if (d->arg->node_case == PG_QUERY__NODE__NODE_FLOAT)
			v = d->arg->float_->fval;
		if (v && !(d->arg = plumb__pg_string(x->a, v)))
			x->failed = true;
	}
}

/* Would quote_options change one of the n options? */
static bool options_plain(PgQuery__Node *const *opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const PgQuery__Node *o = opts[i];
		if (o && o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && o->def_elem->arg &&
		    (o->def_elem->arg->node_case == PG_QUERY__NODE__NODE_INTEGER ||
		     o->def_elem->arg->node_case == PG_QUERY__NODE__NODE_FLOAT))
			return false;
	}
	return true;
}

/* A column named as it is (no expression), in the order and with the
 * operator class normalising keeps. */
static bool index_elem_plain(const PgQuery__Node *p)
{
	if (!p || p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM)
		return false;
	const PgQuery__IndexElem *e = p->index_elem;
	bool desc = e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
	return !e->expr && e->ordering != PG_QUERY__SORT_BY_DIR__SORTBY_ASC &&
	       !(!desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) &&
	       !(desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) &&
	       !(e->n_opclass == 2 &&
		 (str_is(e->opclass[0], "public") || str_is(e->opclass[0], "pg_catalog"))) &&
	       options_plain(e->opclassopts, e->n_opclassopts);
}

bool plumb__pg_index_stmt_plain(const PgQuery__IndexStmt *i)
{
	if (i->concurrent || i->if_not_exists || !i->access_method || !*i->access_method ||
	    i->where_clause || !i->relation || !options_plain(i->options, i->n_options))
		return false;
	for (size_t k = 0; k < i->n_index_params; k++)
		if (!index_elem_plain(i->index_params[k]))
			return false;
	for (size_t k = 0; k < i->n_index_including_params; k++)
		if (!index_elem_plain(i->index_including_params[k]))
			return false;
	return true;
}

/* The operator class of an index key of access method am, bare in
 * pg_catalog, and in public unless pg_catalog, first in the search path,
 * has a class of that name for am: as pg_get_indexdef prints it, and so
 * that the plan's CREATE INDEX names the same class. */
static void opclass_name(PgQuery__Node *n, const char *am)
{
	if (!n || n->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM)
		return;
	PgQuery__IndexElem *e = n->index_elem;
	if (e->n_opclass == 2 && str_is(e->opclass[0], "public") &&
	    plumb__pg_opc_builtin(false, am && *am ? am : "btree", plumb__pg_strval(e->opclass[1])))
		return;
	unqualify_name(&e->opclass, &e->n_opclass);
}

static void visit_index_elems(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor == &pg_query__index_elem__descriptor) {
		PgQuery__IndexElem *e = (PgQuery__IndexElem *)m;
		norm_index_elem(e);
		quote_options(x, e->opclassopts, e->n_opclassopts);
	} else if (m->descriptor == &pg_query__index_stmt__descriptor) {
		PgQuery__IndexStmt *i = (PgQuery__IndexStmt *)m;
		for (size_t k = 0; k < i->n_index_params; k++)
			opclass_name(i->index_params[k], i->access_method);
	} else if (m->descriptor == &pg_query__constraint__descriptor) {
		/* EXCLUDE: pairs of an element and the list naming its operator */
		PgQuery__Constraint *c = (PgQuery__Constraint *)m;
		for (size_t i = 0; i < c->n_exclusions; i++) {
			PgQuery__Node *pair = c->exclusions[i];
			if (pair && pair->node_case == PG_QUERY__NODE__NODE_LIST &&
			    pair->list->n_items == 2 && pair->list->items[1] &&
			    pair->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST) {
				opclass_name(pair->list->items[0], c->access_method);
				PgQuery__List *op = pair->list->items[1]->list;
				unqualify_name(&op->items, &op->n_items);
			}
		}
	}
}

/* Rank of a function option in the canonical order. */
static int option_rank(const char *name)
{
	static const char *const order[] = {"language", "window", "volatility", "strict",
					    "security", "leakproof", "parallel", "cost",
					    "rows", "support", "set", "as"};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i], name) == 0)
			return (int)i;
	return 100;
}

static bool option_is_default(const PgQuery__DefElem *d)
{
	const PgQuery__Node *a = d->arg;
	const char *s = plumb__pg_strval(a);
	bool bval = a && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN && a->boolean->boolval;
	if (strcmp(d->defname, "volatility") == 0)
		return s && strcmp(s, "volatile") == 0;
	if (strcmp(d->defname, "strict") == 0 || strcmp(d->defname, "security") == 0 ||
	    strcmp(d->defname, "leakproof") == 0 || strcmp(d->defname, "window") == 0)
		return a && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN && !bval;
	if (strcmp(d->defname, "parallel") == 0)
		return s && strcmp(s, "unsafe") == 0;
	if (strcmp(d->defname, "cost") == 0 || strcmp(d->defname, "rows") == 0) {
		long v = -1;
		if (a && a->node_case == PG_QUERY__NODE__NODE_INTEGER)
			v = a->integer->ival;
		else if (a && a->node_case == PG_QUERY__NODE__NODE_FLOAT)
			v = strtol(a->float_->fval, NULL, 10);
		return v == (d->defname[0] == 'c' ? 100 : 1000);
	}
	return false;
}

/* By rank only: options of equal rank keep their order. */
static int cmp_option(const PgQuery__Node *a, const PgQuery__Node *b)
{
	int ra = option_rank(a->def_elem->defname), rb = option_rank(b->def_elem->defname);
	return ra - rb;
}

static void norm_function(nx *x, PgQuery__CreateFunctionStmt *f)
{
	(void)x;
	f->replace = true;
	if (f->n_funcname == 2 && str_is(f->funcname[0], "public")) {
		f->funcname++;
		f->n_funcname = 1;
	}
	for (size_t i = 0; i < f->n_parameters; i++) {
		PgQuery__Node *p = f->parameters[i];
		if (p->node_case == PG_QUERY__NODE__NODE_FUNCTION_PARAMETER &&
		    p->function_parameter->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_IN)
			p->function_parameter->mode = PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_DEFAULT;
	}
	size_t k = 0;
	for (size_t i = 0; i < f->n_options; i++) {
		PgQuery__Node *o = f->options[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		if (o->def_elem->defname && option_is_default(o->def_elem))
			continue;
		/* configuration names ignore case; the server stores its own spelling */
		PgQuery__Node *set = o->def_elem->arg;
		if (o->def_elem->defname && strcmp(o->def_elem->defname, "set") == 0 && set &&
		    set->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT &&
		    set->variable_set_stmt->name) {
			char *low = plumb_str_lower(x->a, set->variable_set_stmt->name);
			if (low)
				set->variable_set_stmt->name = low;
			else
				x->failed = true;
		}
		if (o->def_elem->defname && strcmp(o->def_elem->defname, "language") == 0) {
			const char *s = plumb__pg_strval(o->def_elem->arg);
			char *low = s ? plumb_str_lower(x->a, s) : NULL;
			if (low)
				o->def_elem->arg->string->sval = low;
		}
		o->def_elem->location = 0;
		f->options[k++] = o;
	}
	f->n_options = k;
	stable_sort(f->options, f->n_options, cmp_option);
}

static int domain_rank(const PgQuery__Node *n)
{
	if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
		return 9;
	switch (n->constraint->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
		return 0;
	case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
		return 1;
	default:
		return 2;
	}
}

static int cmp_domain_con(const PgQuery__Node *a, const PgQuery__Node *b)
{
	int r = domain_rank(a) - domain_rank(b);
	if (r || domain_rank(a) != 2)
		return r;
	const char *na = a->constraint->conname, *nb = b->constraint->conname;
	if (!na || !*na)
		return nb && *nb ? 1 : 0;
	if (!nb || !*nb)
		return -1;
	return strcmp(na, nb);
}

static void norm_domain(PgQuery__CreateDomainStmt *d)
{
	if (d->n_domainname == 2 && str_is(d->domainname[0], "public")) {
		d->domainname++;
		d->n_domainname = 1;
	}
	size_t k = 0;
	for (size_t i = 0; i < d->n_constraints; i++) {
		PgQuery__Node *c = d->constraints[i];
		if (c->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
			if (c->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NULL)
				continue;
			if (c->constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
				c->constraint->conname = NULL;
			c->constraint->location = 0;
		}
		d->constraints[k++] = c;
	}
	d->n_constraints = k;
	stable_sort(d->constraints, d->n_constraints, cmp_domain_con);
}

static int cmp_role(const PgQuery__Node *a, const PgQuery__Node *b)
{
	const char *na = a->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC && a->role_spec->rolename
				 ? a->role_spec->rolename
				 : "public";
	const char *nb = b->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC && b->role_spec->rolename
				 ? b->role_spec->rolename
				 : "public";
	return strcmp(na, nb);
}

static void norm_policy(nx *x, PgQuery__CreatePolicyStmt *p)
{
	if (!p->cmd_name || !*p->cmd_name)
		p->cmd_name = "all";
	if (!p->n_roles) {
		PgQuery__RoleSpec *r = nalloc(x, sizeof(*r));
		PgQuery__Node **v = nalloc(x, sizeof(*v));
		if (!r || !v)
			return;
		pg_query__role_spec__init(r);
		r->roletype = PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC;
		v[0] = mknode(x, PG_QUERY__NODE__NODE_ROLE_SPEC, r);
		p->roles = v;
		p->n_roles = 1;
	}
	for (size_t i = 0; i < p->n_roles; i++)
		if (p->roles[i]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC)
			p->roles[i]->role_spec->location = 0;
	stable_sort(p->roles, p->n_roles, cmp_role);
}

/* The query of a view or materialized view, or NULL. */
static PgQuery__SelectStmt *view_query(PgQuery__Node *stmt)
{
	PgQuery__Node *q = stmt->node_case == PG_QUERY__NODE__NODE_VIEW_STMT ? stmt->view_stmt->query
			   : stmt->node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT
				   ? stmt->create_table_as_stmt->query
				   : NULL;
	return q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? q->select_stmt : NULL;
}

static void norm_stmt(nx *x, PgQuery__Node *stmt)
{
	/* a view's output names are fixed before its expressions are
	 * normalised; its FROM items named, qualifiers and implied names
	 * dropped after */
	PgQuery__SelectStmt *q = view_query(stmt);
	PgQuery__CreateFunctionStmt *fn =
		stmt->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT
			? stmt->create_function_stmt
			: NULL;
	PgQuery__RuleStmt *rule =
		stmt->node_case == PG_QUERY__NODE__NODE_RULE_STMT ? stmt->rule_stmt : NULL;
	if (q)
		plumb__pg_nx_view_output_names(x, q);
	if (fn)
		plumb__pg_nx_body_before(x, fn);
	if (rule)
		plumb__pg_nx_stmts_before(x, rule->actions, rule->n_actions);
	x->in_body = fn != NULL;
	plumb__pg_nx_walk(&stmt->base, plumb__pg_nx_visit_expr, x, NULL, true);
	x->in_body = false;
	if (q)
		plumb__pg_nx_view_from_names(x, q);
	if (fn)
		plumb__pg_nx_body_after(x, fn);
	if (rule)
		plumb__pg_nx_stmts_after(x, rule->actions, rule->n_actions);
	switch (stmt->node_case) {
	case PG_QUERY__NODE__NODE_INDEX_STMT: {
		PgQuery__IndexStmt *i = stmt->index_stmt;
		i->concurrent = false;
		i->if_not_exists = false;
		if (!i->access_method || !*i->access_method)
			i->access_method = "btree";
		quote_options(x, i->options, i->n_options);
		plumb__pg_nx_walk(&stmt->base, visit_index_elems, x, NULL, true);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		plumb__pg_nx_walk(&stmt->base, visit_index_elems, x, NULL, true);
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT:
		stmt->view_stmt->replace = false;
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		stmt->create_table_as_stmt->if_not_exists = false;
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: {
		PgQuery__CreateTrigStmt *t = stmt->create_trig_stmt;
		t->replace = false;
		if (t->n_funcname == 2 && str_is(t->funcname[0], "public")) {
			t->funcname++;
			t->n_funcname = 1;
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		norm_policy(x, stmt->create_policy_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		norm_function(x, stmt->create_function_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		norm_domain(stmt->create_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		stmt->create_seq_stmt->if_not_exists = false;
		break;
	case PG_QUERY__NODE__NODE_RULE_STMT:
		rule->replace = false;
		break;
	default:
		break;
	}
}

int plumb__pg_stmt_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	nx x = {arena, false, NULL, false, false};
	norm_stmt(&x, stmt);
	if (x.failed)
		return plumb_error_nomem(ctx);
	return plumb__pg_deparse(ctx, arena, stmt, out);
}
