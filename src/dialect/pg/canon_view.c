/*
 * The query of a view as pg_get_viewdef prints it, as far as names go: the
 * output name the server gives each select-list entry (FigureColname), the
 * names of a set operation's first SELECT on the others, unique names for
 * FROM items (ruleutils.c's set_rtable_names) with column references
 * following, qualifiers by the only FROM item dropped and output names
 * equal to the implied ones dropped. Expressions are canon_expr.c's; what
 * parse analysis adds (* expanded, references qualified) is analyze.c's.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"

/* The name FigureColnameInternal gives an expression that is neither a cast
 * nor a CASE, or NULL. */
static const char *colname(const PgQuery__Node *n)
{
	if (!n)
		return NULL;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_COLUMN_REF: {
		const PgQuery__ColumnRef *c = n->column_ref;
		return c->n_fields ? plumb__pg_strval(c->fields[c->n_fields - 1]) : NULL;
	}
	case PG_QUERY__NODE__NODE_FUNC_CALL: {
		const PgQuery__FuncCall *f = n->func_call;
		return f->n_funcname ? plumb__pg_strval(f->funcname[f->n_funcname - 1]) : NULL;
	}
	case PG_QUERY__NODE__NODE_A_EXPR:
		return n->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF ? "nullif" : NULL;
	case PG_QUERY__NODE__NODE_ROW_EXPR:
		return "row";
	case PG_QUERY__NODE__NODE_GROUPING_FUNC:
		return "grouping";
	case PG_QUERY__NODE__NODE_COALESCE_EXPR:
		return "coalesce";
	case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
		return "array";
	case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
		return n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
	case PG_QUERY__NODE__NODE_NULL_IF_EXPR:
		return "nullif";
	case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
		switch (n->sqlvalue_function->op) {
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
			return "current_date";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
			return "current_time";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
			return "current_timestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
			return "localtime";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
			return "localtimestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
			return "current_role";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
			return "current_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
			return "user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
			return "session_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
			return "current_catalog";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
			return "current_schema";
		default:
			return NULL;
		}
	case PG_QUERY__NODE__NODE_SUB_LINK:
		switch (n->sub_link->sub_link_type) {
		case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
			return "exists";
		case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
			return "array";
		case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: {
			/* the first output name of the subquery (of its first SELECT) */
			const PgQuery__Node *q = n->sub_link->subselect;
			const PgQuery__SelectStmt *s =
				q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? q->select_stmt : NULL;
			while (s && s->op != PG_QUERY__SET_OPERATION__SETOP_NONE)
				s = s->larg;
			if (s && s->n_target_list) {
				const PgQuery__Node *t = s->target_list[0];
				if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET) {
					if (t->res_target->name && *t->res_target->name)
						return t->res_target->name;
					return plumb__pg_figure_colname(t->res_target->val);
				}
			}
			return NULL;
		}
		default:
			return NULL;
		}
	default:
		return NULL;
	}
}

/* FigureColnameInternal: the name and its strength, 2 for a good name, 1 for
 * a fallback (a cast's type, "case") that an outer cast or CASE overrides,
 * 0 for none. */
static int figure(const PgQuery__Node *n, const char **out)
{
	int strength;
	switch (n ? n->node_case : PG_QUERY__NODE__NODE__NOT_SET) {
	case PG_QUERY__NODE__NODE_TYPE_CAST: {
		const PgQuery__TypeName *tn = n->type_cast->type_name;
		strength = figure(n->type_cast->arg, out);
		if (strength > 1 || !tn || !tn->n_names)
			return strength;
		*out = plumb__pg_strval(tn->names[tn->n_names - 1]);
		return 1;
	}
	case PG_QUERY__NODE__NODE_CASE_EXPR:
		strength = figure(n->case_expr->defresult, out);
		if (strength > 1)
			return strength;
		*out = "case";
		return 1;
	case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
		return figure(n->collate_clause->arg, out);
	case PG_QUERY__NODE__NODE_A_INDIRECTION: {
		/* the last field name, subscripts and * aside, else the
		 * argument's name: (p).a is "a", tags[1] "tags" */
		const PgQuery__AIndirection *ind = n->a_indirection;
		const char *field = NULL;
		for (size_t i = 0; i < ind->n_indirection; i++)
			if (ind->indirection[i]->node_case == PG_QUERY__NODE__NODE_STRING)
				field = plumb__pg_strval(ind->indirection[i]);
		if (field) {
			*out = field;
			return 2;
		}
		return figure(ind->arg, out);
	}
	case PG_QUERY__NODE__NODE_SUB_LINK:
		/* a scalar subquery is named "?column?" at worst, and firmly */
		*out = colname(n);
		if (!*out && n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK)
			*out = "?column?";
		return *out ? 2 : 0;
	default:
		*out = colname(n);
		return *out ? 2 : 0;
	}
}

const char *plumb__pg_figure_colname(const PgQuery__Node *n)
{
	const char *name = NULL;
	figure(n, &name);
	return name && strcmp(name, "?column?") != 0 ? name : NULL;
}

/* The name a FROM item is referred to by, or NULL. */
static const char *from_name(const PgQuery__Node *n)
{
	if (n->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
		const PgQuery__RangeVar *rv = n->range_var;
		return rv->alias && rv->alias->aliasname && *rv->alias->aliasname ? rv->alias->aliasname
										   : rv->relname;
	}
	if (n->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT) {
		const PgQuery__RangeSubselect *rs = n->range_subselect;
		return rs->alias && *rs->alias->aliasname ? rs->alias->aliasname : NULL;
	}
	return NULL;
}

/* A column reference qualified by x->qual loses the qualifier. */
static void visit_unqualify(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor != &pg_query__column_ref__descriptor)
		return;
	PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
	if (c->n_fields == 2 && str_is(c->fields[0], x->qual)) {
		c->fields++;
		c->n_fields = 1;
	}
}

/* visit_unqualify over n and below, but not into a sub-select. */
static void unqualify(nx *x, PgQuery__Node *n)
{
	plumb__pg_nx_walk(&n->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
}

void plumb__pg_nx_unqualify(nx *x, PgQuery__Node *n, const char *qual)
{
	const char *saved = x->qual;
	x->qual = qual;
	unqualify(x, n);
	x->qual = saved;
}

/* Before normalising: each unnamed select-list entry gets the name the
 * server gives it, so that normalising cannot change it (a dropped cast of
 * a constant would take the type's name with it). */
static void visit_names(ProtobufCMessage *m, nx *x)
{
	(void)x;
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	for (size_t i = 0; i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
		    (!t->res_target->name || !*t->res_target->name))
			t->res_target->name = (char *)plumb__pg_figure_colname(t->res_target->val);
	}
}

static PgQuery__SelectStmt *first_leaf(PgQuery__SelectStmt *s)
{
	while (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->larg)
		s = s->larg;
	return s;
}

/* The columns of a view are named by its first SELECT; the server writes
 * those names on the same columns of every other SELECT of a set operation. */
static void name_leaves(PgQuery__SelectStmt *s, const PgQuery__SelectStmt *first)
{
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
		if (s->larg)
			name_leaves(s->larg, first);
		if (s->rarg)
			name_leaves(s->rarg, first);
		return;
	}
	for (size_t i = 0; s != first && i < s->n_target_list && i < first->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i], *f = first->target_list[i];
		if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
		    f->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
			t->res_target->name = f->res_target->name && *f->res_target->name
						      ? f->res_target->name
						      : "?column?";
	}
}

/* --- relation names: ruleutils.c's set_rtable_names ---------------------------- */

/* A FROM item of one query level: the name it is written with and the one
 * the server gives it, unique across the level and every level above it
 * ("t", then "t_1", "t_2", ...). */
typedef struct rtename {
	const char *orig, *name;
	PgQuery__Alias **alias; /* where the item keeps its alias; NULL: none to set */
	int counter;		/* conflicts of orig so far on this level */
} rtename;

typedef struct level {
	const struct level *up;
	rtename *v;
	size_t n, cap;
} level;

static bool name_taken(const level *lv, const char *name)
{
	for (; lv; lv = lv->up)
		for (size_t i = 0; i < lv->n; i++)
			if (strcmp(lv->v[i].name, name) == 0)
				return true;
	return false;
}

/* Adds a FROM item named orig, choosing its unique name. */
static void level_add(nx *x, level *lv, const char *orig, PgQuery__Alias **alias)
{
	if (!orig || !*orig)
		return;
	if (lv->n == lv->cap) {
		size_t cap = lv->cap ? 2 * lv->cap : 8;
		rtename *v = nalloc(x, cap * sizeof(*v));
		if (!v)
			return;
		if (lv->n)
			memcpy(v, lv->v, lv->n * sizeof(*v));
		lv->v = v;
		lv->cap = cap;
	}
	rtename *e = &lv->v[lv->n];
	*e = (rtename){orig, orig, alias, 0};
	if (name_taken(lv, orig)) {
		for (size_t i = 0; i < lv->n; i++)
			if (strcmp(lv->v[i].orig, orig) == 0)
				e->counter = lv->v[i].counter;
		size_t len = strlen(orig);
		char *m;
		do {
			e->counter++;
			/* under NAMEDATALEN: drop characters of orig, keep the digits */
			for (;;) {
				m = plumb_arena_printf(x->a, "%.*s_%d", (int)len, orig, e->counter);
				if (!m) {
					x->failed = true;
					return;
				}
				if (strlen(m) < 64)
					break;
				do
					len--;
				while (len && ((unsigned char)orig[len] & 0xC0) == 0x80);
			}
		} while (name_taken(lv, m));
		e->name = m;
	}
	lv->n++;
}

static void level_from(nx *x, level *lv, PgQuery__Node *n)
{
	if (!n)
		return;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_RANGE_VAR: {
		PgQuery__RangeVar *rv = n->range_var;
		level_add(x, lv, rv->alias ? rv->alias->aliasname : rv->relname, &rv->alias);
		break;
	}
	case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
		if (n->range_subselect->alias)
			level_add(x, lv, n->range_subselect->alias->aliasname, &n->range_subselect->alias);
		break;
	case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
		if (n->range_function->alias)
			level_add(x, lv, n->range_function->alias->aliasname, &n->range_function->alias);
		break;
	case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
		level_from(x, lv, n->range_table_sample->relation);
		break;
	case PG_QUERY__NODE__NODE_JOIN_EXPR:
		level_from(x, lv, n->join_expr->larg);
		level_from(x, lv, n->join_expr->rarg);
		if (n->join_expr->alias)
			level_add(x, lv, n->join_expr->alias->aliasname, &n->join_expr->alias);
		break;
	default:
		break;
	}
}

static void name_select(nx *x, PgQuery__SelectStmt *s, const level *up);

/* Column references of one level named after the FROM item they reach
 * (the nearest level with an item written that way); nested SELECTs are
 * levels of their own. */
typedef struct name_ctx {
	nx *x;
	const level *lv;
} name_ctx;

static void name_walk(ProtobufCMessage *m, nx *x, const level *lv);

static void name_child(ProtobufCMessage *m, void *payload)
{
	name_ctx *nc = payload;
	name_walk(m, nc->x, nc->lv);
}

static void name_walk(ProtobufCMessage *m, nx *x, const level *lv)
{
	if (!m)
		return;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__select_stmt__descriptor) {
		name_select(x, (PgQuery__SelectStmt *)m, lv);
		return;
	}
	if (d == &pg_query__column_ref__descriptor) {
		PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
		const char *q = c->n_fields >= 2 ? plumb__pg_strval(c->fields[0]) : NULL;
		for (const level *l = lv; q && l; l = l->up) {
			for (size_t i = 0; i < l->n; i++) {
				if (strcmp(l->v[i].orig, q) != 0)
					continue;
				if (strcmp(l->v[i].name, q) != 0) {
					PgQuery__Node **f = nalloc(x, c->n_fields * sizeof(*f));
					if (!f)
						return;
					memcpy(f, c->fields, c->n_fields * sizeof(*f));
					f[0] = plumb__pg_string(x->a, l->v[i].name);
					if (!f[0])
						x->failed = true;
					c->fields = f;
				}
				return;
			}
		}
		return;
	}
	name_ctx nc = {x, lv};
	plumb__pg_children(m, name_child, &nc);
}

/* Gives the FROM items of s and of every query below it the names the
 * server prints: an item whose name an enclosing level already uses is
 * renamed and gets that name as its alias, and its column references
 * follow. A set operation is no level of its own: its SELECTs hang on up. */
static void name_select(nx *x, PgQuery__SelectStmt *s, const level *up)
{
	level lv = {up, NULL, 0, 0};
	const level *here = up;
	if (s->op == PG_QUERY__SET_OPERATION__SETOP_NONE) {
		for (size_t i = 0; i < s->n_from_clause; i++)
			level_from(x, &lv, s->from_clause[i]);
		for (size_t i = 0; i < lv.n; i++) {
			rtename *e = &lv.v[i];
			if (strcmp(e->name, e->orig) == 0 || !e->alias)
				continue;
			PgQuery__Alias *a = nalloc(x, sizeof(*a));
			if (!a)
				return;
			pg_query__alias__init(a);
			if (*e->alias) {
				a->colnames = (*e->alias)->colnames;
				a->n_colnames = (*e->alias)->n_colnames;
			}
			a->aliasname = (char *)e->name;
			*e->alias = a;
		}
		here = &lv;
	}
	name_ctx nc = {x, here};
	plumb__pg_children(&s->base, name_child, &nc);
}

/* A SELECT of a view: column references qualified by the only FROM item
 * lose the qualifier; output names equal to the implied name go. */
static void visit_select(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	if (s->n_from_clause == 1 && from_name(s->from_clause[0])) {
		const char *saved = x->qual;
		x->qual = from_name(s->from_clause[0]);
		for (size_t i = 0; i < s->n_target_list; i++)
			unqualify(x, s->target_list[i]);
		if (s->where_clause)
			unqualify(x, s->where_clause);
		for (size_t i = 0; i < s->n_group_clause; i++)
			unqualify(x, s->group_clause[i]);
		if (s->having_clause)
			unqualify(x, s->having_clause);
		for (size_t i = 0; i < s->n_sort_clause; i++)
			unqualify(x, s->sort_clause[i]);
		for (size_t i = 0; i < s->n_distinct_clause; i++)
			if (s->distinct_clause[i])
				unqualify(x, s->distinct_clause[i]);
		for (size_t i = 0; i < s->n_window_clause; i++)
			unqualify(x, s->window_clause[i]);
		x->qual = saved;
	}
	for (size_t i = 0; i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET || !t->res_target->name ||
		    !*t->res_target->name)
			continue;
		const char *implied = plumb__pg_figure_colname(t->res_target->val);
		if (implied && strcmp(implied, t->res_target->name) == 0)
			t->res_target->name = NULL;
		else if (!implied && strcmp(t->res_target->name, "?column?") == 0)
			t->res_target->name = NULL;
	}
}

/* --- FOR UPDATE without OF: transformLockingClause ------------------------------- */

/* The relations of FROM item n in order (a join's, left to right) into out;
 * false when one is no plain relation (a sub-select, a function). */
static bool locked_rels(nx *x, PgQuery__Node *n, plumb_vec *out)
{
	if (!n)
		return false;
	if (n->node_case == PG_QUERY__NODE__NODE_JOIN_EXPR)
		return locked_rels(x, n->join_expr->larg, out) &&
		       locked_rels(x, n->join_expr->rarg, out);
	if (n->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
		return false;
	const PgQuery__RangeVar *rv = n->range_var;
	PgQuery__RangeVar *r = nalloc(x, sizeof(*r));
	if (!r)
		return false;
	pg_query__range_var__init(r);
	r->relname = rv->alias && rv->alias->aliasname && *rv->alias->aliasname
			     ? rv->alias->aliasname
			     : rv->relname;
	r->inh = true;
	r->relpersistence = "p";
	PgQuery__Node *rn = mknode(x, PG_QUERY__NODE__NODE_RANGE_VAR, r);
	if (!rn || plumb_vec_push(x->a, out, rn) < 0) {
		x->failed = true;
		return false;
	}
	return true;
}

/* FOR UPDATE (SHARE, ...) without OF locks every relation of the FROM list;
 * the server keeps and prints one clause per relation, OF its name (FOR
 * SHARE OF a FOR SHARE OF b). Left as it is when a FROM item is no plain
 * relation: the server pushes the lock into a sub-select. */
static void visit_locking(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	if (s->n_locking_clause != 1 || !s->n_from_clause ||
	    s->locking_clause[0]->node_case != PG_QUERY__NODE__NODE_LOCKING_CLAUSE ||
	    s->locking_clause[0]->locking_clause->n_locked_rels)
		return;
	const PgQuery__LockingClause *lc = s->locking_clause[0]->locking_clause;
	plumb_vec rels = {0};
	for (size_t i = 0; i < s->n_from_clause; i++)
		if (!locked_rels(x, s->from_clause[i], &rels))
			return;
	PgQuery__Node **clauses = nalloc(x, rels.n * sizeof(*clauses));
	if (!clauses || !rels.n)
		return;
	for (size_t i = 0; i < rels.n; i++) {
		PgQuery__LockingClause *c = nalloc(x, sizeof(*c));
		PgQuery__Node **one = nalloc(x, sizeof(*one));
		if (!c || !one)
			return;
		pg_query__locking_clause__init(c);
		c->strength = lc->strength;
		c->wait_policy = lc->wait_policy;
		one[0] = rels.items[i];
		c->locked_rels = one;
		c->n_locked_rels = 1;
		if (!(clauses[i] = mknode(x, PG_QUERY__NODE__NODE_LOCKING_CLAUSE, c)))
			return;
	}
	s->locking_clause = clauses;
	s->n_locking_clause = rels.n;
}

void plumb__pg_nx_view_output_names(nx *x, PgQuery__SelectStmt *q)
{
	plumb__pg_nx_walk(&q->base, visit_locking, x, NULL, true);
	plumb__pg_nx_walk(&q->base, visit_names, x, NULL, true);
	name_leaves(q, first_leaf(q));
}

void plumb__pg_nx_view_from_names(nx *x, PgQuery__SelectStmt *q)
{
	name_select(x, q, NULL);
	plumb__pg_nx_walk(&q->base, visit_select, x, NULL, true);
}
