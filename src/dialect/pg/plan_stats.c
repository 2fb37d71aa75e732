/*
 * The planner's extended statistics: which go in the first phase (the diff
 * drops or changes them, their table goes or is created again, a column
 * they read is dropped, a function or type they use is touched), and
 * CREATE STATISTICS in the last phases, once their table and columns are
 * there, with ALTER STATISTICS ... SET STATISTICS for a target. An object
 * whose target alone changes is altered in place. It orders nothing else.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* The definition without "; STATISTICS n". */
static const char *base_def(planner *p, const plumb_object *o)
{
	const char *d = o->definition ? o->definition : "";
	const char *cut = o->stat_target ? strstr(d, "; STATISTICS ") : NULL;
	while (cut && strstr(cut + 1, "; STATISTICS "))
		cut = strstr(cut + 1, "; STATISTICS ");
	return cut ? plumb__pgp_fmt(p, "%.*s", (int)(cut - d), d) : d;
}

static const char *table_key(const plumb_object *o)
{
	return o->depends.n ? o->depends.items[0] : "";
}

/* Whether the table change c drops or renames a column of cols. */
static bool columns_go(const plumb_change *c, const plumb_vec *cols)
{
	const plumb_table_delta *d = c->delta;
	for (size_t i = 0; d && i < cols->n; i++) {
		const char *n = ((const plumb_pg_name *)cols->items[i])->name;
		for (size_t j = 0; j < d->dropped_columns.n; j++)
			if (plumb__pgp_str_eq(
				    ((const plumb_column *)d->dropped_columns.items[j])->name, n))
				return true;
		for (size_t j = 0; j < d->renamed_columns.n; j++) {
			const plumb_column_change *cc = d->renamed_columns.items[j];
			if (plumb__pgp_str_eq(cc->from->name, n))
				return true;
		}
	}
	return false;
}

void plumb__pgp_mark_statistics(planner *p)
{
	for (size_t i = 0; i < p->from->objects.n && !p->st.rc; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_STATISTICS)
			continue;
		const plumb_change *c =
			plumb__pgp_find_change(p, PLUMB_OBJ_STATISTICS, o->schema, o->name, true);
		bool hit = c && (c->op == PLUMB_CHANGE_DROP || c->renamed ||
				 !plumb__pgp_str_eq(base_def(p, c->from), base_def(p, c->to)));
		const char *ts, *tn;
		plumb__pgp_split_qname(p, table_key(o), &ts, &tn);
		hit = hit || plumb__pgp_set_has(&p->new_rels, table_key(o));
		const plumb_change *tc =
			hit ? NULL : plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, ts, tn, true);
		plumb_pg_refs r = plumb__pgp_refs_of(p, o->sql, true);
		if (tc)
			hit = tc->op == PLUMB_CHANGE_DROP || tc->renamed || columns_go(tc, &r.cols);
		plumb_vec deps = {0};
		if (!hit) {
			for (size_t j = 0; j < r.funcs.n; j++) {
				const plumb_pg_name *f = r.funcs.items[j];
				plumb__pgp_vec_add(p, &deps,
						   plumb__pgp_call_key(p, f->schema, f->name));
			}
			for (size_t j = 0; j < r.types.n; j++) {
				const plumb_pg_name *t = r.types.items[j];
				plumb__pgp_vec_add(p, &deps,
						   plumb__pgp_key(p,
								  t->schema ? t->schema : "public",
								  t->name));
			}
		}
		for (size_t j = 0; j < deps.n && !hit; j++)
			hit = plumb__pgp_vec_has(&p->touched, deps.items[j]);
		p->drop_policy[i] = hit;
	}
}

/* SET STATISTICS of o, or back to the default (-1, which 13 to 17 take). */
static void set_target(planner *p, const plumb_object *o)
{
	plumb__pgp_emit(p, "ALTER STATISTICS %s SET STATISTICS %s",
			plumb__pgp_Q(p, o->schema, o->name),
			o->stat_target ? o->stat_target : "-1");
}

void plumb__pgp_create_statistics(planner *p, const plumb_object *o)
{
	plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
	if (o->stat_target)
		set_target(p, o);
}

void plumb__pgp_phase_statistics(planner *p)
{
	const plumb_vec *v = plumb__pgp_objects(p, p->to, PLUMB_OBJ_STATISTICS);
	for (size_t i = 0; i < v->n && !p->st.rc; i++) {
		const plumb_object *o = v->items[i];
		const plumb_object *old =
			plumb_catalog_find(p->from, PLUMB_OBJ_STATISTICS, o->schema, o->name);
		bool dropped = !old;
		for (size_t j = 0; j < p->from->objects.n && !dropped; j++)
			dropped = p->from->objects.items[j] == old && p->drop_policy[j];
		if (dropped)
			plumb__pgp_create_statistics(p, o);
		else if (!plumb__pgp_str_eq(old->stat_target, o->stat_target))
			set_target(p, o);
	}
}
