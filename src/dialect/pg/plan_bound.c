/*
 * The planner's functions with a body bound when they are created (BEGIN
 * ATOMIC ... END, RETURN expr): PostgreSQL records what such a body reads
 * and calls, and refuses to drop or alter those under it, as for a view.
 * A bound function of the current schema that reads or calls what the plan
 * touches goes with the views, before them when it reads them, after those
 * calling it (mark_bound, drop_bound_step); it is set aside so that its own
 * drop or change does not run again, and when the schema keeps it, created
 * again with the views. It does not sort the views (plan_order.c) nor build
 * the statements of a function (plan_object.c).
 */
#include "dialect/pg/plan_int.h"

/* The references of every bound function of the current schema (refs.bound
 * set only for those), read once. */
static const plumb_pg_refs *bound_refs(planner *p)
{
	if (p->bound_refs)
		return p->bound_refs;
	const plumb_vec *objs = &p->from->objects;
	plumb_pg_refs *v = plumb_arena_alloc(p->tmp, (objs->n + 1) * sizeof(*v));
	if (!v) {
		plumb__pgp_nomem(p);
		return NULL;
	}
	for (size_t i = 0; i < objs->n; i++) {
		const plumb_object *o = objs->items[i];
		v[i] = (plumb_pg_refs){0};
		if (o->kind == PLUMB_OBJ_FUNCTION)
			v[i] = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true);
	}
	p->bound_refs = v;
	return v;
}

/* "schema.name" of a name as written (unqualified: in public). */
static const char *name_key(planner *p, const plumb_pg_name *n)
{
	return plumb__pgp_key(p, n->schema ? n->schema : "public", n->name);
}

static bool names_touched(planner *p, const plumb_vec *names)
{
	for (size_t i = 0; i < names->n; i++)
		if (plumb__pgp_vec_has(&p->touched, name_key(p, names->items[i])))
			return true;
	return false;
}

/* Does r call function o (by its base name, found through search_path)? */
static bool calls(planner *p, const plumb_pg_refs *r, const plumb_object *o)
{
	return plumb__pg_refs_has(&r->funcs, o->schema, plumb__pgp_func_base(p, o->name), true);
}

/* Does a bound body read or call what the plan touches? */
static bool reads_touched(planner *p, const plumb_pg_refs *r)
{
	if (names_touched(p, &r->rels) || names_touched(p, &r->types))
		return true;
	const plumb_vec *fns = plumb__pgp_objects(p, p->from, PLUMB_OBJ_FUNCTION);
	for (size_t i = 0; i < fns->n; i++) {
		const plumb_object *fn = fns->items[i];
		if (calls(p, r, fn) &&
		    plumb__pgp_vec_has(&p->touched,
				       plumb__pgp_key(p, fn->schema, plumb__pgp_func_base(p, fn->name))))
			return true;
	}
	return false;
}

/* Function o of the current schema, marked: touched (its readers go too),
 * set aside (its own drop or change does not drop it again) and, when the
 * schema keeps it and the diff does not change it, created again with the
 * views. */
static void mark(planner *p, size_t i, const plumb_object *o)
{
	p->drop_bound[i] = true;
	p->n_bound++;
	plumb__pgp_vec_add(p, &p->touched,
			   plumb__pgp_key(p, o->schema, plumb__pgp_func_base(p, o->name)));
	plumb__pgp_vec_add(p, &p->set_aside_objs,
			   plumb__pgp_recreated_key(p, "function", o->schema, o->name));
	const plumb_object *t = plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, o->schema, o->name);
	if (!t || plumb__pgp_find_change(p, PLUMB_OBJ_FUNCTION, o->schema, o->name, true))
		return;
	plumb_change *c = plumb_arena_alloc(p->tmp, sizeof(*c));
	if (!c) {
		plumb__pgp_nomem(p);
		return;
	}
	*c = (plumb_change){.op = PLUMB_CHANGE_CREATE, .kind = PLUMB_OBJ_FUNCTION, .to = t};
	plumb__pgp_vec_add(p, &p->recreated,
			   plumb__pgp_recreated_key(p, "function", o->schema, o->name));
	if (plumb_vec_push(p->tmp, &p->late_functions, c))
		plumb__pgp_nomem(p);
}

bool plumb__pgp_mark_bound(planner *p)
{
	const plumb_pg_refs *refs = bound_refs(p);
	bool any = false;
	for (size_t i = 0; refs && i < p->from->objects.n && !p->rc; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (!refs[i].bound || p->drop_bound[i] || !reads_touched(p, &refs[i]))
			continue;
		mark(p, i, o);
		any = true;
	}
	return any;
}

/* The references of view i of the current schema, read once. */
static const plumb_pg_refs *view_refs(planner *p, size_t i)
{
	const plumb_vec *views = &p->from->views;
	if (!p->bound_view_refs) {
		p->bound_view_refs = plumb_arena_alloc(p->tmp, (views->n + 1) * sizeof(plumb_pg_refs));
		p->bound_view_read = plumb_arena_alloc(p->tmp, views->n + 1);
		if (!p->bound_view_refs || !p->bound_view_read) {
			p->bound_view_refs = NULL;
			plumb__pgp_nomem(p);
			return NULL;
		}
	}
	if (!p->bound_view_read[i]) {
		p->bound_view_refs[i] =
			plumb__pgp_refs_of(p, plumb__pgp_view_sql(views->items[i]), true);
		p->bound_view_read[i] = true;
	}
	return &p->bound_view_refs[i];
}

bool plumb__pgp_view_calls_bound(planner *p, size_t view)
{
	const plumb_pg_refs *r = p->n_bound ? view_refs(p, view) : NULL;
	for (size_t i = 0; r && i < p->from->objects.n; i++)
		if (p->drop_bound[i] && calls(p, r, p->from->objects.items[i]))
			return true;
	return false;
}

bool plumb__pgp_bound_reads(planner *p, const bool *left, const char *key)
{
	const plumb_pg_refs *refs = p->n_bound ? bound_refs(p) : NULL;
	for (size_t i = 0; refs && i < p->from->objects.n; i++) {
		if (!left[i])
			continue;
		for (size_t j = 0; j < refs[i].rels.n; j++)
			if (plumb__pgp_str_eq(name_key(p, refs[i].rels.items[j]), key))
				return true;
	}
	return false;
}

bool plumb__pgp_drop_bound_step(planner *p, bool *left, const bool *left_views)
{
	const plumb_pg_refs *refs = p->n_bound ? bound_refs(p) : NULL;
	for (size_t i = p->from->objects.n; refs && i-- > 0;) {
		if (!left[i])
			continue;
		const plumb_object *o = p->from->objects.items[i];
		bool called = false;
		/* not while a function or view still there calls it */
		for (size_t j = 0; j < p->from->objects.n && !called; j++)
			called = j != i && left[j] && calls(p, &refs[j], o);
		for (size_t j = 0; j < p->from->views.n && !called; j++) {
			const plumb_pg_refs *r = left_views[j] ? view_refs(p, j) : NULL;
			called = r && calls(p, r, o);
		}
		if (called)
			continue;
		plumb__pgp_drop_object(p, o);
		if (plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, o->schema, o->name))
			plumb__pgp_note(p, plumb__pgp_last_stmt(p),
					"its body, bound when created, reads or calls what changes: "
					"dropped here, created again after");
		left[i] = false;
		return true;
	}
	return false;
}
