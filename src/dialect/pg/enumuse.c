/*
 * What depends on an enum that is rebuilt, found from the catalog and from
 * parse trees (refs.c): the domains over the type, the columns of the type
 * or of such a domain, and on their tables the indexes and CHECKs whose
 * expressions name the type (a literal cast to it) or one of those columns. It writes no SQL and reads no database.
 */
#include <string.h>

#include "dialect/pg/enumuse.h"
#include "dialect/pg/refs.h"

static bool same_schema(const char *a, const char *b)
{
	return strcmp(a ? a : "public", b ? b : "public") == 0;
}

/* Do the refs name the enum, or one of the columns? */
static bool uses(const plumb_pg_refs *r, const char *schema, const char *name,
		 const plumb_vec *columns)
{
	if (plumb__pg_refs_has(&r->types, schema, name, false))
		return true;
	for (size_t i = 0; i < columns->n; i++) {
		const plumb_column *c = columns->items[i];
		if (plumb__pg_refs_has(&r->cols, NULL, c->name, true))
			return true;
	}
	return false;
}

bool plumb__pg_type_is_domain(const char *coltype, const plumb_vec *domains)
{
	for (size_t i = 0; domains && i < domains->n; i++) {
		const plumb_object *d = domains->items[i];
		if (plumb__pg_type_names(coltype, d->schema, d->name))
			return true;
	}
	return false;
}

int plumb__pg_type_domains(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			   const char *name, plumb_vec *out)
{
	for (size_t i = 0; i < cat->objects.n; i++) {
		plumb_object *o = cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_DOMAIN)
			continue;
		if (plumb__pg_sql_names_type(arena, o->sql ? o->sql : o->definition, schema, name) &&
		    plumb_vec_push(arena, out, o))
			return -1;
	}
	return 0;
}

int plumb__pg_enum_uses(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			const char *name, const plumb_vec *domains, plumb_vec *out)
{
	for (size_t i = 0; i < cat->tables.n; i++) {
		const plumb_table *t = cat->tables.items[i];
		plumb_pg_enum_use *u = NULL;
		for (size_t j = 0; j < t->columns.n; j++) {
			plumb_column *c = t->columns.items[j];
			if (!plumb__pg_type_names(c->type, schema, name) &&
			    !plumb__pg_type_is_domain(c->type, domains))
				continue;
			if (!u) {
				if (!(u = plumb_arena_alloc(arena, sizeof(*u))) ||
				    plumb_vec_push(arena, out, u))
					return -1;
				u->table = t;
			}
			if (plumb_vec_push(arena, &u->columns, c))
				return -1;
		}
		if (!u)
			continue;
		for (size_t j = 0; j < cat->indexes.n; j++) {
			plumb_index *ix = cat->indexes.items[j];
			plumb_pg_refs r = {0};
			if (!same_schema(ix->schema, t->schema) || strcmp(ix->table, t->name) != 0)
				continue;
			if (plumb__pg_refs_sql(arena, ix->sql ? ix->sql : ix->definition, &r) < 0)
				return -1;
			if (uses(&r, schema, name, &u->columns) && plumb_vec_push(arena, &u->indexes, ix))
				return -1;
		}
		for (size_t j = 0; j < t->constraints.n; j++) {
			plumb_constraint *k = t->constraints.items[j];
			plumb_pg_refs r = {0};
			if (k->kind != PLUMB_CON_CHECK)
				continue;
			if (plumb__pg_refs_expr(arena, k->check_sql, &r) < 0)
				return -1;
			if (uses(&r, schema, name, &u->columns) && plumb_vec_push(arena, &u->checks, k))
				return -1;
		}
	}
	return 0;
}

bool plumb__pg_sql_names_type(plumb_arena *arena, const char *sql, const char *schema,
			      const char *name)
{
	plumb_pg_refs r = {0};
	if (!sql || plumb__pg_refs_sql(arena, sql, &r) < 0)
		return false;
	return plumb__pg_refs_has(&r.types, schema, name, false);
}

int plumb__pg_type_functions(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			     const char *name, plumb_vec *out)
{
	for (size_t i = 0; i < cat->objects.n; i++) {
		plumb_object *o = cat->objects.items[i];
		plumb_pg_refs r = {0};
		if (o->kind != PLUMB_OBJ_FUNCTION)
			continue;
		if (plumb__pg_refs_sql(arena, o->sql ? o->sql : o->definition, &r) < 0)
			return -1;
		if (!plumb__pg_refs_has(&r.types, schema, name, false))
			continue;
		bool seen = false;
		for (size_t j = 0; j < out->n && !seen; j++)
			seen = out->items[j] == o;
		if (!seen && plumb_vec_push(arena, out, o))
			return -1;
	}
	return 0;
}
