/*
 * The texts that name what a rename renames, derived again (offline_rename.c
 * reads the statements): each text is parsed, the tree changed as the
 * rename says (a relation, a column of one table, a type, an enum label, a
 * function, a sequence in nextval) and the text derived from the tree as its
 * creator derived it, canonical or as written. No text is searched for a
 * name. A reference it cannot place (a view's bare column among several
 * relations, a label whose type it cannot tell) is an error naming
 * --dev-url. It decides no name and checks no target.
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_rename.h"

/* --- what a rename changes in a parse tree ---------------------------------------------- */

/* An error for what offline replay cannot follow, with the way out. */
void cannot(ox *x, const char *what)
{
	if (x->st.rc)
		return;
	error_at(x, x->loc, "offline replay cannot follow this rename: %s", what ? what : "");
	plumb_error_set_hint(x->st.ctx, "give --dev-url to replay it on a server "
					"(--dev-url local starts a throwaway one)");
}

bool str_is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static PgQuery__Node *str_node(ren *r, const char *s)
{
	PgQuery__Node *n = plumb__pg_string(r->x->st.arena, s);
	if (!n)
		nomem(r->x);
	return n;
}

static bool names_are(PgQuery__Node **v, size_t n, const char *schema, const char *name)
{
	if (!n || n > 3)
		return false;
	const char *s, *nm;
	split_names(v, n, &s, &nm);
	return str_is(nm, name) && str_is(s, schema);
}

/* A qualified name list renamed to nschema.nw (qualified when it was, or
 * when nschema is not public). */
static void rename_names(ren *r, PgQuery__Node ***v, size_t *n)
{
	PgQuery__Node *last = str_node(r, r->nw);
	if (!last)
		return;
	if (*n >= 2) {
		(*v)[*n - 2] = str_node(r, r->nschema);
		(*v)[*n - 1] = last;
	} else if (strcmp(r->nschema, "public") == 0) {
		(*v)[0] = last;
	} else {
		PgQuery__Node **nv = alloc(r->x, 2 * sizeof(*nv));
		if (!nv)
			return;
		nv[0] = str_node(r, r->nschema);
		nv[1] = last;
		*v = nv;
		*n = 2;
	}
	r->touched = true;
}

static bool is_ref(ren *r, const char *q)
{
	if (!q)
		return false;
	if (r->refs) {
		for (size_t i = 0; i < r->n_refs; i++)
			if (strcmp(r->refs[i], q) == 0)
				return true;
		return false;
	}
	return strcmp(q, r->table) == 0 ||
	       (r->trig && (strcasecmp(q, "new") == 0 || strcasecmp(q, "old") == 0));
}

static void visit_col(ren *r, ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__column_ref__descriptor) {
		PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
		size_t n = c->n_fields;
		if (!n || !str_is(plumb__pg_strval(c->fields[n - 1]), r->old))
			return;
		if (n == 1 && r->refs && !r->bare) {
			r->unsure = true; /* a view's reference the analysis left bare */
			return;
		}
		if (n == 1 || is_ref(r, plumb__pg_strval(c->fields[n - 2]))) {
			c->fields[n - 1] = str_node(r, r->nw);
			r->last_col = c;
			r->touched = true;
		}
	} else if (d == &pg_query__index_elem__descriptor) {
		PgQuery__IndexElem *e = (PgQuery__IndexElem *)m;
		if (str_is(e->name, r->old)) {
			e->name = (char *)r->nw;
			r->touched = true;
		}
	} else if (d == &pg_query__stats_elem__descriptor) {
		PgQuery__StatsElem *e = (PgQuery__StatsElem *)m;
		if (str_is(e->name, r->old)) {
			e->name = (char *)r->nw;
			r->touched = true;
		}
	} else if (d == &pg_query__res_target__descriptor && r->refs) {
		/* the server keeps a view's output name: b AS a */
		PgQuery__ResTarget *t = (PgQuery__ResTarget *)m;
		if (empty(t->name) && t->val &&
		    t->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
		    (const void *)t->val->column_ref == r->last_col)
			t->name = (char *)r->old;
	} else if (d == &pg_query__join_expr__descriptor && r->refs) {
		PgQuery__JoinExpr *j = (PgQuery__JoinExpr *)m;
		for (size_t i = 0; i < j->n_using_clause; i++)
			if (str_is(plumb__pg_strval(j->using_clause[i]), r->old))
				r->unsure = true;
	} else if (d == &pg_query__create_trig_stmt__descriptor && r->trig) {
		PgQuery__CreateTrigStmt *ts = (PgQuery__CreateTrigStmt *)m;
		for (size_t i = 0; i < ts->n_columns; i++)
			if (str_is(plumb__pg_strval(ts->columns[i]), r->old)) {
				ts->columns[i] = str_node(r, r->nw);
				r->touched = true;
			}
	}
}

static bool is_type(ren *r, const PgQuery__TypeName *tn)
{
	return tn &&
	       names_are(tn->names, tn->n_names, r->schema, r->kind == R_VALUE ? r->table : r->old);
}

static bool is_label(ren *r, const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	       n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && n->a_const->sval &&
	       str_is(n->a_const->sval->sval, r->old);
}

static void rename_label(ren *r, PgQuery__Node *n)
{
	if (!is_label(r, n))
		return;
	n->a_const->sval->sval = (char *)r->nw;
	r->n_renamed++;
	r->touched = true;
}

/* Whether n is a column of the enum's type (its last name, in the text's
 * one table). */
static bool enum_col(ren *r, const PgQuery__Node *n)
{
	if (!n || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || !n->column_ref->n_fields)
		return false;
	const char *c = plumb__pg_strval(n->column_ref->fields[n->column_ref->n_fields - 1]);
	for (size_t i = 0; c && i < r->cols.n; i++)
		if (strcmp(r->cols.items[i], c) == 0)
			return true;
	return false;
}

/* A label is a string constant cast to the enum, or compared with a
 * column of the enum's type (=, <>, IN, = ANY (ARRAY[...])); the server
 * follows it by oid. Constants spelling it otherwise are counted: the
 * caller cannot tell their type. */
static void visit_value(ren *r, ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__a__const__descriptor) {
		PgQuery__AConst *c = (PgQuery__AConst *)m;
		if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval &&
		    str_is(c->sval->sval, r->old))
			r->n_seen++;
	} else if (d == &pg_query__type_cast__descriptor) {
		PgQuery__TypeCast *tc = (PgQuery__TypeCast *)m;
		if (is_type(r, tc->type_name) && !tc->type_name->n_array_bounds)
			rename_label(r, tc->arg);
	} else if (d == &pg_query__a__expr__descriptor) {
		PgQuery__AExpr *e = (PgQuery__AExpr *)m;
		PgQuery__Node *side = enum_col(r, e->lexpr)   ? e->rexpr
				      : enum_col(r, e->rexpr) ? e->lexpr
							      : NULL;
		if (!side)
			return;
		PgQuery__Node **v = &side;
		size_t n = 1;
		if (side->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
			v = side->a_array_expr->elements;
			n = side->a_array_expr->n_elements;
		} else if (side->node_case == PG_QUERY__NODE__NODE_LIST) {
			v = side->list->items;
			n = side->list->n_items;
		}
		for (size_t i = 0; i < n; i++)
			rename_label(r, v[i]);
	}
}

/* A string constant naming the renamed sequence, made to name it again. */
static void seq_literal(ren *r, PgQuery__Node *a)
{
	if (a && a->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    a->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && a->a_const->sval &&
	    str_is(a->a_const->sval->sval, r->lit_old)) {
		a->a_const->sval->sval = (char *)r->lit_new;
		r->touched = true;
	}
}

/* R_OPER: an operator's name list (a OPERATOR(s.op) b), written bare when
 * it lands in public, as the server prints an operator it sees. */
static void oper_names(ren *r, PgQuery__Node ***v, size_t *n)
{
	if (!names_are(*v, *n, r->schema, r->old))
		return;
	rename_names(r, v, n);
	if (*n == 2 && strcmp(r->nschema, "public") == 0) {
		(*v)[0] = (*v)[1];
		*n = 1;
	}
}

/* R_OPER: the operators of expressions (a op b, a op ANY (...)), of ORDER
 * BY ... USING and of an exclusion constraint's WITH. */
static void visit_oper(ren *r, ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__a__expr__descriptor) {
		PgQuery__AExpr *e = (PgQuery__AExpr *)m;
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP ||
		    e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY ||
		    e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL)
			oper_names(r, &e->name, &e->n_name);
	} else if (d == &pg_query__sort_by__descriptor) {
		PgQuery__SortBy *s = (PgQuery__SortBy *)m;
		oper_names(r, &s->use_op, &s->n_use_op);
	} else if (d == &pg_query__constraint__descriptor) {
		PgQuery__Constraint *c = (PgQuery__Constraint *)m;
		for (size_t i = 0;
		     c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION && i < c->n_exclusions;
		     i++) {
			PgQuery__Node *p = c->exclusions[i];
			if (p->node_case == PG_QUERY__NODE__NODE_LIST && p->list->n_items == 2 &&
			    p->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST) {
				PgQuery__List *ops = p->list->items[1]->list;
				oper_names(r, &ops->items, &ops->n_items);
			}
		}
	}
}

/* R_OPC: the classes of an index's or an exclusion's columns, when
 * its access method (am, "" for the default) is the class's. */
static void opclass_elems(ren *r, const char *am, PgQuery__Node **v, size_t n, bool pairs)
{
	if (!str_is(*am ? am : "btree", r->table))
		return;
	for (size_t i = 0; i < n; i++) {
		PgQuery__Node *e = v[i];
		if (pairs)
			e = e->node_case == PG_QUERY__NODE__NODE_LIST && e->list->n_items == 2
				    ? e->list->items[0]
				    : NULL;
		if (e && e->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM &&
		    names_are(e->index_elem->opclass, e->index_elem->n_opclass, r->schema, r->old))
			rename_names(r, &e->index_elem->opclass, &e->index_elem->n_opclass);
	}
}

static void visit_opclass(ren *r, ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__index_stmt__descriptor) {
		PgQuery__IndexStmt *is = (PgQuery__IndexStmt *)m;
		opclass_elems(r, is->access_method ? is->access_method : "", is->index_params,
			      is->n_index_params, false);
	} else if (d == &pg_query__constraint__descriptor) {
		PgQuery__Constraint *c = (PgQuery__Constraint *)m;
		if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
			opclass_elems(r, c->access_method ? c->access_method : "", c->exclusions,
				      c->n_exclusions, true);
	}
}

static void visit(ProtobufCMessage *m, void *p)
{
	ren *r = p;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	switch (r->kind) {
	case R_REL:
		if (d == &pg_query__range_var__descriptor) {
			PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
			if (!str_is(rv->relname, r->old) || !str_is(sch(rv->schemaname), r->schema))
				return;
			rv->relname = (char *)r->nw;
			if (!empty(rv->schemaname) || strcmp(r->nschema, "public") != 0)
				rv->schemaname = (char *)r->nschema;
			r->touched = true;
		} else if (d == &pg_query__column_ref__descriptor && r->quals &&
			   strcmp(r->old, r->nw) != 0) {
			/* t.a in a view or rule is the relation's own name */
			PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
			size_t n = c->n_fields;
			if (n < 2 || !str_is(plumb__pg_strval(c->fields[n - 2]), r->old) ||
			    (n >= 3 && !str_is(plumb__pg_strval(c->fields[n - 3]), r->schema)))
				return;
			c->fields[n - 2] = str_node(r, r->nw);
			if (n >= 3)
				c->fields[n - 3] = str_node(r, r->nschema);
			r->touched = true;
		}
		break;
	case R_COL:
		visit_col(r, m);
		break;
	case R_TYPE:
		if (d == &pg_query__type_name__descriptor) {
			PgQuery__TypeName *tn = (PgQuery__TypeName *)m;
			if (is_type(r, tn))
				rename_names(r, &tn->names, &tn->n_names);
		} else if (d == &pg_query__create_domain_stmt__descriptor) {
			PgQuery__CreateDomainStmt *ds = (PgQuery__CreateDomainStmt *)m;
			if (names_are(ds->domainname, ds->n_domainname, r->schema, r->old))
				rename_names(r, &ds->domainname, &ds->n_domainname);
		} else if (d == &pg_query__composite_type_stmt__descriptor) {
			PgQuery__CompositeTypeStmt *ct = (PgQuery__CompositeTypeStmt *)m;
			PgQuery__RangeVar *rv = ct->typevar;
			if (rv && str_is(rv->relname, r->old) &&
			    str_is(sch(rv->schemaname), r->schema)) {
				rv->relname = (char *)r->nw;
				rv->schemaname = (char *)r->nschema;
				r->touched = true;
			}
		}
		break;
	case R_VALUE:
		visit_value(r, m);
		break;
	case R_FUNC:
		if (d == &pg_query__func_call__descriptor) {
			PgQuery__FuncCall *f = (PgQuery__FuncCall *)m;
			if (names_are(f->funcname, f->n_funcname, r->schema, r->old))
				rename_names(r, &f->funcname, &f->n_funcname);
		} else if (d == &pg_query__create_trig_stmt__descriptor) {
			PgQuery__CreateTrigStmt *ts = (PgQuery__CreateTrigStmt *)m;
			if (names_are(ts->funcname, ts->n_funcname, r->schema, r->old))
				rename_names(r, &ts->funcname, &ts->n_funcname);
		} else if (d == &pg_query__create_function_stmt__descriptor) {
			PgQuery__CreateFunctionStmt *fs = (PgQuery__CreateFunctionStmt *)m;
			if (names_are(fs->funcname, fs->n_funcname, r->schema, r->old))
				rename_names(r, &fs->funcname, &fs->n_funcname);
		}
		break;
	case R_OPER:
		visit_oper(r, m);
		break;
	case R_OPC:
		visit_opclass(r, m);
		break;
	case R_SEQ:
		/* nextval('q'), and 'q'::regclass */
		if (d == &pg_query__func_call__descriptor) {
			PgQuery__FuncCall *f = (PgQuery__FuncCall *)m;
			const char *fn = f->n_funcname
						 ? plumb__pg_strval(f->funcname[f->n_funcname - 1])
						 : NULL;
			if (f->n_args && (str_is(fn, "nextval") || str_is(fn, "currval") ||
					  str_is(fn, "setval")))
				seq_literal(r, f->args[0]);
		} else if (d == &pg_query__type_cast__descriptor) {
			PgQuery__TypeCast *tc = (PgQuery__TypeCast *)m;
			const PgQuery__TypeName *tn = tc->type_name;
			if (tn && tn->n_names &&
			    str_is(plumb__pg_strval(tn->names[tn->n_names - 1]), "regclass"))
				seq_literal(r, tc->arg);
		}
		break;
	}
}

/* --- texts derived again ------------------------------------------------------------------ */

PgQuery__Node *parse1(ox *x, const char *sql)
{
	PgQuery__ParseResult *pr = NULL;
	if (!sql || x->st.rc)
		return NULL;
	fail(x, plumb__pg_parse(x->st.ctx, x->tmp, sql, NULL, &pr, NULL));
	return !x->st.rc && pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
}

bool walk(ren *r, PgQuery__Node *n)
{
	r->touched = false;
	r->last_col = NULL;
	r->n_seen = r->n_renamed = 0;
	if (n)
		plumb__pg_walk(&n->base, visit, r);
	if (r->kind == R_VALUE && r->n_seen > r->n_renamed)
		cannot(r->x, fmt(r->x, "'%s' is spelled where its type is not known to be the enum",
				 r->old));
	return r->touched && !r->x->st.rc;
}

static bool is_label_text(ren *r, const PgQuery__Node *e)
{
	return r->top && e->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	       e->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && e->a_const->sval;
}

/* A constant of the enum's type (r->top is etype) or of an array of it
 * ('{a,b}', as array_out writes it) with the label renamed. */
static bool relabel(ren *r, PgQuery__Node *e)
{
	ox *x = r->x;
	if (str_is(r->top, r->etype)) {
		rename_label(r, e);
		return r->n_renamed > 0;
	}
	plumb_vec v = {0};
	const char *text = e->a_const->sval->sval;
	fail(x, plumb__pg_parse_array(x->st.ctx, x->tmp, x->tmp, text, &v));
	bool changed = false;
	plumb_buf b;
	plumb_buf_init(&b, x->tmp, 0);
	plumb_buf_putc(&b, '{');
	for (size_t i = 0; i < v.n; i++) {
		const char *el = v.items[i];
		if (str_is(el, r->old)) {
			el = r->nw;
			changed = true;
		}
		plumb_buf_puts(&b, i ? "," : "");
		bool quote = !el || !*el || strcasecmp(el, "null") == 0;
		for (const char *c = el; c && *c && !quote; c++)
			quote = strchr("{},\"\\ \t\n\r\v\f", *c) != NULL;
		if (!el) {
			plumb_buf_puts(&b, "NULL");
			continue;
		}
		if (quote)
			plumb_buf_putc(&b, '"');
		for (const char *c = el; *c; c++) {
			if (quote && (*c == '"' || *c == '\\'))
				plumb_buf_putc(&b, '\\');
			plumb_buf_putc(&b, *c);
		}
		if (quote)
			plumb_buf_putc(&b, '"');
	}
	plumb_buf_putc(&b, '}');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return false;
	}
	if (changed)
		e->a_const->sval->sval = b.data;
	return changed;
}

/* An expression's text with r applied: canonical (expr_text) or as written;
 * text itself when r changes nothing in it. */
static const char *re_expr(ren *r, const char *text, bool canonical)
{
	ox *x = r->x;
	if (!text || x->st.rc)
		return text;
	PgQuery__Node *s = parse1(x, plumb_arena_printf(x->tmp, "SELECT %s", text));
	if (!s || s->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
	    s->select_stmt->n_target_list != 1 ||
	    s->select_stmt->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET)
		return text;
	PgQuery__Node *e = s->select_stmt->target_list[0]->res_target->val;
	if (r->kind == R_VALUE && is_label_text(r, e)) {
		/* a default of the enum's type, or of an array of it */
		if (!relabel(r, e))
			return text;
	} else if (!walk(r, e)) {
		return text;
	}
	if (canonical)
		return expr_text(x, e);
	char *out = NULL;
	fail(x, plumb__pg_deparse_expr(x->st.ctx, x->st.arena, e, &out));
	return out;
}

/* A statement's text with r applied, canonical or as written. */
static const char *re_stmt(ren *r, const char *text, bool canonical)
{
	PgQuery__Node *s = parse1(r->x, text);
	if (!s || !walk(r, s))
		return text;
	return canonical ? stmt_text(r->x, s) : deparse(r->x, s);
}

/* A type's format_type text with r applied. */
const char *re_type(ren *r, const char *text)
{
	ox *x = r->x;
	if (!text || x->st.rc)
		return text;
	PgQuery__Node *s = parse1(x, plumb_arena_printf(x->tmp, "SELECT NULL::%s", text));
	PgQuery__Node *e = s && s->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
					   s->select_stmt->n_target_list == 1
				   ? s->select_stmt->target_list[0]->res_target->val
				   : NULL;
	if (!e || e->node_case != PG_QUERY__NODE__NODE_TYPE_CAST ||
	    !walk(r,
		  plumb__pg_node(x->tmp, PG_QUERY__NODE__NODE_TYPE_NAME, e->type_cast->type_name)))
		return text;
	return type_text(x, e->type_cast->type_name);
}

/* An index made again from its statement with r applied (and renamed to
 * name when given), as create_index makes it. */
void redo_index(ren *r, plumb_index *ix, const char *name)
{
	ox *x = r->x;
	PgQuery__Node *s = parse1(x, ix->sql);
	if (!s || s->node_case != PG_QUERY__NODE__NODE_INDEX_STMT)
		return;
	if (!walk(r, s) && !name)
		return;
	const char *was = ix->renamed_from;
	if (name)
		s->index_stmt->idxname = (char *)name;
	plumb_catalog_remove_item(x->cat, &x->cat->indexes, ix);
	create_index(x, s->index_stmt, s, x->loc);
	plumb_index *now = x->cat->indexes.n ? x->cat->indexes.items[x->cat->indexes.n - 1] : NULL;
	if (now && !x->st.rc)
		now->renamed_from = was;
}

/* A CHECK's texts, an EXCLUDE's, with r applied. */
static void redo_check(ren *r, plumb_table *t, plumb_constraint *k)
{
	ox *x = r->x;
	if (k->kind == PLUMB_CON_CHECK) {
		const char *c = re_expr(r, k->check_sql, true);
		if (c != k->check_sql) {
			k->check_sql = c;
			k->check_written =
				k->check_written ? re_expr(r, k->check_written, false) : NULL;
		}
	} else if (k->kind == PLUMB_CON_EXCLUDE && k->check_sql) {
		/* as offline_column.c writes it: ALTER TABLE's text from EXCLUDE on */
		const char *s =
			re_stmt(r,
				fmt(x, "ALTER TABLE %s.%s ADD CONSTRAINT %s %s", qi(x, t->schema),
				    qi(x, t->name), qi(x, k->name ? k->name : "k"), k->check_sql),
				true);
		const char *ex = s && r->touched ? strstr(s, " EXCLUDE ") : NULL;
		if (!ex)
			return;
		k->check_sql = ex + 1;
		if (!k->check_written)
			return;
		const char *w =
			re_stmt(r,
				fmt(x, "ALTER TABLE %s.%s ADD CONSTRAINT %s %s", qi(x, t->schema),
				    qi(x, t->name), qi(x, k->name ? k->name : "k"), k->check_written),
				false);
		const char *wex = w ? strstr(w, " EXCLUDE ") : NULL;
		k->check_written = wex ? wex + 1 : NULL;
	}
}

/* R_VALUE: the columns of t (NULL: none) of the enum's type, where t's
 * texts are read. */
void enum_cols(ren *r, const plumb_table *t)
{
	r->cols.n = 0;
	for (size_t i = 0; r->kind == R_VALUE && t && i < t->columns.n; i++) {
		const plumb_column *c = t->columns.items[i];
		if (str_is(c->type, r->etype))
			push(r->x, &r->cols, (void *)c->name);
	}
}

/* The column texts of t (defaults, generation expressions, checks) with r applied. */
void redo_table_exprs(ren *r, plumb_table *t)
{
	enum_cols(r, t);
	for (size_t i = 0; i < t->columns.n && !r->x->st.rc; i++) {
		plumb_column *c = t->columns.items[i];
		r->top =
			r->kind == R_VALUE && (str_is(c->type, r->etype) ||
					       (strncmp(c->type, r->etype, strlen(r->etype)) == 0 &&
						str_is(c->type + strlen(r->etype), "[]")))
				? c->type
				: NULL;
		const char *d = re_expr(r, c->default_sql, true);
		if (d != c->default_sql) {
			c->default_sql = d;
			c->default_written = r->kind == R_SEQ || !c->default_written
						     ? NULL
						     : re_expr(r, c->default_written, false);
		}
		r->top = NULL;
		const char *g = re_expr(r, c->generated_sql, true);
		if (g != c->generated_sql) {
			c->generated_sql = g;
			c->generated_written = c->generated_written
						       ? re_expr(r, c->generated_written, false)
						       : NULL;
		}
	}
	for (size_t i = 0; i < t->constraints.n && !r->x->st.rc; i++)
		redo_check(r, t, t->constraints.items[i]);
}

/* A trigger's, policy's or rule's texts with r applied. */
void redo_texts(ren *r, const char **sql, const char **definition)
{
	*sql = re_stmt(r, *sql, false);
	*definition = re_stmt(r, *definition, true);
}

/* A view's texts with r applied: the definition canonical, the statement
 * as it is kept. */
void redo_view(ren *r, plumb_view *v)
{
	redo_texts(r, &v->sql, &v->definition);
}

/* Whether text (a statement) reads relation schema.name. */
bool reads_rel(ox *x, const char *text, const char *schema, const char *name)
{
	ren r = {.x = x,
		 .kind = R_REL,
		 .schema = schema,
		 .old = name,
		 .nschema = schema,
		 .nw = name};
	PgQuery__Node *s = parse1(x, text);
	return s && walk(&r, s);
}

/* Whether function o has a SQL-standard body (BEGIN ATOMIC, RETURN), whose
 * references the server binds when it is created and follows by oid. */
bool has_body(ox *x, const plumb_object *o, PgQuery__Node **stmt)
{
	PgQuery__Node *s = o->kind == PLUMB_OBJ_FUNCTION && o->func_kind != PLUMB_FUNC_AGGREGATE
				   ? parse1(x, o->sql)
				   : NULL;
	*stmt = s;
	return s && s->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT &&
	       s->create_function_stmt->sql_body;
}

/* The functions with SQL-standard bodies (but skip) with r applied, as
 * pg_get_functiondef prints them after the rename. */
void redo_bodies(ren *r, const plumb_object *skip)
{
	ox *x = r->x;
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		PgQuery__Node *s;
		if (o == skip || !has_body(x, o, &s))
			continue;
		r->cols.n = 0;
		redo_texts(r, &o->sql, &o->definition);
	}
}

/* Everything whose text may name what r renames, everywhere (a type, an
 * enum label, a function, a sequence): columns, checks, indexes, triggers,
 * policies, rules, views, domains. */
void redo_all(ren *r)
{
	ox *x = r->x;
	for (size_t i = 0; i < x->cat->tables.n && !x->st.rc; i++)
		redo_table_exprs(r, x->cat->tables.items[i]);
	for (size_t i = x->cat->indexes.n; i-- > 0 && !x->st.rc;) {
		plumb_index *ix = x->cat->indexes.items[i];
		enum_cols(r, find_table(x, ix->schema, ix->table));
		redo_index(r, ix, NULL);
	}
	for (size_t i = 0; i < x->cat->triggers.n && !x->st.rc; i++) {
		plumb_trigger *tg = x->cat->triggers.items[i];
		enum_cols(r, find_table(x, tg->schema, tg->table));
		redo_texts(r, &tg->sql, &tg->definition);
	}
	for (size_t i = 0; i < x->cat->views.n && !x->st.rc; i++) {
		plumb_view *v = x->cat->views.items[i];
		/* a query of one table: its columns; else no label can be placed */
		const char *dep = v->depends.n == 1 ? v->depends.items[0] : NULL;
		const char *dot = dep ? strchr(dep, '.') : NULL;
		const char *ds = dot ? plumb_arena_strndup(x->tmp, dep, (size_t)(dot - dep)) : NULL;
		enum_cols(r, ds ? find_table(x, ds, dot + 1) : NULL);
		redo_view(r, v);
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_POLICY || o->kind == PLUMB_OBJ_RULE ||
		    o->kind == PLUMB_OBJ_DOMAIN ||
		    (o->kind == PLUMB_OBJ_TYPE && r->kind == R_TYPE)) {
			enum_cols(r, o->kind == PLUMB_OBJ_POLICY
					     ? find_table(x, o->schema, o->table)
					     : NULL);
			redo_texts(r, &o->sql, &o->definition);
		}
	}
	if (r->kind == R_SEQ || r->kind == R_VALUE)
		redo_bodies(r, NULL);
}

/* --- comments and what hangs on a relation ---------------------------------------------------- */

/* A comment's name from its fields, as comment_on writes it. */
static const char *comment_name(ox *x, const plumb_object *o)
{
	if (o->target_kind == PLUMB_OBJ_SCHEMA || !o->schema)
		return fmt(x, "SCHEMA %s", qi(x, o->target));
	const char *rel = fmt(x, "%s.%s", qi(x, o->schema), qi(x, o->target));
	if (o->column)
		return fmt(x, "COLUMN %s.%s", rel, qi(x, o->column));
	if (o->part) {
		switch (o->target_kind) {
		case PLUMB_OBJ_TRIGGER:
			return fmt(x, "TRIGGER %s ON %s", qi(x, o->part), rel);
		case PLUMB_OBJ_POLICY:
			return fmt(x, "POLICY %s ON %s", qi(x, o->part), rel);
		case PLUMB_OBJ_RULE:
			return fmt(x, "RULE %s ON %s", qi(x, o->part), rel);
		case PLUMB_OBJ_DOMAIN:
			return fmt(x, "CONSTRAINT %s ON DOMAIN %s", qi(x, o->part), rel);
		default:
			return fmt(x, "CONSTRAINT %s ON %s", qi(x, o->part), rel);
		}
	}
	switch (o->target_kind) {
	case PLUMB_OBJ_TABLE:
		return fmt(x, "TABLE %s", rel);
	case PLUMB_OBJ_INDEX:
		return fmt(x, "INDEX %s", rel);
	case PLUMB_OBJ_SEQUENCE:
		return fmt(x, "SEQUENCE %s", rel);
	case PLUMB_OBJ_VIEW:
		return fmt(x, "%s %s",
			   strncmp(o->name, "MATERIALIZED ", 13) == 0 ? "MATERIALIZED VIEW"
								      : "VIEW",
			   rel);
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
		return fmt(x, "TYPE %s", rel);
	case PLUMB_OBJ_DOMAIN:
		return fmt(x, "DOMAIN %s", rel);
	default:
		return o->name;
	}
}

/* The comment o named again after its fields changed. */
void recomment(ox *x, plumb_object *o)
{
	plumb_pg_comment_on on = {o->target_kind, o->target, o->table,
				  o->column,	  o->part,   o->definition};
	o->name = comment_name(x, o);
	if (o->name)
		fail(x, plumb__pg_comment_define(x->st.ctx, x->st.arena, o, &on));
}

/* Whether comment o is on a relation named name in schema (or on its parts). */
bool comment_on_rel(const plumb_object *o, const char *schema, const char *name)
{
	if (o->kind != PLUMB_OBJ_COMMENT || !str_is(o->schema, schema) || !str_is(o->target, name))
		return false;
	return o->table || o->target_kind == PLUMB_OBJ_TABLE || o->target_kind == PLUMB_OBJ_VIEW ||
	       o->target_kind == PLUMB_OBJ_INDEX || o->target_kind == PLUMB_OBJ_SEQUENCE;
}

/* The literal naming schema.name in a canonical nextval('...'), as a
 * default keeps it (regclassin's spelling, public left out). */
const char *regclass_lit(ox *x, const char *schema, const char *name)
{
	char *s = NULL;
	const char *q = fmt(x, "%s.%s", qi(x, schema), qi(x, name));
	plumb_buf b;
	plumb_buf_init(&b, x->tmp, 0);
	plumb_buf_puts(&b, "nextval(");
	plumb_buf_quote_literal(&b, q ? q : "");
	plumb_buf_puts(&b, "::regclass)");
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	fail(x, plumb__pg_canon_expr(x->st.ctx, x->tmp, b.data, &s));
	PgQuery__Node *st = parse1(x, s ? plumb_arena_printf(x->tmp, "SELECT %s", s) : NULL);
	PgQuery__Node *e = st && st->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
					   st->select_stmt->n_target_list == 1
				   ? st->select_stmt->target_list[0]->res_target->val
				   : NULL;
	PgQuery__Node *a =
		e && e->node_case == PG_QUERY__NODE__NODE_FUNC_CALL && e->func_call->n_args == 1
			? e->func_call->args[0]
			: NULL;
	if (a && a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
		a = a->type_cast->arg;
	if (a && a->node_case == PG_QUERY__NODE__NODE_A_CONST && a->a_const->sval)
		return a->a_const->sval->sval;
	cannot(x, fmt(x, "sequence \"%s\" is not named as it expects", name));
	return NULL;
}
