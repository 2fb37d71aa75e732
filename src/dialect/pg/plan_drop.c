/*
 * The planner's drops in dependency order, each phase one reverse sort of
 * the ordering engine (plan/order.h): a step goes before the steps that
 * provide what it needs.
 *
 *  - with the views (phase 1): the views that go, the functions in their
 *    way (over their row types, or with a bound body reading what changes:
 *    plan_view.c sets them aside) and the functions the diff drops that are
 *    over what goes here;
 *  - with the tables (phase 3): the tables that go, and the domains, types
 *    and functions over their row types, each between the tables that use it
 *    and the table it is over; tables next to each other go in one
 *    DROP TABLE, so tables that reference each other go together;
 *  - late (phase 6): the other objects that go, once nothing needs them.
 *
 * An object one phase drops is never dropped again by a later one. It
 * decides no membership of a view (plan_view.c marks them) and builds no
 * statement but the DROP TABLE and DROP VIEW it emits.
 */
#include "dialect/pg/plan_int.h"

/* --- what goes early -------------------------------------------------------- */

bool plumb__pgp_dropped_early(const planner *p, const plumb_object *o)
{
	for (size_t i = 0; i < p->early.n; i++)
		if (p->early.items[i] == o)
			return true;
	return plumb__pgp_is_set_aside_early(p, o);
}

bool plumb__pgp_is_set_aside_early(const planner *p, const plumb_object *o)
{
	for (size_t i = 0; i < p->early_set_aside.n; i++)
		if (p->early_set_aside.items[i] == o)
			return true;
	return false;
}

/* One step of a drop sort. */
typedef struct drop {
	plumb_obj_kind kind; /* PLUMB_OBJ_TABLE, _VIEW, or an object's */
	const void *from;
	size_t pos;          /* tables: input position, for one DROP TABLE */
} drop;

static drop *new_drop(planner *p, plumb_obj_kind kind, const void *from, size_t pos)
{
	drop *d = plumb_arena_alloc(p->tmp, sizeof(*d));
	if (!d) {
		plumb__pgp_nomem(p);
		return NULL;
	}
	*d = (drop){kind, from, pos};
	return d;
}

/* Adds the object o of from to sort o as a step, its keys into *keys. */
static void object_step(planner *p, plumb_order *ord, const plumb_object *o, plumb_vec *keys)
{
	plumb_vec provides = {0}, deps = {0}, soft = {0};
	plumb__pgp_object_keys(p, o, &provides);
	plumb__pgp_object_deps(p, p->from, o, &deps, &soft);
	for (size_t i = 0; i < provides.n; i++)
		plumb__pgp_vec_add(p, keys, provides.items[i]);
	plumb__pgp_order_step(p, ord,
			      plumb__pgp_fmt(p, "%s %s", plumb_obj_kind_name(o->kind),
					     plumb__pgp_dn(p, o->schema, o->name)),
			      new_drop(p, o->kind, o, 0), &provides, &deps, &soft);
}

/* The objects the diff drops that are over a type this sort drops (their
 * needs, hard or soft, meet a key in *keys), to a fixed point: each joins
 * sort ord and goes early. */
static void join_dependants(planner *p, plumb_order *ord, plumb_vec *keys)
{
	const plumb_vec *ch = &p->diff->changes;
	plumb_vec cands = {0}, needs = {0};
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		const plumb_object *o = c->from;
		if (c->op != PLUMB_CHANGE_DROP || !plumb__pgp_is_late_kind(c->kind) ||
		    !plumb__pgp_over_types(o) || plumb__pgp_dropped_early(p, o) ||
		    plumb__pgp_is_set_aside(p, o->kind == PLUMB_OBJ_FUNCTION ? "function" : "domain",
					    o->schema, o->name))
			continue;
		plumb_vec *n = plumb_arena_alloc(p->tmp, sizeof(*n));
		if (!n || plumb_vec_push(p->tmp, &cands, (void *)o) ||
		    plumb_vec_push(p->tmp, &needs, n)) {
			plumb__pgp_nomem(p);
			return;
		}
		*n = (plumb_vec){0};
		plumb__pgp_object_deps(p, p->from, o, n, n);
	}
	for (bool again = true; again && !p->st.rc;) {
		again = false;
		for (size_t i = 0; i < cands.n; i++) {
			const plumb_object *o = cands.items[i];
			const plumb_vec *n = needs.items[i];
			bool hit = false;
			for (size_t j = 0; j < n->n && !hit; j++)
				hit = plumb__pgp_vec_has(keys, n->items[j]);
			if (!hit || plumb__pgp_dropped_early(p, o))
				continue;
			if (plumb_vec_push(p->tmp, &p->early, (void *)o))
				plumb__pgp_nomem(p);
			object_step(p, ord, o, keys);
			again = true;
		}
	}
}

/* --- phase 1: views ----------------------------------------------------------- */

/* Drops the views p->drop_view marks, each before the views it reads, and
 * the functions over their row types before them. False when it failed
 * (p->st.rc holds why). */
bool plumb__pgp_drop_views(planner *p)
{
	plumb_order *ord = plumb__pgp_order_new(p);
	plumb_vec keys = {0}, order = {0};
	/* later views first, as reverse creation order */
	for (size_t i = p->from->views.n; i-- > 0;) {
		const plumb_view *v = p->from->views.items[i];
		if (!p->drop_view[i])
			continue;
		plumb_vec provides = {0}, deps = {0};
		const char *k = plumb__pgp_key(p, v->schema, v->name);
		plumb__pgp_vec_add(p, &provides, k);
		plumb__pgp_vec_add(p, &keys, k);
		for (size_t j = 0; j < v->depends.n; j++)
			if (!plumb__pgp_str_eq(v->depends.items[j], k))
				plumb__pgp_vec_add(p, &deps, v->depends.items[j]);
		plumb__pgp_call_keys(p, plumb__pgp_view_sql(v), &deps);
		plumb__pgp_order_step(p, ord,
				      plumb__pgp_fmt(p, "view %s",
						     plumb__pgp_dn(p, v->schema, v->name)),
				      new_drop(p, PLUMB_OBJ_VIEW, v, i), &provides, &deps, NULL);
	}
	for (size_t i = 0; i < p->early_set_aside.n; i++)
		object_step(p, ord, p->early_set_aside.items[i], &keys);
	join_dependants(p, ord, &keys);
	if (!plumb__pgp_order_sort(p, ord, PLUMB_ORDER_REVERSE, &order))
		return false;
	for (size_t i = 0; i < order.n && !p->st.rc; i++) {
		const drop *d = order.items[i];
		if (d->kind != PLUMB_OBJ_VIEW) {
			plumb__pgp_drop_object(p, d->from);
			const plumb_object *o = d->from;
			if (plumb__pgp_is_set_aside_early(p, o) &&
			    plumb__pgp_is_recreated(p, "function", o->schema, o->name))
				plumb__pgp_note(p, plumb__pgp_last_stmt(p),
						"depends on what changes (the row type of a view in "
						"its signature, or what its bound body reads or "
						"calls): dropped here, created again after");
			continue;
		}
		const plumb_view *v = d->from;
		plumb_stmt *s = plumb__pgp_emit(p, "DROP %sVIEW %s",
						v->materialized ? "MATERIALIZED " : "",
						plumb__pgp_Q(p, v->schema, v->name));
		if (plumb__pgp_view_in_to(p, v) &&
		    !plumb__pgp_find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name, true))
			plumb__pgp_note(
				p, s,
				"reads a table or view that changes: dropped here, created again "
				"after");
		plumb__pgp_ae_of(p, s, "view", plumb__pgp_dn(p, v->schema, v->name));
	}
	return !p->st.rc;
}

/* --- phase 3: tables ---------------------------------------------------------- */

/* Is t a partition whose parent is in tables[from, to)? It goes with it. */
static bool parent_in(planner *p, const plumb_table *t, const drop *const *run, size_t n)
{
	if (!t->partition_of)
		return false;
	const char *ps, *pn;
	plumb__pgp_split_qname(p, t->partition_of, &ps, &pn);
	for (size_t i = 0; i < n; i++) {
		const plumb_table *o = run[i]->from;
		if (plumb__pgp_str_eq(o->schema, ps) && plumb__pgp_str_eq(o->name, pn))
			return true;
	}
	return false;
}

/* One DROP TABLE for a run of tables, named in the diff's order. */
static void drop_tables(planner *p, const drop **run, size_t n)
{
	for (size_t i = 1; i < n; i++) /* insertion sort by position: runs are short */
		for (size_t j = i; j > 0 && run[j - 1]->pos > run[j]->pos; j--) {
			const drop *t = run[j];
			run[j] = run[j - 1];
			run[j - 1] = t;
		}
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	size_t n_foreign = 0;
	for (size_t i = 0; i < n; i++) {
		const plumb_table *t = run[i]->from;
		if (t->server) {
			if (!parent_in(p, t, run, n))
				plumb__pgp_drop_foreign_table(p, t);
			n_foreign++;
			continue;
		}
		if (!parent_in(p, t, run, n))
			plumb_buf_printf(&b, "%s%s", b.len ? ", " : "",
					 plumb__pgp_Q(p, t->schema, t->name));
	}
	if (!b.len && n_foreign)
		return;
	plumb_stmt *s = plumb__pgp_emit(p, "DROP TABLE %s", plumb_buf_str(&b));
	for (size_t i = 0; i < n; i++) {
		const plumb_table *t = run[i]->from;
		if (t->server)
			continue;
		plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops table \"%s\" and its rows",
			      plumb__pgp_dn(p, t->schema, t->name));
	}
	plumb__pgp_ae(p, s, "the dropped tables");
}

void plumb__pgp_phase_table_drops(planner *p)
{
	plumb_order *ord = plumb__pgp_order_new(p);
	plumb_vec keys = {0}, order = {0};
	size_t n = 0;
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_DROP)
			continue;
		const plumb_table *t = c->from;
		plumb_vec provides = {0}, deps = {0}, soft = {0};
		const char *k = plumb__pgp_key(p, t->schema, t->name);
		plumb__pgp_vec_add(p, &provides, k);
		plumb__pgp_vec_add(p, &keys, k);
		plumb__pgp_table_deps(p, p->from, t, NULL, &deps);
		/* a foreign key to another table that goes: in the same
		 * statement, or before it */
		for (size_t j = 0; j < t->constraints.n; j++) {
			const plumb_constraint *con = t->constraints.items[j];
			if (con->kind == PLUMB_CON_FOREIGN_KEY && con->ref_table)
				plumb__pgp_vec_add(p, &soft,
						   plumb__pgp_key(p,
								  con->ref_schema ? con->ref_schema
										  : t->schema,
								  con->ref_table));
		}
		plumb__pgp_order_step(p, ord,
				      plumb__pgp_fmt(p, "table %s",
						     plumb__pgp_dn(p, t->schema, t->name)),
				      new_drop(p, PLUMB_OBJ_TABLE, t, n++), &provides, &deps, &soft);
	}
	if (!n)
		return;
	join_dependants(p, ord, &keys);
	if (!plumb__pgp_order_sort(p, ord, PLUMB_ORDER_REVERSE, &order))
		return;
	const drop **run = plumb_arena_alloc(p->tmp, (order.n + 1) * sizeof(*run));
	size_t nrun = 0;
	if (!run) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i <= order.n && !p->st.rc; i++) {
		const drop *d = i < order.n ? order.items[i] : NULL;
		if (d && d->kind == PLUMB_OBJ_TABLE) {
			run[nrun++] = d;
			continue;
		}
		if (nrun)
			drop_tables(p, run, nrun);
		nrun = 0;
		if (d)
			plumb__pgp_drop_object(p, d->from);
	}
}

/* --- phase 6: late ------------------------------------------------------------ */

/* Does the sequence go with the column that owns it (its table dropped, or
 * the column), as PostgreSQL drops an owned sequence? */
static bool goes_with_owner(planner *p, const plumb_object *seq)
{
	if (!seq->table || !seq->column)
		return false;
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, seq->schema, seq->table,
						       true);
	if (!tc)
		return false;
	if (tc->op == PLUMB_CHANGE_DROP)
		return true;
	const plumb_table_delta *d = tc->delta;
	for (size_t i = 0; d && i < d->dropped_columns.n; i++)
		if (plumb__pgp_str_eq(((const plumb_column *)d->dropped_columns.items[i])->name,
				      seq->column))
			return true;
	return false;
}

/* Objects that go, each once nothing else going needs it. */
void plumb__pgp_phase_late_drops(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	plumb_order *ord = plumb__pgp_order_new(p);
	plumb_vec order = {0};
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op != PLUMB_CHANGE_DROP || !plumb__pgp_is_late_kind(c->kind))
			continue;
		const plumb_object *o = c->from;
		if (o->kind == PLUMB_OBJ_SEQUENCE &&
		    (plumb__pgp_vec_has(&p->adopted, plumb__pgp_key(p, o->schema, o->name)) ||
		     goes_with_owner(p, o)))
			continue;
		if ((o->kind == PLUMB_OBJ_FUNCTION || o->kind == PLUMB_OBJ_DOMAIN) &&
		    plumb__pgp_is_set_aside(p,
					    o->kind == PLUMB_OBJ_FUNCTION ? "function" : "domain",
					    o->schema, o->name))
			continue; /* an enum rebuild dropped it */
		if (plumb__pgp_dropped_early(p, o) || plumb__pgp_opc_goes_with_family(p, o))
			continue;
		plumb_vec provides = {0}, deps = {0}, soft = {0};
		plumb__pgp_object_keys(p, o, &provides);
		/* as created: extensions after everything else but schemas */
		if (o->kind == PLUMB_OBJ_EXTENSION)
			plumb__pgp_vec_add(p, &provides, "extension");
		else if (o->kind != PLUMB_OBJ_SCHEMA)
			plumb__pgp_vec_add(p, &deps, "extension");
		plumb__pgp_object_deps(p, p->from, o, &deps, &soft);
		plumb__pgp_order_step(p, ord,
				      plumb__pgp_fmt(p, "%s %s", plumb_obj_kind_name(o->kind),
						     plumb__pgp_dn(p, o->schema, o->name)),
				      (void *)o, &provides, &deps, &soft);
	}
	if (!plumb__pgp_order_sort(p, ord, PLUMB_ORDER_REVERSE, &order))
		return;
	for (size_t i = 0; i < order.n && !p->st.rc; i++)
		plumb__pgp_drop_object(p, order.items[i]);
}
