/*
 * Parse analysis of a view's query for the offline builder, as far as it
 * shows in what pg_get_viewdef prints (and of the statements of a
 * SQL-standard function body, as pg_get_functiondef prints them): * and
 * t.* become the columns they stand for, column references are qualified
 * by the FROM item they reach,
 * names and numbers in GROUP BY, ORDER BY and DISTINCT ON become the
 * select-list expressions they refer to, and function arguments get the
 * implicit casts the server's function resolution adds. It reads the tables
 * and views of the catalog built so far; what it cannot resolve (an unknown
 * relation, a function it has no signature for) stays as written. A rule's
 * actions are analysed as a body's statements (NEW and OLD stay as written).
 */
#include <string.h>

#include "dialect/pg/analyze_int.h"
#include "dialect/pg/canon_int.h"
#include "dialect/pg/sticky.h"

/* A column of a FROM item or of a query's output. type is a short type
 * name ("int4", "timestamptz", ...; "unknown" for a string literal) or NULL
 * when not known; qual is what the server qualifies a reference with
 * (NULL: nothing, as for a merged column of a FULL JOIN). */
typedef struct col {
	const char *name, *type, *qual;
} col;

/* A FROM item, or a query's output columns. */
typedef struct item {
	const char *ref; /* the name it is referred to by; NULL for none */
	col *cols;
	size_t n;
	bool known;	 /* false: its columns are unknown */
	const char *rowtype; /* a table's or view's: its row type's code */
} item;

/* One query level: its FROM items (items: the top-level ones, whose
 * columns unqualified names reach; rels: every named one) and its CTEs. */
typedef struct scope {
	const struct scope *up;
	const PgQuery__WithClause *with;
	plumb_vec items, rels; /* item * */
} scope;

typedef struct memo {
	const PgQuery__SelectStmt *s;
	item *out; /* NULL while being analysed */
} memo;

typedef struct ax {
	plumb_pg_sticky st; /* ctx, the catalog's arena, the first failure */
	const plumb_catalog *cat;
	int depth;	/* views read through views */
	plumb_vec memo; /* memo *: queries analysed */
	plumb_vec domains; /* const char *: pairs of a domain's type code and its base's */
} ax;


/* Never NULL for an empty array unless something failed. */
static void *xalloc(ax *x, size_t size)
{
	return plumb__pg_alloc(&x->st, size ? size : 1);
}

#define xpush(x, v, p) plumb__pg_push(&(x)->st, (v), (p))

static PgQuery__Node *xcopy(ax *x, const PgQuery__Node *n)
{
	PgQuery__Node *c = x->st.rc ? NULL : plumb__pg_copy(x->st.arena, n);
	if (!c)
		plumb__pg_nomem(&x->st);
	return c;
}

static item *new_item(ax *x, const char *ref, size_t n)
{
	item *it = xalloc(x, sizeof(*it));
	col *cols = xalloc(x, n * sizeof(*cols));
	if (!it || !cols)
		return NULL;
	*it = (item){ref, cols, n, true, NULL};
	return it;
}

static item *unknown_item(ax *x, const char *ref)
{
	item *it = new_item(x, ref, 0);
	if (it)
		it->known = false;
	return it;
}

/* --- scopes -------------------------------------------------------------------- */

static const PgQuery__CommonTableExpr *find_cte(const scope *sc, const char *name)
{
	for (; sc; sc = sc->up) {
		for (size_t i = 0; sc->with && i < sc->with->n_ctes; i++) {
			const PgQuery__Node *c = sc->with->ctes[i];
			if (c->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR &&
			    strcmp(c->common_table_expr->ctename, name) == 0)
				return c->common_table_expr;
		}
	}
	return NULL;
}

/* The column an unqualified or qualified reference reaches, or NULL. */
static const col *lookup(const scope *sc, const PgQuery__ColumnRef *c)
{
	const char *q = c->n_fields == 2 ? plumb__pg_strval(c->fields[0]) : NULL;
	const char *name = c->n_fields ? plumb__pg_strval(c->fields[c->n_fields - 1]) : NULL;
	if (!name || c->n_fields > 2 || (c->n_fields == 2 && !q))
		return NULL;
	for (; sc; sc = sc->up) {
		const plumb_vec *v = q ? &sc->rels : &sc->items;
		const col *found = NULL;
		size_t hits = 0;
		bool all_known = true;
		for (size_t i = 0; i < v->n; i++) {
			const item *it = v->items[i];
			if (q && (!it->ref || strcmp(it->ref, q) != 0))
				continue;
			all_known = all_known && it->known;
			for (size_t j = 0; j < it->n; j++)
				if (strcmp(it->cols[j].name, name) == 0) {
					found = &it->cols[j];
					hits++;
				}
			if (q)
				break;
		}
		if (hits == 1 && all_known)
			return found;
		if (hits || !all_known)
			return NULL;
	}
	return NULL;
}

static const item *analyze(ax *x, PgQuery__SelectStmt *s, const scope *up);

static const char *expr_type(ax *x, const PgQuery__Node *n, const scope *sc);
static const char *common_type(ax *x, PgQuery__Node **v, size_t n, const scope *sc);
static const char *field_type(ax *x, const PgQuery__AIndirection *ind, size_t n, const scope *sc);

/* The output columns of a query: names as the server gives them, types
 * where known. */
static item *output(ax *x, PgQuery__SelectStmt *s, const scope *sc)
{
	if (s->n_values_lists) {
		/* VALUES: column1, column2, ... typed by the first row */
		const PgQuery__Node *row = s->values_lists[0];
		size_t n = row->node_case == PG_QUERY__NODE__NODE_LIST ? row->list->n_items : 0;
		item *out = new_item(x, NULL, n);
		for (size_t i = 0; out && i < n; i++) {
			const char *t = expr_type(x, row->list->items[i], sc);
			out->cols[i] = (col){plumb_arena_printf(x->st.arena, "column%zu", i + 1),
					     t == plumb__pg_unknown_type ? "text" : t, NULL};
			if (!out->cols[i].name && !x->st.rc)
				x->st.rc = plumb_error_nomem(x->st.ctx);
		}
		return out;
	}
	item *out = new_item(x, NULL, s->n_target_list);
	for (size_t i = 0; out && i < s->n_target_list; i++) {
		const PgQuery__Node *t = s->target_list[i];
		if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET)
			return unknown_item(x, NULL);
		const PgQuery__ResTarget *r = t->res_target;
		if (r->val && r->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
		    r->val->column_ref->n_fields &&
		    r->val->column_ref->fields[r->val->column_ref->n_fields - 1]->node_case ==
			    PG_QUERY__NODE__NODE_A_STAR)
			return unknown_item(x, NULL); /* a * left unexpanded */
		const char *name = r->name && *r->name ? r->name : plumb__pg_figure_colname(r->val);
		out->cols[i] = (col){name ? name : "?column?", expr_type(x, r->val, sc), NULL};
	}
	return out;
}

/* An item named ref with the columns of out, renamed by alias columns. */
static item *as_item(ax *x, const item *out, const char *ref, const PgQuery__Alias *alias)
{
	if (!out || !out->known)
		return unknown_item(x, ref);
	item *it = new_item(x, ref, out->n);
	for (size_t i = 0; it && i < out->n; i++) {
		it->cols[i] = out->cols[i];
		it->cols[i].qual = ref;
		if (alias && i < alias->n_colnames && plumb__pg_strval(alias->colnames[i]))
			it->cols[i].name = plumb__pg_strval(alias->colnames[i]);
	}
	return it;
}

/* The output columns of a view of the catalog, read from its definition. */
static const item *view_output(ax *x, const plumb_view *v)
{
	PgQuery__ParseResult *pr;
	if (x->depth > 32 || !v->definition ||
	    (!x->st.rc && (x->st.rc = plumb__pg_parse(x->st.ctx, x->st.arena, v->definition, NULL, &pr, NULL)) < 0))
		return NULL;
	if (x->st.rc || pr->n_stmts != 1)
		return NULL;
	PgQuery__Node *st = pr->stmts[0]->stmt, *q = NULL;
	if (st->node_case == PG_QUERY__NODE__NODE_VIEW_STMT)
		q = st->view_stmt->query;
	else if (st->node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT)
		q = st->create_table_as_stmt->query;
	if (!q || q->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
		return NULL;
	x->depth++;
	const item *out = analyze(x, q->select_stmt, NULL);
	x->depth--;
	return out;
}

#define catalog_find plumb__pg_catalog_find

/* it, a table's or view's, with its row type schema.name. */
static item *row_typed(ax *x, item *it, const char *schema, const char *name)
{
	if (it && it->known)
		it->rowtype = strcmp(schema, "public") == 0
				      ? name
				      : plumb_arena_printf(x->st.arena, "%s.%s", schema, name);
	if (it && it->known && !it->rowtype)
		plumb__pg_nomem(&x->st);
	return it;
}

/* The FROM item a bare name stands for as a whole row (SELECT u FROM u):
 * no column of any level has the name, and an item of the nearest level
 * that has one is referred to by it; NULL otherwise, or when a level's
 * columns are not all known. */
static const item *whole_row_item(const scope *sc, const char *name)
{
	for (const scope *l = sc; l; l = l->up)
		for (size_t i = 0; i < l->items.n; i++) {
			const item *it = l->items.items[i];
			if (!it->known)
				return NULL;
			for (size_t j = 0; j < it->n; j++)
				if (strcmp(it->cols[j].name, name) == 0)
					return NULL;
		}
	for (; sc; sc = sc->up)
		for (size_t i = 0; i < sc->rels.n; i++) {
			const item *it = sc->rels.items[i];
			if (it->ref && strcmp(it->ref, name) == 0)
				return it;
		}
	return NULL;
}

/* The name of a bare column reference, or NULL. */
static const char *bare_name(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1
		       ? plumb__pg_strval(n->column_ref->fields[0])
		       : NULL;
}

/* The columns of a relation named in FROM: a CTE, a table or a view. */
static item *relation(ax *x, const PgQuery__RangeVar *rv, const scope *sc)
{
	const char *ref = rv->alias && rv->alias->aliasname ? rv->alias->aliasname : rv->relname;
	const char *schema = rv->schemaname && *rv->schemaname ? rv->schemaname : "public";
	const PgQuery__CommonTableExpr *cte =
		rv->schemaname && *rv->schemaname ? NULL : find_cte(sc, rv->relname);
	if (cte) {
		const PgQuery__Node *q = cte->ctequery;
		const item *out = q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT
					  ? analyze(x, q->select_stmt, sc)
					  : NULL;
		item *it = as_item(x, out, ref, rv->alias);
		for (size_t i = 0; it && i < it->n && i < cte->n_aliascolnames; i++)
			if (plumb__pg_strval(cte->aliascolnames[i]) &&
			    (!rv->alias || i >= rv->alias->n_colnames))
				it->cols[i].name = plumb__pg_strval(cte->aliascolnames[i]);
		return it;
	}
	const plumb_table *t = catalog_find(x->cat, PLUMB_OBJ_TABLE, schema, rv->relname);
	if (t) {
		item *out = new_item(x, NULL, t->columns.n);
		for (size_t j = 0; out && j < t->columns.n; j++) {
			const plumb_column *c = t->columns.items[j];
			out->cols[j] = (col){c->name, plumb__pg_type_code(c->type), NULL};
		}
		return row_typed(x, as_item(x, out, ref, rv->alias), schema, rv->relname);
	}
	const plumb_view *v = catalog_find(x->cat, PLUMB_OBJ_VIEW, schema, rv->relname);
	if (v)
		return row_typed(x, as_item(x, view_output(x, v), ref, rv->alias), schema,
				 rv->relname);
	return unknown_item(x, ref);
}

static bool in_list(PgQuery__Node **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (plumb__pg_strval(v[i]) && strcmp(plumb__pg_strval(v[i]), name) == 0)
			return true;
	return false;
}

/* The columns of a join: merged USING columns first (reached through the
 * left side, the right one for RIGHT JOIN, neither for FULL JOIN), then
 * the rest of the left side's, then the right side's. */
static item *join(ax *x, PgQuery__JoinExpr *j, const item *l, const item *r)
{
	const char *ref = j->alias ? j->alias->aliasname : NULL;
	if (!l || !r || !l->known || !r->known)
		return unknown_item(x, ref);
	PgQuery__Node **using = j->using_clause;
	size_t n_using = j->n_using_clause;
	if (j->is_natural) {
		using = xalloc(x, (l->n + 1) * sizeof(*using));
		n_using = 0;
		for (size_t i = 0; using && i < l->n; i++)
			for (size_t k = 0; k < r->n; k++)
				if (strcmp(l->cols[i].name, r->cols[k].name) == 0)
					using[n_using++] = plumb__pg_string(x->st.arena, l->cols[i].name);
		for (size_t i = 0; i < n_using; i++)
			if (!using[i] && !x->st.rc)
				x->st.rc = plumb_error_nomem(x->st.ctx);
		/* the server writes a natural join with its USING list */
		if (n_using) {
			j->is_natural = false;
			j->using_clause = using;
			j->n_using_clause = n_using;
		}
	}
	item *it = new_item(x, ref, l->n + r->n);
	if (!it)
		return NULL;
	it->n = 0;
	for (size_t i = 0; i < n_using; i++) {
		const char *name = plumb__pg_strval(using[i]);
		const col *lc = NULL, *rc = NULL;
		for (size_t k = 0; name && k < l->n; k++)
			lc = !lc && strcmp(l->cols[k].name, name) == 0 ? &l->cols[k] : lc;
		for (size_t k = 0; name && k < r->n; k++)
			rc = !rc && strcmp(r->cols[k].name, name) == 0 ? &r->cols[k] : rc;
		if (!lc || !rc)
			return unknown_item(x, ref);
		col c = j->jointype == PG_QUERY__JOIN_TYPE__JOIN_RIGHT ? *rc : *lc;
		if (j->jointype == PG_QUERY__JOIN_TYPE__JOIN_FULL)
			c.qual = NULL;
		c.type = lc->type && rc->type && strcmp(lc->type, rc->type) == 0 ? lc->type : NULL;
		it->cols[it->n++] = c;
	}
	for (size_t k = 0; k < l->n; k++)
		if (!in_list(using, n_using, l->cols[k].name))
			it->cols[it->n++] = l->cols[k];
	for (size_t k = 0; k < r->n; k++)
		if (!in_list(using, n_using, r->cols[k].name))
			it->cols[it->n++] = r->cols[k];
	for (size_t k = 0; ref && k < it->n; k++)
		it->cols[k].qual = ref;
	for (size_t k = 0; ref && j->alias && k < it->n && k < j->alias->n_colnames; k++)
		if (plumb__pg_strval(j->alias->colnames[k]))
			it->cols[k].name = plumb__pg_strval(j->alias->colnames[k]);
	return it;
}

/* Adds a FROM item (and the named ones within it) to sc; returns it. */
static const item *from_item(ax *x, PgQuery__Node *n, scope *sc)
{
	item *it = NULL;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_RANGE_VAR:
		it = relation(x, n->range_var, sc);
		break;
	case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
		PgQuery__RangeSubselect *rs = n->range_subselect;
		const char *ref = rs->alias ? rs->alias->aliasname : NULL;
		const PgQuery__Node *q = rs->subquery;
		const item *out = q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT
					  ? analyze(x, q->select_stmt, sc)
					  : NULL;
		it = as_item(x, out, ref, rs->alias);
		break;
	}
	case PG_QUERY__NODE__NODE_JOIN_EXPR: {
		const item *l = from_item(x, n->join_expr->larg, sc);
		const item *r = from_item(x, n->join_expr->rarg, sc);
		it = join(x, n->join_expr, l, r);
		break;
	}
	default: {
		const PgQuery__Alias *al = n->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION
						   ? n->range_function->alias
						   : NULL;
		it = unknown_item(x, al ? al->aliasname : NULL);
		break;
	}
	}
	if (it && it->ref)
		xpush(x, &sc->rels, it);
	return it;
}

/* --- rewriting ------------------------------------------------------------------- */

/* The type code of the base type of t when t names a domain of the
 * catalog (through domains over domains), else t: what an operator or a
 * function sees of a domain's value. */
static const char *domain_base(ax *x, const char *t)
{
	for (int depth = 0; depth < 8 && t && t != plumb__pg_unknown_type && !plumb__pg_type_category(t) &&
			    !strchr(t, '"') && !x->st.rc;
	     depth++) {
		const char *base = NULL;
		for (size_t i = 0; i + 1 < x->domains.n && !base; i += 2)
			if (strcmp(x->domains.items[i], t) == 0)
				base = x->domains.items[i + 1];
		if (!base) {
			const char *dot = strchr(t, '.');
			const char *schema = dot ? plumb_arena_strndup(x->st.arena, t, (size_t)(dot - t))
						 : "public";
			const plumb_object *o = schema ? catalog_find(x->cat, PLUMB_OBJ_DOMAIN, schema,
								      dot ? dot + 1 : t)
						       : NULL;
			PgQuery__ParseResult *pr = NULL;
			char *text = NULL;
			if (!o || !o->sql ||
			    plumb__pg_parse(x->st.ctx, x->st.arena, o->sql, NULL, &pr, NULL) < 0 ||
			    pr->n_stmts != 1 ||
			    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT ||
			    plumb__pg_type_text(x->st.ctx, x->st.arena,
						pr->stmts[0]->stmt->create_domain_stmt->type_name,
						&text) < 0) {
				plumb_error_clear(x->st.ctx);
				return t;
			}
			base = plumb__pg_type_code(text);
			if (!base)
				return t;
			xpush(x, &x->domains, (void *)t);
			xpush(x, &x->domains, (void *)base);
		}
		t = base;
	}
	return t;
}

/* The function or operator name(types) reaches, a domain's value taken as
 * its base type's (types keep the domain: its value is cast). */
static int pick_bases(ax *x, const char *name, const char **types, size_t n)
{
	const char *base[MAX_ARGS];
	for (size_t i = 0; i < n; i++)
		base[i] = domain_base(x, types[i]);
	return plumb__pg_pick_function(name, base, n);
}

/* The built-in function a call reaches (its arguments' types into types),
 * or -1. */
static int pick_call(ax *x, const PgQuery__FuncCall *f, const scope *sc, const char **types)
{
	const char *schema = f->n_funcname == 2 ? plumb__pg_strval(f->funcname[0]) : "pg_catalog";
	const char *name = f->n_funcname ? plumb__pg_strval(f->funcname[f->n_funcname - 1]) : NULL;
	if (!name || !schema || strcmp(schema, "pg_catalog") != 0 || f->n_funcname > 2 ||
	    f->n_args > MAX_ARGS || f->agg_star || f->func_variadic || f->n_agg_order)
		return -1;
	for (size_t i = 0; i < f->n_args; i++)
		types[i] = expr_type(x, f->args[i], sc);
	return pick_bases(x, name, types, f->n_args);
}

/* The built-in operator a binary operator expression reaches, or -1. */
static int pick_operator(ax *x, const PgQuery__AExpr *e, const scope *sc, const char **types)
{
	const char *schema = e->n_name == 2 ? plumb__pg_strval(e->name[0]) : "pg_catalog";
	const char *name = e->n_name ? plumb__pg_strval(e->name[e->n_name - 1]) : NULL;
	if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP || !e->lexpr || !e->rexpr || !name ||
	    !schema || strcmp(schema, "pg_catalog") != 0 || e->n_name > 2)
		return -1;
	types[0] = expr_type(x, e->lexpr, sc);
	types[1] = expr_type(x, e->rexpr, sc);
	return pick_bases(x, name, types, 2);
}

static const char *expr_type(ax *x, const PgQuery__Node *n, const scope *sc)
{
	if (!n)
		return NULL;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_TYPE_CAST: {
		char *t = NULL;
		if (!n->type_cast->type_name || x->st.rc)
			return NULL;
		x->st.rc = plumb__pg_type_text(x->st.ctx, x->st.arena, n->type_cast->type_name, &t);
		return x->st.rc ? NULL : plumb__pg_type_code(t);
	}
	case PG_QUERY__NODE__NODE_COLUMN_REF: {
		const col *c = lookup(sc, n->column_ref);
		const char *name = c ? NULL : bare_name(n);
		const item *row = name ? whole_row_item(sc, name) : NULL;
		return c ? c->type : row ? row->rowtype : NULL;
	}
	case PG_QUERY__NODE__NODE_A_CONST:
		switch (n->a_const->val_case) {
		case PG_QUERY__A__CONST__VAL_IVAL:
			return "int4";
		case PG_QUERY__A__CONST__VAL_FVAL:
			return "numeric";
		case PG_QUERY__A__CONST__VAL_BOOLVAL:
			return "bool";
		default:
			return plumb__pg_unknown_type;
		}
	case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
		switch (n->sqlvalue_function->op) {
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
			return "date";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
			return "timestamptz";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
			return "timestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
			return "timetz";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
			return "time";
		default:
			return NULL;
		}
	case PG_QUERY__NODE__NODE_FUNC_CALL: {
		const PgQuery__FuncCall *f = n->func_call;
		const char *types[MAX_ARGS];
		const char *fn = f->n_funcname == 1 ? plumb__pg_strval(f->funcname[0]) : NULL;
		if (f->agg_star && fn && strcmp(fn, "count") == 0)
			return "int8";
		int k = pick_call(x, f, sc, types);
		return k < 0 ? NULL : plumb__pg_function_ret(k);
	}
	case PG_QUERY__NODE__NODE_SUB_LINK: {
		/* a scalar sub-select: the type of its one column */
		const PgQuery__SubLink *l = n->sub_link;
		if (l->sub_link_type != PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK || !l->subselect ||
		    l->subselect->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
			return NULL;
		const item *out = analyze(x, l->subselect->select_stmt, sc);
		return out && out->known && out->n == 1 ? out->cols[0].type : NULL;
	}
	case PG_QUERY__NODE__NODE_A_EXPR: {
		const char *types[2];
		if (n->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF)
			return expr_type(x, n->a_expr->lexpr, sc);
		int k = pick_operator(x, n->a_expr, sc, types);
		return k < 0 ? NULL : plumb__pg_function_ret(k);
	}
	case PG_QUERY__NODE__NODE_COALESCE_EXPR:
		return common_type(x, n->coalesce_expr->args, n->coalesce_expr->n_args, sc);
	case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
		return common_type(x, n->min_max_expr->args, n->min_max_expr->n_args, sc);
	case PG_QUERY__NODE__NODE_CASE_EXPR: {
		const PgQuery__CaseExpr *c = n->case_expr;
		PgQuery__Node **v = xalloc(x, (c->n_args + 1) * sizeof(*v));
		size_t k = 0;
		for (size_t i = 0; v && i < c->n_args; i++)
			if (c->args[i]->node_case == PG_QUERY__NODE__NODE_CASE_WHEN)
				v[k++] = c->args[i]->case_when->result;
		if (v)
			v[k++] = c->defresult;
		return v ? common_type(x, v, k, sc) : NULL;
	}
	case PG_QUERY__NODE__NODE_A_INDIRECTION:
		return field_type(x, n->a_indirection, n->a_indirection->n_indirection, sc);
	case PG_QUERY__NODE__NODE_BOOL_EXPR:
	case PG_QUERY__NODE__NODE_NULL_TEST:
	case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
		return "bool";
	default:
		return NULL;
	}
}

/* *slot cast to pg_catalog.type (a type code). */
static void cast_to(ax *x, PgQuery__Node **slot, const char *type)
{
	PgQuery__Node *cast = plumb__pg_catalog_cast(x->st.arena, *slot, type);
	if (cast)
		*slot = cast;
	else if (!x->st.rc)
		x->st.rc = plumb_error_nomem(x->st.ctx);
}

/* Writes out the implicit casts the server adds to the arguments of
 * function or operator k. */
static void cast_args(ax *x, int k, PgQuery__Node **args, size_t n, const char **types)
{
	char buf[16];
	for (size_t i = 0; k >= 0 && i < n; i++) {
		const char *p = plumb__pg_function_arg(k, i, buf, sizeof(buf));
		PgQuery__Node *a = args[i];
		/* a string literal takes the type (as '5' compared with an
		 * integer prints 5); other constants print their own way */
		if (!p || !types[i] || strcmp(types[i], p) == 0 ||
		    (a->node_case == PG_QUERY__NODE__NODE_A_CONST && types[i] != plumb__pg_unknown_type))
			continue;
		cast_to(x, &args[i], p);
	}
}

/* select_common_type of the n expressions (NULL ones skipped), for
 * COALESCE, GREATEST and LEAST, and a CASE's results: the first known type,
 * moved to one of its category it casts to implicitly and not back,
 * unless preferred already; text for string literals alone. NULL when a
 * type is not known or the categories differ (the server's error). */
static const char *common_type(ax *x, PgQuery__Node **v, size_t n, const scope *sc)
{
	const char *p = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			continue;
		const char *t = expr_type(x, v[i], sc);
		if (!t)
			return NULL;
		if (t == plumb__pg_unknown_type)
			continue;
		if (!p) {
			p = t;
			continue;
		}
		if (strcmp(p, t) == 0)
			continue;
		if (!plumb__pg_type_category(p) || plumb__pg_type_category(p) != plumb__pg_type_category(t))
			return NULL;
		if (!plumb__pg_type_preferred(p) && plumb__pg_implicit_cast(p, t) && !plumb__pg_implicit_cast(t, p))
			p = t;
	}
	return p ? p : "text";
}

/* The expressions of v coerced to their common type, as the server
 * prints them: a cast on each of another type. */
static void cast_common(ax *x, PgQuery__Node **v, size_t n, const scope *sc)
{
	const char *type = common_type(x, v, n, sc);
	for (size_t i = 0; type && i < n && !x->st.rc; i++) {
		if (!v[i])
			continue;
		const char *t = expr_type(x, v[i], sc);
		if (t && strcmp(t, type) != 0 &&
		    !(v[i]->node_case == PG_QUERY__NODE__NODE_A_CONST && t != plumb__pg_unknown_type))
			cast_to(x, &v[i], type);
	}
}

/* A CASE's results, gathered to be coerced alike, then put back. */
static void cast_case(ax *x, PgQuery__CaseExpr *c, const scope *sc)
{
	PgQuery__Node **v = xalloc(x, (c->n_args + 1) * sizeof(*v));
	if (!v)
		return;
	size_t n = 0;
	for (size_t i = 0; i < c->n_args; i++)
		if (c->args[i]->node_case == PG_QUERY__NODE__NODE_CASE_WHEN)
			v[n++] = c->args[i]->case_when->result;
	v[n++] = c->defresult;
	cast_common(x, v, n, sc);
	n = 0;
	for (size_t i = 0; i < c->n_args; i++)
		if (c->args[i]->node_case == PG_QUERY__NODE__NODE_CASE_WHEN)
			c->args[i]->case_when->result = v[n++];
	c->defresult = v[n];
}

typedef struct rw {
	ax *x;
	scope *sc;
} rw;

/* Whether a value of type code t may carry a typmod (a column of
 * varchar(20), which a cast to varchar changes). */
static bool typmod_type(const char *t)
{
	static const char *const names[] = {"varchar", "bpchar",   "numeric", "timestamp",
					    "timestamptz", "time", "timetz", "interval",
					    "bit",     "varbit"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(t, names[i]) == 0)
			return true;
	return false;
}

/* The type code tn names (no typmod, not an array), or NULL. */
static const char *plain_type(ax *x, PgQuery__TypeName *tn)
{
	char *t = NULL;
	if (!tn || tn->n_typmods || tn->n_array_bounds || x->st.rc)
		return NULL;
	x->st.rc = plumb__pg_type_text(x->st.ctx, x->st.arena, tn, &t);
	return x->st.rc ? NULL : plumb__pg_type_code(t);
}

/* Whether the server leaves cast tc out: to the type its argument has
 * already, with no typmod on either side (coerce_type returns the node). */
static bool cast_is_noop(ax *x, const PgQuery__TypeCast *tc, const scope *sc)
{
	const char *to = plain_type(x, tc->type_name);
	const char *from = to ? expr_type(x, tc->arg, sc) : NULL;
	if (!from || from == plumb__pg_unknown_type || strcmp(from, to) != 0)
		return false;
	/* a column or a cast may have a typmod the cast takes away */
	PgQuery__Node__NodeCase k = tc->arg->node_case;
	return !typmod_type(from) || (k != PG_QUERY__NODE__NODE_COLUMN_REF &&
				      k != PG_QUERY__NODE__NODE_TYPE_CAST &&
				      k != PG_QUERY__NODE__NODE_SUB_LINK);
}

/* ARRAY[a, b]::t[] as the server reads it: ARRAY[a::t, b::t], an element
 * of type t already left bare (nested ARRAYs alike). False, changing
 * nothing, when an element's type is not known. */
static bool cast_elements(ax *x, PgQuery__AArrayExpr *ae, PgQuery__TypeName *elem,
			  const char *code, const scope *sc, bool apply)
{
	for (size_t i = 0; i < ae->n_elements && !x->st.rc; i++) {
		PgQuery__Node *e = ae->elements[i];
		if (e->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
			if (!cast_elements(x, e->a_array_expr, elem, code, sc, apply))
				return false;
			continue;
		}
		const char *t = expr_type(x, e, sc);
		if (!t)
			return false;
		bool bare = code && strcmp(t, code) == 0 &&
			    (!typmod_type(t) || (e->node_case != PG_QUERY__NODE__NODE_COLUMN_REF &&
						 e->node_case != PG_QUERY__NODE__NODE_TYPE_CAST));
		if (!apply || bare)
			continue;
		PgQuery__TypeCast *tc = xalloc(x, sizeof(*tc));
		if (!tc)
			return false;
		pg_query__type_cast__init(tc);
		tc->arg = e;
		tc->type_name = elem;
		ae->elements[i] = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_TYPE_CAST, tc);
		if (!ae->elements[i]) {
			ae->elements[i] = e;
			x->st.rc = plumb_error_nomem(x->st.ctx);
			return false;
		}
	}
	return !x->st.rc;
}

/* Node n, a cast, as parse analysis leaves it: gone when it changes nothing,
 * pushed into the elements of an ARRAY[...] it applies to. */
static void rewrite_cast(ax *x, PgQuery__Node *n, const scope *sc)
{
	PgQuery__TypeCast *tc = n->type_cast;
	PgQuery__TypeName *tn = tc->type_name;
	if (!tc->arg || !tn)
		return;
	if (tc->arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR && tn->n_array_bounds) {
		/* the element type: the name without its brackets */
		PgQuery__TypeName *elem = xalloc(x, sizeof(*elem));
		if (!elem)
			return;
		*elem = *tn;
		elem->n_array_bounds = 0;
		elem->array_bounds = NULL;
		elem->location = 0;
		const char *code = plain_type(x, elem);
		PgQuery__AArrayExpr *ae = tc->arg->a_array_expr;
		if (ae->n_elements && cast_elements(x, ae, elem, code, sc, false) &&
		    cast_elements(x, ae, elem, code, sc, true))
			*n = *tc->arg;
		return;
	}
	if (cast_is_noop(x, tc, sc))
		*n = *tc->arg;
}

/* (t).c where t names a FROM item and no column: the server reads the field
 * of t's whole row as the column t.c (transformIndirection). */
static void whole_row_field(ax *x, PgQuery__Node *n, const scope *sc)
{
	const PgQuery__AIndirection *ind = n->a_indirection;
	const PgQuery__Node *a = ind->arg;
	/* (t) is t.* by now when t is a whole row (rewrite() is post-order) */
	if (!a || a->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || ind->n_indirection != 1 ||
	    ind->indirection[0]->node_case != PG_QUERY__NODE__NODE_STRING)
		return;
	if (a->column_ref->n_fields == 2 &&
	    a->column_ref->fields[1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
		PgQuery__ColumnRef one = PG_QUERY__COLUMN_REF__INIT;
		one.fields = a->column_ref->fields;
		one.n_fields = 1;
		if (lookup(sc, &one))
			return;
	} else if (a->column_ref->n_fields != 1 || lookup(sc, a->column_ref)) {
		return;
	}
	PgQuery__Node *f[2] = {a->column_ref->fields[0], ind->indirection[0]};
	PgQuery__ColumnRef q = PG_QUERY__COLUMN_REF__INIT;
	q.fields = f;
	q.n_fields = 2;
	const col *k = lookup(sc, &q);
	PgQuery__ColumnRef *c = k ? xalloc(x, sizeof(*c)) : NULL;
	PgQuery__Node **fields = c ? xalloc(x, 2 * sizeof(*fields)) : NULL;
	if (!fields)
		return;
	pg_query__column_ref__init(c);
	fields[0] = k->qual ? plumb__pg_string(x->st.arena, k->qual) : f[0];
	fields[1] = f[1];
	c->fields = fields;
	c->n_fields = 2;
	PgQuery__Node *cn = fields[0] ? plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_COLUMN_REF, c)
				      : NULL;
	if (!cn) {
		plumb__pg_nomem(&x->st);
		return;
	}
	*n = *cn;
}

/* Post-order over the expressions of one level: nested queries are
 * analysed as levels of their own; column references get the server's
 * qualifier, function arguments their casts. */
static void rewrite(ProtobufCMessage *m, rw *w);

static void rewrite_child(ProtobufCMessage *m, void *payload)
{
	rewrite(m, payload);
}


static void rewrite(ProtobufCMessage *m, rw *w)
{
	if (!m || w->x->st.rc)
		return;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__select_stmt__descriptor) {
		analyze(w->x, (PgQuery__SelectStmt *)m, w->sc);
		return;
	}
	if (d == &pg_query__res_target__descriptor) {
		/* a select-list cast that goes keeps the name it gave (text) */
		PgQuery__ResTarget *rt = (PgQuery__ResTarget *)m;
		if ((!rt->name || !*rt->name) && rt->val &&
		    rt->val->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
			rt->name = (char *)plumb__pg_figure_colname(rt->val);
	}
	plumb__pg_children(m, rewrite_child, w);
	if (d == &pg_query__node__descriptor) {
		PgQuery__Node *n = (PgQuery__Node *)m;
		if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
			rewrite_cast(w->x, n, w->sc);
		else if (n->node_case == PG_QUERY__NODE__NODE_A_INDIRECTION)
			whole_row_field(w->x, n, w->sc);
	} else if (d == &pg_query__column_ref__descriptor) {
		PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
		const col *k = c->n_fields == 1 ? lookup(w->sc, c) : NULL;
		const char *name = c->n_fields == 1 && !k ? plumb__pg_strval(c->fields[0]) : NULL;
		if (name && whole_row_item(w->sc, name)) {
			/* a whole row, which the server writes rel.* */
			PgQuery__AStar *star = xalloc(w->x, sizeof(*star));
			PgQuery__Node **f = xalloc(w->x, 2 * sizeof(*f));
			if (!star || !f)
				return;
			pg_query__a__star__init(star);
			f[0] = c->fields[0];
			f[1] = plumb__pg_node(w->x->st.arena, PG_QUERY__NODE__NODE_A_STAR, star);
			if (!f[1])
				plumb__pg_nomem(&w->x->st);
			c->fields = f;
			c->n_fields = 2;
		} else if (k && k->qual) {
			PgQuery__Node **f = xalloc(w->x, 2 * sizeof(*f));
			if (!f)
				return;
			f[0] = plumb__pg_string(w->x->st.arena, k->qual);
			f[1] = c->fields[0];
			if (!f[0] && !w->x->st.rc)
				w->x->st.rc = plumb_error_nomem(w->x->st.ctx);
			c->fields = f;
			c->n_fields = 2;
		}
	} else if (d == &pg_query__func_call__descriptor) {
		/* EXTRACT, AT TIME ZONE and the like print their arguments plain */
		PgQuery__FuncCall *f = (PgQuery__FuncCall *)m;
		const char *types[MAX_ARGS];
		if (f->funcformat != PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX) {
			int k = pick_call(w->x, f, w->sc, types);
			cast_args(w->x, k, f->args, f->n_args, types);
		}
	} else if (d == &pg_query__coalesce_expr__descriptor) {
		PgQuery__CoalesceExpr *c = (PgQuery__CoalesceExpr *)m;
		cast_common(w->x, c->args, c->n_args, w->sc);
	} else if (d == &pg_query__min_max_expr__descriptor) {
		PgQuery__MinMaxExpr *c = (PgQuery__MinMaxExpr *)m;
		cast_common(w->x, c->args, c->n_args, w->sc);
	} else if (d == &pg_query__case_expr__descriptor) {
		cast_case(w->x, (PgQuery__CaseExpr *)m, w->sc);
	} else if (d == &pg_query__a__expr__descriptor) {
		PgQuery__AExpr *e = (PgQuery__AExpr *)m;
		const char *types[2];
		int k = pick_operator(w->x, e, w->sc, types);
		PgQuery__Node *args[2] = {e->lexpr, e->rexpr};
		cast_args(w->x, k, args, 2, types);
		e->lexpr = args[0];
		e->rexpr = args[1];
		if (k < 0 && e->lexpr && e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP &&
		    e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
			/* IN, BETWEEN and the like compare a domain's value as
			 * its base type's */
			const char *t = expr_type(w->x, e->lexpr, w->sc);
			const char *base = domain_base(w->x, t);
			if (t && base && strcmp(base, t) != 0) {
				cast_to(w->x, &e->lexpr, base);
				/* and its string literals are of that type */
				PgQuery__List *l = e->rexpr && e->rexpr->node_case ==
								       PG_QUERY__NODE__NODE_LIST
							   ? e->rexpr->list
							   : NULL;
				for (size_t i = 0; l && i < l->n_items; i++)
					if (expr_type(w->x, l->items[i], w->sc) == plumb__pg_unknown_type)
						cast_to(w->x, &l->items[i], base);
			}
		}
	}
}

/* The fields of row type t (a type code): a composite type's attributes,
 * or a table's columns; NULL when t is neither, or not in the catalog. */
static const item *row_fields(ax *x, const char *t)
{
	const char **names = NULL, **types = NULL;
	size_t n = 0;
	if (x->st.rc)
		return NULL;
	if (plumb__pg_row_fields(x->st.ctx, x->st.arena, x->cat, t, &names, &types, &n) < 0) {
		plumb__pg_nomem(&x->st);
		return NULL;
	}
	item *out = n ? new_item(x, NULL, n) : NULL;
	for (size_t j = 0; out && j < n; j++)
		out->cols[j] = (col){names[j], types[j], NULL};
	return out;
}

/* The type of a field selection (e).f.g, through the row types of the
 * catalog; NULL when one is not known. */
static const char *field_type(ax *x, const PgQuery__AIndirection *ind, size_t n, const scope *sc)
{
	const char *t = expr_type(x, ind->arg, sc);
	for (size_t i = 0; t && i < n; i++) {
		const char *f = plumb__pg_strval(ind->indirection[i]);
		const item *row = f ? row_fields(x, t) : NULL;
		t = NULL;
		for (size_t k = 0; row && k < row->n && !t; k++)
			if (strcmp(row->cols[k].name, f) == 0)
				t = row->cols[k].type;
	}
	return t;
}

static bool is_star(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields &&
	       n->column_ref->fields[n->column_ref->n_fields - 1]->node_case ==
		       PG_QUERY__NODE__NODE_A_STAR;
}

static PgQuery__Node *column_target(ax *x, const col *c)
{
	PgQuery__ResTarget *rt = xalloc(x, sizeof(*rt));
	PgQuery__ColumnRef *cr = xalloc(x, sizeof(*cr));
	PgQuery__Node **f = xalloc(x, 2 * sizeof(*f));
	if (!rt || !cr || !f)
		return NULL;
	pg_query__res_target__init(rt);
	pg_query__column_ref__init(cr);
	cr->fields = f;
	if (c->qual)
		f[cr->n_fields++] = plumb__pg_string(x->st.arena, c->qual);
	f[cr->n_fields++] = plumb__pg_string(x->st.arena, c->name);
	rt->val = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_COLUMN_REF, cr);
	PgQuery__Node *n = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_RES_TARGET, rt);
	if ((!f[0] || !f[cr->n_fields - 1] || !rt->val || !n) && !x->st.rc)
		x->st.rc = plumb_error_nomem(x->st.ctx);
	return n;
}

/* *slot cast to the row type code rowtype ("name" or "schema.name"). */
static void row_cast(ax *x, PgQuery__Node **slot, const char *rowtype)
{
	PgQuery__TypeName *tn = xalloc(x, sizeof(*tn));
	PgQuery__TypeCast *tc = xalloc(x, sizeof(*tc));
	PgQuery__Node **names = xalloc(x, 2 * sizeof(*names));
	if (!tn || !tc || !names)
		return;
	pg_query__type_name__init(tn);
	pg_query__type_cast__init(tc);
	const char *dot = strchr(rowtype, '.');
	if (dot)
		names[tn->n_names++] = plumb__pg_string(
			x->st.arena, plumb_arena_strndup(x->st.arena, rowtype, (size_t)(dot - rowtype)));
	names[tn->n_names++] = plumb__pg_string(x->st.arena, dot ? dot + 1 : rowtype);
	tn->names = names;
	tn->typemod = -1;
	tc->type_name = tn;
	tc->arg = *slot;
	tc->location = -1;
	PgQuery__Node *n = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_TYPE_CAST, tc);
	if (!n || !names[0] || !names[tn->n_names - 1]) {
		plumb__pg_nomem(&x->st);
		return;
	}
	*slot = n;
}

/* (e).*, (e).f.*: a field selection ending in a star. */
static bool field_star(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_A_INDIRECTION &&
	       n->a_indirection->n_indirection &&
	       n->a_indirection->indirection[n->a_indirection->n_indirection - 1]->node_case ==
		       PG_QUERY__NODE__NODE_A_STAR;
}

/* (e).* pushed onto out as (e).f for each field f of e's row type; false
 * when that type is not known (the star is left as written). */
static bool expand_fields(ax *x, plumb_vec *out, const PgQuery__AIndirection *ind,
			  const scope *sc)
{
	size_t n = ind->n_indirection - 1;
	for (size_t i = 0; i < n; i++)
		if (!plumb__pg_strval(ind->indirection[i]))
			return false; /* a subscript on the way */
	const item *row = row_fields(x, field_type(x, ind, n, sc));
	if (!row || !row->n)
		return false;
	for (size_t k = 0; k < row->n && !x->st.rc; k++) {
		PgQuery__ResTarget *rt = xalloc(x, sizeof(*rt));
		PgQuery__AIndirection *fi = xalloc(x, sizeof(*fi));
		PgQuery__Node **path = xalloc(x, (n + 1) * sizeof(*path));
		if (!rt || !fi || !path)
			return false;
		pg_query__res_target__init(rt);
		pg_query__a__indirection__init(fi);
		fi->arg = xcopy(x, ind->arg);
		for (size_t i = 0; i < n; i++)
			path[i] = ind->indirection[i];
		path[n] = plumb__pg_string(x->st.arena, row->cols[k].name);
		fi->indirection = path;
		fi->n_indirection = n + 1;
		rt->val = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_A_INDIRECTION, fi);
		PgQuery__Node *r = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_RES_TARGET, rt);
		if (!fi->arg || !path[n] || !rt->val || !r) {
			plumb__pg_nomem(&x->st);
			return false;
		}
		xpush(x, out, r);
	}
	return true;
}

/* * and t.* in the select list: the columns they stand for, unless one of
 * the items is unknown. */
static void expand_stars(ax *x, PgQuery__SelectStmt *s, const scope *sc)
{
	plumb_vec out = {0};
	bool changed = false;
	for (size_t i = 0; i < s->n_target_list && !x->st.rc; i++) {
		PgQuery__Node *t = s->target_list[i];
		const PgQuery__Node *v =
			t->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? t->res_target->val : NULL;
		const char *bare = bare_name(v);
		const item *row = bare && !lookup(sc, v->column_ref) ? whole_row_item(sc, bare) : NULL;
		if (row && row->rowtype) {
			/* a whole row in the select list: rel.*::rowtype AS rel,
			 * as the server writes it (the star by rewrite()) */
			PgQuery__ResTarget *rt = t->res_target;
			if (!rt->name || !*rt->name)
				rt->name = (char *)bare;
			row_cast(x, &rt->val, row->rowtype);
			xpush(x, &out, t);
			changed = true;
			continue;
		}
		if (field_star(v)) {
			/* (e).*: a field selection per field of e's row type,
			 * as the server expands it */
			if (expand_fields(x, &out, v->a_indirection, sc))
				changed = true;
			else
				xpush(x, &out, t);
			continue;
		}
		if (!is_star(v)) {
			xpush(x, &out, t);
			continue;
		}
		const PgQuery__ColumnRef *cr = v->column_ref;
		const char *q = cr->n_fields == 2 ? plumb__pg_strval(cr->fields[0]) : NULL;
		const plumb_vec *from = q ? &sc->rels : &sc->items;
		bool known = (cr->n_fields == 1 && from->n) || q;
		size_t first = out.n;
		for (size_t j = 0; known && j < from->n; j++) {
			const item *it = from->items[j];
			if (q && (!it->ref || strcmp(it->ref, q) != 0))
				continue;
			known = known && it->known;
			for (size_t k = 0; known && k < it->n; k++)
				xpush(x, &out, column_target(x, &it->cols[k]));
			if (q)
				break;
		}
		if (!known || out.n == first) {
			out.n = first;
			xpush(x, &out, t);
			continue;
		}
		changed = true;
	}
	if (changed && !x->st.rc) {
		s->target_list = (PgQuery__Node **)out.items;
		s->n_target_list = out.n;
	}
}

/* The select-list entry named name, or NULL. */
static const PgQuery__Node *target_named(const PgQuery__SelectStmt *s, const char *name)
{
	for (size_t i = 0; i < s->n_target_list; i++) {
		const PgQuery__Node *t = s->target_list[i];
		if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET)
			continue;
		const char *n = t->res_target->name && *t->res_target->name
					? t->res_target->name
					: plumb__pg_figure_colname(t->res_target->val);
		if (n && strcmp(n, name) == 0)
			return t->res_target->val;
	}
	return NULL;
}

/* Whether a FROM item of this level has a column name (or may have). */
static bool input_column(const scope *sc, const char *name)
{
	for (size_t i = 0; i < sc->items.n; i++) {
		const item *it = sc->items.items[i];
		if (!it->known)
			return true;
		for (size_t j = 0; j < it->n; j++)
			if (strcmp(it->cols[j].name, name) == 0)
				return true;
	}
	return false;
}

/* GROUP BY, ORDER BY or DISTINCT ON item *p: a select-list number, or a
 * bare name of a select-list entry (GROUP BY: unless a FROM column has it),
 * becomes a copy of that entry's expression. */
static void resolve_ref(ax *x, PgQuery__Node **p, const PgQuery__SelectStmt *s, const scope *sc,
			bool group)
{
	const PgQuery__Node *n = *p, *target = NULL;
	if (!n)
		return;
	if (n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
		int32_t k = n->a_const->ival ? n->a_const->ival->ival : 0;
		const PgQuery__Node *t =
			k >= 1 && (size_t)k <= s->n_target_list ? s->target_list[k - 1] : NULL;
		if (t && t->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
			target = t->res_target->val;
	} else if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1 &&
		   plumb__pg_strval(n->column_ref->fields[0])) {
		const char *name = plumb__pg_strval(n->column_ref->fields[0]);
		if (!group || !input_column(sc, name))
			target = target_named(s, name);
	}
	PgQuery__Node *c = target && !is_star(target) ? xcopy(x, target) : NULL;
	if (c)
		*p = c;
}

static void resolve_refs(ax *x, PgQuery__SelectStmt *s, const scope *sc)
{
	for (size_t i = 0; i < s->n_group_clause; i++)
		resolve_ref(x, &s->group_clause[i], s, sc, true);
	for (size_t i = 0; i < s->n_sort_clause; i++)
		if (s->sort_clause[i]->node_case == PG_QUERY__NODE__NODE_SORT_BY)
			resolve_ref(x, &s->sort_clause[i]->sort_by->node, s, sc, false);
	for (size_t i = 0; i < s->n_distinct_clause; i++)
		resolve_ref(x, &s->distinct_clause[i], s, sc, false);
}

/* Column i of a set operation resolved to type t: an untyped constant
 * (NULL, 'x') of a branch is cast to it where it stands, as the server
 * does (transformSetOperationTree), and printed with the cast. */
static void cast_unknown_leaves(ax *x, PgQuery__SelectStmt *s, size_t i, const char *t)
{
	if (!s)
		return;
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
		cast_unknown_leaves(x, s->larg, i, t);
		cast_unknown_leaves(x, s->rarg, i, t);
		return;
	}
	PgQuery__Node *n = i < s->n_target_list ? s->target_list[i] : NULL;
	PgQuery__Node **v = n && n->node_case == PG_QUERY__NODE__NODE_RES_TARGET
				    ? &n->res_target->val
				    : NULL;
	if (v && *v && (*v)->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    ((*v)->a_const->isnull || (*v)->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL))
		cast_to(x, v, t);
}

/* ORDER BY of a set operation: the server writes output columns by number. */
static void number_sort(ax *x, PgQuery__SelectStmt *s, const item *out)
{
	for (size_t i = 0; out && i < s->n_sort_clause; i++) {
		PgQuery__Node *sb = s->sort_clause[i];
		PgQuery__Node *n =
			sb->node_case == PG_QUERY__NODE__NODE_SORT_BY ? sb->sort_by->node : NULL;
		const char *name = n && n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
						   n->column_ref->n_fields == 1
					   ? plumb__pg_strval(n->column_ref->fields[0])
					   : NULL;
		for (size_t k = 0; name && k < out->n; k++) {
			if (strcmp(out->cols[k].name, name) != 0)
				continue;
			PgQuery__AConst *c = xalloc(x, sizeof(*c));
			PgQuery__Integer *v = xalloc(x, sizeof(*v));
			if (!c || !v)
				return;
			pg_query__a__const__init(c);
			pg_query__integer__init(v);
			v->ival = (int32_t)(k + 1);
			c->val_case = PG_QUERY__A__CONST__VAL_IVAL;
			c->ival = v;
			PgQuery__Node *nn = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_A_CONST, c);
			if (nn)
				sb->sort_by->node = nn;
			break;
		}
	}
}

static const item *analyze(ax *x, PgQuery__SelectStmt *s, const scope *up)
{
	for (size_t i = 0; i < x->memo.n; i++) {
		const memo *m = x->memo.items[i];
		if (m->s == s)
			return m->out;
	}
	memo *m = xalloc(x, sizeof(*m));
	if (!m)
		return NULL;
	*m = (memo){s, NULL};
	xpush(x, &x->memo, m);
	scope sc = {up, s->with_clause, {0}, {0}};
	for (size_t i = 0; s->with_clause && i < s->with_clause->n_ctes; i++) {
		PgQuery__Node *c = s->with_clause->ctes[i];
		PgQuery__Node *q = c->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR
					   ? c->common_table_expr->ctequery
					   : NULL;
		if (q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
			analyze(x, q->select_stmt, &sc);
	}
	item *out;
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
		const item *l = s->larg ? analyze(x, s->larg, &sc) : NULL;
		const item *r = s->rarg ? analyze(x, s->rarg, &sc) : NULL;
		out = l && r && l->known && r->known && l->n == r->n ? new_item(x, NULL, l->n)
								      : unknown_item(x, NULL);
		for (size_t i = 0; out && out->known && i < out->n; i++) {
			out->cols[i] = l->cols[i];
			const char *lt = l->cols[i].type, *rt = r->cols[i].type;
			/* an untyped constant on one side takes the other's type */
			if (lt == plumb__pg_unknown_type && rt && rt != plumb__pg_unknown_type) {
				cast_unknown_leaves(x, s->larg, i, rt);
				lt = out->cols[i].type = rt;
			} else if (rt == plumb__pg_unknown_type && lt && lt != plumb__pg_unknown_type) {
				cast_unknown_leaves(x, s->rarg, i, lt);
				rt = lt;
			}
			if (!lt || !rt || strcmp(lt, rt) != 0)
				out->cols[i].type = NULL;
		}
		if (out && out->known)
			number_sort(x, s, out);
	} else {
		for (size_t i = 0; i < s->n_from_clause; i++)
			xpush(x, &sc.items, (void *)from_item(x, s->from_clause[i], &sc));
		expand_stars(x, s, &sc);
		resolve_refs(x, s, &sc);
		rw w = {x, &sc};
		plumb__pg_children(&s->base, rewrite_child, &w);
		out = output(x, s, &sc);
	}
	m->out = out;
	return x->st.rc ? NULL : out;
}

int plumb__pg_analyze_query(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			    PgQuery__Node *query)
{
	ax x = {.st = {.ctx = ctx, .arena = arena}, .cat = cat};
	if (query && query->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
		analyze(&x, query->select_stmt, NULL);
	return x.st.rc;
}

int plumb__pg_analyze_table_expr(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
				 const plumb_table *t, PgQuery__Node *expr)
{
	ax x = {.st = {.ctx = ctx, .arena = arena}, .cat = cat};
	item *it = new_item(&x, NULL, t->columns.n);
	for (size_t j = 0; it && j < t->columns.n; j++) {
		const plumb_column *c = t->columns.items[j];
		it->cols[j] = (col){c->name, plumb__pg_type_code(c->type), NULL};
	}
	scope sc = {NULL, NULL, {0}, {0}};
	xpush(&x, &sc.items, it);
	rw w = {&x, &sc};
	if (expr && !x.st.rc)
		rewrite(&expr->base, &w);
	return x.st.rc;
}

/* --- SQL-standard function bodies ------------------------------------------------ */

/* The parts of an INSERT, UPDATE, DELETE or RETURN analysed as the SELECT
 * they read like: FROM the target relation (with the FROM or USING list),
 * the select list *targets (a RETURNING list, SET entries, the RETURN
 * expression), WHERE *where. */
static void analyze_parts(ax *x, PgQuery__RangeVar *rel, PgQuery__Node **from, size_t n_from,
			  PgQuery__Node ***targets, size_t *n_targets, PgQuery__Node **where)
{
	/* in the arena: analyze() knows the queries it did by address */
	PgQuery__SelectStmt *s = xalloc(x, sizeof(*s));
	plumb_vec items = {0};
	if (!s)
		return;
	pg_query__select_stmt__init(s);
	if (rel)
		xpush(x, &items, plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_RANGE_VAR, rel));
	for (size_t i = 0; i < n_from; i++)
		xpush(x, &items, from[i]);
	if (x->st.rc || (rel && !items.items[0])) {
		plumb__pg_nomem(&x->st);
		return;
	}
	s->op = PG_QUERY__SET_OPERATION__SETOP_NONE;
	s->from_clause = (PgQuery__Node **)items.items;
	s->n_from_clause = items.n;
	s->target_list = *targets;
	s->n_target_list = *n_targets;
	s->where_clause = where ? *where : NULL;
	analyze(x, s, NULL);
	*targets = s->target_list;
	*n_targets = s->n_target_list;
	if (where)
		*where = s->where_clause;
}

/* INSERT without a column list: the columns its values fill, in order. */
static void insert_columns(ax *x, PgQuery__InsertStmt *ins)
{
	PgQuery__Node *q = ins->select_stmt;
	if (ins->n_cols || !q || q->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
		return;
	PgQuery__SelectStmt *s = q->select_stmt;
	const item *out = analyze(x, s, NULL);
	size_t n = out && out->known ? out->n : 0;
	const item *rel = relation(x, ins->relation, NULL);
	if (!n || !rel || !rel->known || n > rel->n)
		return;
	PgQuery__Node **cols = xalloc(x, n * sizeof(*cols));
	for (size_t i = 0; cols && i < n; i++) {
		PgQuery__ResTarget *rt = xalloc(x, sizeof(*rt));
		if (!rt)
			return;
		pg_query__res_target__init(rt);
		rt->name = (char *)rel->cols[i].name;
		if (!(cols[i] = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_RES_TARGET, rt))) {
			plumb__pg_nomem(&x->st);
			return;
		}
	}
	if (cols) {
		ins->cols = cols;
		ins->n_cols = n;
	}
}

static void analyze_body_stmt(ax *x, PgQuery__Node *st)
{
	switch (st->node_case) {
	case PG_QUERY__NODE__NODE_SELECT_STMT:
		analyze(x, st->select_stmt, NULL);
		break;
	case PG_QUERY__NODE__NODE_INSERT_STMT: {
		PgQuery__InsertStmt *i = st->insert_stmt;
		insert_columns(x, i);
		analyze_parts(x, i->relation, NULL, 0, &i->returning_list, &i->n_returning_list,
			      NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_UPDATE_STMT: {
		PgQuery__UpdateStmt *u = st->update_stmt;
		analyze_parts(x, u->relation, u->from_clause, u->n_from_clause, &u->target_list,
			      &u->n_target_list, &u->where_clause);
		analyze_parts(x, u->relation, u->from_clause, u->n_from_clause,
			      &u->returning_list, &u->n_returning_list, NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_DELETE_STMT: {
		PgQuery__DeleteStmt *d = st->delete_stmt;
		PgQuery__Node **none = NULL;
		size_t n_none = 0;
		analyze_parts(x, d->relation, d->using_clause, d->n_using_clause, &none, &n_none,
			      &d->where_clause);
		analyze_parts(x, d->relation, d->using_clause, d->n_using_clause,
			      &d->returning_list, &d->n_returning_list, NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_RETURN_STMT: {
		PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
		PgQuery__Node rtn = PG_QUERY__NODE__INIT, *t = &rtn, **ts = &t;
		size_t n = 1;
		rt.val = st->return_stmt->returnval;
		rtn.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
		rtn.res_target = &rt;
		analyze_parts(x, NULL, NULL, 0, &ts, &n, NULL);
		st->return_stmt->returnval = rt.val;
		break;
	}
	default:
		break;
	}
}

int plumb__pg_analyze_body(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			   PgQuery__CreateFunctionStmt *f)
{
	ax x = {.st = {.ctx = ctx, .arena = arena}, .cat = cat};
	PgQuery__Node *b = f->sql_body;
	if (b && b->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
		analyze_body_stmt(&x, b);
	} else if (b && b->node_case == PG_QUERY__NODE__NODE_LIST && b->list->n_items == 1 &&
		   b->list->items[0]->node_case == PG_QUERY__NODE__NODE_LIST) {
		const PgQuery__List *l = b->list->items[0]->list;
		for (size_t i = 0; i < l->n_items && !x.st.rc; i++)
			analyze_body_stmt(&x, l->items[i]);
	}
	return x.st.rc;
}

int plumb__pg_analyze_stmts(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			    PgQuery__Node **stmts, size_t n)
{
	ax x = {.st = {.ctx = ctx, .arena = arena}, .cat = cat};
	for (size_t i = 0; i < n && !x.st.rc; i++)
		if (stmts[i])
			analyze_body_stmt(&x, stmts[i]);
	return x.st.rc;
}
