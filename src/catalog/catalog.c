/*
 * Catalog construction, lookup and canonical order. Lookups are linear: a
 * catalog of a few thousand objects is compared once per run, and a hash index
 * can come when a profile asks for it.
 */
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "catalog/kinds.h"

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

void *plumb_catalog_find(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			 const char *name)
{
	const plumb_kind_desc *d = plumb_kind(kind);
	const plumb_vec *v = plumb_kind_objects(d, cat);
	for (size_t i = 0; i < v->n; i++) {
		const plumb_object *o = v->items[i]; /* schema and name lead every struct */
		if (!plumb_kind_holds(d, o))
			continue;
		if (schema_eq(o->schema, schema) && plumb_catalog_name_eq(cat, o->name, name))
			return v->items[i];
	}
	return NULL;
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
