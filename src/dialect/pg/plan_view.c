/*
 * The planner's views and dependants: which views, triggers, policies and
 * rules must go because what they read or hang on changes (mark_touched), the
 * sequences passed between serial columns and themselves, the foreign keys
 * dropped and added again, and CREATE VIEW. It does not order the views
 * (plan_order.c).
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- dependants: views, triggers, policies ------------------------------ */

bool plumb__pgp_view_in_to(const planner *p, const plumb_view *v)
{
	return plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, v->schema, v->name) != NULL;
}

/* A function that goes or comes back: what calls it must go first. */
static void touch_function(planner *p, const plumb_object *f)
{
	const char *base = plumb__pgp_func_base(p, f->name);
	plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, f->schema, base));
	plumb__pgp_vec_add(p, &p->touched, plumb__pgp_call_key(p, f->schema, base));
	plumb__pgp_vec_add(p, &p->touched, plumb__pgp_call_key(p, NULL, base));
	p->funcs_touched = true;
}

/* A type that is rebuilt (dropped and created again) touches the tables with
 * columns of it or of a domain over it, those domains, the functions of
 * their signatures, and the views that name any of them. */
static void touch_type_users(planner *p, const plumb_object *f)
{
	plumb_vec domains = {0}, fns = {0};
	if (plumb__pg_type_domains(p->tmp, p->from, f->schema, f->name, &domains) < 0 ||
	    plumb__pg_type_functions(p->tmp, p->from, f->schema, f->name, &fns) < 0)
		plumb__pgp_nomem(p);
	for (size_t k = 0; k < domains.n; k++) {
		const plumb_object *d = domains.items[k];
		if (plumb__pg_type_functions(p->tmp, p->from, d->schema, d->name, &fns) < 0)
			plumb__pgp_nomem(p);
	}
	for (size_t k = 0; k < p->from->tables.n; k++) {
		const plumb_table *tb = p->from->tables.items[k];
		for (size_t j = 0; j < tb->columns.n; j++) {
			const char *ty = ((plumb_column *)tb->columns.items[j])->type;
			if (plumb__pg_type_names(ty, f->schema, f->name) ||
			    plumb__pg_type_is_domain(ty, &domains))
				plumb__pgp_vec_add(p, &p->touched,
						   plumb__pgp_key(p, tb->schema, tb->name));
		}
	}
	plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, f->schema, f->name));
	/* the rebuild drops the domains over it and the functions of it */
	for (size_t k = 0; k < domains.n; k++) {
		const plumb_object *d = domains.items[k];
		plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, d->schema, d->name));
	}
	for (size_t k = 0; k < fns.n; k++)
		touch_function(p, fns.items[k]);
	/* views that name the type (a cast to it) or call a function of it
	 * hold it too (a view's depends name only relations) */
	for (size_t k = 0; k < p->from->views.n; k++) {
		const plumb_view *v = p->from->views.items[k];
		if (p->drop_view[k])
			continue;
		plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_view_sql(v), true);
		bool hit = plumb__pg_refs_has(&r.types, f->schema, f->name, false);
		for (size_t j = 0; j < domains.n && !hit; j++) {
			const plumb_object *d = domains.items[j];
			hit = plumb__pg_refs_has(&r.types, d->schema, d->name, false);
		}
		for (size_t j = 0; j < fns.n && !hit; j++) {
			const plumb_object *fn = fns.items[j];
			hit = plumb__pg_refs_has(&r.funcs, fn->schema,
						 plumb__pgp_func_base(p, fn->name), true);
		}
		if (!hit)
			continue;
		p->drop_view[k] = true;
		plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, v->schema, v->name));
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "view", v->schema, v->name));
		plumb__pgp_set_add(p, &p->new_rels, plumb__pgp_key(p, v->schema, v->name));
	}
}

/* Does a name in names (as written: unqualified is in public) stand for a
 * key in p->touched? */
static bool names_touched(planner *p, const plumb_vec *names)
{
	for (size_t i = 0; i < names->n; i++) {
		const plumb_pg_name *n = names->items[i];
		if (plumb__pgp_vec_has(&p->touched,
				       plumb__pgp_key(p, n->schema ? n->schema : "public", n->name)))
			return true;
	}
	return false;
}

/* Is function f (its references r) in the way of what the plan changes?
 * Its signature names the row type of a view created again, or its body,
 * bound when created (BEGIN ATOMIC, RETURN), reads, names or calls what is
 * touched: PostgreSQL will not drop or alter those under it. */
static bool in_the_way(planner *p, const plumb_pg_refs *r)
{
	for (size_t j = 0; j < r->types.n; j++) {
		const plumb_pg_name *n = r->types.items[j];
		if (plumb__pgp_is_recreated(p, "view", n->schema ? n->schema : "public", n->name))
			return true;
	}
	if (!r->bound)
		return false;
	if (names_touched(p, &r->rels) || names_touched(p, &r->types))
		return true;
	for (size_t j = 0; p->funcs_touched && j < r->funcs.n; j++) {
		const plumb_pg_name *n = r->funcs.items[j];
		if (plumb__pgp_vec_has(&p->touched, plumb__pgp_call_key(p, n->schema, n->name)))
			return true;
	}
	return false;
}

/* Sets aside the functions in the way (in_the_way): each is dropped with
 * the views, before those it reads and after those calling it
 * (plan_drop.c), and created again after them when the schema keeps it, as
 * the schema has it; its own change in the diff does not run. True when it
 * set one aside. */
static bool set_aside_functions(planner *p)
{
	const plumb_vec *fns = plumb__pgp_objects(p, p->from, PLUMB_OBJ_FUNCTION);
	bool any = false;
	if (!p->touched.n || !fns->n)
		return false;
	if (!p->fn_refs) {
		p->fn_refs = plumb_arena_alloc(p->tmp, (fns->n + 1) * sizeof(*p->fn_refs));
		if (!p->fn_refs) {
			plumb__pgp_nomem(p);
			return false;
		}
		for (size_t i = 0; i < fns->n; i++)
			p->fn_refs[i] = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(fns->items[i]),
							   true);
	}
	for (size_t i = 0; i < fns->n && !p->st.rc; i++) {
		const plumb_object *f = fns->items[i];
		if (plumb__pgp_is_set_aside_early(p, f) ||
		    plumb__pgp_is_set_aside(p, "function", f->schema, f->name) ||
		    !in_the_way(p, &p->fn_refs[i]))
			continue;
		const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_FUNCTION, f->schema,
							       f->name, true);
		if (c && c->renamed)
			continue;
		const plumb_object *t = c ? c->to : plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION,
									   f->schema, f->name);
		if (plumb_vec_push(p->tmp, &p->early_set_aside, (void *)f)) {
			plumb__pgp_nomem(p);
			return false;
		}
		touch_function(p, f);
		any = true;
		if (!t)
			continue; /* the diff drops it: it goes with the views */
		plumb_change *fake = plumb_arena_alloc(p->tmp, sizeof(*fake));
		if (!fake || plumb_vec_push(p->tmp, &p->late_functions, fake)) {
			plumb__pgp_nomem(p);
			return false;
		}
		*fake = (plumb_change){.kind = PLUMB_OBJ_FUNCTION, .op = PLUMB_CHANGE_CREATE,
				       .to = t};
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "function", t->schema, t->name));
	}
	return any;
}

/* The change of rule r (of `from`) the diff makes, or NULL. */
static const plumb_change *rule_change(const planner *p, const plumb_object *r)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		const plumb_object *f = c->from;
		if (c->kind == PLUMB_OBJ_RULE && f && f == r)
			return c;
	}
	return NULL;
}

/* Rules that go in phase 1: those the diff drops, those on a relation
 * created again, and those whose condition or actions read, write or call
 * what is touched (the server refuses to drop or alter it under them). A
 * rule that only changes is replaced later (CREATE OR REPLACE). */
static void mark_rules(planner *p)
{
	for (size_t i = 0; i < p->from->objects.n && !p->st.rc; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_RULE)
			continue;
		const plumb_change *c = rule_change(p, o);
		bool hit =
			(c && c->op == PLUMB_CHANGE_DROP) ||
			plumb__pgp_set_has(&p->new_rels,
					   plumb__pgp_key(p, o->schema, o->table ? o->table : ""));
		plumb_vec deps = {0}, soft = {0};
		if (!hit)
			plumb__pgp_object_deps(p, p->from, o, &deps, &soft);
		for (size_t j = 0; j < deps.n && !hit; j++)
			hit = plumb__pgp_vec_has(&p->touched, deps.items[j]);
		p->drop_policy[i] = hit;
		if (hit && plumb_vec_push(p->tmp, &p->dropped_rules, (void *)o))
			plumb__pgp_nomem(p);
	}
}

void plumb__pgp_mark_touched(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		const plumb_object *f = c->from; /* schema, name lead every struct */
		if (!f)
			continue;
		switch (c->kind) {
		case PLUMB_OBJ_TABLE: {
			const plumb_table_delta *d = c->delta;
			if (c->op == PLUMB_CHANGE_DROP || c->renamed ||
			    (d && (d->dropped_columns.n || d->changed_columns.n ||
				   d->renamed_columns.n ||
				   (d->options_changed &&
				    plumb__pgp_partitioning_changed(c->from, c->to)))))
				plumb__pgp_vec_add(p, &p->touched,
						   plumb__pgp_key(p, f->schema, f->name));
			if (d && d->options_changed &&
			    plumb__pgp_partitioning_changed(c->from, c->to)) {
				plumb__pgp_set_add(p, &p->recreated,
						   plumb__pgp_recreated_key(p, "table", f->schema,
									    f->name));
				plumb__pgp_set_add(p, &p->new_rels,
						   plumb__pgp_key(p, f->schema, f->name));
			}
			break;
		}
		case PLUMB_OBJ_VIEW:
			plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, f->schema, f->name));
			break;
		case PLUMB_OBJ_FUNCTION:
			/* CREATE OR REPLACE keeps readers; a drop, a rename or a
			 * change it cannot make (the result type) does not */
			if (c->op == PLUMB_CHANGE_DROP || c->renamed ||
			    !plumb__pgp_function_replaceable(c->from, c->to))
				touch_function(p, c->from);
			break;
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
		case PLUMB_OBJ_ENUM:
			/* a domain altered in place keeps its readers; one rebuilt
			 * touches them below */
			if (c->op == PLUMB_CHANGE_DROP || c->renamed || c->kind == PLUMB_OBJ_TYPE)
				plumb__pgp_vec_add(p, &p->touched,
						   plumb__pgp_key(p, f->schema, f->name));
			break;
		default:
			break;
		}
	}
	/* types rebuilt (enums that lose values, domains that change their base
	 * type) touch what uses them */
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		plumb_vec cur = {0}, removed = {0};
		if ((c->kind == PLUMB_OBJ_ENUM && c->op == PLUMB_CHANGE_ALTER &&
		     plumb__pgp_enum_needs_rebuild(p, c, &cur, &removed)) ||
		    plumb__pgp_domain_rebuilt(p, c))
			touch_type_users(p, c->from);
	}
	/* views reading what is touched, and functions over the row types of
	 * views created again, to a fixed point */
	size_t nv = p->from->views.n;
	plumb_vec *calls = plumb_arena_alloc(p->tmp, (nv + 1) * sizeof(*calls));
	bool *called = plumb_arena_alloc(p->tmp, nv + 1);
	if (!calls || !called) {
		plumb__pgp_nomem(p);
		return;
	}
	memset(called, 0, nv + 1);
	bool again = true;
	while (again && !p->st.rc) {
		again = false;
		for (size_t i = 0; i < nv; i++) {
			const plumb_view *v = p->from->views.items[i];
			if (p->drop_view[i])
				continue;
			bool hit = !plumb__pgp_view_in_to(p, v) ||
				   plumb__pgp_find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name,
							  true);
			for (size_t j = 0; j < v->depends.n && !hit; j++)
				hit = plumb__pgp_vec_has(&p->touched, v->depends.items[j]);
			if (!hit && p->funcs_touched) {
				if (!called[i]) {
					calls[i] = (plumb_vec){0};
					plumb__pgp_call_keys(p, plumb__pgp_view_sql(v), &calls[i]);
					called[i] = true;
				}
				for (size_t j = 0; j < calls[i].n && !hit; j++)
					hit = plumb__pgp_vec_has(&p->touched, calls[i].items[j]);
			}
			if (!hit)
				continue;
			p->drop_view[i] = again = true;
			plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, v->schema, v->name));
			plumb__pgp_set_add(p, &p->recreated,
					   plumb__pgp_recreated_key(p, "view", v->schema, v->name));
			plumb__pgp_set_add(p, &p->new_rels, plumb__pgp_key(p, v->schema, v->name));
		}
		again |= set_aside_functions(p);
	}
	/* triggers on recreated relations or running dropped functions */
	for (size_t i = 0; i < p->from->triggers.n; i++) {
		const plumb_trigger *t = p->from->triggers.items[i];
		bool hit = plumb__pgp_changes_on(p, PLUMB_OBJ_TRIGGER, t->schema, t->name,
						 t->table) ||
			   plumb__pgp_set_has(&p->new_rels, plumb__pgp_key(p, t->schema, t->table));
		for (size_t j = 0; j < t->depends.n && !hit; j++)
			hit = plumb__pgp_vec_has(&p->touched, t->depends.items[j]);
		p->drop_trigger[i] = hit;
	}
	for (size_t i = 0; i < p->from->objects.n; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_POLICY)
			continue;
		p->drop_policy[i] = plumb__pgp_changes_on(p, PLUMB_OBJ_POLICY, o->schema, o->name,
							  o->table) ||
				    plumb__pgp_set_has(&p->new_rels,
						       plumb__pgp_key(p, o->schema,
								      o->table ? o->table : ""));
		for (size_t j = 0; j < o->depends.n && !p->drop_policy[i]; j++)
			p->drop_policy[i] = plumb__pgp_vec_has(&p->touched, o->depends.items[j]);
	}
	mark_rules(p);
}

/* Sequences that change hands between a serial column and a sequence of
 * their own, by name: a column that stops being serial while a sequence of
 * its sequence's name is created, or becomes serial while one of that name
 * is dropped. The sequence stays (and keeps its value) instead of a drop
 * and a create of the same name. */
void plumb__pgp_mark_adopted(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER || c->renamed ||
		    (c->delta->options_changed && plumb__pgp_partitioning_changed(c->from, c->to)))
			continue;
		const plumb_table *t = c->to;
		for (size_t j = 0; j < c->delta->changed_columns.n; j++) {
			const plumb_column_change *cc = c->delta->changed_columns.items[j];
			bool fs = plumb__pg_serial_base(cc->from->type) != NULL;
			bool ts = plumb__pg_serial_base(cc->to->type) != NULL;
			if (fs == ts)
				continue;
			const char *name = plumb__pgp_fmt(p, "%s_%s_seq", t->name, cc->to->name);
			const plumb_change *sc =
				plumb__pgp_find_change(p, PLUMB_OBJ_SEQUENCE, t->schema, name, ts);
			if (sc && sc->op == (ts ? PLUMB_CHANGE_DROP : PLUMB_CHANGE_CREATE))
				plumb__pgp_vec_add(p, &p->adopted,
						   plumb__pgp_key(p, t->schema, name));
		}
	}
}

/* The change of the foreign key con of table tb (of `from`) that its table's
 * diff names: 'd' dropped (or changed), 'r' renamed only, 0 none. */
static char fk_own_change(planner *p, const plumb_change *tc, const plumb_constraint *con)
{
	const plumb_table_delta *d = tc ? tc->delta : NULL;
	for (size_t k = 0; d && k < d->dropped_constraints.n; k++)
		if (d->dropped_constraints.items[k] == con)
			return plumb__pgp_is_validated(p, d, con) ? 0 : 'd';
	for (size_t k = 0; d && k < d->renamed_constraints.n; k++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[k];
		if (cc->from == con)
			return plumb__pgp_constraint_same_but_name(p, cc->from, cc->to) ? 'r' : 'd';
	}
	return 0;
}

/* Foreign keys that must go and come back: those on a surviving table that
 * reference a table recreated, a key (PK/UNIQUE) that is dropped, or a
 * unique index that could back them and that phase 1 drops (the foreign
 * keys go just before it). One its table's diff drops or changes goes and
 * comes back by that change. */
void plumb__pgp_mark_forced_fks(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_index *ix = plumb__pgp_index_dropped(p, p->diff->changes.items[i]);
		if (ix && ix->unique && plumb_vec_push(p->tmp, &p->unique_drops, (void *)ix))
			plumb__pgp_nomem(p);
	}
	for (size_t i = 0; i < p->from->tables.n; i++) {
		const plumb_table *tb = p->from->tables.items[i];
		const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema,
								tb->name, true);
		if (tc && (tc->op == PLUMB_CHANGE_DROP ||
			   (tc->delta && tc->delta->options_changed &&
			    plumb__pgp_partitioning_changed(tc->from, tc->to))))
			continue;
		for (size_t j = 0; j < tb->constraints.n; j++) {
			const plumb_constraint *con = tb->constraints.items[j];
			if (con->kind != PLUMB_CON_FOREIGN_KEY || fk_own_change(p, tc, con) == 'd')
				continue;
			const char *rs = con->ref_schema ? con->ref_schema : tb->schema;
			const plumb_change *rc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, rs,
									con->ref_table, true);
			bool force = plumb__pgp_fk_index_rebuilt(p, con, rs);
			if (!force && rc && rc->op == PLUMB_CHANGE_ALTER && rc->delta) {
				const plumb_table_delta *d = rc->delta;
				if (d->options_changed &&
				    plumb__pgp_partitioning_changed(rc->from, rc->to))
					force = true;
				for (size_t k = 0; k < d->dropped_constraints.n && !force; k++) {
					const plumb_constraint *kc = d->dropped_constraints.items[k];
					force = kc->kind == PLUMB_CON_PRIMARY_KEY ||
						kc->kind == PLUMB_CON_UNIQUE;
				}
			}
			if (!force)
				continue;
			/* it must still exist in the desired catalog to come back */
			if (plumb_vec_push(p->tmp, &p->forced_fks, (void *)con) ||
			    plumb_vec_push(p->tmp, &p->forced_fk_tables, (void *)tb))
				plumb__pgp_nomem(p);
		}
	}
}

bool plumb__pgp_fk_forced(const planner *p, const plumb_constraint *con)
{
	for (size_t i = 0; i < p->forced_fks.n; i++)
		if (p->forced_fks.items[i] == con)
			return true;
	return false;
}

/* The constraint of `to` that forced foreign key con of table tb (of
 * `from`) becomes: its name's, or its new name's when only renamed; NULL
 * when the desired schema has none. */
const plumb_constraint *plumb__pgp_forced_fk_to(planner *p, const plumb_table *tb,
						const plumb_constraint *con)
{
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name,
							true);
	const plumb_table *t = plumb__pgp_to_table_of(p, tb);
	const char *name = con->name;
	for (size_t k = 0; tc && tc->delta && k < tc->delta->renamed_constraints.n; k++) {
		const plumb_constraint_change *cc = tc->delta->renamed_constraints.items[k];
		if (cc->from == con)
			name = cc->to->name;
	}
	for (size_t j = 0; t && j < t->constraints.n; j++) {
		const plumb_constraint *k = t->constraints.items[j];
		if (k->kind == PLUMB_CON_FOREIGN_KEY && plumb__pgp_str_eq(k->name, name))
			return k;
	}
	return NULL;
}

/* The desired table matching a table of `from` (after renames). */
const plumb_table *plumb__pgp_to_table_of(const planner *p, const plumb_table *f)
{
	const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, f->schema, f->name,
						       true);
	if (c)
		return c->to;
	return plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, f->schema, f->name);
}

/* The column of `to` that column col of table tb of `from` becomes, or NULL. */
const plumb_column *plumb__pgp_to_column_of(planner *p, const plumb_table *tb,
					    const plumb_column *col)
{
	const plumb_table *tt = plumb__pgp_to_table_of(p, tb);
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name,
							true);
	const char *name = plumb__pgp_col_after(p, tc, col->name);
	for (size_t i = 0; tt && i < tt->columns.n; i++) {
		const plumb_column *c = tt->columns.items[i];
		if (plumb__pgp_str_eq(c->name, name))
			return c;
	}
	return NULL;
}

/* --- views -------------------------------------------------------------- */

const char *plumb__pgp_view_sql(const plumb_view *v)
{
	return v->sql ? v->sql : v->definition;
}

static void create_view(planner *p, const plumb_change *c)
{
	const plumb_view *v = c->to;
	if (!plumb__pgp_view_sql(v)) {
		if (!p->st.rc)
			p->st.rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not create view \"%s\": no definition", v->name);
		return;
	}
	plumb__pgp_emit(p, "%s", plumb__pgp_view_sql(v));
}

/* Will create_views create the view with key k ("schema.name")? */
bool plumb__pgp_view_created(planner *p, const char *k)
{
	for (size_t i = 0; k && i < p->to->views.n; i++) {
		const plumb_view *v = p->to->views.items[i];
		if (!plumb__pgp_str_eq(plumb__pgp_key(p, v->schema, v->name), k))
			continue;
		for (size_t j = 0; j < p->from->views.n; j++) {
			const plumb_view *o = p->from->views.items[j];
			if (plumb__pgp_str_eq(o->schema, v->schema) &&
			    plumb__pgp_str_eq(o->name, v->name))
				return p->drop_view[j];
		}
		return true;
	}
	return false;
}

/* A view, or a function held back until the views it reads exist. */
void plumb__pgp_create_view_or_function(planner *p, const plumb_change *c)
{
	if (c->kind == PLUMB_OBJ_FUNCTION)
		plumb__pgp_mid_change(p, c);
	else
		create_view(p, c);
}
