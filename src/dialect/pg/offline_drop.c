/*
 * The offline builder's DROP: the object a DROP names is checked as
 * PostgreSQL does (unless IF EXISTS) and forgotten in the catalog being
 * built, a table with its indexes and rules. It creates nothing and follows no other
 * dependency (CASCADE is not modelled).
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

/* --- DROP ----------------------------------------------------------------------------------- */

/* Whether the object a DROP without IF EXISTS names is there; when not, an
 * error as PostgreSQL's. Types and domains are not checked: not every kind
 * of type is modelled. */
static bool drop_target_exists(ox *x, PgQuery__DropStmt *ds, const char *schema, const char *name)
{
	const char *what = NULL;
	bool found = true;
	switch (ds->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		what = "table";
		found = find_table(x, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		what = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ? "view" : "materialized view";
		found = find_view(x, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		what = "index";
		found = plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		what = "sequence";
		found = find_object(x, PLUMB_OBJ_SEQUENCE, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION:
		what = "collation";
		found = find_object(x, PLUMB_OBJ_COLLATION, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		what = "schema";
		found = strcmp(name, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
		schema = NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		what = "extension";
		found = false;
		for (size_t j = 0; j < x->cat->objects.n && !found; j++) {
			const plumb_object *e = x->cat->objects.items[j];
			found = e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0;
		}
		schema = NULL;
		break;
	default:
		break;
	}
	if (found || ds->missing_ok)
		return true;
	error_at(x, x->loc, "%s \"%s\" does not exist", what,
		 schema ? shown(x, schema, name) : name);
	return false;
}

/* Forgets the rules on schema.table (named: only that one), as the server
 * drops them with their relation. False when a named rule is not there. */
static bool forget_rules(ox *x, const char *schema, const char *table, const char *name)
{
	bool found = false;
	for (size_t j = x->cat->objects.n; j-- > 0;) {
		const plumb_object *o = x->cat->objects.items[j];
		if (o->kind == PLUMB_OBJ_RULE && strcmp(o->schema, schema) == 0 &&
		    strcmp(o->table, table) == 0 && (!name || strcmp(o->name, name) == 0)) {
			plumb_catalog_remove(x->cat, &x->cat->objects, j);
			found = true;
		}
	}
	return found;
}

/* DROP RULE r ON t: the rule is the last name, its relation the others. */
static void drop_rule(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj)
{
	const char *schema = "public", *table = NULL, *name = NULL;
	if (obj->node_case != PG_QUERY__NODE__NODE_LIST || obj->list->n_items < 2)
		return;
	size_t n = obj->list->n_items;
	name = plumb__pg_strval(obj->list->items[n - 1]);
	split_names(obj->list->items, n - 1, &schema, &table);
	if (!name || !table)
		return;
	if (!find_table(x, schema, table) && !find_view(x, schema, table)) {
		if (!ds->missing_ok)
			error_at(x, x->loc, "relation \"%s\" does not exist",
				 shown(x, schema, table));
		return;
	}
	if (!forget_rules(x, schema, table, name) && !ds->missing_ok)
		error_at(x, x->loc, "rule \"%s\" for relation \"%s\" does not exist", name, table);
}

void drop_objects(ox *x, PgQuery__DropStmt *ds)
{
	for (size_t i = 0; i < ds->n_objects && !x->st.rc; i++) {
		PgQuery__Node *obj = ds->objects[i];
		const char *schema = "public", *name = NULL;
		if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_RULE) {
			drop_rule(x, ds, obj);
			continue;
		}
		if (obj->node_case == PG_QUERY__NODE__NODE_LIST)
			split_names(obj->list->items, obj->list->n_items, &schema, &name);
		else if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
			name = plumb__pg_strval(obj);
		else if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			split_names(obj->type_name->names, obj->type_name->n_names, &schema, &name);
		if (name && !drop_target_exists(x, ds, schema, name))
			return;
		switch (ds->remove_type) {
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: {
			plumb_table *t = name ? find_table(x, schema, name) : NULL;
			if (t) {
				plumb_catalog_remove_item(x->cat, &x->cat->tables, t);
				forget_name(x, &x->relnames, schema, name);
				forget_rules(x, schema, name, NULL);
				for (size_t j = x->cat->indexes.n; j-- > 0;) {
					plumb_index *ix = x->cat->indexes.items[j];
					if (strcmp(ix->schema, schema) == 0 && strcmp(ix->table, name) == 0)
						plumb_catalog_remove(x->cat, &x->cat->indexes, j);
				}
			}
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			if (name) {
				plumb_index *ix =
					plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, name);
				if (ix) {
					plumb_catalog_remove_item(x->cat, &x->cat->indexes, ix);
					forget_name(x, &x->relnames, schema, name);
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			if (name) {
				plumb_view *v = find_view(x, schema, name);
				if (v) {
					plumb_catalog_remove_item(x->cat, &x->cat->views, v);
					forget_name(x, &x->relnames, schema, name);
					forget_rules(x, schema, name, NULL);
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION: {
			plumb_object *o = name ? find_object(x, PLUMB_OBJ_COLLATION, schema, name) : NULL;
			if (o)
				plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
			if (!name)
				break;
			plumb_obj_kind kinds[3] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_TYPE, PLUMB_OBJ_DOMAIN};
			size_t nk = 3;
			if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
				kinds[0] = PLUMB_OBJ_SEQUENCE;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
				kinds[0] = PLUMB_OBJ_SCHEMA;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
				kinds[0] = PLUMB_OBJ_EXTENSION;
				nk = 1;
			}
			for (size_t k = 0; k < nk; k++) {
				const char *s = kinds[k] == PLUMB_OBJ_SCHEMA ? NULL : schema;
				plumb_object *o = NULL;
				if (kinds[k] == PLUMB_OBJ_EXTENSION) {
					for (size_t j = 0; j < x->cat->objects.n; j++) {
						plumb_object *e = x->cat->objects.items[j];
						if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0)
							o = e;
					}
				} else {
					o = find_object(x, kinds[k], s, name);
				}
				if (o && o->kind == PLUMB_OBJ_EXTENSION)
					note_extension(x, o->name, NULL);
				if (o)
					plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
			}
			break;
		}
		default:
			break;
		}
	}
}
