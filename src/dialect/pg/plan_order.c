/*
 * The planner's orderings: the dependencies of objects and tables, the
 * stable topological sorts of the middle phase (plan_mid), of the views and
 * the functions that read them (create_views), of the objects dropped late,
 * and of the views dropped first. It builds no statement itself: the steps
 * it runs are in the other plan_*.c files.
 */
#include "dialect/pg/plan_int.h"

/* --- ordering ----------------------------------------------------------- */

typedef struct item {
	const plumb_change *c;
	const char *name;       /* for cycle reports */
	plumb_vec provides;     /* keys */
	plumb_vec deps;         /* keys */
	plumb_vec soft;         /* keys followed while they make no cycle */
	bool done;
} item;

/* What object o of catalog cat needs before it can be created (and so what
 * must be dropped before it): its schema, its recorded depends, the types
 * and collations its definition names (a function: its signature), the
 * functions a domain, a type or a function's bound body calls (refs.c).
 * Into soft go the tables a function's signature names as row types and the
 * relations a SQL-language body reads: PostgreSQL checks those at creation,
 * but they may also need the function. */
static void object_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
			plumb_vec *deps, plumb_vec *soft)
{
	const char *self = plumb__pgp_key(p, o->schema, o->name);
	if (o->kind != PLUMB_OBJ_SCHEMA)
		plumb__pgp_vec_add(p, deps,
				   plumb__pgp_fmt(p, "schema:%s",
						  o->schema ? o->schema : "public"));
	for (size_t j = 0; j < o->depends.n; j++)
		if (!plumb__pgp_str_eq(o->depends.items[j], self))
			plumb__pgp_vec_add(p, deps, o->depends.items[j]);
	if (o->kind != PLUMB_OBJ_DOMAIN && o->kind != PLUMB_OBJ_TYPE &&
	    o->kind != PLUMB_OBJ_FUNCTION)
		return;
	/* a function: its signature's types, its LANGUAGE sql body's relations,
	 * what a BEGIN ATOMIC or RETURN body calls */
	plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true);
	for (size_t i = 0; i < cat->objects.n; i++) {
		const plumb_object *x = cat->objects.items[i];
		if (x == o)
			continue;
		switch (x->kind) {
		case PLUMB_OBJ_ENUM:
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
			if (plumb__pg_refs_has(&r.types, x->schema, x->name, false))
				plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, x->schema, x->name));
			break;
		case PLUMB_OBJ_COLLATION:
			if (plumb__pg_refs_has(&r.colls, x->schema, x->name, false))
				plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, x->schema, x->name));
			break;
		case PLUMB_OBJ_FUNCTION:
			if (plumb__pg_refs_has(&r.funcs, x->schema,
					       plumb__pgp_func_base(p, x->name), true))
				plumb__pgp_vec_add(p, deps,
						   plumb__pgp_key(p, x->schema,
								  plumb__pgp_func_base(p,
										       x->name)));
			break;
		default:
			break;
		}
	}
	if (o->kind != PLUMB_OBJ_FUNCTION)
		return;
	for (size_t i = 0; i < cat->tables.n; i++) {
		const plumb_table *t = cat->tables.items[i];
		if (plumb__pg_refs_has(&r.types, t->schema, t->name, false) ||
		    plumb__pg_refs_has(&r.rels, t->schema, t->name, false))
			plumb__pgp_vec_add(p, soft, plumb__pgp_key(p, t->schema, t->name));
	}
	for (size_t i = 0; i < cat->views.n; i++) {
		const plumb_view *v = cat->views.items[i];
		if (plumb__pg_refs_has(&r.rels, v->schema, v->name, false))
			plumb__pgp_vec_add(p, soft, plumb__pgp_key(p, v->schema, v->name));
	}
}

static void item_deps_of_table(planner *p, item *it, const plumb_table *t,
			       const plumb_table_delta *d)
{
	plumb__pgp_vec_add(p, &it->deps,
			   plumb__pgp_fmt(p, "schema:%s", t->schema ? t->schema : "public"));
	if (t->partition_of) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, t->partition_of, &ps, &pn);
		plumb__pgp_vec_add(p, &it->deps, plumb__pgp_key(p, ps, pn));
	}
	for (size_t i = 0; i < t->inherits.n; i++) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, t->inherits.items[i], &ps, &pn);
		plumb__pgp_vec_add(p, &it->deps, plumb__pgp_key(p, ps, pn));
	}
	const plumb_vec *cols = d ? NULL : &t->columns;
	plumb_vec changed = {0};
	if (d) {
		for (size_t i = 0; i < d->added_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed, d->added_columns.items[i]))
				plumb__pgp_nomem(p);
		for (size_t i = 0; i < d->changed_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed,
					   (void *)((plumb_column_change *)d->changed_columns.items[i])->to))
				plumb__pgp_nomem(p);
		for (size_t i = 0; i < d->renamed_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed,
					   (void *)((plumb_column_change *)d->renamed_columns.items[i])->to))
				plumb__pgp_nomem(p);
		cols = &changed;
	}
	for (size_t i = 0; i < cols->n; i++) {
		const plumb_column *c = cols->items[i];
		const plumb_object *o = plumb__pgp_find_type_object(p, p->to, c->type);
		if (o)
			plumb__pgp_vec_add(p, &it->deps, plumb__pgp_key(p, o->schema, o->name));
		if ((o = plumb__pgp_find_collation(p, p->to, c->collation)))
			plumb__pgp_vec_add(p, &it->deps, plumb__pgp_key(p, o->schema, o->name));
		if (!c->default_sql && !c->generated_sql)
			continue;
		plumb_pg_refs r = plumb__pgp_refs_of(p, c->default_sql, false);
		plumb_pg_refs g = plumb__pgp_refs_of(p, c->generated_sql, false);
		const plumb_vec *fns = plumb__pgp_objects(p, p->to, PLUMB_OBJ_FUNCTION);
		for (size_t j = 0; j < fns->n; j++) {
			const plumb_object *fn = fns->items[j];
			const char *base = plumb__pgp_func_base(p, fn->name);
			if (plumb__pg_refs_has(&r.funcs, fn->schema, base, true) ||
			    plumb__pg_refs_has(&g.funcs, fn->schema, base, true))
				plumb__pgp_vec_add(p, &it->deps,
						   plumb__pgp_key(p, fn->schema, base));
		}
		const plumb_vec *seqs = plumb__pgp_objects(p, p->to, PLUMB_OBJ_SEQUENCE);
		for (size_t j = 0; j < seqs->n; j++) {
			const plumb_object *sq = seqs->items[j];
			if (plumb__pg_refs_has(&r.rels, sq->schema, sq->name, false))
				plumb__pgp_vec_add(p, &it->deps,
						   plumb__pgp_key(p, sq->schema, sq->name));
		}
	}
	const plumb_vec *cons = &t->constraints;
	if (d)
		cons = &d->added_constraints;
	for (size_t i = 0; i < cons->n; i++) {
		const plumb_constraint *con = cons->items[i];
		if (con->kind != PLUMB_CON_CHECK)
			continue;
		const plumb_vec *fns = plumb__pgp_objects(p, p->to, PLUMB_OBJ_FUNCTION);
		plumb_pg_refs r = plumb__pgp_refs_of(p, con->check_sql, false);
		for (size_t j = 0; j < fns->n; j++) {
			const plumb_object *fn = fns->items[j];
			if (plumb__pg_refs_has(&r.funcs, fn->schema,
					       plumb__pgp_func_base(p, fn->name), true))
				plumb__pgp_vec_add(p, &it->deps,
						   plumb__pgp_key(p, fn->schema,
								  plumb__pgp_func_base(p,
										       fn->name)));
		}
	}
}

/* Are the dependencies of items[i] (with soft, its soft ones too) all done
 * or provided by nobody pending? */
static bool item_ready(const item *items, size_t n, size_t i, bool soft)
{
	const plumb_vec *vs[2] = {&items[i].deps, &items[i].soft};
	for (int k = 0; k < (soft ? 2 : 1); k++)
		for (size_t d = 0; d < vs[k]->n; d++)
			for (size_t j = 0; j < n; j++)
				if (j != i && !items[j].done &&
				    plumb__pgp_vec_has(&items[j].provides, vs[k]->items[d]))
					return false;
	return true;
}

/* Runs the items in a stable topological order: each time the first one
 * whose dependencies are all done or provided by nobody pending, soft ones
 * included while that leaves one to pick. */
static void run_items(planner *p, item *items, size_t n, void (*fn)(planner *, const plumb_change *))
{
	size_t left = 0;
	for (size_t i = 0; i < n; i++)
		left += !items[i].done;
	while (left && !p->rc) {
		size_t pick = n;
		for (int pass = 0; pass < 2 && pick == n; pass++)
			for (size_t i = 0; i < n && pick == n; i++)
				if (!items[i].done && item_ready(items, n, i, pass == 0))
					pick = i;
		if (pick == n) {
			plumb_buf b;
			plumb_buf_init(&b, p->tmp, 0);
			for (size_t i = 0; i < n; i++)
				if (!items[i].done)
					plumb_buf_printf(&b, "%s%s", b.len ? ", " : "", items[i].name);
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not order the changes: dependency cycle among %s",
						plumb_buf_str(&b));
			return;
		}
		items[pick].done = true;
		left--;
		fn(p, items[pick].c);
	}
}

static bool is_mid_kind(plumb_obj_kind k)
{
	return k == PLUMB_OBJ_SCHEMA || k == PLUMB_OBJ_EXTENSION || k == PLUMB_OBJ_COLLATION ||
	       k == PLUMB_OBJ_ENUM || k == PLUMB_OBJ_DOMAIN || k == PLUMB_OBJ_TYPE ||
	       k == PLUMB_OBJ_SEQUENCE || k == PLUMB_OBJ_FUNCTION || k == PLUMB_OBJ_TABLE;
}


/* The item of a created or changed object (not a table) of the middle phase. */
static void object_item(planner *p, item *it, const plumb_object *o)
{
	it->name = plumb__pgp_fmt(p, "%s %s", plumb_obj_kind_name(o->kind),
				  plumb__pgp_dn(p, o->schema, o->name));
	if (o->kind == PLUMB_OBJ_SCHEMA) {
		plumb__pgp_vec_add(p, &it->provides, plumb__pgp_fmt(p, "schema:%s", o->name));
		return;
	}
	plumb__pgp_vec_add(p, &it->provides, plumb__pgp_key(p, o->schema, o->name));
	if (o->kind == PLUMB_OBJ_FUNCTION)
		plumb__pgp_vec_add(p, &it->provides,
				   plumb__pgp_key(p, o->schema, plumb__pgp_func_base(p, o->name)));
	/* what an extension brings (types, functions) is not in the catalog:
	 * extensions come before everything but schemas */
	if (o->kind == PLUMB_OBJ_EXTENSION)
		plumb__pgp_vec_add(p, &it->provides, "extension");
	else
		plumb__pgp_vec_add(p, &it->deps, "extension");
	object_deps(p, p->to, o, &it->deps, &it->soft);
}

/* Does item a wait for what item b provides (hard needs)? */
static bool needs(const item *a, const item *b)
{
	for (size_t k = 0; k < b->provides.n; k++)
		if (plumb__pgp_vec_has(&a->deps, b->provides.items[k]))
			return true;
	return false;
}

/* Does an item other than items[i] (and not skip[j]) wait for what
 * items[i] provides? */
static bool item_needed(planner *p, const item *items, size_t n, size_t i, const bool *skip)
{
	for (size_t j = 0; j < n; j++)
		for (size_t k = 0; j != i && !skip[j] && k < items[i].provides.n; k++)
			if (plumb__pgp_vec_has(&items[j].deps, items[i].provides.items[k]) ||
			    plumb__pgp_vec_has(&items[j].soft, items[i].provides.items[k]))
				return true;
	(void)p;
	return false;
}

/* Does the function of items[i] read a view this plan creates? */
static bool reads_new_view(planner *p, const item *it)
{
	const plumb_vec *vs[2] = {&it->deps, &it->soft};
	for (int k = 0; k < 2; k++)
		for (size_t d = 0; d < vs[k]->n; d++)
			if (plumb__pgp_view_created(p, vs[k]->items[d]))
				return true;
	return false;
}

/* The middle phase: schemas, extensions, types, sequences, functions and tables,
 * created or altered. */
void plumb__pgp_plan_mid(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	item *items = plumb_arena_alloc(p->tmp, (ch->n + 1) * sizeof(item));
	size_t n = 0;
	if (!items) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op == PLUMB_CHANGE_DROP || !is_mid_kind(c->kind))
			continue;
		item *it = &items[n++];
		it->c = c;
		if (c->kind == PLUMB_OBJ_TABLE) {
			const plumb_table *t = c->to;
			it->name = plumb__pgp_fmt(p, "table %s",
						  plumb__pgp_dn(p, t->schema, t->name));
			plumb__pgp_vec_add(p, &it->provides, plumb__pgp_key(p, t->schema, t->name));
			plumb__pgp_vec_add(p, &it->deps, "extension");
			bool recreate = c->op == PLUMB_CHANGE_ALTER && c->delta->options_changed &&
					plumb__pgp_partitioning_changed(c->from, t);
			item_deps_of_table(p, it, t,
					   c->op == PLUMB_CHANGE_CREATE || recreate ? NULL : c->delta);
			continue;
		}
		object_item(p, it, c->to);
	}
	/* A function whose body reads a view created in this plan waits for
	 * the views, and so does one calling a function that waits (when nothing
	 * else here needs it). */
	bool *late = plumb_arena_alloc(p->tmp, n + 1);
	if (!late) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < n; i++)
		late[i] = items[i].c->kind == PLUMB_OBJ_FUNCTION && reads_new_view(p, &items[i]);
	for (bool again = true; again;) {
		again = false;
		for (size_t j = 0; j < n; j++)
			for (size_t i = 0; i < n && !late[j]; i++)
				if (late[i] && items[j].c->kind == PLUMB_OBJ_FUNCTION &&
				    needs(&items[j], &items[i]))
					late[j] = again = true;
	}
	for (bool again = true; again;) {
		again = false;
		for (size_t i = 0; i < n; i++)
			if (late[i] && item_needed(p, items, n, i, late))
				late[i] = !(again = true);
	}
	for (size_t i = 0; i < n; i++) {
		if (!late[i])
			continue;
		if (plumb_vec_push(p->tmp, &p->late_functions, (void *)items[i].c))
			plumb__pgp_nomem(p);
		items[i].done = true;
	}
	run_items(p, items, n, plumb__pgp_mid_change);
}

void plumb__pgp_create_views(planner *p)
{
	const plumb_vec *views = &p->to->views;
	size_t cap = views->n + p->late_functions.n + 1;
	item *items = plumb_arena_alloc(p->tmp, cap * sizeof(item));
	plumb_change *fake = plumb_arena_alloc(p->tmp, cap * sizeof(plumb_change));
	size_t n = 0;
	if (!items || !fake) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < views->n; i++) {
		const plumb_view *v = views->items[i];
		if (!plumb__pgp_view_created(p, plumb__pgp_key(p, v->schema, v->name)))
			continue;
		item *it = &items[n];
		fake[n].to = v;
		fake[n].kind = PLUMB_OBJ_VIEW;
		it->c = &fake[n];
		it->name = plumb__pgp_fmt(p, "view %s", plumb__pgp_dn(p, v->schema, v->name));
		plumb__pgp_vec_add(p, &it->provides, plumb__pgp_key(p, v->schema, v->name));
		for (size_t j = 0; j < v->depends.n; j++)
			if (!plumb__pgp_str_eq(v->depends.items[j],
					       plumb__pgp_key(p, v->schema, v->name)))
				plumb__pgp_vec_add(p, &it->deps, v->depends.items[j]);
		plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_view_sql(v), true);
		for (size_t j = 0; j < p->late_functions.n; j++) {
			const plumb_object *fn = ((const plumb_change *)p->late_functions.items[j])->to;
			if (plumb__pg_refs_has(&r.funcs, fn->schema,
					       plumb__pgp_func_base(p, fn->name), true))
				plumb__pgp_vec_add(p, &it->deps,
						   plumb__pgp_key(p, fn->schema,
								  plumb__pgp_func_base(p,
										       fn->name)));
		}
		plumb__pgp_vec_add(p, &p->new_rels, plumb__pgp_key(p, v->schema, v->name));
		n++;
	}
	for (size_t i = 0; i < p->late_functions.n; i++) {
		item *it = &items[n++];
		it->c = p->late_functions.items[i];
		object_item(p, it, it->c->to);
	}
	run_items(p, items, n, plumb__pgp_create_view_or_function);
}

/* Drops the views p->drop_view marks, a view before the views it reads:
 * reverse creation order, then repeat until none left that another pending
 * one reads. The functions p->drop_bound marks go among them, each once no
 * view or function left calls it (plan_bound.c). False when it failed
 * (p->rc holds why). */
bool plumb__pgp_drop_views(planner *p)
{
	size_t nv = p->from->views.n;
	bool *left = plumb_arena_alloc(p->tmp, nv + 1);
	bool *left_fn = plumb_arena_alloc(p->tmp, p->from->objects.n + 1);
	if (!left || !left_fn) {
		plumb__pgp_nomem(p);
		return false;
	}
	size_t n_left = 0;
	for (size_t i = 0; i < nv; i++)
		n_left += left[i] = p->drop_view[i];
	for (size_t i = 0; i < p->from->objects.n; i++)
		left_fn[i] = p->drop_bound[i];
	while (!p->rc) {
		if (plumb__pgp_drop_bound_step(p, left_fn, left))
			continue;
		if (!n_left)
			break;
		size_t pick = nv;
		for (size_t i = nv; i-- > 0 && pick == nv;) {
			if (!left[i])
				continue;
			const plumb_view *v = p->from->views.items[i];
			const char *k = plumb__pgp_key(p, v->schema, v->name);
			bool read = false;
			for (size_t j = 0; j < nv && !read; j++) {
				const plumb_view *w = p->from->views.items[j];
				read = j != i && left[j] && plumb__pgp_vec_has(&w->depends, k);
			}
			read = read || plumb__pgp_bound_reads(p, left_fn, k);
			if (!read)
				pick = i;
		}
		if (pick == nv) {
			plumb_buf b;
			plumb_buf_init(&b, p->tmp, 0);
			for (size_t i = 0; i < nv; i++)
				if (left[i])
					plumb_buf_printf(&b, "%s%s", b.len ? ", " : "",
							 ((plumb_view *)p->from->views.items[i])->name);
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not order the changes: views read each other in "
						"a cycle: %s",
						plumb_buf_str(&b));
			return false;
		}
		const plumb_view *v = p->from->views.items[pick];
		plumb_stmt *s = plumb__pgp_emit(p, "DROP %sVIEW %s",
						v->materialized ? "MATERIALIZED " : "",
						plumb__pgp_Q(p, v->schema, v->name));
		if (plumb__pgp_view_in_to(p, v) &&
		    !plumb__pgp_find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name, true))
			plumb__pgp_note(
				p, s,
				"reads a table or view that changes: dropped here, created again "
				"after");
		plumb__pgp_ae(p, s,
			      plumb__pgp_fmt(p, "view \"%s\"",
					     plumb__pgp_dn(p, v->schema, v->name)));
		left[pick] = false;
		n_left--;
	}
	return true;
}

/* Can drop item i go: does no other pending one need it (hard needs in
 * provides, soft ones in soft; with soft, those count too)? */
static bool drop_ready(const item *items, size_t n, size_t i, bool soft)
{
	for (size_t j = 0; j < n; j++) {
		if (j == i || items[j].done)
			continue;
		for (size_t k = 0; k < items[i].deps.n; k++)
			if (plumb__pgp_vec_has(&items[j].provides, items[i].deps.items[k]) ||
			    (soft && plumb__pgp_vec_has(&items[j].soft, items[i].deps.items[k])))
				return false;
	}
	return true;
}

/* Objects that go, each once nothing else going needs it. Here an item's
 * deps are its own keys and provides (soft) what it needs (object_deps). */
void plumb__pgp_phase_late_drops(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	item *items = plumb_arena_alloc(p->tmp, (ch->n + 1) * sizeof(item));
	size_t n = 0;
	if (!items) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op != PLUMB_CHANGE_DROP || !is_mid_kind(c->kind) || c->kind == PLUMB_OBJ_TABLE)
			continue;
		const plumb_object *o = c->from;
		if (o->kind == PLUMB_OBJ_SEQUENCE &&
		    plumb__pgp_vec_has(&p->adopted, plumb__pgp_key(p, o->schema, o->name)))
			continue;
		if ((o->kind == PLUMB_OBJ_FUNCTION || o->kind == PLUMB_OBJ_DOMAIN) &&
		    plumb__pgp_is_set_aside(p,
					    o->kind == PLUMB_OBJ_FUNCTION ? "function" : "domain",
					    o->schema, o->name))
			continue; /* an enum rebuild dropped it */
		item *it = &items[n++];
		it->c = c;
		if (o->kind == PLUMB_OBJ_SCHEMA)
			plumb__pgp_vec_add(p, &it->deps, plumb__pgp_fmt(p, "schema:%s", o->name));
		else
			plumb__pgp_vec_add(p, &it->deps, plumb__pgp_key(p, o->schema, o->name));
		if (o->kind == PLUMB_OBJ_FUNCTION)
			plumb__pgp_vec_add(p, &it->deps,
					   plumb__pgp_key(p, o->schema,
							  plumb__pgp_func_base(p, o->name)));
		/* as created: extensions after everything else but schemas */
		if (o->kind == PLUMB_OBJ_EXTENSION)
			plumb__pgp_vec_add(p, &it->deps, "extension");
		else if (o->kind != PLUMB_OBJ_SCHEMA)
			plumb__pgp_vec_add(p, &it->provides, "extension");
		object_deps(p, p->from, o, &it->provides, &it->soft);
	}
	for (size_t left = n; left && !p->rc; left--) {
		size_t pick = n;
		for (int pass = 0; pass < 2 && pick == n; pass++)
			for (size_t i = 0; i < n && pick == n; i++)
				if (!items[i].done && drop_ready(items, n, i, pass == 0))
					pick = i;
		if (pick == n) /* a cycle: PostgreSQL will say which */
			for (pick = 0; items[pick].done; pick++)
				;
		items[pick].done = true;
		plumb__pgp_drop_object(p, items[pick].c->from);
	}
}
