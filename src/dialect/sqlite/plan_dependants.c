/*
 * The views and triggers of the SQLite planner. Those that mention a
 * dropped, altered or rebuilt table (by `depends`, the trigger's table and the
 * identifiers of their SQL), or a view dropped itself, are dropped before the
 * tables change and created again afterwards from the desired catalog: DROP
 * TABLE removes a table's triggers, and SQLite's RENAME refuses to run while a
 * view or trigger names a missing table. New views are created each after
 * the views it reads, in the order plan/order.c gives. It does not decide how
 * a table changes (plan_alter.c, plan_rebuild.c) nor when each phase runs
 * (plan.c).
 */
#include <ctype.h>

#include "dialect/sqlite/plan_int.h"
#include "plan/order.h"

static bool vec_has_ci(const plumb_vec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (plumb__sqlp_eq_ci(v->items[i], s))
			return true;
	return false;
}

int plumb__sqlp_touch(planner *p, const char *name)
{
	if (vec_has_ci(&p->touched, name))
		return 0;
	return plumb_vec_push(p->tmp, &p->touched, (void *)name) ? plumb_error_nomem(p->ctx) : 0;
}

static bool mentions_touched(const planner *p, const plumb_vec *ids)
{
	for (size_t i = 0; i < ids->n; i++)
		if (vec_has_ci(&p->touched, ids->items[i]))
			return true;
	return false;
}

static int collect_ids(planner *p, const char *sql, const plumb_vec *depends, const char *table,
		       plumb_vec *out)
{
	if (plumb__sqlp_identifiers(p->tmp, sql, out))
		return plumb_error_nomem(p->ctx);
	for (size_t i = 0; depends && i < depends->n; i++)
		if (plumb_vec_push(p->tmp, out, depends->items[i]))
			return plumb_error_nomem(p->ctx);
	if (table && plumb_vec_push(p->tmp, out, (void *)table))
		return plumb_error_nomem(p->ctx);
	return 0;
}

/* Marks views and triggers of `from` to drop: changed ones, and those that
 * mention a touched table or a dropped view, to a fixed point. */
int plumb__sqlp_mark_dependants(planner *p)
{
	const plumb_catalog *from = p->from;
	bool again = true;
	int rc = 0;

	for (size_t i = 0; i < from->views.n; i++) {
		const plumb_view *v = from->views.items[i];
		if ((rc = collect_ids(p, v->sql, &v->depends, NULL, &p->view_ids[i])))
			goto done;
		if (plumb__sqlp_find_change(p, PLUMB_OBJ_VIEW, v->name, true))
			p->drop_view[i] = true;
	}
	for (size_t i = 0; i < from->triggers.n; i++) {
		const plumb_trigger *t = from->triggers.items[i];
		if ((rc = collect_ids(p, t->sql, &t->depends, t->table, &p->trigger_ids[i])))
			goto done;
		if (plumb__sqlp_find_change(p, PLUMB_OBJ_TRIGGER, t->name, true))
			p->drop_trigger[i] = true;
	}
	for (size_t i = 0; i < from->views.n; i++)
		if (p->drop_view[i] &&
		    (rc = plumb__sqlp_touch(p, ((plumb_view *)from->views.items[i])->name)))
			goto done;
	while (again) {
		again = false;
		for (size_t i = 0; i < from->views.n; i++) {
			if (p->drop_view[i] || !mentions_touched(p, &p->view_ids[i]))
				continue;
			p->drop_view[i] = again = true;
			if ((rc = plumb__sqlp_touch(p, ((plumb_view *)from->views.items[i])->name)))
				goto done;
		}
	}
	for (size_t i = 0; i < from->triggers.n; i++)
		if (!p->drop_trigger[i] && mentions_touched(p, &p->trigger_ids[i]))
			p->drop_trigger[i] = true;
done:
	return rc;
}

/* Triggers, then views in the reverse of the catalog's order (dependants
 * first). */
int plumb__sqlp_drop_dependants(planner *p)
{
	int rc = 0;
	for (size_t i = 0; i < p->from->triggers.n; i++)
		if (p->drop_trigger[i] &&
		    (rc = plumb__sqlp_add_drop(
			     p, "TRIGGER", plumb_object_name(p->from->triggers.items[i]), NULL)))
			return rc;
	for (size_t i = p->from->views.n; i-- > 0;)
		if (p->drop_view[i] &&
		    (rc = plumb__sqlp_add_drop(p, "VIEW",
					       plumb_object_name(p->from->views.items[i]), NULL)))
			return rc;
	return 0;
}

static bool view_dropped(const planner *p, const char *name)
{
	for (size_t i = 0; i < p->from->views.n; i++)
		if (p->drop_view[i] &&
		    plumb__sqlp_eq_ci(((const plumb_view *)p->from->views.items[i])->name, name))
			return true;
	return false;
}

static bool trigger_dropped(const planner *p, const char *name)
{
	for (size_t i = 0; i < p->from->triggers.n; i++)
		if (p->drop_trigger[i] &&
		    plumb__sqlp_eq_ci(((const plumb_trigger *)p->from->triggers.items[i])->name,
				      name))
			return true;
	return false;
}

/* A name as the ordering engine keys it: SQLite compares names without
 * regard to ASCII case. */
static const char *name_key(planner *p, const char *name)
{
	char *k = plumb_arena_strdup(p->tmp, name);
	for (char *c = k; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return k;
}

/* Creates the desired views to create, each after the views it reads. The
 * names a view's SQL mentions are all the engine sees, a superset of what
 * it reads, so they are soft needs: in a cycle (which SQLite could not have
 * built) creation order stands. */
int plumb__sqlp_create_views(planner *p)
{
	const plumb_vec *views = &p->to->views;
	plumb_order *o = plumb_order_new(p->tmp);
	plumb_vec ids = {0}, sorted = {0};
	int rc = 0;

	if (!o)
		goto nomem;
	for (size_t i = 0; i < views->n; i++) {
		const plumb_view *v = views->items[i];
		if (plumb_catalog_find_view(p->from, v->name) && !view_dropped(p, v->name))
			continue;
		ids.n = 0;
		if ((rc = collect_ids(p, v->sql, &v->depends, NULL, &ids)))
			goto done;
		long step = plumb_order_add(o, v->name, (void *)v);
		const char *k = name_key(p, v->name);
		if (step < 0 || !k || plumb_order_provides(o, step, k))
			goto nomem;
		for (size_t j = 0; j < ids.n; j++)
			if (!(k = name_key(p, ids.items[j])) || plumb_order_needs(o, step, k, true))
				goto nomem;
	}
	if ((rc = plumb_order_sort(p->ctx, o, PLUMB_ORDER_FORWARD, &sorted)))
		goto done;
	for (size_t i = 0; i < sorted.n; i++)
		if ((rc = plumb_plan_add(p->ctx, p->plan,
					 ((const plumb_view *)sorted.items[i])->sql, NULL)))
			goto done;
	goto done;
nomem:
	rc = plumb_error_nomem(p->ctx);
done:
	return rc;
}

/* Triggers in the desired catalog's order. */
int plumb__sqlp_create_triggers(planner *p)
{
	int rc;
	for (size_t i = 0; i < p->to->triggers.n; i++) {
		const plumb_trigger *t = p->to->triggers.items[i];
		if (plumb_catalog_find_trigger(p->from, t->name) && !trigger_dropped(p, t->name))
			continue;
		if ((rc = plumb_plan_add(p->ctx, p->plan, t->sql, NULL)))
			return rc;
	}
	return 0;
}
