/*
 * Catalog construction, lookup and canonical order. plumb_catalog_find goes
 * through a hash index (util/map.h) keyed by kind, schema and name; the
 * index follows objects appended to the vectors by itself (see sync), so the
 * builders push to them as they always did, and removals, sorts and renames
 * in place start it over. Name-only lookups of the SQLite
 * planner stay linear.
 */
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "catalog/kinds.h"
#include "util/map.h"

/* What the index has seen of one vector: how many items, and the last of
 * them. Items appended since are indexed as they come; a vector that
 * shrank, or whose item at that place is another (a removal, a sort), makes
 * the index start over. */
typedef struct seen {
	size_t n;
	const void *last;
} seen;

enum { N_STORES = 5 };

struct plumb_catalog_index {
	plumb_map *map; /* (kind name, schema, name) -> the first such object */
	seen stores[N_STORES];
};

static size_t store_no(size_t store)
{
	static const size_t at[N_STORES] = {
		offsetof(plumb_catalog, tables), offsetof(plumb_catalog, indexes),
		offsetof(plumb_catalog, views), offsetof(plumb_catalog, triggers),
		offsetof(plumb_catalog, objects)};
	for (size_t i = 0; i < N_STORES; i++)
		if (at[i] == store)
			return i;
	return 0;
}

int plumb_catalog_new(plumb_ctx *ctx, plumb_arena *arena, const char *dialect, bool fold_case,
		      plumb_catalog **out)
{
	plumb_catalog *c = plumb_arena_alloc(arena, sizeof(*c));
	*out = NULL;
	if (!c)
		return plumb_error_nomem(ctx);
	c->arena = arena;
	c->dialect = dialect;
	c->fold_case = fold_case;
	*out = c;
	return 0;
}

bool plumb_catalog_name_eq(const plumb_catalog *cat, const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return cat->fold_case ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

#define FIND(vec, type)                                                 \
	for (size_t i = 0; i < cat->vec.n; i++) {                       \
		type *o = cat->vec.items[i];                            \
		if (plumb_catalog_name_eq(cat, o->name, name))          \
			return o;                                       \
	}                                                               \
	return NULL

plumb_table *plumb_catalog_find_table(const plumb_catalog *cat, const char *name)
{
	FIND(tables, plumb_table);
}

plumb_index *plumb_catalog_find_index(const plumb_catalog *cat, const char *name)
{
	FIND(indexes, plumb_index);
}

plumb_view *plumb_catalog_find_view(const plumb_catalog *cat, const char *name)
{
	FIND(views, plumb_view);
}

plumb_trigger *plumb_catalog_find_trigger(const plumb_catalog *cat, const char *name)
{
	FIND(triggers, plumb_trigger);
}

const plumb_vec *plumb_catalog_objects_of(const plumb_catalog *cat, plumb_obj_kind kind)
{
	return plumb_kind_objects(plumb_kind(kind), cat);
}

static bool schema_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A new empty index in place of the old one; false when out of memory. */
static bool reset(const plumb_catalog *cat)
{
	struct plumb_catalog_index *ix = cat->index;
	ix->map = plumb_map_new(cat->arena, cat->fold_case);
	memset(ix->stores, 0, sizeof(ix->stores));
	return ix->map != NULL;
}

/* Brings the index up with the vector of kind d; false when out of memory. */
static bool sync(const plumb_catalog *cat, const plumb_kind_desc *d)
{
	const plumb_vec *v = plumb_kind_objects(d, cat);
	seen *st = &cat->index->stores[store_no(d->store)];
	/* a reset that ran out of memory left no map */
	if (!cat->index->map && !reset(cat))
		return false;
	if (st->n > v->n || (st->n && v->items[st->n - 1] != st->last)) {
		if (!reset(cat))
			return false;
		st = &cat->index->stores[store_no(d->store)];
	}
	for (size_t i = st->n; i < v->n; i++) {
		const plumb_object *o = v->items[i]; /* schema and name lead every struct */
		const char *kn = plumb_kind_is_generic(d) ? plumb_obj_kind_name(o->kind) : d->name;
		if (!o->name || plumb_map_find(cat->index->map, kn, o->schema, o->name, NULL))
			continue; /* the first of a name stays */
		if (plumb_map_put(cat->index->map, kn, o->schema, o->name, v->items[i]) < 0)
			return false;
	}
	st->n = v->n;
	st->last = v->n ? v->items[v->n - 1] : NULL;
	return true;
}

void *plumb_catalog_find(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			 const char *name)
{
	const plumb_kind_desc *d = plumb_kind(kind);
	if (!name)
		return NULL;
	if (!cat->index) {
		struct plumb_catalog_index *ix = plumb_arena_alloc(cat->arena, sizeof(*ix));
		if (!ix)
			return NULL;
		((plumb_catalog *)cat)->index = ix; /* a cache: the catalog's contents stay */
		if (!reset(cat))
			return NULL;
	}
	if (!sync(cat, d))
		return NULL;
	const plumb_object *o = plumb_map_get(cat->index->map, d->name, schema, name);
	if (!o || (schema_eq(o->schema, schema) && plumb_catalog_name_eq(cat, o->name, name)))
		return (void *)o;
	/* renamed in place without a word, or a schema equal only folded: the
	 * index starts over, and the vector is read as it is */
	reset(cat);
	const plumb_vec *v = plumb_kind_objects(d, cat);
	for (size_t i = 0; i < v->n; i++) {
		o = v->items[i];
		if (plumb_kind_holds(d, o) && schema_eq(o->schema, schema) &&
		    plumb_catalog_name_eq(cat, o->name, name))
			return v->items[i];
	}
	return NULL;
}

void plumb_catalog_changed(plumb_catalog *cat)
{
	cat->changes++;
	if (cat->index)
		reset(cat);
}

void plumb_catalog_remove(plumb_catalog *cat, plumb_vec *v, size_t i)
{
	plumb_vec_remove(v, i);
	plumb_catalog_changed(cat);
}

void plumb_catalog_remove_item(plumb_catalog *cat, plumb_vec *v, const void *p)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i] == p) {
			plumb_catalog_remove(cat, v, i);
			return;
		}
}

plumb_column *plumb_table_find_column(const plumb_catalog *cat, const plumb_table *t,
				      const char *name)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *c = t->columns.items[i];
		if (plumb_catalog_name_eq(cat, c->name, name))
			return c;
	}
	return NULL;
}

/* Each object type starts with schema then name, so one comparator serves. */
typedef struct named {
	const char *schema;
	const char *name;
} named;

static int cmp_named(const void *a, const void *b)
{
	const named *x = *(const named *const *)a, *y = *(const named *const *)b;
	int r = strcmp(x->schema ? x->schema : "", y->schema ? y->schema : "");
	if (r)
		return r;
	r = strcasecmp(x->name, y->name);
	return r ? r : strcmp(x->name, y->name);
}

static int cmp_object(const void *a, const void *b)
{
	const plumb_object *x = *(const plumb_object *const *)a;
	const plumb_object *y = *(const plumb_object *const *)b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return cmp_named(a, b);
}

void plumb_catalog_sort(plumb_catalog *cat)
{
	plumb_catalog_changed(cat);
	plumb_vec_sort(&cat->objects, cmp_object);
	plumb_vec_sort(&cat->tables, cmp_named);
	plumb_vec_sort(&cat->indexes, cmp_named);
	plumb_vec_sort(&cat->triggers, cmp_named);
}

bool plumb_catalog_is_empty(const plumb_catalog *cat)
{
	return !cat->tables.n && !cat->indexes.n && !cat->views.n && !cat->triggers.n &&
	       !cat->objects.n;
}
