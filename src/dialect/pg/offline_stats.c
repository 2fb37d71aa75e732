/*
 * The offline builder's extended statistics: CREATE STATISTICS read as the
 * server keeps it (its name chosen when none is given, columns in the
 * table's order then expressions, the kinds written only when not all
 * three, as pg_get_statisticsobjdef prints them), ALTER STATISTICS ... SET
 * STATISTICS, RENAME TO and SET SCHEMA, and the statement made again when
 * its table or a column is renamed. DROP and what goes with a table or
 * column are offline_depend.c's; it orders no statement.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/offline_rename.h"

static const char *const kind_words[] = {"ndistinct", "dependencies", "mcv"};
#define N_KINDS 3

static plumb_object *find_stats(ox *x, const char *schema, const char *name)
{
	return find_object(x, PLUMB_OBJ_STATISTICS, schema, name);
}

/* The definition of o with its statistics target: "...; STATISTICS n". */
static void set_target(ox *x, plumb_object *o, const char *base, const char *target)
{
	o->stat_target = target;
	o->definition = target ? fmt(x, "%s; STATISTICS %s", base ? base : "", target) : base;
}

/* The definition of o without its statistics target. */
static const char *base_of(ox *x, const plumb_object *o)
{
	const char *d = o->definition ? o->definition : "";
	const char *cut = o->stat_target ? strstr(d, "; STATISTICS ") : NULL;
	while (cut && strstr(cut + 1, "; STATISTICS "))
		cut = strstr(cut + 1, "; STATISTICS ");
	return cut ? plumb_arena_strndup(x->st.arena, d, (size_t)(cut - d)) : d;
}

/* ChooseExtendedStatisticName: table_col_col_stat (an expression is
 * "expr"), numbered until free in schema. */
static const char *choose_stats_name(ox *x, const char *schema, const char *table,
				     PgQuery__Node **elems, size_t n)
{
	const char **names = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*names));
	if (!names) {
		nomem(x);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const PgQuery__StatsElem *e = elems[i]->stats_elem;
		names[i] = !empty(e->name) ? e->name : "expr";
	}
	char *add = name_addition(x, names, n);
	for (int pass = 0; add && !x->st.rc; pass++) {
		char label[16];
		snprintf(label, sizeof(label), pass ? "stat%d" : "stat", pass);
		char *nm = make_object_name(x, table, add, label);
		if (!nm || !find_stats(x, schema, nm))
			return nm;
	}
	return NULL;
}

/* The kinds the statement names, in the server's order; none when all three
 * (the server then prints none). */
static bool read_kinds(ox *x, PgQuery__CreateStatsStmt *cs, size_t loc, bool want[N_KINDS])
{
	size_t n = 0;
	memset(want, 0, N_KINDS * sizeof(bool));
	for (size_t i = 0; i < cs->n_stat_types; i++) {
		const char *k = plumb__pg_strval(cs->stat_types[i]);
		size_t j = 0;
		while (j < N_KINDS && !(k && strcmp(k, kind_words[j]) == 0))
			j++;
		if (j == N_KINDS) {
			error_at(x, loc, "unrecognized statistics kind \"%s\"", k ? k : "");
			return false;
		}
		n += !want[j];
		want[j] = true;
	}
	if (n == N_KINDS)
		memset(want, 0, N_KINDS * sizeof(bool));
	return true;
}

/* Columns in the table's order, then expressions in written order. */
static bool order_elems(ox *x, plumb_table *t, PgQuery__CreateStatsStmt *cs, size_t loc)
{
	size_t n = cs->n_exprs, w = 0;
	PgQuery__Node **out = plumb_arena_alloc(x->st.arena, (n + 1) * sizeof(*out));
	if (!out) {
		nomem(x);
		return false;
	}
	for (size_t c = 0; c < t->columns.n; c++) {
		const plumb_column *col = t->columns.items[c];
		for (size_t i = 0; i < n; i++) {
			const PgQuery__StatsElem *e = cs->exprs[i]->stats_elem;
			if (!empty(e->name) && strcmp(e->name, col->name) == 0) {
				out[w++] = cs->exprs[i];
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const PgQuery__StatsElem *e = cs->exprs[i]->stats_elem;
		if (empty(e->name))
			out[w++] = cs->exprs[i];
		else if (!find_column(t, e->name)) {
			error_at(x, loc, "column \"%s\" does not exist", e->name);
			return false;
		}
	}
	if (w != n) {
		error_at(x, loc, "duplicate column name in statistics definition");
		return false;
	}
	cs->exprs = out;
	return true;
}

/* The statement's kind list set to want, in the server's order. */
static void write_kinds(ox *x, PgQuery__CreateStatsStmt *cs, const bool want[N_KINDS])
{
	size_t n = 0;
	PgQuery__Node **v = plumb_arena_alloc(x->st.arena, N_KINDS * sizeof(*v));
	if (!v) {
		nomem(x);
		return;
	}
	for (size_t j = 0; j < N_KINDS; j++)
		if (want[j] && !(v[n++] = plumb__pg_string(x->st.arena, kind_words[j])))
			nomem(x);
	cs->stat_types = v;
	cs->n_stat_types = n;
}

void create_statistics(ox *x, PgQuery__CreateStatsStmt *cs, PgQuery__Node *stmt, size_t loc)
{
	if (cs->n_relations != 1 || cs->relations[0]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) {
		error_at(x, loc, "only a single relation is allowed in CREATE STATISTICS");
		return;
	}
	PgQuery__RangeVar *rv = cs->relations[0]->range_var;
	const char *ts = sch(rv->schemaname);
	plumb_table *t = rv_table(x, rv);
	if (!t) {
		if (find_view(x, ts, rv->relname))
			error_at(x, loc,
				 "extended statistics on a view or materialized view are not "
				 "modelled offline");
		else
			error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
				 shown(x, ts, rv->relname));
		return;
	}
	for (size_t i = 0; i < cs->n_exprs; i++)
		if (cs->exprs[i]->node_case != PG_QUERY__NODE__NODE_STATS_ELEM)
			return;
	bool want[N_KINDS];
	if (!read_kinds(x, cs, loc, want) || !order_elems(x, t, cs, loc))
		return;
	const char *schema, *name;
	if (cs->n_defnames) {
		split_names(cs->defnames, cs->n_defnames, &schema, &name);
	} else {
		schema = t->schema;
		name = choose_stats_name(x, schema, t->name, cs->exprs, cs->n_exprs);
	}
	if (!name || x->st.rc)
		return;
	if (strcmp(schema, "public") != 0 && !find_object(x, PLUMB_OBJ_SCHEMA, NULL, schema)) {
		error_at(x, loc, "schema \"%s\" does not exist", schema);
		return;
	}
	if (find_stats(x, schema, name)) {
		if (!cs->if_not_exists)
			error_at(x, loc, "statistics object \"%s\" already exists", name);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_STATISTICS, schema, name);
	if (!o)
		return;
	o->table = dup(x, t->name);
	o->renamed_from = annotation_at(x, loc);
	push(x, &o->depends, (void *)fmt(x, "%s.%s", t->schema, t->name));
	PgQuery__Node **dn = plumb_arena_alloc(x->st.arena, 2 * sizeof(*dn));
	if (!dn) {
		nomem(x);
		return;
	}
	dn[0] = plumb__pg_string(x->st.arena, schema);
	dn[1] = plumb__pg_string(x->st.arena, name);
	cs->defnames = dn;
	cs->n_defnames = 2;
	rv->schemaname = (char *)t->schema;
	cs->if_not_exists = false;
	write_kinds(x, cs, want);
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

/* The statistics object names name (or an error at loc unless missing_ok). */
static plumb_object *stats_of(ox *x, PgQuery__Node **names, size_t n, bool missing_ok, size_t loc)
{
	const char *schema, *name;
	split_names(names, n, &schema, &name);
	plumb_object *o = name ? find_stats(x, schema, name) : NULL;
	if (!o && !missing_ok)
		error_at(x, loc, "statistics object \"%s\" does not exist", shown(x, schema, name));
	return o;
}

void alter_statistics(ox *x, PgQuery__AlterStatsStmt *as, size_t loc)
{
	plumb_object *o = stats_of(x, as->defnames, as->n_defnames, as->missing_ok, loc);
	if (!o)
		return;
	int n = as->stxstattarget;
	if (n > 10000)
		n = 10000; /* the server lowers it, with a warning */
	if (n < -1) {
		error_at(x, loc, "statistics target %d is too low", n);
		return;
	}
	set_target(x, o, base_of(x, o), n < 0 ? NULL : fmt(x, "%d", n));
}

/* o made again from tree s (its name, schema, table or a column renamed):
 * its target and annotation kept. */
static void redo(ox *x, plumb_object *o, PgQuery__Node *s)
{
	const char *target = o->stat_target, *was = o->renamed_from;
	plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	create_statistics(x, s->create_stats_stmt, s, x->loc);
	plumb_object *now = x->cat->objects.n ? x->cat->objects.items[x->cat->objects.n - 1] : NULL;
	if (x->st.rc || !now || now->kind != PLUMB_OBJ_STATISTICS)
		return;
	now->renamed_from = was;
	set_target(x, now, now->definition, target);
}

static PgQuery__Node *stats_stmt(ox *x, const plumb_object *o)
{
	PgQuery__Node *s = parse1(x, o->sql);
	return s && s->node_case == PG_QUERY__NODE__NODE_CREATE_STATS_STMT ? s : NULL;
}

/* ALTER STATISTICS s RENAME TO n, SET SCHEMA: the object under its new name. */
static void move(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	if (find_stats(x, nschema, nw)) {
		error_at(x, x->loc, "statistics object \"%s\" already exists in schema \"%s\"", nw,
			 nschema);
		return;
	}
	PgQuery__Node *s = stats_stmt(x, o);
	if (!s)
		return;
	PgQuery__CreateStatsStmt *cs = s->create_stats_stmt;
	PgQuery__Node **dn = plumb_arena_alloc(x->st.arena, 2 * sizeof(*dn));
	if (!dn) {
		nomem(x);
		return;
	}
	dn[0] = plumb__pg_string(x->st.arena, nschema);
	dn[1] = plumb__pg_string(x->st.arena, nw);
	cs->defnames = dn;
	cs->n_defnames = 2;
	redo(x, o, s);
}

void rename_statistics(ox *x, PgQuery__RenameStmt *rs)
{
	if (!rs->object || rs->object->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	PgQuery__List *l = rs->object->list;
	plumb_object *o = stats_of(x, l->items, l->n_items, rs->missing_ok, x->loc);
	if (o && strcmp(o->name, rs->newname) != 0)
		move(x, o, o->schema, rs->newname);
}

void statistics_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as)
{
	if (!as->object || as->object->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	PgQuery__List *l = as->object->list;
	plumb_object *o = stats_of(x, l->items, l->n_items, as->missing_ok, x->loc);
	if (o && strcmp(o->schema, as->newschema) != 0)
		move(x, o, as->newschema, o->name);
}

/* The statistics on table schema.table made again with r applied (the
 * table, or one of its columns, renamed); for a relation, the table's new
 * name is r's. */
void statistics_renamed(ren *r, const char *schema, const char *table)
{
	ox *x = r->x;
	const char *key = fmt(x, "%s.%s", schema, table);
	for (size_t i = x->cat->objects.n; i-- > 0 && !x->st.rc;) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_STATISTICS || !o->depends.n ||
		    !str_is(o->depends.items[0], key))
			continue;
		PgQuery__Node *s = stats_stmt(x, o);
		if (s && walk(r, s))
			redo(x, o, s);
	}
}
