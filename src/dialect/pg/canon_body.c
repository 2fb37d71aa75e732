/*
 * Canonical SQL-standard function bodies (BEGIN ATOMIC ... END, RETURN
 * expr): what pg_get_functiondef prints back for one, as far as a tree
 * shows it without a catalog. Parameters are written by name ($n numbered
 * over every parameter, OUT ones too, as the server numbers them) and lose
 * the function-name qualifier the server gives them; each SELECT is named
 * as a view's query (canon_view.c); INSERT, UPDATE and DELETE on one
 * relation lose its qualifier, and UPDATE's SET (a, b) = (x, y) is written
 * column by column. What only a catalog tells (a * expanded, the
 * columns an INSERT fills) is the offline builder's, before this runs.
 * A rule's actions (pg_get_ruledef) are such statements too.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"

/* The statements of f's body: those of BEGIN ATOMIC, or the one RETURN. */
static PgQuery__Node **body_stmts(PgQuery__CreateFunctionStmt *f, size_t *n)
{
	PgQuery__Node *b = f->sql_body;
	*n = 0;
	if (!b)
		return NULL;
	if (b->node_case == PG_QUERY__NODE__NODE_LIST && b->list->n_items == 1 &&
	    b->list->items[0]->node_case == PG_QUERY__NODE__NODE_LIST) {
		*n = b->list->items[0]->list->n_items;
		return b->list->items[0]->list->items;
	}
	if (b->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
		*n = 1;
		return &f->sql_body;
	}
	return NULL;
}

/* --- parameters ---------------------------------------------------------------- */

typedef struct params {
	nx *x;
	const char *func;    /* the function's name, the qualifier the server writes */
	const char **names;  /* per parameter: its name, or NULL */
	size_t n;
} params;

static const char *param_name(const PgQuery__Node *p)
{
	if (p->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER)
		return NULL;
	const char *s = p->function_parameter->name;
	return s && *s ? s : NULL;
}

static bool is_param(const params *ps, const PgQuery__Node *n)
{
	const char *s = plumb__pg_strval(n);
	for (size_t i = 0; s && i < ps->n; i++)
		if (ps->names[i] && strcmp(ps->names[i], s) == 0)
			return true;
	return false;
}

/* $n of a named parameter becomes its name. */
static void visit_param_ref(ProtobufCMessage *m, void *payload)
{
	params *ps = payload;
	if (m->descriptor != &pg_query__node__descriptor)
		return;
	PgQuery__Node *n = (PgQuery__Node *)m;
	if (n->node_case != PG_QUERY__NODE__NODE_PARAM_REF)
		return;
	int32_t k = n->param_ref->number;
	if (k < 1 || (size_t)k > ps->n || !ps->names[k - 1])
		return;
	PgQuery__ColumnRef *c = nalloc(ps->x, sizeof(*c));
	PgQuery__Node **f = nalloc(ps->x, sizeof(*f));
	if (!c || !f)
		return;
	pg_query__column_ref__init(c);
	if (!(f[0] = plumb__pg_string(ps->x->a, ps->names[k - 1]))) {
		ps->x->failed = true;
		return;
	}
	c->fields = f;
	c->n_fields = 1;
	n->node_case = PG_QUERY__NODE__NODE_COLUMN_REF;
	n->column_ref = c;
}

/* func.param becomes param. */
static void visit_param_qual(ProtobufCMessage *m, void *payload)
{
	params *ps = payload;
	if (m->descriptor != &pg_query__column_ref__descriptor)
		return;
	PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
	if (c->n_fields >= 2 && str_is(c->fields[0], ps->func) && is_param(ps, c->fields[1])) {
		c->fields++;
		c->n_fields--;
	}
}

static void walk_params(nx *x, PgQuery__CreateFunctionStmt *f,
			void (*fn)(ProtobufCMessage *m, void *payload))
{
	size_t n;
	PgQuery__Node **stmts = body_stmts(f, &n);
	if (!n || !f->n_funcname)
		return;
	params ps = {x, plumb__pg_strval(f->funcname[f->n_funcname - 1]), NULL, f->n_parameters};
	if (!ps.func)
		return;
	if (ps.n && !(ps.names = nalloc(x, ps.n * sizeof(*ps.names))))
		return;
	for (size_t i = 0; i < ps.n; i++)
		ps.names[i] = param_name(f->parameters[i]);
	for (size_t i = 0; i < n; i++)
		if (stmts[i])
			plumb__pg_walk(&stmts[i]->base, fn, &ps);
}

/* --- statements ------------------------------------------------------------------ */

typedef struct selects {
	nx *x;
	void (*fn)(nx *x, PgQuery__SelectStmt *s);
} selects;

/* fn on each SELECT below m that no other SELECT holds. */
static void outer_selects(ProtobufCMessage *m, void *payload)
{
	selects *ss = payload;
	if (m->descriptor == &pg_query__select_stmt__descriptor) {
		ss->fn(ss->x, (PgQuery__SelectStmt *)m);
		return;
	}
	plumb__pg_children(m, outer_selects, ss);
}

/* The name the server qualifies the columns of a single relation's INSERT,
 * UPDATE or DELETE with (its alias, else its name), or NULL. */
static const char *target_name(const PgQuery__RangeVar *rv)
{
	if (!rv)
		return NULL;
	if (rv->alias && rv->alias->aliasname && *rv->alias->aliasname)
		return rv->alias->aliasname;
	return rv->relname;
}

/* INSERT, UPDATE or DELETE on one relation: references qualified by it lose
 * the qualifier. */
static void unqualify_target(nx *x, PgQuery__Node *s)
{
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_INSERT_STMT: {
		PgQuery__InsertStmt *i = s->insert_stmt;
		const char *q = target_name(i->relation);
		for (size_t k = 0; q && k < i->n_returning_list; k++)
			plumb__pg_nx_unqualify(x, i->returning_list[k], q);
		break;
	}
	case PG_QUERY__NODE__NODE_UPDATE_STMT: {
		PgQuery__UpdateStmt *u = s->update_stmt;
		const char *q = u->n_from_clause ? NULL : target_name(u->relation);
		for (size_t k = 0; q && k < u->n_target_list; k++)
			plumb__pg_nx_unqualify(x, u->target_list[k], q);
		if (q && u->where_clause)
			plumb__pg_nx_unqualify(x, u->where_clause, q);
		for (size_t k = 0; q && k < u->n_returning_list; k++)
			plumb__pg_nx_unqualify(x, u->returning_list[k], q);
		break;
	}
	case PG_QUERY__NODE__NODE_DELETE_STMT: {
		PgQuery__DeleteStmt *d = s->delete_stmt;
		const char *q = d->n_using_clause ? NULL : target_name(d->relation);
		if (q && d->where_clause)
			plumb__pg_nx_unqualify(x, d->where_clause, q);
		for (size_t k = 0; q && k < d->n_returning_list; k++)
			plumb__pg_nx_unqualify(x, d->returning_list[k], q);
		break;
	}
	default:
		break;
	}
}

/* UPDATE ... SET (a, b) = (1, 2) is SET a = 1, b = 2 (a row's elements go
 * to their columns; a sub-select stays). */
static void split_row_assign(PgQuery__Node *s)
{
	if (s->node_case != PG_QUERY__NODE__NODE_UPDATE_STMT)
		return;
	PgQuery__UpdateStmt *u = s->update_stmt;
	for (size_t i = 0; i < u->n_target_list; i++) {
		PgQuery__Node *t = u->target_list[i];
		PgQuery__Node *v = t->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? t->res_target->val
										    : NULL;
		if (!v || v->node_case != PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF)
			continue;
		const PgQuery__MultiAssignRef *m = v->multi_assign_ref;
		const PgQuery__Node *src = m->source;
		if (src && src->node_case == PG_QUERY__NODE__NODE_ROW_EXPR && m->colno >= 1 &&
		    (size_t)m->colno <= src->row_expr->n_args)
			t->res_target->val = src->row_expr->args[m->colno - 1];
	}
}

void plumb__pg_nx_stmts_before(nx *x, PgQuery__Node **stmts, size_t n)
{
	selects ss = {x, plumb__pg_nx_view_output_names};
	for (size_t i = 0; i < n; i++) {
		if (!stmts[i])
			continue;
		split_row_assign(stmts[i]);
		outer_selects(&stmts[i]->base, &ss);
	}
}

void plumb__pg_nx_stmts_after(nx *x, PgQuery__Node **stmts, size_t n)
{
	selects ss = {x, plumb__pg_nx_view_from_names};
	for (size_t i = 0; i < n; i++) {
		if (!stmts[i])
			continue;
		unqualify_target(x, stmts[i]);
		outer_selects(&stmts[i]->base, &ss);
	}
}

void plumb__pg_nx_body_before(nx *x, PgQuery__CreateFunctionStmt *f)
{
	size_t n;
	PgQuery__Node **stmts = body_stmts(f, &n);
	walk_params(x, f, visit_param_ref);
	plumb__pg_nx_stmts_before(x, stmts, n);
}

void plumb__pg_nx_body_after(nx *x, PgQuery__CreateFunctionStmt *f)
{
	size_t n;
	PgQuery__Node **stmts = body_stmts(f, &n);
	walk_params(x, f, visit_param_qual);
	plumb__pg_nx_stmts_after(x, stmts, n);
}
