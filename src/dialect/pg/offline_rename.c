/*
 * The offline builder's renames: ALTER TABLE/INDEX/SEQUENCE/VIEW ... RENAME
 * TO, RENAME COLUMN, RENAME CONSTRAINT, ALTER TYPE/DOMAIN ... RENAME TO,
 * ALTER TYPE ... RENAME VALUE (after alter_enum), ALTER FUNCTION, TRIGGER,
 * POLICY and SCHEMA ... RENAME TO, and SET SCHEMA of tables, views,
 * sequences, types and functions, as PostgreSQL applies them: what names the
 * renamed object by its oid follows (indexes, constraints, foreign keys of
 * other tables, triggers, policies, rules, comments, grants, OWNED BY,
 * defaults, checks, views). Each text that names it is parsed again, the
 * tree changed and the text derived from it as its creator derived it; no
 * text is searched for a name. What it cannot follow (a view reading a
 * renamed column through a join's USING, a schema that holds objects, a
 * function whose signature names a renamed type, ...) is an error naming
 * --dev-url, never a catalog left silently wrong. It creates nothing.
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_int.h"

/* --- what a rename changes in a parse tree ---------------------------------------------- */

typedef enum rkind {
	R_REL,   /* a relation: schema.old becomes nschema.nw */
	R_COL,   /* a column old of table (in schema) becomes nw */
	R_TYPE,  /* a type or domain */
	R_VALUE, /* an enum label old of type schema.table becomes nw */
	R_FUNC,  /* a function */
	R_SEQ,   /* a sequence named in a regclass literal: lit_old becomes lit_new */
} rkind;

typedef struct ren {
	ox *x;
	rkind kind;
	const char *schema, *old, *nschema, *nw;
	const char *table;        /* R_COL: the column's table; R_VALUE: the enum */
	const char *const *refs;  /* R_COL in a view: the names its query gives the table */
	size_t n_refs;
	bool bare;                /* R_COL in a view: a bare reference is the table's */
	bool quals;               /* R_REL: references qualified by the relation follow */
	bool trig;                /* R_COL: NEW.a and OLD.a are the column (trigger WHEN) */
	const char *lit_old, *lit_new;
	const void *last_col;     /* R_COL: the reference renamed last */
	const char *etype;        /* R_VALUE: the enum's type as columns spell it */
	plumb_vec cols;           /* R_VALUE: the columns of that type where the text is */
	size_t n_seen, n_renamed; /* R_VALUE: constants spelling the label, those renamed */
	const char *top;          /* R_VALUE: the type of the expression's value (a default's) */
	bool touched;
	bool unsure;              /* R_COL in a view: a reference it cannot place */
} ren;

/* What a rename leaves for the planner: the name the object had first, as
 * a `-- plumb:renamed` annotation says it, so that a database still
 * holding it is brought along by a rename rather than a drop. */
static void first_name(ox *x, const char **renamed_from, const char *old)
{
	if (!*renamed_from)
		*renamed_from = dup(x, old);
}

/* An error for what offline replay cannot follow, with the way out. */
static void cannot(ox *x, const char *what)
{
	if (x->st.rc)
		return;
	error_at(x, x->loc, "offline replay cannot follow this rename: %s", what ? what : "");
	plumb_error_set_hint(x->st.ctx, "give --dev-url to replay it on a server "
					"(--dev-url local starts a throwaway one)");
}

static bool str_is(const char *a, const char *b)
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
	} else if (d == &pg_query__res_target__descriptor && r->refs) {
		/* the server keeps a view's output name: b AS a */
		PgQuery__ResTarget *t = (PgQuery__ResTarget *)m;
		if (empty(t->name) && t->val && t->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
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
	return tn && names_are(tn->names, tn->n_names, r->schema, r->kind == R_VALUE ? r->table : r->old);
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
		if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval && str_is(c->sval->sval, r->old))
			r->n_seen++;
	} else if (d == &pg_query__type_cast__descriptor) {
		PgQuery__TypeCast *tc = (PgQuery__TypeCast *)m;
		if (is_type(r, tc->type_name) && !tc->type_name->n_array_bounds)
			rename_label(r, tc->arg);
	} else if (d == &pg_query__a__expr__descriptor) {
		PgQuery__AExpr *e = (PgQuery__AExpr *)m;
		PgQuery__Node *side = enum_col(r, e->lexpr) ? e->rexpr : enum_col(r, e->rexpr) ? e->lexpr : NULL;
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
			if (rv && str_is(rv->relname, r->old) && str_is(sch(rv->schemaname), r->schema)) {
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
	case R_SEQ:
		/* nextval('q'), and 'q'::regclass */
		if (d == &pg_query__func_call__descriptor) {
			PgQuery__FuncCall *f = (PgQuery__FuncCall *)m;
			const char *fn = f->n_funcname ? plumb__pg_strval(f->funcname[f->n_funcname - 1]) : NULL;
			if (f->n_args && (str_is(fn, "nextval") || str_is(fn, "currval") || str_is(fn, "setval")))
				seq_literal(r, f->args[0]);
		} else if (d == &pg_query__type_cast__descriptor) {
			PgQuery__TypeCast *tc = (PgQuery__TypeCast *)m;
			const PgQuery__TypeName *tn = tc->type_name;
			if (tn && tn->n_names && str_is(plumb__pg_strval(tn->names[tn->n_names - 1]), "regclass"))
				seq_literal(r, tc->arg);
		}
		break;
	}
}

/* --- texts derived again ------------------------------------------------------------------ */

static PgQuery__Node *parse1(ox *x, const char *sql)
{
	PgQuery__ParseResult *pr = NULL;
	if (!sql || x->st.rc)
		return NULL;
	fail(x, plumb__pg_parse(x->st.ctx, x->tmp, sql, NULL, &pr, NULL));
	return !x->st.rc && pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
}

static bool walk(ren *r, PgQuery__Node *n)
{
	r->touched = false;
	r->last_col = NULL;
	r->n_seen = r->n_renamed = 0;
	if (n)
		plumb__pg_walk(&n->base, visit, r);
	if (r->kind == R_VALUE && r->n_seen > r->n_renamed)
		cannot(r->x, fmt(r->x, "'%s' is spelled where its type is not known to be the enum", r->old));
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
static const char *re_type(ren *r, const char *text)
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
	    !walk(r, plumb__pg_node(x->tmp, PG_QUERY__NODE__NODE_TYPE_NAME, e->type_cast->type_name)))
		return text;
	return type_text(x, e->type_cast->type_name);
}

/* An index made again from its statement with r applied (and renamed to
 * name when given), as create_index makes it. */
static void redo_index(ren *r, plumb_index *ix, const char *name)
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
			k->check_written = k->check_written ? re_expr(r, k->check_written, false) : NULL;
		}
	} else if (k->kind == PLUMB_CON_EXCLUDE && k->check_sql) {
		/* as offline_column.c writes it: ALTER TABLE's text from EXCLUDE on */
		const char *s = re_stmt(r, fmt(x, "ALTER TABLE %s.%s ADD CONSTRAINT %s %s", qi(x, t->schema),
					       qi(x, t->name), qi(x, k->name ? k->name : "k"),
					       k->check_sql),
				       true);
		const char *ex = s && r->touched ? strstr(s, " EXCLUDE ") : NULL;
		if (ex)
			k->check_sql = ex + 1;
	}
}

/* R_VALUE: the columns of t (NULL: none) of the enum's type, where t's
 * texts are read. */
static void enum_cols(ren *r, const plumb_table *t)
{
	r->cols.n = 0;
	for (size_t i = 0; r->kind == R_VALUE && t && i < t->columns.n; i++) {
		const plumb_column *c = t->columns.items[i];
		if (str_is(c->type, r->etype))
			push(r->x, &r->cols, (void *)c->name);
	}
}

/* The column texts of t (defaults, generation expressions, checks) with r applied. */
static void redo_table_exprs(ren *r, plumb_table *t)
{
	enum_cols(r, t);
	for (size_t i = 0; i < t->columns.n && !r->x->st.rc; i++) {
		plumb_column *c = t->columns.items[i];
		r->top = r->kind == R_VALUE && (str_is(c->type, r->etype) ||
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
		c->generated_sql = re_expr(r, c->generated_sql, true);
	}
	for (size_t i = 0; i < t->constraints.n && !r->x->st.rc; i++)
		redo_check(r, t, t->constraints.items[i]);
}

/* A trigger's, policy's or rule's texts with r applied. */
static void redo_texts(ren *r, const char **sql, const char **definition)
{
	*sql = re_stmt(r, *sql, false);
	*definition = re_stmt(r, *definition, true);
}

/* A view's texts with r applied: the definition canonical, the statement
 * as it is kept. */
static void redo_view(ren *r, plumb_view *v)
{
	redo_texts(r, &v->sql, &v->definition);
}

/* Whether text (a statement) reads relation schema.name. */
static bool reads_rel(ox *x, const char *text, const char *schema, const char *name)
{
	ren r = {.x = x, .kind = R_REL, .schema = schema, .old = name, .nschema = schema, .nw = name};
	PgQuery__Node *s = parse1(x, text);
	return s && walk(&r, s);
}

/* Whether function o has a SQL-standard body (BEGIN ATOMIC, RETURN), whose
 * references the server binds when it is created and follows by oid. */
static bool has_body(ox *x, const plumb_object *o, PgQuery__Node **stmt)
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
static void redo_bodies(ren *r, const plumb_object *skip)
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
static void redo_all(ren *r)
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
		    o->kind == PLUMB_OBJ_DOMAIN || (o->kind == PLUMB_OBJ_TYPE && r->kind == R_TYPE)) {
			enum_cols(r, o->kind == PLUMB_OBJ_POLICY ? find_table(x, o->schema, o->table) : NULL);
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
		return fmt(x, "%s %s", strncmp(o->name, "MATERIALIZED ", 13) == 0 ? "MATERIALIZED VIEW" : "VIEW",
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
static void recomment(ox *x, plumb_object *o)
{
	plumb_pg_comment_on on = {o->target_kind, o->target, o->table, o->column, o->part,
				  o->definition};
	o->name = comment_name(x, o);
	if (o->name)
		fail(x, plumb__pg_comment_define(x->st.ctx, x->st.arena, o, &on));
}

/* Whether comment o is on a relation named name in schema (or on its parts). */
static bool comment_on_rel(const plumb_object *o, const char *schema, const char *name)
{
	if (o->kind != PLUMB_OBJ_COMMENT || !str_is(o->schema, schema) || !str_is(o->target, name))
		return false;
	return o->table || o->target_kind == PLUMB_OBJ_TABLE || o->target_kind == PLUMB_OBJ_VIEW ||
	       o->target_kind == PLUMB_OBJ_INDEX || o->target_kind == PLUMB_OBJ_SEQUENCE;
}

/* The literal naming schema.name in a canonical nextval('...'), as a
 * default keeps it (regclassin's spelling, public left out). */
static const char *regclass_lit(ox *x, const char *schema, const char *name)
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
	PgQuery__Node *a = e && e->node_case == PG_QUERY__NODE__NODE_FUNC_CALL &&
					   e->func_call->n_args == 1
				   ? e->func_call->args[0]
				   : NULL;
	if (a && a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
		a = a->type_cast->arg;
	if (a && a->node_case == PG_QUERY__NODE__NODE_A_CONST && a->a_const->sval)
		return a->a_const->sval->sval;
	cannot(x, fmt(x, "sequence \"%s\" is not named as it expects", name));
	return NULL;
}

/* The sequence o moved to nschema.nw: its names, and the defaults, views
 * and indexes that name it in nextval('...'). */
static void move_sequence(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	ren r = {.x = x, .kind = R_SEQ};
	r.lit_old = regclass_lit(x, o->schema, o->name);
	r.lit_new = regclass_lit(x, nschema, nw);
	if (!r.lit_old || !r.lit_new)
		return;
	forget_name(x, &x->relnames, o->schema, o->name);
	use_name(x, &x->relnames, nschema, nw);
	grants_renamed(x, o->schema, o->name, NULL, nschema, nw, NULL);
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (comment_on_rel(c, o->schema, o->name) && !c->table) {
			c->schema = dup(x, nschema);
			c->target = dup(x, nw);
			recomment(x, c);
		}
	}
	if (str_is(o->schema, nschema))
		first_name(x, &o->renamed_from, o->name);
	o->schema = dup(x, nschema);
	o->name = dup(x, nw);
	plumb_catalog_changed(x->cat);
	redo_all(&r);
}

/* OWNED BY lists naming schema.table (and column col, when given) made to
 * name nschema.ntable (ncol). */
static void owners_renamed(ox *x, const char *schema, const char *table, const char *col,
			   const char *nschema, const char *ntable, const char *ncol)
{
	for (size_t i = 0; i < x->seqs.n && !x->st.rc; i++) {
		seqent *e = x->seqs.items[i];
		seqopts s;
		read_seqopts(e->cs->options, e->cs->n_options, 20, &s);
		PgQuery__Node *ob = s.owned_by;
		if (!ob || ob->node_case != PG_QUERY__NODE__NODE_LIST || ob->list->n_items < 2)
			continue;
		PgQuery__List *l = ob->list;
		const char *ts, *tn, *c = plumb__pg_strval(l->items[l->n_items - 1]);
		split_names(l->items, l->n_items - 1, &ts, &tn);
		if (!str_is(ts, schema) || !str_is(tn, table) || (col && !str_is(c, col)))
			continue;
		/* the same list node: where it was written stays remembered */
		PgQuery__Node **v = alloc(x, 3 * sizeof(*v));
		if (!v)
			return;
		v[0] = plumb__pg_string(x->st.arena, nschema);
		v[1] = plumb__pg_string(x->st.arena, ntable);
		v[2] = plumb__pg_string(x->st.arena, col ? ncol : c);
		l->items = v;
		l->n_items = 3;
	}
}

/* What hangs on relation schema.old (a table, or the view self) and what
 * reads it, moved to nschema.nw (the relation itself already renamed): indexes, triggers, policies, rules, comments,
 * grants, foreign keys, partitions and children, views. */
static void relation_moved(ox *x, const plumb_view *self, const char *schema, const char *old,
			   const char *nschema, const char *nw)
{
	ren r = {.x = x, .kind = R_REL, .schema = schema, .old = old, .nschema = nschema, .nw = nw};
	forget_name(x, &x->relnames, schema, old);
	use_name(x, &x->relnames, nschema, nw);
	plumb_catalog_changed(x->cat); /* its indexes are made again on it */
	for (size_t i = x->cat->indexes.n; i-- > 0 && !x->st.rc;) {
		plumb_index *ix = x->cat->indexes.items[i];
		if (str_is(ix->schema, schema) && str_is(ix->table, old)) {
			if (strcmp(schema, nschema) != 0) {
				forget_name(x, &x->relnames, schema, ix->name);
				if (is_relation(x, nschema, ix->name)) {
					error_at(x, x->loc, "relation \"%s\" already exists in schema \"%s\"",
						 ix->name, nschema);
					return;
				}
			}
			redo_index(&r, ix, NULL);
		}
	}
	for (size_t i = 0; i < x->cat->triggers.n && !x->st.rc; i++) {
		plumb_trigger *tg = x->cat->triggers.items[i];
		if (str_is(tg->schema, schema) && str_is(tg->table, old)) {
			tg->schema = dup(x, nschema);
			tg->table = dup(x, nw);
			redo_texts(&r, &tg->sql, &tg->definition);
		}
	}
	r.quals = true;
	for (size_t i = 0; i < x->cat->views.n && !x->st.rc; i++) {
		plumb_view *v = x->cat->views.items[i];
		const char *dep = fmt(x, "%s.%s", schema, old);
		bool reads = v == self;
		for (size_t j = 0; dep && j < v->depends.n; j++)
			if (str_is(v->depends.items[j], dep)) {
				v->depends.items[j] = (void *)fmt(x, "%s.%s", nschema, nw);
				reads = true;
			}
		if (reads)
			redo_view(&r, v);
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		bool on = str_is(o->schema, schema) && str_is(o->table, old);
		if (o->kind == PLUMB_OBJ_RULE) {
			if (on) {
				o->schema = dup(x, nschema);
				o->table = dup(x, nw);
			}
			redo_texts(&r, &o->sql, &o->definition);
		} else if (o->kind == PLUMB_OBJ_POLICY) {
			/* on it, or reading it in a subquery */
			if (on) {
				o->schema = dup(x, nschema);
				o->table = dup(x, nw);
			}
			redo_texts(&r, &o->sql, &o->definition);
		} else if (comment_on_rel(o, schema, old)) {
			o->schema = dup(x, nschema);
			o->target = dup(x, nw);
			if (o->table)
				o->table = dup(x, nw);
			recomment(x, o);
		}
	}
	const char *was = fmt(x, "%s.%s", schema, old), *now = fmt(x, "%s.%s", nschema, nw);
	for (size_t i = 0; i < x->cat->tables.n && !x->st.rc; i++) {
		plumb_table *t = x->cat->tables.items[i];
		for (size_t j = 0; j < t->constraints.n; j++) {
			plumb_constraint *k = t->constraints.items[j];
			if (k->kind == PLUMB_CON_FOREIGN_KEY && str_is(k->ref_schema, schema) &&
			    str_is(k->ref_table, old)) {
				k->ref_schema = dup(x, nschema);
				k->ref_table = dup(x, nw);
			}
		}
		if (str_is(t->partition_of, was))
			t->partition_of = now;
		for (size_t j = 0; j < t->inherits.n; j++)
			if (str_is(t->inherits.items[j], was))
				t->inherits.items[j] = (void *)now;
	}
	redo_bodies(&r, NULL);
	grants_renamed(x, schema, old, NULL, nschema, nw, NULL);
	owners_renamed(x, schema, old, NULL, nschema, nw, NULL);
	plumb_catalog_changed(x->cat);
}

/* The sequences a table's columns own (OWNED BY), for SET SCHEMA. */
static void owned_sequences(ox *x, const plumb_table *t, plumb_vec *out)
{
	for (size_t i = 0; i < x->seqs.n && !x->st.rc; i++) {
		seqent *e = x->seqs.items[i];
		seqopts s;
		read_seqopts(e->cs->options, e->cs->n_options, 20, &s);
		PgQuery__Node *ob = s.owned_by;
		if (!ob || ob->node_case != PG_QUERY__NODE__NODE_LIST || ob->list->n_items < 2 ||
		    !plumb_catalog_find(x->cat, PLUMB_OBJ_SEQUENCE, e->o->schema, e->o->name))
			continue;
		const char *ts, *tn;
		split_names(ob->list->items, ob->list->n_items - 1, &ts, &tn);
		if (str_is(ts, t->schema) && str_is(tn, t->name) &&
		    plumb_vec_push(x->tmp, out, e->o) < 0)
			nomem(x);
	}
}

/* Table t renamed to nschema.nw: ALTER TABLE RENAME TO, SET SCHEMA. The
 * sequences of serial columns keep their names (and so are serial no
 * more unless SET SCHEMA took them along); owned sequences, indexes and
 * key constraints move with the table. */
static void move_table(ox *x, plumb_table *t, const char *nschema, const char *nw)
{
	const char *schema = t->schema, *old = t->name;
	for (size_t i = 0; i < t->columns.n && !x->st.rc; i++)
		unfold_serial(x, t, t->columns.items[i]);
	plumb_vec seqs = {0};
	bool moves = strcmp(schema, nschema) != 0;
	if (moves)
		owned_sequences(x, t, &seqs);
	for (size_t i = 0; moves && i < t->constraints.n && !x->st.rc; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (!k->name)
			continue;
		use_name(x, &x->connames, nschema, k->name);
		if (k->kind != PLUMB_CON_CHECK && k->kind != PLUMB_CON_FOREIGN_KEY) {
			forget_name(x, &x->relnames, schema, k->name);
			if (is_relation(x, nschema, k->name)) {
				error_at(x, x->loc, "relation \"%s\" already exists in schema \"%s\"",
					 k->name, nschema);
				return;
			}
		}
	}
	if (!moves)
		first_name(x, &t->renamed_from, old);
	t->schema = dup(x, nschema);
	t->name = dup(x, nw);
	for (size_t i = 0; moves && i < t->constraints.n && !x->st.rc; i++)
		use_key_name(x, t, t->constraints.items[i]);
	relation_moved(x, NULL, schema, old, nschema, nw);
	for (size_t i = 0; i < seqs.n && !x->st.rc; i++) {
		plumb_object *o = seqs.items[i];
		move_sequence(x, o, nschema, o->name);
	}
}

/* --- columns and constraints -------------------------------------------------------------- */

static void rename_list(ox *x, const char **v, size_t n, const char *old, const char *nw)
{
	for (size_t i = 0; i < n; i++)
		if (str_is(v[i], old))
			v[i] = dup(x, nw);
}

/* Whether t has partitions or children, or is one. */
static bool in_hierarchy(ox *x, const plumb_table *t)
{
	if (t->partition_by || t->partition_of || t->inherits.n)
		return true;
	const char *me = fmt(x, "%s.%s", t->schema, t->name);
	for (size_t i = 0; i < x->cat->tables.n; i++) {
		const plumb_table *c = x->cat->tables.items[i];
		for (size_t j = 0; j < c->inherits.n; j++)
			if (str_is(c->inherits.items[j], me))
				return true;
	}
	return false;
}

/* The names a view's query gives t (its alias, else its name); false when
 * the view reads t under column aliases, which a rename does not reach. */
static bool view_refs(ox *x, PgQuery__Node *s, const plumb_table *t, plumb_vec *out, bool *bare);

typedef struct refscan {
	ox *x;
	const plumb_table *t;
	plumb_vec *out;
	bool aliased;
	size_t n_from;  /* relations, subqueries, functions, joins, sublinks, WITH */
} refscan;

static void scan_ref(ProtobufCMessage *m, void *p)
{
	refscan *s = p;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__range_subselect__descriptor ||
	    d == &pg_query__range_function__descriptor || d == &pg_query__join_expr__descriptor ||
	    d == &pg_query__sub_link__descriptor || d == &pg_query__with_clause__descriptor ||
	    d == &pg_query__range_table_func__descriptor)
		s->n_from++;
	if (d != &pg_query__range_var__descriptor)
		return;
	s->n_from++;
	PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
	if (!str_is(rv->relname, s->t->name) || !str_is(sch(rv->schemaname), s->t->schema))
		return;
	if (rv->alias && rv->alias->n_colnames)
		s->aliased = true;
	const char *ref = rv->alias && !empty(rv->alias->aliasname) ? rv->alias->aliasname
								     : rv->relname;
	if (plumb_vec_push(s->x->tmp, s->out, (void *)ref) < 0)
		nomem(s->x);
}

static bool view_refs(ox *x, PgQuery__Node *s, const plumb_table *t, plumb_vec *out, bool *bare)
{
	refscan rs = {x, t, out, false, 0};
	plumb__pg_walk(&s->base, scan_ref, &rs);
	/* pg_get_viewdef leaves references bare in a query of one relation */
	*bare = rs.n_from == 2 && out->n == 1; /* the view's own name and t */
	return !rs.aliased;
}

/* A view reading column old of t made to read nw, its output name kept
 * (b AS a), as pg_get_viewdef prints it after the rename. */
static void view_column(ox *x, plumb_view *v, const plumb_table *t, const char *old,
			const char *nw)
{
	PgQuery__Node *s = parse1(x, v->definition);
	plumb_vec refs = {0};
	bool bare = false;
	if (!s)
		return;
	if (!view_refs(x, s, t, &refs, &bare)) {
		cannot(x, fmt(x, "view \"%s\" reads relation \"%s\" under column aliases", v->name,
			      t->name));
		return;
	}
	if (!refs.n)
		return;
	ren r = {.x = x, .kind = R_COL, .old = old, .nw = nw, .table = t->name,
		 .refs = (const char *const *)refs.items, .n_refs = refs.n, .bare = bare};
	bool changed = walk(&r, s);
	if (r.unsure) {
		cannot(x, fmt(x, "view \"%s\" reads column \"%s\" in a way it cannot place", v->name,
			      old));
		return;
	}
	if (!changed)
		return;
	v->definition = stmt_text(x, s);
	v->sql = deparse(x, s);
}

/* ALTER TABLE t RENAME COLUMN old TO nw. */
static void rename_column(ox *x, plumb_table *t, const char *old, const char *nw)
{
	const char *rel = shown(x, t->schema, t->name);
	plumb_column *col = find_column(t, old);
	if (!col) {
		error_at(x, x->loc, "column \"%s\" does not exist", old);
		return;
	}
	if (find_column(t, nw)) {
		error_at(x, x->loc, "column \"%s\" of relation \"%s\" already exists", nw, rel);
		return;
	}
	if (col->inherited) {
		error_at(x, x->loc, "cannot rename inherited column \"%s\"", old);
		return;
	}
	if (in_hierarchy(x, t)) {
		cannot(x, fmt(x, "a column of \"%s\", which has partitions, parents or children", rel));
		return;
	}
	/* rules, policies of other tables and function bodies that read t */
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		PgQuery__Node *body;
		bool on = str_is(o->schema, t->schema) && str_is(o->table, t->name);
		if (o->kind == PLUMB_OBJ_RULE && (on || reads_rel(x, o->definition, t->schema, t->name)))
			cannot(x, fmt(x, "rule \"%s\" reads relation \"%s\"", o->name, rel));
		else if (o->kind == PLUMB_OBJ_POLICY && !on &&
			 reads_rel(x, o->definition, t->schema, t->name))
			cannot(x, fmt(x, "policy \"%s\" reads relation \"%s\"", o->name, rel));
		else if (has_body(x, o, &body) && reads_rel(x, o->definition, t->schema, t->name))
			cannot(x, fmt(x, "the body of function %s reads relation \"%s\"", o->name, rel));
	}
	const char *me = fmt(x, "%s.%s", t->schema, t->name);
	for (size_t i = 0; i < x->cat->views.n && !x->st.rc; i++) {
		plumb_view *v = x->cat->views.items[i];
		for (size_t j = 0; me && j < v->depends.n; j++)
			if (str_is(v->depends.items[j], me)) {
				view_column(x, v, t, old, nw);
				break;
			}
	}
	if (x->st.rc)
		return;
	unfold_serial(x, t, col);
	first_name(x, &col->renamed_from, old);
	col->name = dup(x, nw);
	ren r = {.x = x, .kind = R_COL, .old = old, .nw = nw, .table = t->name};
	redo_table_exprs(&r, t);
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		rename_list(x, k->columns, k->n_columns, old, nw);
		rename_list(x, k->include, k->n_include, old, nw);
	}
	for (size_t i = 0; i < x->cat->tables.n; i++) {
		plumb_table *o = x->cat->tables.items[i];
		for (size_t j = 0; j < o->constraints.n; j++) {
			plumb_constraint *k = o->constraints.items[j];
			if (k->kind == PLUMB_CON_FOREIGN_KEY && str_is(k->ref_schema, t->schema) &&
			    str_is(k->ref_table, t->name))
				rename_list(x, k->ref_columns, k->n_ref_columns, old, nw);
		}
	}
	for (size_t i = x->cat->indexes.n; i-- > 0 && !x->st.rc;) {
		plumb_index *ix = x->cat->indexes.items[i];
		if (str_is(ix->schema, t->schema) && str_is(ix->table, t->name))
			redo_index(&r, ix, NULL);
	}
	r.trig = true;
	for (size_t i = 0; i < x->cat->triggers.n && !x->st.rc; i++) {
		plumb_trigger *tg = x->cat->triggers.items[i];
		if (str_is(tg->schema, t->schema) && str_is(tg->table, t->name))
			redo_texts(&r, &tg->sql, &tg->definition);
	}
	r.trig = false;
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (!str_is(o->schema, t->schema) || !str_is(o->table, t->name))
			continue;
		if (o->kind == PLUMB_OBJ_POLICY) {
			redo_texts(&r, &o->sql, &o->definition);
		} else if (o->kind == PLUMB_OBJ_COMMENT && str_is(o->column, old)) {
			o->column = dup(x, nw);
			recomment(x, o);
		}
	}
	grants_renamed(x, t->schema, t->name, old, t->schema, t->name, nw);
	owners_renamed(x, t->schema, t->name, old, t->schema, t->name, nw);
	plumb_catalog_changed(x->cat);
}

static bool is_key(const plumb_constraint *k)
{
	return k->kind == PLUMB_CON_PRIMARY_KEY || k->kind == PLUMB_CON_UNIQUE ||
	       k->kind == PLUMB_CON_EXCLUDE;
}

/* Constraint k of t renamed nw (a key's index with it). */
static void constraint_renamed(ox *x, plumb_table *t, plumb_constraint *k, const char *nw)
{
	const char *old = k->name;
	for (size_t i = 0; i < t->constraints.n; i++) {
		const plumb_constraint *o = t->constraints.items[i];
		if (o != k && str_is(o->name, nw)) {
			error_at(x, x->loc, "constraint \"%s\" for relation \"%s\" already exists", nw,
				 shown(x, t->schema, t->name));
			return;
		}
	}
	if (is_key(k)) {
		if (is_relation(x, t->schema, nw)) {
			error_at(x, x->loc, "relation \"%s\" already exists", nw);
			return;
		}
		forget_name(x, &x->relnames, t->schema, old);
	}
	first_name(x, &k->renamed_from, old);
	k->name = dup(x, nw);
	use_name(x, &x->connames, t->schema, nw);
	use_key_name(x, t, k);
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_COMMENT && str_is(o->schema, t->schema) &&
		    str_is(o->table, t->name) && o->target_kind == PLUMB_OBJ_TABLE && !o->column &&
		    str_is(o->part, old)) {
			o->part = dup(x, nw);
			recomment(x, o);
		}
	}
	plumb_catalog_changed(x->cat);
}

static plumb_constraint *constraint_named(plumb_table *t, const char *name)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (str_is(k->name, name))
			return k;
	}
	return NULL;
}

/* --- relations ---------------------------------------------------------------------------- */

/* The serial column whose sequence is schema.name (not yet a sequence of
 * its own), written out so that the sequence can change. */
static plumb_object *serial_sequence(ox *x, const char *schema, const char *name)
{
	for (size_t i = 0; i < x->cat->tables.n; i++) {
		plumb_table *t = x->cat->tables.items[i];
		if (!str_is(t->schema, schema))
			continue;
		for (size_t j = 0; j < t->columns.n; j++) {
			plumb_column *c = t->columns.items[j];
			if (plumb__pg_is_serial(c->type) &&
			    str_is(make_object_name(x, t->name, c->name, "seq"), name)) {
				unfold_serial(x, t, c);
				return find_object(x, PLUMB_OBJ_SEQUENCE, schema, name);
			}
		}
	}
	return NULL;
}

/* An index renamed: its own, or a key constraint's (the constraint with it). */
static void rename_index(ox *x, const char *schema, const char *old, const char *nw)
{
	plumb_index *ix = plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, old);
	if (ix) {
		ren r = {.x = x, .kind = R_REL, .schema = "", .old = "", .nschema = "", .nw = ""};
		forget_name(x, &x->relnames, schema, old);
		first_name(x, &ix->renamed_from, old);
		redo_index(&r, ix, nw);
		for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
			plumb_object *o = x->cat->objects.items[i];
			if (comment_on_rel(o, schema, old) && o->target_kind == PLUMB_OBJ_INDEX) {
				o->target = dup(x, nw);
				recomment(x, o);
			}
		}
		plumb_catalog_changed(x->cat);
		return;
	}
	plumb_table *t = key_table(x, schema, old);
	plumb_constraint *k = t ? constraint_named(t, old) : NULL;
	if (k)
		constraint_renamed(x, t, k, nw);
}

/* ALTER TABLE/VIEW/INDEX/SEQUENCE ... RENAME TO, whatever relation it is
 * (the server lets ALTER TABLE rename any). */
static void rename_relation(ox *x, PgQuery__RenameStmt *rs)
{
	PgQuery__RangeVar *rv = rs->relation;
	const char *schema = sch(rv->schemaname), *old = rv->relname, *nw = rs->newname;
	if (!is_relation(x, schema, old)) {
		if (!rs->missing_ok)
			error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
				 shown(x, schema, old));
		return;
	}
	if (is_relation(x, schema, nw)) {
		error_at(x, x->loc, "relation \"%s\" already exists", nw);
		return;
	}
	plumb_table *t = find_table(x, schema, old);
	plumb_view *v = t ? NULL : find_view(x, schema, old);
	plumb_object *seq = t || v ? NULL : find_object(x, PLUMB_OBJ_SEQUENCE, schema, old);
	if (t) {
		move_table(x, t, schema, nw);
	} else if (v) {
		v->name = dup(x, nw);
		relation_moved(x, v, schema, old, schema, nw);
	} else if (seq || (seq = serial_sequence(x, schema, old)) != NULL) {
		move_sequence(x, seq, schema, nw);
	} else if (plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, old) ||
		   key_table(x, schema, old)) {
		rename_index(x, schema, old, nw);
	} else {
		cannot(x, fmt(x, "relation \"%s\" is not one it models", shown(x, schema, old)));
	}
}

/* --- types, functions, triggers, policies, schemas ---------------------------------------- */

static plumb_object *type_object(ox *x, const char *schema, const char *name)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_DOMAIN, PLUMB_OBJ_TYPE};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		plumb_object *o = find_object(x, kinds[i], schema, name);
		if (o)
			return o;
	}
	return NULL;
}

/* Whether a function's signature or body names what r renames: its name
 * would change, which offline replay does not follow. */
static const plumb_object *function_naming(ren *r)
{
	ox *x = r->x;
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_FUNCTION)
			continue;
		PgQuery__Node *s = parse1(x, o->sql);
		if (s && walk(r, s))
			return o;
	}
	return NULL;
}

/* Type o (enum, domain, composite) moved to nschema.nw, and every column
 * type, default, check, index, view and domain naming it. */
static void move_type(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	ren r = {.x = x, .kind = R_TYPE, .schema = o->schema, .old = o->name,
		 .nschema = nschema, .nw = nw};
	const plumb_object *f = function_naming(&r);
	if (f) {
		cannot(x, fmt(x, "function %s names type \"%s\"", f->name, o->name));
		return;
	}
	if (type_object(x, nschema, nw) || is_relation(x, nschema, nw)) {
		error_at(x, x->loc, "type \"%s\" already exists", nw);
		return;
	}
	for (size_t i = 0; i < x->cat->tables.n && !x->st.rc; i++) {
		plumb_table *t = x->cat->tables.items[i];
		for (size_t j = 0; j < t->columns.n; j++) {
			plumb_column *c = t->columns.items[j];
			c->type = re_type(&r, c->type);
		}
	}
	redo_all(&r);
	if (o->kind == PLUMB_OBJ_TYPE) {
		forget_name(x, &x->relnames, o->schema, o->name);
		use_name(x, &x->relnames, nschema, nw);
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind == PLUMB_OBJ_COMMENT && str_is(c->schema, o->schema) &&
		    str_is(c->target, o->name) &&
		    (c->target_kind == PLUMB_OBJ_TYPE || c->target_kind == PLUMB_OBJ_DOMAIN)) {
			c->schema = dup(x, nschema);
			c->target = dup(x, nw);
			recomment(x, c);
		}
	}
	if (str_is(o->schema, nschema))
		first_name(x, &o->renamed_from, o->name);
	o->schema = dup(x, nschema);
	o->name = dup(x, nw);
	if (o->kind == PLUMB_OBJ_ENUM)
		enum_texts(x, o);
	plumb_catalog_changed(x->cat);
}

/* Function o renamed or moved: its name, its statement, the triggers and
 * expressions that call it. */
static void move_function(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	const char *args = strchr(o->name, '(');
	size_t n = args ? (size_t)(args - o->name) : strlen(o->name);
	const char *old = plumb_arena_strndup(x->tmp, o->name, n);
	const char *name = fmt(x, "%s%s", nw, args ? args : "()");
	if (!old || !name)
		return;
	if (o->func_kind == PLUMB_FUNC_AGGREGATE) {
		cannot(x, fmt(x, "aggregate %s", o->name));
		return;
	}
	if (find_object(x, PLUMB_OBJ_FUNCTION, nschema, name)) {
		error_at(x, x->loc, "function %s already exists in schema \"%s\"", name, nschema);
		return;
	}
	ren r = {.x = x, .kind = R_FUNC, .schema = o->schema, .old = old, .nschema = nschema,
		 .nw = nw};
	size_t same = 0;
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *f = x->cat->objects.items[i];
		same += f->kind == PLUMB_OBJ_FUNCTION && str_is(f->schema, o->schema) &&
			strncmp(f->name, old, n) == 0 && f->name[n] == '(';
	}
	if (same > 1) {
		cannot(x, fmt(x, "function \"%s\" has overloads, which calls do not tell apart", old));
		return;
	}
	const char *fn = fmt(x, "%s.%s", o->schema, old);
	for (size_t i = 0; i < x->cat->triggers.n; i++) {
		plumb_trigger *tg = x->cat->triggers.items[i];
		for (size_t j = 0; j < tg->depends.n; j++)
			if (str_is(tg->depends.items[j], fn))
				tg->depends.items[j] = (void *)fmt(x, "%s.%s", nschema, nw);
	}
	redo_all(&r);
	redo_bodies(&r, o);
	redo_texts(&r, &o->sql, &o->definition);
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind == PLUMB_OBJ_COMMENT && c->target_kind == PLUMB_OBJ_FUNCTION &&
		    str_is(c->schema, o->schema) && str_is(c->target, o->name)) {
			bool proc = strncmp(c->name, "PROCEDURE ", 10) == 0;
			c->schema = dup(x, nschema);
			c->target = name;
			plumb_pg_comment_on on = {c->target_kind, c->target, c->table, NULL, NULL,
						  c->definition};
			c->name = fmt(x, "%s %s.%s%s", proc ? "PROCEDURE" : "FUNCTION", qi(x, nschema),
				      qi(x, nw), args ? args : "()");
			if (c->name)
				fail(x, plumb__pg_comment_define(x->st.ctx, x->st.arena, c, &on));
		}
	}
	if (str_is(o->schema, nschema))
		first_name(x, &o->renamed_from, o->name);
	o->schema = dup(x, nschema);
	o->name = name;
	plumb_catalog_changed(x->cat);
}

static plumb_trigger *trigger_on(ox *x, const char *schema, const char *table, const char *name)
{
	for (size_t i = 0; i < x->cat->triggers.n; i++) {
		plumb_trigger *tg = x->cat->triggers.items[i];
		if (str_is(tg->schema, schema) && str_is(tg->table, table) && str_is(tg->name, name))
			return tg;
	}
	return NULL;
}

static void rename_trigger(ox *x, PgQuery__RenameStmt *rs)
{
	const char *schema = sch(rs->relation->schemaname), *table = rs->relation->relname;
	if (!table_or_view(x, rs->relation, true))
		return;
	plumb_trigger *tg = trigger_on(x, schema, table, rs->subname);
	if (!tg) {
		error_at(x, x->loc, "trigger \"%s\" for table \"%s\" does not exist", rs->subname,
			 shown(x, schema, table));
		return;
	}
	if (trigger_on(x, schema, table, rs->newname)) {
		error_at(x, x->loc, "trigger \"%s\" for relation \"%s\" already exists", rs->newname,
			 shown(x, schema, table));
		return;
	}
	const char *texts[2] = {tg->sql, tg->definition};
	for (size_t i = 0; i < 2; i++) {
		PgQuery__Node *s = parse1(x, texts[i]);
		if (!s || s->node_case != PG_QUERY__NODE__NODE_CREATE_TRIG_STMT)
			return;
		s->create_trig_stmt->trigname = rs->newname;
		texts[i] = i ? stmt_text(x, s) : deparse(x, s);
	}
	tg->sql = texts[0];
	tg->definition = texts[1];
	tg->name = dup(x, rs->newname);
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_COMMENT && o->target_kind == PLUMB_OBJ_TRIGGER &&
		    str_is(o->schema, schema) && str_is(o->table, table) && str_is(o->part, rs->subname)) {
			o->part = tg->name;
			recomment(x, o);
		}
	}
	plumb_catalog_changed(x->cat);
}

static plumb_object *policy_on(ox *x, const char *schema, const char *table, const char *name)
{
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_POLICY && str_is(o->schema, schema) &&
		    str_is(o->table, table) && str_is(o->name, name))
			return o;
	}
	return NULL;
}

static void rename_policy(ox *x, PgQuery__RenameStmt *rs)
{
	const char *schema = sch(rs->relation->schemaname), *table = rs->relation->relname;
	if (!table_or_view(x, rs->relation, false))
		return;
	plumb_object *p = policy_on(x, schema, table, rs->subname);
	if (!p) {
		error_at(x, x->loc, "policy \"%s\" for table \"%s\" does not exist", rs->subname,
			 shown(x, schema, table));
		return;
	}
	if (policy_on(x, schema, table, rs->newname)) {
		error_at(x, x->loc, "policy \"%s\" for table \"%s\" already exists", rs->newname,
			 shown(x, schema, table));
		return;
	}
	const char *texts[2] = {p->sql, p->definition};
	for (size_t i = 0; i < 2; i++) {
		PgQuery__Node *s = parse1(x, texts[i]);
		if (!s || s->node_case != PG_QUERY__NODE__NODE_CREATE_POLICY_STMT)
			return;
		s->create_policy_stmt->policy_name = rs->newname;
		texts[i] = i ? stmt_text(x, s) : deparse(x, s);
	}
	p->sql = texts[0];
	p->definition = texts[1];
	first_name(x, &p->renamed_from, p->name);
	p->name = dup(x, rs->newname);
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_COMMENT && o->target_kind == PLUMB_OBJ_POLICY &&
		    str_is(o->schema, schema) && str_is(o->table, table) && str_is(o->part, rs->subname)) {
			o->part = p->name;
			recomment(x, o);
		}
	}
	plumb_catalog_changed(x->cat);
}

/* Whether anything the files created lives in schema s. */
static bool schema_holds(ox *x, const char *s)
{
	const plumb_vec *vs[] = {&x->cat->tables, &x->cat->views};
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < vs[k]->n; i++) {
			const plumb_table *t = vs[k]->items[i]; /* schema is the first field of both */
			if (str_is(t->schema, s))
				return true;
		}
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_SCHEMA && o->kind != PLUMB_OBJ_COMMENT && str_is(o->schema, s))
			return true;
	}
	return false;
}

static void rename_schema(ox *x, PgQuery__RenameStmt *rs)
{
	const char *old = rs->subname, *nw = rs->newname;
	plumb_object *o = find_object(x, PLUMB_OBJ_SCHEMA, NULL, old);
	if (!o) {
		error_at(x, x->loc, "schema \"%s\" does not exist", old);
		return;
	}
	if (strcmp(nw, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, nw)) {
		error_at(x, x->loc, "schema \"%s\" already exists", nw);
		return;
	}
	if (schema_holds(x, old)) {
		cannot(x, fmt(x, "schema \"%s\" holds objects, which would move with it", old));
		return;
	}
	first_name(x, &o->renamed_from, o->name);
	o->name = dup(x, nw);
	fail(x, plumb__pg_schema_define(x->st.ctx, x->st.arena, o));
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind == PLUMB_OBJ_COMMENT && c->target_kind == PLUMB_OBJ_SCHEMA &&
		    str_is(c->target, old)) {
			c->target = o->name;
			recomment(x, c);
		}
	}
	plumb_catalog_changed(x->cat);
}

/* A type's or domain's schema and name from a RenameStmt's or
 * AlterObjectSchemaStmt's object (a list of names or a TypeName). */
static bool object_names(PgQuery__Node *obj, const char **schema, const char **name)
{
	if (obj && obj->node_case == PG_QUERY__NODE__NODE_LIST)
		split_names(obj->list->items, obj->list->n_items, schema, name);
	else if (obj && obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		split_names(obj->type_name->names, obj->type_name->n_names, schema, name);
	else
		return false;
	return true;
}

static plumb_object *type_named(ox *x, PgQuery__Node *obj, bool missing_ok)
{
	const char *schema, *name;
	if (!object_names(obj, &schema, &name))
		return NULL;
	plumb_object *o = type_object(x, schema, name);
	if (!o && !missing_ok)
		error_at(x, x->loc, "type \"%s\" does not exist", shown(x, schema, name));
	return o;
}

/* --- the statements --------------------------------------------------------------------- */

void alter_rename(ox *x, PgQuery__RenameStmt *rs, size_t loc)
{
	(void)loc;
	if (empty(rs->newname))
		return;
	switch (rs->rename_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		rename_relation(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
		plumb_table *t = rv_table(x, rs->relation);
		const char *schema = sch(rs->relation->schemaname);
		if (!t) {
			if (find_view(x, schema, rs->relation->relname))
				cannot(x, "a column of a view");
			else if (!rs->missing_ok)
				error_at(x, at(x, rs->relation->location), "relation \"%s\" does not exist",
					 shown(x, schema, rs->relation->relname));
			return;
		}
		if (rs->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN) {
			rename_column(x, t, rs->subname, rs->newname);
			return;
		}
		plumb_constraint *k = constraint_named(t, rs->subname);
		if (!k)
			error_at(x, x->loc, "constraint \"%s\" for table \"%s\" does not exist",
				 rs->subname, shown(x, t->schema, t->name));
		else
			constraint_renamed(x, t, k, rs->newname);
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		plumb_object *o = type_named(x, rs->object, rs->missing_ok);
		if (o)
			move_type(x, o, o->schema, rs->newname);
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
		if (!rs->object || rs->object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return;
		plumb_object *o = function_of(x, rs->object->object_with_args, x->loc);
		if (o)
			move_function(x, o, o->schema, rs->newname);
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
		rename_trigger(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
		rename_policy(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		rename_schema(x, rs);
		break;
	default:
		cannot(x, "this kind of object");
		break;
	}
}

void alter_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as, size_t loc)
{
	(void)loc;
	const char *ns = as->newschema;
	if (empty(ns))
		return;
	if (strcmp(ns, "public") != 0 && !find_object(x, PLUMB_OBJ_SCHEMA, NULL, ns)) {
		error_at(x, x->loc, "schema \"%s\" does not exist", ns);
		return;
	}
	switch (as->object_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: {
		PgQuery__RangeVar *rv = as->relation;
		const char *schema = sch(rv->schemaname), *name = rv->relname;
		plumb_table *t = find_table(x, schema, name);
		plumb_view *v = t ? NULL : find_view(x, schema, name);
		plumb_object *seq = t || v ? NULL : find_object(x, PLUMB_OBJ_SEQUENCE, schema, name);
		if (!t && !v && !seq) {
			if (!as->missing_ok)
				error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
					 shown(x, schema, name));
			return;
		}
		if (strcmp(schema, ns) == 0)
			return;
		if (is_relation(x, ns, name)) {
			error_at(x, x->loc, "relation \"%s\" already exists in schema \"%s\"", name, ns);
			return;
		}
		if (t) {
			move_table(x, t, ns, name);
		} else if (v) {
			v->schema = dup(x, ns);
			relation_moved(x, v, schema, name, ns, name);
		} else {
			move_sequence(x, seq, ns, name);
		}
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		plumb_object *o = type_named(x, as->object, as->missing_ok);
		if (o && strcmp(o->schema, ns) != 0)
			move_type(x, o, ns, o->name);
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
		if (!as->object || as->object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return;
		plumb_object *o = function_of(x, as->object->object_with_args, x->loc);
		if (o && strcmp(o->schema, ns) != 0) {
			const char *args = strchr(o->name, '(');
			const char *name = plumb_arena_strndup(
				x->tmp, o->name, args ? (size_t)(args - o->name) : strlen(o->name));
			if (name)
				move_function(x, o, ns, name);
		}
		break;
	}
	default:
		cannot(x, "SET SCHEMA of this kind of object");
		break;
	}
}

void enum_value_renamed(ox *x, plumb_object *e, const char *old, const char *nw)
{
	ren r = {.x = x, .kind = R_VALUE, .schema = e->schema, .table = e->name, .old = old,
		 .nw = nw};
	r.etype = canon_type(x, fmt(x, "%s.%s", qi(x, e->schema), qi(x, e->name)));
	/* the label's first name, as an annotation pairs them (old, new) */
	plumb_object *o = e;
	bool chained = false;
	for (size_t i = 1; i < o->renamed_values.n; i += 2)
		if (str_is(o->renamed_values.items[i], old)) {
			o->renamed_values.items[i] = (void *)dup(x, nw);
			chained = true;
		}
	if (!chained) {
		push(x, &o->renamed_values, (void *)dup(x, old));
		push(x, &o->renamed_values, (void *)dup(x, nw));
	}
	if (r.etype)
		redo_all(&r);
}
