/*
 * The planner's views and dependants: which views, triggers and policies
 * must go because what they read or hang on changes (mark_touched), the
 * sequences passed between serial columns and themselves, the foreign keys
 * dropped and added again, and CREATE VIEW. It does not order the views
 * (plan_order.c).
 */
#include "dialect/pg/plan_int.h"

/* --- dependants: views, triggers, policies ------------------------------ */

bool plumb__pgp_view_in_to(const planner *p, const plumb_view *v)
{
	return plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, v->schema, v->name) != NULL;
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
				plumb__pgp_vec_add(p, &p->recreated,
						   plumb__pgp_recreated_key(p, "table", f->schema,
									    f->name));
				plumb__pgp_vec_add(p, &p->new_rels,
						   plumb__pgp_key(p, f->schema, f->name));
			}
			break;
		}
		case PLUMB_OBJ_VIEW:
			plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, f->schema, f->name));
			break;
		case PLUMB_OBJ_FUNCTION:
			/* CREATE OR REPLACE keeps readers; a drop or rename does not */
			if (c->op == PLUMB_CHANGE_DROP || c->renamed)
				plumb__pgp_vec_add(p, &p->touched,
						   plumb__pgp_key(p, f->schema,
								  plumb__pgp_func_base(p,
										       f->name)));
			break;
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
		case PLUMB_OBJ_ENUM:
			if (c->op == PLUMB_CHANGE_DROP || c->renamed ||
			    c->kind != PLUMB_OBJ_ENUM)
				plumb__pgp_vec_add(p, &p->touched,
						   plumb__pgp_key(p, f->schema, f->name));
			break;
		default:
			break;
		}
	}
	/* enums to rebuild touch the tables using them */
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		plumb_vec cur = {0}, removed = {0};
		if (c->kind != PLUMB_OBJ_ENUM || c->op != PLUMB_CHANGE_ALTER ||
		    !plumb__pgp_enum_needs_rebuild(p, c, &cur, &removed))
			continue;
		const plumb_object *f = c->from;
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
		for (size_t k = 0; k < fns.n; k++) {
			const plumb_object *fn = fns.items[k];
			plumb__pgp_vec_add(p, &p->touched,
					   plumb__pgp_key(p, fn->schema,
							  plumb__pgp_func_base(p, fn->name)));
		}
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
			plumb__pgp_vec_add(p, &p->recreated,
					   plumb__pgp_recreated_key(p, "view", v->schema, v->name));
			plumb__pgp_vec_add(p, &p->new_rels, plumb__pgp_key(p, v->schema, v->name));
		}
	}
	/* views reading what is touched, and functions bound to it (plan_bound.c)
	 * with the views calling them, to a fixed point */
	bool again = true;
	while (again && !p->rc) {
		again = plumb__pgp_mark_bound(p);
		for (size_t i = 0; i < p->from->views.n; i++) {
			const plumb_view *v = p->from->views.items[i];
			if (p->drop_view[i])
				continue;
			bool hit = !plumb__pgp_view_in_to(p, v) ||
				   plumb__pgp_find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name,
							  true);
			for (size_t j = 0; j < v->depends.n && !hit; j++)
				hit = plumb__pgp_vec_has(&p->touched, v->depends.items[j]);
			hit = hit || plumb__pgp_view_calls_bound(p, i);
			if (!hit)
				continue;
			p->drop_view[i] = again = true;
			plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, v->schema, v->name));
			plumb__pgp_vec_add(p, &p->recreated,
					   plumb__pgp_recreated_key(p, "view", v->schema, v->name));
			plumb__pgp_vec_add(p, &p->new_rels, plumb__pgp_key(p, v->schema, v->name));
		}
	}
	/* triggers on recreated relations or running dropped functions */
	for (size_t i = 0; i < p->from->triggers.n; i++) {
		const plumb_trigger *t = p->from->triggers.items[i];
		bool hit = plumb__pgp_changes_on(p, PLUMB_OBJ_TRIGGER, t->schema, t->name,
						 t->table) ||
			   plumb__pgp_vec_has(&p->new_rels, plumb__pgp_key(p, t->schema, t->table));
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
				    plumb__pgp_vec_has(&p->new_rels,
						       plumb__pgp_key(p, o->schema,
								      o->table ? o->table : ""));
		for (size_t j = 0; j < o->depends.n && !p->drop_policy[i]; j++)
			p->drop_policy[i] = plumb__pgp_vec_has(&p->touched, o->depends.items[j]);
	}
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

/* Foreign keys that must go and come back: those on a surviving table that
 * reference a table recreated, or a key (PK/UNIQUE) that is dropped. */
void plumb__pgp_mark_forced_fks(planner *p)
{
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
			if (con->kind != PLUMB_CON_FOREIGN_KEY)
				continue;
			/* already dropped by the diff? */
			bool dropped = false;
			for (size_t k = 0; tc && tc->delta && k < tc->delta->dropped_constraints.n; k++)
				dropped |= tc->delta->dropped_constraints.items[k] == con;
			if (dropped)
				continue;
			const char *rs = con->ref_schema ? con->ref_schema : tb->schema;
			const plumb_change *rc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, rs,
									con->ref_table, true);
			bool force = false;
			if (rc && rc->op == PLUMB_CHANGE_ALTER && rc->delta) {
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

/* The desired table matching a table of `from` (after renames). */
const plumb_table *plumb__pgp_to_table_of(const planner *p, const plumb_table *f)
{
	const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, f->schema, f->name,
						       true);
	if (c)
		return c->to;
	return plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, f->schema, f->name);
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
		if (!p->rc)
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
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
