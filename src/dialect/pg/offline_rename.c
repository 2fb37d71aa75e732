/*
 * The offline builder's renames: ALTER TABLE/INDEX/SEQUENCE/VIEW ... RENAME
 * TO, RENAME COLUMN, RENAME CONSTRAINT, ALTER TYPE/DOMAIN ... RENAME TO,
 * ALTER TYPE ... RENAME VALUE (after alter_enum), ALTER FUNCTION, TRIGGER,
 * POLICY, SCHEMA and LANGUAGE ... RENAME TO, and SET SCHEMA of tables, views,
 * sequences, types, functions and aggregates (operators: offline_operator.c),
 * as PostgreSQL applies them: what names the
 * renamed object by its oid follows (indexes, constraints, foreign keys of
 * other tables, triggers, policies, rules, comments, grants, OWNED BY,
 * defaults, checks, views, SQL-standard function bodies); offline_retext.c
 * derives each text that names it again from its changed parse tree, never
 * by searching the text. The object keeps its first name as renamed_from,
 * as an annotation would, so that the planner renames rather than drops.
 * What it cannot follow (a view reading a
 * renamed column through a join's USING, a schema that holds objects, a
 * function whose signature names a renamed type, ...) is an error naming
 * --dev-url, never a catalog left silently wrong. It creates nothing.
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_rename.h"

/* What a rename leaves for the planner: the name the object had first, as
 * a `-- plumb:renamed` annotation says it, so that a database still
 * holding it is brought along by a rename rather than a drop. */
static void first_name(ox *x, const char **renamed_from, const char *old)
{
	if (!*renamed_from)
		*renamed_from = dup(x, old);
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
	owner_renamed(x, "relation", o->schema, o->name, nschema, nw);
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
 * reads it, moved to nschema.nw (the relation itself already renamed): indexes, triggers, policies,
 * rules, comments, grants, foreign keys, partitions and children, views. */
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
					error_at(x, x->loc,
						 "relation \"%s\" already exists in schema \"%s\"",
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
	statistics_renamed(&r, schema, old);
	publications_moved(x, schema, old, nschema, nw);
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
	owner_renamed(x, "relation", schema, old, nschema, nw);
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
				error_at(x, x->loc,
					 "relation \"%s\" already exists in schema \"%s\"", k->name,
					 nschema);
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
	size_t n_from; /* relations, subqueries, functions, joins, sublinks, WITH */
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
	const char *ref =
		rv->alias && !empty(rv->alias->aliasname) ? rv->alias->aliasname : rv->relname;
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
static void view_column(ox *x, plumb_view *v, const plumb_table *t, const char *old, const char *nw)
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
	ren r = {.x = x,
		 .kind = R_COL,
		 .old = old,
		 .nw = nw,
		 .table = t->name,
		 .refs = (const char *const *)refs.items,
		 .n_refs = refs.n,
		 .bare = bare};
	bool changed = walk(&r, s);
	if (r.unsure) {
		cannot(x, fmt(x, "view \"%s\" reads column \"%s\" in a way it cannot place",
			      v->name, old));
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
		cannot(x, fmt(x, "a column of \"%s\", which has partitions, parents or children",
			      rel));
		return;
	}
	/* rules, policies of other tables and function bodies that read t */
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		PgQuery__Node *body;
		bool on = str_is(o->schema, t->schema) && str_is(o->table, t->name);
		if (o->kind == PLUMB_OBJ_RULE &&
		    (on || reads_rel(x, o->definition, t->schema, t->name)))
			cannot(x, fmt(x, "rule \"%s\" reads relation \"%s\"", o->name, rel));
		else if (o->kind == PLUMB_OBJ_POLICY && !on &&
			 reads_rel(x, o->definition, t->schema, t->name))
			cannot(x, fmt(x, "policy \"%s\" reads relation \"%s\"", o->name, rel));
		else if (has_body(x, o, &body) && reads_rel(x, o->definition, t->schema, t->name))
			cannot(x, fmt(x, "the body of function %s reads relation \"%s\"", o->name,
				      rel));
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
	statistics_renamed(&r, t->schema, t->name);
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
			error_at(x, x->loc, "constraint \"%s\" for relation \"%s\" already exists",
				 nw, shown(x, t->schema, t->name));
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
	ren r = {.x = x,
		 .kind = R_TYPE,
		 .schema = o->schema,
		 .old = o->name,
		 .nschema = nschema,
		 .nw = nw};
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
	owner_renamed(x, "type", o->schema, o->name, nschema, nw);
	grants_moved(x, o->kind, o->schema, o->name, nschema, nw);
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
	bool agg = o->func_kind == PLUMB_FUNC_AGGREGATE;
	if (agg && str_is(o->schema, nschema)) {
		cannot(x, fmt(x, "aggregate %s renamed", o->name));
		return;
	}
	if (find_object(x, PLUMB_OBJ_FUNCTION, nschema, name)) {
		error_at(x, x->loc, "function %s already exists in schema \"%s\"", name, nschema);
		return;
	}
	ren r = {.x = x,
		 .kind = R_FUNC,
		 .schema = o->schema,
		 .old = old,
		 .nschema = nschema,
		 .nw = nw};
	size_t same = 0;
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *f = x->cat->objects.items[i];
		same += f->kind == PLUMB_OBJ_FUNCTION && str_is(f->schema, o->schema) &&
			strncmp(f->name, old, n) == 0 && f->name[n] == '(';
	}
	if (same > 1) {
		cannot(x,
		       fmt(x, "function \"%s\" has overloads, which calls do not tell apart", old));
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
	if (agg)
		aggregate_moved(x, o, nschema);
	else
		redo_texts(&r, &o->sql, &o->definition);
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind == PLUMB_OBJ_COMMENT && c->target_kind == PLUMB_OBJ_FUNCTION &&
		    str_is(c->schema, o->schema) && str_is(c->target, o->name)) {
			bool proc = strncmp(c->name, "PROCEDURE ", 10) == 0;
			c->schema = dup(x, nschema);
			c->target = name;
			plumb_pg_comment_on on = {c->target_kind, c->target, c->table,
						  NULL,		  NULL,	     c->definition};
			c->name = fmt(x, "%s %s.%s%s", proc ? "PROCEDURE" : "FUNCTION",
				      qi(x, nschema), qi(x, nw), args ? args : "()");
			if (c->name)
				fail(x, plumb__pg_comment_define(x->st.ctx, x->st.arena, c, &on));
		}
	}
	owner_renamed(x, "function", o->schema, o->name, nschema, name);
	grants_moved(x, PLUMB_OBJ_FUNCTION, o->schema, o->name, nschema, name);
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
		if (str_is(tg->schema, schema) && str_is(tg->table, table) &&
		    str_is(tg->name, name))
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
		error_at(x, x->loc, "trigger \"%s\" for relation \"%s\" already exists",
			 rs->newname, shown(x, schema, table));
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
		    str_is(o->schema, schema) && str_is(o->table, table) &&
		    str_is(o->part, rs->subname)) {
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
		    str_is(o->schema, schema) && str_is(o->table, table) &&
		    str_is(o->part, rs->subname)) {
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
			const plumb_table *t =
				vs[k]->items[i]; /* schema is the first field of both */
			if (str_is(t->schema, s))
				return true;
		}
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_SCHEMA && o->kind != PLUMB_OBJ_COMMENT &&
		    str_is(o->schema, s))
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
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
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
				error_at(x, at(x, rs->relation->location),
					 "relation \"%s\" does not exist",
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
	case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
		rename_statistics(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION:
		rename_publication(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
		rename_fdw_or_server(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER:
		rename_event_trigger(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY:
		rename_opc(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION:
		rename_ts_object(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		rename_schema(x, rs);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT:
		rename_domain_constraint(x, rs->object, rs->subname, rs->newname);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
		language_renamed(x, rs->object ? plumb__pg_strval(rs->object) : NULL, rs->newname);
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
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: {
		PgQuery__RangeVar *rv = as->relation;
		const char *schema = sch(rv->schemaname), *name = rv->relname;
		plumb_table *t = find_table(x, schema, name);
		plumb_view *v = t ? NULL : find_view(x, schema, name);
		plumb_object *seq =
			t || v ? NULL : find_object(x, PLUMB_OBJ_SEQUENCE, schema, name);
		if (!t && !v && !seq) {
			if (!as->missing_ok)
				error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
					 shown(x, schema, name));
			return;
		}
		if (strcmp(schema, ns) == 0)
			return;
		if (is_relation(x, ns, name)) {
			error_at(x, x->loc, "relation \"%s\" already exists in schema \"%s\"", name,
				 ns);
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
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE: {
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
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
		operator_set_schema(x, as);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
		statistics_set_schema(x, as);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY:
		opc_set_schema(x, as);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION:
		ts_object_set_schema(x, as);
		break;
	default:
		cannot(x, "SET SCHEMA of this kind of object");
		break;
	}
}

void enum_value_renamed(ox *x, plumb_object *e, const char *old, const char *nw)
{
	ren r = {.x = x,
		 .kind = R_VALUE,
		 .schema = e->schema,
		 .table = e->name,
		 .old = old,
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
