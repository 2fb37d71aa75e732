/*
 * The planner's dependencies and the orders of its creating phases: what
 * each object, table and view provides and needs, as keys for the one
 * ordering engine (plan/order.h), and the sorts of the middle phase
 * (plan_mid) and of the views with the functions that wait for them
 * (create_views). The drops' orders are in plan_drop.c. It builds no
 * statement itself: the steps it runs are in the other plan_*.c files.
 *
 * Keys: a relation, type, domain, enum, sequence or collation is
 * "schema.name" (PostgreSQL gives tables and types one namespace); a schema
 * "schema:name"; a function "schema.f(args)" for its identity,
 * "func:schema.f" for a qualified call and "func:*.f" for an unqualified one
 * (found through search_path); "extension" stands for whatever extensions
 * bring. Names come from parse trees (refs.h) and catalog fields, never from
 * searching text.
 */
#include "dialect/pg/plan_int.h"

/* --- keys --------------------------------------------------------------- */

static const char *rel_key(planner *p, const plumb_pg_name *n)
{
	return plumb__pgp_key(p, n->schema ? n->schema : "public", n->name);
}

const char *plumb__pgp_call_key(planner *p, const char *schema, const char *base)
{
	return schema ? plumb__pgp_fmt(p, "func:%s.%s", schema, base)
		      : plumb__pgp_fmt(p, "func:*.%s", base);
}

/* The keys a call of each function in funcs needs, into v. */
static void need_calls(planner *p, const plumb_vec *funcs, plumb_vec *v)
{
	for (size_t i = 0; i < funcs->n; i++) {
		const plumb_pg_name *n = funcs->items[i];
		plumb__pgp_vec_add(p, v, plumb__pgp_call_key(p, n->schema, n->name));
	}
}

/* The keys a use of each operator in ops needs ("op:schema.name", or
 * "op:*.name" unqualified), into v. */
static void need_ops(planner *p, const plumb_vec *ops, plumb_vec *v)
{
	for (size_t i = 0; i < ops->n; i++) {
		const plumb_pg_name *n = ops->items[i];
		plumb__pgp_vec_add(
			p, v, plumb__pgp_fmt(p, "op:%s.%s", n->schema ? n->schema : "*", n->name));
	}
}

void plumb__pgp_call_keys(planner *p, const char *sql, plumb_vec *v)
{
	plumb_pg_refs r = plumb__pgp_refs_of(p, sql, true);
	need_calls(p, &r.funcs, v);
	need_ops(p, &r.ops, v);
}

static void need_rels(planner *p, const plumb_vec *names, plumb_vec *v)
{
	for (size_t i = 0; i < names->n; i++)
		plumb__pgp_vec_add(p, v, rel_key(p, names->items[i]));
}

void plumb__pgp_object_keys(planner *p, const plumb_object *o, plumb_vec *v)
{
	if (o->kind == PLUMB_OBJ_SCHEMA) {
		plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "schema:%s", o->name));
		return;
	}
	if (o->kind == PLUMB_OBJ_FDW || o->kind == PLUMB_OBJ_SERVER) {
		plumb__pgp_vec_add(p, v,
				   plumb__pgp_fmt(p, "%s:%s",
						  o->kind == PLUMB_OBJ_FDW ? "fdw" : "server",
						  o->name));
		return;
	}
	plumb__pgp_vec_add(p, v, plumb__pgp_key(p, o->schema, o->name));
	plumb__pgp_opc_keys(p, o, v);
	if (o->kind == PLUMB_OBJ_OPERATOR) {
		const char *base = plumb__pgp_func_base(p, o->name);
		plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "op:%s.%s", o->schema, base));
		plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "op:*.%s", base));
	}
	if (o->kind != PLUMB_OBJ_FUNCTION)
		return;
	const char *base = plumb__pgp_func_base(p, o->name);
	plumb__pgp_vec_add(p, v, plumb__pgp_call_key(p, o->schema, base));
	plumb__pgp_vec_add(p, v, plumb__pgp_call_key(p, NULL, base));
}

bool plumb__pgp_over_types(const plumb_object *o)
{
	return o->kind == PLUMB_OBJ_DOMAIN || o->kind == PLUMB_OBJ_TYPE ||
	       o->kind == PLUMB_OBJ_FUNCTION;
}

void plumb__pgp_object_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
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
	if (o->kind == PLUMB_OBJ_RULE) {
		/* its relation, and what its condition and actions read, write,
		 * name and call */
		plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true);
		plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, o->schema, o->table ? o->table : ""));
		need_rels(p, &r.rels, deps);
		need_rels(p, &r.types, deps);
		need_rels(p, &r.colls, deps);
		need_calls(p, &r.funcs, deps);
		return;
	}
	if (o->kind == PLUMB_OBJ_OPFAMILY || o->kind == PLUMB_OBJ_OPCLASS) {
		plumb__pgp_opc_deps(p, cat, o, deps);
		return;
	}
	if (o->kind == PLUMB_OBJ_OPERATOR || o->kind == PLUMB_OBJ_CAST) {
		/* its argument types and functions; the operators it names as
		 * COMMUTATOR or NEGATOR may come after it (a shell stands in) */
		plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true);
		need_rels(p, &r.types, deps);
		need_calls(p, &r.funcs, deps);
		return;
	}
	if (!plumb__pgp_over_types(o))
		return;
	plumb_pg_refs r = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true);
	for (size_t i = 0; i < r.types.n; i++) {
		const plumb_pg_name *n = r.types.items[i];
		const char *s = n->schema ? n->schema : "public";
		/* a function's row types and what its body reads give way to a
		 * cycle; a domain's or type's base is needed */
		bool row = o->kind == PLUMB_OBJ_FUNCTION &&
			   (plumb_catalog_find(cat, PLUMB_OBJ_TABLE, s, n->name) ||
			    plumb_catalog_find(cat, PLUMB_OBJ_VIEW, s, n->name));
		plumb__pgp_vec_add(p, row ? soft : deps, rel_key(p, n));
	}
	need_rels(p, &r.colls, deps);
	need_calls(p, &r.funcs, deps);
	if (o->kind == PLUMB_OBJ_FUNCTION) {
		need_rels(p, &r.rels, soft);
		need_calls(p, &r.body_funcs, soft);
	}
}

void plumb__pgp_table_deps(planner *p, const plumb_catalog *cat, const plumb_table *t,
			   const plumb_table_delta *d, plumb_vec *deps)
{
	plumb__pgp_vec_add(p, deps,
			   plumb__pgp_fmt(p, "schema:%s", t->schema ? t->schema : "public"));
	if (t->server)
		plumb__pgp_vec_add(p, deps, plumb__pgp_fmt(p, "server:%s", t->server));
	if (t->partition_of) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, t->partition_of, &ps, &pn);
		plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, ps, pn));
	}
	for (size_t i = 0; i < t->inherits.n; i++) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, t->inherits.items[i], &ps, &pn);
		plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, ps, pn));
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
		const plumb_object *o = plumb__pgp_find_type_object(p, cat, c->type);
		if (o)
			plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, o->schema, o->name));
		if ((o = plumb__pgp_find_collation(p, cat, c->collation)))
			plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, o->schema, o->name));
		if (!c->default_sql && !c->generated_sql)
			continue;
		plumb_pg_refs r = plumb__pgp_refs_of(p, c->default_sql, false);
		plumb_pg_refs g = plumb__pgp_refs_of(p, c->generated_sql, false);
		need_calls(p, &r.funcs, deps);
		need_calls(p, &g.funcs, deps);
		need_ops(p, &r.ops, deps);
		need_ops(p, &g.ops, deps);
		need_rels(p, &r.rels, deps); /* nextval('seq') */
	}
	const plumb_vec *cons = d ? &d->added_constraints : &t->constraints;
	for (size_t i = 0; i < cons->n; i++) {
		const plumb_constraint *con = cons->items[i];
		if (con->kind == PLUMB_CON_EXCLUDE)
			plumb__pgp_exclusion_deps(p, con->definition, deps);
		if (con->kind != PLUMB_CON_CHECK)
			continue;
		plumb_pg_refs r = plumb__pgp_refs_of(p, con->check_sql, false);
		need_calls(p, &r.funcs, deps);
		need_ops(p, &r.ops, deps);
	}
}

/* --- steps and the sort --------------------------------------------------- */

plumb_order *plumb__pgp_order_new(planner *p)
{
	plumb_order *o = plumb_order_new(p->tmp);
	if (!o)
		plumb__pgp_nomem(p);
	return o;
}

void plumb__pgp_order_step(planner *p, plumb_order *o, const char *label, void *payload,
			   const plumb_vec *provides, const plumb_vec *deps, const plumb_vec *soft)
{
	long s;
	int rc = 0;
	if (!o || p->st.rc)
		return;
	if ((s = plumb_order_add(o, label, payload)) < 0) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; provides && !rc && i < provides->n; i++)
		rc = plumb_order_provides(o, s, provides->items[i]);
	for (size_t i = 0; deps && !rc && i < deps->n; i++)
		rc = plumb_order_needs(o, s, deps->items[i], false);
	for (size_t i = 0; soft && !rc && i < soft->n; i++)
		rc = plumb_order_needs(o, s, soft->items[i], true);
	if (rc)
		plumb__pgp_nomem(p);
}

bool plumb__pgp_order_sort(planner *p, plumb_order *o, plumb_order_dir dir, plumb_vec *out)
{
	int rc;
	out->n = 0;
	if (p->st.rc || !o)
		return false;
	if ((rc = plumb_order_sort(p->ctx, o, dir, out)) != 0) {
		p->st.rc = rc;
		return false;
	}
	return true;
}

/* --- the creating phases -------------------------------------------------- */

typedef struct item {
	const plumb_change *c;
	const char *name; /* for cycle reports */
	plumb_vec provides, deps, soft;
} item;

/* Sorts items (providers first) and runs fn on each in that order. */
static void run_items(planner *p, item *items, size_t n,
		      void (*fn)(planner *, const plumb_change *))
{
	plumb_order *o = plumb__pgp_order_new(p);
	plumb_vec order = {0};
	for (size_t i = 0; i < n; i++)
		plumb__pgp_order_step(p, o, items[i].name, &items[i], &items[i].provides,
				      &items[i].deps, &items[i].soft);
	if (!plumb__pgp_order_sort(p, o, PLUMB_ORDER_FORWARD, &order))
		return;
	for (size_t i = 0; i < order.n && !p->st.rc; i++)
		fn(p, ((const item *)order.items[i])->c);
}

static bool is_mid_kind(plumb_obj_kind k)
{
	return k == PLUMB_OBJ_SCHEMA || k == PLUMB_OBJ_EXTENSION || k == PLUMB_OBJ_COLLATION ||
	       k == PLUMB_OBJ_ENUM || k == PLUMB_OBJ_DOMAIN || k == PLUMB_OBJ_TYPE ||
	       k == PLUMB_OBJ_SEQUENCE || k == PLUMB_OBJ_FUNCTION || k == PLUMB_OBJ_OPERATOR ||
	       k == PLUMB_OBJ_CAST || k == PLUMB_OBJ_TS_DICT || k == PLUMB_OBJ_TS_CONFIG ||
	       k == PLUMB_OBJ_OPFAMILY || k == PLUMB_OBJ_OPCLASS || k == PLUMB_OBJ_FDW ||
	       k == PLUMB_OBJ_SERVER || k == PLUMB_OBJ_TABLE;
}

bool plumb__pgp_is_late_kind(plumb_obj_kind k)
{
	return is_mid_kind(k) && k != PLUMB_OBJ_TABLE;
}

/* The item of a created or changed object (not a table) of the middle phase. */
static void object_item(planner *p, item *it, const plumb_object *o)
{
	it->name = plumb__pgp_fmt(p, "%s %s", plumb_obj_kind_name(o->kind),
				  plumb__pgp_dn(p, o->schema, o->name));
	plumb__pgp_object_keys(p, o, &it->provides);
	if (o->kind == PLUMB_OBJ_SCHEMA)
		return;
	/* what an extension brings (types, functions) is not in the catalog:
	 * extensions come before everything but schemas */
	if (o->kind == PLUMB_OBJ_EXTENSION)
		plumb__pgp_vec_add(p, &it->provides, "extension");
	else
		plumb__pgp_vec_add(p, &it->deps, "extension");
	plumb__pgp_object_deps(p, p->to, o, &it->deps, &it->soft);
}

/* Does item a wait for what item b provides (hard needs)? */
static bool needs(const item *a, const item *b)
{
	for (size_t k = 0; k < b->provides.n; k++)
		if (plumb__pgp_vec_has(&a->deps, b->provides.items[k]))
			return true;
	return false;
}

/* Does an item other than items[i], and not late, wait for what items[i]
 * provides? */
static bool item_needed(const item *items, size_t n, size_t i, const bool *late)
{
	for (size_t j = 0; j < n; j++)
		for (size_t k = 0; j != i && !late[j] && k < items[i].provides.n; k++)
			if (plumb__pgp_vec_has(&items[j].deps, items[i].provides.items[k]) ||
			    plumb__pgp_vec_has(&items[j].soft, items[i].provides.items[k]))
				return true;
	return false;
}

/* Does the function of item it read a view this plan creates? */
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
	bool *late = plumb_arena_alloc(p->tmp, ch->n + 1);
	size_t n = 0;
	if (!items || !late) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op == PLUMB_CHANGE_DROP || !is_mid_kind(c->kind))
			continue;
		if (c->kind == PLUMB_OBJ_FUNCTION && c->op == PLUMB_CHANGE_ALTER &&
		    plumb__pgp_is_set_aside_early(p, c->from))
			continue; /* created with the views it is over */
		item *it = &items[n];
		*it = (item){.c = c};
		late[n++] = false;
		if (c->kind == PLUMB_OBJ_TABLE) {
			const plumb_table *t = c->to;
			it->name = plumb__pgp_fmt(p, "table %s",
						  plumb__pgp_dn(p, t->schema, t->name));
			plumb__pgp_vec_add(p, &it->provides, plumb__pgp_key(p, t->schema, t->name));
			plumb__pgp_vec_add(p, &it->deps, "extension");
			bool recreate = c->op == PLUMB_CHANGE_ALTER && c->delta->options_changed &&
					plumb__pgp_partitioning_changed(c->from, t);
			plumb__pgp_table_deps(p, p->to, t,
					      c->op == PLUMB_CHANGE_CREATE || recreate ? NULL
										: c->delta,
					      &it->deps);
			continue;
		}
		object_item(p, it, c->to);
	}
	/* A function whose body reads a view created in this plan waits for
	 * the views, and so does one calling a function that waits (when nothing
	 * else here needs it). */
	size_t n_late = 0;
	for (size_t i = 0; i < n; i++)
		n_late += late[i] = items[i].c->kind == PLUMB_OBJ_FUNCTION &&
				    reads_new_view(p, &items[i]);
	for (bool again = n_late > 0; again;) {
		again = false;
		for (size_t j = 0; j < n; j++)
			for (size_t i = 0; i < n && !late[j]; i++)
				if (late[i] && items[j].c->kind == PLUMB_OBJ_FUNCTION &&
				    needs(&items[j], &items[i]))
					late[j] = again = true;
	}
	for (bool again = n_late > 0; again;) {
		again = false;
		for (size_t i = 0; i < n; i++)
			if (late[i] && item_needed(items, n, i, late))
				late[i] = !(again = true);
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (!late[i]) {
			items[m++] = items[i];
			continue;
		}
		if (plumb_vec_push(p->tmp, &p->late_functions, (void *)items[i].c))
			plumb__pgp_nomem(p);
	}
	run_items(p, items, m, plumb__pgp_mid_change);
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
		const char *k = plumb__pgp_key(p, v->schema, v->name);
		if (!plumb__pgp_view_created(p, k))
			continue;
		item *it = &items[n];
		*it = (item){.c = &fake[n]};
		fake[n] = (plumb_change){.to = v, .kind = PLUMB_OBJ_VIEW};
		it->name = plumb__pgp_fmt(p, "view %s", plumb__pgp_dn(p, v->schema, v->name));
		plumb__pgp_vec_add(p, &it->provides, k);
		for (size_t j = 0; j < v->depends.n; j++)
			if (!plumb__pgp_str_eq(v->depends.items[j], k))
				plumb__pgp_vec_add(p, &it->deps, v->depends.items[j]);
		plumb__pgp_call_keys(p, plumb__pgp_view_sql(v), &it->deps);
		plumb__pgp_set_add(p, &p->new_rels, k);
		n++;
	}
	for (size_t i = 0; i < p->late_functions.n; i++) {
		item *it = &items[n++];
		*it = (item){.c = p->late_functions.items[i]};
		object_item(p, it, it->c->to);
	}
	run_items(p, items, n, plumb__pgp_create_view_or_function);
}
