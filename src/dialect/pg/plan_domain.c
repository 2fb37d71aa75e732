/*
 * The planner's statements for a domain that changes. What ALTER DOMAIN can
 * change is changed in place, as migra and pg-schema-diff do: DEFAULT, NOT
 * NULL, and CHECK constraints dropped, added (NOT VALID, then VALIDATE,
 * online) or renamed; the columns and functions of the domain stay. A new
 * base type or collation has no ALTER DOMAIN: the domain is rebuilt (its
 * columns moved to the old base type, the domains over it and the functions
 * of its signature set aside, the domain dropped and created again, and all
 * of them brought back, the columns' values cast to the new type or, with no
 * cast between the types, lost). It does not order the changes (plan_order.c)
 * nor drop the views that hold what a rebuild moves (plan_view.c's
 * mark_touched, through plumb__pgp_domain_rebuilt).
 */
#include <string.h>

#include "dialect/pg/hazard.h"
#include "dialect/pg/plan_int.h"

/* A CREATE DOMAIN statement, taken apart. */
typedef struct dom {
	const char *base;	   /* the base type, format_type spelling */
	const char *coll;	   /* COLLATE name as written, or NULL */
	PgQuery__Node *def;	   /* the DEFAULT expression, or NULL */
	const char *def_text;	   /* ... its canonical text */
	bool not_null;
	plumb_vec checks;	   /* PgQuery__Constraint *: named CHECKs */
	plumb_vec check_texts;	   /* char *: their expressions' canonical texts */
} dom;

/* Reads domain o's statement into *d; false when it does not read as one
 * (p->st.rc is set only when out of memory). */
static bool read_dom(planner *p, const plumb_object *o, dom *d)
{
	PgQuery__ParseResult *pr = NULL;
	const char *sql = plumb__pgp_obj_sql(o);
	memset(d, 0, sizeof(*d));
	int rc = sql ? plumb__pg_parse(p->ctx, p->tmp, sql, NULL, &pr, NULL) : PLUMB_EPARSE;
	if (rc == PLUMB_ENOMEM)
		plumb__pgp_nomem(p);
	else if (rc && sql)
		plumb_error_clear(p->ctx); /* not a domain's text: the caller falls back */
	if (rc)
		return false;
	if (pr->n_stmts != 1 ||
	    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT)
		return false;
	PgQuery__CreateDomainStmt *ds = pr->stmts[0]->stmt->create_domain_stmt;
	char *text = NULL;
	if (!ds->type_name || plumb__pg_type_text(p->ctx, p->tmp, ds->type_name, &text) < 0) {
		plumb__pgp_nomem(p);
		return false;
	}
	d->base = text;
	if (ds->coll_clause && ds->coll_clause->n_collname) {
		plumb_buf b;
		plumb_buf_init(&b, p->tmp, 0);
		for (size_t i = 0; i < ds->coll_clause->n_collname; i++) {
			const char *s = plumb__pg_strval(ds->coll_clause->collname[i]);
			plumb_buf_printf(&b, "%s%s", i ? "." : "", s ? s : "");
		}
		d->coll = plumb_buf_str(&b);
	}
	for (size_t i = 0; i < ds->n_constraints; i++) {
		const PgQuery__Node *n = ds->constraints[i];
		if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		PgQuery__Constraint *k = n->constraint;
		switch (k->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
			d->def = k->raw_expr;
			if (plumb__pg_expr_text(p->ctx, p->tmp, k->raw_expr, &text) < 0) {
				plumb__pgp_nomem(p);
				return false;
			}
			d->def_text = text;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
			d->not_null = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
			if (!k->conname || !*k->conname || !k->raw_expr)
				return false;
			if (plumb__pg_expr_text(p->ctx, p->tmp, k->raw_expr, &text) < 0 ||
			    plumb_vec_push(p->tmp, &d->checks, k) ||
			    plumb_vec_push(p->tmp, &d->check_texts, text)) {
				plumb__pgp_nomem(p);
				return false;
			}
			break;
		default:
			break;
		}
	}
	return true;
}

/* The index of the CHECK named name in d, or -1. */
static int check_named(const dom *d, const char *name)
{
	for (size_t i = 0; i < d->checks.n; i++)
		if (plumb__pgp_str_eq(((PgQuery__Constraint *)d->checks.items[i])->conname, name))
			return (int)i;
	return -1;
}

/* Does the domain change c (an ALTER) need a rebuild: a new base type or
 * collation, which no ALTER DOMAIN changes? */
bool plumb__pgp_domain_rebuilt(planner *p, const plumb_change *c)
{
	dom f, t;
	if (c->kind != PLUMB_OBJ_DOMAIN || c->op != PLUMB_CHANGE_ALTER)
		return false;
	if (!read_dom(p, c->from, &f) || !read_dom(p, c->to, &t))
		return true; /* not understood: as before, dropped and created */
	return !plumb__pgp_str_eq(f.base, t.base) || !plumb__pgp_str_eq(f.coll, t.coll);
}

static const char *expr_source(planner *p, PgQuery__Node *expr)
{
	char *s = NULL;
	if (plumb__pg_expr_source(p->ctx, p->tmp, expr, &s) < 0) {
		plumb__pgp_nomem(p);
		return "";
	}
	return s;
}

/* ADD CONSTRAINT of check k. ADD scans every column of the domain under
 * SHARE locks on their tables (the classifier names it); --online adds it
 * NOT VALID and validates it next (online.c). */
static void add_check(planner *p, const char *D, const PgQuery__Constraint *k)
{
	plumb__pgp_emit(p, "ALTER DOMAIN %s ADD CONSTRAINT %s CHECK (%s)", D,
			plumb__pgp_I(p, k->conname), expr_source(p, k->raw_expr));
}

/* ALTER DOMAIN for what differs between f and t (same base type). */
static void alter_in_place(planner *p, const plumb_object *o, const dom *f, const dom *t)
{
	const char *D = plumb__pgp_Q(p, o->schema, o->name);
	bool *renamed_to = plumb_arena_alloc(p->tmp, t->checks.n + 1);
	if (!renamed_to) {
		plumb__pgp_nomem(p);
		return;
	}
	/* checks that go, change or only change their name */
	for (size_t i = 0; i < f->checks.n; i++) {
		const PgQuery__Constraint *k = f->checks.items[i];
		int j = check_named(t, k->conname);
		if (j >= 0 && plumb__pgp_str_eq(f->check_texts.items[i], t->check_texts.items[j]))
			continue;
		int r = -1;
		for (size_t m = 0; j < 0 && r < 0 && m < t->checks.n; m++) {
			const PgQuery__Constraint *n = t->checks.items[m];
			if (!renamed_to[m] && check_named(f, n->conname) < 0 &&
			    plumb__pgp_str_eq(f->check_texts.items[i], t->check_texts.items[m]))
				r = (int)m;
		}
		if (r >= 0) {
			renamed_to[r] = true;
			plumb__pgp_emit(
				p, "ALTER DOMAIN %s RENAME CONSTRAINT %s TO %s", D,
				plumb__pgp_I(p, k->conname),
				plumb__pgp_I(p, ((PgQuery__Constraint *)t->checks.items[r])->conname));
			continue;
		}
		plumb__pgp_emit(p, "ALTER DOMAIN %s DROP CONSTRAINT %s", D,
				plumb__pgp_I(p, k->conname));
		/* its comment goes with it */
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "domain constraint", o->schema,
							    plumb__pgp_fmt(p, "%s.%s", o->name,
									   k->conname)));
	}
	if (f->not_null && !t->not_null)
		plumb__pgp_emit(p, "ALTER DOMAIN %s DROP NOT NULL", D);
	if (!plumb__pgp_str_eq(f->def_text, t->def_text)) {
		if (t->def)
			plumb__pgp_emit(p, "ALTER DOMAIN %s SET DEFAULT %s", D,
					expr_source(p, t->def));
		else
			plumb__pgp_emit(p, "ALTER DOMAIN %s DROP DEFAULT", D);
	}
	/* checks that come or change */
	for (size_t j = 0; j < t->checks.n; j++) {
		const PgQuery__Constraint *k = t->checks.items[j];
		int i = check_named(f, k->conname);
		if (renamed_to[j] ||
		    (i >= 0 && plumb__pgp_str_eq(f->check_texts.items[i], t->check_texts.items[j])))
			continue;
		add_check(p, D, k);
	}
	if (!f->not_null && t->not_null)
		plumb__pgp_emit(p, "ALTER DOMAIN %s SET NOT NULL", D);
}

/* --- the rebuild --------------------------------------------------------- */

/* What a type named by text is in cat: 'c' composite (a table's, a view's or
 * a composite type's row), 'e' an enum, 0 anything else. */
static char type_class(planner *p, const plumb_catalog *cat, const char *text)
{
	const plumb_object *o = plumb__pgp_find_type_object(p, cat, text);
	if (o && o->kind == PLUMB_OBJ_TYPE) {
		/* a composite type, not a range */
		PgQuery__ParseResult *pr = NULL;
		const char *sql = plumb__pgp_obj_sql(o);
		int rc = sql ? plumb__pg_parse(p->ctx, p->tmp, sql, NULL, &pr, NULL) : PLUMB_EPARSE;
		if (rc == PLUMB_ENOMEM)
			plumb__pgp_nomem(p);
		else if (rc && sql)
			plumb_error_clear(p->ctx);
		return !rc && pr->n_stmts == 1 &&
				       pr->stmts[0]->stmt->node_case ==
					       PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT
			       ? 'c'
			       : 0;
	}
	if (o)
		return o->kind == PLUMB_OBJ_ENUM ? 'e' : 0;
	for (size_t i = 0; i < cat->tables.n; i++) {
		const plumb_table *t = cat->tables.items[i];
		if (plumb__pg_type_names(text, t->schema, t->name))
			return 'c';
	}
	for (size_t i = 0; i < cat->views.n; i++) {
		const plumb_view *v = cat->views.items[i];
		if (plumb__pg_type_names(text, v->schema, v->name))
			return 'c';
	}
	return 0;
}

static void rebuild(planner *p, const plumb_change *c, const dom *fd, const dom *td)
{
	const plumb_object *f = c->from, *t = c->to;
	const char *dname = plumb__pgp_dn(p, t->schema, t->name);
	plumb_vec nested = {0}, uses = {0}, fns = {0};
	plumb_pgp_later back = {0};	/* columns to the domain again */
	plumb_vec back_col = {0};	/* ... the name of each */
	plumb_pgp_later defaults = {0}; /* their defaults set again */
	plumb_pgp_later fn_back = {0};	/* the functions created again */
	const char *what = plumb__pgp_fmt(p, "domain \"%s\"", dname);
	char fc = type_class(p, p->from, fd->base), tc = type_class(p, p->to, td->base);
	bool lost = fc == 'c' && tc == 'c' && !plumb__pgp_str_eq(fd->base, td->base);
	bool via_text = !lost && (fc == 'e' || tc == 'e');
	bool rewrite = true, narrows = true;
	plumb_stmt *s;

	if (!fc && !tc)
		plumb__pg_type_change(fd->base, td->base, &rewrite, &narrows);
	plumb__pgp_type_users(p, f, &nested, &fns);
	if (plumb__pg_enum_uses(p->tmp, p->from, f->schema, f->name, &nested, &uses) < 0) {
		plumb__pgp_nomem(p);
		return;
	}
	/* 1. the columns leave the domain for its old base type */
	for (size_t u = 0; u < uses.n; u++) {
		const plumb_pg_enum_use *use = uses.items[u];
		const plumb_table *tb = use->table;
		const plumb_change *tch = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema,
								 tb->name, true);
		if (tch && tch->op == PLUMB_CHANGE_DROP)
			continue;
		const char *T = plumb__pgp_Q(p, tb->schema, tb->name);
		const char *tn = plumb__pgp_dn(p, tb->schema, tb->name);
		const char *what = plumb__pgp_fmt(p, "table \"%s\"", tn);
		for (size_t j = 0; j < use->columns.n; j++) {
			const plumb_column *col = use->columns.items[j];
			if (col->inherited && (tb->partition_of || tb->inherits.n))
				continue; /* its parent's ALTER COLUMN recurses */
			const char *C = plumb__pgp_I(p, col->name);
			const char *arr = strchr(col->type, '[');
			const plumb_column *tcol = plumb__pgp_to_column_of(p, tb, col);
			if (col->default_sql) {
				s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT",
						    T, C);
				plumb__pgp_ae(p, s, what);
				if (tcol && plumb__pgp_str_eq(tcol->default_sql, col->default_sql))
					plumb__pgp_later(
						p, &defaults, tn,
						plumb__pgp_fmt(p,
							       "ALTER TABLE %s ALTER COLUMN %s SET "
							       "DEFAULT %s",
							       T, C, plumb__pgp_default_sql(tcol)));
			}
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s", T, C,
					    fd->base, arr ? arr : "");
			plumb__pgp_note(p, s,
					plumb__pgp_fmt(p,
						       "domain \"%s\" changes its base type: the "
						       "column holds the old one meanwhile",
						       dname));
			plumb__pgp_ae(p, s, what);
			if (!tcol || !plumb__pgp_str_eq(tcol->type, col->type))
				continue; /* its table's change types it anew */
			const char *using = lost	 ? plumb__pgp_fmt(p, "NULL::%s", col->type)
					    : via_text ? plumb__pgp_fmt(p, "%s::text%s::%s", C,
									arr ? arr : "", col->type)
						       : plumb__pgp_fmt(p, "%s::%s", C, col->type);
			plumb__pgp_later(
				p, &back, tn,
				plumb__pgp_fmt(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s",
					       T, C, col->type, using));
			if (plumb_vec_push(p->tmp, &back_col, (void *)col->name))
				plumb__pgp_nomem(p);
		}
		plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, tb->schema, tb->name));
	}
	/* 2. the functions of its signature (or of a domain over it): the
	 *    schema's own come back; one the diff changes or drops is its
	 *    change's to create or not. 3. the domains over it, then the
	 *    domain itself */
	plumb__pgp_functions_aside(p, &fns, what, &fn_back);
	plumb__pgp_domains_aside(p, &nested, what);
	s = plumb__pgp_emit(p, "DROP DOMAIN %s", plumb__pgp_Q(p, t->schema, t->name));
	plumb__pgp_note(
		p, s,
		plumb__pgp_str_eq(fd->base, td->base)
			? "no ALTER DOMAIN changes the collation: drop the domain and create it again"
			: plumb__pgp_fmt(p,
					 "no ALTER DOMAIN changes the base type (%s to %s): drop the "
					 "domain and create it again",
					 fd->base, td->base));
	plumb__pgp_create_object(p, t);
	plumb__pgp_domains_back(p, &nested);
	/* 4. the columns come back, with their defaults, and the functions */
	for (size_t i = 0; i < back.sqls.n && i < back_col.n; i++) {
		const char *tn = back.ons.items[i], *cn = back_col.items[i];
		s = plumb__pgp_emit(p, "%s", (const char *)back.sqls.items[i]);
		plumb__pgp_ae_of(p, s, "table", tn);
		plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
			      "rewrites table \"%s\" to give column \"%s\" the type of domain "
			      "\"%s\" again",
			      tn, cn, dname);
		if (lost)
			plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA,
				      "no cast turns %s into %s: column \"%s\".\"%s\" loses its "
				      "values (set to NULL)",
				      fd->base, td->base, tn, cn);
		else if (narrows)
			plumb__pgp_hz(p, s, PLUMB_HAZARD_NARROWS_TYPE,
				      "domain \"%s\" goes from %s to %s: values of \"%s\".\"%s\" "
				      "may not fit or may change",
				      dname, fd->base, td->base, tn, cn);
	}
	plumb__pgp_later_emit(p, &defaults);
	plumb__pgp_later_emit(p, &fn_back);
	plumb__pgp_set_add(p, &p->recreated,
			   plumb__pgp_recreated_key(p, "domain", t->schema, t->name));
}

/* A domain that changes (c an ALTER): renamed, then altered in place or
 * rebuilt. */
void plumb__pgp_alter_domain(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	dom fd, td;
	if (c->renamed)
		plumb__pgp_emit(p, "ALTER DOMAIN %s RENAME TO %s",
				plumb__pgp_Q(p, f->schema, f->name), plumb__pgp_I(p, t->name));
	if (!read_dom(p, f, &fd) || !read_dom(p, t, &td)) {
		/* not understood: dropped and created */
		plumb__pgp_drop_object(p, t);
		plumb__pgp_create_object(p, t);
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "domain", t->schema, t->name));
		return;
	}
	if (plumb__pgp_str_eq(fd.base, td.base) && plumb__pgp_str_eq(fd.coll, td.coll))
		alter_in_place(p, t, &fd, &td);
	else
		rebuild(p, c, &fd, &td);
}
